// Rows read with raw SQL, checked column by column into the types Prisma's
// client gives the same rows. Raw SQL is for reads of a whole archive (the
// exports: lib/services/export-rows.ts and archive-rows.ts): Prisma's client
// turns each row into an object through its query plan, in about as long as
// the query itself takes, and at 100,000 claims and 500,000 verdicts that was
// most of an export.
// `$queryRaw` keeps what matters of the client: the same connections, bound
// parameters written for each database, dates as Date and booleans as
// booleans on SQLite and PostgreSQL alike. What it cannot keep is the type of
// a row, hence the check: a value of another type (a migration gone wrong, a
// database edited by hand) stops the read rather than being passed on.
import { Prisma } from '../generated/prisma/client';
import type { Tx } from './client';

/** What a column holds; `?` where it may be NULL. `count`: a COUNT(*), a bigint on both databases. */
export type ColumnKind = 'text' | 'text?' | 'int' | 'count' | 'bool' | 'date' | 'date?';

type ValueOf<K extends ColumnKind> = K extends 'text'
  ? string
  : K extends 'text?'
    ? string | null
    : K extends 'int'
      ? number
      : K extends 'count'
        ? bigint
        : K extends 'bool'
        ? boolean
        : K extends 'date'
          ? Date
          : Date | null;

export type Columns = Readonly<Record<string, ColumnKind>>;
export type RowOf<C extends Columns> = { -readonly [K in keyof C]: ValueOf<C[K]> };

function fits(kind: ColumnKind, value: unknown): boolean {
  switch (kind) {
    case 'text':
      return typeof value === 'string';
    case 'text?':
      return value === null || typeof value === 'string';
    case 'int':
      return Number.isInteger(value);
    case 'count':
      return typeof value === 'bigint';
    case 'bool':
      return typeof value === 'boolean';
    case 'date':
      return value instanceof Date;
    case 'date?':
      return value === null || value instanceof Date;
  }
}

function describe(value: unknown): string {
  return typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? typeof value);
}

/** True when a row of these columns is exactly the row type Prisma's client reads (checked where the columns are declared). */
export type SameRow<C extends Columns, Row> = [RowOf<C>] extends [Row] ? ([Row] extends [RowOf<C>] ? true : false) : false;

/** Some of a table's columns, in the order named. */
export function pickColumns<C extends Columns, K extends keyof C & string>(columns: C, names: readonly K[]): Pick<C, K> {
  return Object.fromEntries(names.map((name) => [name, columns[name]])) as Pick<C, K>;
}

/** `alias."a", alias."b", …` for these columns (names from code, never from input). */
export function selectList(alias: string, columns: Columns): Prisma.Sql {
  return Prisma.raw(
    Object.keys(columns)
      .map((name) => `${alias}."${name}"`)
      .join(', '),
  );
}

/** The rows `$queryRaw` answered, checked against `columns`; throws on the first value of another type. */
export function checkRows<C extends Columns>(table: string, columns: C, rows: unknown): RowOf<C>[] {
  if (!Array.isArray(rows)) throw new Error(`Unexpected answer from the database reading ${table}.`);
  const entries = Object.entries(columns);
  for (const row of rows as Record<string, unknown>[]) {
    for (const [name, kind] of entries) {
      if (!fits(kind, row[name])) throw new Error(`Unexpected value in the database: ${table}.${name} is ${describe(row[name])}, not ${kind}.`);
    }
  }
  return rows as RowOf<C>[];
}

/** `query`'s rows, read with `$queryRaw` and checked against `columns`. */
export async function queryRows<C extends Columns>(db: Tx, table: string, columns: C, query: Prisma.Sql): Promise<RowOf<C>[]> {
  return checkRows(table, columns, await db.$queryRaw(query));
}
