// Blind review: what a viewer may see of a claim's verdicts. Until reviewers
// have given their own verdict they see neither the others' verdicts nor the
// tallies, so that they judge the claim on its own; editors and admins always
// see everything. Every read path (claim panel, lists, exports) goes through
// these functions.
import type { Consensus, ReviewSettings } from './consensus';
import { hasRole, type Viewer } from './permissions';

/** True when the viewer may see every verdict on a claim reviewed by `reviewerIds`. */
export function canSeeVerdicts(settings: Pick<ReviewSettings, 'blindReview'>, viewer: Viewer | null, reviewerIds: readonly string[]): boolean {
  if (!settings.blindReview) return true;
  if (!viewer) return false;
  return hasRole(viewer, 'editor') || reviewerIds.includes(viewer.id);
}

/** The verdicts the viewer may see: all of them, or only their own while the others are hidden. */
export function visibleVerdicts<V extends { reviewerId: string }>(verdicts: readonly V[], visible: boolean, viewer: Viewer | null): V[] {
  return verdicts.filter((v) => visible || v.reviewerId === viewer?.id);
}

/**
 * The consensus a viewer who may not see the verdicts gets: status and number
 * of reviewers stay (they say whether more reviews are needed), the tallies
 * and the leading rating go. An adjudicated rating is published, so it stays.
 */
export function maskConsensus(consensus: Consensus): Consensus {
  const counts = Object.fromEntries(Object.keys(consensus.counts).map((k) => [k, 0])) as Consensus['counts'];
  return {
    ...consensus,
    leadingRating: null,
    agreement: null,
    counts,
    finalRating: consensus.status === 'adjudicated' ? consensus.finalRating : null,
  };
}
