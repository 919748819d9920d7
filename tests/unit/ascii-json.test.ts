// JSON in ASCII (lib/ascii-json.ts): the same value to any reader, French
// typography, emoji and lone surrogates included, in characters below U+0080.
import { describe, expect, it } from 'vitest';
import { asciiJson } from '../../lib/ascii-json';

const ASCII = /^[\u0000-\u007f]*$/;

describe('asciiJson', () => {
  const value = {
    exact: '« Le chômage a baissé de 2 % », d’après l’Insee',
    note: 'Vérifié 🇫🇷 — à revoir\u2028demain',
    lone: 'a\ud800b',
    nested: [{ nom: 'Élodie', n: 1.5, ok: true, rien: null }],
  };

  it('writes the same value in ASCII', () => {
    const text = asciiJson(value);
    expect(text).toMatch(ASCII);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('escapes each character past U+007F as \\u and four lowercase hex digits, surrogates one by one', () => {
    expect(asciiJson('é’«🇫')).toBe('"\\u00e9\\u2019\\u00ab\\ud83c\\uddeb"');
    expect(asciiJson('\u007f\u0080')).toBe('"\u007f\\u0080"');
  });

  it('is JSON.stringify for text already in ASCII', () => {
    const plain = { a: 'Le "chomage" \\ baisse\n', b: [1, 2, { c: null }] };
    expect(asciiJson(plain)).toBe(JSON.stringify(plain));
  });

  it('refuses a value JSON has no text for', () => {
    expect(() => asciiJson(undefined)).toThrow('No JSON text for undefined.');
  });
});
