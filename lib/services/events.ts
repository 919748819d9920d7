import { asciiJson } from '../ascii-json';
import { insertRows } from '../db/insert-rows';
import { queryRows, type Columns } from '../db/raw-rows';
import { Prisma } from '../generated/prisma/client';
import { insertArticleEvent } from '../live/server';
import type { Tx } from './context';

export type EventType =
  | 'claim.created'
  | 'claim.updated'
  | 'claim.deleted'
  | 'verdict.updated'
  | 'adjudication.updated'
  | 'comment.created'
  | 'comment.updated'
  | 'comment.deleted'
  | 'article.created'
  | 'article.updated'
  | 'user.updated'
  | 'user.passwordChanged'
  | 'user.signedOut'
  | 'registration.updated'
  | 'invitation.created'
  | 'invitation.revoked'
  | 'invitation.used';

/**
 * An event's payload as stored: JSON in ASCII (lib/ascii-json.ts), which the archive writes as
 * it is, faster than text of accented letters. Whatever writes history writes it so.
 */
export const eventPayloadText: (payload: unknown) => string = asciiJson;

/**
 * Appends to the history; written in the same transaction as the change it
 * describes. The article's event streams are told (lib/live/server.ts): they
 * read the new row once the transaction has committed.
 * Call it last in the transaction: on PostgreSQL it takes the article's event
 * lock, held until COMMIT, for which every other writer of the article waits;
 * taken before a verdict's notifications, it was held over four round trips.
 */
export async function recordEvent(
  tx: Tx,
  event: { articleId: string | null; claimId: string | null; type: EventType; entityId: string; actorId: string | null; payload: unknown },
): Promise<void> {
  // The id is the table's own sequence (autoincrement): the order events commit in.
  const row = { claimId: event.claimId, type: event.type, entityId: event.entityId, actorId: event.actorId, payload: eventPayloadText(event.payload), createdAt: new Date() };
  if (event.articleId) await insertArticleEvent(tx, { articleId: event.articleId, ...row });
  else await insertRows(tx, 'Event', [{ articleId: null, ...row }]);
}

const EVENT_ID = { id: 'int' } as const satisfies Columns;

/**
 * The article's newest event id, 0 when none: where a stream without Last-Event-ID starts
 * (live.ts), and the mark of a claims list's kept rows (claim-list.ts). In raw SQL
 * (lib/db/raw-rows.ts): every list reads it, and through Prisma's client it cost as much as the
 * rest of a list read of 500 claims kept whole.
 */
export async function latestArticleEventId(db: Tx, articleId: string): Promise<number> {
  const [latest] = await queryRows(db, 'Event', EVENT_ID, Prisma.sql`SELECT e."id" FROM "Event" e WHERE e."articleId" = ${articleId} ORDER BY e."id" DESC LIMIT 1`);
  return latest?.id ?? 0;
}
