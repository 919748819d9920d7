// Text Crux can take, at the boundary. JSON can carry a lone surrogate
// ("\ud800"): JavaScript keeps it, but a database stores text as UTF-8, which
// cannot encode it, so it would come back as something else (U+FFFD, longer
// or shorter) and every offset counted on the text acknowledged would be
// wrong. And a long run of combining marks makes NFC normalisation quadratic.
// Requests holding either are refused, naming where, before anything is
// normalised or stored.

export type ValuePath = (string | number)[];

/**
 * Combining marks allowed in a row: Unicode's stream-safe limit (UAX #15, 30
 * non-starters). No language needs more; beyond it, NFC normalisation (ICU's
 * canonical reordering) is quadratic in the run: 200,000 marks of alternating
 * classes took the server minutes.
 */
export const MAX_COMBINING_MARKS = 30;

/** True when `text` holds more than MAX_COMBINING_MARKS combining marks in a row. */
export function hasTooManyCombiningMarks(text: string): boolean {
  // Each run matched once, whole, then skipped: linear, and fast. (/\p{M}{31}/ was linear
  // too, but tried 31 marks from every mark: 100 ms on 200,000 of them.)
  const runs = /\p{M}+/gu;
  for (let run = runs.exec(text); run; run = runs.exec(text)) {
    // Counted in characters: a mark beyond the BMP is two code units. A run longer than twice the
    // limit in code units is over it whatever its marks; only a shorter one is counted (spreading a
    // run of 200,000 marks into an array took the server 10 ms and more).
    const units = run[0].length;
    if (units > 2 * MAX_COMBINING_MARKS) return true;
    if (units > MAX_COMBINING_MARKS && [...run[0]].length > MAX_COMBINING_MARKS) return true;
  }
  return false;
}

/**
 * Characters as Crux counts them against its limits: code points, as Zod's
 * string limits and JSON Schema's maxLength count them, so that an emoji (two
 * UTF-16 units) is one character wherever a limit is checked or shown.
 */
export function characterCount(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length - 1; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs += 1;
        i += 1;
      }
    }
  }
  return text.length - pairs;
}

// With the `u` flag a surrogate pair is one code point, so \p{Cs} (the
// Surrogate category) only matches a half standing alone. Linear, no backtracking.
const LONE_SURROGATE = /\p{Cs}/u;

/** True when `text` holds no lone surrogate: it can be stored and read back as UTF-8, unchanged. */
export function isWellFormed(text: string): boolean {
  // String.prototype.isWellFormed exists from Node 20 (ES2024); the regex says the same.
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return typeof native === 'function' ? native.call(text) : !LONE_SURROGATE.test(text);
}

/**
 * The first string in `value` (parsed JSON, route or query parameters) for
 * which `refused` is true, object keys included, in the input's order: its
 * path (for a key, the object's path and the key as written) and the string;
 * null when there is none. Walked without recursion: a request body may nest deeply.
 */
export function findString(value: unknown, refused: (text: string) => boolean): { path: ValuePath; text: string } | null {
  // Each node points to its parent rather than copying its path: a body of
  // nested lists a million deep would otherwise copy paths quadratically.
  type Node = { value: unknown; key?: string | number; parent?: Node };
  const pathOf = (node: Node, last?: string): ValuePath => {
    const path: ValuePath = last === undefined ? [] : [last];
    for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) path.push(n.key);
    return path.reverse();
  };
  const stack: Node[] = [{ value }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node.value === 'string') {
      if (refused(node.value)) return { path: pathOf(node), text: node.value };
    } else if (node.value !== null && typeof node.value === 'object') {
      const entries: [string | number, unknown][] = Array.isArray(node.value) ? node.value.map((item, i) => [i, item]) : Object.entries(node.value);
      // A key is checked when its object is reached: it comes before its value.
      for (const [key] of entries) if (typeof key === 'string' && refused(key)) return { path: pathOf(node, key), text: key };
      for (let k = entries.length - 1; k >= 0; k--) stack.push({ value: entries[k]![1], key: entries[k]![0], parent: node });
    }
  }
  return null;
}
