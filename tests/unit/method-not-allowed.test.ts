// lib/api-methods.ts: a method a REST route does not have is answered by the
// proxy in the API's error shape (405, JSON, naming the methods the address
// accepts, with Allow), not by Next's bare 405 with an empty body.
import { describe, expect, it } from 'vitest';
import { allowedMethods, methodNotAllowedResponse } from '../../lib/api-methods';
import { OPERATIONS } from '../../lib/openapi/operations';

describe('allowedMethods', () => {
  it('the methods the documented operations give the address, with HEAD beside GET and OPTIONS always', () => {
    expect(allowedMethods('/api/v1/articles')).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST']);
    expect(allowedMethods('/api/v1/articles/cmx0abc/claims')).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST']);
    expect(allowedMethods('/api/v1/claims/cmx0abc/verdict')).toContain('PUT');
  });

  it('fills a path parameter with one segment only, and knows every documented path', () => {
    expect(allowedMethods('/api/v1/articles/a/b')).toBeNull();
    expect(allowedMethods('/api/v1/nowhere')).toBeNull();
    expect(allowedMethods('/articles/abc')).toBeNull();
    for (const op of OPERATIONS) {
      const address = op.path.replace(/\{\w+\}/g, 'x1');
      expect(allowedMethods(address), address).toContain(op.method.toUpperCase());
    }
  });
});

describe('methodNotAllowedResponse', () => {
  it('a method the address does not have: 405 in the error shape, naming what it accepts, with Allow and the request id', async () => {
    const response = methodNotAllowedResponse('/api/v1/articles', 'PUT', 'req-1')!;
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toEqual({
      code: 'method_not_allowed',
      key: 'methodNotAllowed',
      message: 'This address does not accept PUT: it accepts GET, HEAD, OPTIONS, POST.',
      params: { method: 'PUT', allowed: ['GET', 'HEAD', 'OPTIONS', 'POST'] },
      requestId: 'req-1',
    });
  });

  it('nothing to answer for a method the address has, HEAD where GET is, OPTIONS, or an address no route has (the JSON 404 answers)', () => {
    expect(methodNotAllowedResponse('/api/v1/articles', 'GET')).toBeNull();
    expect(methodNotAllowedResponse('/api/v1/articles', 'HEAD')).toBeNull();
    expect(methodNotAllowedResponse('/api/v1/articles', 'OPTIONS')).toBeNull();
    expect(methodNotAllowedResponse('/api/v1/nowhere', 'PUT')).toBeNull();
    expect(methodNotAllowedResponse('/articles/abc', 'DELETE')).toBeNull();
  });
});
