// A new text for an article: the old revision is kept, the new one becomes
// current, and every live claim is anchored again to it (lib/anchoring/reanchor).
// Runs inside the caller's transaction (updateArticle's, which also checks the
// version and bumps it), so a failure anywhere leaves the article, its
// revisions and its claims as they were.
import { settleCollisions } from '../anchoring/collisions';
import { reanchorClaims, type Reanchored } from '../anchoring/reanchor';
import type { AnchorState } from '../anchoring/selectors';
import type { ArticleDraft } from '../articles/import';
import { TRANSACTION_OPTIONS } from '../db/transactions';
import type { Tx } from './context';

export type ReanchorCounts = Record<AnchorState, number>;

/**
 * Claims read and written per query: SQLite refuses more than 999 bound
 * parameters in one statement, and an IN list of ids binds one per id.
 */
export const CLAIM_BATCH = 500;

/**
 * A change of text writes every live claim of the article: at 5,000 claims,
 * thousands of rows in one transaction. It may run longer than the 5 s other
 * writes get (lib/db/transactions.ts), while holding SQLite's write lock:
 * other writes wait meanwhile, rather than a correction failing half-way
 * on a busy machine and being sent again.
 */
export const REVISION_TRANSACTION_OPTIONS = { ...TRANSACTION_OPTIONS, timeout: 30_000 } as const;

interface LiveClaim {
  id: string;
  revision: number;
  anchorState: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  createdAt: Date;
}

const CLAIM_COLUMNS = { id: true, revision: true, anchorState: true, exact: true, prefix: true, suffix: true, start: true, end: true, createdAt: true } as const;

/** The article's live claims, by id in pages of CLAIM_BATCH (keyset: no OFFSET rescans). */
async function liveClaims(tx: Tx, articleId: string): Promise<LiveClaim[]> {
  const all: LiveClaim[] = [];
  for (let after: string | undefined; ; ) {
    const page = await tx.claim.findMany({
      where: { articleId, deletedAt: null, ...(after ? { id: { gt: after } } : {}) },
      select: CLAIM_COLUMNS,
      orderBy: { id: 'asc' },
      take: CLAIM_BATCH,
    });
    all.push(...page);
    if (page.length < CLAIM_BATCH) return all;
    after = page[page.length - 1]!.id;
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Stores `draft` as revision `current.revision + 1` and anchors every live
 * claim to it: anchored claims get the new revision, offsets, quote and
 * context and their state; orphaned claims keep their quote, offsets and
 * revision (their verdicts untouched), only their state says `orphaned`. The
 * caller makes the revision current on the article. Returns the count of each state.
 */
export async function storeRevision(
  tx: Tx,
  current: { id: string; revision: number; text: string },
  draft: Pick<ArticleDraft, 'text' | 'sourceFormat' | 'source' | 'structure'>,
  actorId: string,
): Promise<{ number: number; reanchored: ReanchorCounts }> {
  const number = current.revision + 1;
  await tx.articleRevision.create({
    data: {
      articleId: current.id,
      number,
      text: draft.text,
      sourceFormat: draft.sourceFormat,
      source: draft.source,
      structure: draft.structure && JSON.stringify(draft.structure),
      createdById: actorId,
    },
  });

  const claims = await liveClaims(tx, current.id);
  const inputs = claims.map((c) => ({ exact: c.exact, prefix: c.prefix, suffix: c.suffix, start: c.start, end: c.end, current: c.revision === current.revision }));
  const orphan = (i: number): Reanchored => ({ ...inputs[i]!, state: 'orphaned' });
  const results = settleCollisions(
    reanchorClaims(current.text, draft.text, inputs),
    claims.map((c) => c.createdAt.getTime()),
    orphan,
  );

  const reanchored: ReanchorCounts = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  // Claims whose quote and context are unchanged and whose offsets moved by the same amount
  // in the same state are updated together, a statement per group and batch; the others one by one.
  const groups = new Map<string, string[]>();
  const newOrphans: string[] = [];
  const single: { id: string; result: Reanchored }[] = [];
  results.forEach((result, i) => {
    const claim = claims[i]!;
    reanchored[result.state]++;
    if (result.state === 'orphaned') {
      if (claim.anchorState !== 'orphaned') newOrphans.push(claim.id);
      return;
    }
    const shift = result.start - claim.start;
    const unchanged = result.exact === claim.exact && result.prefix === claim.prefix && result.suffix === claim.suffix;
    if (unchanged) {
      const key = `${result.state}:${shift}`;
      const ids = groups.get(key) ?? [];
      ids.push(claim.id);
      groups.set(key, ids);
    } else {
      single.push({ id: claim.id, result });
    }
  });

  for (const ids of chunks(newOrphans, CLAIM_BATCH)) {
    await tx.claim.updateMany({ where: { id: { in: ids } }, data: { anchorState: 'orphaned' } });
  }
  for (const [key, all] of groups) {
    const [state, shift] = [key.slice(0, key.indexOf(':')), Number(key.slice(key.indexOf(':') + 1))];
    for (const ids of chunks(all, CLAIM_BATCH)) {
      await tx.claim.updateMany({
        where: { id: { in: ids } },
        data: { revision: number, anchorState: state, start: { increment: shift }, end: { increment: shift } },
      });
    }
  }
  for (const { id, result } of single) {
    await tx.claim.update({
      where: { id },
      data: { revision: number, anchorState: result.state, exact: result.exact, prefix: result.prefix, suffix: result.suffix, start: result.start, end: result.end },
    });
  }
  return { number, reanchored };
}
