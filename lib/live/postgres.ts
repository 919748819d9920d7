// The live bus across instances on PostgreSQL: each instance keeps one
// dedicated connection that LISTENs on a channel; the transaction that records
// an event NOTIFYs it with the article's id, and PostgreSQL delivers the
// notification to every listener when — and only if — that transaction
// commits. A reconnected listener may have missed notifications, so it wakes
// every subscriber once: they catch up from the Event table.
import pg from 'pg';
import { createLocalBus, type LiveBus } from './bus';
import { log } from '../log';

export const PG_CHANNEL = 'crux_events';

/**
 * Run in the transaction that records an event, before the Event row is
 * inserted, with the article's id as $1.
 *
 * - `pg_notify` is queued and delivered at commit, so a subscriber woken by it
 *   finds the row; a rolled-back transaction wakes nobody.
 * - The advisory lock (held until the transaction ends) makes an article's
 *   events commit in the order of their ids. Ids come from a sequence when the
 *   row is inserted, and transactions may commit out of that order: without
 *   the lock a stream could read event 11, move its cursor past 10, and never
 *   see 10 when its transaction commits a moment later. Writers to different
 *   articles do not wait for each other (barring a hash collision, which only
 *   makes two articles' writers take turns).
 */
export const PG_ANNOUNCE_SQL = `SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), pg_notify('${PG_CHANNEL}', $1)`;

/**
 * An article's event, recorded on PostgreSQL: PG_ANNOUNCE_SQL, then the Event
 * row, in one statement. $1 the article's id, then the row's claimId, type,
 * entityId, actorId, payload and createdAt. The lock comes before the row
 * takes its id from the sequence: the CTE, which calls volatile functions, is
 * computed whole before the insert reads the row it gives. One round trip
 * where there were two, with the lock held until COMMIT.
 */
export const PG_RECORD_EVENT_SQL = `WITH announced AS (${PG_ANNOUNCE_SQL})
  INSERT INTO "Event" ("articleId", "claimId", "type", "entityId", "actorId", "payload", "createdAt")
  SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::timestamp(3) FROM announced`;

/** Reconnection delays of the listening connection: doubled from the first to the last. */
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 10_000;

export interface PostgresBusOptions {
  connectionString: string;
  /** For tests: shorter reconnection delays. */
  reconnectMinMs?: number;
}

export interface PostgresBus extends LiveBus {
  /** Resolves once the listening connection is up (for tests and health checks). */
  ready(): Promise<void>;
}

export function createPostgresBus({ connectionString, reconnectMinMs = RECONNECT_MIN_MS }: PostgresBusOptions): PostgresBus {
  const local = createLocalBus();
  let client: pg.Client | null = null;
  let wanted = false;
  let closed = false;
  let delay = reconnectMinMs;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let connecting: Promise<void> | null = null;
  let readyWaiters: (() => void)[] = [];

  function scheduleReconnect() {
    if (closed || !wanted || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delay);
    retryTimer.unref?.();
    delay = Math.min(delay * 2, RECONNECT_MAX_MS);
  }

  function drop(failed: pg.Client) {
    if (client !== failed) return;
    client = null;
    failed.removeAllListeners('notification');
    failed.end().catch(() => {});
    scheduleReconnect();
  }

  async function connect(): Promise<void> {
    if (closed || !wanted || client || connecting) return connecting ?? undefined;
    const next = new pg.Client({ connectionString, keepAlive: true, application_name: 'crux-live' });
    // Errors on an idle connection arrive as events; without a handler they would crash the process.
    next.on('error', (error) => {
      log().error({ err: error }, '[live] the PostgreSQL listening connection failed; reconnecting');
      drop(next);
    });
    next.on('end', () => drop(next));
    next.on('notification', (message) => {
      if (message.channel === PG_CHANNEL && message.payload) local.wake(message.payload);
    });
    connecting = (async () => {
      try {
        await next.connect();
        await next.query(`LISTEN ${PG_CHANNEL}`);
        if (closed || !wanted) {
          await next.end().catch(() => {});
          return;
        }
        client = next;
        delay = reconnectMinMs;
        // Whatever was committed while nobody listened is read now.
        local.wakeAll();
        for (const resolve of readyWaiters) resolve();
        readyWaiters = [];
      } catch (error) {
        log().error({ err: error }, '[live] could not listen on PostgreSQL; retrying');
        next.removeAllListeners('end');
        await next.end().catch(() => {});
        scheduleReconnect();
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  }

  async function disconnect() {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    await connecting;
    const current = client;
    client = null;
    if (current) {
      current.removeAllListeners('end');
      await current.end().catch(() => {});
    }
  }

  // The connection is held only while someone on this instance is subscribed.
  local.onSizeChange = (size) => {
    if (closed) return;
    if (size > 0 && !wanted) {
      wanted = true;
      void connect();
    } else if (size === 0 && wanted) {
      wanted = false;
      void disconnect();
    }
  };

  return {
    subscribe: (articleId, wake) => local.subscribe(articleId, wake),
    wake: (articleId) => local.wake(articleId),
    ready: () => (client ? Promise.resolve() : new Promise<void>((resolve) => readyWaiters.push(resolve))),
    async close() {
      closed = true;
      wanted = false;
      await disconnect();
      await local.close();
    },
  };
}
