// Who is told what about a claim. People hear about what needs them: being
// mentioned, new comments and verdicts on claims they created or reviewed,
// and their own claim becoming disputed or adjudicated. Blind review holds
// here too: a new verdict, a comment or a dispute is the others' judgement,
// so it reaches only those to whom the claim is revealed (lib/blind-review);
// an adjudication is published and reaches its author whatever. Nobody is
// told about their own doing.
import { canSeeVerdicts } from './blind-review';
import type { ReviewSettings } from './consensus';
import type { Viewer } from './permissions';

export const NOTIFICATION_TYPES = ['mention', 'comment', 'verdict', 'disputed', 'adjudicated'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** What happened on the claim. */
export type ClaimHappening =
  | { type: 'verdict'; actorId: string }
  | { type: 'comment'; actorId: string; mentionedIds: readonly string[] }
  /** People newly mentioned in an edited comment. */
  | { type: 'mention'; actorId: string; mentionedIds: readonly string[] }
  | { type: 'disputed'; actorId: string }
  | { type: 'adjudicated'; actorId: string };

export interface ClaimAudience {
  createdById: string;
  /** Everyone with a verdict on the claim now. */
  reviewerIds: readonly string[];
  /** Everyone to whom the claim was revealed (lib/blind-review). */
  revealedTo: readonly string[];
  settings: Pick<ReviewSettings, 'blindReview'>;
}

/**
 * The notifications a happening gives, one per person at most (a mention
 * says more than "a new comment", so it wins). `people` gives the role of
 * everyone concerned; someone missing from it (a deactivated account) is not told.
 */
export function notificationsFor(
  happening: ClaimHappening,
  claim: ClaimAudience,
  people: ReadonlyMap<string, Viewer>,
): { userId: string; type: NotificationType }[] {
  const out = new Map<string, NotificationType>();
  const tell = (userId: string, type: NotificationType, needsReveal: boolean) => {
    const viewer = people.get(userId);
    if (!viewer || userId === happening.actorId || out.has(userId)) return;
    if (needsReveal && !canSeeVerdicts(claim.settings, viewer, claim.revealedTo)) return;
    out.set(userId, type);
  };
  const involved = [claim.createdById, ...claim.reviewerIds];
  switch (happening.type) {
    case 'verdict':
      for (const id of involved) tell(id, 'verdict', true);
      break;
    case 'comment':
      // The thread follows the blind-review rule, so a mention does too: the person could not open it.
      for (const id of happening.mentionedIds) tell(id, 'mention', true);
      for (const id of involved) tell(id, 'comment', true);
      break;
    case 'mention':
      for (const id of happening.mentionedIds) tell(id, 'mention', true);
      break;
    case 'disputed':
      tell(claim.createdById, 'disputed', true);
      break;
    case 'adjudicated':
      tell(claim.createdById, 'adjudicated', false);
      break;
  }
  return [...out].map(([userId, type]) => ({ userId, type }));
}

/** The people concerned by a happening, whose roles `notificationsFor` needs. */
export function concernedIds(happening: ClaimHappening, claim: ClaimAudience): string[] {
  const mentioned = happening.type === 'comment' || happening.type === 'mention' ? happening.mentionedIds : [];
  return [...new Set([claim.createdById, ...claim.reviewerIds, ...mentioned])];
}
