// lib/security/headers.ts: the headers proxy.ts puts on every response.
import { describe, expect, it } from 'vitest';
import { HSTS_MAX_AGE, NON_PAGE_POLICY, PERMISSIONS_POLICY, newNonce, pagePolicy, responseKind, securityHeaders } from '../../lib/security/headers';

/** `directive → sources` of a policy. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('the page policy', () => {
  const policy = directives(pagePolicy('abc123==', { https: false }));

  it('runs only scripts carrying the nonce, and what they load; no eval, no inline script', () => {
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy.get('script-src')).not.toContain("'unsafe-eval'");
    expect(policy.has('script-src-elem')).toBe(false);
    expect(policy.has('script-src-attr')).toBe(false); // falls back to script-src: no onclick="…"
  });

  it('takes style elements from our files or with the nonce; style attributes only are inline', () => {
    expect(policy.get('style-src')).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(policy.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
  });

  it('cannot be framed, posts forms and connects (live events) only to Crux, embeds no plugin', () => {
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });

  it('upgrades insecure requests only over HTTPS (over HTTP it would break every one)', () => {
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
    expect(directives(pagePolicy('n', { https: true })).has('upgrade-insecure-requests')).toBe(true);
  });

  it('allows eval and inline styles in development only (next dev needs them)', () => {
    const dev = directives(pagePolicy('n', { https: false, development: true }));
    expect(dev.get('script-src')).toContain("'unsafe-eval'");
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe('securityHeaders', () => {
  it('gives a page its nonce policy and every protective header', () => {
    const headers = securityHeaders({ kind: 'page', nonce: 'xyz', https: false });
    expect(headers['content-security-policy']).toContain("'nonce-xyz'");
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
      'permissions-policy': PERMISSIONS_POLICY,
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
  });

  it('gives the API and assets a policy that allows nothing', () => {
    const headers = securityHeaders({ kind: 'other', nonce: 'xyz', https: false });
    expect(headers['content-security-policy']).toBe(NON_PAGE_POLICY);
    expect(headers['content-security-policy']).not.toContain('xyz');
    expect(directives(NON_PAGE_POLICY).get('default-src')).toEqual(["'none'"]);
    expect(directives(NON_PAGE_POLICY).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('sends HSTS over HTTPS only', () => {
    expect(securityHeaders({ kind: 'page', nonce: 'n', https: false })['strict-transport-security']).toBeUndefined();
    expect(securityHeaders({ kind: 'other', nonce: 'n', https: true })['strict-transport-security']).toBe(`max-age=${HSTS_MAX_AGE}`);
  });

  it('switches off camera, microphone, geolocation and the other powerful features', () => {
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(PERMISSIONS_POLICY).toContain(`${feature}=()`);
    expect(PERMISSIONS_POLICY).toMatch(/^([a-z-]+=\(\))(, [a-z-]+=\(\))*$/);
  });
});

describe('newNonce', () => {
  it('is 128 random bits in base64, new each time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => newNonce()));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    }
  });
});

describe('responseKind', () => {
  it.each([
    ['/', 'page'],
    ['/articles/abc', 'page'],
    ['/login', 'page'],
    ['/api-docs', 'page'],
    ['/api/v1/articles', 'other'],
    ['/api/health', 'other'],
    ['/_next/static/chunks/app.js', 'other'],
    ['/icon.svg', 'other'],
    ['/favicon.ico', 'other'],
  ])('%s is a %s', (path, kind) => {
    expect(responseKind(path)).toBe(kind);
  });
});
