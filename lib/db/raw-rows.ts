// Rows read with raw SQL, checked column by column into the types Prisma's
// client gives the same rows. Raw SQL is for the reads of a whole archive (the
// exports: lib/services/export-rows.ts and archive-rows.ts) and for the reads
// every request makes (a bearer token, one claim, the claims list): Prisma's
// client turns each row into an object through its query plan, in about as
// long as the query itself takes; at 100,000 claims and 500,000 verdicts that
// was most of an export, and on SQLite most of a claim's read.
// `$queryRaw` keeps what matters of the client: the same connections, bound
// parameters written for each database, dates as Date and booleans as
// booleans on SQLite and PostgreSQL alike. What it cannot keep is the type of
// a row, hence the check: a value of another type (a migration gone wrong, a
// database edited by hand) stops the read rather than being passed on.
// On SQLite even `$queryRaw` cost as much again as the query: the adapter and
// the client convert every value twice. There a read goes straight to the
// connection Prisma would have used (lib/db/client.ts sqliteConnection,
// lib/db/sqlite.ts selectRaw), and its values are converted here once, the
// same way. Writes in raw SQL (executeRows, and queryRows of a statement with
// RETURNING) go straight to the writer connection alike (sqliteWrite): a
// verdict's save is a dozen statements, and through Prisma's client they cost
// twice what they cost straight to SQLite.
import { Prisma } from '../generated/prisma/client';
import type Database from 'better-sqlite3';
import { postgresqlStatement, sqliteConnection, sqliteWrite, type Tx } from './client';
import { isSelect, runRaw, selectRaw } from './sqlite';

/**
 * What a column holds; `?` where it may be NULL. `count`: a COUNT(*), a
 * bigint on both databases. `iso`: a timestamp read as the text
 * `Date.toISOString()` gives, for reads that only write it out again (the
 * exports): on SQLite it is sliced from the stored text rather than parsed
 * into a Date and printed back, a tenth of the archive's time. `json`: a JSON
 * value the statement built (rows gathered by PostgreSQL, read with jsonRows),
 * as parsed; checked where it is read.
 */
export type ColumnKind = 'text' | 'text?' | 'int' | 'float' | 'count' | 'bool' | 'date' | 'date?' | 'iso' | 'iso?' | 'json';

type ValueOf<K extends ColumnKind> = K extends 'text'
  ? string
  : K extends 'text?'
    ? string | null
    : K extends 'int' | 'float'
      ? number
      : K extends 'count'
        ? bigint
        : K extends 'bool'
        ? boolean
        : K extends 'date'
          ? Date
          : K extends 'date?'
            ? Date | null
            : K extends 'iso'
              ? string
              : K extends 'iso?'
                ? string | null
                : unknown;

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
    case 'float':
      return Number.isFinite(value);
    case 'count':
      return typeof value === 'bigint';
    case 'bool':
      return typeof value === 'boolean';
    case 'date':
      return value instanceof Date;
    case 'date?':
      return value === null || value instanceof Date;
    case 'iso':
      return value instanceof Date;
    case 'iso?':
      return value === null || value instanceof Date;
    case 'json':
      return value !== undefined;
  }
}

function describe(value: unknown): string {
  return typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? typeof value);
}

/** True when a row of these columns is exactly the row type Prisma's client reads (checked where the columns are declared). */
export type SameRow<C extends Columns, Row> = [RowOf<C>] extends [Row] ? ([Row] extends [RowOf<C>] ? true : false) : false;

type IsoKinds<C extends Columns> = { readonly [K in keyof C]: C[K] extends 'date' ? 'iso' : C[K] extends 'date?' ? 'iso?' : C[K] };

/** A row with its timestamps as ISO text, as columns read with isoDates give it. */
export type IsoDated<Row> = { [K in keyof Row]: Row[K] extends Date ? string : Row[K] extends Date | null ? string | null : Row[K] };

/** The same columns with their timestamps read as ISO text (`iso`). */
export function isoDates<C extends Columns>(columns: C): IsoKinds<C> {
  return Object.fromEntries(Object.entries(columns).map(([name, kind]) => [name, kind === 'date' ? 'iso' : kind === 'date?' ? 'iso?' : kind])) as IsoKinds<C>;
}

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
  const isoColumns = entries.filter(([, kind]) => kind === 'iso' || kind === 'iso?').map(([name]) => name);
  for (const row of rows as Record<string, unknown>[]) {
    for (const [name, kind] of entries) {
      if (!fits(kind, row[name])) throw new Error(`Unexpected value in the database: ${table}.${name} is ${describe(row[name])}, not ${kind}.`);
    }
    for (const name of isoColumns) row[name] = (row[name] as Date | null)?.toISOString() ?? null;
  }
  return rows as RowOf<C>[];
}

/** A timestamp as Prisma's SQLite adapter writes it: ISO 8601 in UTC, with milliseconds and an offset. */
const STORED_UTC = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}\+00:00$/;

/** A timestamp SQLite holds as a Date (`date`); null when it holds none. */
function sqliteDate(value: unknown): Date | null {
  // Prisma writes ISO 8601 text; an integer is milliseconds since the epoch (its other timestamp format).
  const date = typeof value === 'string' ? new Date(value) : Number.isSafeInteger(value) ? new Date(value as number) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** The same as text (`iso`): what Prisma wrote, as toISOString writes it, without a Date in between. */
function sqliteIso(value: unknown): string | undefined {
  if (typeof value === 'string' && STORED_UTC.test(value)) return `${value.slice(0, 23)}Z`;
  return sqliteDate(value)?.toISOString();
}

/** Converts a value as the database gave it; undefined when it has none of the column's type. */
type Convert = (value: unknown) => unknown;

const orNull =
  (convert: Convert): Convert =>
  (value) =>
    value === null ? null : convert(value);

const text: Convert = (value) => (typeof value === 'string' ? value : undefined);
const int: Convert = (value) => (Number.isSafeInteger(value) ? value : undefined);
const float: Convert = (value) => (Number.isFinite(value) ? value : undefined);

/**
 * Each kind's value as SQLite holds it, in the type Prisma's client gives it
 * (as its better-sqlite3 adapter and `$queryRaw` convert it); undefined when
 * it has none: the column holds a value of another type (NULL too, in a
 * column that may not be).
 */
const FROM_SQLITE: Record<ColumnKind, Convert> = {
  text,
  'text?': orNull(text),
  int,
  // A REAL holding a whole number may be stored, and read, as an integer.
  float,
  count: (value) => (Number.isSafeInteger(value) ? BigInt(value as number) : undefined),
  bool: (value) => (value === 1 ? true : value === 0 ? false : undefined),
  date: (value) => sqliteDate(value) ?? undefined,
  'date?': orNull((value) => sqliteDate(value) ?? undefined),
  iso: sqliteIso,
  'iso?': orNull(sqliteIso),
  json: (value) => (typeof value === 'string' ? JSON.parse(value) : value === null ? null : undefined),
};

/** PostgreSQL writes a timestamp without a zone into JSON as ISO 8601 without one (Crux's are UTC), its fraction as short as it can. */
const JSON_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?$/;

function jsonDate(value: unknown): Date | undefined {
  const date = typeof value === 'string' && JSON_TIMESTAMP.test(value) ? new Date(`${value}Z`) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/**
 * Each kind's value as PostgreSQL writes it into JSON (json_build_array, for
 * rows gathered into one value: jsonRows), in the type Prisma's client gives
 * the column itself. A count has no place there.
 */
const FROM_JSON: Record<ColumnKind, Convert> = {
  text,
  'text?': orNull(text),
  int,
  float,
  count: () => undefined,
  bool: (value) => (typeof value === 'boolean' ? value : undefined),
  date: jsonDate,
  'date?': orNull(jsonDate),
  iso: (value) => jsonDate(value)?.toISOString(),
  'iso?': orNull((value) => jsonDate(value)?.toISOString()),
  json: (value) => value,
};

/** A raw row (an array of values in the order selected) as a row of named values, each converted; throws on a value that has none. */
type RowReader = (values: readonly unknown[]) => Record<string, unknown>;

/**
 * The reader of `table`'s rows of these kinds of columns, selected under these
 * names in this order. It is written as code (new Function) so that each row
 * is one object literal, its properties known in advance, each value
 * converted by a call that only ever sees one kind: a loop setting properties
 * by name took twice as long, a twentieth of an export's time. The code
 * holds column names from the code (never input), each written as a JSON string.
 */
function makeRowReader(table: string, kinds: readonly ColumnKind[], names: readonly string[], from: Record<ColumnKind, Convert>): RowReader {
  const converters = kinds.map((kind) => from[kind]);
  const checked = (value: unknown, row: readonly unknown[], i: number): unknown => {
    if (value === undefined) throw new Error(`Unexpected value in the database: ${table}.${names[i]} is ${describe(row[i])}, not ${kinds[i]}.`);
    return value;
  };
  const fields = names.map((name, i) => `${JSON.stringify(name)}: checked(c${i}(v[${i}]), v, ${i})`);
  const make = new Function('checked', ...converters.map((_, i) => `c${i}`), `"use strict"; return (v) => ({ ${fields.join(', ')} });`) as (...args: unknown[]) => RowReader;
  return make(checked, ...converters);
}

/** Readers by column list, then by source, table and query shape (the names in the order selected): a handful per process. */
const rowReaders = new WeakMap<Columns, Map<string, RowReader>>();

function rowReader(table: string, columns: Columns, names: readonly string[], from: Record<ColumnKind, Convert>): RowReader {
  let readers = rowReaders.get(columns);
  if (!readers) rowReaders.set(columns, (readers = new Map()));
  const key = `${from === FROM_JSON ? 'json' : 'sqlite'}:${table}:${names.join(',')}`;
  let read = readers.get(key);
  if (!read) {
    const kinds = names.map((name) => {
      if (!Object.hasOwn(columns, name)) throw new Error(`Reading ${table}, the query selects ${name}, which its columns do not name.`);
      return columns[name]!;
    });
    if (kinds.length !== Object.keys(columns).length) throw new Error(`Reading ${table}, the query selects ${names.join(', ')}, not every column named.`);
    read = makeRowReader(table, kinds, names, from);
    readers.set(key, read);
  }
  return read;
}

/** Raw rows of SQLite (selectRaw) as rows of `columns`, converted (FROM_SQLITE) and checked: exactly the columns selected. */
export function sqliteRows<C extends Columns>(table: string, columns: C, names: readonly string[], rows: readonly unknown[][]): RowOf<C>[] {
  return rows.map(rowReader(table, columns, names, FROM_SQLITE)) as RowOf<C>[];
}

/**
 * Rows PostgreSQL gathered into one JSON value, `json_agg(json_build_array(…))`
 * of the columns `names` in that order (null: no rows), as rows of `columns`,
 * converted (FROM_JSON) and checked: several tables' rows in one statement,
 * one round trip.
 */
export function jsonRows<C extends Columns>(table: string, columns: C, names: readonly string[], value: unknown): RowOf<C>[] {
  if (value === null) return [];
  if (!Array.isArray(value) || !value.every(Array.isArray)) throw new Error(`Unexpected answer from the database reading ${table}: ${describe(value).slice(0, 100)}.`);
  return value.map(rowReader(table, columns, names, FROM_JSON)) as RowOf<C>[];
}

/** True when `db`'s reads in raw SQL go straight to SQLite (queryRows): several small statements then cost less than one Prisma call. */
export function readsDirectly(db: Tx): boolean {
  return sqliteConnection(db) !== undefined;
}

/**
 * `query`'s rows, checked against `columns`. On SQLite they are read straight
 * from the connection Prisma would use (the reader, or a transaction's writer),
 * skipping the client's conversion of each row into the adapter's types and
 * back: a third of an export's reading time. Elsewhere (PostgreSQL, a
 * statement that is not a SELECT), with `$queryRaw`.
 */
export async function queryRows<C extends Columns>(db: Tx, table: string, columns: C, query: Prisma.Sql): Promise<RowOf<C>[]> {
  const read = (connection: Database.Database) => {
    const { names, rows } = selectRaw(connection, query.sql, query.values);
    return sqliteRows(table, columns, names, rows);
  };
  if (isSelect(query.sql)) {
    const connection = sqliteConnection(db);
    if (connection) return read(connection);
  } else {
    // A write returning rows (RETURNING): on the writer, in its turn.
    const written = sqliteWrite(db, read);
    if (written) return written;
  }
  const sent = postgresqlStatement(db, { text: query.text, values: query.values });
  return checkRows(table, columns, sent ? (await sent).rows : await db.$queryRaw(query));
}

/**
 * Runs a write in raw SQL (no RETURNING); the number of rows it changed. On
 * SQLite straight on the writer connection (sqliteWrite), as queryRows reads:
 * Prisma's client costs more than the statement (a verdict's save is half a
 * dozen such writes). Elsewhere with `$executeRaw`.
 */
export async function executeRows(db: Tx, query: Prisma.Sql): Promise<number> {
  const written = sqliteWrite(db, (connection) => runRaw(connection, query.sql, query.values));
  if (written) return written;
  const sent = postgresqlStatement(db, { text: query.text, values: query.values });
  return sent ? ((await sent).rowCount ?? 0) : db.$executeRaw(query);
}
