// app/api/api-route.ts: request ids on every answer, no internals in a 500, the
// origin rule applied before anything else (the session itself is stubbed here:
// e2e covers it with real cookies, tests/e2e/16-security.spec.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';

// No session cookie: callers are who their bearer token says, or nobody.
vi.mock('@/app/auth', async (original) => ({ ...(await original<typeof import('@/app/auth')>()), currentCaller: async () => null }));

const { apiRoute } = await import('../../app/api/api-route');
const { json } = await import('../../lib/http');
const { log } = await import('../../lib/log');

const params = { params: Promise.resolve({}) };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('apiRoute', () => {
  it('answers a forced 500 with the request id in body and header, no message and no stack; the log has the error under that id', async () => {
    const logged = vi.spyOn(log(), 'error').mockImplementation(() => {});
    const failure = new Error('SqliteError: no such table: Verdict at /srv/crux/lib/services/verdicts.ts:42');
    const route = apiRoute(async () => {
      throw failure;
    });
    const response = await route(new Request('http://crux.test/api/v1/articles', { headers: { 'x-request-id': 'probe-0001-abcd' } }), params);
    expect(response.status).toBe(500);
    expect(response.headers.get('x-request-id')).toBe('probe-0001-abcd');
    const text = await response.text();
    for (const leak of ['SqliteError', 'Verdict', '/srv/crux', 'verdicts.ts', 'stack']) expect(text).not.toContain(leak);
    expect(JSON.parse(text)).toEqual({
      error: { code: 'internal_error', key: 'internal', message: 'Something went wrong on our side. Try again in a moment.', requestId: 'probe-0001-abcd' },
    });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged).toHaveBeenCalledWith({ err: failure, requestId: 'probe-0001-abcd' }, 'unexpected error');
  });

  it('puts a new request id on a success when the client sent none (or an insane one)', async () => {
    const route = apiRoute(async () => json({ ok: true }));
    const plain = await route(new Request('http://crux.test/api/v1/articles'), params);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const forged = await route(new Request('http://crux.test/api/v1/articles', { headers: { 'x-request-id': 'a b' } }), params);
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a cookie-authenticated change from another site with 403, and one not in JSON with 415, before the handler runs', async () => {
    const handler = vi.fn(async () => json({ ok: true }, 201));
    const route = apiRoute(handler);
    const post = (headers: Record<string, string>) =>
      route(new Request('http://crux.test/api/v1/articles', { method: 'POST', body: '{}', headers: { host: 'crux.test', cookie: 'authjs.session-token=abc', ...headers } }), params);

    const foreign = await post({ origin: 'https://evil.example', 'content-type': 'application/json' });
    expect(foreign.status).toBe(403);
    const foreignBody = (await foreign.json()) as { error: Record<string, unknown> };
    expect(foreignBody.error).toMatchObject({ code: 'forbidden', key: 'crossOrigin' });
    expect(foreignBody.error.requestId).toBe(foreign.headers.get('x-request-id'));

    const text = await post({ origin: 'http://crux.test', 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(((await text.json()) as { error: Record<string, unknown> }).error).toMatchObject({ code: 'unsupported_media_type', key: 'unsupportedMediaType' });
    expect(handler).not.toHaveBeenCalled();

    // From its own page, as JSON: the handler runs (it would then see who the cookie is).
    expect((await post({ origin: 'http://crux.test', 'content-type': 'application/json' })).status).toBe(201);
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
