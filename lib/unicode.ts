// Well-formed Unicode at the boundary. JSON can carry a lone surrogate
// ("\ud800"): JavaScript keeps it, but a database stores text as UTF-8, which
// cannot encode it, so it would come back as something else (U+FFFD, longer
// or shorter) and every offset counted on the text acknowledged would be
// wrong. Requests holding one are refused, naming where, before anything is
// stored.

export type ValuePath = (string | number)[];

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
 * Where `value` (parsed JSON, route parameters, query parameters) first holds
 * ill-formed text, object keys included: the path to the string, or to the
 * object whose key it is (with the key as written as its last element); null
 * when all of it is well-formed. Walked without recursion, in the input's
 * order: a request body may nest deeply.
 */
export function findIllFormedText(value: unknown): ValuePath | null {
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
      if (!isWellFormed(node.value)) return pathOf(node);
    } else if (node.value !== null && typeof node.value === 'object') {
      const entries: [string | number, unknown][] = Array.isArray(node.value) ? node.value.map((item, i) => [i, item]) : Object.entries(node.value);
      // A key is checked when its object is reached: it comes before its value.
      for (const [key] of entries) if (typeof key === 'string' && !isWellFormed(key)) return pathOf(node, key);
      for (let k = entries.length - 1; k >= 0; k--) stack.push({ value: entries[k]![1], key: entries[k]![0], parent: node });
    }
  }
  return null;
}
