import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import fs from 'node:fs';
import path from 'node:path';
import { databaseProvider, sqliteFilePath } from '../config';

/** The Prisma driver adapter factory for a DATABASE_URL. */
export function adapterFactoryFor(url: string, options: { shadowDatabaseUrl?: string } = {}) {
  if (databaseProvider(url) === 'postgresql') {
    return new PrismaPg({ connectionString: url }, options);
  }
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return new PrismaBetterSqlite3({ url: `file:${file}` }, options);
}
