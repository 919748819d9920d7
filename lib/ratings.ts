// The verdict scale of the REST API (README): five ordinal ratings plus "unverifiable",
// which has no place on the scale and is left out of ordinal statistics.

export const RATINGS = ['false', 'mostly-false', 'mixed', 'mostly-true', 'true', 'unverifiable'] as const;
export type Rating = (typeof RATINGS)[number];

export const ORDINAL_RATINGS = ['false', 'mostly-false', 'mixed', 'mostly-true', 'true'] as const;
export type OrdinalRating = (typeof ORDINAL_RATINGS)[number];

/** 1 (false) … 5 (true); null for unverifiable. */
export function ordinalValue(rating: Rating): number | null {
  const index = (ORDINAL_RATINGS as readonly string[]).indexOf(rating);
  return index === -1 ? null : index + 1;
}

export function isRating(value: unknown): value is Rating {
  return typeof value === 'string' && (RATINGS as readonly string[]).includes(value);
}
