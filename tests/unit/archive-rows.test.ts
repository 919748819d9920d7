// The archive's reads in raw SQL (lib/services/archive-rows.ts): each reader
// gives the very rows, in the very order, that Prisma's client gives for the
// same question, on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { adjudicationsOf, claimsByIds, commentsOf, revealsOf, sourcesOf, verdictsOf } from '../../lib/services/archive-rows';
import { useDatabase } from './support/database';
import { reviewedArticle } from './support/reviewed-article';

describe('archive-rows', () => {
  const t = useDatabase();

  it('reads every kind of row exactly as Prisma’s client does, in the same order', async () => {
    const { ids } = await reviewedArticle(t.db);
    const byIds = { claimId: { in: ids } };
    const oldestFirst = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];
    expect((await claimsByIds(t.db, ids)).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(await t.db.claim.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } }));
    expect(await verdictsOf(t.db, ids)).toEqual(await t.db.verdict.findMany({ where: byIds, orderBy: oldestFirst }));
    expect(await sourcesOf(t.db, ids)).toEqual(await t.db.source.findMany({ where: { verdict: byIds }, orderBy: [{ verdictId: 'asc' }, { position: 'asc' }] }));
    expect(await revealsOf(t.db, ids)).toEqual(await t.db.claimReveal.findMany({ where: byIds, orderBy: oldestFirst }));
    expect(await commentsOf(t.db, ids)).toEqual(await t.db.comment.findMany({ where: byIds, orderBy: oldestFirst }));
    const adjudications = await adjudicationsOf(t.db, ids);
    expect(adjudications).toEqual(await t.db.adjudication.findMany({ where: byIds, orderBy: oldestFirst }));
    expect(adjudications).toHaveLength(2);
    // The readers were given something to read: dates as dates, booleans as booleans, typography intact.
    const verdicts = await verdictsOf(t.db, ids);
    expect(verdicts[0]!.createdAt).toBeInstanceOf(Date);
    expect(typeof verdicts[0]!.revisedAfterReveal).toBe('boolean');
    expect(verdicts[0]!.rationale).toBe('Démenti par l’Élysée.');
    expect((await sourcesOf(t.db, ids)).map((s) => s.url)).toHaveLength(3);
  }, 30_000);

  it('reads nothing for no ids', async () => {
    for (const read of [claimsByIds, verdictsOf, sourcesOf, revealsOf, commentsOf, adjudicationsOf]) expect(await read(t.db, [])).toEqual([]);
  });

});
