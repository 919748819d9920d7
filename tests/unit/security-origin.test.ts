// lib/security/origin.ts: cookie-authenticated changes come from Crux's own pages, as JSON.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/errors';
import { cookieWriteRefusal, declaresJson, fromAnotherSite, ownOrigin, servedOverHttps } from '../../lib/security/origin';

const SESSION = 'NEXT_LOCALE=fr; authjs.session-token=eyJhbGciOi';
const noEnv = {};

function request(method: string, headers: Record<string, string>, url = 'http://crux.test:3000/api/v1/articles') {
  return { method, url, headers: new Headers(headers) };
}

/** A change as Crux's own page sends it with fetch. */
const own = { cookie: SESSION, host: 'crux.test:3000', origin: 'http://crux.test:3000', 'content-type': 'application/json', 'content-length': '2' };

function refusal(req: ReturnType<typeof request>, env: Record<string, string | undefined> = noEnv): [number, string] | null {
  const error = cookieWriteRefusal(req, env);
  if (!error) return null;
  expect(error).toBeInstanceOf(DomainError);
  return [error.status, error.key];
}

describe('ownOrigin', () => {
  it('is AUTH_URL’s origin when set (the public address), whatever the request says', () => {
    const req = request('GET', { host: 'internal:3000', 'x-forwarded-host': 'evil.example' });
    expect(ownOrigin(req, { AUTH_URL: 'https://crux.example.org/api/auth' })).toBe('https://crux.example.org');
  });

  it('else the forwarded host and scheme a reverse proxy sets (first of a chain)', () => {
    const req = request('GET', { host: '10.0.0.11:3000', 'x-forwarded-host': 'crux.example.org, inner', 'x-forwarded-proto': 'https,http' });
    expect(ownOrigin(req, noEnv)).toBe('https://crux.example.org');
  });

  it('else the Host header and the scheme the request came with', () => {
    expect(ownOrigin(request('GET', { host: 'localhost:3000' }, 'http://0.0.0.0:3000/x'), noEnv)).toBe('http://localhost:3000');
    expect(ownOrigin(request('GET', {}, 'http://127.0.0.1:4000/x'), noEnv)).toBe('http://127.0.0.1:4000');
  });

  it('ignores a forwarded scheme that is neither http nor https', () => {
    expect(ownOrigin(request('GET', { host: 'crux.test', 'x-forwarded-proto': 'javascript' }, 'http://crux.test/x'), noEnv)).toBe('http://crux.test');
  });

  it('drops default ports, as browsers do in Origin', () => {
    expect(ownOrigin(request('GET', { 'x-forwarded-host': 'crux.example.org:443', 'x-forwarded-proto': 'https' }), noEnv)).toBe('https://crux.example.org');
  });
});

describe('servedOverHttps', () => {
  it('follows AUTH_URL, else X-Forwarded-Proto, else the request', () => {
    expect(servedOverHttps(request('GET', {}), { AUTH_URL: 'https://crux.example.org' })).toBe(true);
    expect(servedOverHttps(request('GET', { 'x-forwarded-proto': 'https' }), { AUTH_URL: 'http://localhost:3000' })).toBe(false);
    expect(servedOverHttps(request('GET', { 'x-forwarded-proto': 'https' }), noEnv)).toBe(true);
    expect(servedOverHttps(request('GET', {}), noEnv)).toBe(false);
    expect(servedOverHttps(request('GET', {}, 'https://crux.test/'), noEnv)).toBe(true);
  });
});

describe('fromAnotherSite', () => {
  const origin = 'http://crux.test:3000';
  it.each<[string, Record<string, string>, boolean]>([
    ['its own Origin', { origin }, false],
    ['its own Origin, another case', { origin: 'HTTP://CRUX.TEST:3000' }, false],
    ['another site', { origin: 'https://evil.example' }, true],
    ['another port', { origin: 'http://crux.test:3001' }, true],
    ['another scheme', { origin: 'https://crux.test:3000' }, true],
    ['a lookalike host', { origin: 'http://crux.test:3000.evil.example' }, true],
    ['Origin: null (sandboxed frame, data: URL)', { origin: 'null' }, true],
    ['Origin wins over a same-origin Sec-Fetch-Site', { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }, true],
    ['no Origin, Sec-Fetch-Site same-origin', { 'sec-fetch-site': 'same-origin' }, false],
    ['no Origin, Sec-Fetch-Site same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }, true],
    ['no Origin, Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }, true],
    ['no Origin, Sec-Fetch-Site none', { 'sec-fetch-site': 'none' }, true],
    ['Sec-Fetch-Site wins over a same-origin Referer', { 'sec-fetch-site': 'cross-site', referer: 'http://crux.test:3000/' }, true],
    ['only a Referer from its own pages', { referer: 'http://crux.test:3000/articles/a1?claim=c1' }, false],
    ['only a Referer from another site', { referer: 'https://evil.example/crux.test:3000' }, true],
    ['only a garbled Referer', { referer: 'not a url' }, true],
    ['none of them: not a browser (a script, curl)', {}, false],
  ])('%s → %s', (_name, headers, expected) => {
    expect(fromAnotherSite(new Headers(headers), origin)).toBe(expected);
  });
});

describe('declaresJson', () => {
  it.each<[string | null, boolean]>([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON', true],
    ['text/plain', false],
    ['text/plain; application/json', false],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
    ['application/jsonp', false],
    ['', false],
    [null, false],
  ])('%s → %s', (contentType, expected) => {
    expect(declaresJson(contentType)).toBe(expected);
  });
});

describe('cookieWriteRefusal', () => {
  it('lets a change from Crux’s own page, as JSON, through', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(refusal(request(method, own))).toBeNull();
  });

  it('refuses a change from another site with 403 crossOrigin, before looking at its body', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
      expect(refusal(request(method, { ...own, origin: 'https://evil.example', 'content-type': 'text/plain' }))).toEqual([403, 'crossOrigin']);
  });

  it('lets a script’s cookie-authenticated change without Origin, Sec-Fetch-Site or Referer through, if it is JSON', () => {
    const { origin: _origin, ...bare } = own;
    expect(refusal(request('POST', bare))).toBeNull();
    expect(refusal(request('POST', { ...bare, 'content-type': 'text/plain' }))).toEqual([415, 'unsupportedMediaType']);
  });

  it('refuses a form or text body from its own page with 415 unsupportedMediaType (what a forged form sends)', () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=b'])
      expect(refusal(request('POST', { ...own, 'content-type': type }))).toEqual([415, 'unsupportedMediaType']);
    const { 'content-type': _type, ...untyped } = own;
    expect(refusal(request('PUT', untyped))).toEqual([415, 'unsupportedMediaType']);
    expect(refusal(request('PATCH', { ...untyped, 'content-length': '0' }))).toEqual([415, 'unsupportedMediaType']);
  });

  it('lets a bodiless DELETE through without a content type, but not a DELETE with a text body', () => {
    const { 'content-type': _type, 'content-length': _length, ...bodiless } = own;
    expect(refusal(request('DELETE', bodiless))).toBeNull();
    expect(refusal(request('DELETE', { ...bodiless, 'content-length': '4', 'content-type': 'text/plain' }))).toEqual([415, 'unsupportedMediaType']);
    expect(refusal(request('DELETE', { ...bodiless, 'transfer-encoding': 'chunked' }))).toEqual([415, 'unsupportedMediaType']);
  });

  it('does not concern reads', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(refusal(request(method, { cookie: SESSION, origin: 'https://evil.example' }))).toBeNull();
  });

  it('does not concern bearer-token requests, even with a cookie and another origin', () => {
    expect(refusal(request('POST', { ...own, authorization: 'Bearer crux_abc', origin: 'https://evil.example', 'content-type': 'text/plain' }))).toBeNull();
  });

  it('does concern a malformed Authorization header beside the cookie (the cookie is what authenticates)', () => {
    expect(refusal(request('POST', { ...own, authorization: 'Basic abc', origin: 'https://evil.example' }))).toEqual([403, 'crossOrigin']);
  });

  it('does not concern requests without a session cookie (anonymous: 401 further on)', () => {
    expect(refusal(request('POST', { origin: 'https://evil.example', cookie: 'NEXT_LOCALE=fr' }))).toBeNull();
    expect(refusal(request('POST', { origin: 'https://evil.example' }))).toBeNull();
  });

  it('recognises the session cookie over HTTPS and when split in chunks', () => {
    for (const cookie of ['__Secure-authjs.session-token=x', 'a=1; authjs.session-token.0=x; authjs.session-token.1=y'])
      expect(refusal(request('POST', { ...own, cookie, origin: 'https://evil.example' }))).toEqual([403, 'crossOrigin']);
    // A cookie merely named alike is not the session.
    expect(refusal(request('POST', { ...own, cookie: 'my-authjs.session-token=x', origin: 'https://evil.example' }))).toBeNull();
  });

  it('compares with AUTH_URL when set (behind a proxy that does not forward the host)', () => {
    const behind = { ...own, host: '10.0.0.11:3000', origin: 'https://crux.example.org' };
    expect(refusal(request('POST', behind), noEnv)).toEqual([403, 'crossOrigin']);
    expect(refusal(request('POST', behind), { AUTH_URL: 'https://crux.example.org' })).toBeNull();
  });

  it('compares with the forwarded host and scheme without AUTH_URL', () => {
    const behind = { ...own, host: '10.0.0.11:3000', origin: 'https://crux.example.org', 'x-forwarded-host': 'crux.example.org', 'x-forwarded-proto': 'https' };
    expect(refusal(request('POST', behind), noEnv)).toBeNull();
  });
});
