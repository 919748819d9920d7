import { describe, expect, it } from 'vitest';
import { RATING_CATEGORIES, buildMatrix, ratingsMatrix, unitCounts } from '../../lib/agreement/matrix';
import { RATINGS } from '../../lib/ratings';
import { numericCategories } from './support/agreement-data';

describe('ratingsMatrix', () => {
  it('puts the verdict scale in order, unverifiable off the ordinal scale', () => {
    expect(RATING_CATEGORIES.map((c) => c.label)).toEqual([...RATINGS]);
    expect(RATING_CATEGORIES.map((c) => c.value)).toEqual([1, 2, 3, 4, 5, null]);
  });

  it('has claims and reviewers sorted, each claim with its reviewers in order, whatever the order of the verdicts', () => {
    const verdicts = [
      { claimId: 'c2', reviewerId: 'zoé', rating: 'true' as const },
      { claimId: 'c1', reviewerId: 'zoé', rating: 'false' as const },
      { claimId: 'c2', reviewerId: 'ana', rating: 'unverifiable' as const },
      { claimId: 'c1', reviewerId: 'ana', rating: 'mixed' as const },
    ];
    const m = ratingsMatrix(verdicts);
    expect(m.units).toEqual(['c1', 'c2']);
    expect(m.coders).toEqual(['ana', 'zoé']);
    expect([...m.unitStart]).toEqual([0, 2, 4]);
    expect([...m.coder]).toEqual([0, 1, 0, 1]);
    expect([...m.category]).toEqual([2, 0, 5, 4]);
    const reversed = ratingsMatrix([...verdicts].reverse());
    expect([...reversed.category]).toEqual([...m.category]);
  });

  it('leaves out ratings that are not on the scale', () => {
    const m = ratingsMatrix([
      { claimId: 'c1', reviewerId: 'ana', rating: 'true' },
      { claimId: 'c1', reviewerId: 'bob', rating: 'TRUE' as never },
      { claimId: 'c2', reviewerId: 'bob', rating: 'pants-on-fire' as never },
    ]);
    expect(m.units).toEqual(['c1']);
    expect(m.coders).toEqual(['ana']);
    expect(m.category.length).toBe(1);
  });

  it('keeps one rating per reviewer and claim: the later one', () => {
    const m = ratingsMatrix([
      { claimId: 'c1', reviewerId: 'ana', rating: 'true' },
      { claimId: 'c1', reviewerId: 'ana', rating: 'false' },
    ]);
    expect([...m.category]).toEqual([0]);
    const interleaved = ratingsMatrix([
      { claimId: 'c1', reviewerId: 'bob', rating: 'mixed' },
      { claimId: 'c1', reviewerId: 'ana', rating: 'true' },
      { claimId: 'c2', reviewerId: 'ana', rating: 'true' },
      { claimId: 'c1', reviewerId: 'ana', rating: 'false' },
    ]);
    expect([...interleaved.unitStart]).toEqual([0, 2, 3]);
    expect([...interleaved.coder]).toEqual([0, 1, 0]);
    expect([...interleaved.category]).toEqual([0, 2, 4]);
  });

  it('is empty for no verdicts', () => {
    const m = ratingsMatrix([]);
    expect(m.units).toEqual([]);
    expect(m.coders).toEqual([]);
    expect([...m.unitStart]).toEqual([0]);
  });
});

describe('buildMatrix', () => {
  it('leaves out categories that are not indexes of the scale', () => {
    const m = buildMatrix(numericCategories([1, 2]), [
      { unit: 'u', coder: 'a', category: 2 },
      { unit: 'u', coder: 'b', category: -1 },
      { unit: 'u', coder: 'c', category: 0.5 },
      { unit: 'u', coder: 'd', category: Number.NaN },
      { unit: 'u', coder: 'e', category: 1 },
    ]);
    expect(m.coders).toEqual(['e']);
  });
});

describe('unitCounts', () => {
  it('counts ratings per claim and category, optionally leaving categories out', () => {
    const m = ratingsMatrix([
      { claimId: 'c1', reviewerId: 'a', rating: 'true' },
      { claimId: 'c1', reviewerId: 'b', rating: 'true' },
      { claimId: 'c1', reviewerId: 'c', rating: 'unverifiable' },
      { claimId: 'c2', reviewerId: 'a', rating: 'false' },
    ]);
    expect([...unitCounts(m)]).toEqual([0, 0, 0, 0, 2, 1, 1, 0, 0, 0, 0, 0]);
    expect([...unitCounts(m, (k) => RATING_CATEGORIES[k]!.value !== null)]).toEqual([0, 0, 0, 0, 2, 0, 1, 0, 0, 0, 0, 0]);
  });
});
