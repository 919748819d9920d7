// Many rows written with multi-row INSERTs in raw SQL: the archive import, and
// the rows a write adds by the handful (a verdict's sources, notifications).
// Prisma's createMany compiles a query plan for every call (its other queries
// reuse the plan of the same shape), about 80 ms for 58 claims on this
// machine, where the same rows in one INSERT take 3–8 ms: an archive of 5,000
// claims with 3 verdicts each took 11 s to import, most of it there.
// The statements run through executeRows (lib/db/raw-rows.ts), which keeps the
// client's connections, its transaction and its bound parameters (dates and
// booleans written as the client writes them, on SQLite and PostgreSQL alike);
// what raw SQL cannot keep is the client's defaults, so every row names every
// column the table needs, ids and dates included (newId).
import { randomFillSync } from 'node:crypto';
import { Prisma } from '../generated/prisma/client';
import type { Tx } from './client';
import { executeRows } from './raw-rows';

/** Bound parameters per statement, under SQLite's 999. */
export const MAX_PARAMETERS = 900;

export type InsertValue = string | number | boolean | Date | null;
export type InsertRow = Readonly<Record<string, InsertValue>>;

let lastMs = 0;
let counter = 0;

/**
 * Random bits for ids, drawn from a buffer filled this many ids at a time:
 * randomBytes(8) for each id was a call into OpenSSL and a new buffer, about
 * 5 µs, and a verdict saved makes half a dozen ids (its sources, its
 * notifications). 4 KB kept.
 */
const IDS_PER_FILL = 512;
const randomPool = Buffer.alloc(8 * IDS_PER_FILL);
let poolOffset = randomPool.length;

function random64(): bigint {
  if (poolOffset === randomPool.length) {
    randomFillSync(randomPool);
    poolOffset = 0;
  }
  const value = randomPool.readBigUInt64BE(poolOffset);
  poolOffset += 8;
  return value;
}

/**
 * A 25-character id of the shape Prisma's cuid() gives ("c", the time, a counter,
 * random), for rows written here. Ids made one after the other increase, as
 * cuid()'s do: where rows tie on their date, ordering by id keeps the order
 * they were written in (an archive's reveals come back in the archive's order).
 */
export function newId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else counter += 1;
  const random = random64().toString(36).padStart(13, '0').slice(-12);
  return `c${lastMs.toString(36).padStart(8, '0')}${counter.toString(36).padStart(4, '0')}${random}`;
}

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

function quoted(name: string): string {
  if (!NAME.test(name)) throw new Error(`Not a table or column name: ${JSON.stringify(name)}.`);
  return `"${name}"`;
}

/**
 * Inserts `rows` into `table` (names from code, never from input), in statements
 * of at most MAX_PARAMETERS bound values. Every row has the first row's columns.
 */
export async function insertRows(db: Tx, table: string, rows: readonly InsertRow[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  for (const [i, row] of rows.entries()) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length || keys.some((key, k) => key !== columns[k])) {
      throw new Error(`Row ${i} for ${table} has the columns ${keys.join(', ')}, not ${columns.join(', ')}.`);
    }
  }
  const into = Prisma.raw(`${quoted(table)} (${columns.map(quoted).join(', ')})`);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const values = rows.slice(start, start + perStatement).map((row) => Prisma.sql`(${Prisma.join(columns.map((column) => row[column]))})`);
    await executeRows(db, Prisma.sql`INSERT INTO ${into} VALUES ${Prisma.join(values)}`);
  }
}
