// The load part of `npm run bench`: a newsroom's reviewers all at work on one
// article, against the production server.
//
// One connection per reviewer, each with their own bearer token, going round
// a fixed cycle of requests: reading claims (one claim, the article's whole
// list) and writing (their own verdict on a claim, with the version they last
// got back; a new claim on a passage nobody has marked). Beside it, in the
// same run, GET /api/health on the same server: what Next and the network
// cost with no work behind them.
//
// Two kinds of runs, because one cannot answer both questions:
//   - capacity (autocannon): every connection sends its next request as soon
//     as the last one is answered. The throughput is the server's capacity;
//     the latencies are mostly the wait in the queue of 50 (Little's law:
//     50 connections at 500 requests/s wait 100 ms on average whatever the
//     work), so they say little about a request's own cost.
//   - paced: each reviewer sends a request every 1/rate seconds, the
//     reviewers spread over that interval, whatever the answers; latency is
//     counted from when the request was due (a late answer delays the
//     reviewer's next request, and that delay counts too). This is where the
//     latency of each kind of request is read.
import autocannon from 'autocannon';
import http from 'node:http';
import { describeRange } from '../lib/anchoring/selectors';
import type { Db } from '../lib/db/client';
import { RATINGS } from '../lib/ratings';
import { deleteClaim } from '../lib/services/claims';
import type { Actor } from '../lib/services/context';
import { createToken } from '../lib/services/tokens';
import { insertLargeArticle, largeArticleText, largeArticleUsers } from '../tests/fixtures/large-article';
import { median, percentile, round } from './stats';

export type RequestKind = 'health' | 'claim' | 'claims' | 'verdict' | 'create';

export const KIND_LABELS: Record<RequestKind, string> = {
  health: 'GET /api/health',
  claim: 'GET /api/v1/claims/:id',
  claims: 'GET /api/v1/articles/:id/claims',
  verdict: 'PUT /api/v1/claims/:id/verdict',
  create: 'POST /api/v1/articles/:id/claims',
};

const WRITES: ReadonlySet<RequestKind> = new Set(['verdict', 'create']);

/**
 * Each reviewer's cycle of 20 requests: 16 reads and 4 writes (80 % / 20 %).
 * Reads: the article's list of claims once (what the workspace loads on
 * opening the article), then single claims, as a reviewer works claim by
 * claim. Writes: three verdicts and one new claim, never two writes in a row.
 */
const MIXED_CYCLE: RequestKind[] = [
  'claims', 'claim', 'verdict', 'claim', 'claim', 'claim', 'claim', 'verdict', 'claim', 'claim',
  'create', 'claim', 'claim', 'claim', 'claim', 'verdict', 'claim', 'claim', 'claim', 'claim',
];

export interface Scenario {
  name: 'health' | 'mixed' | 'reads' | 'writes';
  label: string;
  cycle: RequestKind[];
}

export const SCENARIOS: Record<Scenario['name'], Scenario> = {
  health: { name: 'health', label: 'baseline: GET /api/health', cycle: ['health'] },
  mixed: { name: 'mixed', label: 'mixed: 80 % reads, 20 % writes', cycle: MIXED_CYCLE },
  reads: { name: 'reads', label: 'reads only (the mix’s reads)', cycle: MIXED_CYCLE.filter((k) => !WRITES.has(k)) },
  writes: { name: 'writes', label: 'writes only (the mix’s writes)', cycle: MIXED_CYCLE.filter((k) => WRITES.has(k)) },
};

interface Reviewer {
  id: string;
  token: string;
  /** The version of this reviewer's verdict on each claim (absent: no verdict yet). */
  versions: Map<string, number>;
  /** The claims this reviewer gives verdicts on, in turn: their own share of the article. */
  assigned: string[];
  reads: number;
  writes: number;
}

export interface LoadFixture {
  articleId: string;
  text: string;
  claimIds: string[];
  verdicts: number;
  reviewers: Reviewer[];
  /** Deletes the claims a run created (restoreArticle). */
  editor: Actor;
  /** `start:end` of every live claim, so that new claims mark fresh passages. */
  marked: Set<string>;
  nextPassage: number;
}

const PASSWORD = 'bench password';

/**
 * The article (the ~200,000-character bench text) with `claims` claims, each
 * with a verdict from the first `verdictsPerClaim` reviewers and a source on
 * every third; `reviewers` reviewers, each with a personal access token
 * created through the token service. Each reviewer is assigned ten claims of
 * their own to give verdicts on, so their versions are theirs alone.
 */
export async function seedLoadFixture(db: Db, options: { claims: number; reviewers: number; verdictsPerClaim: number }): Promise<LoadFixture> {
  const users = await largeArticleUsers(db, PASSWORD, options.reviewers, 'load');
  const article = await insertLargeArticle(
    db,
    { editor: users.editor, reviewers: users.reviewers.slice(0, options.verdictsPerClaim) },
    { title: `Charge : ${options.claims} affirmations, ${options.reviewers} relectrices`, text: largeArticleText(), claims: options.claims },
  );
  const stored = await db.verdict.findMany({ where: { claim: { articleId: article.id } }, select: { claimId: true, reviewerId: true, version: true } });
  const claims = await db.claim.findMany({ where: { articleId: article.id }, select: { start: true, end: true } });
  const reviewers: Reviewer[] = [];
  for (const [r, user] of users.reviewers.entries()) {
    const { token } = await createToken(db, user.id, { name: 'load bench' });
    const versions = new Map(stored.filter((v) => v.reviewerId === user.id).map((v) => [v.claimId, v.version]));
    const assigned = Array.from({ length: 10 }, (_, k) => article.claimIds[(r * 10 + k * 7) % article.claimIds.length]!);
    reviewers.push({ id: user.id, token, versions, assigned: [...new Set(assigned)], reads: r * 13, writes: 0 });
  }
  return {
    articleId: article.id,
    text: article.text,
    claimIds: article.claimIds,
    verdicts: stored.length,
    reviewers,
    editor: users.editor,
    marked: new Set(claims.map((c) => `${c.start}:${c.end}`)),
    nextPassage: 0,
  };
}

/** A passage nobody has marked: 15 to 44 characters, spread over the text. */
function freshPassage(fixture: LoadFixture): { start: number; end: number } {
  const span = fixture.text.length - 100;
  for (;;) {
    const n = fixture.nextPassage++;
    const start = (n * 7_919 + 50) % span;
    const end = start + 15 + (n % 30);
    const key = `${start}:${end}`;
    if (fixture.marked.has(key)) continue;
    fixture.marked.add(key);
    return { start, end };
  }
}

/** What one request is, as planned for a reviewer, and what its answer changes. */
interface PlannedRequest {
  kind: RequestKind;
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  body?: string;
  /** Keeps the reviewer's state in step with the answer (a verdict's version, a claim created). */
  answered(status: number, body: string): void;
}

/** The next request of this kind for this reviewer. */
function plan(fixture: LoadFixture, reviewer: Reviewer, kind: RequestKind): PlannedRequest {
  const none = () => undefined;
  switch (kind) {
    case 'health':
      return { kind, method: 'GET', path: '/api/health', answered: none };
    case 'claims':
      return { kind, method: 'GET', path: `/api/v1/articles/${fixture.articleId}/claims`, answered: none };
    case 'claim':
      return { kind, method: 'GET', path: `/api/v1/claims/${fixture.claimIds[(reviewer.reads++ * 37) % fixture.claimIds.length]}`, answered: none };
    case 'verdict': {
      const claimId = reviewer.assigned[reviewer.writes++ % reviewer.assigned.length]!;
      const body = {
        rating: RATINGS[(reviewer.writes + claimId.length) % RATINGS.length],
        rationale: `Vérifié d’après la déclaration conjointe et le compte rendu de séance (passage ${reviewer.writes}).`,
        sources: [{ url: `https://example.org/sources/${claimId}`, title: 'Compte rendu de séance', stance: 'context' }],
        // The version last read back; none before the reviewer's first verdict on the claim.
        version: reviewer.versions.get(claimId),
      };
      return {
        kind,
        method: 'PUT',
        path: `/api/v1/claims/${claimId}/verdict`,
        body: JSON.stringify(body),
        answered: (status, text) => trackVerdictVersion(reviewer, claimId, status, text),
      };
    }
    case 'create': {
      const { start, end } = freshPassage(fixture);
      const { exact } = describeRange(fixture.text, start, end);
      return {
        kind,
        method: 'POST',
        path: `/api/v1/articles/${fixture.articleId}/claims`,
        body: JSON.stringify({ exact, start, end }),
        answered: none,
      };
    }
  }
}

/** Keeps the reviewer's version of their verdict in step with the server's answer. */
function trackVerdictVersion(reviewer: Reviewer, claimId: string, status: number, body: string): void {
  try {
    if (status === 200 || status === 201) {
      const version = (JSON.parse(body) as { version?: unknown }).version;
      if (typeof version === 'number') reviewer.versions.set(claimId, version);
    } else if (status === 409) {
      // A stale version (which this bench should never send): take the server's, as a client would after showing the conflict.
      const current = (JSON.parse(body) as { error?: { params?: { current?: unknown } } }).error?.params?.current;
      if (current === 0) reviewer.versions.delete(claimId);
      else if (typeof current === 'number') reviewer.versions.set(claimId, current);
    }
  } catch {
    // Not JSON: counted as an error by its status already.
  }
}

const headersFor = (reviewer: Reviewer, request: PlannedRequest): Record<string, string> =>
  request.kind === 'health'
    ? {}
    : { authorization: `Bearer ${reviewer.token}`, ...(request.body ? { 'content-type': 'application/json' } : {}) };

export interface KindFigures {
  kind: RequestKind;
  label: string;
  requests: number;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Answers that are neither 2xx nor 409. */
  errors: number;
  conflicts: number;
  /** Answers per HTTP status. */
  statuses: Record<string, number>;
}

export interface GroupFigures {
  requests: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface RunFigures {
  name: Scenario['name'];
  /** capacity: as fast as answers come (autocannon); paced: `rate` requests per second per reviewer. */
  pace: 'capacity' | 'paced';
  label: string;
  connections: number;
  /** Requests per second per reviewer, for a paced run. */
  rate: number | null;
  durationS: number;
  requests: number;
  /** Answers per second, 409s included. */
  throughput: number;
  /** throughput over the baseline's (the mean of its runs before and after the others), in the same run. */
  vsBaseline: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Answers that are neither 2xx nor 409, plus requests that got no answer (connection errors, timeouts). */
  errors: number;
  conflicts: number;
  /** Requests that got no answer. */
  networkErrors: number;
  reads: GroupFigures | null;
  writes: GroupFigures | null;
  byKind: KindFigures[];
  /** A few error answers, as the server gave them. */
  sampleErrors: string[];
}

function latencyFigures(samples: number[]): { p50Ms: number | null; p99Ms: number | null } {
  return samples.length
    ? { p50Ms: round(percentile(samples, 50), 1), p99Ms: round(percentile(samples, 99), 1) }
    : { p50Ms: null, p99Ms: null };
}

/**
 * A request without an answer this long is an error. Not autocannon's 10 s:
 * 50 connections opened at once against a saturated Node server are taken
 * in one at a time, each after a turn of the event loop (a plain Node server
 * doing 10 ms of work per request took 2.6 s to answer the last one's first
 * request; Crux, up to 10 s) — an artefact of the load generator, since a
 * proxy keeps its connections to the instances open (nginx waits 60 s).
 */
const ANSWER_TIMEOUT_S = 30;

const isError = (status: number) => !(status >= 200 && status < 300) && status !== 409;

/** Latencies and statuses per kind of request, and a few error answers. */
class Recorder {
  private latencies = new Map<RequestKind, number[]>();
  private statuses = new Map<RequestKind, Map<number, number>>();
  readonly sampleErrors: string[] = [];
  networkErrors = 0;

  /**
   * An answer. `opening`: the first on its connection, which also waited for
   * the connection to be accepted — under a saturated server, seconds for the
   * last of 50 connections opened at once, even for a plain Node server. Its
   * status counts; its latency does not (a proxy keeps its connections to the
   * instances open).
   */
  answer(kind: RequestKind, status: number, ms: number, body: string, opening = false): void {
    if (!opening) (this.latencies.get(kind) ?? this.latencies.set(kind, []).get(kind)!).push(ms);
    const counts = this.statuses.get(kind) ?? this.statuses.set(kind, new Map()).get(kind)!;
    counts.set(status, (counts.get(status) ?? 0) + 1);
    if (isError(status) && this.sampleErrors.length < 5) this.sampleErrors.push(`${KIND_LABELS[kind]}: HTTP ${status} ${body.slice(0, 200)}`);
  }

  noAnswer(kind: RequestKind, error: string): void {
    this.networkErrors++;
    if (this.sampleErrors.length < 5) this.sampleErrors.push(`${KIND_LABELS[kind]}: ${error}`);
  }

  figures(scenario: Scenario, pace: RunFigures['pace'], options: { connections: number; rate: number | null }, elapsedS: number): RunFigures {
    const byKind: KindFigures[] = [...new Set(scenario.cycle)].map((kind) => {
      const counts = [...(this.statuses.get(kind) ?? new Map<number, number>())].sort(([a], [b]) => a - b);
      return {
        kind,
        label: KIND_LABELS[kind],
        requests: counts.reduce((sum, [, n]) => sum + n, 0),
        ...latencyFigures(this.latencies.get(kind) ?? []),
        errors: counts.filter(([s]) => isError(s)).reduce((sum, [, n]) => sum + n, 0),
        conflicts: counts.filter(([s]) => s === 409).reduce((sum, [, n]) => sum + n, 0),
        statuses: Object.fromEntries(counts.map(([s, n]) => [String(s), n])),
      };
    });
    const group = (kinds: RequestKind[]): GroupFigures | null => {
      const samples = kinds.flatMap((k) => this.latencies.get(k) ?? []);
      const requests = byKind.filter((k) => kinds.includes(k.kind)).reduce((sum, k) => sum + k.requests, 0);
      return requests ? { requests, ...latencyFigures(samples) } : null;
    };
    const kinds = [...this.statuses.keys()];
    const requests = byKind.reduce((sum, k) => sum + k.requests, 0);
    return {
      name: scenario.name,
      pace,
      label: scenario.label,
      connections: options.connections,
      rate: options.rate,
      durationS: round(elapsedS, 1),
      requests,
      throughput: round(requests / elapsedS, 1),
      vsBaseline: null,
      ...latencyFigures(kinds.flatMap((k) => this.latencies.get(k) ?? [])),
      errors: byKind.reduce((sum, k) => sum + k.errors, 0) + this.networkErrors,
      conflicts: byKind.reduce((sum, k) => sum + k.conflicts, 0),
      networkErrors: this.networkErrors,
      reads: scenario.name === 'health' ? null : group(kinds.filter((k) => !WRITES.has(k))),
      writes: group(kinds.filter((k) => WRITES.has(k))),
      byKind,
      sampleErrors: this.sampleErrors,
    };
  }
}

/** Reviewer i's cycle, started at its own point so that the lists and writes of all reviewers do not land at once. */
function cycleFor(scenario: Scenario, index: number): RequestKind[] {
  const offset = (index * 7) % scenario.cycle.length;
  return [...scenario.cycle.slice(offset), ...scenario.cycle.slice(0, offset)];
}

/**
 * A capacity run with autocannon: `connections` connections (reviewer i on
 * connection i) for `durationS` seconds, each sending its next request as
 * soon as the last is answered.
 */
export async function runCapacity(
  base: string,
  fixture: LoadFixture,
  scenario: Scenario,
  options: { connections: number; durationS: number },
): Promise<RunFigures> {
  const recorder = new Recorder();
  let clientIndex = 0;
  const started = performance.now();
  const result = await autocannon({
    url: base,
    connections: options.connections,
    duration: options.durationS,
    timeout: ANSWER_TIMEOUT_S,
    setupClient: (client) => {
      const index = clientIndex++;
      const reviewer = fixture.reviewers[index % fixture.reviewers.length]!;
      // The request in flight on this connection (one at a time: no pipelining).
      let current: PlannedRequest | null = null;
      let answer: { status: number; body: string } = { status: 0, body: '' };
      client.setRequests(
        cycleFor(scenario, index).map((kind) => ({
          setupRequest: (req: autocannon.Request) => {
            current = plan(fixture, reviewer, kind);
            return { ...req, method: current.method, path: current.path, headers: headersFor(reviewer, current), body: current.body ?? '' };
          },
          onResponse: (status: number, body: string) => {
            answer = { status, body };
            current?.answered(status, body);
          },
        })),
      );
      // onResponse (above) runs just before this event, for the same answer.
      let answers = 0;
      client.on('response', (status: number, _bytes: number, ms: number) => {
        if (current) recorder.answer(current.kind, status, ms, status === answer.status ? answer.body : '', answers === 0);
        answers++;
      });
      // No answer: autocannon drops the connection and goes on with the next request (events its types leave out).
      const events = client as NodeJS.EventEmitter;
      events.on('timeout', () => current && recorder.noAnswer(current.kind, `no answer within ${ANSWER_TIMEOUT_S} s`));
      events.on('connError', (error: Error) => current && recorder.noAnswer(current.kind, error.message));
    },
  });
  const elapsedS = Math.max(result.duration, (performance.now() - started) / 1000);
  return recorder.figures(scenario, 'capacity', { connections: options.connections, rate: null }, elapsedS);
}

/**
 * A paced run: each of `connections` reviewers sends `rate` requests per
 * second on their own keep-alive connection, the reviewers' first requests
 * spread over the first interval. A request is sent when due, or as soon as
 * the reviewer's previous one is answered if that is later; its latency runs
 * from when it was due, so a slow server cannot hide its slowness by slowing
 * the reviewers down (coordinated omission).
 */
export async function runPaced(
  base: string,
  fixture: LoadFixture,
  scenario: Scenario,
  options: { connections: number; rate: number; durationS: number },
): Promise<RunFigures> {
  const recorder = new Recorder();
  const url = new URL(base);
  const intervalMs = 1000 / options.rate;
  const started = performance.now();
  const until = started + options.durationS * 1000;
  const send = (agent: http.Agent, reviewer: Reviewer, request: PlannedRequest, dueAt: number, opening: boolean) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        { host: url.hostname, port: url.port, method: request.method, path: request.path, headers: headersFor(reviewer, request), agent, timeout: ANSWER_TIMEOUT_S * 1000 },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            const status = response.statusCode ?? 0;
            request.answered(status, body);
            recorder.answer(request.kind, status, performance.now() - dueAt, body, opening);
            resolve();
          });
          response.on('error', (error) => {
            recorder.noAnswer(request.kind, error.message);
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_S} s`)));
      req.on('error', (error) => {
        recorder.noAnswer(request.kind, error.message);
        resolve();
      });
      req.end(request.body);
    });
  const reviewerLoop = async (index: number) => {
    const reviewer = fixture.reviewers[index % fixture.reviewers.length]!;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const cycle = cycleFor(scenario, index);
    try {
      for (let k = 0; ; k++) {
        const dueAt = started + (index / options.connections + k) * intervalMs;
        if (dueAt >= until) break;
        const wait = dueAt - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        await send(agent, reviewer, plan(fixture, reviewer, cycle[k % cycle.length]!), dueAt, k === 0);
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, i) => reviewerLoop(i)));
  const elapsedS = (performance.now() - started) / 1000;
  return recorder.figures(scenario, 'paced', { connections: options.connections, rate: options.rate }, elapsedS);
}

/**
 * Waits (at most 30 s) until the server answers /api/health within 50 ms
 * three times in a row: autocannon ends a run by dropping its connections,
 * and the requests the server had already taken must not weigh on the next run.
 */
async function settle(base: string): Promise<void> {
  const until = performance.now() + 30_000;
  let quick = 0;
  while (quick < 3 && performance.now() < until) {
    const started = performance.now();
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get(`${base}/api/health`, { timeout: 5_000 }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode === 200));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
    });
    quick = ok && performance.now() - started < 50 ? quick + 1 : 0;
    if (quick < 3) await new Promise((r) => setTimeout(r, 100));
  }
}

export interface LoadFigures {
  database: 'SQLite' | 'PostgreSQL';
  /** Where the database came from (a temporary file, a throwaway cluster, CRUX_BENCH_POSTGRES_URL). */
  origin: string;
  /** mostClaims: the most the article held at the end of a run (each starts from the seeded claims: restoreArticle). */
  fixture: { claims: number; mostClaims: number; reviewers: number; verdicts: number; characters: number } | null;
  runs: RunFigures[];
  goals: { zeroErrors: boolean; writesP99Ms: number | null; writesP99Met: boolean; mixedVsBaseline: number | null; mixedThroughputMet: boolean } | null;
  /** Why the load could not be measured on this database. */
  error?: string;
}

/** Seconds of each warm-up run (the baseline's and the mix's). */
export const WARM_UP_S = 3;

export const LOAD_GOALS = { writesP99UnderMs: 100, mixedVsBaselineAtLeast: 0.5 } as const;

/** Capacity runs of the mix, each between two baselines; the goal reads their median ratio. */
export const MIX_RUNS = 3;

export interface LoadOptions {
  claims: number;
  reviewers: number;
  verdictsPerClaim: number;
  /** Seconds per capacity run (each baseline run: half as long). */
  durationS: number;
  /** Requests per second per reviewer in the paced run. */
  pacedRate: number;
  /** Prepares (migrates) the database and returns a client to seed it with; disconnected afterwards. */
  prepare: () => Promise<Db>;
  /** Starts the production server on the database. */
  start: () => Promise<{ base: string; stop: () => Promise<void>; logTail: () => string }>;
  log: (line: string) => void;
}

/**
 * The whole load measurement on one database: seed, start the server, warm
 * up, then the capacity runs (the reads, the mix MIX_RUNS times and the writes, each between two
 * runs of the baseline) and the paced mix. The server is stopped on the way out.
 */
export async function measureLoad(database: LoadFigures['database'], origin: string, options: LoadOptions): Promise<LoadFigures> {
  const db = await options.prepare();
  let server: { base: string; stop: () => Promise<void>; logTail: () => string } | null = null;
  try {
    const seeded = Date.now();
    const fixture = await seedLoadFixture(db, options);
    options.log(`${database}: ${options.claims} claims, ${fixture.verdicts} verdicts, ${options.reviewers} reviewers with tokens, in ${Date.now() - seeded} ms`);
    server = await options.start();
    return await measureOn(server, db, fixture, database, origin, options);
  } finally {
    await server?.stop();
    await db.$disconnect();
  }
}

/**
 * Each reviewer's verdict versions as the database has them. A run ends with
 * requests in flight whose answers nobody reads: the versions they bumped
 * would come back as 409s at the start of the next run.
 */
async function resyncVersions(db: Db, fixture: LoadFixture): Promise<void> {
  const rows = await db.verdict.findMany({
    where: { claim: { articleId: fixture.articleId }, reviewerId: { in: fixture.reviewers.map((r) => r.id) } },
    select: { claimId: true, reviewerId: true, version: true },
  });
  for (const reviewer of fixture.reviewers) {
    reviewer.versions = new Map(rows.filter((v) => v.reviewerId === reviewer.id).map((v) => [v.claimId, v.version]));
  }
}

/**
 * The article back to its seeded claims: the claims the runs so far created are deleted, through
 * the claim service as an editor deletes them (every instance's kept list follows from the
 * events). Each cycle of twenty adds a claim, some 300 to 600 a capacity run and 1,200 in the
 * writes' run: without this, the three runs of the mix measured three articles, each larger
 * than the last (600, 940 and 1,250 claims in a run at 1,250 health checks a second), and
 * the claims list that every reviewer reads grew with them.
 */
async function restoreArticle(db: Db, fixture: LoadFixture): Promise<number> {
  const seeded = new Set(fixture.claimIds);
  const live = await db.claim.findMany({ where: { articleId: fixture.articleId, deletedAt: null }, select: { id: true } });
  for (const { id } of live) if (!seeded.has(id)) await deleteClaim({ db, actor: fixture.editor }, id);
  return live.length;
}

async function measureOn(
  server: { base: string; logTail: () => string },
  db: Db,
  fixture: LoadFixture,
  database: LoadFigures['database'],
  origin: string,
  options: LoadOptions,
): Promise<LoadFigures> {
  const connections = options.reviewers;
  // Loads every route and warms the JIT, the server's and the load generator's, at full load: not counted.
  // (Cold, the first seconds of a run answered /api/health at half the rate, with a p99 over 2 s.)
  for (const scenario of [SCENARIOS.health, SCENARIOS.mixed]) await runCapacity(server.base, fixture, scenario, { connections, durationS: WARM_UP_S });
  const runs: RunFigures[] = [];
  const report = (run: RunFigures) => {
    options.log(
      `${database}: ${run.label}, ${run.pace === 'paced' ? `${run.rate}/s per reviewer` : 'capacity'}: ${run.throughput} req/s, ` +
        `p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms (writes: ${run.writes?.p99Ms ?? '—'} ms), ${run.errors} errors, ${run.conflicts} × 409`,
    );
    for (const k of run.byKind) options.log(`  ${k.label}: ${k.requests} answered, p50 ${k.p50Ms} ms, p99 ${k.p99Ms} ms`);
    for (const e of run.sampleErrors) options.log(`  ${e}`);
    // What the server said about its 5xx answers.
    if (run.byKind.some((k) => Object.keys(k.statuses).some((s) => s.startsWith('5')))) {
      const errors = server.logTail().split('\n').filter((line) => /error/i.test(line));
      for (const line of errors.slice(-5)) options.log(`  server: ${line.slice(0, 300)}`);
    }
    runs.push(run);
  };
  let mostClaims = 0;
  const ready = async () => {
    await settle(server.base);
    mostClaims = Math.max(mostClaims, await restoreArticle(db, fixture));
    await resyncVersions(db, fixture);
  };
  // Each capacity run sits between two runs of the baseline and is compared with their mean:
  // this machine's speed drifts by a fifth within a minute (/api/health answered 552 and then 675
  // requests/s in two runs 5 s apart), and runs of the same build minutes apart put the mix at
  // × 0.41 and × 0.51 of /api/health. The mix runs MIX_RUNS times; its figure is their median.
  const baselineS = options.durationS / 2;
  const measured = [SCENARIOS.reads, ...Array.from({ length: MIX_RUNS }, () => SCENARIOS.mixed), SCENARIOS.writes];
  const baseline = async () => {
    await ready();
    report(await runCapacity(server.base, fixture, SCENARIOS.health, { connections, durationS: baselineS }));
  };
  await baseline();
  let mixes = 0;
  for (const scenario of measured) {
    await ready();
    const run = await runCapacity(server.base, fixture, scenario, { connections, durationS: options.durationS });
    report(scenario === SCENARIOS.mixed ? { ...run, label: `${run.label}, run ${++mixes} of ${MIX_RUNS}` } : run);
    await baseline();
  }
  await ready();
  report(await runPaced(server.base, fixture, SCENARIOS.mixed, { connections, rate: options.pacedRate, durationS: options.durationS * 2 }));
  await settle(server.base);
  mostClaims = Math.max(mostClaims, await db.claim.count({ where: { articleId: fixture.articleId, deletedAt: null } }));
  // The capacity runs alternate: the baseline, another, the baseline, … Each other run is set
  // against the two baselines around it, a baseline against the mean of them all.
  const capacity = runs.filter((r) => r.pace === 'capacity');
  const baselines = capacity.filter((r) => r.name === 'health').map((r) => r.throughput);
  const mean = (values: number[]) => values.reduce((sum, t) => sum + t, 0) / values.length;
  capacity.forEach((run, i) => {
    const around = run.name === 'health' ? mean(baselines) : mean([capacity[i - 1]!.throughput, capacity[i + 1]!.throughput]);
    run.vsBaseline = around ? round(run.throughput / around, 2) : null;
  });
  const mixRatios = capacity.filter((r) => r.name === 'mixed').map((r) => r.vsBaseline);
  const mixedVsBaseline = mixRatios.includes(null) ? null : round(median(mixRatios as number[]), 2);
  const paced = runs.find((r) => r.pace === 'paced')!;
  const writesP99Ms = paced.writes?.p99Ms ?? null;
  return {
    database,
    origin,
    fixture: { claims: options.claims, mostClaims, reviewers: options.reviewers, verdicts: fixture.verdicts, characters: fixture.text.length },
    runs,
    goals: {
      zeroErrors: runs.every((r) => r.errors === 0),
      writesP99Ms,
      writesP99Met: writesP99Ms !== null && writesP99Ms < LOAD_GOALS.writesP99UnderMs,
      mixedVsBaseline,
      mixedThroughputMet: mixedVsBaseline !== null && mixedVsBaseline >= LOAD_GOALS.mixedVsBaselineAtLeast,
    },
  };
}
