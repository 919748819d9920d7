// The benchmark's results: their JSON shape and the Markdown table shown in the README.
import type { EndpointFigures } from './api';
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
  article: { characters: number; paragraphs: number; verdictsPerClaim: number };
  runs: number;
  goal: { claims: number; underMs: number; paintedMs: number | null; met: boolean };
  pages: PageFigures[];
  api: (EndpointFigures & { label: string })[];
  durationS: number;
}

const ms = (v: number | null) => (v === null || Number.isNaN(v) ? '—' : `${Math.round(v).toLocaleString('en-US')} ms`);
const ratio = (v: number | null) => (v === null || Number.isNaN(v) ? '—' : `× ${v.toFixed(1)}`);
const kb = (v: number | null) => (v === null || !v ? '—' : v < 1024 ? `${v} B` : `${Math.round(v / 1024).toLocaleString('en-US')} KiB`);

export function markdown(r: BenchResults): string {
  const lines = [
    `Crux benchmark, ${r.date.slice(0, 10)} (commit ${r.commit}), ${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.memoryGiB} GiB, ` +
      `${r.machine.os}, Node ${r.machine.node}, headless Chromium ${r.machine.chromium}. ` +
      `Load average before the run: ${r.machine.loadAverageBefore.map((l) => l.toFixed(1)).join(' / ')}.`,
    '',
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
    '| request | requests | p50 | p95 | body | transferred (gzip) |',
    '|---|---:|---:|---:|---:|---:|',
    ...r.api.map((a) =>
      a.error
        ? `| ${a.label} | ${a.requests} | **error: ${a.error}** | | | |`
        : `| ${a.label} | ${a.requests} | ${ms(a.p50Ms)} | ${ms(a.p95Ms)} | ${kb(a.bytes)} | ${kb(a.transferBytes)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
