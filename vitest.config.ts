import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Every unit test runs on SQLite; those on the database (the service layer and
// the API, through tests/unit/support/database.ts) run on PostgreSQL too, in a
// project of their own so that a failure names its database.
// Files that need the PostgreSQL server itself (postgresqlServer()) run there only.
const unitDir = path.join(import.meta.dirname, 'tests', 'unit');
const testFiles = fs.readdirSync(unitDir).filter((file) => file.endsWith('.test.ts'));
const using = (text: string) => testFiles.filter((file) => fs.readFileSync(path.join(unitDir, file), 'utf8').includes(text)).map((file) => `tests/unit/${file}`);
const onTheDatabase = using('./support/database');
const postgresqlOnly = using('postgresqlServer()');

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    environment: 'node',
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['tests/unit/**/*.test.ts'],
          exclude: postgresqlOnly,
          provide: { databaseProvider: 'sqlite' },
          globalSetup: ['tests/unit/support/sqlite-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgresql',
          include: onTheDatabase,
          provide: { databaseProvider: 'postgresql' },
          globalSetup: ['tests/unit/support/postgresql-setup.ts'],
        },
      },
    ],
  },
});
