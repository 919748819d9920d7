// PostgreSQL through @prisma/adapter-pg, with each interactive transaction's
// statements sent one at a time, and raw SQL straight to the driver.
//
// One at a time: Prisma's query interpreter loads a nested include's relations
// at once (Promise.all) when it loads them by separate queries
// (relationLoadStrategy 'query'; Crux's PostgreSQL client joins by default,
// scripts/prisma-schemas.mjs). Outside a transaction each query takes a
// connection of its own from the pool; inside one they all go to the
// transaction's single connection, where pg queues them itself — a use pg 8.19
// deprecates (the "client.query() when the client is already executing a
// query" warning) and pg 9 removes. The fix belongs in the adapter
// (prisma/orm pull request 29979, open); until it lands, the transaction's
// queries wait their turn here, which is what pg's queue did: the same
// statements, in the same order, on the same connection.
//
// Straight to the driver: a statement through Prisma's client (`$queryRaw`)
// cost 0.31 ms of CPU where pg alone took 0.09 (`SELECT 1`, in process), and a
// verdict saved is a dozen statements. Raw SQL (lib/db/raw-rows.ts) runs on
// the pool Prisma's adapter holds, or on the connection of the transaction it
// belongs to, in that transaction's turn, as a prepared statement; Prisma
// still begins and ends every transaction.
import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Transaction } from '@prisma/driver-adapter-utils';
import pg from 'pg';

type InTurn = <T>(work: () => Promise<T>) => Promise<T>;

/** Runs each piece of work after the one asked before it has ended, in the order asked. */
function turns(): InTurn {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    // A failed statement fails its caller alone; the next one still runs.
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** A transaction whose statements (queries, writes, savepoints, COMMIT) run one after another, in the order asked. */
export function oneAtATime(tx: Transaction, inTurn: InTurn = turns()): Transaction {
  const queryRaw = tx.queryRaw.bind(tx);
  const executeRaw = tx.executeRaw.bind(tx);
  // Own properties over the prototype's: the adapter's savepoints call this.executeRaw, and take their turn too.
  tx.queryRaw = (query) => inTurn(() => queryRaw(query));
  tx.executeRaw = (query) => inTurn(() => executeRaw(query));
  return tx;
}

/** A statement in raw SQL: its text with $1, $2… and the values they stand for. */
export interface RawStatement {
  text: string;
  values: readonly unknown[];
}

/**
 * Values as PostgreSQL reads them into Crux's columns: a timestamp is stored
 * without a zone, in UTC (Prisma's layout). pg would write a Date in the
 * process's local zone; ISO text in UTC is read the same whatever the zone.
 */
function toParameter(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

const TIMESTAMP = 1114;
const INT8 = 20;

/**
 * Values as Prisma's `$queryRaw` gives them, so that rows read either way are
 * the same (lib/db/raw-rows.ts checks them): a timestamp without a zone is UTC
 * (pg would read it in the local zone), a 64-bit integer a bigint (pg: text).
 */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === TIMESTAMP && format !== 'binary') return (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
    if (oid === INT8 && format !== 'binary') return (text: string) => BigInt(text);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/**
 * Statements kept prepared on each connection, by name: PostgreSQL parses and
 * plans a named statement once per connection rather than on every call. Under
 * the load bench's mix this took PostgreSQL's CPU from 5.8 to 3.6 seconds in
 * ten. The hot statements are a few dozen texts, met first; beyond this many,
 * or this long (an INSERT of many rows), a statement is sent unnamed, so that
 * what each connection keeps stays small.
 */
export const PREPARED_STATEMENTS = 200;
const PREPARED_TEXT_LIMIT = 4_000;
const preparedNames = new Map<string, string>();

/** The name a statement is kept under on every connection (a digest of its text), or undefined to send it unnamed. */
export function preparedName(text: string): string | undefined {
  const name = preparedNames.get(text);
  if (name || preparedNames.size >= PREPARED_STATEMENTS || text.length > PREPARED_TEXT_LIMIT) return name;
  const digest = `crux_${crypto.createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
  preparedNames.set(text, digest);
  return digest;
}

function send(connection: pg.Pool | pg.PoolClient, statement: RawStatement): Promise<pg.QueryResult<Record<string, unknown>>> {
  return connection.query({ name: preparedName(statement.text), text: statement.text, values: statement.values.map(toParameter), types: TYPES });
}

/** One of Prisma's interactive transactions, as begun by the adapter: its connection, the turn its statements take, whether it is still open. */
export interface OpenTransaction {
  connection: pg.PoolClient;
  inTurn: InTurn;
  open: boolean;
}

/**
 * The transaction a call of Prisma's `$transaction` began, known through the
 * call's asynchronous context: Prisma begins it on the adapter from within the
 * call, and hands nothing of the adapter's transaction to the callback.
 */
const beginning = new AsyncLocalStorage<{ transaction?: OpenTransaction }>();

/**
 * Runs `begin`, a call of Prisma's `$transaction`; within its callback,
 * `begun()` is the transaction the adapter began for it (undefined when the
 * client is not one of this factory's).
 */
export function whileBeginning<T>(begin: (begun: () => OpenTransaction | undefined) => T): T {
  const slot: { transaction?: OpenTransaction } = {};
  return beginning.run(slot, () => begin(() => slot.transaction));
}

/** Runs a statement on a transaction's connection in its turn; undefined once the transaction has ended (Prisma then refuses it itself). */
export function queryInTransaction(transaction: OpenTransaction, statement: RawStatement): Promise<pg.QueryResult<Record<string, unknown>>> | undefined {
  if (!transaction.open) return undefined;
  return transaction.inTurn(() => send(transaction.connection, statement));
}

/** The adapter factory for a PostgreSQL URL (still a PrismaPg, which lib/db/client.ts tells apart). */
export class PostgresqlAdapterFactory extends PrismaPg {
  #pool: pg.Pool | undefined;

  override async connect() {
    const adapter = await super.connect();
    this.#pool = adapter.underlyingDriver() as pg.Pool;
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = await startTransaction(isolationLevel);
      const begun: OpenTransaction = { connection: (tx as unknown as { client: pg.PoolClient }).client, inTurn: turns(), open: true };
      const slot = beginning.getStore();
      if (slot) slot.transaction = begun;
      const end = (close: () => Promise<void>) => () => {
        begun.open = false;
        return close();
      };
      tx.commit = end(tx.commit.bind(tx));
      tx.rollback = end(tx.rollback.bind(tx));
      return oneAtATime(tx, begun.inTurn);
    };
    return adapter;
  }

  /** Runs a statement on a connection of the pool, outside any transaction; undefined before Prisma has connected. */
  query(statement: RawStatement): Promise<pg.QueryResult<Record<string, unknown>>> | undefined {
    return this.#pool && send(this.#pool, statement);
  }
}
