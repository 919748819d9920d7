// npm run db:backup and db:restore (lib/db/backup.ts), on SQLite and on
// PostgreSQL: a backup taken by the CLI while writers keep writing restores, in
// a fresh database, to the data as it was at one instant — for each writer, all
// its writes up to some point and none after (at least those acknowledged
// before the backup began, none begun after it ended), every claim with its
// verdicts at their versions, every change with its event, events in the order
// written — with the migrations all applied, and new writes continue after it.
// A restore checks the backup first and refuses to replace a database in use.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../lib/db/client';
import {
  backupDatabase,
  backupFormatOf,
  defaultBackupPath,
  findPostgresClientTools,
  libpqConnection,
  migrationProblems,
  restoreDatabase,
} from '../../lib/db/backup';
import { applyPendingMigrations, migrationsDirFor, readMigrations } from '../../lib/db/schema-engine';
import { createArticle } from '../../lib/services/articles';
import { createClaim } from '../../lib/services/claims';
import { upsertVerdict } from '../../lib/services/verdicts';
import { createTestDatabase, ctxFor, makeUser, testProvider, type TestDatabase } from './support/database';

const run = promisify(execFile);
const scripts = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts as Record<string, string>;

/** `npm run <script> -- args` on DATABASE_URL=url: the script's `tsx <file>` run directly (spares npm's start-up). */
async function cli(script: 'db:backup' | 'db:restore', url: string, ...args: string[]): Promise<{ code: number; out: string }> {
  const [command, file] = scripts[script]!.split(' ');
  expect(command).toBe('tsx');
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', file!, ...args], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('without the PostgreSQL client tools', () => {
  it('a PostgreSQL backup or restore fails at once, naming what to install', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-no-pg-'));
    const saved = process.env.POSTGRES_BIN_DIR;
    process.env.POSTGRES_BIN_DIR = empty;
    try {
      const unreachable = 'postgresql://crux@127.0.0.1:1/crux';
      const message = /pg_dump, pg_restore and psql were not found: install the PostgreSQL client tools.*apt-get install -y postgresql-client/;
      await expect(backupDatabase(unreachable, path.join(empty, 'out.pgdump'))).rejects.toThrow(message);
      const archive = path.join(empty, 'in.pgdump');
      fs.writeFileSync(archive, 'PGDMP\x01\x0e\x00');
      await expect(restoreDatabase(archive, unreachable)).rejects.toThrow(message);
      expect(fs.readdirSync(empty)).toEqual(['in.pgdump']);
    } finally {
      if (saved === undefined) delete process.env.POSTGRES_BIN_DIR;
      else process.env.POSTGRES_BIN_DIR = saved;
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('backup rules', () => {
  it('tells a SQLite file from a pg_dump archive by its first bytes, and anything else from both', () => {
    expect(backupFormatOf(Buffer.from('SQLite format 3\0rest'))).toBe('sqlite');
    expect(backupFormatOf(Buffer.from('PGDMP\x01\x0e'))).toBe('postgresql');
    expect(backupFormatOf(Buffer.from('-- PostgreSQL database dump'))).toBeNull();
    expect(backupFormatOf(Buffer.alloc(0))).toBeNull();
  });

  it('names backups by UTC time, sortable, without colons', () => {
    const at = new Date('2026-11-26T04:59:07.123Z');
    expect(defaultBackupPath('sqlite', at, '/srv/crux/data/backups')).toBe('/srv/crux/data/backups/crux-2026-11-26T04-59-07Z.sqlite');
    expect(defaultBackupPath('postgresql', at, 'b')).toBe(path.join('b', 'crux-2026-11-26T04-59-07Z.pgdump'));
  });

  it('restores a backup whose migrations this version knows, even one that predates some; refuses newer, unfinished or none', () => {
    const known = ['1_init', '2_more', '3_latest'];
    const done = (name: string) => ({ name, finished: true, rolledBack: false });
    expect(migrationProblems([done('1_init'), done('2_more'), done('3_latest')], known)).toEqual([]);
    expect(migrationProblems([done('1_init')], known)).toEqual([]);
    // A migration that failed and was rolled back, then applied again, counts once.
    expect(migrationProblems([done('1_init'), { name: '2_more', finished: false, rolledBack: true }, done('2_more')], known)).toEqual([]);
    expect(migrationProblems([done('1_init'), done('4_future')], known)).toEqual([
      'migration 4_future is unknown to this version of Crux (the backup comes from a newer one: restore it with that version)',
    ]);
    expect(migrationProblems([done('1_init'), { name: '2_more', finished: false, rolledBack: false }], known)).toEqual([
      'migration 2_more had not finished when the backup was taken',
    ]);
    expect(migrationProblems([], known)).toEqual(['it holds no Crux database (no migration applied)']);
  });

  it('hands the PostgreSQL tools a URL without the password (it goes in the environment) nor Prisma’s parameters', () => {
    expect(libpqConnection('postgresql://crux:s%40cret@db.example:5433/crux?schema=newsroom&sslmode=require&connection_limit=5')).toEqual({
      url: 'postgresql://crux@db.example:5433/crux?sslmode=require',
      password: 's@cret',
      schema: 'newsroom',
    });
    expect(libpqConnection('postgres://localhost/crux')).toEqual({ url: 'postgres://localhost/crux', password: null, schema: 'public' });
  });

  it('finds pg_dump, pg_restore and psql where POSTGRES_BIN_DIR says, and nowhere when they are not there', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-no-pg-'));
    try {
      expect(findPostgresClientTools({ POSTGRES_BIN_DIR: empty })).toBeNull();
      for (const tool of ['pg_dump', 'pg_restore', 'psql']) fs.writeFileSync(path.join(empty, tool), '');
      expect(findPostgresClientTools({ POSTGRES_BIN_DIR: empty })).toBe(empty);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

const WRITERS = 3;
const VERSIONS = 2;
const RATINGS = ['false', 'true'] as const;
const passage = (i: number) => `Affirmation ${String(i).padStart(4, '0')} à vérifier.`;
const PASSAGES = 600;
const TEXT = Array.from({ length: PASSAGES }, (_, i) => passage(i)).join(' ');

/** One write of one writer, in the order it wrote them. */
interface Write {
  passage: number;
  /** 0: the claim; 1…VERSIONS: its verdict at that version. */
  version: number;
  acknowledged: boolean;
}

describe(`backup while writing, restore in a fresh database (${testProvider})`, () => {
  let source: TestDatabase;
  let db: Db;
  let articleId: string;
  let reviewers: Awaited<ReturnType<typeof makeUser>>[];
  let dir: string;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-backup-'));
    source = await createTestDatabase();
    db = createDb(source.url);
    const editor = await makeUser(db, 'editor');
    reviewers = await Promise.all(Array.from({ length: WRITERS }, () => makeUser(db, 'reviewer')));
    articleId = (await createArticle(ctxFor(db, editor), { text: TEXT, title: 'Sauvegarde', language: 'fr' })).id;
  }, 60_000);

  afterAll(async () => {
    await db.$disconnect();
    for (const cleanup of cleanups) await cleanup();
    await source.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const rationale = (i: number, version: number) => `Justification ${version} du passage ${i}.`;

  it('holds, after a restore, each writer’s writes up to one instant, consistent, with its history in order; writes go on after', async () => {
    const writes: Write[][] = reviewers.map(() => []);
    let next = 0;
    let stop = false;
    const writer = async (w: number) => {
      const ctx = ctxFor(db, reviewers[w]!);
      while (!stop) {
        // Paced: the machine is shared, and the backup should see writes, not be drowned by them.
        await new Promise((r) => setTimeout(r, 2));
        // Checked after the pause, in which another writer may have taken the last passage (the very last is for after the restore).
        if (stop || next >= PASSAGES - 1) break;
        const i = next++;
        const exact = passage(i);
        const start = TEXT.indexOf(exact);
        const mine = writes[w]!;
        mine.push({ passage: i, version: 0, acknowledged: false });
        const claim = await createClaim(ctx, articleId, { exact, start, end: start + exact.length });
        mine.at(-1)!.acknowledged = true;
        for (let version = 1; version <= VERSIONS; version++) {
          mine.push({ passage: i, version, acknowledged: false });
          await upsertVerdict(ctx, claim.id, { rating: RATINGS[version - 1], rationale: rationale(i, version), version: version - 1 });
          mine.at(-1)!.acknowledged = true;
        }
      }
    };
    const writing = Promise.all(reviewers.map((_, w) => writer(w)));
    // Each writer has written something before the backup begins.
    await expect.poll(() => Math.min(...writes.map((mine) => mine.filter((x) => x.acknowledged).length)), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);

    // The backup, by the CLI in a process of its own, while the writers go on.
    const acknowledgedBefore = writes.map((mine) => mine.filter((x) => x.acknowledged).length);
    const file = path.join(dir, testProvider === 'sqlite' ? 'crux.sqlite' : 'crux.pgdump');
    const backup = await cli('db:backup', source.url, '--out', file);
    const begunBy = writes.map((mine) => mine.length);
    stop = true;
    await writing;
    expect(backup.code, backup.out).toBe(0);
    // Password and token hashes inside: for its owner's eyes only.
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const taken = /\((\d+) bytes, (\d+) ms\)/.exec(backup.out)!;
    console.log(`${testProvider}: backup of ${next} claims being written: ${taken[1]} bytes in ${taken[2]} ms; writes acknowledged before it began ${acknowledgedBefore.join('+')}, begun before it ended ${begunBy.join('+')}`);
    expect(writes.reduce((n, mine) => n + mine.length, 0) - acknowledgedBefore.reduce((a, b) => a + b, 0), 'writes during the backup').toBeGreaterThan(0);

    // Restored into a database that has never existed.
    const target = await createTestDatabase({ migrated: false });
    cleanups.push(() => target.drop());
    const restored = await cli('db:restore', target.url, file);
    expect(restored.code, restored.out).toBe(0);
    const copy = createDb(target.url);
    cleanups.unshift(() => copy.$disconnect());

    const claims = await copy.claim.findMany({ where: { articleId }, include: { verdicts: true } });
    const events = await copy.event.findMany({ where: { articleId, type: { in: ['claim.created', 'verdict.updated'] } }, orderBy: { id: 'asc' } });
    const byPassage = new Map(claims.map((c) => [Number(c.exact.slice('Affirmation '.length, 'Affirmation '.length + 4)), c]));
    let restoredWrites = 0;
    for (const [w, mine] of writes.entries()) {
      // What the restore holds of this writer's writes, in its order: a prefix.
      const held = mine.map((x) => {
        const claim = byPassage.get(x.passage);
        const verdict = claim?.verdicts.find((v) => v.reviewerId === reviewers[w]!.id);
        return x.version === 0 ? !!claim : (verdict?.version ?? 0) >= x.version;
      });
      const count = held.indexOf(false) === -1 ? held.length : held.indexOf(false);
      expect(held.slice(count).every((h) => !h), `writer ${w}: the restore holds writes ${held.map((h) => (h ? 1 : 0)).join('')}`).toBe(true);
      expect(count).toBeGreaterThanOrEqual(acknowledgedBefore[w]!);
      expect(count).toBeLessThanOrEqual(begunBy[w]!);
      restoredWrites += count;
      // Each held write with its content and its event, events in the writer's order.
      const eventIds = mine.slice(0, count).map((x) => {
        const claim = byPassage.get(x.passage)!;
        if (x.version === 0) return events.find((e) => e.type === 'claim.created' && e.entityId === claim.id)!.id;
        const verdictEvents = events.filter((e) => e.type === 'verdict.updated' && e.claimId === claim.id && e.actorId === reviewers[w]!.id);
        expect(verdictEvents.length).toBe(claim.verdicts[0]!.version);
        return verdictEvents[x.version - 1]!.id;
      });
      expect(eventIds).toEqual([...eventIds].sort((a, b) => a - b));
      for (const claim of claims.filter((c) => c.createdById === reviewers[w]!.id)) {
        const i = Number(claim.exact.slice('Affirmation '.length, 'Affirmation '.length + 4));
        for (const verdict of claim.verdicts) expect({ rating: verdict.rating, rationale: verdict.rationale }).toEqual({ rating: RATINGS[verdict.version - 1], rationale: rationale(i, verdict.version) });
      }
    }
    // No event without its change, no change without its event.
    expect(events.length).toBe(restoredWrites);
    expect(claims.length + claims.reduce((n, c) => n + c.verdicts.reduce((m, v) => m + v.version, 0), 0)).toBe(restoredWrites);
    console.log(`${testProvider}: restored ${restoredWrites} of ${writes.reduce((n, mine) => n + mine.length, 0)} writes (${claims.length} claims) in ${/\((\d+) ms\)/.exec(restored.out)?.[1]} ms`);

    // Every migration applied, as recorded; the ids go on after the restored ones (PostgreSQL's sequences restored).
    const applied = await copy.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
    );
    expect(applied.map((m) => m.migration_name)).toEqual(readMigrations(testProvider).migrationDirectories.map((m) => m.path));
    const exact = passage(PASSAGES - 1);
    await createClaim(ctxFor(copy, reviewers[0]!), articleId, { exact, start: TEXT.indexOf(exact), end: TEXT.length });
    const last = await copy.event.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(last.type).toBe('claim.created');
    expect(last.id).toBeGreaterThan(events.at(-1)!.id);
    await copy.$disconnect();

    // The database now holds data: the restore refuses to replace it without --force, and leaves it alone.
    const refused = await cli('db:restore', target.url, file);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(testProvider === 'sqlite' ? /holds a database: restoring would replace it\. Run again with --force/ : /The database is in use: its schema "public" holds \d+ tables\. Stop Crux, then run again with --force/);
    const again = createDb(target.url);
    expect(await again.claim.count({ where: { articleId } })).toBe(claims.length + 1);
    await again.$disconnect();

    // With --force it is replaced: the claim written after the restore is gone again.
    const forced = await cli('db:restore', target.url, '--force', file);
    expect(forced.code, forced.out).toBe(0);
    const replaced = createDb(target.url);
    expect(await replaced.claim.count({ where: { articleId } })).toBe(claims.length);
    await replaced.$disconnect();
  }, 120_000);

  it('refuses a damaged backup before touching the database', async () => {
    const file = path.join(dir, testProvider === 'sqlite' ? 'whole.sqlite' : 'whole.pgdump');
    expect((await cli('db:backup', source.url, '--out', file)).code).toBe(0);
    // Cut short, as by a full disk or an interrupted copy.
    const damaged = path.join(dir, `damaged-${path.basename(file)}`);
    fs.writeFileSync(damaged, fs.readFileSync(file).subarray(0, Math.floor(fs.statSync(file).size * 0.6)));
    const claimsBefore = await db.claim.count();
    const refused = await cli('db:restore', source.url, '--force', damaged);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(testProvider === 'sqlite' ? /is damaged/ : /pg_restore failed|The restore failed and was rolled back/);
    expect(await db.claim.count()).toBe(claimsBefore);
  }, 60_000);

  it('refuses to replace a database a running server has open', async () => {
    const file = path.join(dir, testProvider === 'sqlite' ? 'in-use.sqlite' : 'in-use.pgdump');
    expect((await cli('db:backup', source.url, '--out', file)).code).toBe(0);
    // `db` (this process) has the source open, as a server would.
    const claimsBefore = await db.claim.count();
    const refused = await cli('db:restore', source.url, file);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(
      testProvider === 'sqlite'
        ? /is open in another process \(a running Crux server\?\): stop it, then restore/
        : /The database is in use: its schema "public" holds \d+ tables; \d+ other sessions are connected to it \(a running Crux server\?\)\. Stop Crux/,
    );
    if (testProvider === 'sqlite') {
      // Not even with --force: the server would go on writing to the file it has open, and its log would meet the new file.
      expect((await cli('db:restore', source.url, '--force', file)).out).toMatch(/even with --force/);
    }
    expect(await db.claim.count()).toBe(claimsBefore);
  }, 60_000);

  it('refuses a backup made by a newer version of Crux (a migration this one does not know)', async () => {
    await db.$executeRawUnsafe(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ('future', 'x', CURRENT_TIMESTAMP, '29991231000000_future', CURRENT_TIMESTAMP, 1)`,
    );
    const file = path.join(dir, testProvider === 'sqlite' ? 'future.sqlite' : 'future.pgdump');
    try {
      expect((await cli('db:backup', source.url, '--out', file)).code).toBe(0);
    } finally {
      await db.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE id = 'future'`);
    }
    const target = await createTestDatabase({ migrated: false });
    cleanups.push(() => target.drop());
    const refused = await cli('db:restore', target.url, file);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('migration 29991231000000_future is unknown to this version of Crux (the backup comes from a newer one: restore it with that version)');
  }, 60_000);

  it('brings a backup from an older version up to this one: the migrations it predates are applied after the restore', async () => {
    // A project whose newest migration is not written yet: an older Crux.
    const older = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-older-'));
    cleanups.push(async () => fs.rmSync(older, { recursive: true, force: true }));
    fs.cpSync('prisma', path.join(older, 'prisma'), { recursive: true });
    const migrations = readMigrations(testProvider).migrationDirectories.map((m) => m.path);
    const newest = migrations.at(-1)!;
    fs.rmSync(path.join(migrationsDirFor(testProvider, older), newest), { recursive: true });
    const old = await createTestDatabase({ migrated: false });
    cleanups.push(() => old.drop());
    expect(await applyPendingMigrations(old.url, { root: older })).toEqual(migrations.slice(0, -1));
    const file = path.join(dir, testProvider === 'sqlite' ? 'older.sqlite' : 'older.pgdump');
    expect((await cli('db:backup', old.url, '--out', file)).code).toBe(0);

    const target = await createTestDatabase({ migrated: false });
    cleanups.push(() => target.drop());
    const restored = await cli('db:restore', target.url, file);
    expect(restored.code, restored.out).toBe(0);
    expect(restored.out).toContain(`applied 1 newer migration(s): ${newest}`);
    const copy = createDb(target.url);
    const applied = await copy.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
    );
    await copy.$disconnect();
    expect(applied.map((m) => m.migration_name)).toEqual(migrations);
  }, 60_000);

  it('refuses a backup of the other database, and a file that is no backup', async () => {
    const other = path.join(dir, 'other');
    fs.writeFileSync(other, testProvider === 'sqlite' ? 'PGDMP\x01\x0e\x00' : 'SQLite format 3\0');
    await expect(restoreDatabase(other, source.url)).rejects.toThrow(testProvider === 'sqlite' ? 'is a PostgreSQL backup, and DATABASE_URL is a SQLite database' : 'is a SQLite backup, and DATABASE_URL is a PostgreSQL database');
    fs.writeFileSync(other, 'not a backup');
    await expect(restoreDatabase(other, source.url)).rejects.toThrow('is neither a SQLite database nor a pg_dump custom-format archive');
  });
});
