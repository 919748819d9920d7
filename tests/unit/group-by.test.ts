import { describe, expect, it } from 'vitest';
import { groupBy } from '../../lib/group-by';

describe('groupBy', () => {
  it('groups by key, keeping the items’ order within each group and the groups’ order of first appearance', () => {
    const rows = [
      { claim: 'b', n: 1 },
      { claim: 'a', n: 2 },
      { claim: 'b', n: 3 },
    ];
    const groups = groupBy(rows, (r) => r.claim);
    expect([...groups.keys()]).toEqual(['b', 'a']);
    expect(groups.get('b')!.map((r) => r.n)).toEqual([1, 3]);
    expect(groups.get('a')!.map((r) => r.n)).toEqual([2]);
  });

  it('gives an empty map for no items, and no group for a key never seen', () => {
    expect(groupBy([], (x: string) => x).size).toBe(0);
    expect(groupBy(['x'], (x) => x).get('y')).toBeUndefined();
  });
});
