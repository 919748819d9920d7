import { describe, expect, it } from 'vitest';
import {
  NO_FILTER,
  filterClaims,
  findSamePassage,
  isClaimSort,
  sortClaims,
  stepClaim,
  visibleClaims,
  type ListedClaim,
} from '@/lib/claims/filter-sort';

const claim = (id: string, start: number, end: number, extra: Partial<ListedClaim> = {}): ListedClaim => ({
  id,
  start,
  end,
  status: 'unreviewed',
  myRating: null,
  lastActivityAt: '2025-07-01T10:00:00.000Z',
  ...extra,
});

const claims = [
  claim('c', 50, 60, { status: 'consensus', myRating: 'true', lastActivityAt: '2025-07-03T10:00:00.000Z' }),
  claim('a', 10, 20, { status: 'disputed', myRating: 'false', lastActivityAt: '2025-07-02T10:00:00.000Z' }),
  claim('b', 10, 40, { status: 'needs-review', lastActivityAt: '2025-07-04T10:00:00.000Z' }),
  claim('d', 70, 80),
];

describe('filterClaims', () => {
  it('keeps everything without a filter', () => {
    expect(filterClaims(claims, NO_FILTER).map((c) => c.id)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('keeps the chosen statuses', () => {
    expect(filterClaims(claims, { statuses: ['disputed', 'unreviewed'], needsMyVerdict: false }).map((c) => c.id)).toEqual(['a', 'd']);
  });

  it('keeps the claims the viewer has no verdict on', () => {
    expect(filterClaims(claims, { statuses: [], needsMyVerdict: true }).map((c) => c.id)).toEqual(['b', 'd']);
  });

  it('combines both filters', () => {
    expect(filterClaims(claims, { statuses: ['needs-review', 'consensus'], needsMyVerdict: true }).map((c) => c.id)).toEqual(['b']);
  });
});

describe('sortClaims', () => {
  it('sorts by position, the wider claim first at the same start', () => {
    expect(sortClaims(claims, 'position').map((c) => c.id)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('sorts by status, most urgent first, then by position', () => {
    expect(sortClaims(claims, 'status').map((c) => c.id)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('sorts by latest activity, newest first', () => {
    expect(sortClaims(claims, 'activity').map((c) => c.id)).toEqual(['b', 'c', 'a', 'd']);
  });

  it('does not reorder its input', () => {
    const input = [...claims];
    sortClaims(input, 'position');
    expect(input.map((c) => c.id)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('filters then sorts', () => {
    expect(visibleClaims(claims, { statuses: [], needsMyVerdict: true }, 'position').map((c) => c.id)).toEqual(['b', 'd']);
  });

  it('recognises sort names', () => {
    expect(isClaimSort('status')).toBe(true);
    expect(isClaimSort('size')).toBe(false);
  });
});

describe('stepClaim', () => {
  it('steps from the open claim in reading order', () => {
    expect(stepClaim(claims, { claimId: 'b', caret: null }, 1)).toBe('a');
    expect(stepClaim(claims, { claimId: 'a', caret: null }, 1)).toBe('c');
    expect(stepClaim(claims, { claimId: 'c', caret: null }, -1)).toBe('a');
  });

  it('stops at either end', () => {
    expect(stepClaim(claims, { claimId: 'd', caret: null }, 1)).toBeNull();
    expect(stepClaim(claims, { claimId: 'b', caret: null }, -1)).toBeNull();
  });

  it('steps from the caret when no claim is open', () => {
    expect(stepClaim(claims, { claimId: null, caret: 45 }, 1)).toBe('c');
    expect(stepClaim(claims, { claimId: null, caret: 45 }, -1)).toBe('a');
    // A claim starting right at the caret (at the very start of the text, say) is the next one.
    expect(stepClaim(claims, { claimId: null, caret: 50 }, 1)).toBe('c');
    expect(stepClaim(claims, { claimId: null, caret: 10 }, 1)).toBe('b');
    expect(stepClaim(claims, { claimId: null, caret: 50 }, -1)).toBe('a');
    expect(stepClaim(claims, { claimId: null, caret: 5 }, -1)).toBeNull();
  });

  it('starts at the first or last claim without a caret', () => {
    expect(stepClaim(claims, { claimId: null, caret: null }, 1)).toBe('b');
    expect(stepClaim(claims, { claimId: null, caret: null }, -1)).toBe('d');
  });

  it('steps from the given position when the open claim is filtered out', () => {
    const shown = claims.filter((c) => c.id !== 'c');
    expect(stepClaim(shown, { claimId: 'c', caret: 51 }, 1)).toBe('d');
    expect(stepClaim(shown, { claimId: 'c', caret: 50 }, -1)).toBe('a');
  });

  it('has nowhere to go without claims', () => {
    expect(stepClaim([], { claimId: null, caret: 3 }, 1)).toBeNull();
  });
});

describe('findSamePassage', () => {
  it('finds the claim with exactly this range', () => {
    expect(findSamePassage(claims, { start: 10, end: 20 })?.id).toBe('a');
    expect(findSamePassage(claims, { start: 10, end: 21 })).toBeNull();
  });
});
