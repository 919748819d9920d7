// lib/unicode.ts: where a value holds ill-formed text (a lone surrogate), which
// a database cannot store as acknowledged; the rule every request boundary applies.
import { describe, expect, it } from 'vitest';
import { characterCount, findString, hasTooManyCombiningMarks, isWellFormed, type ValuePath } from '../../lib/unicode';

/** Where the first lone surrogate is: the rule lib/validation's assertWellFormedText applies with findString. */
const findIllFormedText = (value: unknown): ValuePath | null => findString(value, (text) => !isWellFormed(text))?.path ?? null;

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

describe('findString, looking for lone surrogates', () => {
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

describe('hasTooManyCombiningMarks', () => {
  it('takes up to 30 marks in a row (Unicode’s stream-safe limit), refuses 31', () => {
    expect(hasTooManyCombiningMarks('Vie\u0323\u0302t Nam')).toBe(false);
    expect(hasTooManyCombiningMarks('e' + '\u0301'.repeat(30))).toBe(false);
    expect(hasTooManyCombiningMarks('e' + '\u0301\u0327'.repeat(15) + 'a' + '\u0301'.repeat(30))).toBe(false);
    expect(hasTooManyCombiningMarks('e' + '\u0301'.repeat(31))).toBe(true);
    expect(hasTooManyCombiningMarks('x' + '\u0301\u0327\u20dd'.repeat(11))).toBe(true);
  });

  it('is linear: 200,000 characters of runs of 30 marks are judged at once', () => {
    const text = ('e' + '\u0301\u0327'.repeat(15)).repeat(6_451);
    const started = performance.now();
    expect(hasTooManyCombiningMarks(text)).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('findString', () => {
  it('the path and the string of the first one refused, keys included', () => {
    expect(findString({ a: ['x', 'yy'], b: 'yy' }, (s) => s.length === 2)).toEqual({ path: ['a', 1], text: 'yy' });
    expect(findString({ a: { kk: 1 } }, (s) => s === 'kk')).toEqual({ path: ['a', 'kk'], text: 'kk' });
    expect(findString({ a: 1 }, () => true)).toEqual({ path: ['a'], text: 'a' });
    expect(findString([1, null, true], () => true)).toBeNull();
  });
});

describe('hasTooManyCombiningMarks, in characters', () => {
  it('counts a mark beyond the BMP once', () => {
    expect(hasTooManyCombiningMarks('x' + '\u{1d165}'.repeat(30))).toBe(false);
    expect(hasTooManyCombiningMarks('x' + '\u{1d165}'.repeat(31))).toBe(true);
  });

  it('200,000 characters of runs of 30 marks of alternating classes, in a few milliseconds', () => {
    const text = ('e' + '\u0301\u0327'.repeat(15)).repeat(6_451);
    hasTooManyCombiningMarks(text);
    const started = performance.now();
    expect(hasTooManyCombiningMarks(text)).toBe(false);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('characterCount', () => {
  it('counts code points, as Zod and JSON Schema count a string: an emoji or a character beyond the BMP is one', () => {
    expect(characterCount('')).toBe(0);
    expect(characterCount('« Vérifié » l’Insee')).toBe('« Vérifié » l’Insee'.length);
    expect(characterCount('😀')).toBe(1);
    expect(characterCount('a😀b𝒳c')).toBe(5);
    expect(characterCount('😀'.repeat(10_000))).toBe(10_000);
  });

  it('counts a lone surrogate as one, wherever it stands', () => {
    expect(characterCount('\ud800')).toBe(1);
    expect(characterCount('a\udc00\ud800')).toBe(3);
    expect(characterCount('\ud83d\ud83d\ude00')).toBe(2);
  });
});
