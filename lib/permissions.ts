// Who may do what, as pure functions of the viewer and the thing they act on.
// Every read path computes a claim's `can` flags with these, and every write
// path checks the same functions, so what the interface offers is what the
// server allows.
// The roles live here rather than beside the schemas (lib/validation.ts): the interface's
// own modules read them, and the schemas would bring Zod to the browser with them.
export const ROLES = ['admin', 'editor', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface Viewer {
  id: string;
  role: Role;
}

const RANK: Record<Role, number> = { reviewer: 1, editor: 2, admin: 3 };

/** True when the viewer's role is at least `role` (admin > editor > reviewer). */
export function hasRole(viewer: Viewer, role: Role): boolean {
  return RANK[viewer.role] >= RANK[role];
}

/** Editors and admins correct an article's metadata and change its review settings; reviewers do not. */
export function canEditArticle(viewer: Viewer): boolean {
  return hasRole(viewer, 'editor');
}

/** What the permission rules need to know about a claim. */
export interface ClaimFacts {
  createdById: string;
  /** Everyone who has a verdict on the claim, whether or not the viewer may see those verdicts. */
  reviewerIds: readonly string[];
}

/** The claim's author writes its note; editors and admins may correct anyone's. */
export function canEditClaimNote(viewer: Viewer, claim: Pick<ClaimFacts, 'createdById'>): boolean {
  return claim.createdById === viewer.id || hasRole(viewer, 'editor');
}

/**
 * Why a viewer may or may not delete a claim. Authors may take back their own
 * claim only while nobody else has reviewed it: once another reviewer has
 * given a verdict, deleting the claim would delete their work too, so it
 * takes an editor.
 */
export type ClaimDeletion = 'allowed' | 'not-yours' | 'others-have-verdicts';

export function claimDeletion(viewer: Viewer, claim: ClaimFacts): ClaimDeletion {
  if (hasRole(viewer, 'editor')) return 'allowed';
  if (claim.createdById !== viewer.id) return 'not-yours';
  return claim.reviewerIds.some((id) => id !== viewer.id) ? 'others-have-verdicts' : 'allowed';
}

export function canDeleteClaim(viewer: Viewer, claim: ClaimFacts): boolean {
  return claimDeletion(viewer, claim) === 'allowed';
}

/** Editors and admins settle a claim with a final rating, revise and withdraw it; reviewers do not. */
export function canAdjudicate(viewer: Viewer): boolean {
  return hasRole(viewer, 'editor');
}

/** What the comment rules need to know about a comment. */
export interface CommentFacts {
  authorId: string;
}

/** Only its author rewrites a comment: an editor's correction would put words in someone's mouth. */
export function canEditComment(viewer: Viewer, comment: CommentFacts): boolean {
  return comment.authorId === viewer.id;
}

/** Authors delete their own comments; editors and admins delete any (moderation). */
export function canDeleteComment(viewer: Viewer, comment: CommentFacts): boolean {
  return comment.authorId === viewer.id || hasRole(viewer, 'editor');
}

/**
 * Why a viewer may or may not change an account's role or deactivate it.
 * Admins only, and never their own account: an admin cannot lock themselves
 * out or leave the desk without an admin by mistake; another admin can.
 */
export type UserChange = 'allowed' | 'not-admin' | 'own-account';

export function userChange(viewer: Viewer, targetId: string): UserChange {
  if (!hasRole(viewer, 'admin')) return 'not-admin';
  return targetId === viewer.id ? 'own-account' : 'allowed';
}
