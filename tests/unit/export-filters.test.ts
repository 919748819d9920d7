import { describe, expect, it } from 'vitest';
import { maskConsensus } from '../../lib/blind-review';
import { computeConsensus, DEFAULT_REVIEW_SETTINGS } from '../../lib/consensus';
import { filedRating, keepClaim } from '../../lib/export/filters';
import { claim, verdict } from './support/export-fixtures';

const rita = { id: 'rita', name: 'Rita' };
const remi = { id: 'remi', name: 'Rémi' };
const agreed = claim('c1', 'a', [verdict({ reviewer: rita, rating: 'false', updatedAt: '2025-07-02T10:00:00.000Z' }), verdict({ id: 'v2', reviewer: remi, rating: 'false', updatedAt: '2025-07-04T23:59:00.000Z' })]);
const disputed = claim('c2', 'b', [verdict({ reviewer: rita, rating: 'true' }), verdict({ id: 'v2', reviewer: remi, rating: 'false' })]);
const single = claim('c3', 'c', [verdict({ reviewer: rita, rating: 'mixed' })]);
const unreviewed = claim('c4', 'd', []);
const adjudicated = claim('c5', 'e', [verdict({ reviewer: rita, rating: 'true' }), verdict({ id: 'v2', reviewer: remi, rating: 'false' })], {
  consensus: computeConsensus(['true', 'false'], DEFAULT_REVIEW_SETTINGS, { adjudicated: 'mixed' }),
});
/** The disputed claim as a reviewer under blind review who has not given her verdict sees it. */
const hidden = { ...disputed, consensus: maskConsensus(disputed.consensus), verdicts: [], sources: [], verdictsVisible: false };
const all = [agreed, disputed, single, unreviewed, adjudicated];
const kept = (filters: Parameters<typeof keepClaim>[1], claims = all) => claims.filter((c) => keepClaim(c, filters)).map((c) => c.id);

describe('export filters', () => {
  it('scope "reviewed" keeps consensus and adjudicated claims only (not merely those with a verdict); "all" keeps every one', () => {
    expect(kept({ scope: 'reviewed' })).toEqual(['c1', 'c5']);
    expect(kept({ scope: 'all' })).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('filters by status', () => {
    expect(kept({ scope: 'all', status: ['disputed', 'needs-review'] })).toEqual(['c2', 'c3']);
  });

  it('filters by the final rating, else the leading one', () => {
    expect(filedRating(adjudicated)).toBe('mixed');
    expect(filedRating(single)).toBe('mixed');
    expect(kept({ scope: 'all', rating: ['mixed'] })).toEqual(['c3', 'c5']);
    expect(kept({ scope: 'all', rating: ['false'] })).toEqual(['c1']);
  });

  it('filters by reviewer on the verdicts the viewer sees', () => {
    expect(kept({ scope: 'all', reviewer: 'remi' })).toEqual(['c1', 'c2', 'c5']);
  });

  it('filters by the day of the last activity, both ends included', () => {
    expect(kept({ scope: 'all', from: '2025-07-04' })).toEqual(['c1']);
    expect(kept({ scope: 'all', to: '2025-07-03' })).toEqual(['c2', 'c3', 'c4', 'c5']);
    expect(kept({ scope: 'all', from: '2025-07-02', to: '2025-07-02' })).toEqual(['c2', 'c3', 'c5']);
  });

  it('under blind review, a hidden claim matches no filter on the others’ judgement', () => {
    expect(kept({ scope: 'all', reviewer: 'remi' }, [hidden])).toEqual([]);
    expect(kept({ scope: 'all', rating: ['true', 'false'] }, [hidden])).toEqual([]);
    expect(kept({ scope: 'all', status: ['disputed'] }, [hidden])).toEqual([]);
    expect(kept({ scope: 'reviewed' }, [hidden])).toEqual([]);
    expect(kept({ scope: 'all', status: ['needs-review'] }, [hidden])).toEqual(['c2']);
  });
});
