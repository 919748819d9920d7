// The benchmark's results: their JSON shape and the Markdown table shown in the README.
import fs from 'node:fs';
import type { AgreementFigures } from './agreement';
import type { ReanchorFigures } from './reanchor';
import { exportSection, type ExportFigures } from './export';
import type { EndpointFigures } from './api';
import { LOAD_GOALS, MIX_RUNS, WARM_UP_S, type LoadFigures, type RunFigures } from './load';
import type { PageSample } from './page';

export interface PageFigures {
  label: string;
  claims: number | null;
  runs: number;
  /** Medians over the runs. */
  paintedMs: number | null;
  minPaintedMs: number | null;
  maxPaintedMs: number | null;
  responseStartMs: number | null;
  longestTaskMs: number | null;
  blockingMs: number | null;
  htmlBytes: number | null;
  /** paintedMs over the static page's, and over the Crux page with no claims. */
  vsStatic: number | null;
  vsNoClaims: number | null;
  signal: PageSample['signal'] | null;
  samples: PageSample[];
  error?: string;
}

export interface BenchResults {
  date: string;
  commit: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; os: string; node: string; chromium: string; loadAverageBefore: number[]; loadAverageAfter: number[] };
  /** Null when the pages and the API were not measured. */
  article: { characters: number; paragraphs: number; verdictsPerClaim: number } | null;
  runs: number;
  goal: { claims: number; underMs: number; paintedMs: number | null; met: boolean } | null;
  pages: PageFigures[];
  api: (EndpointFigures & { label: string })[];
  /** The load of many reviewers at once, per database. */
  load: LoadFigures[];
  /** Every agreement figure at 10,000 claims × 5 reviewers; null when not measured. */
  agreement: AgreementFigures | null;
  /** Re-anchoring 1,000 claims after a correction; null when not measured (or in results from before it). */
  reanchor?: ReanchorFigures | null;
  /** Every export format over 100,000 claims; null (or absent, in older results) when not measured. */
  export?: ExportFigures | null;
  durationS: number;
}

const ms = (v: number | null) => (v === null || Number.isNaN(v) ? '—' : `${Math.round(v).toLocaleString('en-US')} ms`);
const ratio = (v: number | null) => (v === null || Number.isNaN(v) ? '—' : `× ${v.toFixed(1)}`);
const kb = (v: number | null) => (v === null || !v ? '—' : v < 1024 ? `${v} B` : `${Math.round(v / 1024).toLocaleString('en-US')} KiB`);

const count = (v: number) => v.toLocaleString('en-US');
const perSecond = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 0 });

export function markdown(r: BenchResults): string {
  const lines = [
    `Crux benchmark, ${r.date.slice(0, 10)} (commit ${r.commit}), ${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.memoryGiB} GiB, ` +
      `${r.machine.os}, Node ${r.machine.node}${r.machine.chromium ? `, headless Chromium ${r.machine.chromium}` : ''}. ` +
      `Load average before the run: ${r.machine.loadAverageBefore.map((l) => l.toFixed(1)).join(' / ')}.`,
    '',
    ...pagesSection(r),
    ...apiSection(r),
    ...r.load.flatMap(loadSection),
    ...agreementSection(r.agreement),
    ...reanchorSection(r.reanchor ?? null),
    ...exportSection(r.export ?? null),
  ];
  return lines.join('\n');
}

function pagesSection(r: BenchResults): string[] {
  if (!r.pages.length || !r.article || !r.goal) return [];
  return [
    `Article of ${r.article.characters.toLocaleString('en-US')} characters in ${r.article.paragraphs} paragraphs; ` +
      `${r.article.verdictsPerClaim} verdicts on every claim. Median of ${r.runs} loads each (after one warm-up load), ` +
      'from navigation start to the frame in which every highlight is painted.',
    '',
    '| page | painted (median) | min – max | vs static page | vs 0 claims | server (first byte) | longest task | blocking time | HTML |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.pages.map((p) =>
      p.error && p.paintedMs === null
        ? `| ${p.label} | **error: ${p.error}** | | | | | | | |`
        : `| ${p.label} | ${ms(p.paintedMs)}${p.error ? ` (error: ${p.error})` : ''} | ${ms(p.minPaintedMs)} – ${ms(p.maxPaintedMs)} | ${ratio(p.vsStatic)} | ${ratio(p.vsNoClaims)} | ${ms(p.responseStartMs)} | ${ms(p.longestTaskMs)} | ${ms(p.blockingMs)} | ${kb(p.htmlBytes)} |`,
    ),
    '',
    `Goal: ${r.goal.claims.toLocaleString('en-US')} claims painted in under ${r.goal.underMs.toLocaleString('en-US')} ms — ` +
      (r.goal.paintedMs === null ? 'not measured.' : `${ms(r.goal.paintedMs)}, ${r.goal.met ? 'met' : 'not met'}.`),
    '',
  ];
}

function apiSection(r: BenchResults): string[] {
  if (!r.api.length) return [];
  return [
    '| request | requests | p50 | p95 | body | transferred (gzip) |',
    '|---|---:|---:|---:|---:|---:|',
    ...r.api.map((a) =>
      a.error
        ? `| ${a.label} | ${a.requests} | **error: ${a.error}** | | | |`
        : `| ${a.label} | ${a.requests} | ${ms(a.p50Ms)} | ${ms(a.p95Ms)} | ${kb(a.bytes)} | ${kb(a.transferBytes)} |`,
    ),
    '',
  ];
}

const msFine = (v: number | null) => (v === null ? '—' : v < 10 ? `${v.toFixed(1)} ms` : ms(v));
const ratio2 = (v: number | null) => (v === null ? '—' : `× ${v.toFixed(2)}`);
const paceLabel = (run: RunFigures) => (run.pace === 'paced' ? `${run.rate} request/s per reviewer` : 'capacity');

function runRows(run: RunFigures): string[] {
  const row = `| ${run.label} | ${paceLabel(run)} | ${count(run.requests)} | ${perSecond(run.throughput)} | ${ratio2(run.vsBaseline)} | ${msFine(run.p50Ms)} | ${msFine(run.p99Ms)} | ${count(run.errors)} | ${count(run.conflicts)} |`;
  if (run.name !== 'mixed') return [row];
  const group = (label: string, g: RunFigures['reads']) =>
    g ? [`| &nbsp;&nbsp;${label} | | ${count(g.requests)} | | | ${msFine(g.p50Ms)} | ${msFine(g.p99Ms)} | | |`] : [];
  return [row, ...group('its reads', run.reads), ...group('its writes', run.writes)];
}

function loadSection(l: LoadFigures): string[] {
  const title = `**${l.database}, ${l.fixture?.reviewers ?? 50} reviewers at once.**`;
  if (!l.fixture || !l.goals) return [`${title} ${l.error ?? 'not measured'}.`, ''];
  const paced = l.runs.find((r) => r.pace === 'paced');
  const capacity = l.runs.filter((r) => r.pace === 'capacity');
  const seconds = capacity.map((r) => r.durationS);
  const g = l.goals;
  return [
    `${title} The production server (one \`next start\` process) on ${l.database} (${l.origin}); the ` +
      `${l.fixture.characters.toLocaleString('en-US')}-character article with ${count(l.fixture.claims)} claims and ${count(l.fixture.verdicts)} verdicts ` +
      `(each run starts from these, the claims the runs before it created deleted: the article held at most ${count(l.fixture.mostClaims)} claims at the end of a run); ${l.fixture.reviewers} reviewers, each with their own token on their own connection, ` +
      `over loopback. Capacity runs (autocannon, ${Math.round(Math.min(...seconds))}–${Math.round(Math.max(...seconds))} s, after ${WARM_UP_S} s of the baseline and ${WARM_UP_S} s of the mix to warm up): ` +
      'each connection sends its next request as soon as the last is answered, so their latencies are mostly queueing. ' +
      `The baseline runs before and after every other capacity run, for half as long; each run's "vs /api/health" is against the two baseline runs around it, and the mix, run ${MIX_RUNS} times, is judged by the median of its runs. ` +
      (paced ? `Paced run (${Math.round(paced.durationS)} s): each reviewer sends ${paced.rate} request per second, latency counted from when it was due.` : ''),
    '',
    `| ${l.database}: run | pace | requests | req/s | vs /api/health | p50 | p99 | errors | 409 |`,
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...l.runs.flatMap(runRows),
    '',
    ...(paced
      ? [
          `| paced mix: request | requests | p50 | p99 | answers |`,
          '|---|---:|---:|---:|---|',
          ...paced.byKind.map(
            (k) => `| ${k.label} | ${count(k.requests)} | ${msFine(k.p50Ms)} | ${msFine(k.p99Ms)} | ${Object.entries(k.statuses).map(([s, n]) => `${count(n)} × ${s}`).join(', ')} |`,
          ),
          '',
        ]
      : []),
    `Goals: no errors in any run — ${g.zeroErrors ? 'met' : 'not met'}; writes of the paced mix with a p99 under ${LOAD_GOALS.writesP99UnderMs} ms — ` +
      `${msFine(g.writesP99Ms)}, ${g.writesP99Met ? 'met' : 'not met'}; the mix's capacity at least × ${LOAD_GOALS.mixedVsBaselineAtLeast} of the baseline's — ` +
      `${ratio2(g.mixedVsBaseline)} (the median of ${capacity
        .filter((r) => r.name === 'mixed')
        .map((r) => ratio2(r.vsBaseline))
        .join(', ')}), ${g.mixedThroughputMet ? 'met' : 'not met'}.`,
    '',
  ];
}

function agreementSection(a: AgreementFigures | null): string[] {
  if (!a) return [];
  return [
    `**Agreement figures, ${count(a.claims)} claims × ${a.reviewers} reviewers (${count(a.verdicts)} verdicts).** In process, medians of ${a.runs} runs after 3 warm-up runs: ` +
      'the reliability matrix built from the verdicts, the report (percent agreement, Krippendorff\'s alpha nominal, ordinal and interval, Fleiss\' kappa, ' +
      `Gwet's AC1, Cohen's kappa for every pair) and Dawid–Skene (${a.dawidSkeneIterations ?? '—'} iterations), beside a single pass over the same verdicts counting ratings per claim.`,
    '',
    '| work | median |',
    '|---|---:|',
    `| baseline: one pass over the verdicts | ${msFine(a.baselineMs)} |`,
    `| the matrix | ${msFine(a.matrixMs)} |`,
    `| the report (every figure) | ${msFine(a.reportMs)} |`,
    `| Dawid–Skene | ${msFine(a.dawidSkeneMs)} |`,
    `| **all of it** (min – max) | **${msFine(a.totalMs)}** (${msFine(a.minTotalMs)} – ${msFine(a.maxTotalMs)}), ${ratio2(a.vsBaseline)} the baseline |`,
    '',
    `Goal: all of it in under ${a.goal.underMs} ms — ${msFine(a.totalMs)}, ${a.goal.met ? 'met' : 'not met'}.`,
    '',
  ];
}

function reanchorSection(a: ReanchorFigures | null): string[] {
  if (!a) return [];
  const { edits, states } = a;
  return [
    `**Re-anchoring, ${count(a.claims)} claims on an article of ${count(a.characters)} characters** (measured ${a.measuredAt.slice(0, 10)}). In process, medians of ${a.runs} runs after 3 warm-up runs: ` +
      `the article corrected in ${edits.inserted + edits.deleted + edits.quotesReworded + edits.passagesRemoved} places (${edits.inserted} sentences inserted, ${edits.deleted} runs of words deleted, ` +
      `${edits.quotesReworded} claims' quotes reworded, ${edits.passagesRemoved} claimed passages removed), then every claim anchored again, beside a plain \`indexOf\` of every quote in the new text.`,
    '',
    '| work | median |',
    '|---|---:|',
    `| baseline: \`indexOf\` of every quote | ${msFine(a.baselineMs)} |`,
    `| **re-anchoring every claim** (min – max) | **${msFine(a.reanchorMs)}** (${msFine(a.minReanchorMs)} – ${msFine(a.maxReanchorMs)}), ${ratio(a.vsBaseline)} the baseline |`,
    '',
    `States: ${count(states.exact)} exact, ${count(states.moved)} moved, ${count(states.fuzzy)} fuzzy, ${count(states.orphaned)} orphaned. ` +
      `Goal: under ${a.goal.underMs} ms — ${msFine(a.reanchorMs)}, ${a.goal.met ? 'met' : 'not met'}.`,
    '',
  ];
}

export const README_MARKER = '<!-- bench/results/latest.md -->';
const README_END = '## Configuration';

/** The README with the figures between the marker and the next section replaced by `table`. */
export function withFigures(readme: string, table: string): string {
  const start = readme.indexOf(README_MARKER);
  const end = readme.indexOf(README_END, start);
  if (start < 0 || end < 0) throw new Error(`README.md has no "${README_MARKER}" followed by "${README_END}"`);
  return `${readme.slice(0, start + README_MARKER.length)}\n${table.trimEnd()}\n\n${readme.slice(end)}`;
}

export function updateReadme(file: string, table: string): void {
  fs.writeFileSync(file, withFigures(fs.readFileSync(file, 'utf8'), table));
}
