// One live claim with everything its detail view needs: every claim read, and
// twice in every verdict saved.
//
// Two ways to read it, for the same record:
// - Prisma's nested query: on PostgreSQL one statement (relationJoins,
//   scripts/prisma-schemas.mjs), the cheapest there;
// - five reads in raw SQL, where they go straight to SQLite (lib/db/raw-rows.ts
//   readsDirectly): there Prisma's query is nine statements, each through its
//   client, and took a millisecond of a claim read's two, in process.
// tests/unit/claim-record.test.ts holds the two to the same answer.
import type { ReviewSettings } from '../consensus';
import { queryRows, readsDirectly, selectList, type Columns } from '../db/raw-rows';
import { Prisma } from '../generated/prisma/client';
import { groupBy } from '../group-by';
import { REVIEW_SETTINGS_COLUMNS, reviewSettings } from './articles';
import { ADJUDICATION_ORDER, OLDEST_FIRST } from './claim-rows';
import type { ClaimRecord } from './claim-views';
import type { Tx } from './context';
import { ADJUDICATION_COLUMNS, CLAIM_COLUMNS, JUDGED_REVEAL_COLUMNS, SOURCE_COLUMNS, VERDICT_COLUMNS } from './row-columns';

export type ClaimRecordWithSettings = ClaimRecord & { settings: ReviewSettings };

const PERSON = { select: { id: true, name: true } } as const;

/** With Prisma's client: one nested query. */
async function queryClaimRecord(db: Tx, claimId: string): Promise<ClaimRecordWithSettings | null> {
  const claim = await db.claim.findFirst({
    where: { id: claimId, deletedAt: null },
    include: {
      article: { select: REVIEW_SETTINGS_COLUMNS },
      createdBy: PERSON,
      verdicts: { orderBy: [...OLDEST_FIRST], include: { reviewer: PERSON, sources: { orderBy: { position: 'asc' } } } },
      adjudications: { where: { withdrawnAt: null }, orderBy: ADJUDICATION_ORDER, take: 1, include: { editor: PERSON } },
      reveals: { orderBy: [...OLDEST_FIRST], select: { claimId: true, userId: true, initialRating: true } },
    },
  });
  if (!claim) return null;
  const { article, adjudications, ...record } = claim;
  return { ...record, adjudication: adjudications[0] ?? null, settings: reviewSettings(article) };
}

const SETTINGS = { blindReview: 'bool', consensusRule: 'text', minReviewers: 'int', agreementThreshold: 'float', maxSpread: 'int' } as const satisfies Columns;
const CLAIM_AND_ARTICLE = { ...CLAIM_COLUMNS, ...SETTINGS, createdByName: 'text?' } as const satisfies Columns;
const VERDICT_AND_REVIEWER = { ...VERDICT_COLUMNS, reviewerName: 'text?' } as const satisfies Columns;
const ADJUDICATION_AND_EDITOR = { ...ADJUDICATION_COLUMNS, editorName: 'text?' } as const satisfies Columns;

/** With five statements in raw SQL. The people's names come joined to their rows: accounts are never deleted. */
async function readClaimRecord(db: Tx, claimId: string): Promise<ClaimRecordWithSettings | null> {
  const [row] = await queryRows(
    db,
    'Claim',
    CLAIM_AND_ARTICLE,
    Prisma.sql`SELECT ${selectList('c', CLAIM_COLUMNS)}, ${selectList('a', SETTINGS)}, u."name" AS "createdByName"
      FROM "Claim" c JOIN "Article" a ON a."id" = c."articleId" JOIN "User" u ON u."id" = c."createdById"
      WHERE c."id" = ${claimId} AND c."deletedAt" IS NULL`,
  );
  if (!row) return null;
  const [verdicts, sources, [adjudication], reveals] = await Promise.all([
    queryRows(
      db,
      'Verdict',
      VERDICT_AND_REVIEWER,
      Prisma.sql`SELECT ${selectList('v', VERDICT_COLUMNS)}, u."name" AS "reviewerName" FROM "Verdict" v JOIN "User" u ON u."id" = v."reviewerId"
        WHERE v."claimId" = ${claimId} ORDER BY v."createdAt", v."id"`,
    ),
    queryRows(
      db,
      'Source',
      SOURCE_COLUMNS,
      Prisma.sql`SELECT ${selectList('s', SOURCE_COLUMNS)} FROM "Source" s JOIN "Verdict" v ON v."id" = s."verdictId" WHERE v."claimId" = ${claimId} ORDER BY s."verdictId", s."position"`,
    ),
    queryRows(
      db,
      'Adjudication',
      ADJUDICATION_AND_EDITOR,
      Prisma.sql`SELECT ${selectList('a', ADJUDICATION_COLUMNS)}, u."name" AS "editorName" FROM "Adjudication" a JOIN "User" u ON u."id" = a."editorId"
        WHERE a."claimId" = ${claimId} AND a."withdrawnAt" IS NULL ORDER BY a."createdAt" DESC, a."id" DESC LIMIT 1`,
    ),
    queryRows(db, 'ClaimReveal', JUDGED_REVEAL_COLUMNS, Prisma.sql`SELECT ${selectList('r', JUDGED_REVEAL_COLUMNS)} FROM "ClaimReveal" r WHERE r."claimId" = ${claimId} ORDER BY r."createdAt", r."id"`),
  ]);
  const sourcesByVerdict = groupBy(sources, (s) => s.verdictId);
  const { blindReview, consensusRule, minReviewers, agreementThreshold, maxSpread, createdByName, ...claim } = row;
  return {
    ...claim,
    createdBy: { id: claim.createdById, name: createdByName },
    verdicts: verdicts.map(({ reviewerName, ...verdict }) => ({ ...verdict, reviewer: { id: verdict.reviewerId, name: reviewerName }, sources: sourcesByVerdict.get(verdict.id) ?? [] })),
    adjudication: adjudication ? (({ editorName, ...a }) => ({ ...a, editor: { id: a.editorId, name: editorName } }))(adjudication) : null,
    reveals,
    settings: reviewSettings({ blindReview, consensusRule, minReviewers, agreementThreshold, maxSpread }),
  };
}

/** One live claim and its article's review settings, or null when there is none (or it was deleted). */
export function loadClaimRecord(db: Tx, claimId: string): Promise<ClaimRecordWithSettings | null> {
  return readsDirectly(db) ? readClaimRecord(db, claimId) : queryClaimRecord(db, claimId);
}

/** Both ways, for the test that holds them to the same answer. */
export const claimRecordReaders = { query: queryClaimRecord, read: readClaimRecord };
