// Reliability beyond the majority vote: Dawid & Skene (1979), "Maximum
// likelihood estimation of observer error-rates using the EM algorithm",
// Applied Statistics 28(1), 20–28.
//
// Assumptions (the README states them for readers of the figures):
// - every claim has one true rating, unknown, drawn from class priors;
// - each reviewer has a confusion matrix θ_j[k][l]: the probability they give
//   rating l to a claim whose true rating is k, the same on every claim;
// - reviewers judge independently given the true rating (blind review is what
//   makes this plausible: the statistics use first, independent verdicts).
// Expectation–maximisation alternates: the posterior of each claim's true
// rating given the verdicts and the current θ (E), then θ and the priors from
// those posteriors (M). It estimates, never replaces, the plain consensus of
// lib/consensus.ts.
//
// Nominal: the classes are the categories, 'unverifiable' included.

import type { ReliabilityMatrix } from './matrix';

export const DAWID_SKENE = {
  /**
   * Too little data below this many claims rated by two reviewers or more:
   * only claims where reviewers meet say anything about who errs. With six
   * ratings, 20 shared claims give each reviewer's confusion matrix a few
   * observations per row; fewer and the estimate is mostly the prior below.
   */
  minSharedClaims: 20,
  minReviewers: 2,
  /**
   * A reviewer who shares fewer claims than this with other reviewers gets no
   * accuracy of their own (null): their verdicts still count, weighted by the
   * prior-dominated estimate, but a figure about them would be the prior's.
   */
  minReviewerSharedClaims: 5,
  /**
   * Converged when no claim's posterior probability of any rating moves by
   * more than this in an iteration: figures shown to the percent need no more,
   * and each tenfold tightening costs a few more passes over every verdict
   * (at 10,000 claims × 5 reviewers, 15 iterations at 1e-4, 19 at 1e-5, the
   * same accuracies to three decimals).
   */
  tolerance: 1e-4,
  /**
   * Stop here whatever; the result says it did not converge. 10,000 claims
   * converge in 15; a few hundred ambiguous ones (a flat likelihood) can crawl
   * on for hundreds, each iteration one pass over their verdicts.
   */
  maxIterations: 200,
  /**
   * Smoothing: a Dirichlet prior on each row of each confusion matrix, as
   * pseudo-verdicts: `priorCorrect` on the true rating, `priorWrong` spread
   * evenly over the others. A reviewer we know nothing of is taken as right
   * two times in three (not as a coin toss, which would silence newcomers,
   * nor as infallible, which would let one verdict outvote two); three
   * pseudo-verdicts per row, so ten real ones outweigh it. No probability is
   * ever 0, so one surprising verdict cannot make a claim impossible.
   */
  priorCorrect: 2,
  priorWrong: 1,
  /** Laplace smoothing of the class priors: a rating nobody used keeps a small prior. */
  classPseudocount: 1,
  /** Posteriors within this of each other are a tie: no weighted rating. */
  tie: 1e-9,
} as const;

export interface ReviewerReliability {
  reviewer: string;
  /** Claims the reviewer rated. */
  claims: number;
  /** Of those, claims someone else rated too. */
  sharedClaims: number;
  /**
   * Estimated probability that the reviewer's verdict is the true rating, over
   * the mix of claims they rated: Σ over their claims of Σ_k P(true = k) θ[k][k],
   * divided by their claims. Null below minReviewerSharedClaims.
   */
  accuracy: number | null;
}

export interface WeightedRating {
  claim: string;
  /** The most probable true rating; null on a tie. */
  rating: string | null;
  /** Its posterior probability (on a tie, that of each tied rating). */
  probability: number;
}

export type DawidSkene =
  | {
      insufficientData: true;
      /** What there was, beside what is required (DAWID_SKENE). */
      reviewers: number;
      sharedClaims: number;
    }
  | {
      insufficientData: false;
      converged: boolean;
      iterations: number;
      reviewers: ReviewerReliability[];
      claims: WeightedRating[];
    };

/** Dawid–Skene over every claim of the matrix, or insufficientData (see DAWID_SKENE for the thresholds). */
export function dawidSkene(matrix: ReliabilityMatrix): DawidSkene {
  const U = matrix.units.length;
  const C = matrix.coders.length;
  const K = matrix.categories.length;
  const { unitStart, coder } = matrix;

  let sharedClaims = 0;
  for (let u = 0; u < U; u++) if (unitStart[u + 1]! - unitStart[u]! >= 2) sharedClaims += 1;
  if (C < DAWID_SKENE.minReviewers || sharedClaims < DAWID_SKENE.minSharedClaims || K < 2) {
    return { insufficientData: true, reviewers: C, sharedClaims };
  }

  // Claims with the same verdicts from the same reviewers have the same posterior: EM runs over
  // these patterns, each weighing its number of claims (10,000 claims × 5 reviewers hold about
  // 2,700; a desk that mostly agrees, far fewer).
  const patterns = groupPatterns(matrix);
  const P = patterns.weight.length;

  // T[p × K + k]: P(true rating = k) for the claims of pattern p. Start from the vote shares, the soft majority.
  let T = new Float64Array(P * K);
  for (let p = 0; p < P; p++) {
    const m = patterns.start[p + 1]! - patterns.start[p]!;
    for (let e = patterns.start[p]!; e < patterns.start[p + 1]!; e++) T[p * K + patterns.category[e]!]! += 1 / m;
  }
  let next = new Float64Array(P * K);
  const model: Model = { logPrior: new Float64Array(K), logTheta: new Float64Array(C * K * K) };
  const stats: Statistics = { classTotals: new Float64Array(K), counts: new Float64Array(C * K * K) };
  tally(patterns, K, T, stats);

  let iterations = 0;
  let converged = false;
  while (iterations < DAWID_SKENE.maxIterations) {
    maximise(U, stats, model);
    const change = posteriors(patterns, model, T, next, stats);
    [T, next] = [next, T];
    iterations += 1;
    if (change < DAWID_SKENE.tolerance) {
      converged = true;
      break;
    }
  }
  // θ from the final posteriors, for the reviewers' accuracy.
  maximise(U, stats, model);
  const { logTheta } = model;
  const posterior = (u: number, k: number) => T[patterns.ofUnit[u]! * K + k]!;

  const rated = new Int32Array(C);
  const shared = new Int32Array(C);
  const correct = new Float64Array(C);
  for (let u = 0; u < U; u++) {
    const m = unitStart[u + 1]! - unitStart[u]!;
    for (let e = unitStart[u]!; e < unitStart[u + 1]!; e++) {
      const j = coder[e]!;
      rated[j]! += 1;
      if (m >= 2) shared[j]! += 1;
      for (let k = 0; k < K; k++) correct[j]! += posterior(u, k) * Math.exp(logTheta[(j * K + k) * K + k]!);
    }
  }
  const reviewers = matrix.coders.map((reviewer, j) => ({
    reviewer,
    claims: rated[j]!,
    sharedClaims: shared[j]!,
    accuracy: shared[j]! >= DAWID_SKENE.minReviewerSharedClaims ? correct[j]! / rated[j]! : null,
  }));

  const claims = matrix.units.map((claim, u) => {
    let best = 0;
    for (let k = 1; k < K; k++) if (posterior(u, k) > posterior(u, best)) best = k;
    const probability = posterior(u, best);
    let tied = false;
    for (let k = 0; k < K; k++) if (k !== best && probability - posterior(u, k) <= DAWID_SKENE.tie) tied = true;
    return { claim, rating: tied ? null : matrix.categories[best]!.label, probability };
  });

  return { insufficientData: false, converged, iterations, reviewers, claims };
}

/** The distinct patterns of verdicts (which reviewer gave which rating), laid out as the matrix's units. */
interface Patterns {
  start: Int32Array;
  coder: Int32Array;
  category: Int32Array;
  /** How many claims have each pattern. */
  weight: Float64Array;
  /** Each claim's pattern. */
  ofUnit: Int32Array;
}

function groupPatterns(matrix: ReliabilityMatrix): Patterns {
  const { unitStart, coder, category } = matrix;
  const index = new Map<string, number>();
  const ofUnit = new Int32Array(matrix.units.length);
  const firstUnit: number[] = [];
  const weight: number[] = [];
  for (let u = 0; u < matrix.units.length; u++) {
    let key = '';
    for (let e = unitStart[u]!; e < unitStart[u + 1]!; e++) key += `${coder[e]}:${category[e]},`;
    let p = index.get(key);
    if (p === undefined) {
      index.set(key, (p = firstUnit.length));
      firstUnit.push(u);
      weight.push(0);
    }
    weight[p]! += 1;
    ofUnit[u] = p;
  }
  const start = new Int32Array(firstUnit.length + 1);
  firstUnit.forEach((u, p) => (start[p + 1] = start[p]! + unitStart[u + 1]! - unitStart[u]!));
  const patternCoder = new Int32Array(start[firstUnit.length]!);
  const patternCategory = new Int32Array(start[firstUnit.length]!);
  firstUnit.forEach((u, p) => {
    patternCoder.set(coder.subarray(unitStart[u]!, unitStart[u + 1]!), start[p]!);
    patternCategory.set(category.subarray(unitStart[u]!, unitStart[u + 1]!), start[p]!);
  });
  return { start, coder: patternCoder, category: patternCategory, weight: Float64Array.from(weight), ofUnit };
}

interface Model {
  logPrior: Float64Array;
  /**
   * log θ_j[k][l] at [(j × K + l) × K + k]: by reviewer and given rating first,
   * so that a verdict's K likelihoods, read for every claim at every step, lie
   * side by side.
   */
  logTheta: Float64Array;
}

/** What the M step needs of the posteriors: their sum per class, and per reviewer, given rating and class (laid out as logTheta). */
interface Statistics {
  classTotals: Float64Array;
  counts: Float64Array;
}

/** The statistics of the posteriors T (the E step keeps them up to date afterwards, in the same pass). */
function tally(patterns: Patterns, K: number, T: Float64Array, stats: Statistics): void {
  const { start, coder, category, weight } = patterns;
  const { classTotals, counts } = stats;
  classTotals.fill(0);
  counts.fill(0);
  for (let p = 0; p < weight.length; p++) {
    const w = weight[p]!;
    for (let k = 0; k < K; k++) classTotals[k]! += w * T[p * K + k]!;
    // Each verdict l of reviewer j on a claim adds P(true = k) to θ_j[k][l], for every k.
    for (let e = start[p]!; e < start[p + 1]!; e++) {
      const base = (coder[e]! * K + category[e]!) * K;
      for (let k = 0; k < K; k++) counts[base + k]! += w * T[p * K + k]!;
    }
  }
}

/** M step: class priors and confusion matrices from the statistics of the posteriors, smoothed (DAWID_SKENE). */
function maximise(units: number, stats: Statistics, model: Model): void {
  const K = stats.classTotals.length;
  const C = stats.counts.length / (K * K);
  const { classTotals, counts } = stats;
  const { logPrior, logTheta } = model;
  for (let k = 0; k < K; k++) {
    logPrior[k] = Math.log((classTotals[k]! + DAWID_SKENE.classPseudocount) / (units + K * DAWID_SKENE.classPseudocount));
  }
  const wrong = DAWID_SKENE.priorWrong / (K - 1);
  const pseudo = (k: number, l: number) => (k === l ? DAWID_SKENE.priorCorrect : wrong);
  // Each row θ_j[k][·] sums to 1 over the given ratings l.
  for (let j = 0; j < C; j++) {
    for (let k = 0; k < K; k++) {
      let sum = 0;
      for (let l = 0; l < K; l++) sum += counts[(j * K + l) * K + k]! + pseudo(k, l);
      for (let l = 0; l < K; l++) logTheta[(j * K + l) * K + k] = Math.log((counts[(j * K + l) * K + k]! + pseudo(k, l)) / sum);
    }
  }
}

/**
 * E step: each pattern's posterior over the true ratings into `next`, and their
 * statistics for the next M step in the same pass; returns the largest change from T.
 */
function posteriors(patterns: Patterns, model: Model, T: Float64Array, next: Float64Array, stats: Statistics): number {
  const { start, coder, category, weight } = patterns;
  const { logPrior, logTheta } = model;
  const { classTotals, counts } = stats;
  const K = logPrior.length;
  classTotals.fill(0);
  counts.fill(0);
  const score = new Float64Array(K);
  let change = 0;
  for (let p = 0; p < weight.length; p++) {
    const from = start[p]!;
    const to = start[p + 1]!;
    for (let k = 0; k < K; k++) score[k] = logPrior[k]!;
    for (let e = from; e < to; e++) {
      const base = (coder[e]! * K + category[e]!) * K;
      for (let k = 0; k < K; k++) score[k]! += logTheta[base + k]!;
    }
    // Normalised in log space (log-sum-exp): the likelihoods of much-rated claims underflow otherwise.
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (score[k]! > max) max = score[k]!;
    let sum = 0;
    for (let k = 0; k < K; k++) sum += score[k] = Math.exp(score[k]! - max);
    const w = weight[p]!;
    for (let k = 0; k < K; k++) {
      const q = score[k]! / sum;
      const d = Math.abs(q - T[p * K + k]!);
      if (d > change) change = d;
      next[p * K + k] = q;
      score[k] = w * q;
      classTotals[k]! += w * q;
    }
    for (let e = from; e < to; e++) {
      const base = (coder[e]! * K + category[e]!) * K;
      for (let k = 0; k < K; k++) counts[base + k]! += score[k]!;
    }
  }
  return change;
}
