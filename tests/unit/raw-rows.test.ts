// Rows read with raw SQL are checked column by column (lib/db/raw-rows.ts):
// a value of another type stops the read, naming the table and the column.
import { describe, expect, it } from 'vitest';
import { checkRows, pickColumns, selectList } from '../../lib/db/raw-rows';

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

