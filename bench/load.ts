// The load part of `npm run bench`: a newsroom's reviewers all at work on one
// article, against the production server, with autocannon.
//
// One connection per reviewer, each with their own bearer token, going round
// a fixed cycle of requests: reading claims (one claim, the article's whole
// list) and writing (their own verdict on a claim, with the version they last
// got back; a new claim on a passage nobody has marked). Beside it, in the
// same run, GET /api/health on the same server: what Next and the network
// cost with no work behind them.
import autocannon from 'autocannon';
import { describeRange } from '../lib/anchoring/selectors';
import type { Db } from '../lib/db/client';
import { RATINGS } from '../lib/ratings';
import { createToken } from '../lib/services/tokens';
import { insertLargeArticle, largeArticleText, largeArticleUsers } from '../tests/fixtures/large-article';
import { percentile, round } from './stats';

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
  /** `start:end` of every live claim, so that new claims mark fresh passages. */
  marked: Set<string>;
  nextPassage: number;
  /** Claims created during the runs. */
  created: number;
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
    marked: new Set(claims.map((c) => `${c.start}:${c.end}`)),
    nextPassage: 0,
    created: 0,
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
  label: string;
  connections: number;
  durationS: number;
  requests: number;
  /** Answers per second, 409s included. */
  throughput: number;
  /** throughput over the baseline's, in the same run. */
  vsBaseline: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Answers that are neither 2xx nor 409, plus connection errors and timeouts. */
  errors: number;
  conflicts: number;
  /** Connection errors and timeouts (no answer at all). */
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

const isError = (status: number) => !(status >= 200 && status < 300) && status !== 409;

/**
 * Runs one scenario: `connections` connections (reviewer i on connection i),
 * for `durationS` seconds, each going round the scenario's cycle from its own
 * starting point so that the lists and writes do not all land at once.
 */
export async function runScenario(
  base: string,
  fixture: LoadFixture,
  scenario: Scenario,
  options: { connections: number; durationS: number },
): Promise<RunFigures> {
  const latencies = new Map<RequestKind, number[]>();
  const statuses = new Map<RequestKind, Map<number, number>>();
  const sampleErrors: string[] = [];
  let clientIndex = 0;

  const request = (reviewer: Reviewer, kind: RequestKind, answered: { kind: RequestKind }): autocannon.Request => {
    const auth = { authorization: `Bearer ${reviewer.token}`, 'content-type': 'application/json' };
    const onResponse = (status: number, body: string) => {
      answered.kind = kind;
      if (isError(status) && sampleErrors.length < 5) sampleErrors.push(`${KIND_LABELS[kind]}: HTTP ${status} ${body.slice(0, 200)}`);
      if (kind === 'verdict') trackVerdictVersion(reviewer, pendingClaim.get(reviewer)!, status, body);
      if (kind === 'create' && status === 201) fixture.created++;
    };
    switch (kind) {
      case 'health':
        return { method: 'GET', path: '/api/health', setupRequest: (req) => req, onResponse };
      case 'claims':
        return { method: 'GET', path: `/api/v1/articles/${fixture.articleId}/claims`, headers: auth, setupRequest: (req) => req, onResponse };
      case 'claim':
        return {
          method: 'GET',
          headers: auth,
          setupRequest: (req) => ({ ...req, path: `/api/v1/claims/${fixture.claimIds[(reviewer.reads++ * 37) % fixture.claimIds.length]}` }),
          onResponse,
        };
      case 'verdict':
        return {
          method: 'PUT',
          headers: auth,
          setupRequest: (req) => {
            const claimId = reviewer.assigned[reviewer.writes++ % reviewer.assigned.length]!;
            pendingClaim.set(reviewer, claimId);
            const rating = RATINGS[(reviewer.writes + claimId.length) % RATINGS.length];
            const body = {
              rating,
              rationale: `Vérifié d’après la déclaration conjointe et le compte rendu de séance (passage ${reviewer.writes}).`,
              sources: [{ url: `https://example.org/sources/${claimId}`, title: 'Compte rendu de séance', stance: 'context' }],
              // The version last read back; none before the reviewer's first verdict on the claim.
              version: reviewer.versions.get(claimId),
            };
            return { ...req, path: `/api/v1/claims/${claimId}/verdict`, body: JSON.stringify(body) };
          },
          onResponse,
        };
      case 'create':
        return {
          method: 'POST',
          headers: auth,
          setupRequest: (req) => {
            const { start, end } = freshPassage(fixture);
            const { exact } = describeRange(fixture.text, start, end);
            return { ...req, path: `/api/v1/articles/${fixture.articleId}/claims`, body: JSON.stringify({ exact, start, end }) };
          },
          onResponse,
        };
    }
  };
  const pendingClaim = new Map<Reviewer, string>();

  const started = performance.now();
  const result = await autocannon({
    url: base,
    connections: options.connections,
    duration: options.durationS,
    timeout: 10,
    setupClient: (client) => {
      const index = clientIndex++;
      const reviewer = fixture.reviewers[index % fixture.reviewers.length]!;
      const answered = { kind: scenario.cycle[0]! };
      const offset = (index * 7) % scenario.cycle.length;
      const cycle = [...scenario.cycle.slice(offset), ...scenario.cycle.slice(0, offset)];
      client.setRequests(cycle.map((kind) => request(reviewer, kind, answered)));
      // onResponse (above) runs just before this event, for the same answer.
      client.on('response', (status: number, _bytes: number, ms: number) => {
        const kind = answered.kind;
        (latencies.get(kind) ?? latencies.set(kind, []).get(kind)!).push(ms);
        const counts = statuses.get(kind) ?? statuses.set(kind, new Map()).get(kind)!;
        counts.set(status, (counts.get(status) ?? 0) + 1);
      });
    },
  });
  const elapsedS = Math.max(result.duration, (performance.now() - started) / 1000);

  const byKind: KindFigures[] = [...new Set(scenario.cycle)].map((kind) => {
    const counts = [...(statuses.get(kind) ?? new Map<number, number>())];
    return {
      kind,
      label: KIND_LABELS[kind],
      requests: counts.reduce((sum, [, n]) => sum + n, 0),
      ...latencyFigures(latencies.get(kind) ?? []),
      errors: counts.filter(([s]) => isError(s)).reduce((sum, [, n]) => sum + n, 0),
      conflicts: counts.filter(([s]) => s === 409).reduce((sum, [, n]) => sum + n, 0),
      statuses: Object.fromEntries(counts.sort(([a], [b]) => a - b).map(([s, n]) => [String(s), n])),
    };
  });
  const group = (kinds: RequestKind[]): GroupFigures | null => {
    const samples = kinds.flatMap((k) => latencies.get(k) ?? []);
    return samples.length ? { requests: samples.length, ...latencyFigures(samples) } : null;
  };
  const kinds = [...latencies.keys()];
  const requests = byKind.reduce((sum, k) => sum + k.requests, 0);
  const networkErrors = result.errors + result.timeouts;
  return {
    name: scenario.name,
    label: scenario.label,
    connections: options.connections,
    durationS: round(elapsedS, 1),
    requests,
    throughput: round(requests / elapsedS, 1),
    vsBaseline: null,
    ...latencyFigures(kinds.flatMap((k) => latencies.get(k)!)),
    errors: byKind.reduce((sum, k) => sum + k.errors, 0) + networkErrors,
    conflicts: byKind.reduce((sum, k) => sum + k.conflicts, 0),
    networkErrors,
    reads: scenario.name === 'health' ? null : group(kinds.filter((k) => !WRITES.has(k))),
    writes: group(kinds.filter((k) => WRITES.has(k))),
    byKind,
    sampleErrors,
  };
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

export interface LoadFigures {
  database: 'SQLite' | 'PostgreSQL';
  /** Where the database came from (a temporary file, a throwaway cluster, CRUX_BENCH_POSTGRES_URL). */
  origin: string;
  fixture: { claims: number; claimsAfter: number; reviewers: number; verdicts: number; characters: number } | null;
  runs: RunFigures[];
  goals: { zeroErrors: boolean; writesP99Ms: number | null; writesP99Met: boolean; mixedVsBaseline: number | null; mixedThroughputMet: boolean } | null;
  /** Why the load could not be measured on this database. */
  error?: string;
}

export const LOAD_GOALS = { writesP99UnderMs: 100, mixedVsBaselineAtLeast: 0.5 } as const;

export interface LoadOptions {
  claims: number;
  reviewers: number;
  verdictsPerClaim: number;
  durationS: number;
  /** Prepares (migrates) the database and returns a client to seed it with; disconnected afterwards. */
  prepare: () => Promise<Db>;
  /** Starts the production server on the database. */
  start: () => Promise<{ base: string; stop: () => Promise<void> }>;
  log: (line: string) => void;
}

/**
 * The whole load measurement on one database: seed, start the server, warm
 * up, then the baseline, the reads, the mix and the writes in turn, each for
 * `durationS` (the mix twice as long). The server is stopped on the way out.
 */
export async function measureLoad(database: LoadFigures['database'], origin: string, options: LoadOptions): Promise<LoadFigures> {
  const db = await options.prepare();
  let fixture: LoadFixture;
  try {
    const seeded = Date.now();
    fixture = await seedLoadFixture(db, options);
    options.log(`${database}: ${options.claims} claims, ${fixture.verdicts} verdicts, ${options.reviewers} reviewers with tokens, in ${Date.now() - seeded} ms`);
  } finally {
    await db.$disconnect();
  }
  const server = await options.start();
  try {
    const connections = options.reviewers;
    // Loads every route and warms the JIT; not counted.
    await runScenario(server.base, fixture, SCENARIOS.mixed, { connections: 10, durationS: 3 });
    const runs: RunFigures[] = [];
    for (const [scenario, durationS] of [
      [SCENARIOS.health, options.durationS],
      [SCENARIOS.reads, options.durationS],
      [SCENARIOS.mixed, options.durationS * 2],
      [SCENARIOS.writes, options.durationS],
    ] as const) {
      const run = await runScenario(server.base, fixture, scenario, { connections, durationS });
      options.log(`${database}: ${run.label}: ${run.throughput} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${run.errors} errors, ${run.conflicts} × 409`);
      for (const e of run.sampleErrors) options.log(`  ${e}`);
      runs.push(run);
    }
    const baseline = runs[0]!.throughput;
    for (const run of runs) run.vsBaseline = baseline ? round(run.throughput / baseline, 2) : null;
    const mixed = runs.find((r) => r.name === 'mixed')!;
    const writesP99Ms = mixed.writes?.p99Ms ?? null;
    return {
      database,
      origin,
      fixture: { claims: options.claims, claimsAfter: options.claims + fixture.created, reviewers: options.reviewers, verdicts: fixture.verdicts, characters: fixture.text.length },
      runs,
      goals: {
        zeroErrors: runs.every((r) => r.errors === 0),
        writesP99Ms,
        writesP99Met: writesP99Ms !== null && writesP99Ms < LOAD_GOALS.writesP99UnderMs,
        mixedVsBaseline: mixed.vsBaseline,
        mixedThroughputMet: mixed.vsBaseline !== null && mixed.vsBaseline >= LOAD_GOALS.mixedVsBaselineAtLeast,
      },
    };
  } finally {
    await server.stop();
  }
}
