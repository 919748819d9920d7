// lib/export/agreement.ts: the agreement report as CSV (long form, formulas
// neutralised) and JSON.
import { describe, expect, it } from 'vitest';
import { AGREEMENT_CSV_COLUMNS, agreementCsv, agreementFilename, agreementJson } from '../../lib/export/agreement';
import type { AgreementView } from '../../lib/services/agreement';
import { parseCsv } from './support/csv';

const view: AgreementView = {
  scope: { article: { id: 'a1', title: '=HYPERLINK("http://evil.example","Élection")' }, from: '2026-01-05', to: null, reviewer: null, dates: 'verdicts' },
  restricted: false,
  reviewers: 2,
  claims: 3,
  percentAgreement: 2 / 3,
  krippendorffAlpha: { nominal: -0.125, ordinal: 0.5, interval: null },
  fleissKappa: { kappa: 0.25, raters: 2, units: 3 },
  gwetAC1: null,
  cohenKappa: [{ a: 'u1', b: 'u2', kappa: -0.2, n: 3 }],
  reliability: {
    insufficientData: true,
    converged: null,
    iterations: null,
    sharedClaims: 3,
    required: { reviewers: 2, sharedClaims: 20, reviewerSharedClaims: 5 },
    reviewers: [],
    weighted: null,
  },
  people: [
    { id: 'u1', name: '@Ada' },
    { id: 'u2', name: null },
  ],
  articles: [{ id: 'a1', title: 'x' }],
  statuses: { unreviewed: 0, 'needs-review': 1, consensus: 1, disputed: 1, adjudicated: 0 },
  attention: { total: 0, claims: [] },
  coverage: { reviewers: ['u1', 'u2'], counts: [3, 3], total: 0, truncated: false, claims: [] },
  overTime: [{ week: '2026-01-05', claims: 3, ratings: 6, percentAgreement: 2 / 3, alpha: { nominal: -0.125, ordinal: 0.5 } }],
};

function records(csv: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(csv.replace(/^\uFEFF/, ''));
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? ''])));
}

describe('agreement CSV', () => {
  it('writes one figure per row, in the documented columns, with a byte order mark and CRLF', () => {
    const csv = agreementCsv(view);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${AGREEMENT_CSV_COLUMNS.join(',')}`);
    const rows = records(csv);
    const get = (section: string, measure: string) => rows.find((r) => r.section === section && r.measure === measure);
    expect(get('figures', 'percent_agreement')?.value).toBe('0.6667');
    expect(get('figures', 'gwet_ac1')?.value).toBe(''); // undefined is empty, not 0
    expect(get('figures', 'fleiss_kappa')).toMatchObject({ value: '0.25', n: '3' });
    expect(get('cohen_kappa', 'kappa')).toMatchObject({ reviewer: "'@Ada", other_reviewer: 'u2', value: '-0.2', n: '3' });
    expect(get('status', 'disputed')?.value).toBe('1');
    expect(get('over_time', 'krippendorff_alpha_ordinal')).toMatchObject({ period: '2026-01-05', value: '0.5', n: '3' });
    expect(get('reliability', 'insufficient_data')?.value).toBe('1');
  });

  it('neutralises formulas in names and titles, and leaves negative figures as numbers', () => {
    const rows = records(agreementCsv(view));
    expect(rows.find((r) => r.measure === 'article')?.value).toBe(`'${view.scope.article!.title}`);
    expect(rows.find((r) => r.measure === 'krippendorff_alpha_nominal')?.value).toBe('-0.125');
    for (const row of rows) for (const cell of Object.values(row)) expect(/^[=+@\t\r]/.test(cell) || /^-(?!\d)/.test(cell), cell).toBe(false);
  });

  it('names a reviewer’s unnamed partner "another reviewer"', () => {
    const rows = records(agreementCsv({ ...view, cohenKappa: [{ a: 'u1', b: null, kappa: 0.4, n: 5 }] }));
    expect(rows.find((r) => r.section === 'cohen_kappa')).toMatchObject({ reviewer: "'@Ada", other_reviewer: 'another reviewer' });
  });
});

describe('agreement JSON and file names', () => {
  it('is the report with a header saying what it is', () => {
    const data = JSON.parse(agreementJson(view, new Date('2026-02-01T00:00:00Z'))) as Record<string, unknown>;
    expect(data).toMatchObject({ format: 'crux.agreement-report', version: 1, exportedAt: '2026-02-01T00:00:00.000Z', claims: 3, cohenKappa: view.cohenKappa });
  });

  it('names the file after the article, or "all"', () => {
    expect(agreementFilename({ ...view, scope: { ...view.scope, article: { id: 'a', title: 'Élection à l’Assemblée' } } }, 'csv')).toBe('agreement-election-a-l-assemblee.crux.csv');
    expect(agreementFilename({ ...view, scope: { ...view.scope, article: null } }, 'json')).toBe('agreement-all.crux.json');
  });
});
