// CSV export: one row per claim, for a spreadsheet to filter, sort and count.
// RFC 4180 (CRLF after each record; a cell holding the delimiter, a quote or
// a line break quoted, its quotes doubled), UTF-8 with an optional byte order mark,
// `,`, `;` or tab between cells: French spreadsheet programs split on `;`
// (their decimal separator is the comma).
import { RATINGS, type Rating } from '../ratings';
import type { CsvDelimiter, ExportArticle, ExportBatch, ExportClaim, ExportFormat, ExportOptions } from './format';

const COUNT_COLUMNS = RATINGS.map((r) => `count_${r.replace(/-/g, '_')}`) as `count_${string}`[];

export const CSV_COLUMNS = [
  'article_id',
  'article_title',
  'claim_id',
  'quote',
  'start',
  'end',
  'revision',
  'anchor_state',
  'status',
  'leading_rating',
  ...COUNT_COLUMNS,
  'reviewer_count',
  'agreement',
  'final_rating',
  'final_rating_by',
  'sources',
  'note',
  'created_at',
  'last_activity_at',
] as const;

/** Written as they are: a negative number is not a formula, and "'-1" would not be a number. */
const NUMERIC_COLUMNS: ReadonlySet<string> = new Set(['start', 'end', 'revision', 'reviewer_count', 'agreement', ...COUNT_COLUMNS]);

/**
 * Spreadsheets run a cell beginning with = + - @ (or a tab or carriage
 * return before one) as a formula: a note reading "=HYPERLINK(…)" would be a
 * CSV injection. A leading apostrophe makes Excel and LibreOffice show the
 * text as typed (OWASP's recommendation).
 */
export function guardFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Agreement rounded to 4 decimals: 2/3 → "0.6667" rather than 16 digits. */
function formatAgreement(agreement: number | null): string {
  return agreement === null ? '' : String(Math.round(agreement * 10000) / 10000);
}

/** "Title <url>", or the URL alone when the source has no title; joined with " | ". */
export function formatSources(sources: readonly { url: string; title: string | null }[]): string {
  return sources.map((s) => (s.title ? `${s.title} <${s.url}>` : s.url)).join(' | ');
}

export function claimRow(article: ExportArticle, claim: ExportClaim): string[] {
  const c = claim.consensus;
  const cells: Record<string, string> = {
    article_id: article.id,
    article_title: article.title,
    claim_id: claim.id,
    quote: claim.exact,
    start: String(claim.start),
    end: String(claim.end),
    revision: String(claim.revision),
    anchor_state: claim.anchorState,
    status: c.status,
    leading_rating: c.leadingRating ?? '',
    reviewer_count: String(c.reviewerCount),
    agreement: formatAgreement(c.agreement),
    final_rating: c.finalRating ?? '',
    final_rating_by: c.finalRating === null ? '' : c.status === 'adjudicated' ? 'adjudication' : 'consensus',
    sources: formatSources(claim.sources),
    note: claim.note ?? '',
    created_at: claim.createdAt,
    last_activity_at: claim.lastActivityAt,
  };
  RATINGS.forEach((r: Rating, i) => (cells[COUNT_COLUMNS[i]!] = String(c.counts[r])));
  return CSV_COLUMNS.map((column) => (NUMERIC_COLUMNS.has(column) ? cells[column]! : guardFormula(cells[column]!)));
}

const SEPARATOR: Record<CsvDelimiter, string> = { ',': ',', ';': ';', tab: '\t' };
const NEEDS_QUOTES: Record<CsvDelimiter, RegExp> = { ',': /[",\r\n]/, ';': /[";\r\n]/, tab: /["\t\r\n]/ };

/**
 * Rows as RFC 4180 records, each ended by CRLF. Written here rather than
 * with csv-stringify: its general machinery (options, transforms, casting)
 * was a tenth of an export of 100,000 claims, for a rule of three lines.
 */
export function csvRecords(rows: readonly (readonly string[])[], delimiter: CsvDelimiter = ','): string {
  const separator = SEPARATOR[delimiter];
  const quote = NEEDS_QUOTES[delimiter];
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const cell = row[i]!;
      out += (i === 0 ? '' : separator) + (quote.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
    }
    out += '\r\n';
  }
  return out;
}

/** The header, then each batch's rows as one chunk. */
export async function* renderCsv(batches: AsyncIterable<ExportBatch>, options: Pick<ExportOptions, 'delimiter' | 'bom'>): AsyncGenerator<string> {
  yield (options.bom ? '\uFEFF' : '') + csvRecords([CSV_COLUMNS], options.delimiter);
  for await (const batch of batches) {
    if (batch.claims.length > 0) yield csvRecords(batch.claims.map((claim) => claimRow(batch.article, claim)), options.delimiter);
  }
}

export const csvFormat: ExportFormat = { contentType: 'text/csv; charset=utf-8', extension: 'csv', render: renderCsv };
