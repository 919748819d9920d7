// Gwet's AC1 (Gwet 2008; Handbook of Inter-Rater Reliability, 4th ed., 2014,
// ch. 4 for many raters with missing ratings): chance agreement taken from how
// far the ratings are from uniform, so it stays meaningful when one rating
// dominates (where kappa and alpha collapse towards 0 or become undefined).

import { unitCounts, type ReliabilityMatrix } from './matrix';

/**
 * Gwet's AC1, nominal over every category of the scale ('unverifiable'
 * included), with missing ratings as in Gwet's handbook:
 *
 *   p_a = mean over units with r_i ≥ 2 of Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1))
 *   π_k = mean over units with r_i ≥ 1 of r_ik / r_i
 *   p_e = Σ_k π_k (1 − π_k) / (q − 1)
 *   AC1 = (p_a − p_e) / (1 − p_e)
 *
 * q is the number of categories of the scale (all 6 verdicts), used or not:
 * the chance a coin-tossing reviewer would agree depends on the choices
 * offered, not on those taken. A unit rated once tells nothing of agreement
 * but does tell how ratings are spread, so it counts in π_k only.
 *
 * Defined with no variation at all (every rating the same gives p_a = 1,
 * p_e = 0, AC1 = 1): that is the point of AC1. Null when no unit has two
 * ratings, or the scale has fewer than two categories.
 */
export function gwetAC1(matrix: ReliabilityMatrix): number | null {
  const q = matrix.categories.length;
  if (q < 2) return null;
  const counts = unitCounts(matrix);
  const pi = new Float64Array(q);
  let agreement = 0;
  let pairable = 0;
  let rated = 0;
  for (let u = 0; u < matrix.units.length; u++) {
    const r = matrix.unitStart[u + 1]! - matrix.unitStart[u]!;
    if (r === 0) continue;
    rated += 1;
    let agreeing = 0;
    for (let k = 0; k < q; k++) {
      const n = counts[u * q + k]!;
      pi[k]! += n / r;
      agreeing += n * (n - 1);
    }
    if (r >= 2) {
      agreement += agreeing / (r * (r - 1));
      pairable += 1;
    }
  }
  if (pairable === 0) return null;
  let chance = 0;
  for (let k = 0; k < q; k++) {
    const p = pi[k]! / rated;
    chance += p * (1 - p);
  }
  chance /= q - 1;
  // p_e ≤ 1/q < 1 whatever the data, so the denominator never vanishes.
  return (agreement / pairable - chance) / (1 - chance);
}
