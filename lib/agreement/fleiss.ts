// Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many
// raters"): chance-corrected agreement when every unit has the same number m
// of ratings, the raters of one unit need not be those of another. Nominal:
// 'unverifiable' is a category like the others.

import { unitCounts, type ReliabilityMatrix } from './matrix';

export interface FleissKappa {
  kappa: number;
  /** m: the number of ratings of every unit it was computed over. */
  raters: number;
  /** How many units have exactly m ratings and were used. */
  units: number;
}

/**
 * Which units Fleiss' kappa is computed over, when units have different
 * numbers of ratings: those with the number m ≥ 2 that keeps the most ratings
 * (units × m); on a tie, the larger m.
 *
 * Trade-off: "the most common m" would pick 40 claims with 2 reviewers over 30
 * with 5, throwing away 150 ratings to keep 80; counting ratings keeps the
 * most evidence, and the result says which m and how many units it used.
 */
export function fleissRaters(matrix: ReliabilityMatrix): number | null {
  const unitsWith = new Map<number, number>();
  for (let u = 0; u < matrix.units.length; u++) {
    const m = matrix.unitStart[u + 1]! - matrix.unitStart[u]!;
    if (m >= 2) unitsWith.set(m, (unitsWith.get(m) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestRatings = 0;
  for (const [m, units] of unitsWith) {
    const ratings = m * units;
    if (ratings > bestRatings || (ratings === bestRatings && best !== null && m > best)) {
      best = m;
      bestRatings = ratings;
    }
  }
  return best;
}

/**
 * Fleiss' kappa over the units with exactly `raters` ratings (by default the
 * choice of fleissRaters). Null when no unit qualifies, or when every rating
 * of those units falls in one category (P̄_e = 1: no variation to agree on).
 */
export function fleissKappa(matrix: ReliabilityMatrix, raters: number | null = fleissRaters(matrix)): FleissKappa | null {
  if (raters === null || !Number.isInteger(raters) || raters < 2) return null;
  const K = matrix.categories.length;
  const counts = unitCounts(matrix);
  const perCategory = new Float64Array(K);
  let units = 0;
  let agreement = 0;
  for (let u = 0; u < matrix.units.length; u++) {
    if (matrix.unitStart[u + 1]! - matrix.unitStart[u]! !== raters) continue;
    let squares = 0;
    for (let k = 0; k < K; k++) {
      const n = counts[u * K + k]!;
      squares += n * n;
      perCategory[k]! += n;
    }
    // P_i: the share of agreeing pairs of raters on unit i.
    agreement += (squares - raters) / (raters * (raters - 1));
    units += 1;
  }
  if (units === 0) return null;
  const observed = agreement / units;
  let chance = 0;
  for (let k = 0; k < K; k++) chance += (perCategory[k]! / (units * raters)) ** 2;
  if (!(chance < 1)) return null;
  return { kappa: (observed - chance) / (1 - chance), raters, units };
}
