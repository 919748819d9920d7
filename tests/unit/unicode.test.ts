// lib/unicode.ts: where a value holds ill-formed text (a lone surrogate), which
// a database cannot store as acknowledged; the rule every request boundary applies.
import { describe, expect, it } from 'vitest';
import { findIllFormedText, isWellFormed } from '../../lib/unicode';

describe('isWellFormed', () => {
  it('accepts text, accents, emoji (a surrogate pair), RTL, combining marks, NUL and the empty string', () => {
    for (const text of ['', 'Le chômage', 'e\u0301', '😀 « ok »', '\u202eمرحبا\u202c', '\u0000', '\uffff', '\ud83d\ude00']) expect(isWellFormed(text)).toBe(true);
  });

  it('refuses a lone high or low surrogate, anywhere, and a reversed pair', () => {
    for (const text of ['\ud800', 'a\ud800', '\udc00b', 'x\udfffy', '\ude00\ud83d', '😀\ud83d']) expect(isWellFormed(text)).toBe(false);
  });

  it('is linear: a megabyte of surrogate pairs ending with a lone one is judged at once', () => {
    const text = '😀'.repeat(500_000) + '\ud800';
    const started = performance.now();
    expect(isWellFormed(text)).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('findIllFormedText', () => {
  it('null when every string and key is well-formed', () => {
    expect(findIllFormedText({ a: ['é', { b: '😀' }], n: 1, t: true, z: null })).toBeNull();
    expect(findIllFormedText('ok')).toBeNull();
    expect(findIllFormedText(42)).toBeNull();
  });

  it('the path to the string at any depth, inside arrays too', () => {
    expect(findIllFormedText('\ud800')).toEqual([]);
    expect(findIllFormedText({ title: 'a\udc00' })).toEqual(['title']);
    expect(findIllFormedText({ sources: [{ url: 'https://a.org' }, { title: 'ok', quote: '\ud800' }] })).toEqual(['sources', 1, 'quote']);
    expect(findIllFormedText({ rationaleDoc: { content: [{ content: [{ text: 'x\ud800' }] }] } })).toEqual(['rationaleDoc', 'content', 0, 'content', 0, 'text']);
  });

  it('an ill-formed key names itself under its object', () => {
    expect(findIllFormedText({ sources: [{ ['u\ud800']: 'x' }] })).toEqual(['sources', 0, 'u\ud800']);
  });

  it('the first one in the input’s order', () => {
    expect(findIllFormedText({ a: 'ok', b: ['\ud800'], c: '\udc00' })).toEqual(['b', 0]);
  });

  it('walks a body nested a hundred thousand deep without overflowing the stack, in linear time', () => {
    const depth = 100_000;
    const deep = JSON.parse('['.repeat(depth) + '"\\ud800"' + ']'.repeat(depth)) as unknown;
    const started = performance.now();
    const path = findIllFormedText(deep);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(path).toHaveLength(depth);
  });
});
