// No acknowledged write lost: production server processes (`next start` of the
// built app) take a burst of concurrent claim and verdict writes through the
// REST API (bearer tokens) and are killed with SIGKILL in the middle of it, with
// requests in flight; restarted on the same database, every write that was
// answered 2xx is there — the claim, each verdict at the version acknowledged
// (or a later one that was in flight), with its content, and its history in order.
// Several rounds: each restart must also keep everything acknowledged before.
//
// SQLite runs in WAL mode with synchronous=NORMAL (lib/db/sqlite.ts). There a
// COMMIT returns once the transaction's pages are written to the -wal file —
// handed to the operating system, not yet forced to the disk (fsync happens at
// checkpoints). A killed process loses nothing the system already holds: the
// next connection replays the -wal file. What NORMAL gives up is durability
// across a power cut or an operating-system crash, which may roll back the last
// transactions committed before it (the file stays consistent); SIGKILL, an
// out-of-memory kill or a crash of Node cannot. This test shows the process-kill
// half (the -wal file still holds commits when the process dies); the power-cut
// half is SQLite's documented trade, not something a test here can show.
//
// On PostgreSQL the database server is a process of its own, run here as in
// production (fsync and synchronous_commit on: lib/db/throwaway-postgres.ts
// `durable`): one round kills Crux's server, one kills PostgreSQL under the
// running Crux (which must find it again once restarted), one kills both.
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../../lib/db/client';
import { createDatabase } from '../../lib/db/postgresql-databases';
import { applyPendingMigrations } from '../../lib/db/schema-engine';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../lib/db/throwaway-postgres';
import { createToken } from '../../lib/services/tokens';
import { upsertUser } from '../../lib/services/users';
import { PASSWORD, startInstance, stopInstance, type Instance } from './helpers';

const WORKERS = 16;
const REVIEWERS = 4;
/** Each worker marks a claim, then saves its reviewer's verdict on it this many times (versions 1…n). */
const VERSIONS = 3;
const RATINGS = ['false', 'mixed', 'true'] as const;
/**
 * When the kill comes: once this many writes of the round were acknowledged
 * (each round at another point of the flow), or at the latest after
 * KILL_BY_MS, whatever the load on the machine.
 */
const KILL_AFTER_ACKNOWLEDGED = [30, 60, 45];
const KILL_BY_MS = 10_000;

/** What a round kills: Crux's server process, the PostgreSQL server (all its processes), or both at once. */
type Kill = 'crux' | 'postgresql' | 'crux and postgresql';
const PASSAGES = 2_000;

const tag = Date.now().toString(36);
const passage = (i: number) => `Affirmation ${String(i).padStart(4, '0')} à vérifier.`;
const TEXT = Array.from({ length: PASSAGES }, (_, i) => passage(i)).join(' ');

interface VerdictWrite {
  rating: string;
  rationale: string;
  url: string;
}

/** One worker's claim and what was sent and acknowledged of its verdict. */
interface ClaimRecord {
  /** Null when the kill cut the 201's body short: found by its passage then. */
  id: string | null;
  reviewerId: string;
  token: string;
  exact: string;
  start: number;
  end: number;
  /** Verdict versions sent, in order (index 0 = version 1). */
  sent: VerdictWrite[];
  /** The highest version answered 2xx (0: none). */
  acknowledged: number;
}

interface Tally {
  sent: number;
  acknowledged: number;
  refused: number;
  /** Sent, never answered: the process died first. */
  unanswered: number;
}

interface Setup {
  url: string;
  db: Db;
  editorToken: string;
  reviewers: { id: string; token: string }[];
  cleanup: () => Promise<void>;
}

async function people(url: string): Promise<Omit<Setup, 'url' | 'cleanup'>> {
  const db = createDb(url);
  const editor = await upsertUser(db, { email: `durable-editor-${tag}@example.org`, password: PASSWORD, role: 'editor', name: 'Édith Durable' });
  const editorToken = (await createToken(db, editor.user.id, { name: 'durability' })).token;
  const reviewers = [];
  for (let i = 0; i < REVIEWERS; i++) {
    const { user } = await upsertUser(db, { email: `durable-${i}-${tag}@example.org`, password: PASSWORD, role: 'reviewer', name: `Relecteur ${i}` });
    reviewers.push({ id: user.id, token: (await createToken(db, user.id, { name: 'durability' })).token });
  }
  return { db, editorToken, reviewers };
}

async function sqliteSetup(): Promise<Setup & { file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-e2e-durability-'));
  const file = path.join(dir, 'crux.db');
  const url = `file:${file}`;
  await applyPendingMigrations(url);
  const rest = await people(url);
  return {
    url,
    file,
    ...rest,
    cleanup: async () => {
      await rest.db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresqlSetup(): Promise<Setup & { server: ThrowawayPostgres }> {
  const server = await startThrowawayPostgres({ durable: true });
  try {
    const url = await createDatabase(server.url, 'crux_durability');
    await applyPendingMigrations(url);
    const rest = await people(url);
    return {
      url,
      server,
      ...rest,
      cleanup: async () => {
        await rest.db.$disconnect();
        server.stop();
      },
    };
  } catch (error) {
    server.stop();
    throw error;
  }
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

/**
 * Writes until the server stops answering: each worker marks a passage of its
 * own, then saves its reviewer's verdict on it VERSIONS times, each save
 * starting from the version acknowledged before (optimistic concurrency), so a
 * verdict's versions are known in order. A refusal (4xx/5xx) ends that claim's
 * chain; a failed connection (the process is gone) ends the worker.
 */
async function burst(
  server: Instance,
  setup: Setup,
  articleId: string,
  claims: ClaimRecord[],
  tally: Tally,
  next: { passage: number },
  killed: { done: boolean },
): Promise<void> {
  const send = async (url: string, method: string, token: string, body: unknown): Promise<{ status: number; json: unknown } | null> => {
    tally.sent++;
    try {
      const response = await fetch(`${server.url}${url}`, { method, headers: bearer(token), body: JSON.stringify(body) });
      const json: unknown = await response.json().catch(() => null);
      if (response.ok) tally.acknowledged++;
      else tally.refused++;
      return { status: response.status, json };
    } catch {
      tally.unanswered++;
      return null;
    }
  };
  const worker = async (w: number) => {
    const reviewer = setup.reviewers[w % REVIEWERS]!;
    // Crux may outlive its database: once the kill is done, the workers stop.
    while (!killed.done) {
      const i = next.passage++;
      if (i >= PASSAGES) throw new Error('The burst ran out of passages before the kill: raise PASSAGES.');
      const exact = passage(i);
      const start = TEXT.indexOf(exact);
      const created = await send(`/api/v1/articles/${articleId}/claims`, 'POST', reviewer.token, { exact, start, end: start + exact.length });
      if (!created) return;
      if (created.status !== 201) {
        if (killed.done) return;
        // Refused (a limit, a busy database): nothing stored; try the next passage after a pause, as a client would.
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      const claim: ClaimRecord = {
        id: (created.json as { id?: string } | null)?.id ?? null,
        reviewerId: reviewer.id,
        token: reviewer.token,
        exact,
        start,
        end: start + exact.length,
        sent: [],
        acknowledged: 0,
      };
      claims.push(claim);
      for (let version = 1; version <= VERSIONS; version++) {
        const write: VerdictWrite = {
          rating: RATINGS[(version - 1) % RATINGS.length]!,
          rationale: `Version ${version} de la justification (passage ${i}, ${tag}).`,
          url: `https://example.org/sources/${i}/${version}`,
        };
        claim.sent.push(write);
        const saved = await send(`/api/v1/claims/${claim.id}/verdict`, 'PUT', reviewer.token, {
          rating: write.rating,
          rationale: write.rationale,
          sources: [{ url: write.url }],
          version: version - 1,
        });
        if (!saved) return;
        if (!(saved.status === 200 || saved.status === 201)) break;
        // The status line came back, so the write was committed; the kill may have cut the body short.
        if (saved.json) expect((saved.json as { version: number }).version).toBe(version);
        claim.acknowledged = version;
        if (killed.done) return;
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
}

interface Found {
  claims: number;
  verdictVersions: number;
}

/**
 * Reads every acknowledged write back through the API (as the editor, who
 * sees everything): the claim with its passage; its reviewer's verdict at the
 * version acknowledged or later (the next save may have committed without its
 * answer getting out), holding what that version sent; the verdict's history
 * with one entry per version, in order.
 */
async function verify(server: Instance, setup: Setup, articleId: string, claims: ClaimRecord[]): Promise<Found> {
  const headers = { authorization: `Bearer ${setup.editorToken}` };
  const list = (await (await fetch(`${server.url}/api/v1/articles/${articleId}/claims`, { headers })).json()) as { claims: { id: string; start: number }[] };
  const listed = new Set(list.claims.map((c) => c.id));
  const found: Found = { claims: 0, verdictVersions: 0 };
  const check = async (record: ClaimRecord) => {
    record.id ??= list.claims.find((c) => c.start === record.start)?.id ?? null;
    expect(record.id && listed.has(record.id), `claim on "${record.exact}" in the article's list`).toBe(true);
    const response = await fetch(`${server.url}/api/v1/claims/${record.id}`, { headers });
    expect(response.status, `claim ${record.id}`).toBe(200);
    const claim = (await response.json()) as {
      exact: string;
      start: number;
      end: number;
      verdicts: { reviewer: { id: string }; rating: string; rationale: string; version: number; sources: { url: string }[] }[];
    };
    expect({ exact: claim.exact, start: claim.start, end: claim.end }).toEqual({ exact: record.exact, start: record.start, end: record.end });
    found.claims++;
    const verdict = claim.verdicts.find((v) => v.reviewer.id === record.reviewerId);
    if (record.acknowledged === 0) return;
    expect(verdict, `verdict on ${record.id}`).toBeDefined();
    // At the version acknowledged, or at the one sent after it (in flight at the kill).
    expect(verdict!.version).toBeGreaterThanOrEqual(record.acknowledged);
    expect(verdict!.version).toBeLessThanOrEqual(record.sent.length);
    const written = record.sent[verdict!.version - 1]!;
    expect({ rating: verdict!.rating, rationale: verdict!.rationale, sources: verdict!.sources.map((s) => s.url) }).toEqual({
      rating: written.rating,
      rationale: written.rationale,
      sources: [written.url],
    });
    const history = (await (await fetch(`${server.url}/api/v1/claims/${record.id}/history?limit=200`, { headers })).json()) as {
      entries: { id: number; type: string; action: string; actor: { id: string } | null; changes: { field: string; after: unknown }[] }[];
    };
    // Newest first; read oldest first.
    const saves = history.entries.filter((e) => e.type === 'verdict.updated' && e.actor?.id === record.reviewerId).reverse();
    expect(saves.map((e) => e.action)).toEqual(['created', ...Array<string>(verdict!.version - 1).fill('changed')]);
    expect(saves.map((e) => e.changes.find((c) => c.field === 'rating')?.after)).toEqual(record.sent.slice(0, verdict!.version).map((w) => w.rating));
    found.verdictVersions += Math.min(saves.length, record.acknowledged);
  };
  // A few at a time: the machine is shared.
  for (let i = 0; i < claims.length; i += 8) await Promise.all(claims.slice(i, i + 8).map(check));
  return found;
}

/**
 * A fresh process loads each route's code on its first request: refused
 * writes (nothing stored) load them before the burst, so that the burst
 * measures writes rather than start-up.
 */
async function warmUp(server: Instance, setup: Setup, articleId: string): Promise<void> {
  const token = setup.reviewers[0]!.token;
  const claim = await fetch(`${server.url}/api/v1/articles/${articleId}/claims`, { method: 'POST', headers: bearer(token), body: '{}' });
  expect(claim.status).toBe(422);
  const verdict = await fetch(`${server.url}/api/v1/claims/none/verdict`, { method: 'PUT', headers: bearer(token), body: JSON.stringify({ rating: 'true' }) });
  expect(verdict.status).toBe(404);
}

async function killDuringBurst(provider: string, setup: Setup & { file?: string; server?: ThrowawayPostgres }, kills: readonly Kill[]): Promise<void> {
  const claims: ClaimRecord[] = [];
  const tally: Tally = { sent: 0, acknowledged: 0, refused: 0, unanswered: 0 };
  const next = { passage: 0 };
  let server: Instance | undefined = await startInstance('next start', setup.url);
  try {
    const created = await fetch(`${server.url}/api/v1/articles`, {
      method: 'POST',
      headers: bearer(setup.editorToken),
      body: JSON.stringify({ text: TEXT, title: `Durabilité ${tag}`, language: 'fr' }),
    });
    expect(created.status).toBe(201);
    const articleId = ((await created.json()) as { id: string }).id;
    const perRound: string[] = [];
    for (const [round, kill] of kills.entries()) {
      await warmUp(server, setup, articleId);
      const before = { ...tally };
      const killed = { done: false };
      const writing = burst(server, setup, articleId, claims, tally, next, killed);
      const deadline = Date.now() + KILL_BY_MS;
      while (tally.acknowledged - before.acknowledged < KILL_AFTER_ACKNOWLEDGED[round % KILL_AFTER_ACKNOWLEDGED.length]! && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
      }
      const inFlight = tally.sent - tally.acknowledged - tally.refused - tally.unanswered;
      expect(inFlight, 'requests in flight at the kill').toBeGreaterThan(0);
      if (kill !== 'postgresql') server.process.kill('SIGKILL');
      if (kill !== 'crux') setup.server!.crash();
      killed.done = true;
      if (kill !== 'postgresql') expect(await server.exited).toBe('SIGKILL');
      await writing;
      let wal = '';
      if (setup.file) {
        // Commits still in the -wal file when the process died: the restart has to replay them.
        const size = fs.statSync(`${setup.file}-wal`).size;
        expect(size).toBeGreaterThan(0);
        wal = `, -wal ${Math.round(size / 1024)} KiB`;
      }
      perRound.push(
        `round ${round + 1}, ${kill} killed: ${tally.sent - before.sent} sent, ${tally.acknowledged - before.acknowledged} acknowledged, ` +
          `${tally.refused - before.refused} refused, ${inFlight} in flight at the kill${wal}`,
      );
      if (kill !== 'crux') await setup.server!.restart();
      if (kill !== 'postgresql') server = await startInstance('next start', setup.url);
      // The server that outlived its database answers again once it is back.
      else await expect.poll(async () => (await fetch(`${server!.url}/api/health`)).status, { timeout: 30_000 }).toBe(200);
      const found = await verify(server, setup, articleId, claims);
      const acknowledgedVersions = claims.reduce((n, c) => n + c.acknowledged, 0);
      expect(found).toEqual({ claims: claims.length, verdictVersions: acknowledgedVersions });
      perRound[round] += `; after restart found ${found.claims}/${claims.length} claims, ${found.verdictVersions}/${acknowledgedVersions} verdict versions`;
    }
    expect(tally.acknowledged).toBe(claims.length + claims.reduce((n, c) => n + c.acknowledged, 0));
    const summary =
      `${provider}: ${kills.length} SIGKILLs (${kills.join(', ')}); ${tally.sent} writes sent, ${tally.acknowledged} acknowledged (2xx), ` +
      `${tally.acknowledged} found after restart, ${tally.refused} refused, ${tally.unanswered} unanswered`;
    console.log([summary, ...perRound.map((r) => `  ${r}`)].join('\n'));
    test.info().annotations.push({ type: 'durability', description: summary });
  } finally {
    await stopInstance(server);
  }
}

test.describe.configure({ mode: 'serial' });

test('SQLite (WAL, synchronous=NORMAL): every write acknowledged before a SIGKILL is there after restart, over 3 kills', async () => {
  const setup = await sqliteSetup();
  try {
    await killDuringBurst('SQLite', setup, ['crux', 'crux', 'crux']);
  } finally {
    await setup.cleanup();
  }
});

test('PostgreSQL (fsync, synchronous_commit on): every write acknowledged before a SIGKILL of Crux, of PostgreSQL or of both is there after restart', async () => {
  const setup = await postgresqlSetup();
  try {
    await killDuringBurst('PostgreSQL', setup, ['crux', 'postgresql', 'crux and postgresql']);
  } finally {
    await setup.cleanup();
  }
});
