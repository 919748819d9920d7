// The history as each viewer may read it: blind review masks the others'
// verdicts and comments (the withdraw trick included), editors see all, and
// pages are read by cursor however long the history grows.
import { beforeAll, describe, expect, it } from 'vitest';
import { historyEntries, historyEntry, type HistoryAccess, type StoredEvent } from '../../lib/history';
import { adjudicateClaim, withdrawAdjudication } from '../../lib/services/adjudications';
import { createArticle, updateArticle, type ArticleDetail } from '../../lib/services/articles';
import { createClaim, deleteClaim, updateClaim } from '../../lib/services/claims';
import { postComment } from '../../lib/services/comments';
import type { Actor } from '../../lib/services/context';
import { articleActivity, claimHistory } from '../../lib/services/history';
import { upsertVerdict, withdrawVerdict } from '../../lib/services/verdicts';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

const at = new Date('2026-11-25T10:00:00Z');
const verdict = (rating: string, rationale: string) => ({ id: 'v', rating, rationale, sources: [{ url: 'https://example.org/a' }], claim: 'unused' });
const events: StoredEvent[] = [
  { id: 1, type: 'claim.created', claimId: 'c1', actorId: 'rita', actorName: 'Rita', createdAt: at, payload: JSON.stringify({ id: 'c1', exact: 'Le chômage baisse', note: null, verdicts: [] }) },
  { id: 2, type: 'verdict.updated', claimId: 'c1', actorId: 'remi', actorName: 'Rémi', createdAt: at, payload: JSON.stringify({ before: null, after: verdict('false', 'Faux selon l’Insee'), claim: { verdicts: [] } }) },
  { id: 3, type: 'comment.created', claimId: 'c1', actorId: 'remi', actorName: 'Rémi', createdAt: at, payload: JSON.stringify({ claimId: 'c1', after: { body: 'Voir la note' } }) },
  { id: 4, type: 'adjudication.updated', claimId: 'c1', actorId: 'ed', actorName: 'Édith', createdAt: at, payload: JSON.stringify({ before: null, after: { rating: 'mostly-false', rationale: 'Tranché' } }) },
  { id: 5, type: 'verdict.updated', claimId: 'c1', actorId: 'rita', actorName: 'Rita', createdAt: at, payload: JSON.stringify({ before: verdict('true', 'Vrai'), after: null, withdrawn: 'v' }) },
  { id: 6, type: 'article.updated', claimId: null, actorId: 'ed', actorName: 'Édith', createdAt: at, payload: JSON.stringify({ before: { settings: { minReviewers: 2 } }, after: { settings: { minReviewers: 3 } } }) },
  { id: 7, type: 'user.updated', claimId: null, actorId: 'ed', actorName: 'Édith', createdAt: at, payload: JSON.stringify({ before: { role: 'reviewer' }, after: { role: 'editor' } }) },
];
const access = (id: string, role: 'reviewer' | 'editor' | 'admin', revealed: string[] = [], blindReview = true): HistoryAccess => ({
  viewer: { id, role },
  blindReview,
  revealedClaimIds: new Set(revealed),
});

describe('history entries (pure)', () => {
  it('a reviewer the claim is not revealed to never learns of the others’ verdicts or comments, not even that there were some', () => {
    const entries = historyEntries(events, access('rita', 'reviewer'));
    expect(entries.map((e) => e.id)).toEqual([1, 4, 5, 6]);
    expect(JSON.stringify(entries)).not.toContain('Insee');
    expect(JSON.stringify(entries)).not.toContain('Voir la note');
  });

  it('the reviewer’s own verdict, withdrawn, reads before → after (given, changed, withdrawn)', () => {
    expect(historyEntry(events[4]!, access('rita', 'reviewer'))).toEqual({
      id: 5,
      type: 'verdict.updated',
      action: 'deleted',
      actor: { id: 'rita', name: 'Rita' },
      at: at.toISOString(),
      claimId: 'c1',
      changes: [
        { field: 'rating', before: 'true', after: null },
        { field: 'rationale', before: 'Vrai', after: null },
        { field: 'sources', before: 'https://example.org/a', after: null },
      ],
    });
  });

  it('once revealed (even after withdrawing), a reviewer reads everything; so do editors and admins, and everyone without blind review', () => {
    for (const a of [access('rita', 'reviewer', ['c1']), access('ed', 'editor'), access('ad', 'admin'), access('rita', 'reviewer', [], false)]) {
      expect(historyEntries(events, a).map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6]);
    }
    const given = historyEntry(events[1]!, access('ed', 'editor'))!;
    expect(given.action).toBe('created');
    expect(given.changes).toContainEqual({ field: 'rating', before: null, after: 'false' });
  });

  it('never serves the unmasked claim snapshot kept in the payload; settings read as settings.<name>', () => {
    const all = historyEntries(events, access('ed', 'editor'));
    for (const entry of all) expect(Object.keys(entry).sort()).toEqual(['action', 'actor', 'at', 'changes', 'claimId', 'id', 'type']);
    expect(all.find((e) => e.id === 6)!.changes).toEqual([{ field: 'settings.minReviewers', before: 2, after: 3 }]);
    expect(all.some((e) => e.type === ('user.updated' as string))).toBe(false);
  });

  it('a payload of an unexpected shape gives an entry without changes, not an error', () => {
    const odd = { ...events[1]!, payload: '{"before": 3, "after": "x"' };
    expect(historyEntry(odd, access('ed', 'editor'))).toMatchObject({ id: 2, action: 'created', changes: [] });
  });
});

describe('history on real SQLite', () => {
  const t = useDatabase();
  let editor: Actor;
  let rita: Actor;
  let remi: Actor;
  let article: ArticleDetail;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Édith');
    rita = await makeUser(t.db, 'reviewer', 'Rita');
    remi = await makeUser(t.db, 'reviewer', 'Rémi');
    const text = Array.from({ length: 20 }, (_, i) => `Phrase ${i} à vérifier.`).join(' ');
    article = await createArticle(ctxFor(t.db, editor), { text });
  });

  it('a claim’s history: verdicts given, changed and withdrawn, comments, adjudications, note edits — masked until the reveal, which withdrawing does not undo', async () => {
    const claim = await createClaim(ctxFor(t.db, rita), article.id, { exact: 'Phrase 1 à vérifier' });
    await upsertVerdict(ctxFor(t.db, remi), claim.id, { rating: 'false', rationale: 'Secret de Rémi' });
    await upsertVerdict(ctxFor(t.db, remi), claim.id, { rating: 'mostly-false', rationale: 'Secret de Rémi, revu' });
    await updateClaim(ctxFor(t.db, rita), claim.id, { note: 'À sourcer' });

    const blind = await claimHistory(ctxFor(t.db, rita), claim.id);
    expect(blind.entries.map((e) => e.type)).toEqual(['claim.updated', 'claim.created']);
    expect(JSON.stringify(blind)).not.toContain('Secret');

    await upsertVerdict(ctxFor(t.db, rita), claim.id, { rating: 'true' });
    await withdrawVerdict(ctxFor(t.db, rita), claim.id);
    await postComment(ctxFor(t.db, remi), claim.id, { body: 'Rita, regarde la source' });
    await adjudicateClaim(ctxFor(t.db, editor), claim.id, { rating: 'false', rationale: 'Chiffres Insee' });
    await withdrawAdjudication(ctxFor(t.db, editor), claim.id);

    const revealed = await claimHistory(ctxFor(t.db, rita), claim.id);
    expect(revealed.entries.map((e) => `${e.type} ${e.action} ${e.actor?.name}`)).toEqual([
      'adjudication.updated deleted Édith',
      'adjudication.updated created Édith',
      'comment.created created Rémi',
      'verdict.updated deleted Rita',
      'verdict.updated created Rita',
      'claim.updated changed Rita',
      'verdict.updated changed Rémi',
      'verdict.updated created Rémi',
      'claim.created created Rita',
    ]);
    expect(revealed.entries[6]!.changes).toEqual([
      { field: 'rating', before: 'false', after: 'mostly-false' },
      { field: 'rationale', before: 'Secret de Rémi', after: 'Secret de Rémi, revu' },
    ]);
    expect(revealed.nextCursor).toBeNull();
  });

  it('the activity: editors and admins only, filtered by person, settings and deletions included', async () => {
    const claim = await createClaim(ctxFor(t.db, rita), article.id, { exact: 'Phrase 2 à vérifier' });
    const current = await updateArticle(ctxFor(t.db, editor), article.id, { version: article.version, settings: { minReviewers: 3 } });
    article = current;
    await deleteClaim(ctxFor(t.db, editor), claim.id);

    await expectDomainError(articleActivity(ctxFor(t.db, rita), article.id), 403);
    const mine = await articleActivity(ctxFor(t.db, editor), article.id, { actor: editor.id, limit: '2' });
    expect(mine.entries.map((e) => e.type)).toEqual(['claim.deleted', 'article.updated']);
    expect(mine.entries[0]!.changes).toEqual([{ field: 'exact', before: 'Phrase 2 à vérifier', after: null }]);
    expect(mine.entries[1]!.changes).toEqual([{ field: 'settings.minReviewers', before: 2, after: 3 }]);
    expect(mine.nextCursor).toBe(mine.entries[1]!.id);
    const ritas = await articleActivity(ctxFor(t.db, editor), article.id, { actor: rita.id });
    expect(new Set(ritas.entries.map((e) => e.actor?.id))).toEqual(new Set([rita.id]));
    await expectDomainError(articleActivity(ctxFor(t.db, editor), article.id, { cursor: 'soon' }), 422, [['cursor']]);
    // Past the largest id an Int column holds (32 bits on PostgreSQL): bad input on every database, not a 500.
    await expectDomainError(articleActivity(ctxFor(t.db, editor), article.id, { cursor: String(2 ** 31) }), 422, [['cursor']]);
    expect((await articleActivity(ctxFor(t.db, editor), article.id, { cursor: String(2 ** 31 - 1) })).entries.length).toBeGreaterThan(0);
    await expectDomainError(articleActivity(ctxFor(t.db, editor), article.id, { limit: '5000' }), 422, [['limit']]);
  });

  it('pages through thousands of events by cursor, newest first, each exactly once; a blind reviewer’s pages skip the hidden ones', async () => {
    const claim = await createClaim(ctxFor(t.db, rita), article.id, { exact: 'Phrase 3 à vérifier' });
    const N = 3_000;
    // Others' verdict events, then the claim's note edits, straight into the table (a long-running desk).
    const rows = Array.from({ length: N }, (_, i) => ({
      articleId: article.id,
      claimId: claim.id,
      type: i % 3 === 0 ? 'claim.updated' : 'verdict.updated',
      entityId: claim.id,
      actorId: i % 3 === 0 ? rita.id : remi.id,
      payload: JSON.stringify(i % 3 === 0 ? { before: { note: `n${i - 1}` }, after: { note: `n${i}` } } : { before: null, after: { rating: 'false', rationale: 'caché' } }),
    }));
    await t.db.event.createMany({ data: rows });

    const seen: number[] = [];
    let cursor: number | null | undefined;
    let pages = 0;
    do {
      const page = await articleActivity(ctxFor(t.db, editor), article.id, { limit: '200', ...(cursor ? { cursor: String(cursor) } : {}) });
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(N);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect(pages).toBe(Math.ceil(seen.length / 200));

    const blindIds: number[] = [];
    cursor = undefined;
    do {
      const page = await claimHistory(ctxFor(t.db, rita), claim.id, { limit: '100', ...(cursor ? { cursor: String(cursor) } : {}) });
      expect(page.entries.length).toBeLessThanOrEqual(100);
      blindIds.push(...page.entries.map((e) => e.id));
      expect(JSON.stringify(page)).not.toContain('caché');
      cursor = page.nextCursor;
    } while (cursor);
    expect(blindIds.length).toBe(N / 3 + 1); // her note edits and the claim's creation
  }, 30_000);
});
