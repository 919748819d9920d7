/**
 * The outline of a claim as ONE shape: the rectangles of its text (as the
 * browser reports them, one or more per line and per nested highlight span)
 * merged into one box per line, the lines joined into a single outline, like a
 * text selection. Plain geometry: no DOM, no React; callers pass client rects
 * already made relative to the drawing surface.
 */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * One box per visual line, top to bottom: boxes whose vertical middles fall
 * within a line's extent join it. Empty boxes (zero width or height, as for
 * line breaks) are dropped.
 */
export function mergeLines(boxes: readonly Box[]): Box[] {
  const sorted = boxes
    .filter((b) => b.right - b.left > 0.5 && b.bottom - b.top > 0.5)
    .slice()
    .sort((a, b) => a.top - b.top || a.left - b.left);
  const lines: Box[] = [];
  for (const b of sorted) {
    const middle = (b.top + b.bottom) / 2;
    const line = lines.find((l) => middle >= l.top && middle <= l.bottom);
    if (line) {
      line.left = Math.min(line.left, b.left);
      line.right = Math.max(line.right, b.right);
      line.top = Math.min(line.top, b.top);
      line.bottom = Math.max(line.bottom, b.bottom);
    } else {
      lines.push({ ...b });
    }
  }
  return lines.sort((a, b) => a.top - b.top);
}

const round = (n: number): number => Math.round(n * 10) / 10;

/**
 * An SVG path outlining the lines (see mergeLines) with `pad` pixels of room
 * around the text. Consecutive lines that overlap horizontally are joined at
 * the middle of the gap between them into one polygon; a line that does not
 * overlap the previous one (a claim ending on the next line before it started
 * on the first) starts a new sub-path of the same path. Empty input → ''.
 */
export function outlinePath(boxes: readonly Box[], pad = 0): string {
  const lines = mergeLines(boxes).map((l) => ({ ...l, left: l.left - pad, right: l.right + pad }));
  if (lines.length === 0) return '';
  const runs: Box[][] = [];
  for (const line of lines) {
    const run = runs.at(-1);
    const prev = run?.at(-1);
    if (run && prev && line.left < prev.right && prev.left < line.right) run.push(line);
    else runs.push([line]);
  }
  return runs
    .map((run) => {
      // Horizontal edges: the run's top and bottom, and the middle of each gap between lines.
      const edges: number[] = [run[0]!.top - pad];
      for (let i = 1; i < run.length; i++) edges.push((run[i - 1]!.bottom + run[i]!.top) / 2);
      edges.push(run.at(-1)!.bottom + pad);
      const points: [number, number][] = [];
      run.forEach((line, i) => points.push([line.right, edges[i]!], [line.right, edges[i + 1]!]));
      for (let i = run.length - 1; i >= 0; i--) points.push([run[i]!.left, edges[i + 1]!], [run[i]!.left, edges[i]!]);
      return `M${points.map(([x, y]) => `${round(x)} ${round(y)}`).join('L')}Z`;
    })
    .join('');
}
