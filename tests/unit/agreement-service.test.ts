// lib/services/agreement.ts on both databases: the figures are lib/agreement's
// on the verdicts the service loads (first, independent ratings under blind
// review; deleted claims left out), and a reviewer gets only what the
// visibility rule lets them see.
import { beforeAll, describe, expect, it } from 'vitest';
import { dawidSkene } from '../../lib/agreement/dawid-skene';
import { ratingsMatrix, type RatedVerdict } from '../../lib/agreement/matrix';
import { agreementReport } from '../../lib/agreement/report';
import type { Rating } from '../../lib/ratings';
import { agreementFor } from '../../lib/services/agreement';
import { createArticle, updateArticle, type ArticleDetail } from '../../lib/services/articles';
import { createClaim, deleteClaim, listClaims } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, expectDomainError, makeUser, testProvider, useDatabase } from './support/database';

describe(`agreement service on ${testProvider}`, () => {
  const t = useDatabase();
  let editor: Actor;
  let ada: Actor;
  let rita: Actor;
  let remi: Actor;
  let zoe: Actor;
  let blind: ArticleDetail;
  let open: ArticleDetail;
  const claimIds: string[] = [];
  let hiddenClaimId: string;
  let openClaimIds: string[] = [];
  /** The ratings the figures must use on the blind article, claim by claim. */
  const expected: RatedVerdict[] = [];

  const sentences = Array.from({ length: 12 }, (_, i) => `Le chiffre numéro ${i} est exact selon l’INSEE.`);
  /** Claims per status as the claims list shows them to this viewer. */
  const listed = async (who: Actor, articleId: string) => {
    const counts: Record<string, number> = { unreviewed: 0, 'needs-review': 0, consensus: 0, disputed: 0, adjudicated: 0 };
    for (const claim of await listClaims(ctxFor(t.db, who), articleId)) counts[claim.consensus.status]! += 1;
    return counts;
  };
  const verdict = async (who: Actor, claimId: string, rating: Rating) => upsertVerdict(ctxFor(t.db, who), claimId, { rating, rationale: 'Vérifié.' });

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Édith');
    ada = await makeUser(t.db, 'reviewer', 'Ada');
    rita = await makeUser(t.db, 'reviewer', 'Rita');
    remi = await makeUser(t.db, 'reviewer', 'Rémi');
    zoe = await makeUser(t.db, 'reviewer', 'Zoé');
    blind = await createArticle(ctxFor(t.db, editor), { text: sentences.join(' '), title: 'À l’aveugle' });
    for (let i = 0; i < 6; i++) claimIds.push((await createClaim(ctxFor(t.db, ada), blind.id, { exact: sentences[i]!.slice(0, -1) })).id);
    const plan: [Actor, number, Rating][] = [
      [ada, 0, 'false'],
      [rita, 0, 'false'],
      [remi, 0, 'mostly-false'],
      [ada, 1, 'true'],
      [rita, 1, 'mostly-true'],
      [ada, 2, 'mixed'],
      [rita, 2, 'false'],
      [zoe, 2, 'mixed'],
      [ada, 3, 'unverifiable'],
      [rita, 3, 'unverifiable'],
    ];
    for (const [who, i, rating] of plan) {
      await verdict(who, claimIds[i]!, rating);
      expected.push({ claimId: claimIds[i]!, reviewerId: who.id, rating });
    }
    // Rita changes her mind on claim 1 after seeing Ada's: the figures keep her first rating.
    await verdict(rita, claimIds[1]!, 'true');
    // Claim 4: Ada and Zoé, hidden from Rémi (he has not judged it).
    hiddenClaimId = claimIds[4]!;
    await verdict(ada, hiddenClaimId, 'true');
    await verdict(zoe, hiddenClaimId, 'true');
    expected.push({ claimId: hiddenClaimId, reviewerId: ada.id, rating: 'true' }, { claimId: hiddenClaimId, reviewerId: zoe.id, rating: 'true' });
    // Claim 5 is rated, then deleted: left out.
    await verdict(ada, claimIds[5]!, 'false');
    await verdict(rita, claimIds[5]!, 'true');
    await deleteClaim(ctxFor(t.db, editor), claimIds[5]!);

    // Without blind review, the current rating counts.
    open = await createArticle(ctxFor(t.db, editor), { text: sentences.slice(6).join(' '), title: 'À découvert' });
    await updateArticle(ctxFor(t.db, editor), open.id, { version: open.version, settings: { blindReview: false } });
    openClaimIds = [];
    for (let i = 6; i < 9; i++) openClaimIds.push((await createClaim(ctxFor(t.db, ada), open.id, { exact: sentences[i]!.slice(0, -1) })).id);
    await verdict(ada, openClaimIds[0]!, 'false');
    await verdict(remi, openClaimIds[0]!, 'true');
    await verdict(remi, openClaimIds[0]!, 'false'); // revised: 'false' counts
    await verdict(ada, openClaimIds[1]!, 'mixed');
    await verdict(zoe, openClaimIds[1]!, 'mostly-true');
  }, 60_000);

  it('gives an editor lib/agreement’s figures over the first, independent ratings, deleted claims left out', async () => {
    const view = await agreementFor(ctxFor(t.db, editor), blind.id);
    const report = agreementReport(ratingsMatrix(expected));
    expect(view).toMatchObject(report);
    expect(view.claims).toBe(5);
    expect(view.reviewers).toBe(4);
    expect(view.restricted).toBe(false);
    expect(view.cohenKappa.every((p) => p.b !== null)).toBe(true);
    // The reviewers, and the viewer.
    expect(view.people.map((p) => p.name).sort()).toEqual(['Ada', 'Rita', 'Rémi', 'Zoé', 'Édith'].sort());
    // Rita's revision is not counted: her first rating of claim 1 was 'mostly-true'.
    expect(view.coverage.claims.find((c) => c.id === claimIds[1])!.ratings[view.coverage.reviewers.indexOf(rita.id)]).toBe('mostly-true');
    expect(view.coverage.claims.map((c) => c.id)).not.toContain(claimIds[5]);
    expect(view.statuses).toEqual(await listed(editor, blind.id));
    expect(view.statuses.consensus).toBeGreaterThan(0);
    // Dawid–Skene over 5 claims: too little data, said so.
    expect(view.reliability).toMatchObject({ insufficientData: dawidSkene(ratingsMatrix(expected)).insufficientData, converged: null, weighted: null });
    expect(view.reliability.insufficientData).toBe(true);
  });

  it('uses the current rating where the article has no blind review, each article by its own rule across articles', async () => {
    const view = await agreementFor(ctxFor(t.db, editor), open.id);
    const current: RatedVerdict[] = [
      { claimId: openClaimIds[0]!, reviewerId: ada.id, rating: 'false' },
      { claimId: openClaimIds[0]!, reviewerId: remi.id, rating: 'false' },
      { claimId: openClaimIds[1]!, reviewerId: ada.id, rating: 'mixed' },
      { claimId: openClaimIds[1]!, reviewerId: zoe.id, rating: 'mostly-true' },
    ];
    expect(view).toMatchObject(agreementReport(ratingsMatrix(current)));
    expect(view.statuses.unreviewed).toBe(1);
    const all = await agreementFor(ctxFor(t.db, editor), null);
    expect(all).toMatchObject(agreementReport(ratingsMatrix([...expected, ...current])));
    expect(all.scope.article).toBeNull();
    expect(all.articles.map((a) => a.id).sort()).toEqual([blind.id, open.id].sort());
  });

  it('gives a reviewer the figures of the claims revealed to them only, their own pairs unnamed, their own name only', async () => {
    const view = await agreementFor(ctxFor(t.db, remi), blind.id);
    const revealed = expected.filter((v) => v.claimId === claimIds[0]);
    expect(view).toMatchObject({ ...agreementReport(ratingsMatrix(revealed)), cohenKappa: [] });
    expect(view.claims).toBe(1);
    expect(view.restricted).toBe(true);
    expect(view.people).toEqual([{ id: remi.id, name: 'Rémi' }]);
    expect(view.coverage.reviewers).toEqual([remi.id]);
    // What he has not judged reads needs-review, as in the claims list.
    expect(view.statuses).toEqual(await listed(remi, blind.id));
    expect(view.statuses['needs-review']).toBe(4);
    const rita_ = await agreementFor(ctxFor(t.db, rita), blind.id);
    expect(rita_.cohenKappa.length).toBeGreaterThan(0);
    expect(rita_.cohenKappa.every((p) => p.a === rita.id && p.b === null)).toBe(true);
    expect(JSON.stringify(rita_)).not.toContain(zoe.id);
  });

  it('cannot be inverted: nothing a reviewer gets changes when others rate a claim hidden from them', async () => {
    const before = await agreementFor(ctxFor(t.db, remi), blind.id);
    const beforeAll_ = await agreementFor(ctxFor(t.db, remi), null, { from: '2000-01-01' });
    const editorBefore = await agreementFor(ctxFor(t.db, editor), blind.id);
    await verdict(rita, hiddenClaimId, 'false');
    const after = await agreementFor(ctxFor(t.db, remi), blind.id);
    expect(after).toEqual(before);
    expect(await agreementFor(ctxFor(t.db, remi), null, { from: '2000-01-01' })).toEqual(beforeAll_);
    // The editor's figures move: the verdict was there to count.
    const editorAfter = await agreementFor(ctxFor(t.db, editor), blind.id);
    expect(editorAfter.percentAgreement).not.toEqual(editorBefore.percentAgreement);
    expect(editorAfter.statuses).not.toEqual(editorBefore.statuses);
  });

  it('does not even say whether anyone rated a claim hidden from the reviewer (restricted depends on his own verdicts only)', async () => {
    const quiet = await createArticle(ctxFor(t.db, editor), { text: 'Une seule phrase à vérifier ici.', title: 'Silence' });
    const claim = await createClaim(ctxFor(t.db, ada), quiet.id, { exact: 'Une seule phrase' });
    const before = await agreementFor(ctxFor(t.db, remi), quiet.id);
    expect(before.restricted).toBe(true);
    await verdict(ada, claim.id, 'false');
    expect(await agreementFor(ctxFor(t.db, remi), quiet.id)).toEqual(before);
  });

  it('filters by reviewer (editors: anyone; a reviewer: themselves) and by the day the rating was given', async () => {
    const zoes = await agreementFor(ctxFor(t.db, editor), blind.id, { reviewer: zoe.id });
    expect(zoes.claims).toBe(2);
    expect(zoes.scope.reviewer).toBe(zoe.id);
    await expectDomainError(agreementFor(ctxFor(t.db, remi), blind.id, { reviewer: zoe.id }), 403);
    expect((await agreementFor(ctxFor(t.db, remi), blind.id, { reviewer: remi.id })).claims).toBe(1);

    // Zoé's first verdict on claim 2 was given long ago: a window after it leaves it out.
    await t.db.claimReveal.updateMany({ where: { claimId: claimIds[2]!, userId: zoe.id }, data: { createdAt: new Date('2020-03-04T10:00:00Z') } });
    const old = await agreementFor(ctxFor(t.db, editor), blind.id, { from: '2020-03-04', to: '2020-03-04' });
    expect(old).toMatchObject({ claims: 1, reviewers: 1, scope: { from: '2020-03-04', to: '2020-03-04', dates: 'verdicts' } });
    expect(old.coverage.claims.map((c) => c.id)).toEqual([claimIds[2]]);
    expect(old.overTime.map((w) => w.week)).toEqual(['2020-03-02']);
    const recent = await agreementFor(ctxFor(t.db, editor), blind.id, { from: '2020-03-05' });
    expect(recent.coverage.claims.find((c) => c.id === claimIds[2])!.ratings[recent.coverage.reviewers.indexOf(zoe.id)] ?? null).toBeNull();
  });

  it('refuses bad queries with 422 naming the field, an unknown article with 404, nobody with 401', async () => {
    await expectDomainError(agreementFor(ctxFor(t.db, editor), blind.id, { from: '2025-02-30' }), 422, [['from']]);
    await expectDomainError(agreementFor(ctxFor(t.db, editor), blind.id, { from: '2025-03-02', to: '2025-03-01' }), 422, [['to']]);
    await expectDomainError(agreementFor(ctxFor(t.db, editor), blind.id, { format: 'xlsx' }), 422, [['format']]);
    await expectDomainError(agreementFor(ctxFor(t.db, editor), blind.id, { since: '2025' }), 422, [['since']]);
    await expectDomainError(agreementFor(ctxFor(t.db, editor), 'no-such-article'), 404);
    await expectDomainError(agreementFor(ctxFor(t.db, null), blind.id), 401);
  });

  it('lists the claims that need attention: disputed first, then needs-review, oldest first', async () => {
    const view = await agreementFor(ctxFor(t.db, editor), null);
    const ranks = view.attention.claims.map((c) => ['disputed', 'needs-review', 'unreviewed'].indexOf(c.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks.every((r) => r >= 0)).toBe(true);
    expect(view.attention.claims[0]!.status).toBe('disputed');
    expect(view.attention.total).toBe(view.statuses.disputed + view.statuses['needs-review'] + view.statuses.unreviewed);
  });
});
