// Optimistic concurrency across the four things people edit by hand — a verdict,
// a claim's note, an adjudication, an article's details — on real SQLite: a
// stale version is a 409 whose `current` is the thing as it is now, exactly as
// the one refused may read it (blind review holds in a conflict too).
import { beforeAll, describe, expect, it } from 'vitest';
import { adjudicateClaim } from '../../lib/services/adjudications';
import { createArticle, getArticle, updateArticle, type ArticleDetail } from '../../lib/services/articles';
import { createClaim, getClaim, updateClaim, type ClaimDetail } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { upsertVerdict, withdrawVerdict } from '../../lib/services/verdicts';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

describe('a stale version: 409 with the current state, as the viewer may see it', () => {
  const t = useDatabase();
  let editor: Actor;
  let author: Actor;
  let r1: Actor;
  let r2: Actor;
  let newcomer: Actor;
  let article: ArticleDetail;
  let n = 0;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Édith');
    author = await makeUser(t.db, 'reviewer', 'Autrice');
    r1 = await makeUser(t.db, 'reviewer', 'R1');
    r2 = await makeUser(t.db, 'reviewer', 'R2');
    newcomer = await makeUser(t.db, 'reviewer', 'Nouveau');
    const text = Array.from({ length: 30 }, (_, i) => `Affirmation ${i} en débat.`).join(' ');
    article = await createArticle(ctxFor(t.db, editor), { text }); // blind review, the default
  });

  /** A claim by the author (who gives no verdict), with two others' verdicts with their rationale and a source. */
  async function reviewedClaim(): Promise<ClaimDetail> {
    const claim = await createClaim(ctxFor(t.db, author), article.id, { exact: `Affirmation ${n++} en débat`, note: 'Note' });
    await upsertVerdict(ctxFor(t.db, r1), claim.id, { rating: 'false', rationale: 'Secret de R1.', sources: [{ url: 'https://example.org/r1' }] });
    await upsertVerdict(ctxFor(t.db, r2), claim.id, { rating: 'true', rationale: 'Secret de R2.' });
    return claim;
  }

  /** Nothing of the others' judgement: what a reviewer the claim is not revealed to may see. */
  function expectBlind(current: unknown) {
    expect(current).toMatchObject({ verdictsVisible: false, verdicts: [], sources: [], consensus: { status: 'needs-review', reviewerCount: 0, leadingRating: null } });
    expect(JSON.stringify(current)).not.toMatch(/Secret de R|example\.org\/r1/);
  }

  describe('the claim’s note', () => {
    it('its author, blind to the verdicts, gets the newer note and nothing of the verdicts', async () => {
      const claim = await reviewedClaim();
      await updateClaim(ctxFor(t.db, editor), claim.id, { note: 'Corrigée par l’éditrice', version: 1 });
      const stale = await expectDomainError(updateClaim(ctxFor(t.db, author), claim.id, { note: 'La mienne', version: 1 }), 409, [['version']]);
      expect(stale.key).toBe('staleVersion');
      expect(stale.current).toEqual(await getClaim(ctxFor(t.db, author), claim.id));
      expect(stale.current).toMatchObject({ note: 'Corrigée par l’éditrice', version: 2 });
      expectBlind(stale.current);
    });
  });

  describe('the verdict', () => {
    it('the same reviewer in two tabs: the other tab’s verdict, with the others’ (revealed to them)', async () => {
      const claim = await reviewedClaim();
      await upsertVerdict(ctxFor(t.db, r1), claim.id, { rating: 'mostly-false', rationale: 'Deuxième onglet.', version: 1 });
      const stale = await expectDomainError(upsertVerdict(ctxFor(t.db, r1), claim.id, { rating: 'mixed', version: 1 }), 409, [['version']]);
      expect(stale.params).toEqual({ current: 2, sent: 1 });
      expect(stale.current).toEqual(await getClaim(ctxFor(t.db, r1), claim.id));
      const own = (stale.current as ClaimDetail).verdicts.find((v) => v.reviewer.id === r1.id);
      expect(own).toMatchObject({ rating: 'mostly-false', rationale: 'Deuxième onglet.', version: 2 });
    });

    it('version 0 says “I had none”: a verdict given meanwhile in another tab is a conflict, and none yet is not', async () => {
      const claim = await reviewedClaim();
      const stale = await expectDomainError(upsertVerdict(ctxFor(t.db, r2), claim.id, { rating: 'false', version: 0 }), 409, [['version']]);
      expect((stale.current as ClaimDetail).verdicts.find((v) => v.reviewer.id === r2.id)?.rating).toBe('true');
      const first = await upsertVerdict(ctxFor(t.db, newcomer), claim.id, { rating: 'mixed', version: 0 });
      expect(first).toMatchObject({ created: true, verdict: { version: 1 } });
    });

    it('a verdict withdrawn in another tab: no own verdict in `current`, and the claim stays revealed', async () => {
      const claim = await reviewedClaim();
      await withdrawVerdict(ctxFor(t.db, r1), claim.id);
      const stale = await expectDomainError(upsertVerdict(ctxFor(t.db, r1), claim.id, { rating: 'mixed', version: 1 }), 409);
      expect(stale.current).toEqual(await getClaim(ctxFor(t.db, r1), claim.id));
      expect(stale.current).toMatchObject({ verdictsVisible: true, verdicts: [{ reviewer: { id: r2.id } }] });
    });

    it('a reviewer the claim is not revealed to, sending a version they cannot have, learns nothing of the others', async () => {
      const claim = await reviewedClaim();
      const stale = await expectDomainError(upsertVerdict(ctxFor(t.db, author), claim.id, { rating: 'true', version: 1 }), 409);
      expect(stale.current).toEqual(await getClaim(ctxFor(t.db, author), claim.id));
      expectBlind(stale.current);
      expect(await t.db.verdict.count({ where: { claimId: claim.id, reviewerId: author.id } })).toBe(0);
    });

    it('two saves from the same version at once: one is kept, the other is a 409; the version went up once', async () => {
      const claim = await reviewedClaim();
      const outcomes = await Promise.allSettled([
        upsertVerdict(ctxFor(t.db, r1), claim.id, { rating: 'mixed', rationale: 'Onglet A.', version: 1 }),
        upsertVerdict(ctxFor(t.db, r1), claim.id, { rating: 'true', rationale: 'Onglet B.', version: 1 }),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409, key: 'staleVersion' });
      const kept = (outcomes.find((o) => o.status === 'fulfilled') as PromiseFulfilledResult<Awaited<ReturnType<typeof upsertVerdict>>>).value.verdict;
      const row = await t.db.verdict.findFirstOrThrow({ where: { claimId: claim.id, reviewerId: r1.id } });
      expect(row).toMatchObject({ version: 2, rating: kept.rating, rationale: kept.rationale });
    });
  });

  describe('the adjudication', () => {
    it('the editor gets the claim as they read it, the decision in force included', async () => {
      const claim = await reviewedClaim();
      await adjudicateClaim(ctxFor(t.db, editor), claim.id, { rating: 'mixed', rationale: 'Tranché ailleurs.', replaces: null });
      const stale = await expectDomainError(adjudicateClaim(ctxFor(t.db, editor), claim.id, { rating: 'false', rationale: 'Le mien.', replaces: null }), 409, [
        ['replaces'],
      ]);
      expect(stale.current).toEqual(await getClaim(ctxFor(t.db, editor), claim.id));
      expect(stale.current).toMatchObject({ adjudication: { rating: 'mixed', rationale: 'Tranché ailleurs.' }, verdictsVisible: true });
    });
  });

  describe('the article', () => {
    it('the editor gets the article as GET /articles/:id shows it', async () => {
      const fresh = await createArticle(ctxFor(t.db, editor), { text: 'Un texte court pour un conflit.' });
      await updateArticle(ctxFor(t.db, editor), fresh.id, { publisher: 'Le Quotidien', version: 1 });
      const stale = await expectDomainError(updateArticle(ctxFor(t.db, editor), fresh.id, { title: 'Le mien', version: 1 }), 409, [['version']]);
      expect(stale.current).toEqual(await getArticle(ctxFor(t.db, editor), fresh.id));
      expect(stale.current).toMatchObject({ publisher: 'Le Quotidien', version: 2 });
    });
  });
});
