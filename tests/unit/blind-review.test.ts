// lib/blind-review.ts: what a viewer may see of a claim's verdicts.
import { describe, expect, it } from 'vitest';
import { canSeeVerdicts, knownReviewerIds, maskConsensus, verdictReveal, visibleReveals, visibleVerdicts } from '../../lib/blind-review';
import { DEFAULT_REVIEW_SETTINGS, computeConsensus } from '../../lib/consensus';
import type { Viewer } from '../../lib/permissions';

const rita: Viewer = { id: 'rita', role: 'reviewer' };
const remi: Viewer = { id: 'remi', role: 'reviewer' };
const editor: Viewer = { id: 'ed', role: 'editor' };
const admin: Viewer = { id: 'adm', role: 'admin' };
const blind = { blindReview: true };
const open = { blindReview: false };

describe('canSeeVerdicts', () => {
  it('everyone signed in sees everything when blind review is off', () => {
    for (const viewer of [rita, remi, editor]) expect(canSeeVerdicts(open, viewer, ['rita'])).toBe(true);
  });

  it('with blind review, a reviewer sees the verdicts only after giving their own', () => {
    expect(canSeeVerdicts(blind, remi, ['rita'])).toBe(false);
    expect(canSeeVerdicts(blind, remi, [])).toBe(false);
    expect(canSeeVerdicts(blind, rita, ['rita'])).toBe(true);
    expect(canSeeVerdicts(blind, remi, ['rita', 'remi'])).toBe(true);
  });

  it('a reviewer to whom the claim was revealed keeps seeing it (a withdrawn verdict leaves the reveal)', () => {
    // remi gave a verdict, then withdrew it: he is no reviewer of the claim any more, but it was revealed to him.
    expect(canSeeVerdicts(blind, remi, ['rita', 'remi'])).toBe(true);
  });

  it('editors and admins always see them; nobody signed out does', () => {
    expect(canSeeVerdicts(blind, editor, ['rita'])).toBe(true);
    expect(canSeeVerdicts(blind, admin, [])).toBe(true);
    expect(canSeeVerdicts(blind, null, ['rita'])).toBe(false);
  });
});

describe('visibleVerdicts', () => {
  const verdicts = [{ reviewerId: 'rita' }, { reviewerId: 'remi' }];

  it('all of them when visible, else only the viewer’s own', () => {
    expect(visibleVerdicts(verdicts, true, remi)).toEqual(verdicts);
    expect(visibleVerdicts(verdicts, false, remi)).toEqual([{ reviewerId: 'remi' }]);
    expect(visibleVerdicts(verdicts, false, editor)).toEqual([]);
    expect(visibleVerdicts(verdicts, false, null)).toEqual([]);
  });
});

describe('visibleReveals', () => {
  const reveals = [{ userId: 'rita', initialRating: 'false' }, { userId: 'remi', initialRating: 'true' }];

  it('by the same rule: all of them when visible, else only the viewer’s own', () => {
    expect(visibleReveals(reveals, true, remi)).toEqual(reveals);
    expect(visibleReveals(reveals, false, remi)).toEqual([{ userId: 'remi', initialRating: 'true' }]);
    expect(visibleReveals(reveals, false, editor)).toEqual([]);
    expect(visibleReveals(reveals, false, null)).toEqual([]);
  });
});

describe('maskConsensus', () => {
  const zero = { false: 0, 'mostly-false': 0, mixed: 0, 'mostly-true': 0, true: 0, unverifiable: 0 };

  it('hides everything the others decided: tallies, leader, agreement, reviewer count, and the status reads needs-review', () => {
    for (const ratings of [['false', 'false'], ['false', 'true'], ['mixed'], []] as const) {
      expect(maskConsensus(computeConsensus(ratings, undefined, { initialRatings: ratings }))).toEqual({
        status: 'needs-review',
        leadingRating: null,
        tie: [],
        agreement: null,
        independentAgreement: null,
        counts: zero,
        reviewerCount: 0,
        median: null,
        spread: null,
        rule: 'plurality',
        finalRating: null,
      });
    }
  });

  it('a consensus and a dispute look the same once masked', () => {
    expect(maskConsensus(computeConsensus(['false', 'false']))).toEqual(maskConsensus(computeConsensus(['false', 'true'])));
  });

  it('keeps the rule in force, the article’s setting and no one’s judgement', () => {
    const ordinal = { ...DEFAULT_REVIEW_SETTINGS, consensusRule: 'ordinal' as const };
    expect(maskConsensus(computeConsensus(['false', 'mostly-false'], ordinal)).rule).toBe('ordinal');
    expect(maskConsensus(computeConsensus(['false', 'mostly-false'], ordinal))).toEqual(maskConsensus(computeConsensus(['false', 'true'], ordinal)));
  });

  it('keeps an adjudicated rating, which is published', () => {
    expect(maskConsensus(computeConsensus(['false', 'true'], undefined, { adjudicated: 'mixed' }))).toEqual({
      status: 'adjudicated',
      leadingRating: null,
      tie: [],
      agreement: null,
      independentAgreement: null,
      counts: zero,
      reviewerCount: 0,
      median: null,
      spread: null,
      rule: 'plurality',
      finalRating: 'mixed',
    });
  });
});

describe('knownReviewerIds', () => {
  it('everyone when the verdicts are visible, else at most the viewer', () => {
    expect(knownReviewerIds(['rita', 'remi'], true, remi)).toEqual(['rita', 'remi']);
    expect(knownReviewerIds(['rita', 'remi'], false, remi)).toEqual(['remi']);
    expect(knownReviewerIds(['rita'], false, remi)).toEqual([]);
    expect(knownReviewerIds(['rita'], false, null)).toEqual([]);
  });
});

describe('verdictReveal', () => {
  it('the first verdict is the independent one and is not marked', () => {
    expect(verdictReveal(null, 'mostly-false')).toEqual({ initialRating: 'mostly-false', revisedAfterReveal: false });
  });

  it('a later save keeps the first rating and is marked as revised after the reveal', () => {
    expect(verdictReveal({ initialRating: 'mostly-false' }, 'true')).toEqual({ initialRating: 'mostly-false', revisedAfterReveal: true });
    expect(verdictReveal({ initialRating: 'false' }, 'false')).toEqual({ initialRating: 'false', revisedAfterReveal: true });
  });
});
