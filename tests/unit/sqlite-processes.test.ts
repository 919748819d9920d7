// Several processes on one SQLite file (app instances, a CLI beside the server):
// each write waits for the file's write lock instead of failing, and the
// database itself refuses a second live claim on a passage, so every write
// either succeeds or gets a 409 — never an error.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../lib/db/client';
import { applyPendingMigrations } from '../../lib/db/schema-engine';
import { createArticle } from '../../lib/services/articles';
import { createClaim } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import type { Outcome, WriterConfig } from './support/concurrent-writer';
import { ctxFor, makeUser } from './support/database';

const PROCESSES = 4;
const REVIEWERS_PER_PROCESS = 5;
const WRITES_PER_REVIEWER = 4; // 4 processes × 5 reviewers × 4 = 80 verdict writes at once
const CLAIM_CREATIONS_PER_PROCESS = 20; // 80 attempts at marking one passage
const TEXT = 'Le ministre affirme que le chômage a baissé de 10 % en un an. Les chiffres de l’Insee disent autre chose.';

interface Writer {
  child: ChildProcessWithoutNullStreams;
  next(): Promise<string>;
}

function startWriter(config: WriterConfig): Writer {
  const script = path.join(import.meta.dirname, 'support', 'concurrent-writer.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(config)], { cwd: process.cwd() });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    async next() {
      const { value, done } = await lines.next();
      if (done) throw new Error(`${config.name} exited: ${stderr}`);
      return value;
    },
  };
}

async function phase(writers: Writer[], command: string): Promise<Outcome[]> {
  for (const w of writers) w.child.stdin.write(`${command}\n`);
  const results = await Promise.all(writers.map(async (w) => JSON.parse(await w.next()) as Outcome[]));
  return results.flat();
}

const tally = (outcomes: Outcome[]) => ({
  ok: outcomes.filter((o) => o.result === 'ok').length,
  conflict: outcomes.filter((o) => o.result === 'conflict').length,
  errors: outcomes.filter((o) => o.result === 'error').map((o) => (o.result === 'error' ? o.message : '')),
});

describe('several processes writing to one SQLite file', () => {
  let dir: string;
  let url: string;
  let db: Db;
  let writers: Writer[] = [];
  let reviewers: Actor[];
  let articleId: string;
  let claimId: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-processes-'));
    url = `file:${path.join(dir, 'shared.db')}`;
    await applyPendingMigrations(url);
    db = createDb(url);
    const editor = await makeUser(db, 'editor');
    articleId = (await createArticle(ctxFor(db, editor), { text: TEXT, title: 'Chômage' })).id;
    reviewers = await Promise.all(Array.from({ length: PROCESSES * REVIEWERS_PER_PROCESS }, (_, i) => makeUser(db, 'reviewer', `Reviewer ${i}`)));
    claimId = (await createClaim(ctxFor(db, editor), articleId, { exact: 'le chômage a baissé de 10 % en un an' })).id;
    const start = TEXT.indexOf('Les chiffres');
    const exact = 'Les chiffres de l’Insee';
    writers = Array.from({ length: PROCESSES }, (_, p) =>
      startWriter({
        url,
        name: `process ${p}`,
        articleId,
        passage: { exact, start, end: start + exact.length },
        claimCreations: CLAIM_CREATIONS_PER_PROCESS,
        claimId,
        reviewers: reviewers.slice(p * REVIEWERS_PER_PROCESS, (p + 1) * REVIEWERS_PER_PROCESS),
        writesPerReviewer: WRITES_PER_REVIEWER,
      }),
    );
    // Every process is up and connected before anyone writes, so the writes do collide.
    await Promise.all(writers.map(async (w) => expect(await w.next()).toBe('ready')));
  }, 60_000);

  afterAll(async () => {
    for (const w of writers) w.child.stdin.end('quit\n');
    await Promise.all(writers.map((w) => new Promise((resolve) => (w.child.exitCode === null ? w.child.once('exit', resolve) : resolve(null)))));
    await db?.$disconnect();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('marks one passage from every process at once: one claim, 409 duplicateClaim with its id for the rest', async () => {
    const outcomes = await phase(writers, 'claims');
    const counts = tally(outcomes);
    console.info('claim creations from %d processes: %o', PROCESSES, counts);
    expect(counts).toEqual({ ok: 1, conflict: PROCESSES * CLAIM_CREATIONS_PER_PROCESS - 1, errors: [] });
    const created = outcomes.find((o) => o.result === 'ok')!.claimId;
    for (const o of outcomes) if (o.result === 'conflict') expect(o).toEqual({ result: 'conflict', key: 'duplicateClaim', claimId: created });
    expect(await db.claim.count({ where: { articleId, exact: 'Les chiffres de l’Insee', deletedAt: null } })).toBe(1);
  }, 60_000);

  it('gives 80 verdicts from four processes at once: every one saved and in the history', async () => {
    const outcomes = await phase(writers, 'verdicts');
    const counts = tally(outcomes);
    console.info('verdict writes from %d processes: %o', PROCESSES, counts);
    expect(counts).toEqual({ ok: PROCESSES * REVIEWERS_PER_PROCESS * WRITES_PER_REVIEWER, conflict: 0, errors: [] });
    const events = await db.event.findMany({ where: { claimId, type: 'verdict.updated' } });
    const recorded = new Set(events.map((e) => (JSON.parse(e.payload) as { after: { rationale: string } }).after.rationale));
    for (const o of outcomes) if (o.result === 'ok') expect(recorded.has(o.rationale!)).toBe(true);
    // One verdict per reviewer, holding one of the writes that reviewer was told had succeeded.
    const verdicts = await db.verdict.findMany({ where: { claimId } });
    expect(verdicts).toHaveLength(reviewers.length);
    for (const v of verdicts) {
      const acknowledged = outcomes.filter((o) => o.result === 'ok' && o.reviewerId === v.reviewerId).map((o) => (o.result === 'ok' ? o.rationale : ''));
      expect(acknowledged).toContain(v.rationale);
    }
  }, 60_000);
});
