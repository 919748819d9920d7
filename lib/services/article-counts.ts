// What the list of articles counts (articles.ts listArticles): each article's
// live claims and how many of them have a verdict, kept on the article as its
// claims and verdicts change, in the transaction that changes them. Counted on
// every read, the list was a pass over every claim in the database: 230 ms at
// 100,000 claims, during which SQLite's synchronous driver held up every other
// request of the process.
//
// Each claim also keeps its number of verdicts. Changing it locks the claim's
// row, so two first verdicts on one claim at once (PostgreSQL) take turns, and
// the second sees the first's: the article's count of reviewed claims goes up
// once. Locks are taken claim first, then article, as a revision does.
//
// The counts change in raw SQL: Prisma's update would also move the rows'
// updatedAt, which says when someone last changed the article or the claim.
import { notFound } from '../errors';
import { executeRows, queryRows } from '../db/raw-rows';
import { Prisma } from '../generated/prisma/client';
import type { Tx } from './context';

const CHANGED_CLAIM = { articleId: 'text', verdictCount: 'int', deletedAt: 'date?' } as const;

/** A claim was marked on the article. */
export async function claimAdded(tx: Tx, articleId: string): Promise<void> {
  await executeRows(tx, Prisma.sql`UPDATE "Article" SET "claimCount" = "claimCount" + 1 WHERE "id" = ${articleId}`);
}

/**
 * A live claim was deleted (softly): it leaves both counts. Called after the
 * deletion's UPDATE, and reads the claim again rather than take the caller's
 * earlier read: that UPDATE holds the claim's row, so the verdict count read
 * now is final (a first verdict racing the deletion on PostgreSQL waits, then
 * is a 404).
 */
export async function claimDeleted(tx: Tx, claimId: string): Promise<void> {
  const claim = await tx.claim.findUnique({ where: { id: claimId }, select: { articleId: true, verdictCount: true } });
  if (!claim) throw notFound('claim');
  const reviewed = claim.verdictCount > 0 ? 1 : 0;
  await executeRows(tx, Prisma.sql`UPDATE "Article" SET "claimCount" = "claimCount" - 1, "reviewedClaimCount" = "reviewedClaimCount" - ${reviewed} WHERE "id" = ${claim.articleId}`);
}

/**
 * Adds `change` (1 or -1) to the claim's verdicts, and moves its article's
 * reviewed count when the claim gains its first or loses its last. A claim
 * deleted meanwhile is a 404: the whole change is rolled back.
 */
async function verdictsChanged(tx: Tx, claimId: string, change: 1 | -1): Promise<void> {
  const [claim] = await queryRows(
    tx,
    'Claim',
    CHANGED_CLAIM,
    Prisma.sql`UPDATE "Claim" SET "verdictCount" = "verdictCount" + ${change} WHERE "id" = ${claimId} RETURNING "articleId", "verdictCount", "deletedAt"`,
  );
  if (!claim || claim.deletedAt !== null) throw notFound('claim');
  if (claim.verdictCount === (change === 1 ? 1 : 0)) {
    await executeRows(tx, Prisma.sql`UPDATE "Article" SET "reviewedClaimCount" = "reviewedClaimCount" + ${change} WHERE "id" = ${claim.articleId}`);
  }
}

/** A reviewer gave a claim their verdict (a new one, not a replacement). */
export const verdictAdded = (tx: Tx, claimId: string) => verdictsChanged(tx, claimId, 1);

/** A reviewer withdrew their verdict. */
export const verdictRemoved = (tx: Tx, claimId: string) => verdictsChanged(tx, claimId, -1);

/**
 * Counts an article's claims and verdicts afresh from its rows: after rows
 * were written in bulk (an archive imported). The same statements as the
 * migration that introduced the counts.
 */
export async function recountArticle(tx: Tx, articleId: string): Promise<void> {
  await executeRows(tx, Prisma.sql`UPDATE "Claim" SET "verdictCount" = (SELECT count(*) FROM "Verdict" v WHERE v."claimId" = "Claim"."id") WHERE "articleId" = ${articleId}`);
  await executeRows(tx, Prisma.sql`UPDATE "Article" SET
    "claimCount" = (SELECT count(*) FROM "Claim" c WHERE c."articleId" = "Article"."id" AND c."deletedAt" IS NULL),
    "reviewedClaimCount" = (SELECT count(*) FROM "Claim" c WHERE c."articleId" = "Article"."id" AND c."deletedAt" IS NULL AND c."verdictCount" > 0)
    WHERE "id" = ${articleId}`);
}

/**
 * Per article, the reviewed claims revealed to this person (their own
 * verdict given, lib/blind-review): what blind review lets a reviewer count.
 * Read from their own reveals and verdicts, not from every claim.
 */
export async function revealedClaimCounts(db: Tx, userId: string): Promise<Map<string, number>> {
  const rows = await queryRows(
    db,
    'Claim',
    { articleId: 'text', revealed: 'count' },
    Prisma.sql`SELECT c."articleId", COUNT(*) AS "revealed" FROM "Claim" c
      WHERE c."id" IN (SELECT r."claimId" FROM "ClaimReveal" r WHERE r."userId" = ${userId} UNION SELECT v."claimId" FROM "Verdict" v WHERE v."reviewerId" = ${userId})
      AND c."deletedAt" IS NULL AND c."verdictCount" > 0
      GROUP BY c."articleId"`,
  );
  return new Map(rows.map((r) => [r.articleId, Number(r.revealed)]));
}
