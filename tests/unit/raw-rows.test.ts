// Rows read with raw SQL are checked column by column (lib/db/raw-rows.ts):
// a value of another type stops the read, naming the table and the column.
import { describe, expect, it } from 'vitest';
import { checkRows, isoDates, jsonRows, pickColumns, selectList, sqliteRows } from '../../lib/db/raw-rows';

const COLUMNS = { id: 'text', note: 'text?', start: 'int', votes: 'count', open: 'bool', at: 'date', gone: 'date?' } as const;
const row = { id: 'c1', note: null, start: 3, votes: 5n, open: true, at: new Date(0), gone: null };

describe('checkRows', () => {
  it('passes rows whose every value has its column’s type, nulls where allowed', () => {
    const rows = [row, { ...row, note: '« note »', gone: new Date(1) }];
    expect(checkRows('Claim', COLUMNS, rows)).toEqual(rows);
    expect(checkRows('Claim', COLUMNS, [])).toEqual([]);
  });

  it.each([
    ['id', null, 'Claim.id is null, not text'],
    ['note', 4, 'Claim.note is 4, not text?'],
    ['start', 2.5, 'Claim.start is 2.5, not int'],
    ['start', 7n, 'Claim.start is 7n, not int'],
    ['votes', 5, 'Claim.votes is 5, not count'],
    ['open', 1, 'Claim.open is 1, not bool'],
    ['at', '1970-01-01T00:00:00.000Z', 'Claim.at is "1970-01-01T00:00:00.000Z", not date'],
    ['gone', undefined, 'Claim.gone is undefined, not date?'],
  ])('refuses %s = %s', (column, value, message) => {
    expect(() => checkRows('Claim', COLUMNS, [row, { ...row, [column]: value }])).toThrow(message);
  });

  it('refuses an answer that is not a list of rows', () => {
    expect(() => checkRows('Claim', COLUMNS, 3)).toThrow('Unexpected answer from the database reading Claim.');
  });
});

describe('sqliteRows', () => {
  const NAMES = Object.keys(COLUMNS);
  /** The row above as SQLite's driver reads it (selectRaw): integers as numbers, booleans as 0 or 1, dates as Prisma writes them. */
  const raw = ['c1', null, 3, 5, 1, '1970-01-01T00:00:00.000+00:00', null];

  it('gives each value the type Prisma’s client gives it', () => {
    expect(sqliteRows('Claim', COLUMNS, NAMES, [raw])).toEqual([row]);
    const other = ['c2', '« note »', 0, 0, 0, '2026-11-27T06:00:00.118+00:00', 86_400_000];
    expect(sqliteRows('Claim', COLUMNS, NAMES, [other])).toEqual([
      { id: 'c2', note: '« note »', start: 0, votes: 0n, open: false, at: new Date('2026-11-27T06:00:00.118Z'), gone: new Date(86_400_000) },
    ]);
    expect(sqliteRows('Claim', COLUMNS, NAMES, [])).toEqual([]);
  });

  it('maps the columns by the names the query selected, in its order', () => {
    const names = ['gone', 'at', 'open', 'votes', 'start', 'note', 'id'];
    expect(sqliteRows('Claim', COLUMNS, names, [[...raw].reverse()])).toEqual([row]);
  });

  it.each([
    [0, null, 'Claim.id is null, not text'],
    [1, 4, 'Claim.note is 4, not text?'],
    [2, 2.5, 'Claim.start is 2.5, not int'],
    // An integer beyond 2^53, which the driver can only give rounded.
    [2, 2 ** 60, 'Claim.start is 1152921504606847000, not int'],
    [3, '5', 'Claim.votes is "5", not count'],
    [3, 2 ** 53, 'Claim.votes is 9007199254740992, not count'],
    [4, 2, 'Claim.open is 2, not bool'],
    [4, true, 'Claim.open is true, not bool'],
    [5, 'hier', 'Claim.at is "hier", not date'],
    [6, 1.5, 'Claim.gone is 1.5, not date?'],
  ])('refuses column %i = %s', (index, value, message) => {
    const bad: unknown[] = [...raw];
    bad[index] = value;
    expect(() => sqliteRows('Claim', COLUMNS, NAMES, [raw, bad])).toThrow(message);
  });

  it('refuses a query that selects other columns than those named', () => {
    expect(() => sqliteRows('Claim', COLUMNS, [...NAMES, 'extra'], [[...raw, 1]])).toThrow('Reading Claim, the query selects extra, which its columns do not name.');
    expect(() => sqliteRows('Claim', COLUMNS, NAMES.slice(1), [raw.slice(1)])).toThrow('not every column named');
  });
});

describe('jsonRows: rows PostgreSQL gathered as JSON', () => {
  const JSON_COLUMNS = { id: 'text', note: 'text?', start: 'int', share: 'float', open: 'bool', at: 'date', gone: 'date?', iso: 'iso' } as const;
  const NAMES = Object.keys(JSON_COLUMNS);
  /** As json_build_array writes a row: timestamps in ISO 8601 without a zone (UTC), their fraction as short as it can. */
  const gathered = [
    ['c1', null, 3, 0.75, true, '2026-11-27T06:00:00.118', null, '2026-11-27T06:00:00'],
    ['c2', '« note »', 0, 1, false, '2026-03-29T01:30:00.1', '1970-01-02T00:00:00', '2026-11-27T06:00:00.12'],
  ];

  it('gives each value the type Prisma’s client gives the column, and no rows for null', () => {
    expect(jsonRows('Claim', JSON_COLUMNS, NAMES, gathered)).toEqual([
      { id: 'c1', note: null, start: 3, share: 0.75, open: true, at: new Date('2026-11-27T06:00:00.118Z'), gone: null, iso: '2026-11-27T06:00:00.000Z' },
      { id: 'c2', note: '« note »', start: 0, share: 1, open: false, at: new Date('2026-03-29T01:30:00.100Z'), gone: new Date(86_400_000), iso: '2026-11-27T06:00:00.120Z' },
    ]);
    expect(jsonRows('Claim', JSON_COLUMNS, NAMES, null)).toEqual([]);
  });

  it.each([
    [2, '3', 'Claim.start is "3", not int'],
    [4, 1, 'Claim.open is 1, not bool'],
    [5, '2026-11-27T06:00:00.118+01:00', 'Claim.at is "2026-11-27T06:00:00.118+01:00", not date'],
    [5, '2026-13-27T06:00:00', 'Claim.at is "2026-13-27T06:00:00", not date'],
    [6, 0, 'Claim.gone is 0, not date?'],
  ])('refuses column %i = %s', (index, value, message) => {
    const bad = [...gathered[0]!];
    bad[index] = value;
    expect(() => jsonRows('Claim', JSON_COLUMNS, NAMES, [gathered[1], bad])).toThrow(message);
  });

  it('refuses what is not a list of rows', () => {
    expect(() => jsonRows('Claim', JSON_COLUMNS, NAMES, { id: 'c1' })).toThrow('Unexpected answer from the database reading Claim: {"id":"c1"}.');
    expect(() => jsonRows('Claim', JSON_COLUMNS, NAMES, ['c1'])).toThrow('Unexpected answer from the database reading Claim');
  });
});

describe('selectList', () => {
  it('names each column under the alias, quoted', () => {
    expect(selectList('c', COLUMNS).sql).toBe('c."id", c."note", c."start", c."votes", c."open", c."at", c."gone"');
  });
});

describe('pickColumns', () => {
  it('keeps the columns named, with their kinds, in the order named', () => {
    const picked = pickColumns(COLUMNS, ['start', 'id', 'gone']);
    expect(picked).toEqual({ start: 'int', id: 'text', gone: 'date?' });
    expect(selectList('c', picked).sql).toBe('c."start", c."id", c."gone"');
  });
});


describe('isoDates: timestamps as ISO text', () => {
  const ISO = isoDates(COLUMNS);
  const NAMES = Object.keys(ISO);

  it('turns only the timestamp columns into ISO text columns', () => {
    expect(ISO).toEqual({ ...COLUMNS, at: 'iso', gone: 'iso?' });
  });

  it('gives on SQLite the text toISOString gives, from Prisma’s text or from milliseconds', () => {
    const rows = sqliteRows('Claim', ISO, NAMES, [
      ['c1', null, 3, 5, 1, '2026-11-27T06:00:00.118+00:00', null],
      ['c2', null, 3, 5, 1, '2026-11-27T08:00:00+02:00', 86_400_000],
      ['c3', null, 3, 5, 1, 1_700_000_000_123, '2026-02-28 23:59:59'],
    ]);
    expect(rows.map((r) => [r.at, r.gone])).toEqual([
      ['2026-11-27T06:00:00.118Z', null],
      ['2026-11-27T06:00:00.000Z', '1970-01-02T00:00:00.000Z'],
      [new Date(1_700_000_000_123).toISOString(), new Date('2026-02-28 23:59:59').toISOString()],
    ]);
  });

  it.each([['hier'], ['2026-13-01T00:00:00.000+00:00'], [1.5], [null]])('refuses %s in a timestamp column on SQLite', (value) => {
    expect(() => sqliteRows('Claim', ISO, NAMES, [['c1', null, 3, 5, 1, value, null]])).toThrow(`Claim.at is ${JSON.stringify(value)}, not iso`);
  });

  it('gives from $queryRaw’s Dates the same text, and refuses text in their place', () => {
    const rows = checkRows('Claim', ISO, [{ ...row, at: new Date('2026-11-27T06:00:00.118Z'), gone: null }]);
    expect(rows[0]).toEqual({ ...row, at: '2026-11-27T06:00:00.118Z', gone: null });
    expect(() => checkRows('Claim', ISO, [{ ...row, at: '2026-11-27T06:00:00.118Z' }])).toThrow('Claim.at is "2026-11-27T06:00:00.118Z", not iso');
  });
});
