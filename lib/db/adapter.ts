import fs from 'node:fs';
import path from 'node:path';
import { databaseProvider, sqliteFilePath } from '../config';
import { sqliteAdapterFactory, type SqliteAdapterOptions } from './sqlite';

/** The Prisma driver adapter factory for a DATABASE_URL. */
export function adapterFactoryFor(url: string, options: SqliteAdapterOptions = {}) {
  if (databaseProvider(url) === 'postgresql') {
    // The schema and migrations target SQLite so far; a PostgreSQL client and
    // migration set (through @prisma/adapter-pg) come with the scale-out work.
    throw new Error('DATABASE_URL points at PostgreSQL, which this version of Crux does not support yet; use a file: URL.');
  }
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return sqliteAdapterFactory(file, options);
}
