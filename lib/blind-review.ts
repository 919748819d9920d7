// Blind review: what a viewer may see of the others' judgement of a claim.
// Until reviewers have given their own verdict they see nothing of the others'
// (verdicts, rationales, sources, tallies, the number of reviewers, even the
// status), so that they judge the claim on its own; editors and admins always
// see everything. Once a reviewer has given a verdict the claim stays revealed
// to them, even if they withdraw it: what they have read cannot be unread.
// Every read path (claim panel, lists, exports, article lists) goes through
// these functions.
import type { Consensus, ReviewSettings } from './consensus';
import { hasRole, type Viewer } from './permissions';
import type { Rating } from './ratings';

/**
 * True when the viewer may see the others' judgement of a claim. `revealedTo`
 * lists everyone to whom the claim was revealed: all who have ever given a
 * verdict on it, including those who have withdrawn it since.
 */
export function canSeeVerdicts(settings: Pick<ReviewSettings, 'blindReview'>, viewer: Viewer | null, revealedTo: readonly string[]): boolean {
  if (!settings.blindReview) return true;
  if (!viewer) return false;
  return hasRole(viewer, 'editor') || revealedTo.includes(viewer.id);
}

/** The verdicts the viewer may see: all of them, or only their own while the others are hidden. */
export function visibleVerdicts<V extends { reviewerId: string }>(verdicts: readonly V[], visible: boolean, viewer: Viewer | null): V[] {
  return verdicts.filter((v) => visible || v.reviewerId === viewer?.id);
}

/** The reveals the viewer may see, by the same rule: a reveal is its reviewer's (it holds their first rating). */
export function visibleReveals<R extends { userId: string }>(reveals: readonly R[], visible: boolean, viewer: Viewer | null): R[] {
  return reveals.filter((r) => visible || r.userId === viewer?.id);
}

/**
 * The consensus a viewer who may not see the verdicts gets. Everything that
 * depends on the others' verdicts goes: the tallies, the leading rating or
 * tie, the agreement shares, the median and spread, the number of reviewers,
 * and the status itself ("disputed" or even "unreviewed" would say how the
 * others voted, or that nobody has), so it reads `needs-review` — the one
 * thing that is true for this viewer. An editor's adjudication is published,
 * so an adjudicated claim says so, with its final rating.
 */
export function maskConsensus(consensus: Consensus): Consensus {
  const counts = Object.fromEntries(Object.keys(consensus.counts).map((k) => [k, 0])) as Consensus['counts'];
  const adjudicated = consensus.status === 'adjudicated';
  return {
    status: adjudicated ? 'adjudicated' : 'needs-review',
    leadingRating: null,
    tie: [],
    agreement: null,
    independentAgreement: null,
    counts,
    reviewerCount: 0,
    median: null,
    spread: null,
    // The article's rule is no one's judgement: the article shows it to every reader.
    rule: consensus.rule,
    finalRating: adjudicated ? consensus.finalRating : null,
  };
}

/**
 * Who has reviewed the claim, as far as the viewer may know: everyone when
 * the verdicts are visible, else at most the viewer. Permission flags that
 * depend on the others' verdicts (may the author still delete the claim?) are
 * computed from this, so they do not give the others away either.
 */
export function knownReviewerIds(reviewerIds: readonly string[], visible: boolean, viewer: Viewer | null): string[] {
  return reviewerIds.filter((id) => visible || id === viewer?.id);
}

/**
 * What saving a verdict records about the reveal. The first verdict reveals
 * the claim and is kept as the reviewer's independent rating; any later save
 * (a change, or a new verdict after withdrawing) is made after the reviewer
 * could see the others, and is marked so.
 */
export function verdictReveal(existingReveal: { initialRating: string } | null, rating: Rating): { initialRating: string; revisedAfterReveal: boolean } {
  return existingReveal ? { initialRating: existingReveal.initialRating, revisedAfterReveal: true } : { initialRating: rating, revisedAfterReveal: false };
}
