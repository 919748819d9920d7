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

const state: { userId: string | null; sessionId: Promise<string> | null; headers: Record<string, string> } = { userId: null, sessionId: null, headers: {} };

/** The headers of the requests server actions are called in from now on (a client's address, say). */
export function setRequestHeaders(headers: Record<string, string>): void {
  state.headers = headers;
}

/**
 * Signs the account in (null: no cookie): from the next request on, the cookie
 * names a new session of that account, recorded as a real sign-in records it
 * (lib/services/sessions), so that ending sessions ends this one too.
 */
export function signInAs(userId: string | null): void {
  state.userId = userId;
  state.sessionId = null;
}

async function sessionOf(userId: string): Promise<string> {
  const [{ db }, { startSession }] = await Promise.all([import('../../../lib/db/client'), import('../../../lib/services/sessions')]);
  return startSession(db(), userId);
}

/** Auth.js as app/auth.ts builds it, but its `auth()` reads the session the test named. */
export function mockNextAuth<M extends { default: (...args: never[]) => unknown }>(actual: M): M {
  const NextAuth = (...args: Parameters<M['default']>) => {
    const real = (actual.default as (...a: unknown[]) => Record<string, unknown>)(...args);
    return {
      ...real,
      auth: async () => {
        if (!state.userId) return null;
        state.sessionId ??= sessionOf(state.userId);
        return { user: { id: state.userId }, sessionId: await state.sessionId, expires: new Date(Date.now() + 3_600_000).toISOString() };
      },
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
    // The request's headers as the test set them (setRequestHeaders); by default none, so the
    // client's address is unknown (one shared rate-limit counter).
    headers: async () => new Headers(state.headers),
    cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined), set: (name: string, value: string) => void jar.set(name, value) }),
  };
}
