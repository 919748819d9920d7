// Counting attempts against the limits of lib/security/rate-limits.ts, in the
// database through rate-limiter-flexible's Prisma store (the RateLimit model):
// the same counters for every instance, on SQLite and PostgreSQL alike (the
// store only uses the Prisma client, so it works through our driver adapters;
// its SQLite and Postgres stores would need raw connections and tables made
// outside the migrations).
//
// Counting is the store's one hot path: every API write counts one attempt
// before it runs. The Prisma store counts with two writes through the client
// (a delete of the expired row, then an upsert); CountingStore does it in one
// statement in raw SQL (lib/db/raw-rows.ts), which on SQLite goes straight to
// the connection. The library's own logic (points, blocks, penalties) is unchanged.
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../db/client';
import { queryRows } from '../db/raw-rows';
import { rateLimited } from '../errors';
import { Prisma } from '../generated/prisma/client';
import { STRIKE_MEMORY_SECONDS, blockSeconds, type RateLimit } from '../security/rate-limits';

const COUNTER = { points: 'int', expire: 'date?' } as const;

/**
 * The Prisma store with its writes in one statement each. `_upsert` is the
 * store's contract with the library (RateLimiterStoreAbstract, which the
 * package does not export on its own): add `points` to the key's counter, or
 * start a new window when the last one has expired; with `forceExpire`
 * (a block), set both. Atomic on both databases (INSERT … ON CONFLICT), so
 * concurrent attempts are all counted.
 */
class CountingStore extends RateLimiterPrisma {
  readonly #db: Db;

  constructor(db: Db, options: Omit<ConstructorParameters<typeof RateLimiterPrisma>[0], 'storeClient'>) {
    super({ ...options, storeClient: db });
    this.#db = db;
  }

  async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<{ points: number; expire: Date | null }> {
    const now = new Date();
    const expire = msDuration > 0 ? new Date(now.getTime() + msDuration) : null;
    const update = forceExpire
      ? Prisma.sql`"points" = excluded."points", "expire" = excluded."expire"`
      : Prisma.sql`"points" = CASE WHEN "RateLimit"."expire" <= ${now} THEN excluded."points" ELSE "RateLimit"."points" + excluded."points" END,
          "expire" = CASE WHEN "RateLimit"."expire" <= ${now} THEN excluded."expire" ELSE "RateLimit"."expire" END`;
    const [counter] = await queryRows(
      this.#db,
      'RateLimit',
      COUNTER,
      Prisma.sql`INSERT INTO "RateLimit" ("key", "points", "expire") VALUES (${key}, ${points}, ${expire})
        ON CONFLICT ("key") DO UPDATE SET ${update} RETURNING "points", "expire"`,
    );
    if (!counter) throw new Error(`Counting ${key} returned no row.`);
    return counter;
  }
}

interface Limiters {
  counter: CountingStore;
  /** How many times the counter ran out within a day: the back-off's exponent. */
  strikes: CountingStore;
}

const byDb = new WeakMap<Db, Map<string, Limiters>>();

function limiters(db: Db, limit: RateLimit): Limiters {
  let forDb = byDb.get(db);
  if (!forDb) byDb.set(db, (forDb = new Map()));
  let found = forDb.get(limit.name);
  if (!found) {
    // One store per database sweeps the rows that expired over an hour ago (every 5 minutes, unref'd).
    const sweep = forDb.size === 0;
    found = {
      counter: new CountingStore(db, { tableName: 'rateLimit', keyPrefix: limit.name, points: limit.points, duration: limit.windowSeconds, clearExpiredByTimeout: sweep }),
      strikes: new CountingStore(db, { tableName: 'rateLimit', keyPrefix: `${limit.name}-strikes`, points: Number.MAX_SAFE_INTEGER, duration: STRIKE_MEMORY_SECONDS, clearExpiredByTimeout: false }),
    };
    forDb.set(limit.name, found);
  }
  return found;
}

/**
 * Counts one attempt for `key`; throws a 429 (`rateLimited`, with the seconds to
 * wait) when it is one too many. The attempt is counted before it is judged, so
 * that many sent at once cannot all slip in before the first is counted. The
 * attempt that uses the points up starts a block, twice as long as the last one
 * that day (lib/security/rate-limits blockSeconds).
 */
export async function countAttempt(db: Db, limit: RateLimit, key: string): Promise<void> {
  const { counter, strikes } = limiters(db, limit);
  try {
    await counter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    // Only the attempt that ran out starts a block; the others wait for it (block() sets points + 1).
    if (rejection.consumedPoints !== limit.points + 1) throw rateLimited(rejection.msBeforeNext / 1000);
    const strike = await strikes.penalty(key);
    const seconds = blockSeconds(limit, strike.consumedPoints);
    await counter.block(key, seconds);
    throw rateLimited(seconds);
  }
}

/** Seconds until `key` may try again (0 when it may now): for a message after a refusal. */
export async function secondsBlocked(db: Db, limit: RateLimit, key: string): Promise<number> {
  const state = await limiters(db, limit).counter.get(key);
  return state && state.consumedPoints > limit.points ? Math.ceil(state.msBeforeNext / 1000) : 0;
}

/** Forgets `key`'s attempts (its blocks stay counted for the back-off): after a successful sign-in, say. */
export async function clearAttempts(db: Db, limit: RateLimit, key: string): Promise<void> {
  await limiters(db, limit).counter.delete(key);
}

/** Gives one attempt back: a success that should not count against a shared address. */
export async function refundAttempt(db: Db, limit: RateLimit, key: string): Promise<void> {
  await limiters(db, limit).counter.reward(key, 1);
}
