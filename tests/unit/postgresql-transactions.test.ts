// A PostgreSQL transaction's statements go to its connection one at a time
// (lib/db/postgresql.ts): Prisma loads a nested include's relations at once
// when it loads them by separate queries (relationLoadStrategy 'query'; Crux's
// PostgreSQL client joins by default, but a query may still ask for it), and
// pg 9 removes the queue that took them in turn on one connection. On the
// test run's server (postgresql project only), beside the adapter as Prisma
// ships it, which does send them at once (its deprecation warning shows in
// the output): the check can fail.
// Raw SQL goes straight to the driver (lib/db/raw-rows.ts): on the pool
// outside transactions, on the connection of the transaction it belongs to
// inside one, never on another's, and not at all once that one has ended.
import { PrismaPg } from '@prisma/adapter-pg';
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, postgresqlStatement, type Db, type Tx } from '../../lib/db/client';
import { isUniqueViolation } from '../../lib/db/errors';
import { executeRows, queryRows } from '../../lib/db/raw-rows';
import { serializable } from '../../lib/db/transactions';
import { Prisma } from '../../lib/generated/prisma/client';
import { createDatabase, dropDatabase } from '../../lib/db/postgresql-databases';
import { PrismaClient as PostgresqlClient } from '../../lib/generated/postgresql/client';
import { createArticle } from '../../lib/services/articles';
import { createClaim } from '../../lib/services/claims';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, makeUser, postgresqlServer } from './support/database';

const name = `crux_tx_${crypto.randomBytes(6).toString('hex')}`;
let url = '';
let db: Db;
let claimId = '';

/** The most queries one pg connection had in flight at once while `work` ran. */
async function mostInFlight(work: () => Promise<unknown>): Promise<number> {
  const inFlight = new Map<pg.Client, number>();
  let most = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const n = (inFlight.get(this) ?? 0) + 1;
    inFlight.set(this, n);
    most = Math.max(most, n);
    const done = () => inFlight.set(this, (inFlight.get(this) ?? 1) - 1);
    const result = (query as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) result.then(done, done);
    return result;
  } as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return most;
}

/** A nested include inside an interactive transaction, its relations loaded by separate queries: Prisma sends them at once. */
const nestedRead = (client: PostgresqlClient) => () =>
  client.$transaction((tx) =>
    tx.claim.findFirstOrThrow({
      relationLoadStrategy: 'query',
      where: { id: claimId },
      include: { verdicts: { include: { sources: true } }, reveals: true, adjudications: true, comments: true },
    }),
  );

beforeAll(async () => {
  const { serverUrl, template } = postgresqlServer();
  url = await createDatabase(serverUrl, name, { template });
  db = createDb(url);
  const editor = await makeUser(db, 'editor');
  const article = await createArticle(ctxFor(db, editor), { text: 'L’État a dit « 44 jours ».' });
  claimId = (await createClaim(ctxFor(db, editor), article.id, { exact: '« 44 jours »' })).id;
  await upsertVerdict(ctxFor(db, editor), claimId, { rating: 'false', sources: [{ url: 'https://example.org/a' }] });
}, 60_000);

afterAll(async () => {
  await db.$disconnect();
  await dropDatabase(postgresqlServer().serverUrl, name);
});

describe('PostgreSQL transactions', () => {
  it('send a nested include’s queries to their connection one at a time', async () => {
    expect(await mostInFlight(nestedRead(db as unknown as PostgresqlClient))).toBe(1);
  });

  it('where the adapter as shipped sends them at once', async () => {
    const shipped = new PostgresqlClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      expect(await mostInFlight(nestedRead(shipped))).toBeGreaterThan(1);
    } finally {
      await shipped.$disconnect();
    }
  });

  it('read what they read before, and roll back as before', async () => {
    const claim = await nestedRead(db as unknown as PostgresqlClient)();
    expect(claim.verdicts.map((v) => [v.rating, v.sources.map((s) => s.url)])).toEqual([['false', ['https://example.org/a']]]);
    await expect(
      db.$transaction(async (tx) => {
        await Promise.all([tx.claim.update({ where: { id: claimId }, data: { note: 'écrit puis annulé' } }), tx.claim.count()]);
        throw new Error('annulé');
      }),
    ).rejects.toThrow('annulé');
    expect((await db.claim.findUniqueOrThrow({ where: { id: claimId } })).note).toBeNull();
  });
});

/** The transaction a client's statement runs in, asked through Prisma's client and straight to the driver. */
async function transactionIds(tx: Tx): Promise<{ prisma: bigint; straight: bigint }> {
  const [prisma] = await tx.$queryRaw<{ id: bigint }[]>`SELECT txid_current() AS "id"`;
  const [straight] = await queryRows(tx, 'txid', { id: 'count' }, Prisma.sql`SELECT txid_current() AS "id"`);
  return { prisma: prisma!.id, straight: straight!.id };
}

describe('raw SQL straight to PostgreSQL’s driver', () => {
  it('runs in the transaction it belongs to, several transactions at once, each on its own connection', async () => {
    let release = () => {};
    const together = new Promise<void>((resolve) => (release = resolve));
    let begun = 0;
    const ids = await Promise.all(
      Array.from({ length: 6 }, () =>
        db.$transaction(async (tx) => {
          // Every transaction open at once before any asks: no two can share a connection.
          if (++begun === 6) release();
          await together;
          return transactionIds(tx);
        }),
      ),
    );
    for (const { prisma, straight } of ids) expect(straight).toBe(prisma);
    expect(new Set(ids.map((i) => i.prisma)).size).toBe(6);
  });

  it('keeps its statements prepared on the connection', async () => {
    await db.$transaction(async (tx) => {
      const sql = Prisma.sql`SELECT "note" FROM "Claim" WHERE "id" = ${claimId}`;
      await queryRows(tx, 'Claim', { note: 'text?' }, sql);
      await queryRows(tx, 'Claim', { note: 'text?' }, sql);
      const prepared = await queryRows(tx, 'pg_prepared_statements', { statement: 'text' }, Prisma.sql`SELECT "statement" FROM pg_prepared_statements WHERE "name" LIKE 'crux_%'`);
      expect(prepared.map((p) => p.statement)).toContain(sql.text);
    });
  });

  it('sees the transaction’s own changes, and its writes roll back with it', async () => {
    await expect(
      db.$transaction(async (tx) => {
        expect(await executeRows(tx, Prisma.sql`UPDATE "Claim" SET "note" = ${'en cours « ici »'} WHERE "id" = ${claimId}`)).toBe(1);
        const [row] = await queryRows(tx, 'Claim', { note: 'text?' }, Prisma.sql`SELECT "note" FROM "Claim" WHERE "id" = ${claimId}`);
        expect(row!.note).toBe('en cours « ici »');
        expect((await tx.claim.findUniqueOrThrow({ where: { id: claimId } })).note).toBe('en cours « ici »');
        throw new Error('annulé');
      }),
    ).rejects.toThrow('annulé');
    expect((await db.claim.findUniqueOrThrow({ where: { id: claimId } })).note).toBeNull();
  });

  it('keeps the pool’s connections open between bursts of work', async () => {
    // node-postgres closes a connection idle for 10 s unless told not to (lib/db/adapter.ts):
    // the next burst would then wait for new backends and prepare its statements again.
    const burst = async () => {
      const rows = await Promise.all(Array.from({ length: 4 }, () => postgresqlStatement(db, { text: 'SELECT pg_backend_pid() AS "pid" FROM pg_sleep(0.2)', values: [] })!));
      return new Set(rows.map((r) => Number(r.rows[0]!.pid)));
    };
    const before = await burst();
    expect(before.size).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 10_500));
    expect(await burst()).toEqual(before);
  }, 30_000);

  it('is refused once its transaction has ended, as Prisma refuses its own statements', async () => {
    let kept: Tx | null = null;
    await db.$transaction(async (tx) => {
      kept = tx;
      expect(postgresqlStatement(tx, { text: 'SELECT 1', values: [] })).toBeDefined();
    });
    expect(postgresqlStatement(kept!, { text: 'SELECT 1', values: [] })).toBeUndefined();
    await expect(queryRows(kept!, 'one', { one: 'int' }, Prisma.sql`SELECT 1 AS "one"`)).rejects.toThrow(/Transaction/);
  });

  it('writes and reads timestamps in UTC whatever the process’s time zone, counts as bigints', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/Martinique';
    try {
      const at = new Date('2026-03-29T01:30:00.123Z');
      await executeRows(db, Prisma.sql`UPDATE "Claim" SET "updatedAt" = ${at} WHERE "id" = ${claimId}`);
      expect((await db.claim.findUniqueOrThrow({ where: { id: claimId } })).updatedAt).toEqual(at);
      const [row] = await queryRows(db, 'Claim', { updatedAt: 'date', iso: 'iso', claims: 'count' }, Prisma.sql`SELECT "updatedAt", "updatedAt" AS "iso", (SELECT COUNT(*) FROM "Claim") AS "claims" FROM "Claim" WHERE "id" = ${claimId}`);
      expect(row).toEqual({ updatedAt: at, iso: '2026-03-29T01:30:00.123Z', claims: 1n });
    } finally {
      process.env.TZ = zone;
    }
  });

  it('reports a unique index’s refusal and a serialization failure as the services expect them', async () => {
    const [verdict] = await db.verdict.findMany({ where: { claimId } });
    const duplicate = executeRows(db, Prisma.sql`INSERT INTO "Verdict" ("id", "claimId", "reviewerId", "rating", "rationale", "version", "revisedAfterReveal", "createdAt", "updatedAt")
      VALUES (${'dup'}, ${claimId}, ${verdict!.reviewerId}, 'true', '', 1, false, ${new Date()}, ${new Date()})`);
    expect(isUniqueViolation(await duplicate.catch((error: unknown) => error))).toBe(true);

    // Two serializable transactions each read the note, then write it: one of them must start again.
    let attempts = 0;
    let bothRead = () => {};
    const read = new Promise<void>((resolve) => (bothRead = resolve));
    let readers = 0;
    const appendNote = (word: string) =>
      serializable(db, async (tx) => {
        attempts++;
        const [row] = await queryRows(tx, 'Claim', { note: 'text?' }, Prisma.sql`SELECT "note" FROM "Claim" WHERE "id" = ${claimId}`);
        if (++readers === 2) bothRead();
        await Promise.race([read, new Promise((resolve) => setTimeout(resolve, 200))]);
        await executeRows(tx, Prisma.sql`UPDATE "Claim" SET "note" = ${`${row!.note ?? ''}${word}`} WHERE "id" = ${claimId}`);
      });
    await Promise.all([appendNote('a'), appendNote('b')]);
    expect(attempts).toBe(3);
    expect(['ab', 'ba']).toContain((await db.claim.findUniqueOrThrow({ where: { id: claimId } })).note);
    await db.claim.update({ where: { id: claimId }, data: { note: null } });
  });
});
