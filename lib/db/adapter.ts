import fs from 'node:fs';
import path from 'node:path';
import { databaseProvider, sqliteFilePath } from '../config';
import { PostgresqlAdapterFactory } from './postgresql';
import { sqliteAdapterFactory, type SqliteAdapterOptions } from './sqlite';

/**
 * node-postgres closes a connection idle for 10 s by default. An instance
 * between bursts of work then opens its connections again as the next
 * requests come: each a new PostgreSQL backend (a process, its caches cold)
 * whose prepared statements are prepared again, on the event loop every
 * request waits on. In paced load runs those reconnections stalled the
 * process for 100 to 200 ms (writes' p99 over 200 ms). An instance keeps its
 * pool's connections open instead; TCP keep-alive finds a connection the
 * network dropped meanwhile.
 */
const POSTGRESQL_POOL = { idleTimeoutMillis: 0, keepAlive: true } as const;

/**
 * The Prisma driver adapter factory for a DATABASE_URL. `shadowDatabaseUrl`
 * is SQLite's (the migration engine's scratch database); on PostgreSQL the
 * schema engine creates and drops its shadow database on the same server.
 */
export function adapterFactoryFor(url: string, options: SqliteAdapterOptions = {}) {
  if (databaseProvider(url) === 'postgresql') return new PostgresqlAdapterFactory({ connectionString: url, ...POSTGRESQL_POOL });
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return sqliteAdapterFactory(file, options);
}
