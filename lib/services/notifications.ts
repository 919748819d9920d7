// In-app notifications: written in the same transaction as the change that
// causes them, for the people lib/notifications.ts says should hear about it.
import { NOTIFICATION_TYPES, concernedIds, notificationsFor, type ClaimAudience, type ClaimHappening, type NotificationType } from '../notifications';
import { insertRows, newId } from '../db/insert-rows';
import { notificationsReadSchema, parseInput } from '../validation';
import { reviewSettings } from './articles';
import type { Person } from './claim-views';
import { requireActor, type ServiceContext, type Tx } from './context';
import { findActiveActors } from './users';

export interface NotificationView {
  id: string;
  type: NotificationType;
  claimId: string;
  /** The claim's passage, cut to QUOTE_CHARS, so a list can say which claim without loading it. */
  claimQuote: string;
  articleId: string;
  actor: Person | null;
  commentId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** The claim as notifications need it: who marked it, who reviewed it, to whom it is revealed. */
export interface NotifiedClaim {
  id: string;
  articleId: string;
  createdById: string;
  verdicts: readonly { reviewerId: string }[];
  reveals: readonly { userId: string }[];
  settings: ClaimAudience['settings'];
}

/** Tells the people concerned about something that happened on a claim, read from the database. */
export async function notifyClaim(tx: Tx, claimId: string, happening: ClaimHappening, commentId: string | null = null): Promise<void> {
  const claim = await tx.claim.findUniqueOrThrow({
    where: { id: claimId },
    select: { id: true, articleId: true, createdById: true, article: true, verdicts: { select: { reviewerId: true } }, reveals: { select: { userId: true } } },
  });
  await notifyAbout(tx, { ...claim, settings: reviewSettings(claim.article) }, happening, commentId);
}

/** Tells the people concerned about something that happened on a claim the caller has just read, as it is now. */
export async function notifyAbout(tx: Tx, claim: NotifiedClaim, happening: ClaimHappening, commentId: string | null = null): Promise<void> {
  const reviewerIds = claim.verdicts.map((v) => v.reviewerId);
  const audience: ClaimAudience = {
    createdById: claim.createdById,
    reviewerIds,
    revealedTo: [...claim.reveals.map((r) => r.userId), ...reviewerIds],
    settings: claim.settings,
  };
  // Active accounts only: a deactivated one is told nothing.
  const people = await findActiveActors(tx, concernedIds(happening, audience));
  const notifications = notificationsFor(happening, audience, people);
  if (notifications.length === 0) return;
  // In one INSERT: Prisma's createMany compiles its query plan anew on every call (lib/db/insert-rows.ts).
  const createdAt = new Date();
  await insertRows(
    tx,
    'Notification',
    notifications.map((n) => ({
      id: newId(),
      userId: n.userId,
      type: n.type,
      claimId: claim.id,
      articleId: claim.articleId,
      actorId: happening.actorId,
      commentId,
      createdAt,
      readAt: null,
    })),
  );
}

function notificationType(value: string): NotificationType {
  if ((NOTIFICATION_TYPES as readonly string[]).includes(value)) return value as NotificationType;
  throw new Error(`Unexpected notification type in the database: ${JSON.stringify(value)}.`);
}

const PAGE = 100;

/** GET /notifications: the newest 100 of yours on live claims, and how many are unread. */
const QUOTE_CHARS = 80;

/** The unread count alone, as the header shows it on every page (the same live-claims rule as the list). */
export async function unreadNotificationCount(db: Tx, userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null, claim: { deletedAt: null } } });
}

export async function listNotifications(ctx: ServiceContext): Promise<{ notifications: NotificationView[]; unreadCount: number }> {
  const viewer = requireActor(ctx);
  const where = { userId: viewer.id, claim: { deletedAt: null } };
  const [rows, unreadCount] = await Promise.all([
    ctx.db.notification.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: PAGE,
      include: { actor: { select: { id: true, name: true } }, claim: { select: { exact: true } } },
    }),
    unreadNotificationCount(ctx.db, viewer.id),
  ]);
  return {
    notifications: rows.map((n) => ({
      id: n.id,
      type: notificationType(n.type),
      claimId: n.claimId,
      claimQuote: n.claim.exact.length > QUOTE_CHARS ? `${n.claim.exact.slice(0, QUOTE_CHARS - 1)}…` : n.claim.exact,
      articleId: n.articleId,
      actor: n.actor,
      commentId: n.commentId,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    })),
    unreadCount,
  };
}

/** POST /notifications/read `{ids}` or `{all: true}`: marks your own notifications as read; others' ids are ignored. */
export async function markNotificationsRead(ctx: ServiceContext, input: unknown): Promise<{ unreadCount: number }> {
  const viewer = requireActor(ctx);
  const data = parseInput(notificationsReadSchema, input);
  await ctx.db.notification.updateMany({
    where: { userId: viewer.id, readAt: null, ...(data.ids ? { id: { in: data.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { unreadCount: await ctx.db.notification.count({ where: { userId: viewer.id, readAt: null, claim: { deletedAt: null } } }) };
}
