// The exports' reads in raw SQL (lib/services/export-rows.ts): each reader
// gives the very rows, in the very order, that Prisma's client gives for the
// same question, on SQLite and PostgreSQL; the page reader pages an article's
// live claims in (start, id) order, each once, with the records the API reads.
import { describe, expect, it } from 'vitest';
import { adjudicateClaim, withdrawAdjudication } from '../../lib/services/adjudications';
import { createArticle } from '../../lib/services/articles';
import { loadClaimRecords } from '../../lib/services/claim-rows';
import { toClaimDetail, toExportClaim } from '../../lib/services/claim-views';
import { DEFAULT_REVIEW_SETTINGS } from '../../lib/consensus';
import { createClaim, deleteClaim } from '../../lib/services/claims';
import { postComment } from '../../lib/services/comments';
import { adjudicationsOf, ExportPeople, exportRecordPage, claimsByIds, commentsOf, revealsOf, sourcesOf, verdictsOf, type ClaimPageCursor } from '../../lib/services/export-rows';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, makeUser, useDatabase } from './support/database';

describe('export-rows', () => {
  const t = useDatabase();

  async function article() {
    const editor = await makeUser(t.db, 'editor', 'Éditrice');
    const rita = await makeUser(t.db, 'reviewer', 'Rita « la relectrice »');
    const sam = await makeUser(t.db, 'reviewer');
    const created = await createArticle(ctxFor(t.db, editor), { text: 'Un deux trois quatre cinq six sept. L’État a dit « 44 jours ».' });
    const ids: string[] = [];
    for (const exact of ['Un', 'Un deux', 'Un deux trois', 'quatre', 'cinq', 'six sept', '« 44 jours »']) ids.push((await createClaim(ctxFor(t.db, rita), created.id, { exact })).id);
    await upsertVerdict(ctxFor(t.db, rita), ids[1]!, { rating: 'false', rationale: 'Démenti par l’Élysée.', sources: [{ url: 'https://example.org/b', title: 'B' }, { url: 'https://example.org/a' }] });
    await upsertVerdict(ctxFor(t.db, sam), ids[1]!, { rating: 'mostly-false', sources: [{ url: 'https://example.org/c', stance: 'refutes', accessedAt: '2026-11-02' }] });
    await upsertVerdict(ctxFor(t.db, rita), ids[6]!, { rating: 'mostly-true' });
    await adjudicateClaim(ctxFor(t.db, editor), ids[1]!, { rating: 'false', rationale: 'Premier arbitrage.' });
    await withdrawAdjudication(ctxFor(t.db, editor), ids[1]!);
    await adjudicateClaim(ctxFor(t.db, editor), ids[1]!, { rating: 'mostly-false', rationale: 'Second.' });
    await postComment(ctxFor(t.db, sam), ids[1]!, { body: 'Vu « ailleurs ».' });
    await deleteClaim(ctxFor(t.db, rita), ids[4]!);
    const outsider = await makeUser(t.db, 'reviewer');
    return { id: created.id, ids, viewers: [editor, rita, outsider] };
  }

  it('reads every kind of row exactly as Prisma’s client does, in the same order', async () => {
    const { ids } = await article();
    const byIds = { claimId: { in: ids } };
    const oldestFirst = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];
    expect((await claimsByIds(t.db, ids)).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(await t.db.claim.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } }));
    expect(await verdictsOf(t.db, ids)).toEqual(await t.db.verdict.findMany({ where: byIds, orderBy: oldestFirst }));
    expect(await sourcesOf(t.db, ids)).toEqual(await t.db.source.findMany({ where: { verdict: byIds }, orderBy: [{ verdictId: 'asc' }, { position: 'asc' }] }));
    expect(await revealsOf(t.db, ids)).toEqual(await t.db.claimReveal.findMany({ where: byIds, orderBy: oldestFirst }));
    expect(await commentsOf(t.db, ids)).toEqual(await t.db.comment.findMany({ where: byIds, orderBy: oldestFirst }));
    const adjudications = await adjudicationsOf(t.db, ids, 'all');
    expect(adjudications).toEqual(await t.db.adjudication.findMany({ where: byIds, orderBy: oldestFirst }));
    expect(adjudications).toHaveLength(2);
    const inForce = await adjudicationsOf(t.db, ids, 'inForce');
    expect(inForce.map((a) => a.rationale)).toEqual(['Second.']);
    // The readers were given something to read: dates as dates, booleans as booleans, typography intact.
    const verdicts = await verdictsOf(t.db, ids);
    expect(verdicts[0]!.createdAt).toBeInstanceOf(Date);
    expect(typeof verdicts[0]!.revisedAfterReveal).toBe('boolean');
    expect(verdicts[0]!.rationale).toBe('Démenti par l’Élysée.');
    expect((await sourcesOf(t.db, ids)).map((s) => s.url)).toHaveLength(3);
  }, 30_000);

  it('reads nothing for no ids', async () => {
    for (const read of [claimsByIds, verdictsOf, sourcesOf, revealsOf, commentsOf]) expect(await read(t.db, [])).toEqual([]);
    expect(await adjudicationsOf(t.db, [], 'all')).toEqual([]);
  });

  it('pages an article’s live claims in (start, id) order, ties on start included, each once, exported as the full records are', async () => {
    const { id, ids, viewers } = await article();
    const paged: string[] = [];
    let after: ClaimPageCursor | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page = await exportRecordPage(t.db, new ExportPeople(t.db), { articleId: id, after, limit: 2, anchors: 'anchored' });
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(2);
      paged.push(...page.map((r) => r.id));
      after = { start: page.at(-1)!.start, id: page.at(-1)!.id };
    }
    const all = await loadClaimRecords(t.db, id);
    expect([...paged].sort()).toEqual(all.map((r) => r.id).sort());
    expect(paged).toHaveLength(ids.length - 1);
    expect(paged).not.toContain(ids[4]);
    const byId = new Map(all.map((r) => [r.id, r]));
    const again = await exportRecordPage(t.db, new ExportPeople(t.db), { articleId: id, after: null, limit: 10, anchors: 'anchored' });
    // Under blind review, for a reviewer who gave a verdict, one who did not, an editor and nobody.
    const blind = { ...DEFAULT_REVIEW_SETTINGS, blindReview: true };
    for (const viewer of [...viewers, null]) {
      for (const record of again) {
        const full = byId.get(record.id)!;
        const exported = toExportClaim(record, blind, viewer);
        expect(exported).toEqual(toExportClaim(full, blind, viewer));
        // The same judgement as the claim panel's.
        const detail = toClaimDetail(full, blind, viewer);
        expect(exported).toMatchObject({ consensus: detail.consensus, lastActivityAt: detail.lastActivityAt, sources: detail.sources });
        expect(exported.verdicts).toEqual(detail.verdicts.map((v) => ({ reviewer: v.reviewer, rationale: v.rationale, updatedAt: v.updatedAt, sources: v.sources })));
        expect(exported.adjudication).toEqual(detail.adjudication && { rating: detail.adjudication.rating, rationale: detail.adjudication.rationale, editor: detail.adjudication.editor, createdAt: detail.adjudication.createdAt });
      }
    }
    const withVerdicts = again.find((r) => r.id === ids[1])!;
    expect(withVerdicts.adjudication?.rationale).toBe('Second.');
    expect(toExportClaim(withVerdicts, blind, viewers[2]!).verdicts).toEqual([]);
    expect(toExportClaim(withVerdicts, blind, viewers[1]!).verdicts).toHaveLength(2);
    expect(again.map((r) => [r.start, r.id])).toEqual([...again.map((r) => [r.start, r.id])].sort((a, b) => (a[0] !== b[0] ? Number(a[0]) - Number(b[0]) : String(a[1]) < String(b[1]) ? -1 : 1)));
    expect(await exportRecordPage(t.db, new ExportPeople(t.db), { articleId: id, after: null, limit: 10, anchors: 'orphaned' })).toEqual([]);
  }, 30_000);

  it('reads orphaned claims apart from the anchored ones', async () => {
    const { id, ids } = await article();
    await t.db.claim.update({ where: { id: ids[2]! }, data: { anchorState: 'orphaned' } });
    const orphaned = await exportRecordPage(t.db, new ExportPeople(t.db), { articleId: id, after: null, limit: 10, anchors: 'orphaned' });
    expect(orphaned.map((r) => r.id)).toEqual([ids[2]]);
    expect((await exportRecordPage(t.db, new ExportPeople(t.db), { articleId: id, after: null, limit: 10, anchors: 'anchored' })).map((r) => r.id)).not.toContain(ids[2]);
  }, 30_000);
});
