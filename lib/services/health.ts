import type { Db } from '../db/client';

/** True when the database answers a trivial query. */
export async function databaseIsReachable(db: Db): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
