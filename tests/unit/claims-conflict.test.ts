import { describe, expect, it } from 'vitest';
import { claimInConflict } from '@/lib/claims/conflict';

const claim = {
  id: 'c1',
  note: 'Vérifier le chiffre',
  version: 3,
  updatedAt: '2026-01-02T10:00:00.000Z',
  verdicts: [{ id: 'v1', reviewer: { id: 'u1', name: 'Rita' }, rating: 'false', version: 2 }],
  sources: [],
  adjudication: null,
  consensus: { status: 'needs-review' },
  can: { editNote: true, delete: false },
};

describe('the current claim of a refused save', () => {
  it('is read from a stale-version refusal about this claim', () => {
    expect(claimInConflict({ key: 'staleVersion', current: claim }, 'c1')).toBe(claim);
    const settled = { ...claim, note: null, adjudication: { id: 'a1', rating: 'mixed' } };
    expect(claimInConflict({ key: 'staleVersion', current: settled }, 'c1')).toBe(settled);
  });

  it('is null for another refusal, another claim, or anything without a claim’s shape', () => {
    expect(claimInConflict({ key: 'forbidden', current: claim }, 'c1')).toBeNull();
    expect(claimInConflict({ key: 'staleVersion' }, 'c1')).toBeNull();
    expect(claimInConflict({ key: 'staleVersion', current: claim }, 'c2')).toBeNull();
    for (const broken of [
      null,
      'c1',
      { ...claim, version: '3' },
      { ...claim, note: 5 },
      { ...claim, verdicts: {} },
      { ...claim, verdicts: [{ id: 'v1', version: 2 }] },
      { ...claim, adjudication: { rating: 'mixed' } },
      { ...claim, sources: undefined },
      { ...claim, consensus: null },
    ]) {
      expect(claimInConflict({ key: 'staleVersion', current: broken }, 'c1')).toBeNull();
    }
  });
});
