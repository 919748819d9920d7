// Properties of every agreement measure on random data (fast-check): no NaN
// and no throw whatever the input, perfect agreement scores 1, and nothing
// depends on the order or the names of claims and reviewers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dawidSkene } from '../../lib/agreement/dawid-skene';
import { buildMatrix, ratingsMatrix, type RatedVerdict } from '../../lib/agreement/matrix';
import { agreementReport, type AgreementReport } from '../../lib/agreement/report';
import { RATINGS, ordinalValue } from '../../lib/ratings';

const CLAIMS = 40;
const REVIEWERS = 6;
/** Up to 40 claims and 6 reviewers: enough claims rated twice, often, for Dawid–Skene to estimate (20). */
const verdictsArb = fc.array(
  fc.record({ claim: fc.integer({ min: 0, max: CLAIMS - 1 }), reviewer: fc.integer({ min: 0, max: REVIEWERS - 1 }), rating: fc.constantFrom(...RATINGS) }),
  { maxLength: 160, size: 'max' },
);
const toVerdicts = (rows: { claim: number; reviewer: number; rating: (typeof RATINGS)[number] }[]): RatedVerdict[] =>
  rows.map((r) => ({ claimId: `claim-${r.claim}`, reviewerId: `reviewer-${r.reviewer}`, rating: r.rating }));

/** Every number in the report, in a fixed order, nulls kept. */
function figures(r: AgreementReport): (number | null)[] {
  return [
    r.reviewers,
    r.claims,
    r.percentAgreement,
    r.krippendorffAlpha.nominal,
    r.krippendorffAlpha.ordinal,
    r.krippendorffAlpha.interval,
    r.fleissKappa?.kappa ?? null,
    r.fleissKappa?.raters ?? null,
    r.fleissKappa?.units ?? null,
    r.gwetAC1,
    ...r.cohenKappa.flatMap((p) => [p.kappa, p.n]),
  ];
}

const finiteOrNull = (v: number | null) => v === null || Number.isFinite(v);

/** Hundreds of cases each, CPU-bound: on a loaded machine they take seconds, which is no failure. */
const PROPERTY_TIMEOUT_MS = 60_000;

describe('no NaN, no throw', () => {
  it('on random verdicts, for every figure and Dawid–Skene', () => {
    fc.assert(
      fc.property(verdictsArb, (rows) => {
        const m = ratingsMatrix(toVerdicts(rows));
        expect(figures(agreementReport(m)).every(finiteOrNull)).toBe(true);
        const ds = dawidSkene(m);
        if (!ds.insufficientData) {
          expect(ds.reviewers.every((r) => finiteOrNull(r.accuracy))).toBe(true);
          expect(ds.claims.every((c) => Number.isFinite(c.probability) && c.probability > 0 && c.probability <= 1)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('on random matrices over any scale: no categories, one, values missing, infinite, huge or repeated', () => {
    const scaleArb = fc.array(
      fc.record({ label: fc.string(), value: fc.option(fc.oneof(fc.double(), fc.constantFrom(1e200, -1e200, Number.NaN, Number.POSITIVE_INFINITY)), { nil: null }) }),
      { maxLength: 5 },
    );
    const observationsArb = fc.array(
      fc.record({ unit: fc.string({ maxLength: 2 }), coder: fc.string({ maxLength: 2 }), category: fc.integer({ min: -1, max: 5 }) }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(scaleArb, observationsArb, (categories, observations) => {
        const m = buildMatrix(categories, observations);
        expect(figures(agreementReport(m)).every(finiteOrNull)).toBe(true);
        const ds = dawidSkene(m);
        if (!ds.insufficientData) expect(ds.claims.every((c) => Number.isFinite(c.probability))).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

describe('perfect agreement', () => {
  it('scores 1 on every measure that is defined, and alpha is defined as soon as ratings vary', () => {
    const claimsArb = fc.array(
      fc.record({ rating: fc.constantFrom(...RATINGS), reviewers: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 5 }) }),
      { minLength: 2, maxLength: 15 },
    );
    fc.assert(
      fc.property(claimsArb, (claims) => {
        const verdicts = claims.flatMap((c, i) => c.reviewers.map((r) => ({ claimId: `c${i}`, reviewerId: `r${r}`, rating: c.rating })));
        const report = agreementReport(ratingsMatrix(verdicts));
        const distinct = new Set(claims.map((c) => c.rating));
        const distinctOrdinal = new Set(claims.map((c) => ordinalValue(c.rating)).filter((v) => v !== null));
        expect(report.percentAgreement).toBe(1);
        expect(report.gwetAC1).toBeCloseTo(1, 12);
        expect(report.krippendorffAlpha.nominal).toBe(distinct.size >= 2 ? 1 : null);
        expect(report.krippendorffAlpha.ordinal).toBe(distinctOrdinal.size >= 2 ? 1 : null);
        expect(report.krippendorffAlpha.interval).toBe(distinctOrdinal.size >= 2 ? 1 : null);
        if (report.fleissKappa) expect(report.fleissKappa.kappa).toBeCloseTo(1, 12);
        for (const pair of report.cohenKappa) if (pair.kappa !== null) expect(pair.kappa).toBeCloseTo(1, 12);
      }),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

describe('invariance', () => {
  it('under any order of the verdicts and any renaming of claims and reviewers (which reorders them)', () => {
    let estimated = 0;
    fc.assert(
      fc.property(
        verdictsArb,
        fc.shuffledSubarray([...Array(CLAIMS).keys()], { minLength: CLAIMS }),
        fc.shuffledSubarray([...Array(REVIEWERS).keys()], { minLength: REVIEWERS }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        (rows, claimNames, reviewerNames, noise) => {
          // One verdict per claim and reviewer (the matrix keeps the later one), so that order alone cannot change a rating.
          const unique = [...new Map(rows.map((r) => [`${r.claim}/${r.reviewer}`, r])).values()];
          const renamed = unique
            .map((r) => ({ claim: claimNames[r.claim]!, reviewer: reviewerNames[r.reviewer]!, rating: r.rating, order: noise.next().value }))
            .sort((x, y) => x.order - y.order);
          const a = ratingsMatrix(toVerdicts(unique));
          const b = ratingsMatrix(toVerdicts(renamed));
          const close = (x: number | null, y: number | null, within = 1e-9) => (x === null ? y === null : y !== null && Math.abs(x - y) < within);

          const [ra, rb] = [agreementReport(a), agreementReport(b)];
          const scalars = (r: AgreementReport) => figures({ ...r, cohenKappa: [] });
          expect(scalars(ra).every((x, i) => close(x, scalars(rb)[i]!))).toBe(true);
          // Cohen's kappa per unordered pair of reviewers, whatever their new names' order.
          const reviewer = (id: string) => `reviewer-${reviewerNames[Number(id.slice('reviewer-'.length))]}`;
          const claim = (id: string) => `claim-${claimNames[Number(id.slice('claim-'.length))]}`;
          const pairs = new Map(rb.cohenKappa.map((p) => [[p.a, p.b].sort().join('|'), p]));
          expect(rb.cohenKappa).toHaveLength(ra.cohenKappa.length);
          for (const p of ra.cohenKappa) {
            const q = pairs.get([reviewer(p.a), reviewer(p.b)].sort().join('|'))!;
            expect(q.n).toBe(p.n);
            expect(close(p.kappa, q.kappa)).toBe(true);
          }

          const [da, db] = [dawidSkene(a), dawidSkene(b)];
          expect(db.insufficientData).toBe(da.insufficientData);
          if (da.insufficientData || db.insufficientData) return;
          estimated += 1;
          const accuracy = new Map(db.reviewers.map((r) => [r.reviewer, r.accuracy]));
          for (const r of da.reviewers) expect(close(r.accuracy, accuracy.get(reviewer(r.reviewer))!, 1e-6)).toBe(true);
          const posterior = new Map(db.claims.map((c) => [c.claim, c]));
          for (const c of da.claims) {
            const d = posterior.get(claim(c.claim))!;
            expect(d.rating).toBe(c.rating);
            expect(close(c.probability, d.probability, 1e-6)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
    // The Dawid–Skene half of the property did run, on a good share of the cases.
    expect(estimated).toBeGreaterThan(50);
  }, PROPERTY_TIMEOUT_MS);
});
