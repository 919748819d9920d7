// The export filters read from the archive's claims (lib/services/archive-filter.ts).
import { describe, expect, it } from 'vitest';
import type { ArchiveClaim, ArchiveVerdict } from '../../lib/export/archive-schema';
import { archiveFilterView, keepArchiveClaim } from '../../lib/services/archive-filter';

const verdict = (reviewerId: string, updatedAt: string): ArchiveVerdict => ({
  id: `v-${reviewerId}`,
  reviewerId,
  rating: 'false',
  rationale: '',
  rationaleDoc: null,
  version: 1,
  revisedAfterReveal: false,
  createdAt: updatedAt,
  updatedAt,
  sources: [],
});

function claim(overrides: Partial<ArchiveClaim> = {}): ArchiveClaim {
  return {
    id: 'c1',
    revision: 1,
    anchorState: 'exact',
    exact: 'le chômage a baissé',
    prefix: '',
    suffix: '',
    start: 0,
    end: 19,
    note: null,
    version: 1,
    createdById: 'u1',
    createdAt: '2025-07-01T08:00:00.000Z',
    updatedAt: '2025-07-01T08:00:00.000Z',
    deletedAt: null,
    deletedById: null,
    consensus: {
      status: 'consensus',
      leadingRating: 'false',
      tie: [],
      agreement: 1,
      independentAgreement: 1,
      counts: { false: 2, 'mostly-false': 0, mixed: 0, 'mostly-true': 0, true: 0, unverifiable: 0 },
      reviewerCount: 2,
      median: 'false',
      spread: null,
      rule: 'plurality',
      finalRating: 'false',
    },
    verdicts: [verdict('rita', '2025-07-03T10:00:00.000Z'), verdict('remi', '2025-07-02T10:00:00.000Z')],
    reveals: [],
    comments: [],
    adjudications: [],
    ...overrides,
  };
}

describe('archive claims through the export filters', () => {
  it('reads reviewers from the verdicts, and the last activity from the latest verdict or the claim itself', () => {
    expect(archiveFilterView(claim())).toMatchObject({ verdicts: [{ reviewer: { id: 'rita' } }, { reviewer: { id: 'remi' } }], lastActivityAt: '2025-07-03T10:00:00.000Z' });
    expect(archiveFilterView(claim({ updatedAt: '2025-07-09T00:00:00.000Z' })).lastActivityAt).toBe('2025-07-09T00:00:00.000Z');
    expect(archiveFilterView(claim({ verdicts: [] })).lastActivityAt).toBe('2025-07-01T08:00:00.000Z');
  });

  it('keeps by scope, reviewer and day as for every format', () => {
    expect(keepArchiveClaim({ scope: 'reviewed' })(claim())).toBe(true);
    expect(keepArchiveClaim({ scope: 'reviewed' })(claim({ consensus: { ...claim().consensus, status: 'disputed', finalRating: null } }))).toBe(false);
    expect(keepArchiveClaim({ scope: 'all', reviewer: 'remi' })(claim())).toBe(true);
    expect(keepArchiveClaim({ scope: 'all', reviewer: 'anna' })(claim())).toBe(false);
    expect(keepArchiveClaim({ scope: 'all', from: '2025-07-03' })(claim())).toBe(true);
    expect(keepArchiveClaim({ scope: 'all', from: '2025-07-04' })(claim())).toBe(false);
  });

  it('leaves deleted claims out, whatever the filters', () => {
    expect(keepArchiveClaim({ scope: 'all' })(claim({ deletedAt: '2025-07-05T00:00:00.000Z', deletedById: 'u1' }))).toBe(false);
  });
});
