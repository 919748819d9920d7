// The session cookie's flags as Auth.js sets them through app/auth.ts, signing
// in through its real route handler in-process: httpOnly and SameSite=Lax
// always; Secure, with the __Secure- prefix, when the request reached Crux over
// HTTPS (a TLS-terminating proxy says so with X-Forwarded-Proto).
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db/client';
import { upsertUser } from '../../lib/services/users';
import { testProvider, useProcessDatabase } from './support/database';

// Sessions are signed with AUTH_SECRET (npm start makes one in data/auth-secret).
process.env.AUTH_SECRET ??= 'a secret for the session cookies of this test only';
const { handlers } = await import('../../app/auth');
const PASSWORD = 'plume verte sous la pluie';

/** Signs in as Auth.js's sign-in form does (CSRF token, then the credentials); the Set-Cookie headers of the answer. */
async function signInOver(proto: 'http' | 'https', email: string): Promise<string[]> {
  const headers = { host: 'crux.test', 'x-forwarded-proto': proto };
  const csrf = await handlers.GET(new Request(`${proto}://crux.test/api/auth/csrf`, { headers }) as never);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const body = new URLSearchParams({ csrfToken, email, password: PASSWORD, callbackUrl: `${proto}://crux.test/` });
  const answer = await handlers.POST(
    new Request(`${proto}://crux.test/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `192.0.2.${proto.length}` },
      body,
    }) as never,
  );
  expect(answer.status).toBe(302);
  return answer.headers.getSetCookie();
}

describe(`the session cookie on ${testProvider}`, { timeout: 60_000 }, () => {
  useProcessDatabase();
  const email = `cookie-${Date.now()}@example.org`;
  beforeAll(async () => {
    await upsertUser(db(), { email, password: PASSWORD, role: 'reviewer' });
  });

  it('over HTTPS: __Secure- prefixed, Secure, httpOnly, SameSite=Lax', async () => {
    const session = (await signInOver('https', email)).find((c) => c.includes('authjs.session-token='));
    expect(session).toMatch(/^__Secure-authjs\.session-token=/);
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
  });

  it('over plain HTTP (a machine of one’s own): httpOnly and SameSite=Lax, not Secure (a browser would drop it)', async () => {
    const session = (await signInOver('http', email)).find((c) => c.includes('authjs.session-token='));
    expect(session).toMatch(/^authjs\.session-token=/);
    expect(session).not.toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
  });
});
