/**
 * Overlapping claims, as the article viewer draws and picks them.
 *
 * Claims are ranges of UTF-16 offsets in the article text, end exclusive. They
 * may overlap or nest freely, so the viewer draws each claim as an underline
 * on its own level (0 closest to the text) instead of a translucent fill that
 * would blend with the others. Plain TypeScript: no DOM, no React.
 */

export interface OffsetRange {
  start: number;
  end: number;
}

/**
 * The underline level of each range (index-aligned with `ranges`): a sweep in
 * text order that gives every range the lowest level not used by a range still
 * open at its start. A range that contains another starts first (or at the same
 * offset and is longer), so it takes the lower level: nested claims stack
 * outward by depth, and overlapping ones never share a level where they meet.
 * Empty or reversed ranges get level 0 and block nothing.
 *
 * O(n log n + n·L) for L levels in use at once (a handful on real articles).
 */
export function underlineLevels(ranges: readonly OffsetRange[]): number[] {
  const levels = new Array<number>(ranges.length).fill(0);
  const order = ranges
    .map((_, i) => i)
    .filter((i) => ranges[i]!.end > ranges[i]!.start)
    .sort((a, b) => ranges[a]!.start - ranges[b]!.start || ranges[b]!.end - ranges[a]!.end || a - b);
  const levelEnds: number[] = []; // levelEnds[l]: end of the last range placed on level l
  for (const i of order) {
    const { start, end } = ranges[i]!;
    let level = 0;
    while (level < levelEnds.length && levelEnds[level]! > start) level++;
    levelEnds[level] = end;
    levels[i] = level;
  }
  return levels;
}

/**
 * Indexes of the ranges covering the character at `offset` (start ≤ offset < end),
 * innermost first: shortest, then the one starting last, then input order.
 */
export function rangesAt(ranges: readonly OffsetRange[], offset: number): number[] {
  const hits: number[] = [];
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    if (r.start <= offset && offset < r.end) hits.push(i);
  }
  return hits.sort(
    (a, b) =>
      ranges[a]!.end - ranges[a]!.start - (ranges[b]!.end - ranges[b]!.start) ||
      ranges[b]!.start - ranges[a]!.start ||
      a - b,
  );
}

/**
 * The ranges a caret at `offset` is in: those covering the character after it,
 * else those ending right before it (a caret just past a claim's last character,
 * as after End or a click at its end, still counts as in that claim).
 */
export function rangesAtCaret(ranges: readonly OffsetRange[], offset: number): number[] {
  const after = rangesAt(ranges, offset);
  return after.length > 0 ? after : rangesAt(ranges, offset - 1);
}
