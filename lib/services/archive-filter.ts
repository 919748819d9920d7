// The export filters (lib/export/filters.ts) applied to the archive's claims:
// the same rules as for the other formats, read from the archive's shape. The
// archive's consensus and verdicts are already what the viewer may see
// (archive-export.ts), so a filter learns nothing the claim panel would not show.
import type { ArchiveClaim } from '../export/archive-schema';
import { keepClaim, type ExportFilters, type FilteredClaim } from '../export/filters';

/** The claim as the filters read it: its last activity is its own last change or its latest verdict shown. */
export function archiveFilterView(claim: ArchiveClaim): FilteredClaim {
  const lastActivityAt = claim.verdicts.reduce((latest, v) => (v.updatedAt > latest ? v.updatedAt : latest), claim.updatedAt);
  return { consensus: claim.consensus, verdicts: claim.verdicts.map((v) => ({ reviewer: { id: v.reviewerId } })), lastActivityAt };
}

/** Deleted claims leave exports as they leave lists (their deletion stays in the history); the others as the filters say. */
export const keepArchiveClaim = (filters: ExportFilters) => (claim: ArchiveClaim) => claim.deletedAt === null && keepClaim(archiveFilterView(claim), filters);
