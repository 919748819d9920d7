// lib/db/transactions.ts, on SQLite and on PostgreSQL (vitest.config.ts).
import { describe, expect, it } from 'vitest';
import { serializable } from '../../lib/db/transactions';
import { useDatabase } from './support/database';

describe('serializable', () => {
  const t = useDatabase();

  it('loses no update when transactions read, then write, the same row at once', async () => {
    const { id } = await t.db.article.create({ data: { title: 'Counter' } });
    // Each reads the version and writes it + 1: under READ COMMITTED, several
    // would read the same version and all but one increment would be lost.
    await Promise.all(
      Array.from({ length: 8 }, () =>
        serializable(t.db, async (tx) => {
          const { version } = await tx.article.findUniqueOrThrow({ where: { id } });
          await tx.article.update({ where: { id }, data: { version: version + 1 } });
        }, 20),
      ),
    );
    expect((await t.db.article.findUniqueOrThrow({ where: { id } })).version).toBe(9);
  });

  it('returns what the work returns, and rolls it back when it throws, without trying again', async () => {
    expect(await serializable(t.db, async (tx) => (await tx.article.count()) >= 0)).toBe(true);
    let calls = 0;
    await expect(
      serializable(t.db, async (tx) => {
        calls += 1;
        await tx.article.create({ data: { title: 'Rolled back' } });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(calls).toBe(1);
    expect(await t.db.article.count({ where: { title: 'Rolled back' } })).toBe(0);
  });
});
