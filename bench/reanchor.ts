// The re-anchoring part of `npm run bench`: an article of 200,000 characters
// with 1,000 claims is corrected in several places (sentences inserted, words
// deleted, some claims' quotes reworded, some passages removed), and every
// claim is anchored again to the new text (lib/anchoring/reanchor), in
// process. Beside it, in the same run, the least any re-anchoring costs: a
// plain indexOf of every quote in the new text. Medians over the runs after
// warm-up runs; the states counted once (the work is deterministic).
import { reanchorClaims, type ReanchorInput } from '../lib/anchoring/reanchor';
import { describeRange, type AnchorState } from '../lib/anchoring/selectors';
import { largeArticleText } from '../tests/fixtures/large-article';
import { median, round } from './stats';

export const REANCHOR_GOAL = { characters: 200_000, claims: 1_000, underMs: 200 };
const WARM_UP_RUNS = 3;

export interface ReanchorFigures {
  /** When it was measured (a part may be measured again apart from the others). */
  measuredAt: string;
  characters: number;
  claims: number;
  /** What the correction did. */
  edits: { inserted: number; deleted: number; quotesReworded: number; passagesRemoved: number };
  runs: number;
  /** Medians over the runs, in milliseconds. */
  baselineMs: number;
  reanchorMs: number;
  minReanchorMs: number;
  maxReanchorMs: number;
  vsBaseline: number;
  states: Record<AnchorState, number>;
  goal: { underMs: number; met: boolean };
}

/** A seeded generator (mulberry32): the same article, claims and edits on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The article, its claims and the corrected text. */
export function reanchorFixture(): { before: string; after: string; claims: ReanchorInput[]; edits: ReanchorFigures['edits'] } {
  const before = largeArticleText(REANCHOR_GOAL.characters);
  const next = random(11);
  // Claims on words, spread evenly, 3 to 12 words long; the dispatches' headers (one sentence each, unique) among them.
  const headers: number[] = [];
  for (let at = before.indexOf('Dépêche nº'); at !== -1; at = before.indexOf('Dépêche nº', at + 1)) headers.push(at);
  const ranges: [number, number][] = headers.map((at) => [at, before.indexOf(' rapporte', at)]);
  const taken = new Set(ranges.map(([s]) => s));
  for (let i = 0; ranges.length < REANCHOR_GOAL.claims; i++) {
    let start = Math.floor((i / (REANCHOR_GOAL.claims * 1.1)) * before.length);
    while (start < before.length && /\s/.test(before[start]!)) start++;
    while (start > 0 && /\S/.test(before[start - 1]!)) start--;
    let end = start;
    for (let words = 3 + Math.floor(next() * 10); words > 0 && end < before.length; words--) {
      end = before.indexOf(' ', end + 1);
      if (end === -1) end = before.length;
    }
    while (end > start && /[\s,.;:]/.test(before[end - 1]!)) end--;
    if (end > start && !taken.has(start)) {
      taken.add(start);
      ranges.push([start, end]);
    }
  }
  const claims = ranges.map(([s, e]) => ({ ...describeRange(before, s, e), current: true }));

  // The correction, from the end backwards so that earlier offsets stay valid.
  type Edit = { at: number; remove: number; insert: string };
  const edits: Edit[] = [];
  const count = { inserted: 0, deleted: 0, quotesReworded: 0, passagesRemoved: 0 };
  // Every third header reworded inside ("envoyée" → "envoyé"), every seventh removed with its line.
  headers.forEach((at, i) => {
    if (i % 7 === 3) {
      const end = before.indexOf('\n\n', at);
      edits.push({ at: at - 2, remove: end - at + 4, insert: '' });
      count.passagesRemoved++;
    } else if (i % 3 === 1) {
      const word = before.indexOf('envoyée', at);
      edits.push({ at: word + 6, remove: 1, insert: '' });
      count.quotesReworded++;
    }
  });
  // Sentences inserted and a few words deleted at twenty places.
  for (let i = 0; i < 20; i++) {
    const at = before.indexOf(' ', Math.floor(next() * before.length));
    if (at === -1 || edits.some((e) => Math.abs(e.at - at) < 200)) continue;
    if (i % 2) {
      edits.push({ at, remove: 0, insert: ' Précision apportée par la rédaction le 3 juillet.' });
      count.inserted++;
    } else {
      edits.push({ at, remove: 12, insert: '' });
      count.deleted++;
    }
  }
  edits.sort((a, b) => b.at - a.at);
  let after = before;
  for (const e of edits) after = after.slice(0, e.at) + e.insert + after.slice(e.at + e.remove);
  return { before, after, claims, edits: count };
}

const time = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const result = work();
  return [result, performance.now() - start];
};

export function measureReanchor(runs: number, log: (line: string) => void = () => undefined): ReanchorFigures {
  const { before, after, claims, edits } = reanchorFixture();
  const samples: { baseline: number; reanchor: number }[] = [];
  let states: Record<AnchorState, number> = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  for (let run = 0; run < WARM_UP_RUNS + runs; run++) {
    const [found, baseline] = time(() => claims.reduce((n, c) => n + (after.indexOf(c.exact) >= 0 ? 1 : 0), 0));
    const [results, reanchor] = time(() => reanchorClaims(before, after, claims));
    if (found === 0 || results.length !== claims.length) throw new Error('the re-anchoring bench lost its claims');
    states = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
    for (const r of results) states[r.state]++;
    if (run >= WARM_UP_RUNS) samples.push({ baseline, reanchor });
    log(`${run < WARM_UP_RUNS ? 'warm-up' : `run ${run - WARM_UP_RUNS + 1}/${runs}`}: ${round(reanchor, 1)} ms (baseline ${round(baseline, 1)} ms)`);
  }
  const reanchorMs = round(median(samples.map((s) => s.reanchor)), 1);
  const baselineMs = round(median(samples.map((s) => s.baseline)), 1);
  return {
    measuredAt: new Date().toISOString(),
    characters: before.length,
    claims: claims.length,
    edits,
    runs,
    baselineMs,
    reanchorMs,
    minReanchorMs: round(Math.min(...samples.map((s) => s.reanchor)), 1),
    maxReanchorMs: round(Math.max(...samples.map((s) => s.reanchor)), 1),
    vsBaseline: baselineMs > 0 ? round(reanchorMs / baselineMs, 1) : 0,
    states,
    goal: { underMs: REANCHOR_GOAL.underMs, met: reanchorMs < REANCHOR_GOAL.underMs },
  };
}
