import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONSENSUS_RULES,
  DEFAULT_REVIEW_SETTINGS,
  SCALE_STEPS,
  computeConsensus,
  countRatings,
  isConsensusRule,
  ordinalMedian,
  ordinalRange,
  summaryRating,
  type ConsensusStatus,
  type OrdinalRange,
  type ReviewSettings,
} from '../../lib/consensus';
import { ORDINAL_RATINGS, RATINGS, type OrdinalRating, type Rating } from '../../lib/ratings';

const settings = (overrides: Partial<ReviewSettings> = {}): ReviewSettings => ({
  ...DEFAULT_REVIEW_SETTINGS,
  ...overrides,
});
const ordinal = (overrides: Partial<ReviewSettings> = {}) => settings({ consensusRule: 'ordinal', ...overrides });

describe('defaults', () => {
  it('match the documented defaults', () => {
    expect(DEFAULT_REVIEW_SETTINGS).toEqual({ blindReview: true, consensusRule: 'plurality', minReviewers: 2, agreementThreshold: 0.6, maxSpread: 2 });
    expect(SCALE_STEPS).toBe(4);
    expect(CONSENSUS_RULES).toEqual(['plurality', 'ordinal']);
  });

  it('isConsensusRule knows the two rules and nothing else', () => {
    expect(isConsensusRule('plurality')).toBe(true);
    expect(isConsensusRule('ordinal')).toBe(true);
    for (const value of ['Plurality', 'majority', '', null, undefined, 1, {}]) expect(isConsensusRule(value)).toBe(false);
  });
});

describe('countRatings', () => {
  it('has a key for every rating, zero when absent', () => {
    const counts = countRatings(['true', 'true', 'unverifiable']);
    expect(Object.keys(counts).sort()).toEqual([...RATINGS].sort());
    expect(counts).toEqual({ false: 0, 'mostly-false': 0, mixed: 0, 'mostly-true': 0, true: 2, unverifiable: 1 });
  });
});

describe('ordinalRange', () => {
  it.each<[Rating[], OrdinalRange | null]>([
    [[], null],
    [['unverifiable', 'unverifiable'], null],
    [['true'], { min: 'true', max: 'true', steps: 0 }],
    [['false', 'true'], { min: 'false', max: 'true', steps: 4 }],
    [['mostly-true', 'false'], { min: 'false', max: 'mostly-true', steps: 3 }],
    [['mostly-false', 'mostly-true'], { min: 'mostly-false', max: 'mostly-true', steps: 2 }],
    [['unverifiable', 'false', 'unverifiable'], { min: 'false', max: 'false', steps: 0 }],
    [['mixed', 'unverifiable', 'true'], { min: 'mixed', max: 'true', steps: 2 }],
  ])('%j → %j', (ratings, range) => {
    expect(ordinalRange(ratings)).toEqual(range);
  });
});

describe('ordinalMedian', () => {
  it.each<[Rating[], OrdinalRating | null, string]>([
    [[], null, 'no verdicts'],
    [['unverifiable'], null, 'unverifiable only: left out'],
    [['mostly-true'], 'mostly-true', 'one verdict'],
    [['false', 'false', 'true'], 'false', 'odd count: the middle one'],
    [['true', 'false', 'mixed'], 'mixed', 'odd count, unsorted'],
    [['false', 'mostly-false'], 'mostly-false', 'between two points below the centre: rounded up, towards mixed'],
    [['true', 'mostly-true'], 'mostly-true', 'between two points above the centre: rounded down, towards mixed'],
    [['mostly-false', 'mixed'], 'mixed', 'between mostly-false and mixed: mixed'],
    [['mixed', 'mostly-true'], 'mixed', 'between mixed and mostly-true: mixed'],
    [['false', 'mostly-true'], 'mixed', '1 and 4 → 2.5 → mixed'],
    [['mostly-false', 'true'], 'mixed', '2 and 5 → 3.5 → mixed'],
    [['false', 'true'], 'mixed', 'on a point: that point'],
    [['false', 'mixed'], 'mostly-false', 'on a point: that point'],
    [['false', 'false', 'mostly-false', 'mostly-false'], 'mostly-false', 'two against two'],
    [['false', 'false', 'false', 'mostly-false'], 'false', 'both middle verdicts false'],
    [['false', 'mostly-false', 'unverifiable'], 'mostly-false', 'unverifiable left out: the median of two'],
    [['false', 'unverifiable', 'unverifiable', 'unverifiable'], 'false', 'unverifiable never counts, however many'],
  ])('%j → %s (%s)', (ratings, median) => {
    expect(ordinalMedian(ratings)).toBe(median);
  });
});

type Row = {
  name: string;
  ratings: Rating[];
  settings?: Partial<ReviewSettings>;
  adjudicated?: Rating | null;
  status: ConsensusStatus;
  leadingRating: Rating | null;
  tie?: Rating[];
  agreement: number | null;
  finalRating: Rating | null;
};

/** The plurality rule (the default). */
const plurality: Row[] = [
  // No verdicts.
  { name: 'nothing yet', ratings: [], status: 'unreviewed', leadingRating: null, agreement: null, finalRating: null },
  // Fewer than minReviewers; one verdict has no agreement to report.
  { name: 'one verdict of two needed (no agreement with one reviewer)', ratings: ['true'], status: 'needs-review', leadingRating: 'true', agreement: null, finalRating: null },
  { name: 'two of three needed, agreeing', ratings: ['false', 'false'], settings: { minReviewers: 3 }, status: 'needs-review', leadingRating: 'false', agreement: 1, finalRating: null },
  { name: 'one verdict when one is enough', ratings: ['mixed'], settings: { minReviewers: 1 }, status: 'consensus', leadingRating: 'mixed', agreement: null, finalRating: 'mixed' },
  // Unanimity.
  { name: 'two agreeing', ratings: ['mostly-false', 'mostly-false'], status: 'consensus', leadingRating: 'mostly-false', agreement: 1, finalRating: 'mostly-false' },
  { name: 'unanimously unverifiable', ratings: ['unverifiable', 'unverifiable'], status: 'consensus', leadingRating: 'unverifiable', agreement: 1, finalRating: 'unverifiable' },
  // Ties for first place, named.
  { name: 'two disagreeing (tie)', ratings: ['true', 'mostly-true'], status: 'disputed', leadingRating: null, tie: ['mostly-true', 'true'], agreement: 0.5, finalRating: null },
  { name: 'false against mostly-false: a tie', ratings: ['false', 'mostly-false'], status: 'disputed', leadingRating: null, tie: ['false', 'mostly-false'], agreement: 0.5, finalRating: null },
  { name: 'two-two tie', ratings: ['false', 'false', 'mostly-false', 'mostly-false'], settings: { agreementThreshold: 0.5 }, status: 'disputed', leadingRating: null, tie: ['false', 'mostly-false'], agreement: 0.5, finalRating: null },
  { name: 'three-way tie', ratings: ['false', 'mixed', 'true'], status: 'disputed', leadingRating: null, tie: ['false', 'mixed', 'true'], agreement: 1 / 3, finalRating: null },
  { name: 'tie with unverifiable', ratings: ['unverifiable', 'false'], status: 'disputed', leadingRating: null, tie: ['false', 'unverifiable'], agreement: 0.5, finalRating: null },
  { name: 'tie while under minReviewers', ratings: ['false', 'true'], settings: { minReviewers: 3 }, status: 'needs-review', leadingRating: null, tie: ['false', 'true'], agreement: 0.5, finalRating: null },
  { name: 'tie for second place is no tie', ratings: ['true', 'true', 'mostly-true', 'mixed'], settings: { agreementThreshold: 0.5 }, status: 'consensus', leadingRating: 'true', agreement: 0.5, finalRating: 'true' },
  // Thresholds.
  { name: '2/3 meets 0.6', ratings: ['mixed', 'mixed', 'mostly-true'], status: 'consensus', leadingRating: 'mixed', agreement: 2 / 3, finalRating: 'mixed' },
  { name: '2/3 falls short of 0.6667 (epsilon is not rounding)', ratings: ['true', 'true', 'mostly-true'], settings: { agreementThreshold: 0.6667 }, status: 'disputed', leadingRating: 'true', agreement: 2 / 3, finalRating: null },
  { name: '2/3 meets exactly 2/3', ratings: ['true', 'true', 'mostly-true'], settings: { agreementThreshold: 2 / 3 }, status: 'consensus', leadingRating: 'true', agreement: 2 / 3, finalRating: 'true' },
  { name: '2/3 meets 0.666666666667 (epsilon)', ratings: ['true', 'true', 'mostly-true'], settings: { agreementThreshold: 0.666666666667 }, status: 'consensus', leadingRating: 'true', agreement: 2 / 3, finalRating: 'true' },
  { name: '3/5 meets 0.6 exactly', ratings: ['false', 'false', 'false', 'mostly-false', 'mixed'], status: 'consensus', leadingRating: 'false', agreement: 0.6, finalRating: 'false' },
  { name: '2/4 falls short of 0.6', ratings: ['false', 'false', 'mostly-false', 'mixed'], status: 'disputed', leadingRating: 'false', agreement: 0.5, finalRating: null },
  { name: 'threshold 1 needs unanimity', ratings: ['true', 'true', 'true', 'mostly-true'], settings: { agreementThreshold: 1 }, status: 'disputed', leadingRating: 'true', agreement: 0.75, finalRating: null },
  { name: 'threshold 1 met by unanimity', ratings: ['true', 'true', 'true'], settings: { agreementThreshold: 1 }, status: 'consensus', leadingRating: 'true', agreement: 1, finalRating: 'true' },
  // Maximum spread (default 2).
  { name: 'majority blocked by a verdict 3 steps away', ratings: ['mostly-true', 'mostly-true', 'mostly-true', 'false'], status: 'disputed', leadingRating: 'mostly-true', agreement: 0.75, finalRating: null },
  { name: 'majority blocked by a verdict 4 steps away', ratings: ['true', 'true', 'true', 'true', 'false'], status: 'disputed', leadingRating: 'true', agreement: 0.8, finalRating: null },
  { name: 'a verdict exactly 2 steps away does not block', ratings: ['true', 'true', 'true', 'mixed'], status: 'consensus', leadingRating: 'true', agreement: 0.75, finalRating: 'true' },
  { name: 'unverifiable never blocks', ratings: ['false', 'false', 'false', 'unverifiable'], status: 'consensus', leadingRating: 'false', agreement: 0.75, finalRating: 'false' },
  { name: 'spread counts minority ratings on both sides', ratings: ['mixed', 'mixed', 'mixed', 'mixed', 'false', 'true'], status: 'disputed', leadingRating: 'mixed', agreement: 4 / 6, finalRating: null },
  { name: 'maxSpread 0: one step blocks', ratings: ['true', 'true', 'true', 'mostly-true'], settings: { maxSpread: 0 }, status: 'disputed', leadingRating: 'true', agreement: 0.75, finalRating: null },
  { name: 'maxSpread 0: unanimity passes', ratings: ['true', 'true'], settings: { maxSpread: 0 }, status: 'consensus', leadingRating: 'true', agreement: 1, finalRating: 'true' },
  { name: 'maxSpread 3: 3 steps pass', ratings: ['mostly-true', 'mostly-true', 'mostly-true', 'false'], settings: { maxSpread: 3 }, status: 'consensus', leadingRating: 'mostly-true', agreement: 0.75, finalRating: 'mostly-true' },
  { name: 'maxSpread 4 never blocks', ratings: ['true', 'true', 'true', 'true', 'false'], settings: { maxSpread: 4 }, status: 'consensus', leadingRating: 'true', agreement: 0.8, finalRating: 'true' },
  // Adjudication.
  { name: 'adjudication overrides a dispute', ratings: ['false', 'true'], adjudicated: 'mostly-false', status: 'adjudicated', leadingRating: null, tie: ['false', 'true'], agreement: 0.5, finalRating: 'mostly-false' },
  { name: 'adjudication overrides a consensus', ratings: ['true', 'true'], adjudicated: 'mixed', status: 'adjudicated', leadingRating: 'true', agreement: 1, finalRating: 'mixed' },
  { name: 'adjudication without verdicts', ratings: [], adjudicated: 'unverifiable', status: 'adjudicated', leadingRating: null, agreement: null, finalRating: 'unverifiable' },
  { name: 'adjudication with too few verdicts', ratings: ['true'], settings: { minReviewers: 3 }, adjudicated: 'true', status: 'adjudicated', leadingRating: 'true', agreement: null, finalRating: 'true' },
  { name: 'explicit null adjudication is none', ratings: ['true', 'true'], adjudicated: null, status: 'consensus', leadingRating: 'true', agreement: 1, finalRating: 'true' },
  // blindReview changes visibility, not the status.
  { name: 'blind review off computes the same status', ratings: ['mixed', 'mixed'], settings: { blindReview: false }, status: 'consensus', leadingRating: 'mixed', agreement: 1, finalRating: 'mixed' },
];

/** The ordinal rule: every verdict on the scale within one step, consensus on the median. */
const ordinalRows: Row[] = [
  { name: 'false + mostly-false: consensus leaning false (the probe)', ratings: ['false', 'mostly-false'], status: 'consensus', leadingRating: null, tie: ['false', 'mostly-false'], agreement: 0.5, finalRating: 'mostly-false' },
  { name: 'true + mostly-true: mostly-true', ratings: ['true', 'mostly-true'], status: 'consensus', leadingRating: null, tie: ['mostly-true', 'true'], agreement: 0.5, finalRating: 'mostly-true' },
  { name: 'mostly-false + mixed: mixed', ratings: ['mixed', 'mostly-false'], status: 'consensus', leadingRating: null, tie: ['mostly-false', 'mixed'], agreement: 0.5, finalRating: 'mixed' },
  { name: 'false ×2 + mostly-false: false (odd median)', ratings: ['false', 'false', 'mostly-false'], status: 'consensus', leadingRating: 'false', agreement: 2 / 3, finalRating: 'false' },
  { name: 'mostly-false ×3 + false: mostly-false', ratings: ['mostly-false', 'false', 'mostly-false', 'mostly-false'], status: 'consensus', leadingRating: 'mostly-false', agreement: 0.75, finalRating: 'mostly-false' },
  { name: 'two against two, adjacent: median towards the centre', ratings: ['false', 'false', 'mostly-false', 'mostly-false'], status: 'consensus', leadingRating: null, tie: ['false', 'mostly-false'], agreement: 0.5, finalRating: 'mostly-false' },
  { name: 'unanimity', ratings: ['mixed', 'mixed'], status: 'consensus', leadingRating: 'mixed', agreement: 1, finalRating: 'mixed' },
  { name: 'two steps apart: disputed', ratings: ['false', 'mixed'], status: 'disputed', leadingRating: null, tie: ['false', 'mixed'], agreement: 0.5, finalRating: null },
  { name: 'a large majority with one verdict 2 steps away: disputed', ratings: ['true', 'true', 'true', 'true', 'mixed'], status: 'disputed', leadingRating: 'true', agreement: 0.8, finalRating: null },
  { name: 'false against true: disputed', ratings: ['false', 'true'], status: 'disputed', leadingRating: null, tie: ['false', 'true'], agreement: 0.5, finalRating: null },
  { name: 'all unverifiable: consensus on unverifiable', ratings: ['unverifiable', 'unverifiable'], status: 'consensus', leadingRating: 'unverifiable', agreement: 1, finalRating: 'unverifiable' },
  { name: 'unverifiable beside the scale: disputed', ratings: ['false', 'false', 'unverifiable'], status: 'disputed', leadingRating: 'false', agreement: 2 / 3, finalRating: null },
  { name: 'one unverifiable against one rating: disputed', ratings: ['unverifiable', 'mostly-false'], status: 'disputed', leadingRating: null, tie: ['mostly-false', 'unverifiable'], agreement: 0.5, finalRating: null },
  { name: 'the threshold does not apply', ratings: ['false', 'mostly-false'], settings: { agreementThreshold: 1 }, status: 'consensus', leadingRating: null, tie: ['false', 'mostly-false'], agreement: 0.5, finalRating: 'mostly-false' },
  { name: 'maxSpread does not apply', ratings: ['false', 'mostly-false'], settings: { maxSpread: 0 }, status: 'consensus', leadingRating: null, tie: ['false', 'mostly-false'], agreement: 0.5, finalRating: 'mostly-false' },
  { name: 'minReviewers still applies', ratings: ['false'], status: 'needs-review', leadingRating: 'false', agreement: null, finalRating: null },
  { name: 'minReviewers 1: one verdict is its own median', ratings: ['mostly-true'], settings: { minReviewers: 1 }, status: 'consensus', leadingRating: 'mostly-true', agreement: null, finalRating: 'mostly-true' },
  { name: 'minReviewers 3: two adjacent verdicts wait for a third', ratings: ['false', 'mostly-false'], settings: { minReviewers: 3 }, status: 'needs-review', leadingRating: null, tie: ['false', 'mostly-false'], agreement: 0.5, finalRating: null },
  { name: 'no verdicts', ratings: [], status: 'unreviewed', leadingRating: null, agreement: null, finalRating: null },
  { name: 'adjudication overrides', ratings: ['false', 'mostly-false'], adjudicated: 'false', status: 'adjudicated', leadingRating: null, tie: ['false', 'mostly-false'], agreement: 0.5, finalRating: 'false' },
];

function check(row: Row, rule: ReviewSettings) {
  const result = computeConsensus(row.ratings, rule, { adjudicated: row.adjudicated ?? null });
  expect(result.status).toBe(row.status);
  expect(result.leadingRating).toBe(row.leadingRating);
  expect(result.tie).toEqual(row.tie ?? []);
  if (row.agreement === null) expect(result.agreement).toBeNull();
  else expect(result.agreement).toBeCloseTo(row.agreement, 12);
  expect(result.finalRating).toBe(row.finalRating);
  expect(result.reviewerCount).toBe(row.ratings.length);
  expect(result.counts).toEqual(countRatings(row.ratings));
  expect(result.median).toBe(ordinalMedian(row.ratings));
  expect(result.spread).toEqual(ordinalRange(row.ratings));
  expect(result.rule).toBe(rule.consensusRule);
}

describe('computeConsensus, plurality rule', () => {
  it.each(plurality)('$name → $status', (row) => check(row, settings(row.settings)));
});

describe('computeConsensus, ordinal rule', () => {
  it.each(ordinalRows)('$name → $status', (row) => check(row, ordinal(row.settings)));

  it('the probe: "Faux" and "Plutôt faux" are disputed by plurality, a consensus leaning false by the ordinal rule', () => {
    expect(computeConsensus(['false', 'mostly-false'])).toMatchObject({ status: 'disputed', leadingRating: null, tie: ['false', 'mostly-false'], finalRating: null });
    expect(computeConsensus(['false', 'mostly-false'], ordinal())).toMatchObject({
      status: 'consensus',
      median: 'mostly-false',
      spread: { min: 'false', max: 'mostly-false', steps: 1 },
      finalRating: 'mostly-false',
      rule: 'ordinal',
    });
  });
});

describe('independentAgreement', () => {
  it('under blind review, the leading share of the first ratings, from two verdicts on', () => {
    // Rita said false, Rémi true; after seeing Rita's verdict Rémi corrected his to false.
    const now: Rating[] = ['false', 'false'];
    const first: Rating[] = ['false', 'true'];
    const result = computeConsensus(now, settings(), { initialRatings: first });
    expect(result).toMatchObject({ status: 'consensus', agreement: 1, independentAgreement: 0.5, finalRating: 'false' });
    expect(computeConsensus(['false'], settings(), { initialRatings: ['false'] }).independentAgreement).toBeNull();
    expect(computeConsensus(['false', 'false', 'true'], settings(), { initialRatings: ['false', 'true', 'true'] }).independentAgreement).toBeCloseTo(2 / 3, 12);
  });

  it('null without blind review: nobody’s first rating was given unseen', () => {
    expect(computeConsensus(['false', 'false'], settings({ blindReview: false }), { initialRatings: ['false', 'true'] }).independentAgreement).toBeNull();
  });

  it('never changes the status, which follows the current verdicts', () => {
    const now: Rating[] = ['true', 'true'];
    const a = computeConsensus(now, settings(), { initialRatings: ['false', 'true'] });
    const b = computeConsensus(now, settings(), { initialRatings: ['true', 'true'] });
    expect({ ...a, independentAgreement: null }).toEqual({ ...b, independentAgreement: null });
  });
});

describe('summaryRating', () => {
  it('the published rating, else the leading one, else none', () => {
    expect(summaryRating(computeConsensus(['false', 'mostly-false'], ordinal()))).toBe('mostly-false');
    expect(summaryRating(computeConsensus(['false', 'mostly-false']))).toBeNull();
    expect(summaryRating(computeConsensus(['true']))).toBe('true');
    expect(summaryRating(computeConsensus(['true', 'true'], settings(), { adjudicated: 'mixed' }))).toBe('mixed');
  });
});

describe('computeConsensus, general', () => {
  it('uses the default settings and no adjudication when omitted', () => {
    expect(computeConsensus(['true']).status).toBe('needs-review');
    expect(computeConsensus(['true', 'true', 'mostly-true']).status).toBe('consensus');
    expect(computeConsensus(['true', 'true']).independentAgreement).toBeNull();
  });

  it('keeps finalRating null unless the status is consensus or adjudicated', () => {
    for (const row of [...plurality, ...ordinalRows]) {
      const result = computeConsensus(row.ratings, settings(row.settings), { adjudicated: row.adjudicated ?? null });
      if (result.status !== 'consensus' && result.status !== 'adjudicated') expect(result.finalRating).toBeNull();
    }
  });
});

// Properties over random verdicts, every rule and setting.
const ratingsArb = fc.array(fc.constantFrom(...RATINGS), { maxLength: 12 });
const settingsArb = fc.record({
  blindReview: fc.boolean(),
  consensusRule: fc.constantFrom(...CONSENSUS_RULES),
  minReviewers: fc.integer({ min: 1, max: 6 }),
  agreementThreshold: fc.double({ min: 0.01, max: 1, noNaN: true }),
  maxSpread: fc.integer({ min: 0, max: SCALE_STEPS }),
});
/** The scale read the other way round: false ↔ true, mostly-false ↔ mostly-true. */
const mirror = (r: Rating): Rating => (r === 'unverifiable' ? r : (ORDINAL_RATINGS[ORDINAL_RATINGS.length - 1 - ORDINAL_RATINGS.indexOf(r)] ?? r));

describe('properties', () => {
  it('does not depend on the order of the verdicts', () => {
    fc.assert(
      fc.property(ratingsArb, settingsArb, fc.integer(), (ratings, s, seed) => {
        const shuffled = [...ratings].sort((a, b) => ((a.charCodeAt(0) * seed) % 7) - ((b.charCodeAt(0) * seed) % 7));
        expect(computeConsensus(shuffled, s, { initialRatings: shuffled })).toEqual(computeConsensus(ratings, s, { initialRatings: ratings }));
        expect(computeConsensus([...ratings].reverse(), s)).toEqual(computeConsensus(ratings, s));
      }),
    );
  });

  it('figures that always hold together', () => {
    fc.assert(
      fc.property(ratingsArb, settingsArb, (ratings, s) => {
        const c = computeConsensus(ratings, s, { initialRatings: ratings });
        const n = ratings.length;
        expect(c.reviewerCount).toBe(n);
        expect(Object.values(c.counts).reduce((a, b) => a + b, 0)).toBe(n);
        // Agreement only from two reviewers on, within (0, 1].
        if (n < 2) expect(c.agreement).toBeNull();
        else expect(c.agreement! > 0 && c.agreement! <= 1).toBe(true);
        expect(c.independentAgreement).toBe(s.blindReview ? c.agreement : null);
        // A tie names two ratings or more, and then there is no leader.
        expect(c.tie.length).not.toBe(1);
        expect(c.leadingRating === null).toBe(n === 0 || c.tie.length > 1);
        for (const r of c.tie) expect(c.counts[r]).toBe(Math.max(...Object.values(c.counts)));
        // Median within the spread; both absent exactly when there is no ordinal verdict.
        const ordinalCount = ratings.filter((r) => r !== 'unverifiable').length;
        expect(c.median === null).toBe(ordinalCount === 0);
        expect(c.spread === null).toBe(ordinalCount === 0);
        if (c.median && c.spread) {
          const at = (r: Rating) => ORDINAL_RATINGS.indexOf(r as OrdinalRating);
          expect(at(c.median)).toBeGreaterThanOrEqual(at(c.spread.min));
          expect(at(c.median)).toBeLessThanOrEqual(at(c.spread.max));
          expect(c.spread.steps).toBe(at(c.spread.max) - at(c.spread.min));
        }
        // The status and what is published.
        if (n === 0) expect(c.status).toBe('unreviewed');
        else if (n < s.minReviewers) expect(c.status).toBe('needs-review');
        else expect(['consensus', 'disputed']).toContain(c.status);
        expect(c.finalRating !== null).toBe(c.status === 'consensus');
        expect(c.rule).toBe(s.consensusRule);
      }),
    );
  });

  it('a consensus is what its rule says', () => {
    fc.assert(
      fc.property(ratingsArb, settingsArb, (ratings, s) => {
        const c = computeConsensus(ratings, s);
        if (c.status !== 'consensus') return;
        if (s.consensusRule === 'plurality') {
          expect(c.finalRating).toBe(c.leadingRating);
          expect(c.counts[c.leadingRating!] / c.reviewerCount).toBeGreaterThanOrEqual(s.agreementThreshold - 1e-9);
          expect(c.spread?.steps ?? 0).toBeLessThanOrEqual(s.maxSpread);
        } else if (c.finalRating === 'unverifiable') {
          expect(c.counts.unverifiable).toBe(c.reviewerCount);
        } else {
          expect(c.counts.unverifiable).toBe(0);
          expect(c.spread!.steps).toBeLessThanOrEqual(1);
          expect(c.finalRating).toBe(c.median);
        }
      }),
    );
  });

  it('the ordinal rule agrees whenever every verdict is within one step, enough of them given', () => {
    const adjacentArb = fc
      .tuple(fc.integer({ min: 0, max: SCALE_STEPS - 1 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 10 }))
      .map(([low, picks]) => picks.map((up) => ORDINAL_RATINGS[low + (up ? 1 : 0)] as Rating));
    fc.assert(
      fc.property(adjacentArb, (ratings) => {
        expect(computeConsensus(ratings, ordinal({ minReviewers: 1 })).status).toBe('consensus');
      }),
    );
  });

  it('unanimity is a consensus under either rule', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RATINGS), fc.integer({ min: 1, max: 10 }), settingsArb, (rating, n, s) => {
        const c = computeConsensus(Array<Rating>(n).fill(rating), { ...s, minReviewers: Math.min(s.minReviewers, n) });
        expect(c).toMatchObject({ status: 'consensus', finalRating: rating, leadingRating: rating, tie: [] });
      }),
    );
  });

  it('reading the scale the other way round mirrors everything (no lean towards false or true)', () => {
    fc.assert(
      fc.property(ratingsArb, settingsArb, (ratings, s) => {
        const c = computeConsensus(ratings, s);
        const m = computeConsensus(ratings.map(mirror), s);
        expect(m.status).toBe(c.status);
        expect(m.finalRating).toBe(c.finalRating && mirror(c.finalRating));
        expect(m.median).toBe(c.median && mirror(c.median));
        expect(m.agreement).toBe(c.agreement);
        expect([...m.tie].sort()).toEqual(c.tie.map(mirror).sort());
      }),
    );
  });
});
