// The archive's reads in raw SQL (lib/services/archive-rows.ts): each reader
// gives the very rows, in the very order, that Prisma's client gives for the
// same question, on SQLite and PostgreSQL; a slice's readers give its own
// claims' rows only, even beside a claim that ties with its first or last.
// Timestamps come as the ISO text toISOString gives.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../lib/db/client';
import { insertRows } from '../../lib/db/insert-rows';
import { adjudicationsOf, claimKeyOrder, claimKeysOf, claimsOf, commentsOf, eventPage, revealsOf, sourcesOf, verdictsOf, type ClaimSlice } from '../../lib/services/archive-rows';
import { createClaim } from '../../lib/services/claims';
import { upsertVerdict } from '../../lib/services/verdicts';
import { archiveText } from './support/archive-fixture';
import { ctxFor, makeUser, useDatabase } from './support/database';
import { reviewedArticle } from './support/reviewed-article';

/** Every claim of the article, deleted ones too, as one slice in text order. */
async function wholeArticle(db: Db, articleId: string): Promise<ClaimSlice> {
  const keys = await db.claim.findMany({ where: { articleId }, select: { id: true, start: true, end: true, createdAt: true } });
  return { articleId, keys: keys.sort(claimKeyOrder) };
}

/** Prisma's rows with their dates as the archive reads them: ISO text. */
function isoRows<T extends object>(rows: T[]): Record<string, unknown>[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])));
}

describe('archive-rows', () => {
  const t = useDatabase();

  it('reads every kind of row exactly as Prisma’s client does, in the same order', async () => {
    const { id, ids } = await reviewedArticle(t.db);
    const slice = await wholeArticle(t.db, id);
    expect(slice.keys.map((k) => k.id).sort()).toEqual([...ids].sort());
    const byIds = { claimId: { in: ids } };
    const oldestFirst = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];
    // The columns the archive writes: a claim without its article, passage key and verdict count, a source (with its verdict's claim) and a reveal without their ids.
    const claimRows = await t.db.claim.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' }, omit: { articleId: true, liveKey: true, verdictCount: true } });
    expect((await claimsOf(t.db, slice)).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(isoRows(claimRows));
    expect(await verdictsOf(t.db, slice)).toEqual(isoRows(await t.db.verdict.findMany({ where: byIds, orderBy: oldestFirst })));
    const sourceRows = await t.db.source.findMany({ where: { verdict: byIds }, orderBy: [{ verdictId: 'asc' }, { position: 'asc' }], omit: { id: true }, include: { verdict: { select: { claimId: true } } } });
    expect(await sourcesOf(t.db, slice)).toEqual(sourceRows.map(({ verdict, ...source }) => ({ ...source, claimId: verdict.claimId })));
    expect(await revealsOf(t.db, slice)).toEqual(isoRows(await t.db.claimReveal.findMany({ where: byIds, orderBy: oldestFirst, omit: { id: true } })));
    expect(await commentsOf(t.db, slice)).toEqual(isoRows(await t.db.comment.findMany({ where: byIds, orderBy: oldestFirst })));
    const adjudications = await adjudicationsOf(t.db, slice);
    expect(adjudications).toEqual(isoRows(await t.db.adjudication.findMany({ where: byIds, orderBy: oldestFirst })));
    expect(adjudications).toHaveLength(2);
    // The readers were given something to read: dates as ISO text, booleans as booleans, typography intact.
    const verdicts = await verdictsOf(t.db, slice);
    expect(verdicts[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(adjudications.some((a) => a.withdrawnAt !== null)).toBe(true);
    expect(typeof verdicts[0]!.revisedAfterReveal).toBe('boolean');
    expect(verdicts[0]!.rationale).toBe('Démenti par l’Élysée.');
    expect((await sourcesOf(t.db, slice)).map((s) => s.url)).toHaveLength(3);
  }, 30_000);

  it('reads an article’s claim keys as Prisma’s client does, the deleted claim only when asked', async () => {
    const { id, ids } = await reviewedArticle(t.db);
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const select = { id: true, start: true, end: true, createdAt: true } as const;
    expect((await claimKeysOf(t.db, id, { deleted: true })).sort(byId)).toEqual((await t.db.claim.findMany({ where: { articleId: id }, select })).sort(byId));
    const live = await claimKeysOf(t.db, id, { deleted: false });
    expect(live.map((k) => k.id).sort()).toEqual(ids.filter((_, i) => i !== 4).sort());
    expect(live[0]!.createdAt).toBeInstanceOf(Date);
  });

  it('reads nothing for an empty slice', async () => {
    const { id } = await reviewedArticle(t.db);
    for (const read of [claimsOf, verdictsOf, sourcesOf, revealsOf, commentsOf, adjudicationsOf]) expect(await read(t.db, { articleId: id, keys: [] })).toEqual([]);
  });

  it('gives a slice its own claims’ rows only, where a neighbour ties with its first or last on position and date', async () => {
    const { id, ids } = await reviewedArticle(t.db);
    // The deleted claim's passage marked again, and dated as the deleted one: a tie on everything but the id.
    const deleted = await t.db.claim.findUniqueOrThrow({ where: { id: ids[4]! } });
    const again = await createClaim(ctxFor(t.db, await makeUser(t.db, 'reviewer')), id, { exact: deleted.exact, start: deleted.start, end: deleted.end });
    await t.db.claim.update({ where: { id: again.id }, data: { createdAt: deleted.createdAt } });
    const reviewer = await makeUser(t.db, 'reviewer');
    await upsertVerdict(ctxFor(t.db, reviewer), again.id, { rating: 'true', sources: [{ url: 'https://example.org/encore' }] });
    await t.db.verdict.create({ data: { claimId: deleted.id, reviewerId: reviewer.id, rating: 'false', rationale: 'Avant la suppression.' } });

    const whole = await wholeArticle(t.db, id);
    const tied = whole.keys.findIndex((k) => k.id === deleted.id || k.id === again.id);
    expect(whole.keys[tied + 1]!.start).toBe(whole.keys[tied]!.start);
    // Cut between the two: the first slice ends with one of them, the second starts with the other.
    const slices = [whole.keys.slice(0, tied + 1), whole.keys.slice(tied + 1)].map((keys) => ({ articleId: id, keys }));
    for (const slice of slices) {
      const own = new Set(slice.keys.map((k) => k.id));
      expect((await claimsOf(t.db, slice)).map((c) => c.id).sort()).toEqual([...own].sort());
      for (const read of [verdictsOf, revealsOf, commentsOf, adjudicationsOf]) expect((await read(t.db, slice)).every((row) => own.has(row.claimId))).toBe(true);
      const verdictIds = new Set((await verdictsOf(t.db, slice)).map((v) => v.id));
      expect((await sourcesOf(t.db, slice)).every((s) => verdictIds.has(s.verdictId))).toBe(true);
    }
    // Together the two slices read every row once.
    const both = [...(await verdictsOf(t.db, slices[0]!)), ...(await verdictsOf(t.db, slices[1]!))].map((v) => v.id).sort();
    expect(both).toEqual((await verdictsOf(t.db, whole)).map((v) => v.id).sort());
    expect((await verdictsOf(t.db, whole)).map((v) => v.claimId)).toEqual(expect.arrayContaining([deleted.id, again.id]));
  }, 30_000);

  it('reads an article’s events as Prisma’s client does, each payload as stored', async () => {
    const { id } = await reviewedArticle(t.db);
    const stored = await t.db.event.findMany({ where: { articleId: id }, orderBy: { id: 'asc' }, omit: { articleId: true } });
    expect(stored.length).toBeGreaterThan(5);
    const read = await eventPage(t.db, id, 0);
    expect(read).toEqual(isoRows(stored));
    expect(await eventPage(t.db, id, stored[2]!.id)).toEqual(read.slice(3));
  });

  it('writes each payload into the archive as stored, and the database refuses one that is not JSON: the archive cannot be spoilt by one', async () => {
    const { id } = await reviewedArticle(t.db);
    const editor = await makeUser(t.db, 'editor');
    const event = await t.db.event.findFirstOrThrow({ where: { articleId: id }, orderBy: { id: 'desc' } });
    const payload = event.payload.replace('{', '{"note":"« Relu d’après l’INSEE »",');
    await t.db.event.update({ where: { id: event.id }, data: { payload } });
    const archive = JSON.parse(await archiveText(ctxFor(t.db, editor))) as { articles: { id: string; history: { payload: unknown }[] }[] };
    expect(archive.articles.find((a) => a.id === id)!.history.at(-1)!.payload).toEqual(JSON.parse(payload));

    await expect(t.db.event.update({ where: { id: event.id }, data: { payload: `${payload.slice(0, -1)},"note":"coupé` } })).rejects.toThrow(/Event_payload_json|type json/);
    await expect(insertRows(t.db, 'Event', [{ articleId: id, type: 'claim.updated', entityId: event.entityId, payload: 'pas du JSON', createdAt: new Date() }])).rejects.toThrow(/Event_payload_json|type json/);
    expect((await t.db.event.findUniqueOrThrow({ where: { id: event.id } })).payload).toBe(payload);
    expect(await t.db.event.count({ where: { payload: 'pas du JSON' } })).toBe(0);
  });
});
