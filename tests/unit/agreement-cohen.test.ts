import { describe, expect, it } from 'vitest';
import { MIN_SHARED_UNITS, cohenKappaFromTable, pairwiseCohenKappa } from '../../lib/agreement/cohen';
import { ratingsMatrix, type RatedVerdict } from '../../lib/agreement/matrix';
import { GWET_ABSTRACTORS, fromContingencyTable } from './support/agreement-data';

describe('cohenKappaFromTable: published values', () => {
  it('Gwet (2014), Handbook of Inter-Rater Reliability, 2 abstractors × 100 pregnancies (irrCAC kappa2.table(cont3x3abstractors) = 0.7964094): κ = 0.796', () => {
    expect(cohenKappaFromTable(GWET_ABSTRACTORS)).toBeCloseTo(0.796, 3);
  });

  it('Wikipedia "Cohen\'s kappa", simple example, 50 grant proposals: κ = 0.4', () => {
    // Checked by hand from the definition as well: yes/yes 20, yes/no 5, no/yes 10, no/no 15. p_o = 35/50 = 0.7; A says yes 25/50, B 30/50;
    // p_e = 0.5 · 0.6 + 0.5 · 0.4 = 0.5; κ = (0.7 − 0.5) / (1 − 0.5) = 0.4.
    expect(cohenKappaFromTable([[20, 5], [10, 15]])).toBeCloseTo(0.4, 12);
  });

  it('is null with no units, when both used one and the same category, or on a malformed table', () => {
    expect(cohenKappaFromTable([])).toBeNull();
    expect(cohenKappaFromTable([[0, 0], [0, 0]])).toBeNull();
    expect(cohenKappaFromTable([[5, 0], [0, 0]])).toBeNull();
    expect(cohenKappaFromTable([[1, Number.NaN], [0, 1]])).toBeNull();
    expect(cohenKappaFromTable([[1, -1], [0, 1]])).toBeNull();
  });
});

describe('pairwiseCohenKappa', () => {
  it('gives the table\'s kappa for two reviewers who rated the same units', () => {
    expect(pairwiseCohenKappa(fromContingencyTable(GWET_ABSTRACTORS))).toEqual([{ a: 'first', b: 'second', kappa: expect.closeTo(0.796, 3), n: 100 }]);
  });

  it('gives every pair that shared at least two claims, over the claims they shared only', () => {
    const v: RatedVerdict[] = [
      { claimId: 'c1', reviewerId: 'ana', rating: 'true' },
      { claimId: 'c1', reviewerId: 'bob', rating: 'true' },
      { claimId: 'c1', reviewerId: 'eve', rating: 'false' },
      { claimId: 'c2', reviewerId: 'ana', rating: 'false' },
      { claimId: 'c2', reviewerId: 'bob', rating: 'false' },
      { claimId: 'c3', reviewerId: 'ana', rating: 'mixed' },
      { claimId: 'c3', reviewerId: 'bob', rating: 'true' },
      { claimId: 'c3', reviewerId: 'eve', rating: 'true' },
      { claimId: 'c4', reviewerId: 'eve', rating: 'mixed' },
    ];
    // ana/bob share c1–c3: table true/true, false/false, mixed/true. p_o = 2/3;
    // ana: true, false, mixed (1/3 each); bob: true 2/3, false 1/3; p_e = 1/3 · 2/3 + 1/3 · 1/3 = 1/3; κ = (2/3 − 1/3) / (2/3) = 1/2.
    // ana/eve share c1 and c3: (true, false), (mixed, true): p_o = 0; p_e = 1/2 · 0 + … = 0 (ana never says false, eve never mixed) + (true: 1/2 · 1/2) = 1/4; κ = −1/3.
    // bob/eve share c1 and c3: (true, false), (true, true): p_o = 1/2; bob true 1, eve true 1/2, false 1/2; p_e = 1/2; κ = 0.
    expect(pairwiseCohenKappa(ratingsMatrix(v))).toEqual([
      { a: 'ana', b: 'bob', kappa: expect.closeTo(0.5, 12), n: 3 },
      { a: 'ana', b: 'eve', kappa: expect.closeTo(-1 / 3, 12), n: 2 },
      { a: 'bob', b: 'eve', kappa: expect.closeTo(0, 12), n: 2 },
    ]);
  });

  it('leaves out pairs with fewer than two shared claims and says null where kappa is undefined', () => {
    expect(MIN_SHARED_UNITS).toBe(2);
    const v: RatedVerdict[] = [
      { claimId: 'c1', reviewerId: 'ana', rating: 'true' },
      { claimId: 'c1', reviewerId: 'bob', rating: 'true' },
      { claimId: 'c2', reviewerId: 'ana', rating: 'true' },
      { claimId: 'c2', reviewerId: 'bob', rating: 'true' },
      { claimId: 'c2', reviewerId: 'eve', rating: 'false' },
    ];
    expect(pairwiseCohenKappa(ratingsMatrix(v))).toEqual([{ a: 'ana', b: 'bob', kappa: null, n: 2 }]);
    expect(pairwiseCohenKappa(ratingsMatrix([]))).toEqual([]);
  });
});
