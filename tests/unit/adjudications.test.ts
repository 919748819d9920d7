// Adjudication on real SQLite: an editor settles a claim, revises and
// withdraws the decision, with its history; reviewers may only read it.
import { beforeAll, describe, expect, it } from 'vitest';
import { adjudicateClaim, getAdjudication, withdrawAdjudication } from '../../lib/services/adjudications';
import { createArticle, type ArticleDetail } from '../../lib/services/articles';
import { createClaim, deleteClaim, getClaim, listClaims } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { exportArticle } from '../../lib/services/exports';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

describe('adjudication', () => {
  const t = useDatabase();
  let editor: Actor;
  let admin: Actor;
  let reviewer: Actor;
  let other: Actor;
  let article: ArticleDetail;
  let n = 0;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Édith');
    admin = await makeUser(t.db, 'admin', 'Ada');
    reviewer = await makeUser(t.db, 'reviewer', 'Rita');
    other = await makeUser(t.db, 'reviewer', 'Rémi');
    const text = Array.from({ length: 30 }, (_, i) => `Affirmation ${i} à trancher.`).join(' ');
    // Blind review, the default.
    article = await createArticle(ctxFor(t.db, editor), { text });
  });

  /** A claim disputed by two reviewers. */
  async function disputed(): Promise<string> {
    const claim = await createClaim(ctxFor(t.db, reviewer), article.id, { exact: `Affirmation ${n++} à trancher` });
    await upsertVerdict(ctxFor(t.db, reviewer), claim.id, { rating: 'false' });
    await upsertVerdict(ctxFor(t.db, other), claim.id, { rating: 'true' });
    return claim.id;
  }

  it('an editor settles a disputed claim: status adjudicated with the final rating, for every reader', async () => {
    const claimId = await disputed();
    expect((await getClaim(ctxFor(t.db, editor), claimId)).consensus.status).toBe('disputed');
    const result = await adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'mixed', rationale: '  Les deux lectures se défendent.  ' });
    expect(result.current).toMatchObject({ rating: 'mixed', rationale: 'Les deux lectures se défendent.', editor: { id: editor.id, name: 'Édith' }, withdrawnAt: null });
    expect(result.history).toHaveLength(1);
    expect(result.claim.consensus).toMatchObject({ status: 'adjudicated', finalRating: 'mixed' });
    expect(result.claim.adjudication).toEqual(result.current);

    const forReviewer = await getClaim(ctxFor(t.db, reviewer), claimId);
    expect(forReviewer.consensus).toMatchObject({ status: 'adjudicated', finalRating: 'mixed' });
    expect(forReviewer.adjudication?.rating).toBe('mixed');
    const listed = (await listClaims(ctxFor(t.db, other), article.id)).find((c) => c.id === claimId)!;
    expect(listed.consensus.status).toBe('adjudicated');
  });

  it('under blind review, a reviewer who has not rated sees the adjudication (published) and nothing else', async () => {
    const claimId = await disputed();
    await adjudicateClaim(ctxFor(t.db, admin), claimId, { rating: 'mostly-false', rationale: 'Tranché.' });
    const newcomer = await makeUser(t.db, 'reviewer');
    const seen = await getClaim(ctxFor(t.db, newcomer), claimId);
    expect(seen.verdictsVisible).toBe(false);
    expect(seen.verdicts).toEqual([]);
    expect(seen.consensus).toMatchObject({ status: 'adjudicated', finalRating: 'mostly-false', reviewerCount: 0, leadingRating: null, agreement: null });
    expect(seen.adjudication).toMatchObject({ rating: 'mostly-false', rationale: 'Tranché.' });
    expect((await getAdjudication(ctxFor(t.db, newcomer), claimId)).current?.rating).toBe('mostly-false');
    const csv = await exportArticle(ctxFor(t.db, newcomer), article.id, { format: 'csv', scope: 'all' });
    expect(csv.body).toContain(',adjudicated,,'); // no leading rating: the verdicts stay hidden
    expect(csv.body).toContain(',mostly-false,adjudication,');
  });

  it('revising keeps the history, newest first; GET shows both', async () => {
    const claimId = await disputed();
    await adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'false', rationale: 'Premier avis.' });
    await adjudicateClaim(ctxFor(t.db, admin), claimId, { rating: 'mostly-false', rationale: 'Révisé.' });
    const state = await getAdjudication(ctxFor(t.db, reviewer), claimId);
    expect(state.current).toMatchObject({ rating: 'mostly-false', editor: { id: admin.id } });
    expect(state.history.map((a) => a.rating)).toEqual(['mostly-false', 'false']);
    expect((await getClaim(ctxFor(t.db, reviewer), claimId)).consensus.finalRating).toBe('mostly-false');
  });

  it('withdrawing returns the claim to its verdicts; the history stays, marked; an earlier one does not come back', async () => {
    const claimId = await disputed();
    await adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'false', rationale: 'Un.' });
    await adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'true', rationale: 'Deux.' });
    const withdrawn = await withdrawAdjudication(ctxFor(t.db, admin), claimId);
    expect(withdrawn.current).toBeNull();
    expect(withdrawn.claim.consensus).toMatchObject({ status: 'disputed', finalRating: null });
    expect(withdrawn.claim.adjudication).toBeNull();
    expect(withdrawn.history).toHaveLength(2);
    for (const a of withdrawn.history) expect(a).toMatchObject({ withdrawnBy: { id: admin.id, name: 'Ada' }, withdrawnAt: expect.any(String) });
    await expectDomainError(withdrawAdjudication(ctxFor(t.db, editor), claimId), 404);
    // A new decision after the withdrawal is in force again.
    await adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'mixed', rationale: 'Trois.' });
    expect((await getAdjudication(ctxFor(t.db, reviewer), claimId)).history.map((a) => [a.rating, a.withdrawnAt === null])).toEqual([
      ['mixed', true],
      ['true', false],
      ['false', false],
    ]);
  });

  it('reviewers (the claim’s author and another) get 403 on POST and DELETE; anonymous 401; everyone signed in may GET', async () => {
    const claimId = await disputed();
    for (const who of [reviewer, other]) {
      const refused = await expectDomainError(adjudicateClaim(ctxFor(t.db, who), claimId, { rating: 'true', rationale: 'Non.' }), 403);
      expect(refused.key).toBe('forbidden');
      await expectDomainError(withdrawAdjudication(ctxFor(t.db, who), claimId), 403);
      expect((await getAdjudication(ctxFor(t.db, who), claimId)).current).toBeNull();
    }
    await expectDomainError(adjudicateClaim(ctxFor(t.db, null), claimId, { rating: 'true', rationale: 'Non.' }), 401);
    await expectDomainError(getAdjudication(ctxFor(t.db, null), claimId), 401);
    expect(await t.db.adjudication.count({ where: { claimId } })).toBe(0);
  });

  it('bad input is 422 naming the field; unknown or deleted claims 404; nothing is written', async () => {
    const claimId = await disputed();
    await expectDomainError(adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'pants-on-fire', rationale: 'x' }), 422, [['rating']]);
    await expectDomainError(adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'true', rationale: '   ' }), 422, [['rationale']]);
    await expectDomainError(adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'true' }), 422, [['rationale']]);
    const long = await expectDomainError(adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'true', rationale: 'x'.repeat(10_001) }), 422, [['rationale']]);
    expect(long.message).toMatch(/at most 10,000 characters/);
    await expectDomainError(adjudicateClaim(ctxFor(t.db, editor), 'no-such-claim', { rating: 'true', rationale: 'x' }), 404);
    await deleteClaim(ctxFor(t.db, editor), claimId);
    await expectDomainError(adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'true', rationale: 'x' }), 404);
    await expectDomainError(getAdjudication(ctxFor(t.db, editor), claimId), 404);
    expect(await t.db.adjudication.count({ where: { claimId } })).toBe(0);
  });

  describe('optimistic concurrency: `replaces`, the adjudication in force the editor saw', () => {
    it('revising the one in force, or settling with null while none is, succeeds', async () => {
      const claimId = await disputed();
      const first = await adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'false', rationale: 'Un.', replaces: null });
      const second = await adjudicateClaim(ctxFor(t.db, admin), claimId, { rating: 'true', rationale: 'Deux.', replaces: first.current!.id });
      expect(second.current).toMatchObject({ rating: 'true', editor: { id: admin.id } });
      expect(second.history.map((a) => a.id)).toEqual([second.current!.id, first.current!.id]);
    });

    it('another decision in force meanwhile is 409 on ["replaces"] with the current claim; nothing is written', async () => {
      const claimId = await disputed();
      const seen = await adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'false', rationale: 'Vu.' });
      const meanwhile = await adjudicateClaim(ctxFor(t.db, admin), claimId, { rating: 'mixed', rationale: 'Entre-temps.', replaces: seen.current!.id });
      const events = await t.db.event.count({ where: { claimId } });

      const stale = await expectDomainError(
        adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'true', rationale: 'Trop tard.', replaces: seen.current!.id }),
        409,
        [['replaces']],
      );
      expect(stale).toMatchObject({ code: 'conflict', key: 'staleVersion' });
      expect(stale.issues[0]!.key).toBe('stale');
      // The claim as the editor may see it now: the same as reading it, the newer decision in force.
      expect(stale.current).toEqual(await getClaim(ctxFor(t.db, editor), claimId));
      expect(stale.current).toMatchObject({ id: claimId, adjudication: { id: meanwhile.current!.id, rating: 'mixed', rationale: 'Entre-temps.' } });
      expect(await t.db.adjudication.count({ where: { claimId } })).toBe(2);
      expect(await t.db.event.count({ where: { claimId } })).toBe(events);
    });

    it('settling (null) a claim someone settled meanwhile, or revising one withdrawn meanwhile, is 409', async () => {
      const claimId = await disputed();
      const settled = await adjudicateClaim(ctxFor(t.db, admin), claimId, { rating: 'false', rationale: 'Déjà tranché.' });
      const late = await expectDomainError(adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'true', rationale: 'Moi aussi.', replaces: null }), 409, [['replaces']]);
      expect(late.current).toMatchObject({ adjudication: { id: settled.current!.id } });

      await withdrawAdjudication(ctxFor(t.db, admin), claimId);
      const gone = await expectDomainError(
        adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'true', rationale: 'Révision.', replaces: settled.current!.id }),
        409,
        [['replaces']],
      );
      expect(gone.current).toMatchObject({ id: claimId, adjudication: null, consensus: { status: 'disputed' } });
      // Without `replaces`, the last decision wins, as before.
      expect((await adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'true', rationale: 'Sans version.' })).current?.rating).toBe('true');
    });

    it('two revisions of the same decision at once: one is in force, the other is a 409', async () => {
      const claimId = await disputed();
      const seen = await adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'false', rationale: 'Vu.' });
      const outcomes = await Promise.allSettled([
        adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'true', rationale: 'A.', replaces: seen.current!.id }),
        adjudicateClaim(ctxFor(t.db, admin), claimId, { rating: 'mixed', rationale: 'B.', replaces: seen.current!.id }),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ status: 409, key: 'staleVersion' });
      expect(await t.db.adjudication.count({ where: { claimId } })).toBe(2);
    });

    it('withdrawing names the decision: another one in force is 409 with the current claim, and stays', async () => {
      const claimId = await disputed();
      const seen = await adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'false', rationale: 'Vu.' });
      const meanwhile = await adjudicateClaim(ctxFor(t.db, admin), claimId, { rating: 'mixed', rationale: 'Entre-temps.' });
      const stale = await expectDomainError(withdrawAdjudication(ctxFor(t.db, editor), claimId, { adjudication: seen.current!.id }), 409, [['adjudication']]);
      expect(stale.current).toMatchObject({ adjudication: { id: meanwhile.current!.id } });
      expect((await getAdjudication(ctxFor(t.db, reviewer), claimId)).current?.id).toBe(meanwhile.current!.id);
      expect((await withdrawAdjudication(ctxFor(t.db, editor), claimId, { adjudication: meanwhile.current!.id })).current).toBeNull();
      await expectDomainError(withdrawAdjudication(ctxFor(t.db, editor), claimId, { adjudication: '' }), 422, [['adjudication']]);
    });

    it('`replaces` must be an id or null: 422 naming it', async () => {
      const claimId = await disputed();
      await expectDomainError(adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'true', rationale: 'x', replaces: 3 }), 422, [['replaces']]);
      await expectDomainError(adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'true', rationale: 'x', replaces: '  ' }), 422, [['replaces']]);
      await expectDomainError(adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'true', rationale: 'x', replaces: 'x'.repeat(101) }), 422, [['replaces']]);
      expect(await t.db.adjudication.count({ where: { claimId } })).toBe(0);
    });
  });

  it('records adjudication.updated before → after, for settling, revising and withdrawing', async () => {
    const claimId = await disputed();
    const first = await adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'false', rationale: 'Un.' });
    const second = await adjudicateClaim(ctxFor(t.db, editor), claimId, { rating: 'true', rationale: 'Deux.' });
    await withdrawAdjudication(ctxFor(t.db, admin), claimId);
    const events = await t.db.event.findMany({ where: { type: 'adjudication.updated', articleId: article.id }, orderBy: { id: 'asc' } });
    const mine = events.filter((e) => [first.current!.id, second.current!.id].includes(e.entityId));
    expect(mine.map((e) => e.actorId)).toEqual([editor.id, editor.id, admin.id]);
    const payloads = mine.map((e) => JSON.parse(e.payload) as { before: { rating: string } | null; after: { rating: string } | null; claim: { consensus: { status: string } } });
    expect(payloads.map((p) => [p.before?.rating ?? null, p.after?.rating ?? null, p.claim.consensus.status])).toEqual([
      [null, 'false', 'adjudicated'],
      ['false', 'true', 'adjudicated'],
      ['true', null, 'disputed'],
    ]);
  });
});
