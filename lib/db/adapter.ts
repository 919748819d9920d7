import fs from 'node:fs';
import path from 'node:path';
import { databaseProvider, sqliteFilePath } from '../config';
import { PostgresqlAdapterFactory } from './postgresql';
import { sqliteAdapterFactory, type SqliteAdapterOptions } from './sqlite';

/**
 * The Prisma driver adapter factory for a DATABASE_URL. `shadowDatabaseUrl`
 * is SQLite's (the migration engine's scratch database); on PostgreSQL the
 * schema engine creates and drops its shadow database on the same server.
 */
export function adapterFactoryFor(url: string, options: SqliteAdapterOptions = {}) {
  if (databaseProvider(url) === 'postgresql') return new PostgresqlAdapterFactory({ connectionString: url });
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return sqliteAdapterFactory(file, options);
}
