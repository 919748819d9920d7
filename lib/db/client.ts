import { PrismaClient } from '../generated/prisma/client';
import { databaseUrl } from '../config';
import { adapterFactoryFor } from './adapter';
import { TRANSACTION_OPTIONS } from './transactions';

export type Db = PrismaClient;

export function createDb(url: string = databaseUrl()): Db {
  return new PrismaClient({ adapter: adapterFactoryFor(url), transactionOptions: TRANSACTION_OPTIONS });
}

// One client per process; survives Next's module reloading in development.
const globalForDb = globalThis as unknown as { cruxDb?: Db };

export function db(): Db {
  globalForDb.cruxDb ??= createDb();
  return globalForDb.cruxDb;
}
