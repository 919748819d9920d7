import type { Db } from '../db/client';

/**
 * How long the database gets to answer a health check. A load balancer's
 * probe must get an answer, not hang: a PostgreSQL server that stopped
 * answering (rather than refusing connections) would otherwise hold the
 * probe until the operating system gives up on the connection.
 */
export const HEALTH_TIMEOUT_MS = 2_000;

/** True when the database answers a trivial query within `timeoutMs`. */
export async function databaseIsReachable(db: Db, timeoutMs = HEALTH_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([db.$queryRaw`SELECT 1`.then(() => true), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export interface Health {
  status: 'ok' | 'degraded';
  database: 'ok' | 'unreachable';
}

/** GET /api/health: 200 when the database answers, else 503, with a body saying which. */
export async function checkHealth(db: Db): Promise<{ httpStatus: 200 | 503; body: Health }> {
  return (await databaseIsReachable(db))
    ? { httpStatus: 200, body: { status: 'ok', database: 'ok' } }
    : { httpStatus: 503, body: { status: 'degraded', database: 'unreachable' } };
}
