import { describe, expect, it } from 'vitest';
import { DAWID_SKENE, dawidSkene } from '../../lib/agreement/dawid-skene';
import { ratingsMatrix, type RatedVerdict } from '../../lib/agreement/matrix';
import type { Rating } from '../../lib/ratings';
import { syntheticDesk, type SyntheticReviewer } from '../fixtures/agreement-desk';

/** The plain majority's expected number of right claims: a tie for first credits 1/t when the truth is among the t tied. */
function majorityRight(verdicts: readonly RatedVerdict[], truth: Map<string, Rating>): number {
  const byClaim = new Map<string, Map<Rating, number>>();
  for (const v of verdicts) {
    const counts = byClaim.get(v.claimId) ?? new Map<Rating, number>();
    counts.set(v.rating, (counts.get(v.rating) ?? 0) + 1);
    byClaim.set(v.claimId, counts);
  }
  let right = 0;
  for (const [claim, counts] of byClaim) {
    const top = Math.max(...counts.values());
    const leaders = [...counts].filter(([, n]) => n === top).map(([r]) => r);
    if (leaders.includes(truth.get(claim)!)) right += 1 / leaders.length;
  }
  return right;
}

const estimated = (result: ReturnType<typeof dawidSkene>) => {
  if (result.insufficientData) throw new Error('expected an estimate');
  return result;
};

describe('dawidSkene on a desk with one coin-tosser', () => {
  // Four reviewers right 3 times in 4, one choosing uniformly at random; two reviewers per claim.
  const reviewers: SyntheticReviewer[] = [
    ...[1, 2, 3, 4].map((i) => ({ id: `good-${i}`, accuracy: 0.75 })),
    { id: 'random', accuracy: null },
  ];
  const { verdicts, truth } = syntheticDesk({ claims: 200, reviewers, perClaim: 2, seed: 1 });
  const result = estimated(dawidSkene(ratingsMatrix(verdicts)));

  it('rates every good reviewer above the coin-tosser', () => {
    const random = result.reviewers.find((r) => r.reviewer === 'random')!;
    expect(random.accuracy!).toBeLessThan(0.45);
    for (const good of result.reviewers.filter((r) => r.reviewer !== 'random')) {
      expect(good.accuracy!).toBeGreaterThan(random.accuracy! + 0.2);
      expect(good.sharedClaims).toBe(good.claims);
    }
  });

  it('recovers the true ratings better than the plain majority', () => {
    const right = result.claims.filter((c) => c.rating === truth.get(c.claim)).length;
    const majority = majorityRight(verdicts, truth);
    expect(right).toBeGreaterThan(majority + 10);
  });

  it('gives every claim a rating of the scale and its probability', () => {
    expect(result.claims).toHaveLength(200);
    for (const c of result.claims) {
      expect(c.probability).toBeGreaterThan(0);
      expect(c.probability).toBeLessThanOrEqual(1);
      if (c.rating !== null) expect(truth.has(c.claim) && typeof c.rating).toBe('string');
    }
  });

  it('is deterministic, whatever the order of the verdicts', () => {
    expect(dawidSkene(ratingsMatrix(verdicts))).toEqual(result);
    expect(dawidSkene(ratingsMatrix([...verdicts].reverse()))).toEqual(result);
  });
});

describe('dawidSkene at scale', () => {
  it('estimates each reviewer\'s accuracy within 0.03 on 2,000 claims, and converges', () => {
    const accuracies = [0.9, 0.8, 0.7, 0.6];
    const reviewers = [...accuracies.map((accuracy, i) => ({ id: `r${i}`, accuracy })), { id: 'random', accuracy: null }];
    const result = estimated(dawidSkene(ratingsMatrix(syntheticDesk({ claims: 2_000, reviewers, seed: 7 }).verdicts)));
    expect(result.converged).toBe(true);
    accuracies.forEach((a, i) => expect(Math.abs(result.reviewers[i]!.accuracy! - a)).toBeLessThan(0.03));
    // A coin-tosser over 6 ratings is right 1 time in 6.
    expect(Math.abs(result.reviewers[4]!.accuracy! - 1 / 6)).toBeLessThan(0.03);
  });
});

describe('dawidSkene with too little data', () => {
  const sharedClaims = (n: number): RatedVerdict[] =>
    Array.from({ length: n }, (_x, i) => [
      { claimId: `c${i}`, reviewerId: 'ana', rating: 'true' as const },
      { claimId: `c${i}`, reviewerId: 'bob', rating: i % 3 ? ('true' as const) : ('false' as const) },
    ]).flat();

  it('says so below the thresholds, with what there was', () => {
    expect(DAWID_SKENE.minSharedClaims).toBe(20);
    expect(dawidSkene(ratingsMatrix([]))).toEqual({ insufficientData: true, reviewers: 0, sharedClaims: 0 });
    expect(dawidSkene(ratingsMatrix(sharedClaims(19)))).toEqual({ insufficientData: true, reviewers: 2, sharedClaims: 19 });
    // Claims rated once do not count, however many.
    const once = Array.from({ length: 50 }, (_x, i) => ({ claimId: `solo${i}`, reviewerId: i % 2 ? 'ana' : 'bob', rating: 'true' as const }));
    expect(dawidSkene(ratingsMatrix([...sharedClaims(19), ...once]))).toMatchObject({ insufficientData: true, sharedClaims: 19 });
    // One reviewer, however many claims.
    expect(dawidSkene(ratingsMatrix(once.filter((v) => v.reviewerId === 'ana')))).toMatchObject({ insufficientData: true, reviewers: 1 });
    expect(dawidSkene(ratingsMatrix(sharedClaims(20))).insufficientData).toBe(false);
  });

  it('gives no accuracy to a reviewer who shares fewer than minReviewerSharedClaims claims with others', () => {
    expect(DAWID_SKENE.minReviewerSharedClaims).toBe(5);
    const eve = Array.from({ length: 4 }, (_x, i) => ({ claimId: `c${i}`, reviewerId: 'eve', rating: 'true' as const }));
    const result = estimated(dawidSkene(ratingsMatrix([...sharedClaims(20), ...eve])));
    expect(result.reviewers.map((r) => [r.reviewer, r.sharedClaims, r.accuracy === null])).toEqual([
      ['ana', 20, false],
      ['bob', 20, false],
      ['eve', 4, true],
    ]);
  });

  it('reports a tie as a tie: no weighted rating where two equally trusted reviewers split', () => {
    // ana and bob agree on 10 true and 10 false claims and split once, symmetrically.
    const v: RatedVerdict[] = [];
    for (let i = 0; i < 20; i++) {
      const rating: Rating = i % 2 ? 'true' : 'false';
      v.push({ claimId: `c${i}`, reviewerId: 'ana', rating }, { claimId: `c${i}`, reviewerId: 'bob', rating });
    }
    v.push({ claimId: 'split', reviewerId: 'ana', rating: 'true' }, { claimId: 'split', reviewerId: 'bob', rating: 'false' });
    const result = estimated(dawidSkene(ratingsMatrix(v)));
    const split = result.claims.find((c) => c.claim === 'split')!;
    expect(split.rating).toBeNull();
    // true and false share almost all the probability; the four other ratings keep their smoothed share.
    expect(split.probability).toBeGreaterThan(0.45);
    expect(split.probability).toBeLessThan(0.5);
    expect(result.claims.find((c) => c.claim === 'c1')!.rating).toBe('true');
  });
});
