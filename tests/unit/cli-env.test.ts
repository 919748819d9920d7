// Every command-line tool reads .env like the server does (scripts/cli.ts
// loadEnv): a project whose DATABASE_URL is set only in .env migrates, seeds
// and creates accounts in that database, on SQLite and on PostgreSQL.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../lib/db/client';
import { diffDatabaseToSchema, migrationsDirFor } from '../../lib/db/schema-engine';
import { createTestDatabase, testProvider, type TestDatabase } from './support/database';

const run = promisify(execFile);

describe(`the CLIs with DATABASE_URL in .env only (${testProvider})`, () => {
  let project: string;
  let database: TestDatabase;

  const scripts = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts as Record<string, string>;

  /**
   * `npm run <script> -- args` in the temporary project, with no DATABASE_URL
   * in the environment; the script's `tsx <file>` run directly, which spares
   * npm's start-up (and the run's time) but runs the same file the same way.
   */
  async function npmRun(script: string, ...args: string[]): Promise<string> {
    const [command, file] = scripts[script]!.split(' ');
    expect(command).toBe('tsx');
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', file!, ...args], { cwd: project, env, encoding: 'utf8' });
    return stdout;
  }

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
    // The project as its own directory: the sources linked, its own .env.
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-cli-'));
    for (const entry of ['package.json', 'node_modules', 'scripts', 'lib', 'prisma', 'tsconfig.json']) {
      fs.symlinkSync(path.resolve(entry), path.join(project, entry));
    }
    fs.writeFileSync(path.join(project, '.env'), `DATABASE_URL=${database.url}\n`);
  }, 60_000);

  afterAll(async () => {
    fs.rmSync(project, { recursive: true, force: true });
    await database.drop();
  });

  it('db:migrate applies the migrations of that database’s provider to it', async () => {
    const names = fs.readdirSync(migrationsDirFor(testProvider), { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(await npmRun('db:migrate')).toContain(`Applied ${names.length} migration(s)`);
    expect(await diffDatabaseToSchema(database.url)).toBe('');
  }, 60_000);

  it('db:seed, user:create and token:create work in it', async () => {
    expect(await npmRun('db:seed')).toMatch(/imported as article/);
    expect(await npmRun('user:create', '--email', 'cli@example.org', '--password', 'long enough', '--role', 'editor')).toContain('Created editor cli@example.org');
    const token = (await npmRun('token:create', '--email', 'cli@example.org')).trim().split('\n').at(-1);
    expect(token).toMatch(/^crux_/);
    const db = createDb(database.url);
    try {
      expect(await db.user.findUniqueOrThrow({ where: { email: 'cli@example.org' } })).toMatchObject({ role: 'editor' });
      expect(await db.apiToken.count()).toBe(1);
      expect(await db.article.count({ where: { importKey: { startsWith: 'seed:' } } })).toBeGreaterThan(0);
    } finally {
      await db.$disconnect();
    }
  }, 60_000);

  it('db:migration finds the schema unchanged (on PostgreSQL, through that server’s shadow database)', async () => {
    expect(await npmRun('db:migration', 'noop')).toContain('No schema change: nothing written.');
  }, 60_000);
});
