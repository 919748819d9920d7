// How many API requests one server process works on at once; the others wait
// their turn, in order of arrival.
//
// Why: a request is a chain of awaits (the caller, then each query), and
// Node interleaves every chain in flight. With 50 requests in flight each
// takes 50 times its own work to finish, the write transactions among them
// hold the database's write lock that long, and the unlucky ones waited more
// than 10 s (the load benchmark, bench/load.ts). A few at a time keep the
// processor busy — SQLite's work is synchronous, PostgreSQL's pool has few
// connections — and the rest wait in a queue that is first come, first served.

/** Requests worked on at once when CRUX_API_CONCURRENCY does not say. */
export const DEFAULT_API_CONCURRENCY = 8;

/** CRUX_API_CONCURRENCY: a whole number from 1; anything else is an error, not a silent default. */
export function apiConcurrency(env: Record<string, string | undefined> = process.env): number {
  const raw = env.CRUX_API_CONCURRENCY?.trim();
  if (!raw) return DEFAULT_API_CONCURRENCY;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`CRUX_API_CONCURRENCY must be a whole number from 1 (got "${raw}")`);
  return value;
}

export interface Gate {
  /** Runs `task` once fewer than `limit` tasks are running, after those that came before it. */
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

export function createGate(limit: number): Gate {
  let running = 0;
  const queue: (() => void)[] = [];
  // A finished task hands its place straight to the first in line.
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
  return {
    async run(task) {
      if (running < limit) running++;
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}
