import { describe, expect, it } from 'vitest';
import { pairwiseCohenKappa } from '../../lib/agreement/cohen';
import { fleissKappa } from '../../lib/agreement/fleiss';
import { ratingsMatrix } from '../../lib/agreement/matrix';
import { agreementReport } from '../../lib/agreement/report';
import { KRIPPENDORFF_2011, fromCoderRows } from './support/agreement-data';

describe('agreementReport', () => {
  it('gathers every figure in the API\'s shape: Krippendorff (2011) data, values as published', () => {
    const m = fromCoderRows(KRIPPENDORFF_2011, [1, 2, 3, 4, 5]);
    const report = agreementReport(m);
    expect(report).toEqual({
      reviewers: 4,
      claims: 12,
      percentAgreement: expect.closeTo(0.818, 3),
      krippendorffAlpha: { nominal: expect.closeTo(0.743, 3), ordinal: expect.closeTo(0.815, 3), interval: expect.closeTo(0.849, 3) },
      // Units 2–9 have 4 ratings (32 ratings), more than the 3-rating units 1 and 10 (6) or unit 11 (2).
      fleissKappa: { kappa: expect.any(Number), raters: 4, units: 8 },
      gwetAC1: expect.closeTo(0.775, 3),
      cohenKappa: pairwiseCohenKappa(m),
    });
    expect(report.fleissKappa).toEqual(fleissKappa(m, 4));
    expect(report.cohenKappa.map((p) => [p.a, p.b, p.n])).toEqual([
      ['coder-1', 'coder-2', 9],
      ['coder-1', 'coder-3', 8],
      ['coder-1', 'coder-4', 9],
      ['coder-2', 'coder-3', 9],
      ['coder-2', 'coder-4', 10],
      ['coder-3', 'coder-4', 10],
    ]);
  });

  it('is all null, never NaN, for no verdicts or one reviewer', () => {
    const empty = {
      percentAgreement: null,
      krippendorffAlpha: { nominal: null, ordinal: null, interval: null },
      fleissKappa: null,
      gwetAC1: null,
      cohenKappa: [],
    };
    expect(agreementReport(ratingsMatrix([]))).toEqual({ reviewers: 0, claims: 0, ...empty });
    const alone = ratingsMatrix([
      { claimId: 'c1', reviewerId: 'ana', rating: 'true' },
      { claimId: 'c2', reviewerId: 'ana', rating: 'false' },
    ]);
    expect(agreementReport(alone)).toEqual({ reviewers: 1, claims: 2, ...empty });
  });
});
