// lib/request-id.ts: the id that ties an answer to its log lines.
import { describe, expect, it } from 'vitest';
import { requestIdFrom } from '../../lib/request-id';

describe('requestIdFrom', () => {
  it('keeps a sane incoming id (a proxy’s, a client’s)', () => {
    expect(requestIdFrom('3f2b9c1e-5d6a-4b7c-8d9e-0f1a2b3c4d5e')).toBe('3f2b9c1e-5d6a-4b7c-8d9e-0f1a2b3c4d5e');
    expect(requestIdFrom('  nginx.abc:123_XYZ ')).toBe('nginx.abc:123_XYZ');
  });

  it.each([
    ['absent', null],
    ['empty', ''],
    ['too short', 'abc'],
    ['too long', 'a'.repeat(129)],
    ['a forged log line', 'abcdefgh\n{"level":"info"}'],
    ['a header injection', 'abcdefgh\r\nSet-Cookie: x=1'],
    ['spaces and quotes', 'abc def "ghi"'],
    ['non-ASCII', 'identifiant-é-123'],
  ])('replaces an %s id with a new UUID', (_name, incoming) => {
    const id = requestIdFrom(incoming);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('makes a new id for every request that brings none', () => {
    expect(new Set(Array.from({ length: 100 }, () => requestIdFrom(null))).size).toBe(100);
  });
});
