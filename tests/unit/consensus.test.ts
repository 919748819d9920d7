import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REVIEW_SETTINGS,
  MAX_ORDINAL_SPREAD,
  computeConsensus,
  countRatings,
  ordinalSpread,
  type ConsensusStatus,
  type ReviewSettings,
} from '../../lib/consensus';
import { RATINGS, type Rating } from '../../lib/ratings';

const settings = (overrides: Partial<ReviewSettings> = {}): ReviewSettings => ({
  ...DEFAULT_REVIEW_SETTINGS,
  ...overrides,
});

describe('defaults', () => {
  it('match the documented defaults', () => {
    expect(DEFAULT_REVIEW_SETTINGS).toEqual({ blindReview: true, minReviewers: 2, agreementThreshold: 0.6 });
    expect(MAX_ORDINAL_SPREAD).toBe(2);
  });
});

describe('countRatings', () => {
  it('has a key for every rating, zero when absent', () => {
    const counts = countRatings(['true', 'true', 'unverifiable']);
    expect(Object.keys(counts).sort()).toEqual([...RATINGS].sort());
    expect(counts).toEqual({ false: 0, 'mostly-false': 0, mixed: 0, 'mostly-true': 0, true: 2, unverifiable: 1 });
  });
});

describe('ordinalSpread', () => {
  it.each<[Rating[], number]>([
    [[], 0],
    [['true'], 0],
    [['false', 'true'], 4],
    [['false', 'mostly-true'], 3],
    [['mostly-false', 'mostly-true'], 2],
    [['unverifiable', 'false', 'unverifiable'], 0],
    [['mixed', 'unverifiable', 'true'], 2],
  ])('%j spreads %i points', (ratings, spread) => {
    expect(ordinalSpread(ratings)).toBe(spread);
  });
});

type Row = {
  name: string;
  ratings: Rating[];
  settings?: Partial<ReviewSettings>;
  adjudicated?: Rating | null;
  status: ConsensusStatus;
  leadingRating: Rating | null;
  agreement: number | null;
  finalRating: Rating | null;
};

const table: Row[] = [
  // No verdicts.
  { name: 'nothing yet', ratings: [], status: 'unreviewed', leadingRating: null, agreement: null, finalRating: null },
  // Fewer than minReviewers.
  { name: 'one verdict of two needed', ratings: ['true'], status: 'needs-review', leadingRating: 'true', agreement: 1, finalRating: null },
  { name: 'two of three needed, agreeing', ratings: ['false', 'false'], settings: { minReviewers: 3 }, status: 'needs-review', leadingRating: 'false', agreement: 1, finalRating: null },
  { name: 'one verdict when one is enough', ratings: ['mixed'], settings: { minReviewers: 1 }, status: 'consensus', leadingRating: 'mixed', agreement: 1, finalRating: 'mixed' },
  // Unanimity.
  { name: 'two agreeing', ratings: ['mostly-false', 'mostly-false'], status: 'consensus', leadingRating: 'mostly-false', agreement: 1, finalRating: 'mostly-false' },
  { name: 'unanimously unverifiable', ratings: ['unverifiable', 'unverifiable'], status: 'consensus', leadingRating: 'unverifiable', agreement: 1, finalRating: 'unverifiable' },
  // Ties for first place.
  { name: 'two disagreeing (tie)', ratings: ['true', 'mostly-true'], status: 'disputed', leadingRating: null, agreement: 0.5, finalRating: null },
  { name: 'two-two tie', ratings: ['false', 'false', 'mostly-false', 'mostly-false'], settings: { agreementThreshold: 0.5 }, status: 'disputed', leadingRating: null, agreement: 0.5, finalRating: null },
  { name: 'three-way tie', ratings: ['false', 'mixed', 'true'], status: 'disputed', leadingRating: null, agreement: 1 / 3, finalRating: null },
  { name: 'tie while under minReviewers', ratings: ['false', 'true'], settings: { minReviewers: 3 }, status: 'needs-review', leadingRating: null, agreement: 0.5, finalRating: null },
  // Thresholds.
  { name: '2/3 meets 0.6', ratings: ['mixed', 'mixed', 'mostly-true'], status: 'consensus', leadingRating: 'mixed', agreement: 2 / 3, finalRating: 'mixed' },
  { name: '2/3 falls short of 0.6667 (epsilon is not rounding)', ratings: ['true', 'true', 'mostly-true'], settings: { agreementThreshold: 0.6667 }, status: 'disputed', leadingRating: 'true', agreement: 2 / 3, finalRating: null },
  { name: '2/3 meets exactly 2/3', ratings: ['true', 'true', 'mostly-true'], settings: { agreementThreshold: 2 / 3 }, status: 'consensus', leadingRating: 'true', agreement: 2 / 3, finalRating: 'true' },
  { name: '2/3 meets 0.666666666667 (epsilon)', ratings: ['true', 'true', 'mostly-true'], settings: { agreementThreshold: 0.666666666667 }, status: 'consensus', leadingRating: 'true', agreement: 2 / 3, finalRating: 'true' },
  { name: '3/5 meets 0.6 exactly', ratings: ['false', 'false', 'false', 'mostly-false', 'mixed'], status: 'consensus', leadingRating: 'false', agreement: 0.6, finalRating: 'false' },
  { name: '2/4 falls short of 0.6', ratings: ['false', 'false', 'mostly-false', 'mixed'], status: 'disputed', leadingRating: 'false', agreement: 0.5, finalRating: null },
  { name: 'threshold 1 needs unanimity', ratings: ['true', 'true', 'true', 'mostly-true'], settings: { agreementThreshold: 1 }, status: 'disputed', leadingRating: 'true', agreement: 0.75, finalRating: null },
  { name: 'threshold 1 met by unanimity', ratings: ['true', 'true', 'true'], settings: { agreementThreshold: 1 }, status: 'consensus', leadingRating: 'true', agreement: 1, finalRating: 'true' },
  // Ordinal spread.
  { name: 'majority blocked by a verdict 3 points away', ratings: ['mostly-true', 'mostly-true', 'mostly-true', 'false'], status: 'disputed', leadingRating: 'mostly-true', agreement: 0.75, finalRating: null },
  { name: 'majority blocked by a verdict 4 points away', ratings: ['true', 'true', 'true', 'true', 'false'], status: 'disputed', leadingRating: 'true', agreement: 0.8, finalRating: null },
  { name: 'a verdict exactly 2 points away does not block', ratings: ['true', 'true', 'true', 'mixed'], status: 'consensus', leadingRating: 'true', agreement: 0.75, finalRating: 'true' },
  { name: 'unverifiable never blocks', ratings: ['false', 'false', 'false', 'unverifiable'], status: 'consensus', leadingRating: 'false', agreement: 0.75, finalRating: 'false' },
  { name: 'spread counts minority ratings on both sides', ratings: ['mixed', 'mixed', 'mixed', 'mixed', 'false', 'true'], status: 'disputed', leadingRating: 'mixed', agreement: 4 / 6, finalRating: null },
  // Adjudication.
  { name: 'adjudication overrides a dispute', ratings: ['false', 'true'], adjudicated: 'mostly-false', status: 'adjudicated', leadingRating: null, agreement: 0.5, finalRating: 'mostly-false' },
  { name: 'adjudication overrides a consensus', ratings: ['true', 'true'], adjudicated: 'mixed', status: 'adjudicated', leadingRating: 'true', agreement: 1, finalRating: 'mixed' },
  { name: 'adjudication without verdicts', ratings: [], adjudicated: 'unverifiable', status: 'adjudicated', leadingRating: null, agreement: null, finalRating: 'unverifiable' },
  { name: 'adjudication with too few verdicts', ratings: ['true'], settings: { minReviewers: 3 }, adjudicated: 'true', status: 'adjudicated', leadingRating: 'true', agreement: 1, finalRating: 'true' },
  { name: 'explicit null adjudication is none', ratings: ['true', 'true'], adjudicated: null, status: 'consensus', leadingRating: 'true', agreement: 1, finalRating: 'true' },
  // blindReview changes visibility, not the computation.
  { name: 'blind review computes the same', ratings: ['mixed', 'mixed'], settings: { blindReview: true }, status: 'consensus', leadingRating: 'mixed', agreement: 1, finalRating: 'mixed' },
];

describe('computeConsensus', () => {
  it.each(table)('$name → $status', (row) => {
    const result = computeConsensus(row.ratings, settings(row.settings), row.adjudicated ?? null);
    expect(result.status).toBe(row.status);
    expect(result.leadingRating).toBe(row.leadingRating);
    if (row.agreement === null) expect(result.agreement).toBeNull();
    else expect(result.agreement).toBeCloseTo(row.agreement, 12);
    expect(result.finalRating).toBe(row.finalRating);
    expect(result.reviewerCount).toBe(row.ratings.length);
    expect(result.counts).toEqual(countRatings(row.ratings));
  });

  it('uses the default settings and no adjudication when omitted', () => {
    expect(computeConsensus(['true']).status).toBe('needs-review');
    expect(computeConsensus(['true', 'true', 'mostly-true']).status).toBe('consensus');
  });

  it('returns the full counts record, zeros included', () => {
    const { counts } = computeConsensus(['mixed', 'mixed', 'false']);
    expect(counts).toEqual({ false: 1, 'mostly-false': 0, mixed: 2, 'mostly-true': 0, true: 0, unverifiable: 0 });
  });

  it('does not depend on the order of the verdicts', () => {
    const ratings: Rating[] = ['mostly-true', 'true', 'mostly-true', 'mixed', 'mostly-true'];
    const expected = computeConsensus(ratings);
    expect(computeConsensus([...ratings].reverse())).toEqual(expected);
    expect(computeConsensus([...ratings].sort())).toEqual(expected);
  });

  it('keeps finalRating null unless the status is consensus or adjudicated', () => {
    for (const row of table) {
      const result = computeConsensus(row.ratings, settings(row.settings), row.adjudicated ?? null);
      if (result.status !== 'consensus' && result.status !== 'adjudicated') expect(result.finalRating).toBeNull();
    }
  });
});
