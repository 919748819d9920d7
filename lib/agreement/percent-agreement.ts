// Percent agreement: how often two reviewers of the same claim gave the same
// rating, with no correction for chance.

import { unitCounts, type ReliabilityMatrix } from './matrix';

/**
 * Pairwise percent agreement, nominal (every category distinct, 'unverifiable'
 * included): for each unit with m ≥ 2 ratings, the share of its m(m − 1)/2
 * pairs of ratings that agree, Σ_k n_k(n_k − 1) / (m(m − 1)); then the mean
 * over those units, each unit weighing the same whatever its number of
 * ratings. This is Fleiss's (1971) P̄ and Gwet's (2014) p_a with missing
 * ratings. Null when no unit has two ratings.
 *
 * Trade-off: pooling all pairs instead would let a claim with five reviewers
 * weigh ten times a claim with two; per unit keeps "agreement on a claim" the
 * thing averaged.
 */
export function percentAgreement(matrix: ReliabilityMatrix): number | null {
  const K = matrix.categories.length;
  const counts = unitCounts(matrix);
  let sum = 0;
  let units = 0;
  for (let u = 0; u < matrix.units.length; u++) {
    const m = matrix.unitStart[u + 1]! - matrix.unitStart[u]!;
    if (m < 2) continue;
    let agreeing = 0;
    for (let k = 0; k < K; k++) {
      const n = counts[u * K + k]!;
      agreeing += n * (n - 1);
    }
    sum += agreeing / (m * (m - 1));
    units += 1;
  }
  return units === 0 ? null : sum / units;
}
