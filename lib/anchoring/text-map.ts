// Where an offset of the old text of an article lands in its new text after a
// correction. Most claims sit in passages the correction did not touch: mapping
// their positions through the edit (and checking the quote is there) anchors
// them without searching. The map is built from what the two texts share:
// their common head and tail, then, between the two, the lines (paragraphs)
// they have in common by a line diff, then the common head and tail of each
// pair of changed stretches. Everything else is "changed": positions there have
// no image, only an estimate (to search near).

/** A stretch both texts hold, character for character. */
interface Shared {
  oldStart: number;
  newStart: number;
  length: number;
}

/**
 * More differing lines than this and the line diff gives up (its cost grows
 * with their number squared): the texts are then mapped by their common head
 * and tail alone, and claims between them are found by searching their quote.
 */
export const MAX_DIFF_LINES = 2_000;

export interface TextMap {
  /** The new offset of old offset `at` when it lies in a stretch both texts share; else null. */
  map(at: number): number | null;
  /** Where to look for old offset `at` in the new text: its image, else a proportional estimate. */
  estimate(at: number): number;
}

function commonHead(a: string, b: string, from = 0, aEnd = a.length, bEnd = b.length): number {
  let n = 0;
  const max = Math.min(aEnd, bEnd) - from;
  while (n < max && a.charCodeAt(from + n) === b.charCodeAt(from + n)) n++;
  return n;
}

function commonTail(a: string, b: string, aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  let n = 0;
  const max = Math.min(aEnd - aStart, bEnd - bStart);
  while (n < max && a.charCodeAt(aEnd - 1 - n) === b.charCodeAt(bEnd - 1 - n)) n++;
  return n;
}

/** Lines of text[from, to) with their starts; the last line has no newline. */
function lines(text: string, from: number, to: number): { starts: number[]; keys: string[] } {
  const starts: number[] = [];
  const keys: string[] = [];
  let at = from;
  while (at < to) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 || nl >= to ? to : nl + 1;
    starts.push(at);
    keys.push(text.slice(at, end));
    at = end;
  }
  starts.push(to);
  return { starts, keys };
}

/**
 * Myers' O(ND) diff of two sequences of line ids: the pairs of equal runs
 * [aIndex, bIndex, length], in order; null when more than `maxD` lines differ.
 */
function equalRuns(a: Int32Array, b: Int32Array, maxD: number): [number, number, number][] | null {
  const n = a.length;
  const m = b.length;
  const offset = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= maxD; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return null;
  // Walk back through the trace, collecting the diagonals (equal runs).
  const runs: [number, number, number][] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const prev = trace[d]!;
    const k = x - y;
    let prevK: number;
    if (d === 0) prevK = 0;
    else prevK = k === -d || (k !== d && prev[offset + k - 1]! < prev[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : prev[offset + prevK]!;
    const prevY = prevX - prevK;
    // The snake: from the end of the previous step's move to (x, y).
    const startX = d === 0 ? 0 : prevK === k + 1 ? prevX : prevX + 1;
    const startY = d === 0 ? 0 : prevK === k + 1 ? prevY + 1 : prevY;
    if (x > startX) runs.push([startX, startY, x - startX]);
    x = prevX;
    y = prevY;
  }
  return runs.reverse();
}

/** The map from `before` to `after`. Linear in the texts plus the line diff of the changed middle. */
export function mapText(before: string, after: string): TextMap {
  const shared: Shared[] = [];
  const add = (oldStart: number, newStart: number, length: number) => {
    if (length > 0) shared.push({ oldStart, newStart, length });
  };
  const common = commonHead(before, after);
  const commonEnd = commonTail(before, after, common, before.length, common, after.length);
  // The line diff compares whole lines: the shared head and tail stop at line boundaries
  // ("Le ministre…" and "La dette…" share an "L" that must not cut their lines apart).
  const head = common === 0 ? 0 : before.lastIndexOf('\n', common - 1) + 1;
  const lineEnd = before.indexOf('\n', before.length - commonEnd);
  const tail = lineEnd === -1 ? 0 : Math.max(0, before.length - lineEnd - 1);
  add(0, 0, head);
  const oldEnd = before.length - tail;
  const newEnd = after.length - tail;

  // A changed stretch of each text: its own common head and tail.
  const changed = (o0: number, o1: number, n0: number, n1: number) => {
    const h = commonHead(before.slice(o0, o1), after.slice(n0, n1));
    const t = commonTail(before, after, o0 + h, o1, n0 + h, n1);
    add(o0, n0, h);
    add(o1 - t, n1 - t, t);
  };

  if (head < oldEnd || head < newEnd) {
    const a = lines(before, head, oldEnd);
    const b = lines(after, head, newEnd);
    const ids = new Map<string, number>();
    const idOf = (key: string) => {
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      return id;
    };
    const aIds = Int32Array.from(a.keys, idOf);
    const bIds = Int32Array.from(b.keys, idOf);
    const runs = equalRuns(aIds, bIds, Math.min(MAX_DIFF_LINES, aIds.length + bIds.length));
    if (!runs) {
      changed(head, oldEnd, head, newEnd);
    } else {
      let ai = 0;
      let bi = 0;
      for (const [ra, rb, len] of [...runs, [aIds.length, bIds.length, 0] as [number, number, number]]) {
        if (ra > ai || rb > bi) changed(a.starts[ai]!, a.starts[ra]!, b.starts[bi]!, b.starts[rb]!);
        if (len > 0) add(a.starts[ra]!, b.starts[rb]!, a.starts[ra + len]! - a.starts[ra]!);
        ai = ra + len;
        bi = rb + len;
      }
    }
  }
  add(oldEnd, newEnd, tail);
  shared.sort((x, y) => x.oldStart - y.oldStart);

  /** The last shared stretch starting at or before `at`. */
  const stretchBefore = (at: number): Shared | undefined => {
    let lo = 0;
    let hi = shared.length - 1;
    let best: Shared | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (shared[mid]!.oldStart <= at) {
        best = shared[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  };

  return {
    map(at) {
      const s = stretchBefore(at);
      return s && at < s.oldStart + s.length ? s.newStart + (at - s.oldStart) : null;
    },
    estimate(at) {
      const s = stretchBefore(at);
      if (!s) return Math.min(at, after.length);
      // Inside a shared stretch: its image; past it, as far past its end.
      const image = s.newStart + (at - s.oldStart);
      const past = at - (s.oldStart + s.length);
      return Math.max(0, Math.min(after.length, past > 0 ? s.newStart + s.length + past : image));
    },
  };
}
