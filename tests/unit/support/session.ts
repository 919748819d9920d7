// The seam between the tests and Auth.js: which account the session cookie
// names. Auth.js reads the cookie from the request Next is serving, which an
// in-process test does not have; `auth()` is replaced by the session the test
// names, and everything after it runs as in production: app/auth.ts
// `currentActor` re-reads the account (so a deactivated one is nobody), the API
// routes and the server actions, the services. Use in a test file:
//
//   vi.mock('next-auth', async (original) => (await import('./support/session')).mockNextAuth(await original()));
//   vi.mock('next/cache', async () => (await import('./support/session')).mockNextCache());
//   vi.mock('next/headers', async (original) => (await import('./support/session')).mockNextHeaders(await original()));
import { vi } from 'vitest';

const state: { userId: string | null } = { userId: null };

/** The account the session cookie names from now on (null: no cookie). */
export function signInAs(userId: string | null): void {
  state.userId = userId;
}

/** Auth.js as app/auth.ts builds it, but its `auth()` reads the session the test named. */
export function mockNextAuth<M extends { default: (...args: never[]) => unknown }>(actual: M): M {
  const NextAuth = (...args: Parameters<M['default']>) => {
    const real = (actual.default as (...a: unknown[]) => Record<string, unknown>)(...args);
    return {
      ...real,
      auth: async () => (state.userId ? { user: { id: state.userId }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
      // Signing in and out set and clear the cookie of a response Next is sending: recorded instead.
      signIn: vi.fn(async () => undefined),
      signOut: vi.fn(async () => undefined),
    };
  };
  return { ...actual, default: NextAuth };
}

/** Revalidation needs Next's request store; nothing is cached in a test. */
export function mockNextCache() {
  return { revalidatePath: vi.fn(), revalidateTag: vi.fn() };
}

/** The cookie jar of the response being sent, as a map. */
export function mockNextHeaders<M extends object>(actual: M): M {
  const jar = new Map<string, string>();
  return {
    ...actual,
    cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined), set: (name: string, value: string) => void jar.set(name, value) }),
  };
}
