// What the consensus dashboard shows beside the agreement figures, from the
// claims as the viewer sees them and the ratings the figures use: the status
// distribution, the claims that need attention first, who judged what
// (coverage), agreement week by week, and the reliability-weighted rating
// beside the plain one. Pure: lib/services/agreement.ts loads and filters.
import type { ConsensusStatus } from '../consensus';
import { isRating, type Rating } from '../ratings';
import type { DawidSkene } from './dawid-skene';
import { krippendorffAlpha } from './krippendorff';
import { ratingsMatrix } from './matrix';
import { percentAgreement } from './percent-agreement';

export const STATUSES = ['unreviewed', 'needs-review', 'consensus', 'disputed', 'adjudicated'] as const satisfies readonly ConsensusStatus[];

/** A claim as the dashboard lists it: its status as the viewer sees it (blind review applied). */
export interface DashboardClaim {
  id: string;
  articleId: string;
  exact: string;
  status: ConsensusStatus;
  /** The plain consensus's leading rating, as the viewer sees it. */
  leadingRating: Rating | null;
  createdAt: string;
  lastActivityAt: string;
}

/** A rating the figures use: the reviewer's first, independent one under blind review; `at` when it was given. */
export interface UsedRating {
  claimId: string;
  reviewerId: string;
  rating: Rating;
  at: Date;
}

export function statusDistribution(claims: readonly DashboardClaim[]): Record<ConsensusStatus, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ConsensusStatus, number>;
  for (const claim of claims) counts[claim.status] += 1;
  return counts;
}

/** The order of attention: disputed claims first (reviewers disagree), then those waiting for verdicts. */
const ATTENTION_RANK: Partial<Record<ConsensusStatus, number>> = { disputed: 0, 'needs-review': 1, unreviewed: 2 };

/** Claims shown in the attention list; the total says how many there are. */
export const ATTENTION_LIMIT = 50;

/**
 * The claims that need attention first: disputed, then needs-review, then
 * unreviewed, the oldest first within each (it has waited longest). Claims
 * with a consensus or an adjudication need nobody.
 */
export function attentionList(claims: readonly DashboardClaim[], limit: number = ATTENTION_LIMIT): { total: number; claims: DashboardClaim[] } {
  const waiting = claims.filter((c) => ATTENTION_RANK[c.status] !== undefined);
  waiting.sort((x, y) => ATTENTION_RANK[x.status]! - ATTENTION_RANK[y.status]! || x.createdAt.localeCompare(y.createdAt) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { total: waiting.length, claims: waiting.slice(0, limit) };
}

/** Rows of the coverage matrix sent at most: newsroom size (an article of 5,000 claims) in full. */
export const COVERAGE_LIMIT = 5_000;

export interface Coverage {
  /** The columns: reviewer ids. */
  reviewers: string[];
  /** Per reviewer (same order), how many of the claims they rated. */
  counts: number[];
  /** Claims listed (with at least one rating or not), in the order given. */
  total: number;
  truncated: boolean;
  /** Per claim, each column's rating, null where that reviewer gave none. */
  claims: { id: string; articleId: string; ratings: (Rating | null)[] }[];
}

/** Who rated which claim: `reviewers` are the columns, `claims` the rows, at most `limit`. */
export function coverageMatrix(claims: readonly DashboardClaim[], ratings: readonly UsedRating[], reviewers: readonly string[], limit: number = COVERAGE_LIMIT): Coverage {
  const column = new Map(reviewers.map((r, i) => [r, i]));
  const byClaim = new Map<string, (Rating | null)[]>();
  const counts = reviewers.map(() => 0);
  for (const r of ratings) {
    const c = column.get(r.reviewerId);
    if (c === undefined) continue;
    let row = byClaim.get(r.claimId);
    if (!row) byClaim.set(r.claimId, (row = reviewers.map(() => null)));
    if (row[c] === null) counts[c]! += 1;
    row[c] = r.rating;
  }
  const rows = claims.slice(0, limit).map((claim) => ({ id: claim.id, articleId: claim.articleId, ratings: byClaim.get(claim.id) ?? reviewers.map(() => null) }));
  return { reviewers: [...reviewers], counts, total: claims.length, truncated: claims.length > limit, claims: rows };
}

/** The Monday (UTC) of the date's week, as YYYY-MM-DD. */
export function weekOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday);
  return day.toISOString().slice(0, 10);
}

export interface WeekAgreement {
  /** The Monday of the week, YYYY-MM-DD (UTC). */
  week: string;
  /** Claims whose first rating was given that week. */
  claims: number;
  /** Their ratings (all of them, whenever given). */
  ratings: number;
  percentAgreement: number | null;
  alpha: { nominal: number | null; ordinal: number | null };
}

/**
 * Agreement week by week. A claim belongs to the week of its first rating (a
 * claim's ratings come over days: splitting them between weeks would count no
 * agreement at all), and brings every rating it has. Weeks without a claim are
 * left out. Oldest first.
 */
export function agreementOverTime(ratings: readonly UsedRating[]): WeekAgreement[] {
  const first = new Map<string, number>();
  for (const r of ratings) {
    const at = r.at.getTime();
    const seen = first.get(r.claimId);
    if (seen === undefined || at < seen) first.set(r.claimId, at);
  }
  const byWeek = new Map<string, UsedRating[]>();
  for (const r of ratings) {
    const week = weekOf(new Date(first.get(r.claimId)!));
    const list = byWeek.get(week);
    if (list) list.push(r);
    else byWeek.set(week, [r]);
  }
  return [...byWeek.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, list]) => {
      const matrix = ratingsMatrix(list);
      return {
        week,
        claims: matrix.units.length,
        ratings: list.length,
        percentAgreement: percentAgreement(matrix),
        alpha: { nominal: krippendorffAlpha(matrix, 'nominal'), ordinal: krippendorffAlpha(matrix, 'ordinal') },
      };
    });
}

/** Claims listed where the weighted rating and the plain one differ. */
export const DIFFERENCES_LIMIT = 20;

export interface WeightedBesidePlain {
  /** Claims with both a weighted and a plain leading rating, the same. */
  same: number;
  /** Claims where they differ. */
  different: number;
  /** Claims where the plain count ties (no leading rating) and the weighted rating decides. */
  plainTie: number;
  /** Some of the claims where they differ (or the plain count ties), oldest first. */
  claims: { claimId: string; articleId: string; exact: string; plain: Rating | null; weighted: Rating; probability: number }[];
}

/**
 * The reliability-weighted rating beside the plain consensus's leading
 * rating, claim by claim: how often they agree, and where they do not. It
 * never replaces the plain consensus: it is shown beside it.
 */
export function weightedBesidePlain(ds: DawidSkene, claims: readonly DashboardClaim[], limit: number = DIFFERENCES_LIMIT): WeightedBesidePlain | null {
  if (ds.insufficientData) return null;
  const weighted = new Map(ds.claims.map((c) => [c.claim, c]));
  const result: WeightedBesidePlain = { same: 0, different: 0, plainTie: 0, claims: [] };
  const ordered = [...claims].sort((x, y) => x.createdAt.localeCompare(y.createdAt));
  for (const claim of ordered) {
    const w = weighted.get(claim.id);
    if (!w || !isRating(w.rating)) continue;
    const rating = w.rating;
    if (claim.leadingRating === rating) {
      result.same += 1;
      continue;
    }
    if (claim.leadingRating === null) result.plainTie += 1;
    else result.different += 1;
    if (result.claims.length < limit) {
      result.claims.push({ claimId: claim.id, articleId: claim.articleId, exact: claim.exact, plain: claim.leadingRating, weighted: rating, probability: w.probability });
    }
  }
  return result;
}
