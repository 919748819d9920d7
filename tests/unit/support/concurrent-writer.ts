// A separate process writing to a shared SQLite file, for the multi-process
// test (tests/unit/sqlite-processes.test.ts): several app instances on one file
// must wait for each other's write lock, never fail.
//
// Started with `node --import tsx concurrent-writer.ts <json config>`; prints
// `ready`, then for each command read on stdin (`claims`, `verdicts`, `quit`)
// runs that phase's writes all at once and prints one JSON line of outcomes.
import readline from 'node:readline';
import { createDb } from '../../../lib/db/client';
import { DomainError } from '../../../lib/errors';
import { createClaim } from '../../../lib/services/claims';
import type { Actor } from '../../../lib/services/context';
import { upsertVerdict } from '../../../lib/services/verdicts';

export interface WriterConfig {
  url: string;
  name: string;
  articleId: string;
  /** The passage every process tries to mark at once. */
  passage: { exact: string; start: number; end: number };
  claimCreations: number;
  /** The claim every reviewer gives verdicts on. */
  claimId: string;
  reviewers: Actor[];
  writesPerReviewer: number;
}

/** One write's outcome as the caller saw it. */
export type Outcome =
  | { result: 'ok'; reviewerId?: string; rationale?: string; claimId?: string }
  | { result: 'conflict'; key: string; claimId?: string }
  | { result: 'error'; message: string };

const RATINGS = ['false', 'mostly-false', 'mixed', 'mostly-true', 'true'] as const;

async function outcome(write: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof DomainError && error.status === 409) return { result: 'conflict', key: error.key, ...(error.claimId ? { claimId: error.claimId } : {}) };
    return { result: 'error', message: error instanceof Error ? error.message.split('\n').filter(Boolean).slice(-1)[0] ?? error.name : String(error) };
  }
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as WriterConfig;
  const db = createDb(config.url);
  const phases: Record<string, () => Promise<Outcome>[]> = {
    claims: () =>
      Array.from({ length: config.claimCreations }, () =>
        outcome(async () => {
          const claim = await createClaim({ db, actor: config.reviewers[0]! }, config.articleId, config.passage);
          return { result: 'ok', claimId: claim.id };
        }),
      ),
    verdicts: () =>
      config.reviewers.flatMap((reviewer, r) =>
        Array.from({ length: config.writesPerReviewer }, (_, w) =>
          outcome(async () => {
            const rationale = `${config.name} reviewer ${r} write ${w}`;
            await upsertVerdict({ db, actor: reviewer }, config.claimId, { rating: RATINGS[w % RATINGS.length], rationale });
            return { result: 'ok', reviewerId: reviewer.id, rationale };
          }),
        ),
      ),
  };
  // Connected and warmed up (Prisma compiles its query engine on first use), so the phases measure writes.
  await db.claim.findUniqueOrThrow({ where: { id: config.claimId } });
  const lines = readline.createInterface({ input: process.stdin });
  process.stdout.write('ready\n');
  for await (const line of lines) {
    const phase = phases[line.trim()];
    if (!phase) break;
    process.stdout.write(`${JSON.stringify(await Promise.all(phase()))}\n`);
  }
  await db.$disconnect();
}

await main();
