import { PrismaClient, type Prisma as SqlitePrisma } from '../generated/prisma/client';
import { PrismaClient as PostgresqlClient, type Prisma as PostgresqlPrisma } from '../generated/postgresql/client';
import { databaseUrl } from '../config';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { adapterFactoryFor } from './adapter';
import { PostgresqlAdapterFactory, queryInTransaction, whileBeginning, type OpenTransaction, type RawStatement } from './postgresql';
import { inWriteTurn, openTransaction, readerConnection, transactionConnection, writesDone } from './sqlite';
import { TRANSACTION_OPTIONS } from './transactions';

/**
 * The database, whichever the provider: the code is written against the SQLite
 * client's types. Both clients are generated from the same models
 * (scripts/prisma-schemas.mjs); TypeScript cannot relate two generated copies
 * of Prisma's generic method signatures, so Mismatches below checks what
 * matters per model and operation instead.
 */
export type Db = PrismaClient;

/** A Prisma client or the transaction client handed to $transaction callbacks. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

type SqliteModels = SqlitePrisma.TypeMap['model'];
type PostgresqlModels = PostgresqlPrisma.TypeMap['model'];
type Operations<M extends keyof SqliteModels> = keyof SqliteModels[M]['operations'] & keyof PostgresqlModels[M]['operations'];
/** Every query the code may write for SQLite is one PostgreSQL accepts, and PostgreSQL's rows are SQLite's. */
type Mismatches = {
  [M in keyof SqliteModels]:
    | (PostgresqlModels[M]['payload']['scalars'] extends SqliteModels[M]['payload']['scalars'] ? never : `${M} rows`)
    | {
        [O in Operations<M>]: SqliteModels[M]['operations'][O] extends { args: infer A }
          ? PostgresqlModels[M]['operations'][O] extends { args: infer B }
            ? A extends B
              ? never
              : `${M}.${O & string} arguments`
            : never
          : never;
      }[Operations<M>];
}[keyof SqliteModels];
const clientsAgree: [Mismatches] extends [never] ? true : Mismatches = true;
void clientsAgree;

/** The SQLite clients' adapter factories (sqliteConnection). */
const sqliteFactories = new WeakMap<Tx, SqlMigrationAwareDriverAdapterFactory>();
/** The transaction clients of SQLite clients, each with its factory and what stood for its transaction when it began. */
const sqliteTransactions = new WeakMap<Tx, { factory: SqlMigrationAwareDriverAdapterFactory; transaction: object }>();

/**
 * A SQLite client whose interactive transactions are known by their
 * transaction clients (sqliteConnection): the one way to tell Prisma's
 * transaction clients apart, which carry nothing public of their own.
 */
function sqliteClient(factory: SqlMigrationAwareDriverAdapterFactory): Db {
  const client = new PrismaClient({ adapter: factory, transactionOptions: TRANSACTION_OPTIONS });
  sqliteFactories.set(client, factory);
  const begin = client.$transaction.bind(client) as (work: unknown, options?: unknown) => Promise<unknown>;
  const transaction = (work: unknown, options?: unknown) => {
    if (typeof work !== 'function') return begin(work, options);
    return begin((tx: Tx) => {
      // Prisma calls this once the transaction has begun on the writer connection, which it holds until it ends.
      const open = openTransaction(factory);
      if (open) sqliteTransactions.set(tx, { factory, transaction: open });
      return (work as (tx: Tx) => Promise<unknown>)(tx);
    }, options);
  };
  client.$transaction = transaction as Db['$transaction'];
  return client;
}

/** The PostgreSQL clients' adapter factories, and their transaction clients' transactions (postgresqlStatement). */
const postgresqlFactories = new WeakMap<Tx, PostgresqlAdapterFactory>();
const postgresqlTransactions = new WeakMap<Tx, OpenTransaction>();

/** A PostgreSQL client whose interactive transactions are known by their transaction clients, as sqliteClient's are. */
function postgresqlClient(factory: PostgresqlAdapterFactory): Db {
  // The one place the PostgreSQL client stands in for the SQLite one (see Mismatches).
  const client = new PostgresqlClient({ adapter: factory, transactionOptions: TRANSACTION_OPTIONS }) as unknown as Db;
  postgresqlFactories.set(client, factory);
  const begin = client.$transaction.bind(client) as (work: unknown, options?: unknown) => Promise<unknown>;
  const transaction = (work: unknown, options?: unknown) => {
    if (typeof work !== 'function') return begin(work, options);
    return whileBeginning((begun) =>
      begin((tx: Tx) => {
        const open = begun();
        if (open) postgresqlTransactions.set(tx, open);
        return (work as (tx: Tx) => Promise<unknown>)(tx);
      }, options),
    );
  };
  client.$transaction = transaction as Db['$transaction'];
  return client;
}

export function createDb(url: string = databaseUrl()): Db {
  const adapter = adapterFactoryFor(url);
  if (adapter instanceof PostgresqlAdapterFactory) return postgresqlClient(adapter);
  return sqliteClient(adapter);
}

/** True when `db` is a PostgreSQL client or one of its transactions (postgresqlStatement). */
export function isPostgresqlClient(db: Tx): boolean {
  return postgresqlFactories.has(db) || postgresqlTransactions.has(db);
}

/**
 * Runs a statement in raw SQL straight on PostgreSQL's driver, where `db`'s
 * statements run: a PostgreSQL client's pool once it has connected, or the
 * connection of one of its transactions while that is open, in its turn.
 * Undefined elsewhere (SQLite, a transaction ended, a client not yet connected).
 */
export function postgresqlStatement(db: Tx, statement: RawStatement): Promise<pg.QueryResult<Record<string, unknown>>> | undefined {
  const factory = postgresqlFactories.get(db);
  if (factory) return factory.query(statement);
  const transaction = postgresqlTransactions.get(db);
  return transaction && queryInTransaction(transaction, statement);
}

/** On a SQLite client, once the writes this process has queued so far are over (lib/db/sqlite.ts writesDone); at once elsewhere. */
export function sqliteWritesDone(db: Db): Promise<void> {
  const factory = sqliteFactories.get(db);
  return factory ? writesDone(factory) : Promise.resolve();
}

/**
 * The SQLite connection `db`'s reads belong on: a SQLite client's read-only
 * connection once it has connected; its writer connection for one of its
 * transactions while that is open; otherwise (PostgreSQL, a transaction
 * ended) undefined.
 */
export function sqliteConnection(db: Tx): Database.Database | undefined {
  const factory = sqliteFactories.get(db);
  if (factory) return readerConnection(factory);
  const transaction = sqliteTransactions.get(db);
  return transaction && transactionConnection(transaction.factory, transaction.transaction);
}

/**
 * Runs `work` on the SQLite connection `db`'s writes belong on: for a SQLite
 * client, its writer in its turn among the process's writes; for one of its
 * transactions while open, the writer it holds. Undefined elsewhere
 * (PostgreSQL, a transaction ended, a client not yet connected).
 */
export function sqliteWrite<T>(db: Tx, work: (connection: Database.Database) => T): Promise<T> | undefined {
  const factory = sqliteFactories.get(db);
  if (factory) return inWriteTurn(factory, work);
  const transaction = sqliteTransactions.get(db);
  const connection = transaction && transactionConnection(transaction.factory, transaction.transaction);
  return connection ? new Promise<T>((resolve) => resolve(work(connection))) : undefined;
}

// One client per process; survives Next's module reloading in development.
const globalForDb = globalThis as unknown as { cruxDb?: Db };

export function db(): Db {
  globalForDb.cruxDb ??= createDb();
  return globalForDb.cruxDb;
}
