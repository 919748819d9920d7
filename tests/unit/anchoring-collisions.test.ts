import { describe, expect, it } from 'vitest';
import { settleCollisions } from '../../lib/anchoring/collisions';
import type { Reanchored } from '../../lib/anchoring/reanchor';

const at = (start: number, end: number, state: Reanchored['state']): Reanchored => ({ exact: 'x', prefix: '', suffix: '', start, end, state });
const orphan = (i: number): Reanchored => ({ exact: `old ${i}`, prefix: '', suffix: '', start: 0, end: 1, state: 'orphaned' });

describe('settleCollisions', () => {
  it('leaves claims on different passages alone', () => {
    const results = [at(0, 5, 'exact'), at(0, 6, 'fuzzy'), at(3, 5, 'moved')];
    expect(settleCollisions(results, [1, 2, 3], orphan)).toEqual(results);
  });

  it('gives a passage to the surest anchor and orphans the other claim', () => {
    const results = [at(10, 20, 'fuzzy'), at(10, 20, 'exact')];
    expect(settleCollisions(results, [1, 2], orphan)).toEqual([orphan(0), results[1]]);
  });

  it('gives a passage to the oldest claim when both anchors are as sure', () => {
    const results = [at(10, 20, 'moved'), at(10, 20, 'moved'), at(10, 20, 'moved')];
    expect(settleCollisions(results, [3, 1, 2], orphan)).toEqual([orphan(0), results[1], orphan(2)]);
  });

  it('keeps orphaned claims orphaned, whatever offsets they kept', () => {
    const results = [at(10, 20, 'orphaned'), at(10, 20, 'exact')];
    expect(settleCollisions(results, [1, 2], orphan)).toEqual(results);
  });
});
