import { describe, expect, it } from 'vitest';
import { mergeSorted } from '../../lib/merge-sorted';

const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;

describe('mergeSorted', () => {
  it('places each added item where a sort of the whole would, ties after the kept ones', () => {
    const kept = [10, 20, 20, 30, 40].map((start, i) => ({ start, from: `kept ${i}` }));
    const added = [35, 20, 5, 50, 20].map((start, i) => ({ start, from: `added ${i}` }));
    const merged = mergeSorted(kept, added, byStart);
    expect(merged).toEqual([...kept, ...added].sort(byStart));
    expect(merged.filter((item) => item.start === 20).map((item) => item.from)).toEqual(['kept 1', 'kept 2', 'added 1', 'added 4']);
  });

  it('agrees with a stable sort on random lists, and leaves its arguments as they were', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) % 100;
    for (let round = 0; round < 200; round++) {
      const kept = Array.from({ length: random() }, (_, i) => ({ start: random(), from: `kept ${i}` })).sort(byStart);
      const added = Array.from({ length: random() % 8 }, (_, i) => ({ start: random(), from: `added ${i}` }));
      const before = [...added];
      expect(mergeSorted(kept, added, byStart)).toEqual([...kept, ...added].sort(byStart));
      expect(added).toEqual(before);
    }
  });

  it('merges into an empty list, and nothing into a list', () => {
    expect(mergeSorted([], [{ start: 2 }, { start: 1 }], byStart)).toEqual([{ start: 1 }, { start: 2 }]);
    expect(mergeSorted([{ start: 1 }], [], byStart)).toEqual([{ start: 1 }]);
  });
});
