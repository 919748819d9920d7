// What the claims list shows and in which order, and where n/p step to.
// Pure functions over the few fields they need, so the list, the keyboard
// shortcuts and their tests agree on one definition.
import type { ConsensusStatus } from '../consensus';
import type { Rating } from '../ratings';

/** The fields of a claim the list filters and sorts on. */
export interface ListedClaim {
  id: string;
  start: number;
  end: number;
  status: ConsensusStatus;
  /** The viewer's own rating; null while the viewer has given no verdict. */
  myRating: Rating | null;
  /** ISO timestamp of the latest change to the claim or its visible verdicts. */
  lastActivityAt: string;
}

export const CLAIM_SORTS = ['position', 'status', 'activity'] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];

export function isClaimSort(value: unknown): value is ClaimSort {
  return typeof value === 'string' && (CLAIM_SORTS as readonly string[]).includes(value);
}

export interface ClaimFilter {
  /** Statuses to show; empty shows every status. */
  statuses: readonly ConsensusStatus[];
  /** Only the claims the viewer has not given a verdict on. */
  needsMyVerdict: boolean;
}

export const NO_FILTER: ClaimFilter = { statuses: [], needsMyVerdict: false };

export function isFiltering(filter: ClaimFilter): boolean {
  return filter.statuses.length > 0 || filter.needsMyVerdict;
}

/**
 * Sorting by status puts first what needs the desk's attention: disputed claims,
 * then those short of reviewers, then untouched ones; settled ones last.
 */
export const STATUS_URGENCY: Record<ConsensusStatus, number> = {
  disputed: 0,
  'needs-review': 1,
  unreviewed: 2,
  consensus: 3,
  adjudicated: 4,
};

/** Reading order: by start; at the same start the wider claim first (it encloses the others). */
export function compareReadingOrder(a: Pick<ListedClaim, 'start' | 'end' | 'id'>, b: Pick<ListedClaim, 'start' | 'end' | 'id'>): number {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function filterClaims<T extends ListedClaim>(claims: readonly T[], filter: ClaimFilter): T[] {
  if (!isFiltering(filter)) return [...claims];
  const statuses = new Set(filter.statuses);
  return claims.filter(
    (c) => (statuses.size === 0 || statuses.has(c.status)) && (!filter.needsMyVerdict || c.myRating === null),
  );
}

export function sortClaims<T extends ListedClaim>(claims: readonly T[], sort: ClaimSort): T[] {
  const list = [...claims];
  switch (sort) {
    case 'position':
      return list.sort(compareReadingOrder);
    case 'status':
      return list.sort((a, b) => STATUS_URGENCY[a.status] - STATUS_URGENCY[b.status] || compareReadingOrder(a, b));
    case 'activity':
      // Latest first; ISO timestamps of one format compare as strings.
      return list.sort((a, b) => (a.lastActivityAt < b.lastActivityAt ? 1 : a.lastActivityAt > b.lastActivityAt ? -1 : compareReadingOrder(a, b)));
  }
}

/** The list as shown: filtered, then sorted. */
export function visibleClaims<T extends ListedClaim>(claims: readonly T[], filter: ClaimFilter, sort: ClaimSort): T[] {
  return sortClaims(filterClaims(claims, filter), sort);
}

/**
 * The claim `n` (direction 1) or `p` (-1) opens, in reading order among `claims`:
 * from `claimId` (the open claim, or the one last opened) when it is among
 * them, else from `caret`: the first claim starting at or after it (a claim
 * starting right at the caret is the next one), or the last starting before it.
 * Null at either end, and when there is nowhere to step from or to.
 */
export function stepClaim(
  claims: readonly Pick<ListedClaim, 'id' | 'start' | 'end'>[],
  from: { claimId: string | null; caret: number | null },
  direction: 1 | -1,
): string | null {
  const ordered = [...claims].sort(compareReadingOrder);
  if (ordered.length === 0) return null;
  const index = from.claimId === null ? -1 : ordered.findIndex((c) => c.id === from.claimId);
  if (index >= 0) return ordered[index + direction]?.id ?? null;
  const caret = from.caret;
  if (caret === null) return direction === 1 ? ordered[0]!.id : ordered[ordered.length - 1]!.id;
  if (direction === 1) return ordered.find((c) => c.start >= caret)?.id ?? null;
  for (let i = ordered.length - 1; i >= 0; i -= 1) if (ordered[i]!.start < caret) return ordered[i]!.id;
  return null;
}

/** The claim covering exactly this passage, if there is one (marking it again opens it). */
export function findSamePassage<T extends Pick<ListedClaim, 'start' | 'end'>>(claims: readonly T[], range: { start: number; end: number }): T | null {
  return claims.find((c) => c.start === range.start && c.end === range.end) ?? null;
}
