// The reliability data matrix (Krippendorff's term): units (claims) × coders
// (reviewers), one category per cell at most, most cells missing. Every
// agreement measure reads it; none reads verdicts directly.
//
// Stored sparse, unit by unit (compressed rows), so that building it and every
// measure over it stay linear in the number of verdicts: a desk of 5 reviewers
// over 10,000 claims is 50,000 entries, not a dense table to scan per measure.

import { RATINGS, ordinalValue, type Rating } from '../ratings';

/** One value of the scale. */
export interface Category {
  label: string;
  /**
   * Its place on the ordinal and interval scale; null for a category that has
   * no place on it ('unverifiable'), which nominal measures count and ordinal
   * and interval ones leave out, as if that rating were missing.
   */
  value: number | null;
}

export interface ReliabilityMatrix {
  categories: readonly Category[];
  /** Coder (reviewer) ids, sorted: results do not depend on the order verdicts came in. */
  coders: readonly string[];
  /** Unit (claim) ids, sorted, each with at least one rating. */
  units: readonly string[];
  /** The ratings of unit u are the entries unitStart[u] … unitStart[u + 1] − 1. */
  unitStart: Int32Array;
  /** Per entry: the coder's index in `coders`. Within a unit, in increasing order. */
  coder: Int32Array;
  /** Per entry: the category's index in `categories`. */
  category: Int32Array;
}

export interface Observation {
  unit: string;
  coder: string;
  /** Index into the categories. */
  category: number;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The matrix of these observations. An observation whose category is not an
 * index of `categories` is left out (no throw: measures never fail on input).
 * A coder who rated the same unit twice counts once, with the later rating,
 * as a revised verdict replaces the earlier one.
 */
export function buildMatrix(categories: readonly Category[], observations: Iterable<Observation>): ReliabilityMatrix {
  const cells = new Map<string, Map<string, number>>();
  const coderSet = new Set<string>();
  for (const { unit, coder, category } of observations) {
    if (!Number.isInteger(category) || category < 0 || category >= categories.length) continue;
    let row = cells.get(unit);
    if (!row) cells.set(unit, (row = new Map()));
    row.set(coder, category);
    coderSet.add(coder);
  }
  const coders = [...coderSet].sort(byCodePoint);
  const coderIndex = new Map(coders.map((c, i) => [c, i]));
  const units = [...cells.keys()].sort(byCodePoint);

  let entries = 0;
  for (const row of cells.values()) entries += row.size;
  const unitStart = new Int32Array(units.length + 1);
  const coder = new Int32Array(entries);
  const category = new Int32Array(entries);
  let at = 0;
  units.forEach((unit, u) => {
    unitStart[u] = at;
    const row = [...cells.get(unit)!].map(([c, k]) => [coderIndex.get(c)!, k] as const).sort((a, b) => a[0] - b[0]);
    for (const [c, k] of row) {
      coder[at] = c;
      category[at] = k;
      at += 1;
    }
  });
  unitStart[units.length] = at;
  return { categories, coders, units, unitStart, coder, category };
}

/** The verdict scale as categories: false 1 … true 5, unverifiable nominal only. */
export const RATING_CATEGORIES: readonly Category[] = RATINGS.map((label) => ({ label, value: ordinalValue(label) }));

const ratingIndex = new Map<string, number>(RATINGS.map((r, i) => [r, i]));

export interface RatedVerdict {
  claimId: string;
  reviewerId: string;
  rating: Rating;
}

/**
 * The matrix of a desk's verdicts: claims × reviewers over the verdict scale.
 * A rating that is not on the scale is left out (strings from the database
 * are checked, not trusted).
 */
export function ratingsMatrix(verdicts: Iterable<RatedVerdict>): ReliabilityMatrix {
  function* observations(): Generator<Observation> {
    for (const v of verdicts) {
      yield { unit: v.claimId, coder: v.reviewerId, category: ratingIndex.get(v.rating) ?? -1 };
    }
  }
  return buildMatrix(RATING_CATEGORIES, observations());
}

/**
 * Per unit, how many of its ratings fall in each category (Krippendorff's
 * values-by-units table): n_uk at [u × K + k]. `counted(k)` false leaves
 * category k out, as ordinal and interval measures leave out 'unverifiable'.
 */
export function unitCounts(matrix: ReliabilityMatrix, counted: (k: number) => boolean = () => true): Int32Array {
  const K = matrix.categories.length;
  const include = matrix.categories.map((_, k) => counted(k));
  const counts = new Int32Array(matrix.units.length * K);
  for (let u = 0; u < matrix.units.length; u++) {
    for (let e = matrix.unitStart[u]!; e < matrix.unitStart[u + 1]!; e++) {
      const k = matrix.category[e]!;
      if (include[k]) counts[u * K + k]! += 1;
    }
  }
  return counts;
}
