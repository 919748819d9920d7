// A PostgreSQL transaction's statements go to its connection one at a time
// (lib/db/postgresql.ts): Prisma loads a nested include's relations at once
// when it loads them by separate queries (relationLoadStrategy 'query'; Crux's
// PostgreSQL client joins by default, but a query may still ask for it), and
// pg 9 removes the queue that took them in turn on one connection. On the
// test run's server (postgresql project only), beside the adapter as Prisma
// ships it, which does send them at once (its deprecation warning shows in
// the output): the check can fail.
import { PrismaPg } from '@prisma/adapter-pg';
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../lib/db/client';
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
