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
//     token), beside GET /api/health on the same server.
// Figures go to bench/results/latest.json and latest.md. Everything runs on
// 127.0.0.1 and stops within BENCH_TIMEOUT_S (default 20 minutes).
import { chromium, type Browser } from '@playwright/test';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../lib/config';
import { createDb } from '../lib/db/client';
import { createToken } from '../lib/services/tokens';
import { buildIfStale, nextBin, prepareDatabase } from '../scripts/prepare-app';
import { insertLargeArticle, largeArticleText, largeArticleUsers } from '../tests/fixtures/large-article';
import { get, measureEndpoint } from './api';
import { loadPage, observeLongTasks, PageError, type PageSample, type PageTarget } from './page';
import { markdown, type BenchResults, type PageFigures } from './report';
import { median, round } from './stats';

const RUNS = Math.min(20, Math.max(1, Number(process.env.BENCH_RUNS) || 5));
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S) || 20 * 60;
const PAGE_TIMEOUT_MS = 60_000;
const CLAIM_COUNTS = [1_000, 5_000] as const;
const VERDICTS_PER_CLAIM = 5;
const GOAL = { claims: 1_000, underMs: 1_500 };
const PASSWORD = 'bench password';
const RESULTS_DIR = path.join(projectRoot, 'bench', 'results');

const started = performance.now();
const loadBefore = os.loadavg().map((l) => round(l, 2));
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-bench-'));
let server: ChildProcess | null = null;
let staticServer: http.Server | null = null;
let browser: Browser | null = null;
const serverLog: string[] = [];

async function cleanUp(): Promise<void> {
  await browser?.close().catch(() => undefined);
  browser = null;
  staticServer?.close();
  staticServer = null;
  await stopServer();
  fs.rmSync(tmpDir, { recursive: true, force: true });
}

/** Stops the Next server and its children (its own process group), SIGKILL after 5 s. */
async function stopServer(): Promise<void> {
  const child = server;
  server = null;
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

const deadline = setTimeout(() => {
  console.error(`bench: still running after ${TIMEOUT_S} s; stopping.`);
  void cleanUp().finally(() => process.exit(1));
}, TIMEOUT_S * 1000);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = http.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server?.exitCode !== null) throw new Error(`the server exited:\n${serverLog.join('')}`);
    const ok = await get(`${base}/api/health`, {}, 2_000).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs / 1000} s:\n${serverLog.join('')}`);
}

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

async function main(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  const buildStatus = buildIfStale();
  if (buildStatus !== 0) throw new Error(`next build failed (exit ${buildStatus})`);

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
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [nextBin, 'start', '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: crypto.randomBytes(32).toString('base64url'), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  for (const stream of [server.stdout!, server.stderr!]) stream.on('data', (chunk: Buffer) => serverLog.push(chunk.toString()) > 200 && serverLog.shift());
  await waitForHealth(base, 60_000);

  // The static page, from here.
  const html = staticHtml('Banc d’essai : page statique', paragraphs);
  staticServer = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => staticServer!.listen(0, '127.0.0.1', resolve));
  const staticUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}/`;

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'fr-FR' });
  await observeLongTasks(context);
  // Signed in through Auth.js's own endpoints: the same session cookie the form gets.
  const csrf = (await (await context.request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  await context.request.post(`${base}/api/auth/callback/credentials`, {
    form: { csrfToken: csrf.csrfToken, email: reader.email, password: PASSWORD, callbackUrl: `${base}/` },
  });
  const session = (await (await context.request.get(`${base}/api/auth/session`)).json()) as { user?: { email?: string } } | null;
  if (session?.user?.email !== reader.email) throw new Error('could not sign in to Crux');

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

  // The API, from Node: bearer token, gzip accepted, one request at a time.
  const auth = { authorization: `Bearer ${token}` };
  const claimCount = (expected: number) => (body: string) => {
    const claims = (JSON.parse(body) as { claims?: unknown[] }).claims;
    return claims?.length === expected ? null : `answered ${claims?.length ?? 'no'} claims instead of ${expected}`;
  };
  const api: BenchResults['api'] = [
    { label: 'GET /api/health', ...(await measureEndpoint(`${base}/api/health`, { count: 30, warmUp: 3 })) },
  ];
  for (const a of articles.filter((a) => a.claims > 0)) {
    const figures = await measureEndpoint(`${base}/api/v1/articles/${a.id}/claims`, { count: a.claims >= 5_000 ? 15 : 10, warmUp: 2, headers: auth, check: claimCount(a.claims) });
    api.push({ label: `GET /api/v1/articles/:id/claims, ${a.claims.toLocaleString('en-US')} claims`, ...figures });
  }
  const biggest = articles.at(-1)!;
  api.push({
    label: `GET /api/v1/articles/:id/export?format=json&scope=all, ${biggest.claims.toLocaleString('en-US')} claims`,
    ...(await measureEndpoint(`${base}/api/v1/articles/${biggest.id}/export?format=json&scope=all`, { count: 5, warmUp: 1, headers: auth })),
  });

  const goalPage = pages.find((p) => p.claims === GOAL.claims);
  const results: BenchResults = {
    date: new Date().toISOString(),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      os: `${os.type()} ${os.release()}`,
      node: process.versions.node,
      chromium: browser.version(),
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg().map((l) => round(l, 2)),
    },
    article: { characters: text.length, paragraphs: paragraphs.length, verdictsPerClaim: VERDICTS_PER_CLAIM },
    runs: RUNS,
    goal: { ...GOAL, paintedMs: goalPage?.paintedMs ?? null, met: goalPage?.paintedMs != null && goalPage.paintedMs < GOAL.underMs && !goalPage.error },
    pages,
    api,
    durationS: round((performance.now() - started) / 1000),
  };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  const table = markdown(results);
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.md'), table);
  console.log(`\n${table}\nWritten to ${path.relative(projectRoot, RESULTS_DIR)}/latest.json and latest.md in ${results.durationS} s.`);
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
