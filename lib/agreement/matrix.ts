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
  // Ids to first-seen indexes, and the entries in input order.
  const unitSeen = new Map<string, number>();
  const coderSeen = new Map<string, number>();
  const entryUnit: number[] = [];
  const entryCoder: number[] = [];
  const entryCategory: number[] = [];
  for (const { unit, coder, category } of observations) {
    if (!Number.isInteger(category) || category < 0 || category >= categories.length) continue;
    let u = unitSeen.get(unit);
    if (u === undefined) unitSeen.set(unit, (u = unitSeen.size));
    let c = coderSeen.get(coder);
    if (c === undefined) coderSeen.set(coder, (c = coderSeen.size));
    entryUnit.push(u);
    entryCoder.push(c);
    entryCategory.push(category);
  }
  const units = [...unitSeen.keys()].sort(byCodePoint);
  const coders = [...coderSeen.keys()].sort(byCodePoint);
  const unitRank = new Int32Array(units.length);
  units.forEach((id, rank) => (unitRank[unitSeen.get(id)!] = rank));
  const coderRank = new Int32Array(coders.length);
  coders.forEach((id, rank) => (coderRank[coderSeen.get(id)!] = rank));

  // Entries grouped by unit in sorted order (a counting sort, stable: input order within a unit).
  const n = entryUnit.length;
  const slot = new Int32Array(units.length + 1);
  for (let e = 0; e < n; e++) slot[unitRank[entryUnit[e]!]! + 1]! += 1;
  for (let u = 0; u < units.length; u++) slot[u + 1]! += slot[u]!;
  const grouped = new Int32Array(n);
  const next = slot.slice(0, units.length);
  for (let e = 0; e < n; e++) grouped[next[unitRank[entryUnit[e]!]!]!++] = e;

  // Within each unit, by coder (insertion sort: a few reviewers per claim, stable), one rating per coder: the last given.
  const unitStart = new Int32Array(units.length + 1);
  const coder = new Int32Array(n);
  const category = new Int32Array(n);
  let at = 0;
  for (let u = 0; u < units.length; u++) {
    unitStart[u] = at;
    const from = slot[u]!;
    const to = slot[u + 1]!;
    for (let i = from + 1; i < to; i++) {
      const e = grouped[i]!;
      const rank = coderRank[entryCoder[e]!]!;
      let j = i - 1;
      while (j >= from && coderRank[entryCoder[grouped[j]!]!]! > rank) {
        grouped[j + 1] = grouped[j]!;
        j -= 1;
      }
      grouped[j + 1] = e;
    }
    for (let i = from; i < to; i++) {
      const e = grouped[i]!;
      const rank = coderRank[entryCoder[e]!]!;
      if (at > unitStart[u]! && coder[at - 1] === rank) at -= 1;
      coder[at] = rank;
      category[at] = entryCategory[e]!;
      at += 1;
    }
  }
  unitStart[units.length] = at;
  return { categories, coders, units, unitStart, coder: coder.subarray(0, at), category: category.subarray(0, at) };
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
