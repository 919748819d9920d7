import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeConsensus, DEFAULT_REVIEW_SETTINGS } from '../../lib/consensus';
import { CSV_COLUMNS, csvRecords, formatSources, renderCsv } from '../../lib/export/csv';
import { parseCsv } from './support/csv';
import { article, batches, claim, collect, options, verdict } from './support/export-fixtures';

const sourced = verdict({
  rating: 'mostly-true',
  rationale: 'Bilan « officiel », cité par l’AFP, dit "environ 300".\nDeuxième ligne; avec point-virgule.',
  sources: [
    { url: 'https://a.example/1', title: 'Rapport de l’ONU', publisher: null, quote: null, stance: 'supports', accessedAt: null, archiveUrl: null },
    { url: 'https://b.example/2?x=1,2', title: null, publisher: null, quote: null, stance: null, accessedAt: null, archiveUrl: null },
  ],
});
const agreed = claim('c1', '« près de 300 morts »', [sourced, verdict({ id: 'v2', reviewer: { id: 'u2', name: null }, rating: 'mostly-true' }), verdict({ id: 'v3', reviewer: { id: 'u3', name: '@bob' }, rating: 'mixed' })], {
  note: '=HYPERLINK("http://evil","x")',
});
const open = claim('c2', 'C’est l’avis de l’AFP', []);

async function csv(opts: Partial<typeof options> = {}, ...claims: (typeof agreed)[]) {
  return collect(renderCsv(batches({ article, claims }), { ...options, ...opts }));
}

function rowsOf(text: string, delimiter = ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''), delimiter);
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]!])));
}

describe('CSV export', () => {
  it('starts with a byte order mark (by default) and the header, CRLF between records', async () => {
    const text = await csv({}, agreed);
    expect(text.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(await csv({ bom: false }, agreed)).toMatch(/^article_id,/);
  });

  it('writes one row per claim, reviewed or not', async () => {
    const rows = rowsOf(await csv({}, agreed, open));
    expect(rows.map((r) => r.claim_id)).toEqual(['c1', 'c2']);
    expect(rows[1]).toMatchObject({ status: 'unreviewed', reviewer_count: '0', final_rating: '', leading_rating: '', sources: '' });
  });

  it('fills quote, offsets, revision, anchor, status, counts per rating, agreement and the final rating', async () => {
    const [row] = rowsOf(await csv({}, agreed));
    expect(row).toMatchObject({
      article_id: 'art_1',
      article_title: article.title,
      quote: '« près de 300 morts »',
      start: String(agreed.start),
      end: String(agreed.end),
      revision: '2',
      anchor_state: 'exact',
      status: 'consensus',
      leading_rating: 'mostly-true',
      count_mostly_true: '2',
      count_mixed: '1',
      count_false: '0',
      count_unverifiable: '0',
      reviewer_count: '3',
      agreement: '0.6667',
      final_rating: 'mostly-true',
      final_rating_by: 'consensus',
    });
  });

  it('says an adjudicated rating is the editor’s', async () => {
    const adjudicated = claim('c3', 'en septembre', [verdict({ rating: 'true' }), verdict({ id: 'v2', rating: 'false' })], {
      consensus: computeConsensus(['true', 'false'], DEFAULT_REVIEW_SETTINGS, { adjudicated: 'mixed' }),
    });
    expect(rowsOf(await csv({}, adjudicated))[0]).toMatchObject({ status: 'adjudicated', final_rating: 'mixed', final_rating_by: 'adjudication' });
  });

  it('lists sources as "Title <url>", the URL alone without a title, joined with " | "', async () => {
    expect(rowsOf(await csv({}, agreed))[0]!.sources).toBe('Rapport de l’ONU <https://a.example/1> | https://b.example/2?x=1,2');
    expect(formatSources([])).toBe('');
  });

  it.each([
    [';', ';'],
    ['tab', '\t'],
  ] as const)('splits cells with %j, quoting cells that contain it', async (delimiter, char) => {
    const withDelimiter = claim('c4', 'dit-il', [], { note: `a${char}b` });
    const text = await csv({ delimiter }, agreed, withDelimiter);
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${CSV_COLUMNS.join(char)}`);
    const rows = rowsOf(text, char);
    expect(rows[0]!.quote).toBe('« près de 300 morts »');
    expect(rows[1]!.note).toBe(`a${char}b`);
  });

  it('keeps French typography as UTF-8 characters', async () => {
    const text = await csv({}, agreed, open);
    expect(text).toContain('« près de 300 morts »');
    expect(text).toContain('C’est l’avis de l’AFP');
  });

  it('neutralises cells a spreadsheet would run as formulas, and leaves numbers as numbers', async () => {
    const formulas = claim('c5', '-2 % selon +infos', [], { note: '@SUM(1)' });
    const rows = rowsOf(await csv({}, agreed, formulas));
    expect(rows[0]!.note).toBe('\'=HYPERLINK("http://evil","x")');
    expect(rows[1]!.quote).toBe("'-2 % selon +infos");
    expect(rows[1]!.note).toBe("'@SUM(1)");
    expect(rows[0]!.agreement).toBe('0.6667');
    expect(rows[0]!.start).toMatch(/^\d+$/);
  });

  it('streams: the header first, then one chunk per batch, and only a header for no claims', async () => {
    const chunks: string[] = [];
    for await (const chunk of renderCsv(batches({ article, claims: [agreed] }, { article, claims: [] }, { article, claims: [open] }), options)) chunks.push(chunk);
    expect(chunks).toHaveLength(3);
    expect(parseCsv(chunks[0]!.slice(1))).toEqual([[...CSV_COLUMNS]]);
    expect(await csv({})).toBe(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('csvRecords', () => {
  it('quotes a cell only when it holds the delimiter, a quote or a line break, doubling its quotes; CRLF after each record', () => {
    expect(csvRecords([['a', 'b,c', 'say "hi"', 'x;y', 'line\nbreak', 'cr\r', 'tab\there'], []])).toBe('a,"b,c","say ""hi""",x;y,"line\nbreak","cr\r",tab\there\r\n\r\n');
    expect(csvRecords([['b,c', 'x;y', 'tab\there']], ';')).toBe('b,c;"x;y";tab\there\r\n');
    expect(csvRecords([['b,c', 'x;y', 'tab\there']], 'tab')).toBe('b,c\tx;y\t"tab\there"\r\n');
    expect(csvRecords([])).toBe('');
  });

  it('quotes a quote that spans paragraphs: csv-stringify quoted only CRLF, and a bare LF split the record', async () => {
    const rows = rowsOf(await csv({}, claim('c9', 'morts » en septembre.\n\nC’est', [])));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.quote).toBe('morts » en septembre.\n\nC’est');
  });

  it('reads back as written with a strict RFC 4180 reader, whatever the cells', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', '«', ' ', '"', ',', ';', '\t', '\r', '\n', '’', '😀') });
    const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 });
    for (const delimiter of [',', ';', 'tab'] as const) {
      fc.assert(
        fc.property(rows, (written) => {
          // A record of one empty cell is an empty line, which a reader skips: not a case the exports write.
          fc.pre(written.every((row) => row.some((c) => c !== '')));
          expect(parseCsv(csvRecords(written, delimiter), delimiter === 'tab' ? '\t' : delimiter)).toEqual(written);
        }),
      );
    }
  });
});
