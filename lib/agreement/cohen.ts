// Cohen's kappa (Cohen 1960, "A coefficient of agreement for nominal scales")
// for every pair of reviewers, over the claims both rated: who agrees with whom.

import type { ReliabilityMatrix } from './matrix';

export interface PairKappa {
  /** The two reviewers' ids, a before b in code-point order. */
  a: string;
  b: string;
  /** Null when undefined: both reviewers used a single, same category (p_e = 1). */
  kappa: number | null;
  /** Claims both rated. */
  n: number;
}

/** Pairs sharing fewer claims are not reported: one shared claim is no agreement rate. */
export const MIN_SHARED_UNITS = 2;

/**
 * Cohen's kappa from a K × K contingency table: table[i][j] units the first
 * reviewer put in category i and the second in j.
 *
 *   κ = (p_o − p_e) / (1 − p_e), p_o = Σ_i t_ii / n, p_e = Σ_i (row_i / n)(col_i / n)
 *
 * Null with no units, or when p_e = 1 (both used one and the same category).
 */
export function cohenKappaFromTable(table: readonly (readonly number[])[]): number | null {
  const K = table.length;
  let n = 0;
  let diagonal = 0;
  const rows = new Float64Array(K);
  const cols = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const t = table[i]?.[j] ?? 0;
      if (!Number.isFinite(t) || t < 0) return null;
      n += t;
      rows[i]! += t;
      cols[j]! += t;
      if (i === j) diagonal += t;
    }
  }
  if (!(n > 0)) return null;
  let chance = 0;
  for (let i = 0; i < K; i++) chance += (rows[i]! / n) * (cols[i]! / n);
  if (!(chance < 1)) return null;
  const kappa = (diagonal / n - chance) / (1 - chance);
  return Number.isFinite(kappa) ? kappa : null;
}

/**
 * Cohen's kappa for every pair of reviewers who rated at least
 * MIN_SHARED_UNITS claims in common, nominal ('unverifiable' a category).
 * One pass over the units: each unit adds to the table of each pair of its
 * reviewers (m_u(m_u − 1)/2 pairs), so the cost is linear in the ratings for
 * a desk of a few reviewers per claim; tables exist only for pairs that met.
 */
export function pairwiseCohenKappa(matrix: ReliabilityMatrix): PairKappa[] {
  const K = matrix.categories.length;
  const C = matrix.coders.length;
  const tables = new Map<number, Float64Array>();
  for (let u = 0; u < matrix.units.length; u++) {
    const start = matrix.unitStart[u]!;
    const end = matrix.unitStart[u + 1]!;
    for (let x = start; x < end; x++) {
      // Coders are in increasing order within a unit, so coder[x] < coder[y].
      for (let y = x + 1; y < end; y++) {
        const key = matrix.coder[x]! * C + matrix.coder[y]!;
        let table = tables.get(key);
        if (!table) tables.set(key, (table = new Float64Array(K * K)));
        table[matrix.category[x]! * K + matrix.category[y]!]! += 1;
      }
    }
  }
  const pairs: PairKappa[] = [];
  for (const key of [...tables.keys()].sort((p, q) => p - q)) {
    const flat = tables.get(key)!;
    const table = Array.from({ length: K }, (_, i) => Array.from(flat.subarray(i * K, (i + 1) * K)));
    const n = flat.reduce((sum, t) => sum + t, 0);
    if (n < MIN_SHARED_UNITS) continue;
    pairs.push({ a: matrix.coders[Math.floor(key / C)]!, b: matrix.coders[key % C]!, kappa: cohenKappaFromTable(table), n });
  }
  return pairs;
}
