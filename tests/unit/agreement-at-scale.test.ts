// The agreement report at newsroom size: 5,000 claims with 5 verdicts each on
// a 200,000-character article, under blind review (one first rating in five
// revised after the reveal). It must answer, without an IN-list over the
// claims (SQLite's 999 parameters), with lib/agreement's figures on the same
// ratings, in seconds.
import { beforeAll, describe, expect, it } from 'vitest';
import { insertRows, newId } from '../../lib/db/insert-rows';
import { dawidSkene } from '../../lib/agreement/dawid-skene';
import { ratingsMatrix, type RatedVerdict } from '../../lib/agreement/matrix';
import { agreementReport } from '../../lib/agreement/report';
import { RATINGS, type Rating } from '../../lib/ratings';
import { agreementFor } from '../../lib/services/agreement';
import { createArticle, type ArticleDetail } from '../../lib/services/articles';
import type { Actor } from '../../lib/services/context';
import { ctxFor, makeUser, testProvider, useDatabase } from './support/database';

const CLAIMS = 5_000;
const REVIEWERS = 5;
const TEXT_LENGTH = 200_000;
/** Generous, as in claims-at-scale.test.ts: "seconds, not a failure or minutes", on a shared 2-core machine. */
const BOUND_MS = 10_000;

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

describe(`agreement report at ${CLAIMS} claims × ${REVIEWERS} verdicts on ${testProvider}`, () => {
  const t = useDatabase();
  let editor: Actor;
  let reviewers: Actor[];
  let article: ArticleDetail;
  const first: RatedVerdict[] = [];

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Éditrice');
    reviewers = [];
    for (let i = 0; i < REVIEWERS; i++) reviewers.push(await makeUser(t.db, 'reviewer', `Relecteur ${i + 1}`));
    const sentence = 'Le ministre a déclaré que « le chômage a baissé de 3 % » l’an dernier, selon l’INSEE. ';
    const text = sentence.repeat(Math.ceil(TEXT_LENGTH / sentence.length)).slice(0, TEXT_LENGTH - 1).trimEnd() + '.';
    article = await createArticle(ctxFor(t.db, editor), { text, title: 'Article de taille rédaction' });
    const stride = Math.floor(article.text.length / CLAIMS);
    const claims = Array.from({ length: CLAIMS }, (_, i) => ({
      id: `claim-${String(i).padStart(5, '0')}`,
      articleId: article.id,
      revision: 1,
      exact: article.text.slice(i * stride, i * stride + 30),
      prefix: '',
      suffix: '',
      start: i * stride,
      end: i * stride + 30,
      createdById: reviewers[i % REVIEWERS]!.id,
    }));
    const now = new Date();
    await insertRows(t.db, 'Claim', claims.map((c) => ({ ...c, createdAt: now, updatedAt: now })));
    // A desk that mostly agrees: each claim has a true rating, reviewer j errs on one claim in j + 2.
    const rating = (i: number, j: number): Rating => RATINGS[(i * 7 + (i % (j + 2) === 0 ? j + 1 : 0)) % RATINGS.length]!;
    const verdicts = claims.flatMap((c, i) =>
      reviewers.map((r, j) => {
        const initial = rating(i, j);
        first.push({ claimId: c.id, reviewerId: r.id, rating: initial });
        // One verdict in five changed after the reveal: the figures keep the first.
        const revised = (i + j) % 5 === 0;
        return { id: `verdict-${i}-${j}`, claimId: c.id, reviewerId: r.id, rating: revised ? 'true' : initial, revisedAfterReveal: revised, rationale: 'INSEE.' };
      }),
    );
    await insertRows(t.db, 'Verdict', verdicts.map((v) => ({ ...v, createdAt: now, updatedAt: now })));
    await insertRows(t.db, 'ClaimReveal', first.map((v) => ({ id: newId(), claimId: v.claimId, userId: v.reviewerId, initialRating: v.rating, createdAt: now })));
  }, 120_000);

  it('gives an editor lib/agreement’s figures and Dawid–Skene over the first ratings, in seconds', async () => {
    const { value, ms } = await timed(() => agreementFor(ctxFor(t.db, editor), article.id));
    const matrix = ratingsMatrix(first);
    expect(value).toMatchObject(agreementReport(matrix));
    expect(value).toMatchObject({ claims: CLAIMS, reviewers: REVIEWERS });
    const ds = dawidSkene(matrix);
    expect(ds.insufficientData).toBe(false);
    expect(value.reliability.reviewers).toEqual(ds.insufficientData ? [] : ds.reviewers);
    expect(value.coverage.claims).toHaveLength(CLAIMS);
    expect(value.coverage.truncated).toBe(false);
    expect(value.statuses.consensus + value.statuses.disputed).toBe(CLAIMS);
    console.info(`${testProvider}: agreement report at ${CLAIMS} claims × ${REVIEWERS} verdicts: ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(BOUND_MS);
  }, 2 * BOUND_MS);

  it('answers across articles and for a reviewer (all claims revealed to them) as fast', async () => {
    const all = await timed(() => agreementFor(ctxFor(t.db, editor), null));
    expect(all.value.claims).toBe(CLAIMS);
    const own = await timed(() => agreementFor(ctxFor(t.db, reviewers[0]!), article.id));
    expect(own.value).toMatchObject({ claims: CLAIMS, restricted: false, percentAgreement: agreementReport(ratingsMatrix(first)).percentAgreement });
    expect(own.value.cohenKappa).toHaveLength(REVIEWERS - 1);
    console.info(`${testProvider}: across articles ${Math.round(all.ms)} ms, as a reviewer ${Math.round(own.ms)} ms`);
    expect(all.ms).toBeLessThan(BOUND_MS);
    expect(own.ms).toBeLessThan(BOUND_MS);
  }, 3 * BOUND_MS);
});
