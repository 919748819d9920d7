import { describe, expect, it } from 'vitest';
import { coincidences, krippendorffAlpha } from '../../lib/agreement/krippendorff';
import { ratingsMatrix } from '../../lib/agreement/matrix';
import { FLEISS_6_RATERS, GWET_ABSTRACTORS, KRIPPENDORFF_2011, WIKIPEDIA_KRIPPENDORFF, fromCoderRows, fromContingencyTable, fromDistribution } from './support/agreement-data';
import type { Rating } from '../../lib/ratings';

const verdicts = (rows: Record<string, Rating[]>) =>
  ratingsMatrix(Object.entries(rows).flatMap(([claimId, ratings]) => ratings.map((rating, r) => ({ claimId, reviewerId: `r${r}`, rating }))));

describe('krippendorffAlpha: Krippendorff (2011), "Computing Krippendorff\'s Alpha-Reliability", 4 observers × 12 units with missing values', () => {
  const m = fromCoderRows(KRIPPENDORFF_2011, [1, 2, 3, 4, 5]);

  it('counts n = 40 pairable values (unit 12, rated once, is not pairable)', () => {
    expect(coincidences(m, 'nominal').total).toBe(40);
  });

  it('nominal α = 0.743', () => expect(krippendorffAlpha(m, 'nominal')).toBeCloseTo(0.743, 3));
  it('ordinal α = 0.815', () => expect(krippendorffAlpha(m, 'ordinal')).toBeCloseTo(0.815, 3));
  it('interval α = 0.849', () => expect(krippendorffAlpha(m, 'interval')).toBeCloseTo(0.849, 3));
});

describe('krippendorffAlpha: other published values', () => {
  it('Wikipedia "Krippendorff\'s alpha", computational example, 3 coders × 15 units: nominal 0.691, interval 0.811', () => {
    const m = fromCoderRows(WIKIPEDIA_KRIPPENDORFF, [1, 2, 3, 4]);
    expect(krippendorffAlpha(m, 'nominal')).toBeCloseTo(0.691, 3);
    expect(krippendorffAlpha(m, 'interval')).toBeCloseTo(0.811, 3);
  });

  it('Fleiss (1971) 6 psychiatrists × 15 patients (irrCAC krippen.alpha.dist(distrib.6raters) = 0.4204384): 0.420', () => {
    expect(krippendorffAlpha(fromDistribution(FLEISS_6_RATERS), 'nominal')).toBeCloseTo(0.420, 3);
  });

  it('Gwet (2014) two abstractors × 100 pregnancies (irrCAC krippen2.table = 0.7972585): 0.797', () => {
    expect(krippendorffAlpha(fromContingencyTable(GWET_ABSTRACTORS), 'nominal')).toBeCloseTo(0.797, 3);
  });
});

describe('krippendorffAlpha on verdicts', () => {
  it('counts unverifiable in nominal alpha and leaves it out of ordinal and interval alpha', () => {
    // Claims 1–2 agree on ordinal ratings; claim 3 splits true / unverifiable.
    const m = verdicts({ c1: ['true', 'true'], c2: ['false', 'false'], c3: ['true', 'unverifiable'] });
    // Nominal: values true ×3, false ×2, unverifiable ×1, n = 6; o(true,unv) = o(unv,true) = 1.
    // D_o ∝ 2, D_e ∝ Σ n_c n_k over c ≠ k = 2·(3·2 + 3·1 + 2·1) = 22 → α = 1 − 5 · 2 / 22 = 6/11.
    expect(krippendorffAlpha(m, 'nominal')).toBeCloseTo(6 / 11, 12);
    // Ordinal and interval: claim 3 has one value left, unpairable; claims 1–2 agree perfectly with variation.
    expect(krippendorffAlpha(m, 'ordinal')).toBe(1);
    expect(krippendorffAlpha(m, 'interval')).toBe(1);
  });

  it('sees false against mostly-false as a smaller disagreement than false against true, on the ordinal and interval scales', () => {
    const near = verdicts({ c1: ['false', 'mostly-false'], c2: ['true', 'true'], c3: ['mixed', 'mixed'] });
    const far = verdicts({ c1: ['false', 'true'], c2: ['true', 'true'], c3: ['mixed', 'mixed'] });
    expect(krippendorffAlpha(near, 'ordinal')!).toBeGreaterThan(krippendorffAlpha(far, 'ordinal')!);
    expect(krippendorffAlpha(near, 'interval')!).toBeGreaterThan(krippendorffAlpha(far, 'interval')!);
  });

  it('is null when undefined: no verdicts, one reviewer, no claim rated twice, no variation', () => {
    for (const level of ['nominal', 'ordinal', 'interval'] as const) {
      expect(krippendorffAlpha(ratingsMatrix([]), level)).toBeNull();
      expect(krippendorffAlpha(verdicts({ c1: ['true'], c2: ['false'] }), level)).toBeNull();
      expect(krippendorffAlpha(verdicts({ c1: ['true', 'true'], c2: ['true', 'true'] }), level)).toBeNull();
    }
    // Only unverifiable is rated twice: nominal has no variation, ordinal no pairable value.
    const unverifiable = verdicts({ c1: ['unverifiable', 'unverifiable'], c2: ['true'] });
    expect(krippendorffAlpha(unverifiable, 'nominal')).toBeNull();
    expect(krippendorffAlpha(unverifiable, 'ordinal')).toBeNull();
  });

  it('is negative when reviewers disagree more than chance', () => {
    expect(krippendorffAlpha(verdicts({ c1: ['true', 'false'], c2: ['false', 'true'] }), 'nominal')!).toBeLessThan(0);
  });
});
