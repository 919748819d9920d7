// Per-claim consensus: turns the reviewers' verdicts on one claim into a
// status the newsroom can act on (publish, ask for more reviews, adjudicate),
// with the figures that explain it. One pure function, computeConsensus, used
// by every read path (claim, claims list, exports, live events, history).

import { ORDINAL_RATINGS, RATINGS, ordinalValue, type OrdinalRating, type Rating } from './ratings';

/**
 * How a claim's verdicts become a consensus (README "Consensus rules"):
 * - `plurality`: one leading rating, with at least `agreementThreshold` of the
 *   verdicts, and no two ordinal verdicts more than `maxSpread` steps apart;
 * - `ordinal`: every verdict on the scale and within one step of the others:
 *   consensus on their median ('false' + 'mostly-false' → 'mostly-false').
 */
export const CONSENSUS_RULES = ['plurality', 'ordinal'] as const;
export type ConsensusRule = (typeof CONSENSUS_RULES)[number];

export function isConsensusRule(value: unknown): value is ConsensusRule {
  return typeof value === 'string' && (CONSENSUS_RULES as readonly string[]).includes(value);
}

export interface ReviewSettings {
  /** Hide other reviewers' verdicts until one has given one's own. */
  blindReview: boolean;
  /** Which rule turns verdicts into a consensus. */
  consensusRule: ConsensusRule;
  /** Verdicts needed before a claim can reach consensus (≥ 1), under either rule. */
  minReviewers: number;
  /** Plurality rule: share of verdicts the leading rating needs, in (0, 1]. */
  agreementThreshold: number;
  /** Plurality rule: most steps allowed between the lowest and highest ordinal verdicts, 0 to SCALE_STEPS. */
  maxSpread: number;
}

/** Steps from one end of the scale to the other ('false' to 'true'): a `maxSpread` of SCALE_STEPS never blocks. */
export const SCALE_STEPS = ORDINAL_RATINGS.length - 1;

/** The ordinal rule's one step: 'false' and 'mostly-false' agree, 'false' and 'mixed' do not. */
export const ORDINAL_RULE_SPREAD = 1;

/**
 * The defaults of a new article. With the plurality rule, 'false' (1) against
 * 'mostly-true' (4) blocks consensus whatever the majority: the claim needs a
 * discussion, not a vote; 'false' with 'mixed' (2 steps) can still agree.
 */
export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  blindReview: true,
  consensusRule: 'plurality',
  minReviewers: 2,
  agreementThreshold: 0.6,
  maxSpread: 2,
};

/**
 * Floating-point tolerance: a threshold stored as 2/3 (0.6666666666666666) or
 * typed as 0.666666666667 accepts two verdicts out of three. It is not a
 * rounding allowance: 0.6667 is above 2/3 and does not accept it.
 */
const EPSILON = 1e-9;

/** The agreement shares are reported from this many verdicts on: one reviewer agrees with nobody. */
export const MIN_REVIEWERS_FOR_AGREEMENT = 2;

export type ConsensusStatus = 'unreviewed' | 'needs-review' | 'consensus' | 'disputed' | 'adjudicated';

/** The lowest and highest ordinal verdicts, and the steps between them. */
export interface OrdinalRange {
  min: OrdinalRating;
  max: OrdinalRating;
  steps: number;
}

export interface Consensus {
  status: ConsensusStatus;
  /** The most frequent rating; null when there is none or a tie for first (see `tie`). */
  leadingRating: Rating | null;
  /** The ratings tied for first place, in scale order, when there are two or more; else []. */
  tie: Rating[];
  /** The leading count's share of the verdicts; null below two verdicts. */
  agreement: number | null;
  /**
   * The same share over the reviewers' first, independent ratings (given
   * before they could see the others'), under blind review only; null below
   * two verdicts or without blind review, where no rating was independent.
   */
  independentAgreement: number | null;
  counts: Record<Rating, number>;
  reviewerCount: number;
  /** The median of the ordinal verdicts ('unverifiable' left out), resolved as ordinalMedian says; null with none. */
  median: OrdinalRating | null;
  /** The range of the ordinal verdicts; null with none. */
  spread: OrdinalRange | null;
  /** The rule in force (the article's setting). */
  rule: ConsensusRule;
  /** The rating to publish: the consensus or the adjudication, else null. */
  finalRating: Rating | null;
}

/** A count for every rating, zeros included, so consumers never miss a key. */
export function countRatings(ratings: readonly Rating[]): Record<Rating, number> {
  // A literal rather than built from RATINGS: every claim of an export counts its verdicts, and this is five times faster.
  const counts = { false: 0, 'mostly-false': 0, mixed: 0, 'mostly-true': 0, true: 0, unverifiable: 0 } satisfies Record<Rating, number>;
  for (const rating of ratings) counts[rating] += 1;
  return counts;
}

/** The highest count and every rating that has it (in scale order); none with no verdicts. */
function leaders(counts: Record<Rating, number>): { ratings: Rating[]; count: number } {
  let count = 0;
  for (const r of RATINGS) count = Math.max(count, counts[r]);
  return { ratings: count === 0 ? [] : RATINGS.filter((r) => counts[r] === count), count };
}

/** The ordinal verdicts' points on the scale (1 'false' … 5 'true'), lowest first; 'unverifiable' left out. */
function ordinalValues(ratings: readonly Rating[]): number[] {
  const values: number[] = [];
  for (const rating of ratings) {
    const value = ordinalValue(rating);
    if (value !== null) values.push(value);
  }
  return values.sort((a, b) => a - b);
}

/** The i-th of the sorted values (callers stay within bounds). */
function nth(values: readonly number[], i: number): number {
  const value = values[i];
  if (value === undefined) throw new RangeError(`No value at ${i} of ${values.length}.`);
  return value;
}

function ratingAt(value: number): OrdinalRating {
  const rating = ORDINAL_RATINGS[value - 1];
  if (rating === undefined) throw new RangeError(`No rating at point ${value} of the scale.`);
  return rating;
}

/** The centre of the scale ('mixed', 3). */
const CENTRE = (ORDINAL_RATINGS.length + 1) / 2;

/**
 * The median of the ordinal verdicts ('unverifiable' left out), as a rating;
 * null with none. With an even number of them the median may fall between two
 * points of the scale ('false' + 'mostly-false': 1.5): it is then rounded
 * towards the centre of the scale, to the milder of the two ('mostly-false'),
 * the rating both sides can sign — a reviewer who says 'false' also says the
 * claim is mostly false, not the other way round. The rule is symmetric:
 * 'true' + 'mostly-true' gives 'mostly-true'. A median on a point is that
 * point ('false' + 'true': 'mixed').
 */
export function ordinalMedian(ratings: readonly Rating[]): OrdinalRating | null {
  return medianOf(ordinalValues(ratings));
}

function medianOf(values: readonly number[]): OrdinalRating | null {
  const n = values.length;
  if (n === 0) return null;
  const median = (nth(values, Math.floor((n - 1) / 2)) + nth(values, Math.floor(n / 2))) / 2;
  if (Number.isInteger(median)) return ratingAt(median);
  return ratingAt(median < CENTRE ? Math.ceil(median) : Math.floor(median));
}

/** The lowest and highest ordinal verdicts ('unverifiable' left out) and the steps between them; null with none. */
export function ordinalRange(ratings: readonly Rating[]): OrdinalRange | null {
  return rangeOf(ordinalValues(ratings));
}

function rangeOf(values: readonly number[]): OrdinalRange | null {
  if (values.length === 0) return null;
  const min = nth(values, 0);
  const max = nth(values, values.length - 1);
  return { min: ratingAt(min), max: ratingAt(max), steps: max - min };
}

/** The leading count's share, reported from two verdicts on. */
function shareOf(ratings: readonly Rating[], counts: Record<Rating, number> = countRatings(ratings)): number | null {
  if (ratings.length < MIN_REVIEWERS_FOR_AGREEMENT) return null;
  return leaders(counts).count / ratings.length;
}

interface Facts {
  leading: Rating | null;
  /** The leading count's share, whatever the number of verdicts. */
  share: number;
  spread: OrdinalRange | null;
  median: OrdinalRating | null;
}

/** What the rule settles on once there are enough verdicts: the rating agreed, or null (disputed). */
function agreedRating(ratings: readonly Rating[], settings: ReviewSettings, facts: Facts): Rating | null {
  if (settings.consensusRule === 'plurality') {
    const agreed = facts.leading !== null && facts.share >= settings.agreementThreshold - EPSILON && (facts.spread?.steps ?? 0) <= settings.maxSpread;
    return agreed ? facts.leading : null;
  }
  // Ordinal: 'unverifiable' has no place on the scale, so it is within no
  // step of anything. All 'unverifiable' agree (on it); 'unverifiable' beside
  // ratings on the scale is a disagreement about whether the claim can be
  // checked at all, which no point of the scale settles.
  const unverifiable = ratings.filter((r) => r === 'unverifiable').length;
  if (unverifiable === ratings.length) return 'unverifiable';
  if (unverifiable > 0 || facts.spread === null || facts.spread.steps > ORDINAL_RULE_SPREAD) return null;
  return facts.median;
}

export interface ConsensusInput {
  /** The editor's adjudication in force, which settles the claim whatever the verdicts say. */
  adjudicated?: Rating | null;
  /** Each current verdict's first rating (ClaimReveal.initialRating), for `independentAgreement` under blind review. */
  initialRatings?: readonly Rating[];
}

/**
 * The consensus on a claim from its current verdicts' ratings. The status and
 * every figure but `independentAgreement` follow the current verdicts: a
 * reviewer may correct a slip after seeing the others, and the desk acts on
 * what the reviewers say now; `independentAgreement` says how far they agreed
 * before anyone could see anyone else's verdict.
 */
export function computeConsensus(
  ratings: readonly Rating[],
  settings: ReviewSettings = DEFAULT_REVIEW_SETTINGS,
  { adjudicated = null, initialRatings = [] }: ConsensusInput = {},
): Consensus {
  const counts = countRatings(ratings);
  const reviewerCount = ratings.length;
  const top = leaders(counts);
  const [first, second] = top.ratings;
  const leadingRating = first !== undefined && second === undefined ? first : null;
  const values = ordinalValues(ratings);
  const spread = rangeOf(values);
  const median = medianOf(values);

  const { status, finalRating } = settle(ratings, settings, adjudicated, { leading: leadingRating, share: reviewerCount === 0 ? 0 : top.count / reviewerCount, spread, median });
  // One literal, keys in the order the API has always sent them: spreading a shared base into each outcome made this call three times slower, once per claim of an export.
  return {
    leadingRating,
    tie: second === undefined ? [] : top.ratings,
    agreement: shareOf(ratings, counts),
    independentAgreement: settings.blindReview ? shareOf(initialRatings) : null,
    counts,
    reviewerCount,
    median,
    spread,
    rule: settings.consensusRule,
    status,
    finalRating,
  };
}

/** The status, and the rating to publish if any: the adjudication settles the claim, else the verdicts under the article's rule. */
function settle(ratings: readonly Rating[], settings: ReviewSettings, adjudicated: Rating | null, facts: Facts): Pick<Consensus, 'status' | 'finalRating'> {
  if (adjudicated !== null) return { status: 'adjudicated', finalRating: adjudicated };
  if (ratings.length === 0) return { status: 'unreviewed', finalRating: null };
  if (ratings.length < settings.minReviewers) return { status: 'needs-review', finalRating: null };
  const agreed = agreedRating(ratings, settings, facts);
  return agreed === null ? { status: 'disputed', finalRating: null } : { status: 'consensus', finalRating: agreed };
}

/**
 * The one rating that sums a claim up where there is room for one (the claims
 * list, a highlight's tooltip): the rating published (consensus or
 * adjudication), else the leading rating; null on a tie or with no verdicts.
 */
export function summaryRating(consensus: Pick<Consensus, 'finalRating' | 'leadingRating'>): Rating | null {
  return consensus.finalRating ?? consensus.leadingRating;
}
