// Who may see which agreement figures, as pure functions: the service that
// loads verdicts for the figures (lib/services/agreement.ts) applies these and
// nothing else.
//
// The rule. Under blind review a reviewer must not learn the others' ratings
// of a claim they have not judged. Aggregate figures over many claims look
// harmless, but they can be inverted: an article with one claim rated by two
// colleagues has a percent agreement of 0 or 1; a figure read before and after
// a colleague's verdict says how that verdict went; a reviewer filter or a
// one-day window narrows any figure down to a single claim. No threshold on
// the number of claims survives differencing. So the figures a reviewer gets
// are computed only over the claims they may already see in full: those
// revealed to them (lib/blind-review canSeeVerdicts: they gave a verdict), and
// every claim of an article without blind review. Nothing can be inverted to
// a claim the viewer has not judged, because no such claim is counted.
// Editors and admins see every verdict anyway, so their figures count every
// claim.
//
// Per-reviewer figures (Cohen's kappa per pair, Dawid–Skene accuracy, the
// coverage matrix) are about people: editors and admins see them all, with
// names; a reviewer sees only their own, and the other side of their Cohen
// pairs is not named ("another reviewer"). That is not secrecy (the claims
// counted are revealed to them, names included): the dashboard is not where
// reviewers rank one another.
import { canSeeVerdicts } from '../blind-review';
import type { PairKappa } from './cohen';
import type { ReviewerReliability } from './dawid-skene';
import { hasRole, type Viewer } from '../permissions';

/**
 * The rating the figures use for a verdict. Under blind review, the
 * reviewer's first, independent one (ClaimReveal.initialRating): a verdict
 * changed after seeing the others' would count agreement that reading
 * produced. Without a reveal row (none is expected: the first verdict writes
 * one), the verdict's own rating. Without blind review nobody judged alone,
 * and the current rating is the reviewer's considered one.
 */
export function ratingForAgreement(blindReview: boolean, verdict: { rating: string }, initialRating: string | null): string {
  return blindReview && initialRating !== null ? initialRating : verdict.rating;
}

/** True when a claim counts in the figures the viewer gets: exactly when they may see its verdicts. */
export function claimCountsFor(viewer: Viewer, blindReview: boolean, revealedTo: readonly string[]): boolean {
  return canSeeVerdicts({ blindReview }, viewer, revealedTo);
}

/** True when the viewer sees per-reviewer figures about this reviewer (and their name). */
export function seesReviewer(viewer: Viewer, reviewerId: string): boolean {
  return hasRole(viewer, 'editor') || reviewerId === viewer.id;
}

/** True when the viewer sees everyone's per-reviewer figures. */
export function seesEveryReviewer(viewer: Viewer): boolean {
  return hasRole(viewer, 'editor');
}

/**
 * May the viewer narrow the figures to one reviewer's claims? Editors: anyone.
 * Reviewers: themselves only, since the figures of another's claims are that
 * reviewer's figures.
 */
export function mayFilterByReviewer(viewer: Viewer, reviewerId: string): boolean {
  return seesReviewer(viewer, reviewerId);
}

/** A Cohen pair as the viewer may see it: `b` null is "another reviewer", not named. */
export interface PairView {
  a: string;
  b: string | null;
  kappa: number | null;
  n: number;
}

/** Every pair for editors; a reviewer's own pairs, themselves as `a` and the other not named. */
export function pairsFor(viewer: Viewer, pairs: readonly PairKappa[]): PairView[] {
  if (seesEveryReviewer(viewer)) return pairs.map((p) => ({ ...p }));
  return pairs.filter((p) => p.a === viewer.id || p.b === viewer.id).map((p) => ({ a: viewer.id, b: null, kappa: p.kappa, n: p.n }));
}

/** Dawid–Skene's per-reviewer rows the viewer may see. */
export function reliabilityFor(viewer: Viewer, reviewers: readonly ReviewerReliability[]): ReviewerReliability[] {
  return reviewers.filter((r) => seesReviewer(viewer, r.reviewer));
}
