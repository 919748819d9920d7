// The live machinery of one server process: the bus that suits the database
// (PostgreSQL LISTEN/NOTIFY, or polling the SQLite file plus in-process
// wake-ups), the open event streams, and their end on SIGTERM/SIGINT. Created
// on the first stream, so CLIs and tests that only write never start a timer
// or a connection. One per process (kept on globalThis: Next may load this
// module once per bundle).
import { databaseProvider, databaseUrl } from '../config';
import { db, isPostgresqlClient, postgresqlStatement, sqliteWritesDone, type Db } from '../db/client';
import { insertRows } from '../db/insert-rows';
import type { Tx } from '../services/context';
import { createLocalBus, type LiveBus, type LocalBus } from './bus';
import { createPollingBus, type EventFeed } from './poll';
import { PG_RECORD_EVENT_SQL, createPostgresBus } from './postgres';
import { openLiveStream, type LiveStream, type LiveStreamOptions } from './stream';
import { log } from '../log';

export interface LiveServer {
  bus: LiveBus;
  /** Wakes an article's streams when someone arrives or leaves through this instance. */
  presence: LocalBus;
  /** Opens a stream and keeps it until it ends, so that shutdown can end it. */
  open(options: LiveStreamOptions): LiveStream;
  /** How many streams are open. */
  readonly streamCount: number;
  /** Ends every stream (clients reconnect, to another instance if this one is going) and stops the bus. */
  shutdown(): Promise<void>;
}

const holder = globalThis as unknown as { cruxLive?: LiveServer };

/** The Event table as the SQLite poller reads it. */
export function eventFeed(database: Db): EventFeed {
  return {
    latestId: async () => (await database.event.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0,
    eventsAfter: (afterId, limit) =>
      database.event.findMany({ where: { id: { gt: afterId } }, orderBy: { id: 'asc' }, take: limit, select: { id: true, articleId: true } }),
  };
}

function createBus(url: string): LiveBus {
  if (databaseProvider(url) === 'postgresql') return createPostgresBus({ connectionString: url });
  return createPollingBus(eventFeed(db()));
}

export function createLiveServer(bus: LiveBus): LiveServer {
  const streams = new Set<LiveStream>();
  const presence = createLocalBus();
  let shuttingDown = false;
  return {
    bus,
    presence,
    open(options) {
      const stream: LiveStream = openLiveStream({
        ...options,
        onClose: () => {
          streams.delete(stream);
          options.onClose?.();
        },
      });
      streams.add(stream);
      // A request that slipped in while shutting down gets a stream that ends at once.
      if (shuttingDown) void stream.close();
      return stream;
    },
    get streamCount() {
      return streams.size;
    },
    async shutdown() {
      shuttingDown = true;
      await Promise.all([...streams].map((s) => s.close()));
      await Promise.all([bus.close(), presence.close()]);
    },
  };
}

/** This process's live server, created (with its signal handlers) on first use. */
export function liveServer(): LiveServer {
  if (!holder.cruxLive) {
    const server = createLiveServer(createBus(databaseUrl()));
    holder.cruxLive = server;
    // `next start` stops accepting connections on these signals and exits once
    // the open ones are done; event streams never are, so they are ended here.
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        server.shutdown().catch((error) => log().error({ err: error }, '[live] shutdown failed'));
      });
    }
  }
  return holder.cruxLive;
}

/** An article's Event row, as recordEvent writes it. */
export type ArticleEventRow = {
  articleId: string;
  claimId: string | null;
  type: string;
  entityId: string;
  actorId: string | null;
  payload: string;
  createdAt: Date;
};

/**
 * Writes an article's event in the transaction that records it (recordEvent),
 * and tells the article's streams.
 *
 * PostgreSQL: takes the article's event lock, queues the notification that
 * every instance's listener receives at commit, and inserts the row, in one
 * statement (PG_RECORD_EVENT_SQL).
 *
 * SQLite: inserts the row, then wakes this instance's streams of the article
 * once the transaction is over (other instances find the event by polling).
 * Streams read outside transactions, so a wake-up before the commit would find
 * nothing; a process runs its SQLite writes one at a time, in a queue, so the
 * wake-up waits for the queue's turn (lib/db/client.ts sqliteWritesDone), which
 * comes after this transaction has committed or rolled back. Not awaited: the
 * writer does not wait for its readers. Nothing happens in a process without
 * streams (the CLIs, the tests that only write).
 */
export async function insertArticleEvent(tx: Tx, row: ArticleEventRow): Promise<void> {
  // The transaction's database, not the process's DATABASE_URL: the statement is written in its dialect.
  if (isPostgresqlClient(tx)) {
    const values = [row.articleId, row.claimId, row.type, row.entityId, row.actorId, row.payload, row.createdAt];
    // Straight to the driver, as the transaction's other raw statements go (lib/db/postgresql.ts).
    await (postgresqlStatement(tx, { text: PG_RECORD_EVENT_SQL, values }) ?? tx.$executeRawUnsafe(PG_RECORD_EVENT_SQL, ...values));
    return;
  }
  await insertRows(tx, 'Event', [row]);
  const live = holder.cruxLive;
  if (!live) return;
  void sqliteWritesDone(db()).finally(() => live.bus.wake(row.articleId));
}
