// lib/db/sqlite.ts: the settings and transaction behaviour that let several
// requests and several processes write to one SQLite file. Always SQLite (its
// own temporary file), whichever database the service tests run on.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database, { type Statement } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb, sqliteWritesDone, type Db, type Tx } from '../../lib/db/client';
import { asDomainError, isBusy } from '../../lib/db/errors';
import { checkRows, queryRows, readsDirectly, selectList } from '../../lib/db/raw-rows';
import { Prisma } from '../../lib/generated/prisma/client';
import { applyPendingMigrations } from '../../lib/db/schema-engine';
import { KEPT_STATEMENTS, keepStatements, selectRaw, SQLITE_BUSY_TIMEOUT_MS, sqliteAdapterFactory } from '../../lib/db/sqlite';

/** A promise and the function that settles it: holds a transaction open until the test says. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('SQLite shared by several writers', () => {
  let dir: string;
  let file: string;
  let db: Db;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-sqlite-'));
    file = path.join(dir, 'test.db');
    await applyPendingMigrations(`file:${file}`);
    db = createDb(`file:${file}`);
    await db.user.create({ data: { id: 'u1', email: 'ada@example.org', passwordHash: 'x' } });
  }, 60_000);

  afterAll(async () => {
    await db?.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A setting as the app's connection has it. */
  const pragma = async (name: string) => Object.values((await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`))[0] ?? {})[0];

  it('puts the file in WAL mode, with synchronous=NORMAL and the busy timeout', async () => {
    expect(await pragma('journal_mode')).toBe('wal');
    // Seen from another connection: the mode is stored in the file, for every process.
    const other = new Database(file, { readonly: true });
    try {
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      other.close();
    }
    expect(Number(await pragma('synchronous'))).toBe(1); // NORMAL
    expect(Number(await pragma('busy_timeout'))).toBe(SQLITE_BUSY_TIMEOUT_MS);
  });

  it('a transaction takes the write lock as it begins (BEGIN IMMEDIATE), before its first write', async () => {
    const hold = gate();
    const began = gate();
    const transaction = db.$transaction(async (tx) => {
      await tx.user.findUniqueOrThrow({ where: { id: 'u1' } }); // reads only, so far
      began.open();
      await hold.opened;
    });
    await began.opened;
    const otherProcess = new Database(file, { timeout: 0 });
    try {
      expect(() => otherProcess.prepare('BEGIN IMMEDIATE').run()).toThrow(/locked|busy/i);
    } finally {
      hold.open();
      await transaction;
    }
    // Released at commit: the other connection writes now.
    otherProcess.prepare('BEGIN IMMEDIATE').run();
    otherProcess.prepare('ROLLBACK').run();
    otherProcess.close();
  });

  it('another process waits for the lock instead of failing', async () => {
    // A process that holds the write lock for a while, then commits.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.prepare('BEGIN IMMEDIATE').run();
         db.prepare("UPDATE User SET name = 'from the other process' WHERE id = 'u1'").run();
         console.log('locked');
         setTimeout(() => { db.prepare('COMMIT').run(); db.close(); }, 300);`,
        file,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await once(holder.stdout, 'data');
    const started = Date.now();
    await db.$transaction((tx) => tx.user.update({ where: { id: 'u1' }, data: { role: 'editor' } }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    await once(holder, 'exit');
    expect(await db.user.findUniqueOrThrow({ where: { id: 'u1' } })).toMatchObject({ name: 'from the other process', role: 'editor' });
  });

  it('a write sent outside any transaction is not swept into another request’s open one, nor lost with its rollback', async () => {
    await db.user.update({ where: { id: 'u1' }, data: { name: 'Ada', role: 'reviewer' } });
    const hold = gate();
    const wrote = gate();
    const failing = db
      .$transaction(async (tx) => {
        await tx.user.update({ where: { id: 'u1' }, data: { name: 'never committed' } });
        wrote.open();
        await hold.opened;
        throw new Error('refused');
      })
      .catch((e: unknown) => e);
    await wrote.opened;
    // Reads outside the transaction see what is committed, not its pending write.
    expect((await db.user.findUniqueOrThrow({ where: { id: 'u1' } })).name).toBe('Ada');
    const outside = db.user.update({ where: { id: 'u1' }, data: { role: 'editor' } });
    await tick();
    hold.open();
    expect(await failing).toMatchObject({ message: 'refused' });
    await outside;
    expect(await db.user.findUniqueOrThrow({ where: { id: 'u1' } })).toMatchObject({ name: 'Ada', role: 'editor' });
  });

  it('a transaction that cannot begin within its maxWait is a busy database (503), not a fault', async () => {
    const hold = gate();
    const began = gate();
    const holder = db.$transaction(async () => {
      began.open();
      await hold.opened;
    });
    await began.opened;
    const waiting = await db.$transaction(async () => {}, { maxWait: 50 }).catch((e: unknown) => e);
    hold.open();
    await holder;
    expect(isBusy(waiting)).toBe(true);
    expect(asDomainError(waiting)).toMatchObject({ status: 503, key: 'busy' });
  });

  it('a write straight to the file refused past the busy timeout (SQLITE_BUSY from the driver) is a busy database (503) too', async () => {
    const holder = new Database(file, { timeout: 0 });
    const writer = new Database(file, { timeout: 0 });
    try {
      holder.exec('BEGIN IMMEDIATE');
      let refused: unknown;
      try {
        writer.prepare("UPDATE User SET name = 'jamais' WHERE id = 'u1'").run();
      } catch (error) {
        refused = error;
      }
      expect(refused).toMatchObject({ code: 'SQLITE_BUSY' });
      expect(isBusy(refused)).toBe(true);
      expect(asDomainError(refused)).toMatchObject({ status: 503, key: 'busy' });
      expect(isBusy(new Error('SQLITE_BUSY'))).toBe(false);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      writer.close();
    }
  });

  it('a transaction whose COMMIT failed is rolled back, and the next one begins', async () => {
    const adapter = await sqliteAdapterFactory(file).connect();
    try {
      const query = (sql: string) => ({ sql, args: [], argTypes: [] });
      const failed = await adapter.startTransaction();
      await failed.executeRaw(query("UPDATE User SET name = 'half done' WHERE id = 'u1'"));
      // What Prisma does when its COMMIT fails: rollback() without sending ROLLBACK.
      await failed.rollback();
      const next = await adapter.startTransaction();
      await next.executeRaw(query('ROLLBACK'));
      await next.rollback();
      expect((await adapter.queryRaw(query("SELECT name FROM User WHERE id = 'u1'"))).rows).not.toEqual([['half done']]);
    } finally {
      await adapter.dispose();
    }
  });

  it('transactions of one process take turns: no lost update between them', async () => {
    await db.user.update({ where: { id: 'u1' }, data: { name: '0' } });
    await Promise.all(
      Array.from({ length: 30 }, () =>
        db.$transaction(async (tx) => {
          const { name } = await tx.user.findUniqueOrThrow({ where: { id: 'u1' } });
          await tick(); // another request's turn, were they interleaved
          await tx.user.update({ where: { id: 'u1' }, data: { name: String(Number(name) + 1) } });
        }),
      ),
    );
    expect((await db.user.findUniqueOrThrow({ where: { id: 'u1' } })).name).toBe('30');
  });

  it('tells when the writes queued so far are over, without writing (sqliteWritesDone)', async () => {
    const hold = gate();
    const steps: string[] = [];
    const transaction = db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: 'u1' }, data: { name: 'pendant' } });
      await hold.opened;
      steps.push('committing');
    });
    await tick();
    const done = sqliteWritesDone(db).then(() => steps.push('done'));
    await tick();
    expect(steps).toEqual([]);
    hold.open();
    await Promise.all([transaction, done]);
    expect(steps).toEqual(['committing', 'done']);
    // Nothing queued: at once.
    await sqliteWritesDone(db);
  });

  it('reads in raw SQL (queryRows) straight from the reader connection, and a transaction’s from its own connection while it is open', async () => {
    const columns = { id: 'text', email: 'text', name: 'text?', createdAt: 'date', deactivatedAt: 'date?' } as const;
    await db.user.create({ data: { id: 'u2', email: 'zoe@example.org', name: 'Zoé « Ω »', passwordHash: 'x', deactivatedAt: new Date('2026-11-27T06:00:00.118Z') } });
    // A date bound as Prisma binds it, compared with the dates Prisma wrote.
    const query = Prisma.sql`SELECT ${selectList('u', columns)} FROM "User" u WHERE u."createdAt" >= ${new Date(Date.now() - 3_600_000)} ORDER BY u."id"`;
    const queryRaw = vi.spyOn(db, '$queryRaw');
    const rows = await queryRows(db, 'User', columns, query);
    expect(queryRaw).not.toHaveBeenCalled();
    queryRaw.mockRestore();
    expect(rows.map((u) => u.id)).toEqual(['u1', 'u2']);
    // The very rows Prisma's client gives.
    expect(rows).toEqual(checkRows('User', columns, await db.$queryRaw(query)));
    expect(rows[1]).toMatchObject({ name: 'Zoé « Ω »', deactivatedAt: new Date('2026-11-27T06:00:00.118Z') });

    const rolledBack = new Error('rolled back');
    let ended: Tx | undefined;
    await expect(
      db.$transaction(async (tx) => {
        ended = tx;
        await tx.user.create({ data: { id: 'u3', email: 'tx@example.org', passwordHash: 'x' } });
        // The transaction reads its own write, without Prisma's client; the reader connection, outside it, only what is committed.
        const txQueryRaw = vi.spyOn(tx, '$queryRaw');
        expect(readsDirectly(tx)).toBe(true);
        expect((await queryRows(tx, 'User', columns, query)).map((u) => u.id)).toEqual(['u1', 'u2', 'u3']);
        expect(txQueryRaw).not.toHaveBeenCalled();
        expect((await queryRows(db, 'User', columns, query)).map((u) => u.id)).toEqual(['u1', 'u2']);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    // Ended, its client no longer reads the writer connection (where another transaction may be open): Prisma refuses, as for its own queries.
    expect(readsDirectly(ended!)).toBe(false);
    await db.$transaction(async (other) => {
      await other.user.create({ data: { id: 'u4', email: 'other@example.org', passwordHash: 'x' } });
      await expect(queryRows(ended!, 'User', columns, query)).rejects.toThrow(/Transaction/);
    });
    expect((await queryRows(db, 'User', columns, query)).map((u) => u.id)).toEqual(['u1', 'u2', 'u4']);
  });
});

describe('statements kept prepared (keepStatements)', () => {
  /** A database in memory whose own prepare counts its calls, then kept. */
  function counted() {
    const database = new Database(':memory:');
    const prepared: string[] = [];
    const prepare = database.prepare.bind(database);
    database.prepare = ((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof database.prepare;
    keepStatements(database);
    return { database, prepared };
  }

  /** As Prisma's adapter reads: prepare, bind the arguments, read raw rows. */
  const read = (database: Database.Database, sql: string, args: unknown[]) => (database.prepare(sql) as unknown as { bind(a: unknown[]): Statement }).bind(args).raw().all();

  it('prepares a text once, and each handle runs it with its own arguments, as rows or raw', () => {
    const { database, prepared } = counted();
    database.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT)');
    const insert = 'INSERT INTO t (label) VALUES (?)';
    for (const label of ['« un »', 'deux', 'trois']) {
      const handle = (database.prepare(insert) as unknown as { bind(a: unknown[]): Statement }).bind([label]);
      expect(handle.reader).toBe(false);
      expect(handle.run().changes).toBe(1);
    }
    const select = 'SELECT id, label FROM t WHERE id >= ? ORDER BY id';
    expect(read(database, select, [2])).toEqual([[2, 'deux'], [3, 'trois']]);
    expect(read(database, select, [1])).toEqual([[1, '« un »'], [2, 'deux'], [3, 'trois']]);
    // A handle not asked for raw rows gets objects, whatever the last one asked.
    const objects = (database.prepare(select) as unknown as { bind(a: unknown[]): Statement }).bind([3]);
    expect(objects.columns().map((c) => c.name)).toEqual(['id', 'label']);
    expect(objects.all()).toEqual([{ id: 3, label: 'trois' }]);
    expect(prepared.filter((sql) => sql === insert)).toHaveLength(1);
    expect(prepared.filter((sql) => sql === select)).toHaveLength(1);
    database.close();
  });

  it('reads raw SQL (selectRaw) with integers as numbers, and leaves the statement it shares reading bigints as the adapter does', () => {
    const { database, prepared } = counted();
    database.defaultSafeIntegers(true); // as Prisma's adapter opens its connections
    database.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, x REAL)');
    (database.prepare('INSERT INTO t (n, x) VALUES (?, ?)') as unknown as { bind(a: unknown[]): Statement }).bind([2 ** 40, 0.5]).run();
    const select = 'SELECT id, n, x FROM t';
    expect(selectRaw(database, select, [])).toEqual({ names: ['id', 'n', 'x'], rows: [[1, 2 ** 40, 0.5]] });
    expect(read(database, select, [])).toEqual([[1n, 2n ** 40n, 0.5]]);
    expect(selectRaw(database, select, [])).toEqual({ names: ['id', 'n', 'x'], rows: [[1, 2 ** 40, 0.5]] });
    expect(prepared.filter((sql) => sql === select)).toHaveLength(1);
    database.close();
  });

  it('reads a kept statement’s column names once (selectRaw), and again when a `SELECT *` grows with its table', () => {
    const { database } = counted();
    database.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT)');
    database.exec("INSERT INTO t (label) VALUES ('« un »')");
    // The driver's own statements (this database's prepare now hands out handles on them).
    const other = new Database(':memory:');
    const described = vi.spyOn(Object.getPrototypeOf(other.prepare('SELECT 1')) as { columns(): unknown }, 'columns');
    other.close();
    const select = 'SELECT * FROM t';
    expect(selectRaw(database, select, [])).toEqual({ names: ['id', 'label'], rows: [[1, '« un »']] });
    expect(selectRaw(database, select, [])).toEqual({ names: ['id', 'label'], rows: [[1, '« un »']] });
    expect(described).toHaveBeenCalledTimes(1);
    // SQLite prepares the statement again after the schema change; its rows are wider than the names kept.
    database.exec("ALTER TABLE t ADD COLUMN note TEXT DEFAULT 'à voir'");
    expect(selectRaw(database, select, [])).toEqual({ names: ['id', 'label', 'note'], rows: [[1, '« un »', 'à voir']] });
    expect(described).toHaveBeenCalledTimes(2);
    described.mockRestore();
    database.close();
  });

  it('keeps at most KEPT_STATEMENTS texts, dropping the least recently used', () => {
    const { database, prepared } = counted();
    const text = (i: number) => `SELECT ${i} + ?`;
    for (let i = 0; i <= KEPT_STATEMENTS; i++) expect(read(database, text(i), [1])).toEqual([[i + 1]]);
    // Text 0 was the least recently used: dropped, prepared again; text 1 was used since.
    read(database, text(1), [0]);
    read(database, text(0), [0]);
    read(database, text(KEPT_STATEMENTS), [0]);
    expect(prepared.filter((sql) => sql === text(0))).toHaveLength(2);
    expect(prepared.filter((sql) => sql === text(1))).toHaveLength(1);
    expect(prepared.filter((sql) => sql === text(KEPT_STATEMENTS))).toHaveLength(1);
    database.close();
  });

  it('the app’s client prepares a query it repeats once, on both of its connections', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-sqlite-'));
    const file = path.join(dir, 'test.db');
    await applyPendingMigrations(`file:${file}`);
    const spy = vi.spyOn(Database.prototype, 'prepare');
    const db = createDb(`file:${file}`);
    try {
      for (let i = 0; i < 5; i++) await db.user.create({ data: { email: `u${i}@example.org`, passwordHash: 'x' } });
      for (let i = 0; i < 5; i++) expect(await db.user.findUnique({ where: { email: `u${i}@example.org` } })).not.toBeNull();
      const texts = spy.mock.calls.map(([sql]) => sql);
      // Five inserts on the writer's connection, five reads on the reader's: one text each, prepared once.
      expect(texts.filter((sql) => sql.startsWith('INSERT INTO `main`.`User`'))).toHaveLength(1);
      expect(texts.filter((sql) => sql.startsWith('SELECT') && sql.includes('FROM `main`.`User`'))).toHaveLength(1);
    } finally {
      spy.mockRestore();
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
