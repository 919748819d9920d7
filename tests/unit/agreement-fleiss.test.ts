import { describe, expect, it } from 'vitest';
import { fleissKappa, fleissRaters } from '../../lib/agreement/fleiss';
import { ratingsMatrix } from '../../lib/agreement/matrix';
import type { Rating } from '../../lib/ratings';
import { FLEISS_6_RATERS, WIKIPEDIA_FLEISS, fromDistribution } from './support/agreement-data';

const verdicts = (rows: Record<string, Rating[]>) =>
  ratingsMatrix(Object.entries(rows).flatMap(([claimId, ratings]) => ratings.map((rating, r) => ({ claimId, reviewerId: `r${r}`, rating }))));

describe('fleissKappa: published values', () => {
  it('Wikipedia "Fleiss\' kappa" worked example, 10 subjects × 14 raters, 5 categories: κ = 0.210', () => {
    expect(fleissKappa(fromDistribution(WIKIPEDIA_FLEISS))).toEqual({ kappa: expect.closeTo(0.210, 3), raters: 14, units: 10 });
  });

  it('Fleiss (1971) 6 psychiatrists × 15 patients (irrCAC fleiss.kappa.dist(distrib.6raters) = 0.4139265): κ = 0.414', () => {
    // Fleiss (1971) prints κ = 0.430 for his full table of 30 patients, which we do not have as printed; irrCAC ships these 15.
    expect(fleissKappa(fromDistribution(FLEISS_6_RATERS))).toEqual({ kappa: expect.closeTo(0.414, 3), raters: 6, units: 15 });
  });
});

describe('fleissRaters: which claims Fleiss\' kappa is computed over', () => {
  it('takes the number of reviewers that keeps the most verdicts, not the most common one', () => {
    // Three claims with 2 reviewers (6 verdicts) against two with 4 (8 verdicts).
    const m = verdicts({
      a: ['true', 'true'],
      b: ['true', 'false'],
      c: ['false', 'false'],
      d: ['true', 'true', 'true', 'mixed'],
      e: ['false', 'false', 'mixed', 'mixed'],
      f: ['true'],
    });
    expect(fleissRaters(m)).toBe(4);
    expect(fleissKappa(m)).toMatchObject({ raters: 4, units: 2 });
  });

  it('prefers more reviewers per claim on a tie of verdicts', () => {
    // Three claims with 2 (6 verdicts), two with 3 (6 verdicts).
    const m = verdicts({ a: ['true', 'true'], b: ['true', 'false'], c: ['false', 'false'], d: ['true', 'true', 'false'], e: ['false', 'false', 'false'] });
    expect(fleissRaters(m)).toBe(3);
  });

  it('can be told which number of reviewers to use', () => {
    const m = verdicts({ a: ['true', 'true'], b: ['true', 'false'], c: ['false', 'false'], d: ['true', 'true', 'false'], e: ['false', 'false', 'false'] });
    // Claims a, b, c: P̄ = (1 + 0 + 1) / 3 = 2/3; p_true = p_false = 1/2, P̄_e = 1/2; κ = (2/3 − 1/2) / (1/2) = 1/3.
    expect(fleissKappa(m, 2)).toEqual({ kappa: expect.closeTo(1 / 3, 12), raters: 2, units: 3 });
    expect(fleissKappa(m, 5)).toBeNull();
    expect(fleissKappa(m, 1)).toBeNull();
  });
});

describe('fleissKappa: undefined', () => {
  it('is null with no claim rated twice, one reviewer, or no variation', () => {
    expect(fleissKappa(ratingsMatrix([]))).toBeNull();
    expect(fleissKappa(verdicts({ a: ['true'], b: ['false'] }))).toBeNull();
    expect(fleissKappa(verdicts({ a: ['true', 'true'], b: ['true', 'true'] }))).toBeNull();
  });
});
