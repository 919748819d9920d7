// The streaming export pipeline against a database: pages of claims past
// 500 (SQLite's bound-parameter limit is 999), every article, filters, and
// blind review for a reviewer who filters by another reviewer.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../lib/export/archive-schema';
import type { Actor } from '../../lib/services/context';
import { createArticle } from '../../lib/services/articles';
import { createClaim } from '../../lib/services/claims';
import { exportStream } from '../../lib/services/exports';
import { upsertVerdict } from '../../lib/services/verdicts';
import { parseCsv } from './support/csv';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

const CLAIMS = 1_100;

async function text(ctx: Parameters<typeof exportStream>[0], query: Record<string, string>, articleId?: string): Promise<string> {
  let body = '';
  for await (const chunk of (await exportStream(ctx, query, { articleId, baseUrl: 'https://crux.example.org', env: {} })).body) body += chunk;
  return body;
}

describe('streamed exports', () => {
  const t = useDatabase();
  let editor: Actor;
  let rita: Actor;
  let remi: Actor;
  let big: string;
  let small: string;
  let secretClaim: string;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Éditrice');
    rita = await makeUser(t.db, 'reviewer', 'Rita');
    remi = await makeUser(t.db, 'reviewer', 'Rémi');
    const body = Array.from({ length: CLAIMS }, (_, i) => `Phrase ${String(i).padStart(4, '0')}.`).join(' ');
    big = (await createArticle(ctxFor(t.db, editor), { text: body, title: 'Grand article' })).id;
    await t.db.claim.createMany({
      data: Array.from({ length: CLAIMS }, (_, i) => {
        const exact = `Phrase ${String(i).padStart(4, '0')}.`;
        const start = body.indexOf(exact);
        return { articleId: big, revision: 1, exact, prefix: '', suffix: '', start, end: start + exact.length, createdById: editor.id };
      }),
    });
    const smallArticle = await createArticle(ctxFor(t.db, editor), { text: 'Le ministre annonce « 300 morts ». L’AFP dit 30.', title: 'Petit' });
    small = smallArticle.id;
    secretClaim = (await createClaim(ctxFor(t.db, rita), small, { exact: '« 300 morts »' })).id;
    await upsertVerdict(ctxFor(t.db, rita), secretClaim, { rating: 'false', rationale: 'Secret de Rita' });
    await upsertVerdict(ctxFor(t.db, editor), secretClaim, { rating: 'false' });
  }, 60_000);

  it('pages through more than 500 claims of an article, in text order', async () => {
    const rows = parseCsv((await text(ctxFor(t.db, editor), { format: 'csv', scope: 'all', bom: 'false' }, big)));
    expect(rows).toHaveLength(CLAIMS + 1);
    const starts = rows.slice(1).map((r) => Number(r[4]));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(rows.slice(1).map((r) => r[2])).size).toBe(CLAIMS);
  });

  it('exports every article, and filters by status and rating', async () => {
    const all = parseCsv(await text(ctxFor(t.db, editor), { format: 'csv', scope: 'all', bom: '0' }));
    expect(all).toHaveLength(CLAIMS + 2);
    const reviewed = JSON.parse(await text(ctxFor(t.db, editor), { format: 'json' })) as Archive;
    expect(reviewed.articles.map((a) => [a.id, a.claims.map((c) => c.id)]).sort()).toEqual([[big, []], [small, [secretClaim]]].sort());
    expect(JSON.parse(await text(ctxFor(t.db, editor), { format: 'claimreview', rating: 'true' }))).toEqual([]);
    expect(JSON.parse(await text(ctxFor(t.db, editor), { format: 'claimreview', rating: 'false', status: 'consensus' }))).toHaveLength(1);
  });

  it('under blind review, a reviewer filtering by another reviewer, or by rating, gets nothing of hers', async () => {
    for (const query of [{ reviewer: rita.id }, { rating: 'false' }, { status: 'consensus' }, {}] as Record<string, string>[]) {
      const body = await text(ctxFor(t.db, remi), { format: 'w3c', scope: 'all', ...query }, small);
      expect(body).not.toContain('Secret de Rita');
      expect(body).not.toContain('rating:false');
    }
    const [collection] = [JSON.parse(await text(ctxFor(t.db, remi), { format: 'w3c', scope: 'all', reviewer: rita.id }, small)) as { total: number }];
    expect(collection.total).toBe(0);
    // Rita herself, once she has judged it, sees it.
    expect(await text(ctxFor(t.db, rita), { format: 'w3c', scope: 'all', reviewer: rita.id }, small)).toContain('Secret de Rita');
  });

  it('checks the query and the article before streaming: 422 naming the field, 404, 401', async () => {
    await expectDomainError(exportStream(ctxFor(t.db, editor), { format: 'csv', delimiter: '|' }), 422, [['delimiter']]);
    await expectDomainError(exportStream(ctxFor(t.db, editor), { rating: 'vrai' }), 422, [['rating', 0]]);
    await expectDomainError(exportStream(ctxFor(t.db, editor), {}, { articleId: 'nope' }), 404);
    await expectDomainError(exportStream(ctxFor(t.db, null), {}), 401);
  });
});
