// The export filters (lib/export/filters.ts) applied to the archive's claims:
// the same rules as for the other formats, read from the archive's shape. The
// archive's consensus and verdicts are already what the viewer may see
// (archive-export.ts), so a filter learns nothing the claim panel would not show.
import type { ArchiveClaim } from '../export/archive-schema';
import { keepClaim, type ExportFilters, type FilteredClaim } from '../export/filters';
import { latestChange } from './claim-views';

/**
 * The claim as the filters read it: its last activity is its own last change or its latest verdict shown.
 * Its verdicts and last activity are worked out only when a filter reads them: most exports have no
 * reviewer or date filter, and the archive asks for every claim.
 */
export function archiveFilterView(claim: ArchiveClaim): FilteredClaim {
  return {
    consensus: claim.consensus,
    get verdicts() {
      return claim.verdicts.map((v) => ({ reviewer: { id: v.reviewerId } }));
    },
    get lastActivityAt() {
      return latestChange(claim.updatedAt, claim.verdicts);
    },
  };
}

/** Deleted claims leave exports as they leave lists (their deletion stays in the history); the others as the filters say. */
export const keepArchiveClaim = (filters: ExportFilters) => (claim: ArchiveClaim) => claim.deletedAt === null && keepClaim(archiveFilterView(claim), filters);
