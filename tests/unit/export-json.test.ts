import { describe, expect, it } from 'vitest';
import { renderJson, toExportedClaim } from '../../lib/export/json';
import type { ArticleExport } from '../../lib/export/types';
import { article, batches, claim, collect, options, verdict } from './support/export-fixtures';

const agreed = claim('c1', '« près de 300 morts »', [verdict({ rating: 'false', rationale: 'L’AFP dit « 30 ».' }), verdict({ id: 'v2', rating: 'false' })]);
const open = claim('c2', 'C’est l’avis de l’AFP', []);
const other = { ...article, id: 'art_2', title: 'Autre' };

describe('JSON export (streamed)', () => {
  it('writes one article in the crux.article-export shape, claims from every batch, pretty and ending with a newline', async () => {
    const text = await collect(renderJson(batches({ article, claims: [agreed] }, { article, claims: [open] }), options));
    expect(text.startsWith('{\n  "format": "crux.article-export",\n  "version": 1,')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('« près de 300 morts »');
    const parsed = JSON.parse(text) as ArticleExport;
    expect(parsed.exportedAt).toBe('2025-07-03T08:00:00.000Z');
    expect(parsed.article).toEqual({ id: 'art_1', title: article.title, language: 'fr', publishedAt: '2025-07-01', sourceUrl: 'https://example.org/sotchi', publisher: 'Agence', revision: 2 });
    expect(parsed.claims).toEqual([toExportedClaim(agreed), toExportedClaim(open)]);
  });

  it('writes an article without claims with an empty list', async () => {
    expect((JSON.parse(await collect(renderJson(batches({ article, claims: [] }), options))) as ArticleExport).claims).toEqual([]);
  });

  it('writes every article, each with its claims, in crux.articles-export', async () => {
    const text = await collect(renderJson(batches({ article, claims: [agreed] }, { article, claims: [open] }, { article: other, claims: [] }), { ...options, singleArticle: false }));
    const parsed = JSON.parse(text) as { format: string; articles: { article: { id: string }; claims: { id: string }[] }[] };
    expect(parsed.format).toBe('crux.articles-export');
    expect(parsed.articles.map((a) => [a.article.id, a.claims.map((c) => c.id)])).toEqual([
      ['art_1', ['c1', 'c2']],
      ['art_2', []],
    ]);
    expect(JSON.parse(await collect(renderJson(batches(), { ...options, singleArticle: false })))).toMatchObject({ articles: [] });
  });
});
