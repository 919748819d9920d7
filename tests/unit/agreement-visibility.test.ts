// lib/agreement/visibility.ts: which claims and which per-reviewer figures of
// the agreement report a viewer gets.
import { describe, expect, it } from 'vitest';
import type { PairKappa } from '../../lib/agreement/cohen';
import type { ReviewerReliability } from '../../lib/agreement/dawid-skene';
import { ratingsMatrix, type RatedVerdict } from '../../lib/agreement/matrix';
import { agreementReport } from '../../lib/agreement/report';
import { claimCountsFor, mayFilterByReviewer, pairsFor, ratingForAgreement, reliabilityFor, seesEveryReviewer, seesReviewer } from '../../lib/agreement/visibility';
import type { Viewer } from '../../lib/permissions';

const rita: Viewer = { id: 'rita', role: 'reviewer' };
const remi: Viewer = { id: 'remi', role: 'reviewer' };
const editor: Viewer = { id: 'ed', role: 'editor' };
const admin: Viewer = { id: 'adm', role: 'admin' };

describe('ratingForAgreement', () => {
  it('uses the first, independent rating under blind review, the current one without', () => {
    expect(ratingForAgreement(true, { rating: 'true' }, 'false')).toBe('false');
    expect(ratingForAgreement(false, { rating: 'true' }, 'false')).toBe('true');
  });

  it('falls back to the verdict’s rating where there is no reveal row', () => {
    expect(ratingForAgreement(true, { rating: 'mixed' }, null)).toBe('mixed');
  });
});

describe('claimCountsFor', () => {
  it('counts every claim for editors and admins, revealed or not', () => {
    for (const viewer of [editor, admin]) {
      expect(claimCountsFor(viewer, true, [])).toBe(true);
      expect(claimCountsFor(viewer, true, ['rita'])).toBe(true);
    }
  });

  it('counts, for a reviewer under blind review, only the claims revealed to them', () => {
    expect(claimCountsFor(remi, true, ['rita'])).toBe(false);
    expect(claimCountsFor(remi, true, [])).toBe(false);
    expect(claimCountsFor(rita, true, ['rita'])).toBe(true);
    expect(claimCountsFor(remi, true, ['rita', 'remi'])).toBe(true);
  });

  it('counts every claim of an article without blind review', () => {
    expect(claimCountsFor(remi, false, ['rita'])).toBe(true);
  });

  it('cannot be inverted: a reviewer’s figures do not move when others rate a claim hidden from them', () => {
    // Rémi and Rita agree on c1 (revealed to both). Then Rita and Ada rate c2, which Rémi has not judged.
    const verdicts: RatedVerdict[] = [
      { claimId: 'c1', reviewerId: 'remi', rating: 'false' },
      { claimId: 'c1', reviewerId: 'rita', rating: 'false' },
    ];
    const hidden: RatedVerdict[] = [
      { claimId: 'c2', reviewerId: 'rita', rating: 'true' },
      { claimId: 'c2', reviewerId: 'ada', rating: 'false' },
    ];
    const revealedTo = (claimId: string, all: typeof verdicts) => all.filter((v) => v.claimId === claimId).map((v) => v.reviewerId);
    const figuresFor = (viewer: Viewer, all: typeof verdicts) => agreementReport(ratingsMatrix(all.filter((v) => claimCountsFor(viewer, true, revealedTo(v.claimId, all)))));
    const before = figuresFor(remi, verdicts);
    const after = figuresFor(remi, [...verdicts, ...hidden]);
    expect(after).toEqual(before);
    // The editor's figures do move: the hidden claim was there to count.
    expect(figuresFor(editor, [...verdicts, ...hidden]).percentAgreement).not.toEqual(figuresFor(editor, verdicts).percentAgreement);
  });
});

describe('per-reviewer figures', () => {
  const pairs: PairKappa[] = [
    { a: 'ada', b: 'remi', kappa: 0.2, n: 10 },
    { a: 'ada', b: 'rita', kappa: 0.5, n: 12 },
    { a: 'remi', b: 'rita', kappa: 0.8, n: 7 },
  ];

  it('editors and admins see every pair, named', () => {
    expect(pairsFor(editor, pairs)).toEqual(pairs);
    expect(pairsFor(admin, pairs)).toEqual(pairs);
    expect(seesEveryReviewer(editor)).toBe(true);
  });

  it('a reviewer sees only their own pairs, themselves first, the other not named', () => {
    expect(pairsFor(rita, pairs)).toEqual([
      { a: 'rita', b: null, kappa: 0.5, n: 12 },
      { a: 'rita', b: null, kappa: 0.8, n: 7 },
    ]);
    expect(pairsFor({ id: 'nobody', role: 'reviewer' }, pairs)).toEqual([]);
    expect(seesEveryReviewer(rita)).toBe(false);
  });

  it('a reviewer sees only their own reliability row', () => {
    const rows: ReviewerReliability[] = ['ada', 'remi', 'rita'].map((reviewer) => ({ reviewer, claims: 30, sharedClaims: 30, accuracy: 0.8 }));
    expect(reliabilityFor(rita, rows).map((r) => r.reviewer)).toEqual(['rita']);
    expect(reliabilityFor(editor, rows).map((r) => r.reviewer)).toEqual(['ada', 'remi', 'rita']);
  });

  it('a reviewer may narrow the figures to their own claims only; editors to anyone’s', () => {
    expect(seesReviewer(rita, 'rita')).toBe(true);
    expect(seesReviewer(rita, 'remi')).toBe(false);
    expect(mayFilterByReviewer(rita, 'rita')).toBe(true);
    expect(mayFilterByReviewer(rita, 'remi')).toBe(false);
    expect(mayFilterByReviewer(editor, 'remi')).toBe(true);
  });
});
