// POST /api/v1/invitations in-process: the link in the answer is on Crux's own
// origin as browsers reach it (lib/security/origin.ts ownOrigin: AUTH_URL, else
// what the reverse proxy forwards, else Host), not on the address the server
// listens on, which nobody outside can open.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { POST } from '../../app/api/v1/invitations/route';
import { db } from '../../lib/db/client';
import { createToken } from '../../lib/services/tokens';
import { makeUser, useProcessDatabase } from './support/database';

vi.mock('next-auth', async (original) => (await import('./support/session')).mockNextAuth(await original()));
vi.mock('next/headers', async (original) => (await import('./support/session')).mockNextHeaders(await original()));
process.env.AUTH_SECRET ??= 'invitations-route-test-secret';

describe('POST /api/v1/invitations', () => {
  useProcessDatabase();
  let token: string;

  beforeAll(async () => {
    vi.stubEnv('AUTH_URL', '');
    const admin = await makeUser(db(), 'admin');
    token = (await createToken(db(), admin.id, { name: 'invitations' })).token;
  });

  async function invite(headers: Record<string, string>): Promise<string> {
    const request = new Request('http://localhost:3000/api/v1/invitations', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ role: 'reviewer', expiresInDays: 7 }),
    });
    const response = await POST(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(201);
    return ((await response.json()) as { url: string }).url;
  }

  it('behind a reverse proxy: the forwarded host and scheme', async () => {
    expect(await invite({ 'x-forwarded-host': 'crux.example.org', 'x-forwarded-proto': 'https' })).toMatch(/^https:\/\/crux\.example\.org\/register\?invitation=/);
  });

  it('without one: the Host the request came to', async () => {
    expect(await invite({ host: 'crux.newsroom.test:8080' })).toMatch(/^http:\/\/crux\.newsroom\.test:8080\/register\?invitation=/);
  });

  it('AUTH_URL, the public address, first', async () => {
    vi.stubEnv('AUTH_URL', 'https://verif.example.fr');
    try {
      expect(await invite({ 'x-forwarded-host': 'internal:3000' })).toMatch(/^https:\/\/verif\.example\.fr\/register\?invitation=/);
    } finally {
      vi.stubEnv('AUTH_URL', '');
    }
  });
});
