// The article list's counts (lib/services/article-counts.ts), kept as claims and
// verdicts change, always equal to what counting the rows gives: step by step,
// under blind review, with writes at once (PostgreSQL's READ COMMITTED is where
// two first verdicts could both count), and after a recount.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../lib/db/client';
import { DomainError } from '../../lib/errors';
import { recountArticle } from '../../lib/services/article-counts';
import { createArticle, listArticles } from '../../lib/services/articles';
import { createClaim, deleteClaim } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { upsertVerdict, withdrawVerdict } from '../../lib/services/verdicts';
import { ctxFor, makeUser, useDatabase } from './support/database';

const SENTENCES = 40;
const TEXT = Array.from({ length: SENTENCES }, (_, i) => `Le chiffre numéro ${i} est « exact ».`).join(' ');
const verdict = (rating: string) => ({ rating, rationale: 'Vérifié d’après la source officielle.' });

/** The counts as the rows give them, for this viewer: what the list counted on every read before. */
async function countedFromRows(db: Db, articleId: string, viewer: Actor) {
  const live = { articleId, deletedAt: null };
  const reviewed = { ...live, verdicts: { some: {} } };
  const article = await db.article.findUniqueOrThrow({ where: { id: articleId } });
  const blind = article.blindReview && viewer.role === 'reviewer';
  return {
    claimCount: await db.claim.count({ where: live }),
    reviewedClaimCount: await db.claim.count({
      where: blind ? { ...reviewed, OR: [{ reveals: { some: { userId: viewer.id } } }, { verdicts: { some: { reviewerId: viewer.id } } }] } : reviewed,
    }),
  };
}

async function listed(db: Db, articleId: string, viewer: Actor) {
  const article = (await listArticles(ctxFor(db, viewer))).find((a) => a.id === articleId)!;
  return { claimCount: article.claimCount, reviewedClaimCount: article.reviewedClaimCount };
}

describe('the article list’s counts', () => {
  const t = useDatabase();
  let editor: Actor;
  let reviewers: Actor[];
  let n = 0;
  const passage = () => ({ exact: `Le chiffre numéro ${n++} est « exact »` });

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor');
    reviewers = await Promise.all(Array.from({ length: 10 }, (_, i) => makeUser(t.db, 'reviewer', `Relectrice ${i}`)));
  }, 60_000);

  const newArticle = async () => (await createArticle(ctxFor(t.db, editor), { text: TEXT })).id;

  async function expectTrue(articleId: string, expected: { claimCount: number; reviewedClaimCount: number }) {
    expect(await listed(t.db, articleId, editor)).toEqual(expected);
    for (const viewer of [editor, ...reviewers.slice(0, 3)]) {
      expect(await listed(t.db, articleId, viewer)).toEqual(await countedFromRows(t.db, articleId, viewer));
    }
  }

  it('follow each claim and verdict: marked, judged, replaced, withdrawn, deleted; blind reviewers count only what they judged', async () => {
    const articleId = await newArticle();
    const [a, b] = reviewers as [Actor, Actor];
    await expectTrue(articleId, { claimCount: 0, reviewedClaimCount: 0 });

    const first = await createClaim(ctxFor(t.db, a), articleId, passage());
    const second = await createClaim(ctxFor(t.db, a), articleId, passage());
    const third = await createClaim(ctxFor(t.db, b), articleId, passage());
    await expectTrue(articleId, { claimCount: 3, reviewedClaimCount: 0 });

    await upsertVerdict(ctxFor(t.db, a), first.id, verdict('false'));
    await expectTrue(articleId, { claimCount: 3, reviewedClaimCount: 1 });
    // Blind review: b has judged nothing, so counts nothing reviewed.
    expect(await listed(t.db, articleId, b)).toEqual({ claimCount: 3, reviewedClaimCount: 0 });

    await upsertVerdict(ctxFor(t.db, b), first.id, verdict('true'));
    await upsertVerdict(ctxFor(t.db, a), first.id, verdict('mixed'));
    await expectTrue(articleId, { claimCount: 3, reviewedClaimCount: 1 });
    expect(await listed(t.db, articleId, b)).toEqual({ claimCount: 3, reviewedClaimCount: 1 });

    await withdrawVerdict(ctxFor(t.db, a), first.id);
    await expectTrue(articleId, { claimCount: 3, reviewedClaimCount: 1 });
    await withdrawVerdict(ctxFor(t.db, b), first.id);
    await expectTrue(articleId, { claimCount: 3, reviewedClaimCount: 0 });
    // Withdrawing does not make a reviewer blind again, but the claim has no verdict left to count.
    expect(await listed(t.db, articleId, a)).toEqual({ claimCount: 3, reviewedClaimCount: 0 });

    await upsertVerdict(ctxFor(t.db, b), second.id, verdict('true'));
    await expectTrue(articleId, { claimCount: 3, reviewedClaimCount: 1 });
    await deleteClaim(ctxFor(t.db, editor), second.id);
    await expectTrue(articleId, { claimCount: 2, reviewedClaimCount: 0 });
    await deleteClaim(ctxFor(t.db, b), third.id);
    await expectTrue(articleId, { claimCount: 1, reviewedClaimCount: 0 });

    // Counting the rows afresh gives what the changes kept.
    const kept = await t.db.article.findUniqueOrThrow({ where: { id: articleId }, select: { claimCount: true, reviewedClaimCount: true, updatedAt: true } });
    await recountArticle(t.db, articleId);
    expect(await t.db.article.findUniqueOrThrow({ where: { id: articleId }, select: { claimCount: true, reviewedClaimCount: true, updatedAt: true } })).toEqual(kept);
  }, 60_000);

  it('leave the article’s and the claim’s last change as they were', async () => {
    const articleId = await newArticle();
    const before = await t.db.article.findUniqueOrThrow({ where: { id: articleId } });
    const claim = await createClaim(ctxFor(t.db, reviewers[0]!), articleId, passage());
    const claimBefore = await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } });
    await upsertVerdict(ctxFor(t.db, reviewers[1]!), claim.id, verdict('true'));
    const after = await t.db.article.findUniqueOrThrow({ where: { id: articleId } });
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(after.version).toBe(before.version);
    expect(after.claimCount).toBe(1);
    expect((await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).updatedAt).toEqual(claimBefore.updatedAt);
  });

  it('ten first verdicts on one claim at once count it once; withdrawn at once, they leave it unreviewed', async () => {
    const articleId = await newArticle();
    const claim = await createClaim(ctxFor(t.db, editor), articleId, passage());
    await Promise.all(reviewers.map((r) => upsertVerdict(ctxFor(t.db, r), claim.id, verdict('true'))));
    expect(await t.db.claim.findUniqueOrThrow({ where: { id: claim.id }, select: { verdictCount: true } })).toEqual({ verdictCount: reviewers.length });
    await expectTrue(articleId, { claimCount: 1, reviewedClaimCount: 1 });
    await Promise.all(reviewers.map((r) => withdrawVerdict(ctxFor(t.db, r), claim.id)));
    await expectTrue(articleId, { claimCount: 1, reviewedClaimCount: 0 });
  }, 60_000);

  it('claims marked and judged at once on many passages, some deleted meanwhile: the counts are the rows’', async () => {
    const articleId = await newArticle();
    const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => createClaim(ctxFor(t.db, reviewers[i % reviewers.length]!), articleId, passage())));
    const outcomes = await Promise.allSettled([
      ...claims.flatMap((c, i) => reviewers.slice(0, 4).map((r, j) => upsertVerdict(ctxFor(t.db, r), c.id, verdict((i + j) % 2 ? 'true' : 'false')))),
      ...claims.filter((_, i) => i % 3 === 0).map((c) => deleteClaim(ctxFor(t.db, editor), c.id)),
    ]);
    // A verdict that lost the race to its claim's deletion is a 404; nothing else fails.
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ status: 404 } satisfies Partial<DomainError>);
    await expectTrue(articleId, await countedFromRows(t.db, articleId, editor));
    expect(await listed(t.db, articleId, editor)).toEqual({ claimCount: 8, reviewedClaimCount: 8 });
  }, 60_000);
});
