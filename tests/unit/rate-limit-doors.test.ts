// The rate limits where requests come in (app/api/api-route.ts, app/actions.ts):
// writes per account through the API, unknown tokens per address (a good token
// at the same address still served), registrations per address through the
// form's action. The counting itself is tests/unit/sign-in-limits.test.ts's.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '../../lib/db/client';
import { REGISTRATION_PER_ADDRESS, TOKEN_FAILURES_PER_ADDRESS, WRITES_PER_USER } from '../../lib/security/rate-limits';
import type { Actor } from '../../lib/services/context';
import { createToken } from '../../lib/services/tokens';
import { makeUser, testProvider, useProcessDatabase } from './support/database';
import { setRequestHeaders, signInAs } from './support/session';

vi.mock('next-auth', async (original) => (await import('./support/session')).mockNextAuth(await original()));
vi.mock('next/cache', async () => (await import('./support/session')).mockNextCache());
vi.mock('next/headers', async (original) => (await import('./support/session')).mockNextHeaders(await original()));

const actions = await import('../../app/actions');
const notificationsRead = await import('../../app/api/v1/notifications/read/route');
const articles = await import('../../app/api/v1/articles/route');

type Handler = (request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;

function send(handler: Handler, method: string, path: string, token: string, address: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-forwarded-for': address };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return handler(new Request(`http://crux.test${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) }), { params: Promise.resolve({}) });
}

describe(`rate limits at the doors on ${testProvider}`, { timeout: 120_000 }, () => {
  useProcessDatabase();
  let reviewer: Actor;
  let token: string;

  beforeAll(async () => {
    reviewer = await makeUser(db(), 'reviewer');
    token = (await createToken(db(), reviewer.id, { name: 'Script' })).token;
  }, 60_000);

  afterAll(async () => {
    signInAs(null);
    setRequestHeaders({});
  });

  it('writes per account through the API: past the limit, 429 with Retry-After; reads still answered', async () => {
    const write = () => send(notificationsRead.POST as Handler, 'POST', '/api/v1/notifications/read', token, '203.0.113.1', { all: true });
    for (let i = 0; i < WRITES_PER_USER.points; i += 1) expect((await write()).status).toBe(200);
    const refused = await write();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { key: string } }).error.key).toBe('rateLimited');
    expect((await send(articles.GET as Handler, 'GET', '/api/v1/articles', token, '203.0.113.1')).status).toBe(200);
  });

  it('unknown tokens per address: past the limit, 429 for the next unknown one; a good token from there is still served', async () => {
    const address = '203.0.113.2';
    const unknown = () => send(articles.GET as Handler, 'GET', '/api/v1/articles', 'crux_not-a-token', address);
    for (let i = 0; i < TOKEN_FAILURES_PER_ADDRESS.points; i += 1) expect((await unknown()).status).toBe(401);
    expect((await unknown()).status).toBe(429);
    expect((await send(articles.GET as Handler, 'GET', '/api/v1/articles', token, address)).status).toBe(200);
    // Another address is not held back by this one's failures.
    expect((await send(articles.GET as Handler, 'GET', '/api/v1/articles', 'crux_not-a-token', '203.0.113.3')).status).toBe(401);
  });

  it('registrations per address through the form: past the limit, the form says to wait; another address may still register', async () => {
    signInAs(null);
    const register = (email: string) => {
      const form = new FormData();
      // Refused by the service (the password is empty), but counted first: attempts, not accounts, are limited.
      for (const [name, value] of Object.entries({ email, password: '', name: '', invitation: '' })) form.set(name, value);
      return actions.registerAction({}, form);
    };
    setRequestHeaders({ 'x-forwarded-for': '203.0.113.4' });
    for (let i = 0; i < REGISTRATION_PER_ADDRESS.points; i += 1) expect((await register(`r${i}@example.org`)).error?.key).toBe('validation');
    expect((await register('late@example.org')).error).toMatchObject({ code: 'rate_limited', key: 'rateLimited' });
    setRequestHeaders({ 'x-forwarded-for': '203.0.113.5' });
    expect((await register('elsewhere@example.org')).error?.key).toBe('validation');
  });
});
