// Which claims an export keeps. Applied to the claim AS THE VIEWER SEES IT
// (lib/services/claim-views.ts toExportClaim, blind review applied), never to
// the stored rows: under blind review a reviewer filtering by another
// reviewer, a rating or a status learns nothing the claim panel would not
// show her — a hidden verdict matches no filter, a masked consensus reads
// `needs-review` with no rating.
import type { ConsensusStatus } from '../consensus';
import type { Rating } from '../ratings';
import type { ExportClaim } from './format';

const STATUS_SET: Record<ConsensusStatus, true> = { unreviewed: true, 'needs-review': true, consensus: true, disputed: true, adjudicated: true };
/** Every consensus status, for the `status` filter. */
export const CONSENSUS_STATUSES = Object.keys(STATUS_SET) as ConsensusStatus[];

export const EXPORT_SCOPES = ['reviewed', 'all'] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];

export interface ExportFilters {
  /**
   * `reviewed` (the default): the claims with a final rating — consensus
   * reached or adjudicated — the ones a newsroom can publish. `all`: every claim.
   */
  scope: ExportScope;
  /** Keep the claims whose status is one of these. */
  status?: readonly ConsensusStatus[];
  /** Keep the claims whose final rating, or else leading rating, is one of these. */
  rating?: readonly Rating[];
  /** Keep the claims this reviewer gave a verdict on (a verdict the viewer may see). */
  reviewer?: string;
  /**
   * Days (YYYY-MM-DD, UTC, both included) on the claim's last activity as
   * the viewer sees it (lastActivityAt: the claim's own last change or the
   * latest verdict she may see). Activity rather than creation, so that a
   * scheduled job exporting "since yesterday" gets the claims reviewed
   * since, not only those marked since.
   */
  from?: string;
  to?: string;
}

/** What the filters read of a claim as exported (ExportClaim) or of an archive's claim (lib/services/archive-filter.ts). */
export interface FilteredClaim {
  consensus: Pick<ExportClaim['consensus'], 'status' | 'finalRating' | 'leadingRating'>;
  verdicts: readonly { reviewer: { id: string } }[];
  lastActivityAt: string;
}

const FINAL: ReadonlySet<ConsensusStatus> = new Set(['consensus', 'adjudicated']);

/** The rating a claim is filed under: the final one, else the leading one, else none. */
export function filedRating(claim: Pick<FilteredClaim, 'consensus'>): Rating | null {
  return claim.consensus.finalRating ?? claim.consensus.leadingRating;
}

export function keepClaim(claim: FilteredClaim, filters: ExportFilters): boolean {
  if (filters.scope === 'reviewed' && !FINAL.has(claim.consensus.status)) return false;
  if (filters.status && !filters.status.includes(claim.consensus.status)) return false;
  if (filters.rating) {
    const rating = filedRating(claim);
    if (rating === null || !filters.rating.includes(rating)) return false;
  }
  if (filters.reviewer !== undefined && !claim.verdicts.some((v) => v.reviewer.id === filters.reviewer)) return false;
  if (filters.from === undefined && filters.to === undefined) return true;
  const day = claim.lastActivityAt.slice(0, 10);
  if (filters.from !== undefined && day < filters.from) return false;
  if (filters.to !== undefined && day > filters.to) return false;
  return true;
}
