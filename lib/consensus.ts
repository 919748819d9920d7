// Per-claim consensus: turns the reviewers' verdicts on one claim into a
// status the newsroom can act on (publish, ask for more reviews, adjudicate).

import { RATINGS, ordinalValue, type Rating } from './ratings';

export interface ReviewSettings {
  /** Hide other reviewers' verdicts until one has given one's own. */
  blindReview: boolean;
  /** Verdicts needed before a claim can reach consensus (≥ 1). */
  minReviewers: number;
  /** Share of verdicts the leading rating needs, in (0, 1]. */
  agreementThreshold: number;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  blindReview: true,
  minReviewers: 2,
  agreementThreshold: 0.6,
};

/**
 * Consensus is blocked when two ordinal ratings among a claim's verdicts are
 * more than this many scale points apart, whatever the majority: if one
 * reviewer says 'false' (1) and another 'mostly-true' (4), the claim needs a
 * discussion, not a vote. 'false' with 'mixed' (2 points) can still agree.
 * 'unverifiable' has no place on the scale and never blocks.
 */
export const MAX_ORDINAL_SPREAD = 2;

/**
 * Floating-point tolerance: a threshold stored as 2/3 (0.6666666666666666) or
 * typed as 0.666666666667 accepts two verdicts out of three. It is not a
 * rounding allowance: 0.6667 is above 2/3 and does not accept it.
 */
const EPSILON = 1e-9;

export type ConsensusStatus = 'unreviewed' | 'needs-review' | 'consensus' | 'disputed' | 'adjudicated';

export interface Consensus {
  status: ConsensusStatus;
  /** The most frequent rating; null when there is none or a tie for first. */
  leadingRating: Rating | null;
  /** Share of verdicts for the most frequent rating; null with no verdicts. */
  agreement: number | null;
  counts: Record<Rating, number>;
  reviewerCount: number;
  /** The rating to publish: the consensus or the adjudication, else null. */
  finalRating: Rating | null;
}

/** A count for every rating, zeros included, so consumers never miss a key. */
export function countRatings(ratings: readonly Rating[]): Record<Rating, number> {
  const counts = Object.fromEntries(RATINGS.map((r) => [r, 0])) as Record<Rating, number>;
  for (const rating of ratings) counts[rating] += 1;
  return counts;
}

/** The rating with the highest count, or null when none or when several share it. */
function leader(counts: Record<Rating, number>): { rating: Rating | null; count: number } {
  let rating: Rating | null = null;
  let count = 0;
  let tied = false;
  for (const r of RATINGS) {
    if (counts[r] > count) {
      rating = r;
      count = counts[r];
      tied = false;
    } else if (counts[r] === count && count > 0) {
      tied = true;
    }
  }
  return { rating: tied ? null : rating, count };
}

/** Distance between the lowest and highest ordinal ratings (0 with fewer than two). */
export function ordinalSpread(ratings: readonly Rating[]): number {
  const values = ratings.map(ordinalValue).filter((v): v is number => v !== null);
  return values.length === 0 ? 0 : Math.max(...values) - Math.min(...values);
}

export function computeConsensus(
  ratings: readonly Rating[],
  settings: ReviewSettings = DEFAULT_REVIEW_SETTINGS,
  adjudicatedRating: Rating | null = null,
): Consensus {
  const counts = countRatings(ratings);
  const reviewerCount = ratings.length;
  const top = leader(counts);
  const leadingRating = top.rating;
  const agreement = reviewerCount === 0 ? null : top.count / reviewerCount;

  const base = { leadingRating, agreement, counts, reviewerCount };

  // An editor's adjudication settles the claim whatever the verdicts say.
  if (adjudicatedRating !== null) {
    return { ...base, status: 'adjudicated', finalRating: adjudicatedRating };
  }
  if (reviewerCount === 0) return { ...base, status: 'unreviewed', finalRating: null };
  if (reviewerCount < settings.minReviewers) {
    return { ...base, status: 'needs-review', finalRating: null };
  }

  const agreed =
    leadingRating !== null &&
    agreement !== null &&
    agreement >= settings.agreementThreshold - EPSILON &&
    ordinalSpread(ratings) <= MAX_ORDINAL_SPREAD;
  return agreed
    ? { ...base, status: 'consensus', finalRating: leadingRating }
    : { ...base, status: 'disputed', finalRating: null };
}
