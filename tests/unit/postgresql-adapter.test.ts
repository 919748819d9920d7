// oneAtATime (lib/db/postgresql.ts) on a stand-in transaction: statements run
// one after another in the order asked, each answers its own caller, and a
// failed one does not hold up the next. preparedName: which statements are
// kept prepared, under which names.
import type { SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import { describe, expect, it } from 'vitest';
import { oneAtATime, PREPARED_STATEMENTS, preparedName } from '../../lib/db/postgresql';

const query = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

function standIn() {
  const log: string[] = [];
  let running = 0;
  let most = 0;
  const run = async (sql: string) => {
    running += 1;
    most = Math.max(most, running);
    log.push(`start ${sql}`);
    await new Promise((resolve) => setTimeout(resolve, sql.includes('slow') ? 20 : 1));
    log.push(`end ${sql}`);
    running -= 1;
    if (sql.includes('fail')) throw new Error(`failed: ${sql}`);
    return sql;
  };
  const tx = {
    queryRaw: async (q: SqlQuery) => ({ columnNames: ['sql'], columnTypes: [], rows: [[await run(q.sql)]] }),
    executeRaw: async (q: SqlQuery) => (await run(q.sql)).length,
  } as unknown as Transaction;
  return { tx, log, most: () => most };
}

describe('oneAtATime', () => {
  it('runs statements sent at once one after another, in the order asked, each answering its caller', async () => {
    const { tx, log, most } = standIn();
    const serial = oneAtATime(tx);
    const answers = await Promise.all([serial.queryRaw(query('slow select')), serial.executeRaw(query('update')), serial.queryRaw(query('select'))]);
    expect(answers).toEqual([{ columnNames: ['sql'], columnTypes: [], rows: [['slow select']] }, 6, { columnNames: ['sql'], columnTypes: [], rows: [['select']] }]);
    expect(most()).toBe(1);
    expect(log).toEqual(['start slow select', 'end slow select', 'start update', 'end update', 'start select', 'end select']);
  });

  it('fails only the statement that failed; the next one still runs', async () => {
    const { tx } = standIn();
    const serial = oneAtATime(tx);
    const [failed, next] = await Promise.allSettled([serial.executeRaw(query('slow fail')), serial.queryRaw(query('select'))]);
    expect(failed).toMatchObject({ status: 'rejected', reason: new Error('failed: slow fail') });
    expect(next).toMatchObject({ status: 'fulfilled', value: { rows: [['select']] } });
  });
});

describe('preparedName', () => {
  it('names a statement by its text, the same on every call, another text another name', () => {
    const name = preparedName('SELECT "note" FROM "Claim" WHERE "id" = $1');
    expect(name).toMatch(/^crux_[\w-]{32}$/);
    expect(preparedName('SELECT "note" FROM "Claim" WHERE "id" = $1')).toBe(name);
    expect(preparedName('SELECT "exact" FROM "Claim" WHERE "id" = $1')).not.toBe(name);
  });

  it('sends a very long statement unnamed, and every statement past the first few hundred, but still names those it named', () => {
    expect(preparedName(`INSERT INTO "Source" VALUES ${'($1, $2), '.repeat(500)}($1, $2)`)).toBeUndefined();
    const first = preparedName('SELECT 1');
    for (let i = 0; i < PREPARED_STATEMENTS; i++) preparedName(`SELECT ${i + 2}`);
    expect(preparedName('SELECT 100000')).toBeUndefined();
    expect(preparedName('SELECT 1')).toBe(first);
  });
});
