// lib/mentions.ts: who a comment @mentions.
import { describe, expect, it } from 'vitest';
import { findMentions } from '../../lib/mentions';

const people = [
  { id: 'alice', name: 'Alice' },
  { id: 'alice-m', name: 'Alice Martin' },
  { id: 'bruno', name: 'Bruno Petit' },
  { id: 'eloise', name: 'Éloïse' },
  { id: 'nameless', name: null },
];

describe('findMentions', () => {
  it('finds people by their full name after @, the longest name first', () => {
    expect(findMentions('@Alice Martin, tu as vu ?', people)).toEqual(['alice-m']);
    expect(findMentions('@Alice, tu as vu ?', people)).toEqual(['alice']);
    expect(findMentions('Voir @Bruno Petit et @Alice.', people)).toEqual(['bruno', 'alice']);
  });

  it('ignores case and Unicode normalisation (é typed as e + accent)', () => {
    expect(findMentions('@alice martin', people)).toEqual(['alice-m']);
    expect(findMentions('merci @E\u0301loïse !', people)).toEqual(['eloise']);
  });

  it('a whole name only: no mention inside a longer word or an email address', () => {
    expect(findMentions('@Alicette', people)).toEqual([]);
    expect(findMentions('écris à alice@example.org', people)).toEqual([]);
    expect(findMentions('@Bruno tout court', people)).toEqual([]);
  });

  it('each person once, in order of first mention; nobody without a name; no @ no mention', () => {
    expect(findMentions('@Bruno Petit @Alice @Bruno Petit', people)).toEqual(['bruno', 'alice']);
    expect(findMentions('@null @', people)).toEqual([]);
    expect(findMentions('Alice Martin', people)).toEqual([]);
    expect(findMentions('@Alice', [])).toEqual([]);
  });
});
