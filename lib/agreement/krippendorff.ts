// Krippendorff's alpha by the coincidence-matrix method of Krippendorff (2011),
// "Computing Krippendorff's Alpha-Reliability": any number of reviewers, any
// of them missing on any claim, nominal, ordinal or interval differences.
//
//   α = 1 − D_o / D_e = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
//
// o_ck: coincidences, every ordered pair of values within a unit counted
// 1 / (m_u − 1), so each pairable value contributes exactly 1; n_c: the
// pairable values in category c; n: all pairable values.

import type { Category, ReliabilityMatrix } from './matrix';

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval';

export interface Coincidences {
  /** o_ck at [c × K + k], over the categories `counted` for the level. */
  o: Float64Array;
  /** n_c: pairable values per category (an integer count). */
  n: Float64Array;
  /** n: all pairable values. */
  total: number;
}

/** Nominal measures count every category; ordinal and interval ones only those with a place on the scale. */
function counted(category: Category, level: MeasurementLevel): boolean {
  return level === 'nominal' || (category.value !== null && Number.isFinite(category.value));
}

/**
 * The coincidence matrix, accumulated unit by unit over the distinct values
 * each unit holds: linear in the ratings (m_u² per unit at most, not K²).
 * Units left with fewer than two counted values are not pairable and add nothing.
 */
export function coincidences(matrix: ReliabilityMatrix, level: MeasurementLevel): Coincidences {
  const K = matrix.categories.length;
  const include = matrix.categories.map((c) => counted(c, level));
  const o = new Float64Array(K * K);
  const n = new Float64Array(K);
  const inUnit = new Int32Array(K);
  const distinct: number[] = [];
  let total = 0;
  for (let u = 0; u < matrix.units.length; u++) {
    distinct.length = 0;
    let m = 0;
    for (let e = matrix.unitStart[u]!; e < matrix.unitStart[u + 1]!; e++) {
      const k = matrix.category[e]!;
      if (!include[k]) continue;
      if (inUnit[k] === 0) distinct.push(k);
      inUnit[k]! += 1;
      m += 1;
    }
    if (m >= 2) {
      for (const c of distinct) {
        const nc = inUnit[c]!;
        n[c]! += nc;
        for (const k of distinct) {
          o[c * K + k]! += (c === k ? nc * (nc - 1) : nc * inUnit[k]!) / (m - 1);
        }
      }
      total += m;
    }
    for (const k of distinct) inUnit[k] = 0;
  }
  return { o, n, total };
}

/**
 * δ²_ck for the level, at [c × K + k]. Ordinal differences use the ranks of
 * the values as the coders used them (Krippendorff 2011): the distance from c
 * to k is the number of pairable values between them, half of each end counted.
 */
function differences(categories: readonly Category[], level: MeasurementLevel, n: Float64Array): Float64Array {
  const K = categories.length;
  const delta = new Float64Array(K * K);
  if (level === 'nominal') {
    for (let c = 0; c < K; c++) for (let k = 0; k < K; k++) delta[c * K + k] = c === k ? 0 : 1;
    return delta;
  }
  const scale = categories
    .map((category, index) => ({ index, value: category.value }))
    .filter((c): c is { index: number; value: number } => c.value !== null && Number.isFinite(c.value));
  if (level === 'interval') {
    for (const a of scale) for (const b of scale) delta[a.index * K + b.index] = (a.value - b.value) ** 2;
    return delta;
  }
  scale.sort((a, b) => a.value - b.value);
  // below[i]: pairable values in the ranks before i.
  const below = new Float64Array(scale.length + 1);
  scale.forEach((c, i) => (below[i + 1] = below[i]! + n[c.index]!));
  scale.forEach((a, i) => {
    scale.forEach((b, j) => {
      if (i === j) return;
      const [lo, hi] = i < j ? [i, j] : [j, i];
      const between = below[hi + 1]! - below[lo]! - (n[a.index]! + n[b.index]!) / 2;
      delta[a.index * K + b.index] = between ** 2;
    });
  });
  return delta;
}

/**
 * Krippendorff's alpha at the given level. Null when it is undefined: fewer
 * than two pairable values (no unit rated twice), or no variation among the
 * pairable values (D_e = 0: every reviewer gave the same rating everywhere,
 * where agreement cannot be told from a fixed habit).
 */
export function krippendorffAlpha(matrix: ReliabilityMatrix, level: MeasurementLevel): number | null {
  const { o, n, total } = coincidences(matrix, level);
  if (total < 2) return null;
  const K = matrix.categories.length;
  const delta = differences(matrix.categories, level, n);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < K; c++) {
    for (let k = 0; k < K; k++) {
      const d = delta[c * K + k]!;
      if (d === 0) continue;
      observed += o[c * K + k]! * d;
      expected += n[c]! * n[k]! * d;
    }
  }
  if (!(expected > 0)) return null;
  const alpha = 1 - ((total - 1) * observed) / expected;
  // Values so far apart that their squares overflow give no figure rather than NaN.
  return Number.isFinite(alpha) ? alpha : null;
}
