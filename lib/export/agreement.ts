// The agreement report as files: JSON (the API's answer with a header saying
// what it is) and CSV in long form, one figure per row, so that a spreadsheet
// can filter by section and pivot by reviewer or week.
import type { AgreementView } from '../services/agreement';
import { csvRecords, guardFormula } from './csv';
import { slugify } from './filename';

export const AGREEMENT_CSV_COLUMNS = ['section', 'measure', 'reviewer', 'other_reviewer', 'period', 'value', 'n'] as const;

type Column = (typeof AGREEMENT_CSV_COLUMNS)[number];
type Row = Record<Column, string>;

/** A plain number: written as it is (a negative kappa is not a formula, and "'-0.2" would not be a number). */
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Figures to 4 decimals; empty for null (undefined figures are not 0). */
function figure(value: number | null): string {
  return value === null ? '' : String(Math.round(value * 10000) / 10000);
}

const ANOTHER_REVIEWER = 'another reviewer';

function row(cells: Partial<Row>): string[] {
  const full: Row = { section: '', measure: '', reviewer: '', other_reviewer: '', period: '', value: '', n: '', ...cells };
  // Every other cell is guarded: names and titles are anyone's text.
  return AGREEMENT_CSV_COLUMNS.map((column) => (NUMBER.test(full[column]) ? full[column] : guardFormula(full[column])));
}

/** The rows of the CSV, without the header. Reviewers by name where they have one, else by id. */
export function agreementRows(view: AgreementView): string[][] {
  const nameOf = new Map(view.people.map((p) => [p.id, p.name ?? p.id]));
  const who = (id: string | null) => (id === null ? ANOTHER_REVIEWER : (nameOf.get(id) ?? id));
  const rows: string[][] = [
    row({ section: 'scope', measure: 'article', value: view.scope.article?.title ?? 'all articles' }),
    row({ section: 'scope', measure: 'period', period: `${view.scope.from ?? ''}/${view.scope.to ?? ''}` }),
    row({ section: 'scope', measure: 'reviewer', reviewer: view.scope.reviewer === null ? '' : who(view.scope.reviewer) }),
    row({ section: 'scope', measure: 'restricted_to_revealed_claims', value: view.restricted ? '1' : '0' }),
    row({ section: 'figures', measure: 'claims', value: String(view.claims) }),
    row({ section: 'figures', measure: 'reviewers', value: String(view.reviewers) }),
    row({ section: 'figures', measure: 'percent_agreement', value: figure(view.percentAgreement) }),
    row({ section: 'figures', measure: 'krippendorff_alpha_nominal', value: figure(view.krippendorffAlpha.nominal) }),
    row({ section: 'figures', measure: 'krippendorff_alpha_ordinal', value: figure(view.krippendorffAlpha.ordinal) }),
    row({ section: 'figures', measure: 'krippendorff_alpha_interval', value: figure(view.krippendorffAlpha.interval) }),
    row({ section: 'figures', measure: 'fleiss_kappa', value: figure(view.fleissKappa?.kappa ?? null), n: view.fleissKappa ? String(view.fleissKappa.units) : '' }),
    row({ section: 'figures', measure: 'gwet_ac1', value: figure(view.gwetAC1) }),
  ];
  for (const pair of view.cohenKappa) rows.push(row({ section: 'cohen_kappa', measure: 'kappa', reviewer: who(pair.a), other_reviewer: who(pair.b), value: figure(pair.kappa), n: String(pair.n) }));
  const r = view.reliability;
  rows.push(row({ section: 'reliability', measure: 'insufficient_data', value: r.insufficientData ? '1' : '0', n: String(r.sharedClaims) }));
  if (r.converged !== null) rows.push(row({ section: 'reliability', measure: 'converged', value: r.converged ? '1' : '0', n: String(r.iterations ?? '') }));
  for (const reviewer of r.reviewers) rows.push(row({ section: 'reliability', measure: 'accuracy', reviewer: who(reviewer.reviewer), value: figure(reviewer.accuracy), n: String(reviewer.claims) }));
  if (r.weighted) {
    rows.push(row({ section: 'reliability', measure: 'weighted_same_as_plain', value: String(r.weighted.same) }));
    rows.push(row({ section: 'reliability', measure: 'weighted_differs_from_plain', value: String(r.weighted.different) }));
    rows.push(row({ section: 'reliability', measure: 'weighted_decides_plain_tie', value: String(r.weighted.plainTie) }));
  }
  for (const [status, count] of Object.entries(view.statuses)) rows.push(row({ section: 'status', measure: status, value: String(count) }));
  for (const week of view.overTime) {
    rows.push(row({ section: 'over_time', measure: 'percent_agreement', period: week.week, value: figure(week.percentAgreement), n: String(week.claims) }));
    rows.push(row({ section: 'over_time', measure: 'krippendorff_alpha_nominal', period: week.week, value: figure(week.alpha.nominal), n: String(week.claims) }));
    rows.push(row({ section: 'over_time', measure: 'krippendorff_alpha_ordinal', period: week.week, value: figure(week.alpha.ordinal), n: String(week.claims) }));
  }
  return rows;
}

/** RFC 4180 CSV with a UTF-8 byte order mark (for Excel), as the article export. */
export function agreementCsv(view: AgreementView): string {
  return `\uFEFF${csvRecords([AGREEMENT_CSV_COLUMNS, ...agreementRows(view)])}`;
}

export function agreementJson(view: AgreementView, exportedAt: Date = new Date()): string {
  return `${JSON.stringify({ format: 'crux.agreement-report', version: 1, exportedAt: exportedAt.toISOString(), ...view }, null, 2)}\n`;
}

/** "agreement-<article>.crux.csv", or "agreement-all.crux.csv" across articles. */
export function agreementFilename(view: AgreementView, format: 'json' | 'csv'): string {
  const what = view.scope.article ? slugify(view.scope.article.title) || 'article' : 'all';
  return `agreement-${what}.crux.${format}`;
}
