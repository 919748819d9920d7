// lib/security/malformed-path.ts: paths whose percent-escapes do not decode
// are refused by the proxy with a JSON 400, before Next's route matching
// answers them with a plain-text 500.
import { describe, expect, it } from 'vitest';
import { malformedPathError, malformedPathResponse, malformedSegment } from '../../lib/security/malformed-path';

describe('malformedSegment', () => {
  it('null for paths that decode: plain, encoded UTF-8, an encoded % or slash', () => {
    for (const path of ['/', '/api/v1/claims/abc', '/api/v1/claims/%C3%A9t%C3%A9', '/api/v1/claims/100%25', '/a/%2F/b', '/articles/%F0%9F%98%80', '/api/v1/claims/%00']) {
      expect(malformedSegment(path), path).toBeNull();
    }
  });

  it('the segment for a truncated sequence, a bare %, bad hex digits, a lone continuation byte, an encoded surrogate, an overlong form', () => {
    expect(malformedSegment('/api/v1/claims/%E0%A4%A')).toBe('%E0%A4%A');
    expect(malformedSegment('/api/v1/claims/%')).toBe('%');
    expect(malformedSegment('/api/v1/articles/%zz/claims')).toBe('%zz');
    expect(malformedSegment('/api/v1/claims/a%80b')).toBe('a%80b');
    expect(malformedSegment('/api/v1/claims/%ED%A0%80')).toBe('%ED%A0%80');
    expect(malformedSegment('/api/v1/claims/%C0%AF')).toBe('%C0%AF');
    expect(malformedSegment('/ok/%E0/%C3%A9')).toBe('%E0');
  });

  it('is linear: a path of 8,000 escapes is judged at once', () => {
    const path = '/api/v1/claims/' + '%C3%A9'.repeat(8_000) + '%E0';
    const started = performance.now();
    expect(malformedSegment(path)).not.toBeNull();
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('malformedPathResponse', () => {
  it('null when the path decodes', () => {
    expect(malformedPathResponse('/api/v1/claims/abc')).toBeNull();
    expect(malformedPathError('/articles/x')).toBeNull();
  });

  it('a JSON 400 in the API error shape naming the segment', async () => {
    const response = malformedPathResponse('/api/v1/claims/%E0%A4%A')!;
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: { code: string; key: string; message: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.key).toBe('malformed');
    expect(body.error.message).toContain('“%E0%A4%A”');
  });

  it('cuts a long segment in its message', () => {
    const message = malformedPathError(`/api/v1/claims/${'a'.repeat(500)}%`)!.message;
    expect(message.length).toBeLessThan(300);
  });
});
