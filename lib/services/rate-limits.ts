// Counting attempts against the limits of lib/security/rate-limits.ts, in the
// database through rate-limiter-flexible's Prisma store (the RateLimit model):
// the same counters for every instance, on SQLite and PostgreSQL alike (the
// store only uses the Prisma client, so it works through our driver adapters;
// its SQLite and Postgres stores would need raw connections and tables made
// outside the migrations).
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../db/client';
import { rateLimited } from '../errors';
import { STRIKE_MEMORY_SECONDS, blockSeconds, type RateLimit } from '../security/rate-limits';

interface Limiters {
  counter: RateLimiterPrisma;
  /** How many times the counter ran out within a day: the back-off's exponent. */
  strikes: RateLimiterPrisma;
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
      counter: new RateLimiterPrisma({ storeClient: db, tableName: 'rateLimit', keyPrefix: limit.name, points: limit.points, duration: limit.windowSeconds, clearExpiredByTimeout: sweep }),
      strikes: new RateLimiterPrisma({ storeClient: db, tableName: 'rateLimit', keyPrefix: `${limit.name}-strikes`, points: Number.MAX_SAFE_INTEGER, duration: STRIKE_MEMORY_SECONDS, clearExpiredByTimeout: false }),
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
