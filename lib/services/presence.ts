// Presence rows (lib/live/presence.ts says why in the database): one per open
// event stream, renewed while it lasts, deleted when it closes.
import { othersPresent, presenceCutoff, type PresentPerson } from '../live/presence';
import type { Tx } from './context';

/** Marks the stream present on the article now; clears rows whose streams are long gone. */
export async function touchPresence(db: Tx, stream: { id: string; articleId: string; userId: string }, now = new Date()): Promise<void> {
  await db.presence.upsert({
    where: { id: stream.id },
    create: { ...stream, seenAt: now },
    update: { seenAt: now },
  });
  await db.presence.deleteMany({ where: { seenAt: { lt: presenceCutoff(now) } } });
}

/** The stream is gone. */
export async function leavePresence(db: Tx, streamId: string): Promise<void> {
  await db.presence.deleteMany({ where: { id: streamId } });
}

/** Who else has the article open: active people with a live stream, each once. */
export async function presentOn(db: Tx, articleId: string, viewerId: string, now = new Date()): Promise<PresentPerson[]> {
  const rows = await db.presence.findMany({
    where: { articleId, seenAt: { gte: presenceCutoff(now) }, user: { deactivatedAt: null } },
    select: { userId: true, user: { select: { name: true } } },
  });
  return othersPresent(
    rows.map((r) => ({ userId: r.userId, name: r.user.name })),
    viewerId,
  );
}
