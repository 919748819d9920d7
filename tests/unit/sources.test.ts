// lib/sources.ts: one form per link, and a claim's sources gathered per link.
import { describe, expect, it } from 'vitest';
import { gatherSources, normalizeUrl, sameSources } from '../../lib/sources';

describe('normalizeUrl', () => {
  it('lowercases scheme and host, drops the default port and the fragment, keeps path and query as they are', () => {
    expect(normalizeUrl('HTTPS://WWW.Insee.FR:443/fr/Statistiques?Id=1#tableau')).toBe('https://www.insee.fr/fr/Statistiques?Id=1');
    expect(normalizeUrl('http://example.org:80')).toBe('http://example.org/');
    expect(normalizeUrl('http://example.org:8080/a#')).toBe('http://example.org:8080/a');
    expect(normalizeUrl('  https://exemple.fr/é  ')).toBe('https://exemple.fr/%C3%A9');
  });

  it('leaves what is not a URL as it is', () => {
    expect(normalizeUrl('pas une adresse')).toBe('pas une adresse');
  });
});

describe('gatherSources', () => {
  const source = (url: string, extra: Partial<{ title: string; publisher: string; stance: 'supports' | 'refutes' | 'context'; quote: string }> = {}) => ({
    url,
    title: extra.title ?? null,
    publisher: extra.publisher ?? null,
    quote: extra.quote ?? null,
    stance: extra.stance ?? null,
    accessedAt: null,
    archiveUrl: null,
  });

  it('one entry per normalised link, in order of first citation, with who cited it and with what stance', () => {
    const gathered = gatherSources([
      { reviewer: 'rita', sources: [source('https://insee.fr/a', { stance: 'refutes', quote: 'p. 3' }), source('https://afp.com/b', { title: 'AFP' })] },
      { reviewer: 'remi', sources: [source('HTTPS://INSEE.fr:443/a#p3', { title: 'Insee', publisher: 'Insee', stance: 'supports' })] },
    ]);
    expect(gathered).toEqual([
      {
        url: 'https://insee.fr/a',
        title: 'Insee',
        publisher: 'Insee',
        citedBy: [
          { reviewer: 'rita', stance: 'refutes', quote: 'p. 3', accessedAt: null, archiveUrl: null },
          { reviewer: 'remi', stance: 'supports', quote: null, accessedAt: null, archiveUrl: null },
        ],
      },
      { url: 'https://afp.com/b', title: 'AFP', publisher: null, citedBy: [{ reviewer: 'rita', stance: null, quote: null, accessedAt: null, archiveUrl: null }] },
    ]);
  });

  it('nothing cited, nothing gathered', () => {
    expect(gatherSources([{ reviewer: 'rita', sources: [] }])).toEqual([]);
    expect(gatherSources([])).toEqual([]);
  });
});

describe('sameSources', () => {
  const stored = [
    { url: 'https://www.insee.fr/fr/statistiques/1', title: 'Taux de chômage', publisher: 'Insee', quote: '« 7,3 % »', stance: 'supports', accessedAt: '2026-11-02', archiveUrl: null },
    { url: 'https://example.org/', title: null, publisher: null, quote: null, stance: null, accessedAt: null, archiveUrl: null },
  ];

  it('is true for the same sources in the same order, each saying the same', () => {
    expect(sameSources(stored, stored.map((s) => ({ ...s })))).toBe(true);
    expect(sameSources([], [])).toBe(true);
  });

  it('is false when one is added, removed, moved, or says anything else, down to a null for an empty field', () => {
    expect(sameSources(stored, stored.slice(0, 1))).toBe(false);
    expect(sameSources(stored.slice(0, 1), stored)).toBe(false);
    expect(sameSources(stored, [...stored].reverse())).toBe(false);
    for (const field of ['url', 'title', 'publisher', 'quote', 'stance', 'accessedAt', 'archiveUrl'] as const) {
      const changed = stored.map((s, i) => (i === 0 ? { ...s, [field]: s[field] === null ? '' : `${s[field]}’` } : s));
      expect(sameSources(stored, changed), field).toBe(false);
    }
    expect(sameSources(stored, stored.map((s, i) => (i === 1 ? { ...s, title: '' } : s)))).toBe(false);
  });
});
