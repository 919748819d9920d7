import { describe, expect, it } from 'vitest';
import { gwetAC1 } from '../../lib/agreement/gwet';
import { krippendorffAlpha } from '../../lib/agreement/krippendorff';
import { ratingsMatrix } from '../../lib/agreement/matrix';
import type { Rating } from '../../lib/ratings';
import { FLEISS_6_RATERS, GWET_5_OBSERVERS, GWET_ABSTRACTORS, KRIPPENDORFF_2011, fromCoderRows, fromContingencyTable, fromDistribution, fromUnitRows } from './support/agreement-data';

const verdicts = (rows: Record<string, Rating[]>) =>
  ratingsMatrix(Object.entries(rows).flatMap(([claimId, ratings]) => ratings.map((rating, r) => ({ claimId, reviewerId: `r${r}`, rating }))));

describe('gwetAC1: Gwet, Handbook of Inter-Rater Reliability (4th ed., 2014), and his irrCAC package', () => {
  it('4 raters × 12 units with missing ratings (p. 120, cac.raw4raters): AC1 = 0.775 (irrCAC: p_a 0.8181818, p_e 0.1903212, AC1 0.77544)', () => {
    expect(gwetAC1(fromCoderRows(KRIPPENDORFF_2011, [1, 2, 3, 4, 5]))).toBeCloseTo(0.775, 3);
  });

  it('5 observers × 15 units, only one complete (p. 125, cac.raw5obser): AC1 = 0.497 (p_a 0.616, p_e 0.236)', () => {
    expect(gwetAC1(fromUnitRows(GWET_5_OBSERVERS, [0, 1, 2, 3]))).toBeCloseTo(0.497, 3);
  });

  it('6 raters × 15 patients (irrCAC gwet.ac1.dist(distrib.6raters) = 0.4448007): AC1 = 0.445', () => {
    expect(gwetAC1(fromDistribution(FLEISS_6_RATERS))).toBeCloseTo(0.445, 3);
  });

  it('2 abstractors × 100 pregnancies (irrCAC gwet.ac1.table(cont3x3abstractors) = 0.8493305): AC1 = 0.849', () => {
    expect(gwetAC1(fromContingencyTable(GWET_ABSTRACTORS))).toBeCloseTo(0.849, 3);
  });
});

describe('gwetAC1 on verdicts', () => {
  it('stays meaningful when one rating dominates, where alpha collapses', () => {
    // 19 claims both reviewers call false, one where they split false / mostly-false.
    const rows: Record<string, Rating[]> = { split: ['false', 'mostly-false'] };
    for (let i = 0; i < 19; i++) rows[`c${i}`] = ['false', 'false'];
    const m = verdicts(rows);
    expect(krippendorffAlpha(m, 'nominal')!).toBeLessThan(0.01);
    // p_a = 19/20 = 0.95; π_false = 39/40, π_mostly-false = 1/40, others 0;
    // p_e = (39/40 · 1/40 · 2) / 5 = 0.00975; AC1 = (0.95 − 0.00975) / (1 − 0.00975) = 0.94950…
    expect(gwetAC1(m)).toBeCloseTo((0.95 - 0.00975) / (1 - 0.00975), 12);
  });

  it('is 1 with no variation at all, where alpha and kappa are undefined', () => {
    expect(gwetAC1(verdicts({ a: ['true', 'true'], b: ['true', 'true'] }))).toBe(1);
  });

  it('counts a claim rated once in the spread of ratings but not in agreement', () => {
    // a: true/true (agree), b: false once. p_a = 1; π_true = (1 + 0)/2, π_false = (0 + 1)/2;
    // p_e = (1/2 · 1/2 · 2) / 5 = 0.1; AC1 = (1 − 0.1) / 0.9 = 1.
    expect(gwetAC1(verdicts({ a: ['true', 'true'], b: ['false'] }))).toBeCloseTo(1, 12);
    // a: true/false, b: false once. p_a = 0; π_true = 1/4, π_false = 3/4; p_e = (3/16 · 2) / 5 = 0.075; AC1 = −0.075 / 0.925.
    expect(gwetAC1(verdicts({ a: ['true', 'false'], b: ['false'] }))).toBeCloseTo(-0.075 / 0.925, 12);
  });

  it('is null when no claim has two verdicts', () => {
    expect(gwetAC1(ratingsMatrix([]))).toBeNull();
    expect(gwetAC1(verdicts({ a: ['true'], b: ['false'] }))).toBeNull();
  });
});
