// CSV export: one row per verdict, so a spreadsheet can filter and pivot on
// reviewers and ratings. A claim nobody has reviewed yet still gets one row,
// with the verdict columns empty, so the export lists every claim.

import { stringify } from 'csv-stringify/sync';
import type { ArticleExport, ExportedClaim, ExportedVerdict } from './types';

export const CSV_COLUMNS = [
  'article_id',
  'article_title',
  'claim_id',
  'claim_start',
  'claim_end',
  'claim_text',
  'consensus_status',
  'consensus_rating',
  'agreement',
  'reviewer_count',
  'reviewer',
  'rating',
  'rationale',
  'sources',
  'updated_at',
] as const;

type Column = (typeof CSV_COLUMNS)[number];
type Row = Record<Column, string>;

/** Numbers are written as numbers: a negative one is not a formula, and "'-1" would not be a number. */
const NUMERIC_COLUMNS: ReadonlySet<Column> = new Set(['claim_start', 'claim_end', 'agreement', 'reviewer_count']);

/**
 * Spreadsheets run a cell beginning with = + - @ (or a tab or carriage
 * return before one) as a formula: a rationale reading "=HYPERLINK(…)" would
 * be a CSV injection. A leading apostrophe makes Excel and LibreOffice show
 * the text as typed (OWASP's recommendation).
 */
export function guardFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Agreement rounded to 4 decimals: 2/3 → "0.6667" rather than 16 digits. */
function formatAgreement(agreement: number | null): string {
  return agreement === null ? '' : String(Math.round(agreement * 10000) / 10000);
}

function claimColumns(data: ArticleExport, claim: ExportedClaim): Omit<Row, VerdictColumn> {
  return {
    article_id: data.article.id,
    article_title: data.article.title,
    claim_id: claim.id,
    claim_start: String(claim.start),
    claim_end: String(claim.end),
    claim_text: claim.exact,
    consensus_status: claim.consensus.status,
    consensus_rating: claim.consensus.finalRating ?? '',
    agreement: formatAgreement(claim.consensus.agreement),
    reviewer_count: String(claim.consensus.reviewerCount),
  };
}

type VerdictColumn = 'reviewer' | 'rating' | 'rationale' | 'sources' | 'updated_at';

function verdictColumns(verdict: ExportedVerdict | null): Pick<Row, VerdictColumn> {
  if (!verdict) return { reviewer: '', rating: '', rationale: '', sources: '', updated_at: '' };
  return {
    // The display name when there is one; the id keeps rows attributable otherwise.
    reviewer: verdict.reviewer.name ?? verdict.reviewer.id,
    rating: verdict.rating,
    rationale: verdict.rationale,
    sources: verdict.sources.map((s) => s.url).join(' | '),
    updated_at: verdict.updatedAt,
  };
}

function guardRow(row: Row): string[] {
  return CSV_COLUMNS.map((column) => (NUMERIC_COLUMNS.has(column) ? row[column] : guardFormula(row[column])));
}

export function toRows(data: ArticleExport): string[][] {
  return data.claims.flatMap((claim) => {
    const verdicts: (ExportedVerdict | null)[] = claim.verdicts.length > 0 ? claim.verdicts : [null];
    return verdicts.map((verdict) => guardRow({ ...claimColumns(data, claim), ...verdictColumns(verdict) }));
  });
}

/**
 * RFC 4180 CSV (CRLF between records; quotes, commas and line breaks inside
 * cells are quoted by csv-stringify). The output starts with a UTF-8 byte
 * order mark: without it Excel reads the file as Windows-1252 and shows
 * "vÃ©ritÃ©" for "vérité".
 */
export function toCsv(data: ArticleExport): string {
  const body = stringify(toRows(data), {
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: 'windows',
  });
  return `\uFEFF${body}`;
}
