import { describe, expect, it } from 'vitest';
import { mergeLines, outlinePath, type Box } from '@/lib/anchoring/outline';

const box = (left: number, top: number, right: number, bottom: number): Box => ({ left, top, right, bottom });

describe('mergeLines', () => {
  it('merges the fragments of nested spans into one box per line', () => {
    const fragments = [
      box(100, 10, 150, 30), // text before a nested claim
      box(150, 10, 220, 30), // nested claim's text
      box(150, 8, 220, 34), // the nested span's own box (taller: its padding)
      box(0, 50, 300, 70), // second line
      box(0, 90, 80, 110), // third line
    ];
    expect(mergeLines(fragments)).toEqual([box(100, 8, 220, 34), box(0, 50, 300, 70), box(0, 90, 80, 110)]);
  });

  it('drops empty boxes (line breaks) and sorts lines top to bottom', () => {
    expect(mergeLines([box(0, 90, 80, 110), box(5, 10, 5, 30), box(0, 10, 40, 30)])).toEqual([
      box(0, 10, 40, 30),
      box(0, 90, 80, 110),
    ]);
    expect(mergeLines([])).toEqual([]);
  });
});

describe('outlinePath', () => {
  it('outlines a one-line claim as a rectangle with room around it', () => {
    expect(outlinePath([box(10, 10, 50, 30)], 2)).toBe('M52 8L52 32L8 32L8 8Z');
  });

  it('joins the lines of a multi-line claim into one polygon, meeting halfway between lines', () => {
    // first line from x=100 to the right edge, then a full line, then a short last line
    const path = outlinePath([box(100, 0, 300, 20), box(0, 30, 300, 50), box(0, 60, 80, 80)]);
    expect(path).toBe('M300 0L300 25L300 25L300 55L80 55L80 80L0 80L0 55L0 55L0 25L100 25L100 0Z');
    expect(path.match(/M/g)).toHaveLength(1);
  });

  it('starts a second sub-path when two lines do not overlap', () => {
    // a claim from the end of one line to the start of the next, shorter than a line
    const path = outlinePath([box(200, 0, 300, 20), box(0, 30, 100, 50)]);
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path).toBe('M300 0L300 20L200 20L200 0ZM100 30L100 50L0 50L0 30Z');
  });

  it('is empty without boxes', () => {
    expect(outlinePath([])).toBe('');
    expect(outlinePath([box(4, 4, 4, 20)])).toBe('');
  });
});
