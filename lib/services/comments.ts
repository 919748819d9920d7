// A claim's discussion thread. Under blind review the thread is part of the
// others' judgement, so a reviewer reads it, and writes in it, only once the
// claim was revealed to them by their own verdict (lib/blind-review); editors
// and admins always may. Authors edit their own comments; authors, editors and
// admins delete them, softly and on the record.
import { canSeeVerdicts } from '../blind-review';
import { forbidden, notFound } from '../errors';
import type { Comment } from '../generated/prisma/client';
import { findMentions } from '../mentions';
import { canDeleteComment, canEditComment, type Viewer } from '../permissions';
import { commentSchema, parseInput } from '../validation';
import { reviewSettings } from './articles';
import type { Person } from './claim-views';
import { requireActor, requireRole, type ServiceContext, type Tx } from './context';
import { recordEvent } from './events';
import { notifyClaim } from './notifications';

export interface CommentView {
  id: string;
  claimId: string;
  author: Person;
  body: string;
  /** The people the comment @mentions, by name. */
  mentions: Person[];
  createdAt: string;
  editedAt: string | null;
  /** What the viewer may do with it (lib/permissions). */
  can: { edit: boolean; delete: boolean };
}

const BLIND = 'Give your own verdict on this claim first: under blind review, its discussion opens once you have.';

/** The live claim and whether the viewer may read its thread. */
async function threadAccess(db: Tx, claimId: string, viewer: Viewer): Promise<{ articleId: string; open: boolean }> {
  const claim = await db.claim.findFirst({
    where: { id: claimId, deletedAt: null },
    select: { articleId: true, article: true, reveals: { select: { userId: true } }, verdicts: { select: { reviewerId: true } } },
  });
  if (!claim) throw notFound('claim');
  const revealedTo = [...claim.reveals.map((r) => r.userId), ...claim.verdicts.map((v) => v.reviewerId)];
  return { articleId: claim.articleId, open: canSeeVerdicts(reviewSettings(claim.article), viewer, revealedTo) };
}

/** Everyone who can be mentioned: people with a name. */
function mentionable(db: Tx): Promise<Person[]> {
  return db.user.findMany({ where: { name: { not: null } }, select: { id: true, name: true } });
}

function toView(comment: Comment & { author: Person }, people: readonly Person[], viewer: Viewer): CommentView {
  const mentioned = findMentions(comment.body, people);
  return {
    id: comment.id,
    claimId: comment.claimId,
    author: comment.author,
    body: comment.body,
    mentions: mentioned.map((id) => people.find((p) => p.id === id)!),
    createdAt: comment.createdAt.toISOString(),
    editedAt: comment.editedAt?.toISOString() ?? null,
    can: { edit: canEditComment(viewer, comment), delete: canDeleteComment(viewer, comment) },
  };
}

const AUTHOR = { author: { select: { id: true, name: true } } } as const;

/** GET /claims/:id/comments: the live comments, oldest first; 403 while blind review keeps the thread closed to the viewer. */
export async function listComments(ctx: ServiceContext, claimId: string): Promise<CommentView[]> {
  const viewer = requireActor(ctx);
  const { open } = await threadAccess(ctx.db, claimId, viewer);
  if (!open) throw forbidden(BLIND);
  const [comments, people] = await Promise.all([
    ctx.db.comment.findMany({ where: { claimId, deletedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: AUTHOR }),
    mentionable(ctx.db),
  ]);
  return comments.map((c) => toView(c, people, viewer));
}

/**
 * One live comment as the viewer may see it, or null when it was deleted or
 * blind review keeps its thread closed to them (the article's event stream).
 */
export async function loadComment(db: Tx, id: string, viewer: Viewer): Promise<CommentView | null> {
  const comment = await db.comment.findFirst({ where: { id, deletedAt: null, claim: { deletedAt: null } }, include: AUTHOR });
  if (!comment) return null;
  const { open } = await threadAccess(db, comment.claimId, viewer);
  return open ? toView(comment, await mentionable(db), viewer) : null;
}

/** POST /claims/:id/comments: reviewers, editors and admins to whom the thread is open. */
export async function postComment(ctx: ServiceContext, claimId: string, input: unknown): Promise<CommentView> {
  const actor = requireRole(ctx, 'reviewer');
  const { body } = parseInput(commentSchema, input);
  return ctx.db.$transaction(async (tx) => {
    const { articleId, open } = await threadAccess(tx, claimId, actor);
    if (!open) throw forbidden(BLIND);
    const comment = await tx.comment.create({ data: { claimId, authorId: actor.id, body }, include: AUTHOR });
    const view = toView(comment, await mentionable(tx), actor);
    await notifyClaim(tx, claimId, { type: 'comment', actorId: actor.id, mentionedIds: view.mentions.map((p) => p.id) }, comment.id);
    await recordEvent(tx, { articleId, claimId, type: 'comment.created', entityId: comment.id, actorId: actor.id, payload: { claimId, after: withoutCan(view) } });
    return view;
  });
}

/** The comment as stored for the history: nobody's permissions. */
function withoutCan(view: CommentView): Omit<CommentView, 'can'> {
  const { can: _can, ...rest } = view;
  return rest;
}

/**
 * A live comment the viewer may know of. Someone else's comment in a thread
 * blind review keeps closed to the viewer does not exist for them (404, as
 * for a wrong id): a 403 would tell them the claim has a discussion.
 */
async function liveComment(db: Tx, id: string, viewer: Viewer) {
  const comment = await db.comment.findFirst({ where: { id, deletedAt: null, claim: { deletedAt: null } }, include: { ...AUTHOR, claim: { select: { articleId: true } } } });
  if (!comment) throw notFound('comment');
  if (comment.authorId !== viewer.id && !(await threadAccess(db, comment.claimId, viewer)).open) throw notFound('comment');
  return comment;
}

/** PATCH /comments/:id `{body}`: its author only. */
export async function editComment(ctx: ServiceContext, id: string, input: unknown): Promise<CommentView> {
  const actor = requireRole(ctx, 'reviewer');
  const { body } = parseInput(commentSchema, input);
  return ctx.db.$transaction(async (tx) => {
    const comment = await liveComment(tx, id, actor);
    if (!canEditComment(actor, comment)) throw forbidden('Only its author can change a comment.');
    const people = await mentionable(tx);
    const before = toView(comment, people, actor);
    const updated = await tx.comment.update({ where: { id }, data: { body, editedAt: new Date() }, include: AUTHOR });
    const after = toView(updated, people, actor);
    // Only the people the edit newly mentions hear about it.
    const newlyMentioned = after.mentions.map((p) => p.id).filter((id) => !before.mentions.some((p) => p.id === id));
    if (newlyMentioned.length > 0) await notifyClaim(tx, comment.claimId, { type: 'mention', actorId: actor.id, mentionedIds: newlyMentioned }, id);
    await recordEvent(tx, {
      articleId: comment.claim.articleId,
      claimId: comment.claimId,
      type: 'comment.updated',
      entityId: id,
      actorId: actor.id,
      payload: { claimId: comment.claimId, before: withoutCan(before), after: withoutCan(after) },
    });
    return after;
  });
}

/** DELETE /comments/:id: its author, editors and admins; soft, recording who and when. */
export async function deleteComment(ctx: ServiceContext, id: string): Promise<void> {
  const actor = requireRole(ctx, 'reviewer');
  await ctx.db.$transaction(async (tx) => {
    const comment = await liveComment(tx, id, actor);
    if (!canDeleteComment(actor, comment)) throw forbidden('Only its author, editors and admins can delete a comment.');
    const deletedAt = new Date();
    await tx.comment.update({ where: { id }, data: { deletedAt, deletedById: actor.id } });
    await recordEvent(tx, {
      articleId: comment.claim.articleId,
      claimId: comment.claimId,
      type: 'comment.deleted',
      entityId: id,
      actorId: actor.id,
      payload: { claimId: comment.claimId, before: withoutCan(toView(comment, await mentionable(tx), actor)), deletedAt: deletedAt.toISOString() },
    });
  });
}
