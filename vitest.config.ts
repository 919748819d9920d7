import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Every unit test runs on SQLite; those on the database (the service layer and
// the API, through tests/unit/support/database.ts) run on PostgreSQL too, in
// projects of their own so that a failure names its database. Files that need
// the PostgreSQL server itself (they call postgresqlServer()) run there only.
const unitDir = path.join(import.meta.dirname, 'tests', 'unit');
const testFiles = fs.readdirSync(unitDir).filter((file) => file.endsWith('.test.ts'));
const using = (text: string) => testFiles.filter((file) => fs.readFileSync(path.join(unitDir, file), 'utf8').includes(text)).map((file) => `tests/unit/${file}`);
// sqlite-*.test.ts are about SQLite itself (its file, its processes): they would run the same in PostgreSQL's project.
const onTheDatabase = using('./support/database').filter((file) => !path.basename(file).startsWith('sqlite-'));
const postgresqlOnly = using('postgresqlServer()');
// Timed at newsroom size: they run alone, not beside another file.
const atScale = testFiles.filter((file) => file.endsWith('-at-scale.test.ts')).map((file) => `tests/unit/${file}`);

const setups = { sqlite: 'tests/unit/support/sqlite-setup.ts', postgresql: 'tests/unit/support/postgresql-setup.ts' };

/**
 * The projects run one group after the other (groupOrder): SQLite's, then
 * PostgreSQL's, each first its files two or more at a time, then its files at
 * scale alone.
 */
function project(provider: 'sqlite' | 'postgresql', include: string[], scale: boolean, groupOrder: number): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name: scale ? `${provider} at scale` : provider,
      include: scale ? atScale.filter((f) => provider === 'sqlite' || include.includes(f)) : include,
      exclude: [...(provider === 'sqlite' ? postgresqlOnly : []), ...(scale ? [] : atScale)],
      provide: { databaseProvider: provider },
      globalSetup: [setups[provider]],
      sequence: { groupOrder },
    },
  };
}

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    environment: 'node',
    // Auth.js imports `next/server` without the extension Node's ESM resolution needs: bundled by Vite
    // instead, so tests can call the routes and server actions in-process (tests/unit/support/session.ts).
    server: { deps: { inline: ['next-auth'] } },
    // At least two files at once, even on two cores: the PostgreSQL tests spend
    // much of their time waiting on the server, in a process of its own.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // Worker threads rather than child processes (Vitest's default): the SQLite project ran in
    // 93 s instead of 115 s here, a fifth less CPU, with the same isolation (a fresh module
    // graph per file). No test changes the working directory, which a thread cannot.
    pool: 'threads',
    projects: [
      project('sqlite', ['tests/unit/**/*.test.ts'], false, 0),
      project('sqlite', ['tests/unit/**/*.test.ts'], true, 1),
      project('postgresql', onTheDatabase, false, 2),
      project('postgresql', onTheDatabase, true, 3),
    ],
  },
});
