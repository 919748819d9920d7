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
const allFiles = testFiles.map((file) => `tests/unit/${file}`);
/** The files whose source holds `text` (or matches it). */
function using(text: string | RegExp): string[] {
  return testFiles
    .filter((file) => {
      const source = fs.readFileSync(path.join(unitDir, file), 'utf8');
      return typeof text === 'string' ? source.includes(text) : text.test(source);
    })
    .map((file) => `tests/unit/${file}`);
}
// sqlite-*.test.ts are about SQLite itself (its file, its processes): they would run the same in PostgreSQL's project.
const onTheDatabase = using('./support/database').filter((file) => !path.basename(file).startsWith('sqlite-'));
const postgresqlOnly = using('postgresqlServer()');
// Timed at newsroom size: they run alone, not beside another file.
const atScale = allFiles.filter((file) => file.endsWith('-at-scale.test.ts'));
/**
 * Files that change what other files would import: they replace modules (`vi.mock`) or
 * methods (`vi.spyOn`), set the environment, or point the app's own database client at theirs
 * (useProcessDatabase, the route handlers under app/). Each of those gets a fresh module graph
 * (Vitest's isolation); every other file shares its worker's, loaded once: the SQLite files
 * took 113 s instead of 137 s here, their module imports 40 s instead of 64.
 */
const changesModules = /useProcessDatabase|vi\.(mock|doMock|spyOn|hoisted|stubEnv|stubGlobal|useFakeTimers|resetModules)\b|process\.env\.\w+ *=[^=]|delete process\.env|\bapp\//;
const isolated = using(changesModules);

const setups = { sqlite: 'tests/unit/support/sqlite-setup.ts', postgresql: 'tests/unit/support/postgresql-setup.ts' };

/**
 * The projects run one group after the other (groupOrder): SQLite's, then
 * PostgreSQL's, each first its files two or more at a time (those that change
 * modules isolated, the others sharing modules), then its files at scale alone.
 */
function project(provider: 'sqlite' | 'postgresql', files: string[], kind: 'isolated' | 'shared' | 'scale', groupOrder: number): TestProjectInlineConfiguration {
  const names = { isolated: provider, shared: `${provider}, shared modules`, scale: `${provider} at scale` };
  const include = {
    isolated: files.filter((f) => isolated.includes(f) && !atScale.includes(f)),
    shared: files.filter((f) => !isolated.includes(f) && !atScale.includes(f)),
    scale: files.filter((f) => atScale.includes(f)),
  };
  return {
    extends: true,
    test: {
      name: names[kind],
      include: include[kind],
      exclude: provider === 'sqlite' ? postgresqlOnly : [],
      isolate: kind !== 'shared',
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
      project('sqlite', allFiles, 'isolated', 0),
      project('sqlite', allFiles, 'shared', 0),
      project('sqlite', allFiles, 'scale', 1),
      project('postgresql', onTheDatabase, 'isolated', 2),
      project('postgresql', onTheDatabase, 'shared', 2),
      project('postgresql', onTheDatabase, 'scale', 3),
    ],
  },
});
