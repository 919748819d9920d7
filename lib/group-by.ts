// Rows read in one query, grouped by a key (a claim's verdicts by claim id, say).
// Map.groupBy does this from Node 21; Crux runs on Node 20 too.

/** The items in groups by `key`, each group in the items' order, the groups in order of first appearance. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
