// The formats' reads in raw SQL (lib/services/export-rows.ts), on SQLite and
// PostgreSQL: an article's live claims paged in (start, id) order, each once,
// exported exactly as the records the API reads are.
import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_SETTINGS } from '../../lib/consensus';
import { loadClaimRecords } from '../../lib/services/claim-rows';
import { toClaimDetail, toExportClaim } from '../../lib/services/claim-views';
import { ExportPeople, exportRecordPage, type ClaimPageCursor } from '../../lib/services/export-rows';
import { useDatabase } from './support/database';
import { reviewedArticle } from './support/reviewed-article';

describe('export-rows', () => {
  const t = useDatabase();

  it('pages an article’s live claims in (start, id) order, ties on start included, each once, exported as the full records are', async () => {
    const { id, ids, viewers } = await reviewedArticle(t.db);
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
        // The same claim and the same judgement as the claim panel's.
        const detail = toClaimDetail(full, blind, viewer);
        const { id, revision, anchorState, exact, prefix, suffix, start, end, note, createdBy, createdAt } = detail;
        expect(exported).toMatchObject({ id, revision, anchorState, exact, prefix, suffix, start, end, note, createdBy, createdAt });
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
    const { id, ids } = await reviewedArticle(t.db);
    await t.db.claim.update({ where: { id: ids[2]! }, data: { anchorState: 'orphaned' } });
    const orphaned = await exportRecordPage(t.db, new ExportPeople(t.db), { articleId: id, after: null, limit: 10, anchors: 'orphaned' });
    expect(orphaned.map((r) => r.id)).toEqual([ids[2]]);
    expect((await exportRecordPage(t.db, new ExportPeople(t.db), { articleId: id, after: null, limit: 10, anchors: 'anchored' })).map((r) => r.id)).not.toContain(ids[2]);
  }, 30_000);
});
