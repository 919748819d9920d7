import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma as SqlitePrisma } from '../generated/prisma/client';
import { PrismaClient as PostgresqlClient, type Prisma as PostgresqlPrisma } from '../generated/postgresql/client';
import { databaseUrl } from '../config';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type Database from 'better-sqlite3';
import { adapterFactoryFor } from './adapter';
import { readerConnection } from './sqlite';
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

/** The SQLite clients' adapter factories (sqliteReader). */
const sqliteFactories = new WeakMap<Tx, SqlMigrationAwareDriverAdapterFactory>();

export function createDb(url: string = databaseUrl()): Db {
  const adapter = adapterFactoryFor(url);
  // The one place the PostgreSQL client stands in for the SQLite one (see Mismatches).
  if (adapter instanceof PrismaPg) return new PostgresqlClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }) as unknown as Db;
  const client = new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
  sqliteFactories.set(client, adapter);
  return client;
}

/**
 * The read-only SQLite connection behind `db`, when `db` is a SQLite client
 * (not a transaction's: its reads belong on the transaction's connection)
 * and has connected; otherwise undefined.
 */
export function sqliteReader(db: Tx): Database.Database | undefined {
  const factory = sqliteFactories.get(db);
  return factory && readerConnection(factory);
}

// One client per process; survives Next's module reloading in development.
const globalForDb = globalThis as unknown as { cruxDb?: Db };

export function db(): Db {
  globalForDb.cruxDb ??= createDb();
  return globalForDb.cruxDb;
}
