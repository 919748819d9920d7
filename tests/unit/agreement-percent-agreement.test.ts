import { describe, expect, it } from 'vitest';
import { ratingsMatrix } from '../../lib/agreement/matrix';
import { percentAgreement } from '../../lib/agreement/percent-agreement';
import { FLEISS_6_RATERS, GWET_ABSTRACTORS, KRIPPENDORFF_2011, WIKIPEDIA_FLEISS, fromCoderRows, fromContingencyTable, fromDistribution } from './support/agreement-data';

describe('percentAgreement: published values', () => {
  it('Gwet (2014) p. 120, 4 raters × 12 units with missing ratings: p_a = 0.818 (irrCAC pa.coeff.raw(cac.raw4raters) = 0.8181818)', () => {
    expect(percentAgreement(fromCoderRows(KRIPPENDORFF_2011, [1, 2, 3, 4, 5]))).toBeCloseTo(0.818, 3);
  });

  it('Wikipedia "Fleiss\' kappa" worked example, 10 subjects × 14 raters: P̄ = 0.378', () => {
    expect(percentAgreement(fromDistribution(WIKIPEDIA_FLEISS))).toBeCloseTo(0.378, 3);
  });

  it('Fleiss (1971) 6 psychiatrists × 15 patients (irrCAC distrib.6raters): p_a = 0.551 (0.5511111)', () => {
    expect(percentAgreement(fromDistribution(FLEISS_6_RATERS))).toBeCloseTo(0.551, 3);
  });

  it('Gwet (2014) two abstractors × 100 pregnancies: 0.89 (irrCAC pa2.table)', () => {
    expect(percentAgreement(fromContingencyTable(GWET_ABSTRACTORS))).toBeCloseTo(0.89, 3);
  });
});

describe('percentAgreement: definition', () => {
  it('averages per claim, not per pair: a 3-reviewer claim at 1/3 and a 2-reviewer claim at 1 give 2/3', () => {
    // Claim 1: true, true, false → pairs (t,t) agree, (t,f) ×2 disagree: 1/3. Claim 2: both false: 1.
    const m = ratingsMatrix([
      { claimId: 'c1', reviewerId: 'a', rating: 'true' },
      { claimId: 'c1', reviewerId: 'b', rating: 'true' },
      { claimId: 'c1', reviewerId: 'c', rating: 'false' },
      { claimId: 'c2', reviewerId: 'a', rating: 'false' },
      { claimId: 'c2', reviewerId: 'b', rating: 'false' },
      { claimId: 'c3', reviewerId: 'c', rating: 'mixed' },
    ]);
    expect(percentAgreement(m)).toBeCloseTo((1 / 3 + 1) / 2, 12);
  });

  it('counts unverifiable as a category of its own', () => {
    const m = ratingsMatrix([
      { claimId: 'c1', reviewerId: 'a', rating: 'unverifiable' },
      { claimId: 'c1', reviewerId: 'b', rating: 'unverifiable' },
      { claimId: 'c2', reviewerId: 'a', rating: 'unverifiable' },
      { claimId: 'c2', reviewerId: 'b', rating: 'mixed' },
    ]);
    expect(percentAgreement(m)).toBe(0.5);
  });

  it('is null when no claim has two verdicts', () => {
    expect(percentAgreement(ratingsMatrix([]))).toBeNull();
    expect(percentAgreement(ratingsMatrix([{ claimId: 'c1', reviewerId: 'a', rating: 'true' }, { claimId: 'c2', reviewerId: 'b', rating: 'true' }]))).toBeNull();
  });
});
