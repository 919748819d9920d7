// PostgreSQL through @prisma/adapter-pg, with each interactive transaction's
// statements sent one at a time.
//
// Prisma's query interpreter loads a nested include's relations at once
// (Promise.all) when it loads them by separate queries (relationLoadStrategy
// 'query'; Crux's PostgreSQL client joins by default, scripts/prisma-schemas.mjs).
// Outside a transaction each query takes a connection of its own
// from the pool; inside one they all go to the transaction's single connection,
// where pg queues them itself — a use pg 8.19 deprecates (the
// "client.query() when the client is already executing a query" warning) and
// pg 9 removes. The fix belongs in the adapter (prisma/orm pull request 29979,
// open); until it lands, the transaction's queries wait their turn here, which
// is what pg's queue did: the same statements, in the same order, on the same
// connection.
import { PrismaPg } from '@prisma/adapter-pg';
import type { Transaction } from '@prisma/driver-adapter-utils';

/** A transaction whose statements (queries, writes, savepoints, COMMIT) run one after another, in the order asked. */
export function oneAtATime(tx: Transaction): Transaction {
  let tail: Promise<unknown> = Promise.resolve();
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    // A failed statement fails its caller alone; the next one still runs.
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  }
  const queryRaw = tx.queryRaw.bind(tx);
  const executeRaw = tx.executeRaw.bind(tx);
  // Own properties over the prototype's: the adapter's savepoints call this.executeRaw, and take their turn too.
  tx.queryRaw = (query) => inTurn(() => queryRaw(query));
  tx.executeRaw = (query) => inTurn(() => executeRaw(query));
  return tx;
}

/** The adapter factory for a PostgreSQL URL (still a PrismaPg, which lib/db/client.ts tells apart). */
export class PostgresqlAdapterFactory extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => oneAtATime(await startTransaction(isolationLevel));
    return adapter;
  }
}
