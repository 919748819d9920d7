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
    return (await npmRunWith({}, script, ...args)).stdout;
  }

  async function npmRunWith(extra: Record<string, string>, script: string, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
    const [command, file] = scripts[script]!.split(' ');
    expect(command).toBe('tsx');
    const env = { ...process.env, ...extra };
    delete env.DATABASE_URL;
    return run(process.execPath, ['--import', 'tsx', file!, ...args], { cwd: project, env, encoding: 'utf8' });
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
    const created = await npmRunWith({ CRUX_PASSWORD: 'long enough for sure' }, 'user:create', '--email', 'cli@example.org', '--role', 'editor');
    expect(created.stdout).toContain('Created editor cli@example.org');
    expect(created.stdout + created.stderr).not.toContain('long enough for sure');
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

  it('user:create refuses a password on the command line, saying why and what to do instead', async () => {
    const refused = await npmRunWith({ CRUX_PASSWORD: 'long enough for sure' }, 'user:create', '--email', 'argv@example.org', '--password', 'visible in ps', '--role', 'editor').then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('--password is not accepted');
    expect(refused?.stderr).toContain('CRUX_PASSWORD');
    expect(refused?.stderr).not.toContain('visible in ps');
    // A weak password from the environment is refused naming the rule.
    const weak = await npmRunWith({ CRUX_PASSWORD: 'password123' }, 'user:create', '--email', 'weak@example.org', '--role', 'editor').catch((error: { stderr: string }) => error);
    expect(weak.stderr).toContain('one of the most common passwords');
    expect(weak.stderr).not.toContain('password123');
  }, 60_000);

  it('db:migration finds the schema unchanged (on PostgreSQL, through that server’s shadow database)', async () => {
    expect(await npmRun('db:migration', 'noop')).toContain('No schema change: nothing written.');
  }, 60_000);
});
