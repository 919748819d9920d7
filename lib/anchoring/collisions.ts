// After re-anchoring, two claims may land on the same passage: two quotes that
// a correction made identical, or a fuzzy match settling on a passage another
// claim holds exactly. Crux keeps one live claim per passage (marking a
// passage that already is a claim opens that claim; the database's unique
// index holds it), so one of them keeps the passage and the others become
// orphaned: kept whole, with their verdicts and original quote, listed apart
// for an editor to look at, rather than merged (their verdicts judged
// different words) or stacked on one passage.
import type { Reanchored } from './reanchor';

const RANK = { exact: 0, moved: 1, fuzzy: 2, orphaned: 3 } as const;

/**
 * `results[i]` is claim i's new anchor; `createdAt[i]` its creation. Returns
 * the results with every claim but one per passage orphaned (`orphan(i)`
 * gives the orphaned result for claim i): the one whose anchor is surest
 * (exact, then moved, then fuzzy) keeps it, the oldest on a tie.
 */
export function settleCollisions(results: readonly Reanchored[], createdAt: readonly number[], orphan: (index: number) => Reanchored): Reanchored[] {
  const holder = new Map<string, number>();
  results.forEach((r, i) => {
    if (r.state === 'orphaned') return;
    const key = `${r.start}:${r.end}`;
    const other = holder.get(key);
    const better = other === undefined || RANK[r.state] < RANK[results[other]!.state] || (RANK[r.state] === RANK[results[other]!.state] && createdAt[i]! < createdAt[other]!);
    if (better) holder.set(key, i);
  });
  return results.map((r, i) => (r.state === 'orphaned' || holder.get(`${r.start}:${r.end}`) === i ? r : orphan(i)));
}
