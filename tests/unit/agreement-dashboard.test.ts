// lib/agreement/dashboard.ts: the dashboard's sections from the claims as the
// viewer sees them and the ratings the figures use.
import { describe, expect, it } from 'vitest';
import { agreementOverTime, attentionList, coverageMatrix, statusDistribution, weekOf, weightedBesidePlain, type DashboardClaim, type UsedRating } from '../../lib/agreement/dashboard';
import type { DawidSkene } from '../../lib/agreement/dawid-skene';
import { krippendorffAlpha } from '../../lib/agreement/krippendorff';
import { ratingsMatrix } from '../../lib/agreement/matrix';
import type { ConsensusStatus } from '../../lib/consensus';
import type { Rating } from '../../lib/ratings';

const claim = (id: string, status: ConsensusStatus, createdAt: string, leadingRating: Rating | null = null): DashboardClaim => ({
  id,
  articleId: 'a1',
  exact: `passage ${id}`,
  status,
  leadingRating,
  createdAt,
  lastActivityAt: createdAt,
});
const rated = (claimId: string, reviewerId: string, rating: Rating, at: string): UsedRating => ({ claimId, reviewerId, rating, at: new Date(at) });

describe('statusDistribution', () => {
  it('counts every status, zeros included', () => {
    expect(statusDistribution([claim('a', 'disputed', '2026-01-01'), claim('b', 'disputed', '2026-01-02'), claim('c', 'consensus', '2026-01-03')])).toEqual({
      unreviewed: 0,
      'needs-review': 0,
      consensus: 1,
      disputed: 2,
      adjudicated: 0,
    });
  });
});

describe('attentionList', () => {
  const claims = [
    claim('new-needs', 'needs-review', '2026-01-05'),
    claim('settled', 'consensus', '2026-01-01'),
    claim('new-disputed', 'disputed', '2026-01-04'),
    claim('untouched', 'unreviewed', '2026-01-01'),
    claim('old-needs', 'needs-review', '2026-01-02'),
    claim('old-disputed', 'disputed', '2026-01-03'),
    claim('decided', 'adjudicated', '2026-01-01'),
  ];

  it('puts disputed claims first, then needs-review, then unreviewed, the oldest first within each; settled claims not at all', () => {
    expect(attentionList(claims).claims.map((c) => c.id)).toEqual(['old-disputed', 'new-disputed', 'old-needs', 'new-needs', 'untouched']);
  });

  it('says how many there are beyond the limit', () => {
    const { total, claims: shown } = attentionList(claims, 2);
    expect(total).toBe(5);
    expect(shown.map((c) => c.id)).toEqual(['old-disputed', 'new-disputed']);
  });
});

describe('coverageMatrix', () => {
  const claims = [claim('c1', 'consensus', '2026-01-01'), claim('c2', 'needs-review', '2026-01-02'), claim('c3', 'unreviewed', '2026-01-03')];
  const ratings = [rated('c1', 'ada', 'false', '2026-01-01'), rated('c1', 'bob', 'mixed', '2026-01-01'), rated('c2', 'bob', 'true', '2026-01-02')];

  it('gives each claim a rating per column, null where that reviewer gave none, and each column its count', () => {
    expect(coverageMatrix(claims, ratings, ['ada', 'bob'])).toEqual({
      reviewers: ['ada', 'bob'],
      counts: [1, 2],
      total: 3,
      truncated: false,
      claims: [
        { id: 'c1', articleId: 'a1', ratings: ['false', 'mixed'] },
        { id: 'c2', articleId: 'a1', ratings: [null, 'true'] },
        { id: 'c3', articleId: 'a1', ratings: [null, null] },
      ],
    });
  });

  it('keeps only the columns asked for (a reviewer’s own) and the first rows up to the limit', () => {
    const own = coverageMatrix(claims, ratings, ['bob'], 2);
    expect(own).toMatchObject({ reviewers: ['bob'], counts: [2], total: 3, truncated: true });
    expect(own.claims.map((c) => c.ratings)).toEqual([['mixed'], ['true']]);
  });
});

describe('weekOf and agreementOverTime', () => {
  it('names a week by its Monday, in UTC', () => {
    expect(weekOf(new Date('2026-01-05T00:00:00Z'))).toBe('2026-01-05'); // a Monday
    expect(weekOf(new Date('2026-01-11T23:59:59Z'))).toBe('2026-01-05'); // the Sunday after
    expect(weekOf(new Date('2026-01-12T00:00:00Z'))).toBe('2026-01-12');
  });

  it('puts a claim in the week of its first rating, with all its ratings, and computes each week’s figures', () => {
    const ratings = [
      rated('c1', 'ada', 'false', '2026-01-06T10:00:00Z'),
      rated('c1', 'bob', 'false', '2026-01-14T10:00:00Z'), // a week later: still c1's week
      rated('c2', 'ada', 'true', '2026-01-13T10:00:00Z'),
      rated('c2', 'bob', 'mostly-false', '2026-01-13T11:00:00Z'),
      rated('c3', 'ada', 'mixed', '2026-01-15T10:00:00Z'),
      rated('c3', 'bob', 'mixed', '2026-01-15T11:00:00Z'),
    ];
    const weeks = agreementOverTime(ratings);
    expect(weeks.map((w) => [w.week, w.claims, w.ratings])).toEqual([
      ['2026-01-05', 1, 2],
      ['2026-01-12', 2, 4],
    ]);
    expect(weeks[0]!.percentAgreement).toBe(1);
    expect(weeks[1]!.percentAgreement).toBe(0.5);
    expect(weeks[1]!.alpha.ordinal).toBe(krippendorffAlpha(ratingsMatrix(ratings.slice(2)), 'ordinal'));
    expect(agreementOverTime([])).toEqual([]);
  });
});

describe('weightedBesidePlain', () => {
  const ds: DawidSkene = {
    insufficientData: false,
    converged: true,
    iterations: 9,
    reviewers: [],
    claims: [
      { claim: 'same', rating: 'false', probability: 0.9 },
      { claim: 'differs', rating: 'true', probability: 0.7 },
      { claim: 'tie', rating: 'mixed', probability: 0.6 },
      { claim: 'weighted-tie', rating: null, probability: 0.5 },
    ],
  };
  const claims = [
    claim('same', 'consensus', '2026-01-01', 'false'),
    claim('differs', 'disputed', '2026-01-02', 'mostly-true'),
    claim('tie', 'disputed', '2026-01-03', null),
    claim('weighted-tie', 'disputed', '2026-01-04', 'false'),
  ];

  it('counts where the weighted rating agrees with the plain leading rating, differs, or decides a tie; lists the differences', () => {
    const result = weightedBesidePlain(ds, claims);
    expect(result).toMatchObject({ same: 1, different: 1, plainTie: 1 });
    expect(result!.claims.map((c) => [c.claimId, c.plain, c.weighted])).toEqual([
      ['differs', 'mostly-true', 'true'],
      ['tie', null, 'mixed'],
    ]);
  });

  it('is null, never a guess, with too little data', () => {
    expect(weightedBesidePlain({ insufficientData: true, reviewers: 1, sharedClaims: 0 }, claims)).toBeNull();
  });
});
