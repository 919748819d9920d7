// lib/blind-review.ts: what a viewer may see of a claim's verdicts.
import { describe, expect, it } from 'vitest';
import { canSeeVerdicts, maskConsensus, visibleVerdicts } from '../../lib/blind-review';
import { computeConsensus } from '../../lib/consensus';
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

describe('maskConsensus', () => {
  it('hides tallies, leader and agreement; keeps status and reviewer count', () => {
    const masked = maskConsensus(computeConsensus(['false', 'false']));
    expect(masked).toMatchObject({ status: 'consensus', reviewerCount: 2, leadingRating: null, agreement: null, finalRating: null });
    expect(Object.values(masked.counts).every((n) => n === 0)).toBe(true);
    expect(Object.keys(masked.counts)).toHaveLength(6);
  });

  it('keeps an adjudicated rating, which is published', () => {
    const masked = maskConsensus(computeConsensus(['false', 'true'], undefined, 'mixed'));
    expect(masked).toMatchObject({ status: 'adjudicated', finalRating: 'mixed', leadingRating: null });
  });
});
