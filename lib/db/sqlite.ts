// SQLite for several writers at once: app requests in one process, and several
// processes on one file (app instances, a CLI beside the server).
//
// Prisma's better-sqlite3 adapter opens one connection, keeps SQLite's defaults
// (rollback journal, full sync) and begins transactions with a deferred BEGIN: a
// transaction reads first and asks for the write lock only at its first write.
// Two processes doing that at once deadlock, and SQLite answers one of them
// SQLITE_BUSY at once, whatever the busy timeout (Prisma reports it as
// "Operation has timed out"). Sharing one connection also lets a query sent
// outside any transaction run inside another request's open one: it reads
// uncommitted data, and a write of it is rolled back with that transaction.
//
// This factory wraps the adapter so that:
// - the file is in WAL mode, with synchronous=NORMAL and a busy timeout;
// - write transactions begin with BEGIN IMMEDIATE: the write lock is taken up
//   front, so a second process waits (busy timeout) instead of deadlocking;
// - within a process, write transactions and writes outside transactions take
//   turns in one queue. better-sqlite3 is synchronous, so a lock wait blocks the
//   whole process: the queue leaves at most one of its writes waiting on another
//   process, and its own transactions never wait on each other's lock;
// - reads outside transactions go to a second, read-only connection: in WAL
//   mode it sees the last committed state and is never blocked by the writer;
// - both connections keep their statements prepared (keepStatements);
// - a SELECT in raw SQL may run straight on them, skipping Prisma's client
//   (selectRaw, for lib/db/raw-rows.ts queryRows): on the reader outside
//   transactions, on the writer while the transaction it belongs to is open
//   (openTransaction, transactionConnection); so may a write in raw SQL
//   (runRaw, for raw-rows.ts executeRows), on the writer: in its turn in the
//   queue outside transactions (inWriteTurn), or within the open transaction.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import Database, { type ColumnDefinition, type RunResult, type Statement } from 'better-sqlite3';
import { DriverAdapterError } from '@prisma/driver-adapter-utils';
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from '@prisma/driver-adapter-utils';

/**
 * How long a statement waits for a lock held by another process before
 * failing with SQLITE_BUSY. Longer than any write transaction may last
 * (TRANSACTION_TIMEOUT_MS in lib/db/transactions.ts: Prisma rolls back one that
 * runs longer, releasing its lock), so a waiting process outlasts the holder.
 * The wait blocks that process's event loop, hence the queue below.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Set on every connection.
 * - journal_mode=WAL: readers and the writer no longer block each other, and
 *   a commit appends to the log instead of waiting for every reader to leave;
 *   the mode is stored in the file, so every process uses it.
 * - synchronous=NORMAL: in WAL mode, syncs to disk at checkpoints rather than
 *   at every commit, which makes commits cheap. A crash of the application
 *   loses nothing; a power cut or OS crash may lose the last commits, never the
 *   file's consistency — the trade SQLite recommends for WAL.
 */
export const SQLITE_PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL'] as const;

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

/** Prisma's reads start with SELECT; anything else may write. */
export const isSelect = (sql: string) => /^\s*SELECT\b/i.test(sql);

/**
 * Statements kept prepared per connection. Prisma's adapter prepares every
 * statement anew (`client.prepare(sql).bind(args)`): preparing was a
 * fifteenth of the server's time under the load benchmark, for the same few
 * hundred statements over and over. A bound better-sqlite3 statement cannot be
 * bound again, so the adapter is handed a light handle instead, which passes
 * its arguments to the kept statement at each call. Beyond this many texts
 * (lists of ids make new ones) the least recently used is dropped.
 */
export const KEPT_STATEMENTS = 500;

/** What the adapter calls on a prepared statement, passed to a kept one. */
class StatementHandle {
  #args: unknown[] = [];
  #raw = false;

  constructor(private readonly statement: Statement) {}

  get reader(): boolean {
    return this.statement.reader;
  }

  bind(args: unknown[]): this {
    this.#args = args;
    return this;
  }

  raw(toggle = true): this {
    this.#raw = toggle;
    return this;
  }

  columns(): ColumnDefinition[] {
    return this.statement.columns();
  }

  run(): RunResult {
    return this.statement.run(this.#args);
  }

  all(): unknown[] {
    return this.statement.raw(this.#raw).all(this.#args);
  }
}

/**
 * Each kept statement's column names, as selectRaw reads them. better-sqlite3's
 * `columns()` describes every column anew (its name, table, database and
 * declared type): 37 µs for a claim's 45 columns, six times the cost of running
 * the statement, on every read. A prepared statement's columns stay what they
 * were, as Crux names the columns it selects; one selecting `*` changes with
 * its table (SQLite prepares it again after a schema change), so the names
 * are read again when a row's width no longer matches them.
 */
const columnNames = new WeakMap<Statement, string[]>();

function namesOf(statement: Statement): string[] {
  let names = columnNames.get(statement);
  if (!names) columnNames.set(statement, (names = statement.columns().map((c) => c.name)));
  return names;
}

/** Each connection's kept statement for a text (keepStatements). */
const keptStatements = new WeakMap<Database.Database, (sql: string) => Statement>();

/** Makes `database.prepare` hand out handles on kept statements (see KEPT_STATEMENTS). */
export function keepStatements(database: Database.Database): void {
  const kept = new Map<string, Statement>();
  const prepare = database.prepare.bind(database);
  const keptStatement = (sql: string): Statement => {
    let statement = kept.get(sql);
    if (statement) kept.delete(sql);
    else statement = prepare(sql);
    kept.set(sql, statement);
    if (kept.size > KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
    return statement;
  };
  keptStatements.set(database, keptStatement);
  database.prepare = ((sql: string) => new StatementHandle(keptStatement(sql))) as unknown as Database.Database['prepare'];
}

/** A value bound as Prisma's adapter binds it (its default timestamp format, ISO 8601 text). */
function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/**
 * A SELECT's column names and raw rows (arrays), or a write's with RETURNING,
 * through the connection's kept statement. Integers come as numbers: the adapter's connections read every
 * integer as a bigint (safeIntegers), which cost 0.12 µs more a value (0.2 s of
 * the archive of 100,000 claims), so this read turns that off, then back on for
 * the adapter, which may share the statement. An integer beyond 2^53 comes
 * rounded, and lib/db/raw-rows.ts refuses it (not a safe integer).
 */
export function selectRaw(database: Database.Database, sql: string, values: readonly unknown[]): { names: string[]; rows: unknown[][] } {
  const statement = keptStatement(database, sql);
  try {
    const rows = statement.safeIntegers(false).raw(true).all(...values.map(bindable)) as unknown[][];
    let names = namesOf(statement);
    if (rows.length > 0 && rows[0]!.length !== names.length) {
      columnNames.delete(statement);
      names = namesOf(statement);
    }
    return { names, rows };
  } finally {
    statement.safeIntegers(true);
  }
}

/**
 * Runs a write (INSERT, UPDATE, DELETE without RETURNING) through the
 * connection's kept statement; the number of rows it changed.
 */
export function runRaw(database: Database.Database, sql: string, values: readonly unknown[]): number {
  return keptStatement(database, sql).run(...values.map(bindable)).changes;
}

/** The connection's kept statement for `sql` (keepStatements). */
function keptStatement(database: Database.Database, sql: string): Statement {
  const kept = keptStatements.get(database);
  if (!kept) throw new Error('This connection does not keep its statements (keepStatements).');
  return kept(sql);
}

/** The better-sqlite3 connection behind one of the adapter's, where the adapter keeps it. */
function connectionOf(adapter: SqlDriverAdapter): Database.Database {
  const client = (adapter as unknown as { client?: unknown }).client;
  if (!(client instanceof Database)) throw new Error('The SQLite driver adapter no longer keeps its connection as `client`: see keepStatements in lib/db/sqlite.ts.');
  return client;
}

/** First come, first served: one holder at a time. */
class WriteQueue {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves with the function that hands the turn on, once every earlier holder has. */
  acquire(): Promise<() => void> {
    let handOn!: () => void;
    const done = new Promise<void>((resolve) => (handOn = resolve));
    const turn = this.#tail.then(() => {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        handOn();
      };
    });
    this.#tail = this.#tail.then(() => done);
    return turn;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/** A factory's connections once Prisma has connected, and the write transaction open on the writer, if any. */
interface Connections {
  reader: Database.Database;
  writer: Database.Database;
  /** Whose turn it is to write (sharedFileAdapter). */
  queue: WriteQueue;
  /** Stands for the transaction open on the writer; null between transactions. */
  transaction: object | null;
}

/** One process's view of the file: a writer connection behind the queue, a reader beside it. */
function sharedFileAdapter(writer: SqlDriverAdapter, reader: SqlDriverAdapter, connections: Connections): SqlDriverAdapter {
  const { queue } = connections;
  return {
    provider: writer.provider,
    adapterName: writer.adapterName,
    queryRaw: (query: SqlQuery): Promise<SqlResultSet> => (isSelect(query.sql) ? reader.queryRaw(query) : queue.run(() => writer.queryRaw(query))),
    executeRaw: (query: SqlQuery): Promise<number> => queue.run(() => writer.executeRaw(query)),
    executeScript: (script: string): Promise<void> => queue.run(() => writer.executeScript(script)),
    async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
      // SQLite transactions are serializable, the only level it offers.
      if (isolationLevel && isolationLevel !== 'SERIALIZABLE') throw new DriverAdapterError({ kind: 'InvalidIsolationLevel', level: isolationLevel });
      const release = await queue.acquire();
      try {
        await writer.executeRaw(statement('BEGIN IMMEDIATE'));
      } catch (error) {
        release();
        throw error;
      }
      const open = {};
      connections.transaction = open;
      const end = () => {
        if (connections.transaction === open) connections.transaction = null;
        release();
      };
      // Prisma sends COMMIT or ROLLBACK itself (usePhantomQuery: false), then
      // calls commit() or rollback(), which hand the turn on. When its COMMIT
      // fails, Prisma calls rollback() without a ROLLBACK: the transaction would
      // stay open on the connection and every later BEGIN fail, so rollback()
      // ends it (a no-op error when Prisma already has).
      return {
        provider: writer.provider,
        adapterName: writer.adapterName,
        options: { usePhantomQuery: false },
        queryRaw: (query) => writer.queryRaw(query),
        executeRaw: (query) => writer.executeRaw(query),
        commit: async () => end(),
        rollback: async () => {
          await writer.executeRaw(statement('ROLLBACK')).catch(() => {});
          end();
        },
        createSavepoint: async (name) => void (await writer.executeRaw(statement(`SAVEPOINT ${name}`))),
        rollbackToSavepoint: async (name) => void (await writer.executeRaw(statement(`ROLLBACK TO ${name}`))),
        releaseSavepoint: async (name) => void (await writer.executeRaw(statement(`RELEASE SAVEPOINT ${name}`))),
      };
    },
    async dispose() {
      await Promise.all([reader.dispose(), writer.dispose()]);
    },
  };
}

export interface SqliteAdapterOptions {
  shadowDatabaseUrl?: string;
  /**
   * For Prisma's schema engine (migrations): one plain connection, as it
   * expects — it locks the file for itself (locking_mode=EXCLUSIVE) and would
   * wait forever on a second connection of its own process.
   */
  schemaEngine?: boolean;
}

/** The driver adapter factory for a SQLite file (absolute path), as lib/db/adapter.ts hands it to Prisma. */
export function sqliteAdapterFactory(file: string, { schemaEngine = false, ...options }: SqliteAdapterOptions = {}): SqlMigrationAwareDriverAdapterFactory {
  const connections = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: SQLITE_BUSY_TIMEOUT_MS }, options);
  if (schemaEngine) return connections;
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'sqlite',
    adapterName: connections.adapterName,
    async connect() {
      const writer = await connections.connect();
      await writer.executeScript(SQLITE_PRAGMAS.map((p) => `PRAGMA ${p};`).join(' '));
      const reader = await connections.connect();
      for (const connection of [writer, reader]) keepStatements(connectionOf(connection));
      const connected: Connections = { reader: connectionOf(reader), writer: connectionOf(writer), queue: new WriteQueue(), transaction: null };
      opened.set(factory, connected);
      // query_only: a statement routed here by mistake fails rather than writing past the queue.
      await reader.executeScript('PRAGMA query_only = ON;');
      return sharedFileAdapter(writer, reader, connected);
    },
    // The migration engine's scratch database (in memory unless named): one
    // connection, used by the engine alone.
    connectToShadowDb: () => connections.connectToShadowDb(),
  };
  return factory;
}

/** Each factory's connections, once Prisma has connected. */
const opened = new WeakMap<SqlMigrationAwareDriverAdapterFactory, Connections>();

/**
 * The read-only connection behind a factory's adapter, while it is open: what
 * Prisma's own reads outside transactions use (sharedFileAdapter), for the
 * reads in raw SQL that skip Prisma's client (lib/db/raw-rows.ts queryRows).
 */
export function readerConnection(factory: SqlMigrationAwareDriverAdapterFactory): Database.Database | undefined {
  const reader = opened.get(factory)?.reader;
  return reader?.open ? reader : undefined;
}

/** What stands for the write transaction open on the factory's writer connection (null when none is). */
export function openTransaction(factory: SqlMigrationAwareDriverAdapterFactory): object | null {
  return opened.get(factory)?.transaction ?? null;
}

/**
 * The writer connection, while `transaction` (openTransaction's answer when it
 * began) is still the one open on it: the connection its reads belong on.
 * Once Prisma has ended it (a commit, a rollback, its timeout), undefined.
 */
export function transactionConnection(factory: SqlMigrationAwareDriverAdapterFactory, transaction: object): Database.Database | undefined {
  const connections = opened.get(factory);
  return connections && connections.transaction === transaction && connections.writer.open ? connections.writer : undefined;
}

/**
 * Runs `work` on the factory's writer connection in its turn among this
 * process's writes (the queue Prisma's own writes take, sharedFileAdapter),
 * outside any transaction: for a write in raw SQL that skips Prisma's client
 * (lib/db/raw-rows.ts). Undefined before Prisma has connected.
 */
export function inWriteTurn<T>(factory: SqlMigrationAwareDriverAdapterFactory, work: (writer: Database.Database) => T): Promise<T> | undefined {
  const connections = opened.get(factory);
  if (!connections?.writer.open) return undefined;
  return connections.queue.run(async () => work(connections.writer));
}

/**
 * Resolves once every write queued so far in this process (a transaction
 * open now among them) has ended, without writing anything itself; at once
 * before Prisma has connected.
 */
export async function writesDone(factory: SqlMigrationAwareDriverAdapterFactory): Promise<void> {
  const queue = opened.get(factory)?.queue;
  if (queue) (await queue.acquire())();
}
