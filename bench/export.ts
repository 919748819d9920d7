// The export part of `npm run bench`: 100,000 claims (5 verdicts each, a
// source on every third verdict) in 20 articles of a fresh SQLite database,
// exported in every format through the real pipeline (lib/services/exports.ts,
// scope=all, an admin's view), each in a child process whose peak memory
// (max RSS) is read when it ends; and the archive again, of a copy of the data
// where each claim has an event in its history (WITH_HISTORY); beside a
// baseline in the same run: the same
// claims loaded whole and held in memory, then one JSON.stringify. Each is
// measured several times, in rounds (RUNS), and reported by its median: on
// this shared machine one export of the same data took 5.2 s in one run and
// 8.4 s in the next.
//
// The child runs bundled (esbuild, packages left external), as `next build`
// bundles the server, rather than through tsx, whose compiler and module
// sources held 35 MiB more; and with V8's heap capped at CHILD_HEAP_MIB: an
// export keeps about one page alive (CSV runs in a 48 MB heap), but V8 lets
// garbage grow the heap to several times that before it collects (uncapped,
// 100,000 claims peaked near 400 MiB). The baseline gets no cap: it holds
// every claim.
// Goals (issue 10): under 256 MB peak and at least 20,000 claims/s, every format.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../lib/config';
import { createDb } from '../lib/db/client';
import { applyPendingMigrations } from '../lib/db/schema-engine';
import { EXPORT_FORMATS } from '../lib/export/format';
import { insertClaimHistory, insertLargeArticle, largeArticleText, largeArticleUsers } from '../tests/fixtures/large-article';
import { median, round } from './stats';

export const EXPORT_GOAL = { claims: 100_000, maxRssMiB: 256, claimsPerSecond: 20_000 };
const ARTICLES = 20;
/** The exports' V8 heap limit (--max-old-space-size), in MiB. */
export const CHILD_HEAP_MIB = 96;
/**
 * Processes per format, each exporting everything once, and for the baseline (24 s a run). They
 * run in rounds, every format once a round (the baseline in the first BASELINE_RUNS rounds): this
 * machine's speed drifts by a quarter over minutes, and a slow spell then spreads over every
 * format rather than falling on the runs of one.
 */
export const RUNS = 5;
export const BASELINE_RUNS = 3;
/**
 * The archive again, of a copy of the same data where each claim has one event in its history
 * (lib/services/archive-export.ts writes the history; the other formats do not read it): each
 * event holds the claim's snapshot, as saving a verdict records it.
 */
const WITH_HISTORY = 'json, with history';

export interface ExportRun {
  format: string;
  /** The median of RUNS runs, then their fastest and slowest. */
  ms: number;
  minMs: number;
  maxMs: number;
  bytes: number;
  claims: number;
  claimsPerSecond: number;
  /** The highest of the runs. */
  maxRssMiB: number;
  /** The same process's RSS before the export started (Node, the code, Prisma's engine, the database open): maxRssMiB minus it is the export's own. */
  baseRssMiB: number;
}

export interface ExportFigures {
  claims: number;
  verdicts: number;
  seedS: number;
  baseline: ExportRun;
  formats: (ExportRun & { met: boolean })[];
  /** The archive of the copy with a history; absent in results before it was measured. */
  history?: ExportRun & { met: boolean; events: number };
  goal: typeof EXPORT_GOAL & { met: boolean };
}

/** bench/export-child.ts bundled; returns the bundle's path. */
async function bundleChild(): Promise<string> {
  // Under node_modules, so that the packages left external resolve from the project's.
  const outfile = path.join(projectRoot, 'node_modules', '.cache', 'crux-bench', 'export-child.mjs');
  await build({ entryPoints: [path.join(projectRoot, 'bench', 'export-child.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning' });
  return outfile;
}

type ChildFigures = { ms: number; bytes: number; claims: number; maxRssMiB: number; baseRssMiB: number };

function measureOnce(child: string, what: string, url: string): ChildFigures {
  const heap = what === 'baseline' ? [] : [`--max-old-space-size=${CHILD_HEAP_MIB}`];
  const out = execFileSync(process.execPath, [...heap, child, what, url], { encoding: 'utf8', maxBuffer: 1 << 20, cwd: projectRoot });
  return JSON.parse(out.trim().split('\n').at(-1)!) as ChildFigures;
}

/** The figures of one format (or the baseline) from its runs. */
function summarise(what: string, runs: readonly ChildFigures[]): ExportRun {
  const times = runs.map((r) => r.ms);
  const ms = median(times);
  const { bytes, claims } = runs[0]!;
  return {
    format: what,
    ms: round(ms, 0),
    minMs: round(Math.min(...times), 0),
    maxMs: round(Math.max(...times), 0),
    bytes,
    claims,
    claimsPerSecond: round(claims / (ms / 1000), 0),
    maxRssMiB: round(Math.max(...runs.map((r) => r.maxRssMiB)), 1),
    baseRssMiB: round(median(runs.map((r) => r.baseRssMiB)), 1),
  };
}

export async function measureExport(log: (line: string) => void = () => undefined, claims: number = EXPORT_GOAL.claims): Promise<ExportFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-bench-export-'));
  const url = `file:${path.join(dir, 'export.db')}`;
  try {
    await applyPendingMigrations(url);
    const db = createDb(url);
    const seedStart = performance.now();
    const users = await largeArticleUsers(db, 'bench password', 5, 'export');
    const text = largeArticleText();
    for (let i = 0; i < ARTICLES; i++) {
      await insertLargeArticle(db, users, { title: `Export ${i + 1}`, text, claims: Math.round(claims / ARTICLES) });
    }
    const counts = { claims: await db.claim.count(), verdicts: await db.verdict.count() };
    await db.$disconnect();
    // The copy with a history: the file whole once its connections are closed (no WAL left beside it).
    const historyUrl = `file:${path.join(dir, 'history.db')}`;
    fs.copyFileSync(path.join(dir, 'export.db'), path.join(dir, 'history.db'));
    const historyDb = createDb(historyUrl);
    let events = 0;
    for (const article of await historyDb.article.findMany({ select: { id: true } })) events += await insertClaimHistory(historyDb, article.id);
    await historyDb.$disconnect();
    const seedS = round((performance.now() - seedStart) / 1000, 1);
    log(`seeded ${counts.claims.toLocaleString('en-US')} claims, ${counts.verdicts.toLocaleString('en-US')} verdicts (and a copy with ${events.toLocaleString('en-US')} events) in ${seedS} s`);
    const child = await bundleChild();
    const runs = new Map<string, ChildFigures[]>(['baseline', ...EXPORT_FORMATS, WITH_HISTORY].map((what) => [what, []]));
    for (let round = 0; round < RUNS; round++) {
      for (const what of runs.keys()) {
        if (what === 'baseline' && round >= BASELINE_RUNS) continue;
        const figures = what === WITH_HISTORY ? measureOnce(child, 'json', historyUrl) : measureOnce(child, what, url);
        runs.get(what)!.push(figures);
        log(`round ${round + 1}/${RUNS}, ${what}: ${Math.round(figures.ms)} ms, ${Math.round(figures.maxRssMiB)} MiB peak`);
      }
    }
    const baseline = summarise('baseline', runs.get('baseline')!);
    log(`baseline (held in memory, JSON.stringify): ${baseline.ms} ms (${baseline.minMs}–${baseline.maxMs}), ${baseline.maxRssMiB} MiB peak`);
    // A format's figures from its runs, judged against the goal.
    const judged = (what: string) => {
      const run = summarise(what, runs.get(what)!);
      const met = run.maxRssMiB < EXPORT_GOAL.maxRssMiB && run.claimsPerSecond >= EXPORT_GOAL.claimsPerSecond;
      log(`${what}: ${run.ms} ms (${run.minMs}–${run.maxMs}), ${run.claimsPerSecond.toLocaleString('en-US')} claims/s, ${run.maxRssMiB} MiB peak, ${(run.bytes / 1048576).toFixed(1)} MiB written${met ? '' : ' (goal missed)'}`);
      return { ...run, met };
    };
    const formats = EXPORT_FORMATS.map(judged);
    const history = { ...judged(WITH_HISTORY), events };
    return { ...counts, seedS, baseline, formats, history, goal: { ...EXPORT_GOAL, met: formats.every((f) => f.met) && history.met } };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The README's lines for the export part. */
export function exportSection(e: ExportFigures | null): string[] {
  if (!e) return [];
  const mib = (v: number) => `${v.toLocaleString('en-US', { maximumFractionDigits: 0 })} MiB`;
  return [
    `**Export** of ${e.claims.toLocaleString('en-US')} claims (${e.verdicts.toLocaleString('en-US')} verdicts) from SQLite, every format streamed, each in its own process, ${RUNS} times in rounds (the baseline ${BASELINE_RUNS} times; medians; peak memory: the highest); ` +
      `goal under ${EXPORT_GOAL.maxRssMiB} MB peak and at least ${EXPORT_GOAL.claimsPerSecond.toLocaleString('en-US')} claims/s: ${e.goal.met ? 'met' : 'missed'}.`,
    '',
    '| | time (min – max) | claims/s | peak memory (max RSS) | of which the process before the export | written |',
    '|---|---|---|---|---|---|',
    ...[
      { ...e.baseline, format: 'baseline: the same claims held in memory, one `JSON.stringify`' },
      ...e.formats,
      ...(e.history ? [{ ...e.history, format: `json, of a copy with a history (${e.history.events.toLocaleString('en-US')} events, one per claim, each with the claim's snapshot)` }] : []),
    ].map(
      (f) => `| ${f.format} | ${f.ms.toLocaleString('en-US')} ms (${f.minMs.toLocaleString('en-US')} – ${f.maxMs.toLocaleString('en-US')}) | ${f.claimsPerSecond.toLocaleString('en-US')} | ${mib(f.maxRssMiB)} | ${mib(f.baseRssMiB)} | ${mib(f.bytes / 1048576)} |`,
    ),
    '',
  ];
}
