// npm run bench: how long Crux takes to show an article at newsroom size.
//
// Builds the production app if the sources changed, serves it on a free
// loopback port with a fresh temporary SQLite database (migrated and seeded as
// `npm start` does), writes articles of ~200,000 characters with 0, 1,000 and
// 5,000 claims (5 verdicts each) straight into the database, then measures in
// headless Chromium, signed in:
//   - navigation start → every highlight painted, for 0, 1,000 and 5,000
//     claims, beside a static HTML page of the same text served from here;
//   - GET /api/v1/articles/:id/claims at 1,000 and 5,000 claims (bearer
//     token), beside GET /api/health on the same server;
//   - the load of 50 reviewers at once (bench/load.ts) on SQLite, and on
//     PostgreSQL when one is at hand (bench/postgres.ts);
//   - every agreement figure of 10,000 claims × 5 reviewers, in process,
//     beside a single pass over the same verdicts (bench/agreement.ts);
//   - re-anchoring 1,000 claims after a correction of the article, in
//     process, beside a plain indexOf of every quote (bench/reanchor.ts);
//   - every export format over 100,000 claims (BENCH_EXPORT_CLAIMS), each in a
//     child process for its peak memory, beside JSON.stringify of the same
//     claims held in memory (bench/export.ts).
// Figures go to bench/results/latest.json and latest.md, and the README's
// Benchmarks section. Everything runs on 127.0.0.1 and stops within
// BENCH_TIMEOUT_S (default 20 minutes). `npm run bench -- load` (or `pages`,
// `api`, `load:sqlite`, `load:postgresql`, `agreement`, `reanchor`, `export`) runs only those parts
// and prints their figures without writing them.
import { chromium, type Browser } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../lib/config';
import { createDb } from '../lib/db/client';
import { createToken } from '../lib/services/tokens';
import { buildIfStale, prepareDatabase } from '../scripts/prepare-app';
import { insertLargeArticle, largeArticleText, largeArticleUsers } from '../tests/fixtures/large-article';
import { measureAgreement } from './agreement';
import { measureReanchor } from './reanchor';
import { measureExport } from './export';
import { measureEndpoint } from './api';
import { measureLoad, type LoadFigures } from './load';
import { loadPage, observeLongTasks, PageError, type PageSample, type PageTarget } from './page';
import { benchPostgres, type BenchPostgres } from './postgres';
import { markdown, updateReadme, type BenchResults, type PageFigures } from './report';
import { startCrux, type CruxServer } from './server';
import { median, round } from './stats';

const RUNS = Math.min(20, Math.max(1, Number(process.env.BENCH_RUNS) || 5));
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S) || 20 * 60;
const PAGE_TIMEOUT_MS = 60_000;
const CLAIM_COUNTS = [1_000, 5_000] as const;
const VERDICTS_PER_CLAIM = 5;
const GOAL = { claims: 1_000, underMs: 1_500 };
const PASSWORD = 'bench password';
const RESULTS_DIR = path.join(projectRoot, 'bench', 'results');
const LOAD = {
  claims: 500,
  reviewers: 50,
  verdictsPerClaim: 5,
  durationS: Math.min(120, Math.max(2, Number(process.env.BENCH_LOAD_S) || 10)),
  pacedRate: Math.min(20, Math.max(0.1, Number(process.env.BENCH_LOAD_RATE) || 1)),
};
/** Node options for the servers under load, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them. */
const LOAD_SERVER_NODE_ARGS = process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];

const PARTS = ['agreement', 'reanchor', 'export', 'pages', 'api', 'load:sqlite', 'load:postgresql'] as const;
type Part = (typeof PARTS)[number];
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const parts = new Set<Part>(asked.length ? PARTS.filter((p) => asked.some((a) => p === a || p.startsWith(`${a}:`))) : PARTS);
if (asked.length && parts.size === 0) {
  console.error(`bench: nothing to run for ${asked.join(' ')}; parts are ${PARTS.join(', ')} (or load for both loads).`);
  process.exit(2);
}
const complete = parts.size === PARTS.length;

/**
 * The browser for the pages' figures: CHROMIUM_PATH, else Debian's Chromium, else its headless
 * shell (all that .ci/run installs). The whole browser first: the figures so far were measured
 * with it. Looked for before anything runs, rather than failing minutes in.
 */
const CHROMIUM = parts.has('pages') ? (process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-headless-shell'].find((p) => fs.existsSync(p))) : undefined;
if (parts.has('pages') && !CHROMIUM) {
  console.error("bench: no Chromium for the pages' figures: set CHROMIUM_PATH, or install Debian's (apt-get install -y chromium).");
  process.exit(2);
}

const started = performance.now();
const loadBefore = os.loadavg().map((l) => round(l, 2));
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-bench-'));
let server: CruxServer | null = null;
let staticServer: http.Server | null = null;
let browser: Browser | null = null;
let postgres: BenchPostgres | null = null;

async function cleanUp(): Promise<void> {
  await browser?.close().catch(() => undefined);
  browser = null;
  staticServer?.close();
  staticServer = null;
  await server?.stop();
  server = null;
  postgres?.stop();
  postgres = null;
  fs.rmSync(tmpDir, { recursive: true, force: true });
}

const deadline = setTimeout(() => {
  console.error(`bench: still running after ${TIMEOUT_S} s; stopping.`);
  void cleanUp().finally(() => process.exit(1));
}, TIMEOUT_S * 1000);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The article's paragraphs (blank-line separated, single newlines as line breaks) as plain HTML, no CSS, no script. */
function staticHtml(title: string, paragraphs: string[]): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>\n${body}\n</body></html>`;
}

function summarise(label: string, claims: number | null, samples: PageSample[], error: string | undefined): PageFigures {
  const pick = (key: 'paintedMs' | 'responseStartMs' | 'longestTaskMs' | 'blockingMs' | 'htmlBytes') =>
    samples.length ? round(median(samples.map((s) => s[key])), 1) : null;
  return {
    label,
    claims,
    runs: samples.length,
    paintedMs: pick('paintedMs'),
    minPaintedMs: samples.length ? Math.min(...samples.map((s) => s.paintedMs)) : null,
    maxPaintedMs: samples.length ? Math.max(...samples.map((s) => s.paintedMs)) : null,
    responseStartMs: pick('responseStartMs'),
    longestTaskMs: pick('longestTaskMs'),
    blockingMs: pick('blockingMs'),
    htmlBytes: pick('htmlBytes'),
    vsStatic: null,
    vsNoClaims: null,
    signal: samples[0]?.signal ?? null,
    samples,
    ...(error ? { error } : {}),
  };
}

/** The pages in Chromium and the API one request at a time, on one server with the three large articles. */
async function measurePagesAndApi(): Promise<Pick<BenchResults, 'article' | 'pages' | 'api' | 'goal'> & { chromium: string }> {
  // A fresh database, prepared as `npm start` prepares one, then the articles.
  const databaseUrl = `file:${path.join(tmpDir, 'crux.db')}`;
  process.env.DATABASE_URL = databaseUrl;
  await prepareDatabase();
  const text = largeArticleText();
  const paragraphs = text.split(/\n{2,}/);
  const db = createDb(databaseUrl);
  const users = await largeArticleUsers(db, PASSWORD, VERDICTS_PER_CLAIM, 'bench');
  const reader = users.reviewers[0]!;
  const articles: { label: string; claims: number; id: string }[] = [];
  for (const claims of [0, ...CLAIM_COUNTS]) {
    const title = `Banc d’essai : ${claims.toLocaleString('fr-FR')} affirmations`;
    const seeded = Date.now();
    const article = await insertLargeArticle(db, users, { title, text, claims });
    console.log(`bench: article with ${claims} claims × ${VERDICTS_PER_CLAIM} verdicts written in ${Date.now() - seeded} ms`);
    articles.push({ label: `Crux, ${claims.toLocaleString('en-US')} claims`, claims, id: article.id });
  }
  const { token } = await createToken(db, reader.id, { name: 'bench' });
  await db.$disconnect();

  // Crux, on loopback only.
  server = await startCrux(databaseUrl);
  const { base } = server;
  let pages: PageFigures[] = [];
  let chromiumVersion = '';
  if (parts.has('pages')) {
    ({ pages, chromiumVersion } = await measurePages(base, reader.email, paragraphs, articles));
  }

  // The API, from Node: bearer token, gzip accepted, one request at a time.
  const api: BenchResults['api'] = [];
  if (parts.has('api')) {
    const auth = { authorization: `Bearer ${token}` };
    const claimCount = (expected: number) => (body: string) => {
      const claims = (JSON.parse(body) as { claims?: unknown[] }).claims;
      return claims?.length === expected ? null : `answered ${claims?.length ?? 'no'} claims instead of ${expected}`;
    };
    api.push({ label: 'GET /api/health', ...(await measureEndpoint(`${base}/api/health`, { count: 30, warmUp: 3 })) });
    for (const a of articles.filter((a) => a.claims > 0)) {
      const figures = await measureEndpoint(`${base}/api/v1/articles/${a.id}/claims`, { count: a.claims >= 5_000 ? 15 : 10, warmUp: 2, headers: auth, check: claimCount(a.claims) });
      api.push({ label: `GET /api/v1/articles/:id/claims, ${a.claims.toLocaleString('en-US')} claims`, ...figures });
    }
    const biggest = articles.at(-1)!;
    api.push({
      label: `GET /api/v1/articles/:id/export?format=json&scope=all, ${biggest.claims.toLocaleString('en-US')} claims`,
      ...(await measureEndpoint(`${base}/api/v1/articles/${biggest.id}/export?format=json&scope=all`, { count: 5, warmUp: 1, headers: auth })),
    });
  }
  await server.stop();
  server = null;

  const goalPage = pages.find((p) => p.claims === GOAL.claims);
  return {
    article: { characters: text.length, paragraphs: paragraphs.length, verdictsPerClaim: VERDICTS_PER_CLAIM },
    goal: { ...GOAL, paintedMs: goalPage?.paintedMs ?? null, met: goalPage?.paintedMs != null && goalPage.paintedMs < GOAL.underMs && !goalPage.error },
    pages,
    api,
    chromium: chromiumVersion,
  };
}

async function measurePages(
  base: string,
  email: string,
  paragraphs: string[],
  articles: { label: string; claims: number; id: string }[],
): Promise<{ pages: PageFigures[]; chromiumVersion: string }> {
  // The static page, from here.
  const html = staticHtml('Banc d’essai : page statique', paragraphs);
  staticServer = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => staticServer!.listen(0, '127.0.0.1', resolve));
  const staticUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}/`;

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'fr-FR' });
  await observeLongTasks(context);
  // Signed in through Auth.js's own endpoints: the same session cookie the form gets.
  const csrf = (await (await context.request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  await context.request.post(`${base}/api/auth/callback/credentials`, {
    form: { csrfToken: csrf.csrfToken, email, password: PASSWORD, callbackUrl: `${base}/` },
  });
  const session = (await (await context.request.get(`${base}/api/auth/session`)).json()) as { user?: { email?: string } } | null;
  if (session?.user?.email !== email) throw new Error('could not sign in to Crux');

  const targets: { label: string; claims: number | null; target: PageTarget }[] = [
    { label: 'static page, same text', claims: null, target: { kind: 'static', url: staticUrl, paragraphs: paragraphs.length } },
    ...articles.map((a) => ({ label: a.label, claims: a.claims, target: { kind: 'crux', url: `${base}/articles/${a.id}`, claims: a.claims } as PageTarget })),
  ];
  const samples = new Map<string, PageSample[]>(targets.map((t) => [t.label, []]));
  const errors = new Map<string, string>();
  // One warm-up load each (compiles, caches scripts), then the runs in turn so that noise spreads evenly.
  for (let run = 0; run <= RUNS; run++) {
    for (const { label, target } of targets) {
      if (errors.has(label)) continue;
      try {
        const sample = await loadPage(context, target, PAGE_TIMEOUT_MS);
        if (run > 0) samples.get(label)!.push(sample);
        console.log(`bench: ${run === 0 ? 'warm-up' : `run ${run}/${RUNS}`} ${label}: ${sample.paintedMs} ms (${sample.signal})`);
      } catch (error) {
        if (!(error instanceof PageError)) throw error;
        errors.set(label, error.message);
        console.log(`bench: ${label}: ${error.message}`);
      }
    }
  }
  const pages = targets.map((t) => summarise(t.label, t.claims, samples.get(t.label)!, errors.get(t.label)));
  const [staticPage, noClaims] = [pages[0]!, pages[1]!];
  for (const p of pages) {
    if (p.paintedMs === null) continue;
    p.vsStatic = staticPage.paintedMs ? round(p.paintedMs / staticPage.paintedMs, 2) : null;
    p.vsNoClaims = p.claims !== null && noClaims.paintedMs ? round(p.paintedMs / noClaims.paintedMs, 2) : null;
  }
  const chromiumVersion = browser.version();
  await browser.close();
  browser = null;
  staticServer.close();
  staticServer = null;
  return { pages, chromiumVersion };
}

/** The load on one database; its failure is a result (reported), not the end of the bench. */
async function measureLoadOn(database: LoadFigures['database'], origin: string, databaseUrl: string): Promise<LoadFigures> {
  try {
    return await measureLoad(database, origin, {
      ...LOAD,
      prepare: async () => {
        process.env.DATABASE_URL = databaseUrl;
        await prepareDatabase();
        return createDb(databaseUrl);
      },
      start: async () => (server = await startCrux(databaseUrl, { nodeArgs: LOAD_SERVER_NODE_ARGS })),
      log: (line) => console.log(`bench: load on ${line}`),
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300).replace(/\.$/, '');
    console.log(`bench: load on ${database}: ${message}`);
    return { database, origin, fixture: null, runs: [], goals: null, error: message };
  } finally {
    await server?.stop();
    server = null;
  }
}

async function measureLoads(): Promise<LoadFigures[]> {
  const loads: LoadFigures[] = [];
  if (parts.has('load:sqlite')) {
    loads.push(await measureLoadOn('SQLite', 'a fresh file in a temporary directory', `file:${path.join(tmpDir, 'load.db')}`));
  }
  if (parts.has('load:postgresql')) {
    const found = await benchPostgres();
    if ('unavailable' in found) {
      console.log(`bench: load on PostgreSQL: not measured, ${found.unavailable}`);
      loads.push({ database: 'PostgreSQL', origin: '', fixture: null, runs: [], goals: null, error: `not measured: ${found.unavailable}` });
    } else {
      postgres = found;
      loads.push(await measureLoadOn('PostgreSQL', found.origin, found.url));
      postgres.stop();
      postgres = null;
    }
  }
  return loads;
}

async function main(): Promise<void> {
  // In process and CPU-bound: first, before the build and the servers load the machine.
  const agreement = parts.has('agreement') ? measureAgreement(Math.max(RUNS, 15), (line) => console.log(`bench: agreement ${line}`)) : null;
  const exported = parts.has('export') ? await measureExport((line) => console.log(`bench: export ${line}`), Number(process.env.BENCH_EXPORT_CLAIMS) || undefined) : null;

  const reanchor = parts.has('reanchor') ? measureReanchor(Math.max(RUNS, 15), (line) => console.log(`bench: reanchor ${line}`)) : null;

  process.env.NEXT_TELEMETRY_DISABLED = '1';
  if ([...parts].some((p) => p !== 'agreement' && p !== 'reanchor' && p !== 'export')) {
    const buildStatus = buildIfStale();
    if (buildStatus !== 0) throw new Error(`next build failed (exit ${buildStatus})`);
  }

  const pagesAndApi = parts.has('pages') || parts.has('api') ? await measurePagesAndApi() : null;
  const load = await measureLoads();

  const results: BenchResults = {
    date: new Date().toISOString(),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      os: `${os.type()} ${os.release()}`,
      node: process.versions.node,
      chromium: pagesAndApi?.chromium ?? '',
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg().map((l) => round(l, 2)),
    },
    article: pagesAndApi?.article ?? null,
    runs: RUNS,
    goal: pagesAndApi?.goal ?? null,
    pages: pagesAndApi?.pages ?? [],
    api: pagesAndApi?.api ?? [],
    load,
    agreement,
    reanchor,
    export: exported,
    durationS: round((performance.now() - started) / 1000),
  };
  const table = markdown(results);
  if (!complete) {
    console.log(`\n${table}\nNot written to bench/results (only ${[...parts].join(', ')} ran) in ${results.durationS} s.`);
    return;
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.md'), table);
  updateReadme(path.join(projectRoot, 'README.md'), table);
  console.log(`\n${table}\nWritten to ${path.relative(projectRoot, RESULTS_DIR)}/latest.json and latest.md, and into README.md, in ${results.durationS} s.`);
}

try {
  await main();
} catch (error) {
  console.error('bench failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  clearTimeout(deadline);
  await cleanUp();
}
