// Writes in raw SQL (lib/db/raw-rows.ts executeRows, and queryRows of a
// statement with RETURNING): on SQLite they go straight to the writer
// connection, elsewhere through Prisma's client; on both databases they keep
// the transaction they are made in, take their turn behind an open one, and
// a unique index's refusal is told apart (lib/db/errors.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../lib/db/errors';
import { insertRows, newId } from '../../lib/db/insert-rows';
import { executeRows, queryRows } from '../../lib/db/raw-rows';
import { Prisma } from '../../lib/generated/prisma/client';
import { makeUser, useDatabase } from './support/database';

const COUNTER = { points: 'int', expire: 'date?' } as const;

describe('writes in raw SQL', () => {
  const t = useDatabase();
  let userId: string;
  const nameOf = async () => (await t.db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } })).name;
  const rename = (db: Parameters<typeof executeRows>[0], name: string) => executeRows(db, Prisma.sql`UPDATE "User" SET "name" = ${name} WHERE "id" = ${userId}`);

  beforeAll(async () => {
    userId = (await makeUser(t.db, 'reviewer', 'Zoë')).id;
  });

  it('changes rows and says how many', async () => {
    expect(await rename(t.db, 'Zoë « relue »')).toBe(1);
    expect(await nameOf()).toBe('Zoë « relue »');
    expect(await executeRows(t.db, Prisma.sql`UPDATE "User" SET "name" = 'personne' WHERE "id" = ${'no such user'}`)).toBe(0);
  });

  it('returns the rows of a statement with RETURNING, checked: dates as Dates', async () => {
    const expire = new Date('2026-11-27T12:00:00.125Z');
    const insert = (points: number) =>
      queryRows(
        t.db,
        'RateLimit',
        COUNTER,
        Prisma.sql`INSERT INTO "RateLimit" ("key", "points", "expire") VALUES (${'raw-writes'}, ${points}, ${expire})
          ON CONFLICT ("key") DO UPDATE SET "points" = "RateLimit"."points" + excluded."points" RETURNING "points", "expire"`,
      );
    expect(await insert(2)).toEqual([{ points: 2, expire }]);
    expect(await insert(3)).toEqual([{ points: 5, expire }]);
  });

  it('belong to the transaction they are made in: rolled back with it', async () => {
    await rename(t.db, 'avant');
    const failed = await t.db
      .$transaction(async (tx) => {
        await rename(tx, 'pendant');
        expect((await queryRows(tx, 'User', { name: 'text?' }, Prisma.sql`SELECT "name" FROM "User" WHERE "id" = ${userId}`))[0]?.name).toBe('pendant');
        throw new Error('abandoned');
      })
      .catch((error: unknown) => error);
    expect(failed).toMatchObject({ message: 'abandoned' });
    expect(await nameOf()).toBe('avant');
  });

  it('wait for a transaction open on the same row, then apply after it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let began!: () => void;
    const open = new Promise<void>((resolve) => (began = resolve));
    const holder = t.db.$transaction(async (tx) => {
      await rename(tx, 'la transaction');
      began();
      await held;
    });
    await open;
    const outside = rename(t.db, 'après');
    // Given time, the write outside still waits for the transaction.
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await holder;
    expect(await outside).toBe(1);
    expect(await nameOf()).toBe('après');
  });

  it('a unique index’s refusal is known as such, from raw SQL as from Prisma’s client', async () => {
    const reveal = { id: newId(), claimId: 'claim', userId, initialRating: 'true', createdAt: new Date() };
    const article = await t.db.article.create({ data: { title: 'Unique', currentRevision: 1, revisions: { create: { number: 1, text: 'Le texte.', source: 'Le texte.' } } } });
    const claim = await t.db.claim.create({ data: { articleId: article.id, revision: 1, exact: 'texte', prefix: 'Le ', suffix: '.', start: 3, end: 8, createdById: userId } });
    await insertRows(t.db, 'ClaimReveal', [{ ...reveal, claimId: claim.id }]);
    const raw = await insertRows(t.db, 'ClaimReveal', [{ ...reveal, id: newId(), claimId: claim.id }]).catch((error: unknown) => error);
    expect(raw).toBeInstanceOf(Error);
    expect(isUniqueViolation(raw)).toBe(true);
    const client = await t.db.claimReveal.create({ data: { claimId: claim.id, userId, initialRating: 'false' } }).catch((error: unknown) => error);
    expect(isUniqueViolation(client)).toBe(true);
    // Another refusal (a missing value) is not one.
    const missing = await executeRows(t.db, Prisma.sql`INSERT INTO "ClaimReveal" ("id", "claimId", "userId", "initialRating", "createdAt") VALUES (${newId()}, ${claim.id}, ${userId}, NULL, ${new Date()})`).catch(
      (error: unknown) => error,
    );
    expect(missing).toBeInstanceOf(Error);
    expect(isUniqueViolation(missing)).toBe(false);
    expect(await t.db.claimReveal.count({ where: { claimId: claim.id } })).toBe(1);
  });
});
