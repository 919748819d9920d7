// One live claim with everything its detail view needs: every claim read, and
// twice in every verdict saved.
//
// Three ways to read it, for the same record:
// - five reads in raw SQL, where they go straight to SQLite (lib/db/raw-rows.ts
//   readsDirectly): there Prisma's query is nine statements, each through its
//   client, and took a millisecond of a claim read's two, in process;
// - one statement in raw SQL on PostgreSQL, the related rows gathered as JSON:
//   there every statement is a round trip, and Prisma's one joined statement
//   (relationJoins) cost a millisecond of its client's CPU;
// - Prisma's nested query, where neither applies (a SQLite client not yet
//   connected, where its first query connects it).
// tests/unit/claim-record.test.ts holds the three to the same answer.
import type { ReviewSettings } from '../consensus';
import { isPostgresqlClient } from '../db/client';
import { jsonRows, queryRows, readsDirectly, selectList, type Columns, type RowOf } from '../db/raw-rows';
import { Prisma } from '../generated/prisma/client';
import { groupBy } from '../group-by';
import { REVIEW_SETTINGS_COLUMNS, REVIEW_SETTINGS_ROW, reviewSettings } from './articles';
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

const CLAIM_AND_ARTICLE = { ...CLAIM_COLUMNS, ...REVIEW_SETTINGS_ROW, createdByName: 'text?' } as const satisfies Columns;
const VERDICT_AND_REVIEWER = { ...VERDICT_COLUMNS, reviewerName: 'text?' } as const satisfies Columns;
const ADJUDICATION_AND_EDITOR = { ...ADJUDICATION_COLUMNS, editorName: 'text?' } as const satisfies Columns;

/** With five statements in raw SQL. The people's names come joined to their rows: accounts are never deleted. */
async function readClaimRecord(db: Tx, claimId: string): Promise<ClaimRecordWithSettings | null> {
  const [row] = await queryRows(
    db,
    'Claim',
    CLAIM_AND_ARTICLE,
    Prisma.sql`SELECT ${selectList('c', CLAIM_COLUMNS)}, ${selectList('a', REVIEW_SETTINGS_ROW)}, u."name" AS "createdByName"
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
  return recordOf(row, verdicts, sources, adjudication, reveals);
}

/** A claim's record from its rows, as Prisma's nested query gives it. */
function recordOf(
  row: RowOf<typeof CLAIM_AND_ARTICLE>,
  verdicts: RowOf<typeof VERDICT_AND_REVIEWER>[],
  sources: RowOf<typeof SOURCE_COLUMNS>[],
  adjudication: RowOf<typeof ADJUDICATION_AND_EDITOR> | undefined,
  reveals: RowOf<typeof JUDGED_REVEAL_COLUMNS>[],
): ClaimRecordWithSettings {
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

const VERDICT_NAMES = Object.keys(VERDICT_AND_REVIEWER);
const SOURCE_NAMES = Object.keys(SOURCE_COLUMNS);
const ADJUDICATION_NAMES = Object.keys(ADJUDICATION_AND_EDITOR);
const REVEAL_NAMES = Object.keys(JUDGED_REVEAL_COLUMNS);

const JOINED_RECORD = { ...CLAIM_AND_ARTICLE, verdicts: 'json', sources: 'json', adjudication: 'json', reveals: 'json' } as const satisfies Columns;

/**
 * The one statement of readJoinedClaimRecord. Each verdict's sources are
 * looked up by their verdict (`OFFSET 0` keeps that subquery apart):
 * joined to the claim's verdicts, PostgreSQL's planner hashed the whole Source
 * table instead, a cost that grows with every source saved (a third of the
 * read's CPU at 834 sources, 0.1 ms) and that statistics do not remove.
 */
export function joinedClaimRecordSql(claimId: string): Prisma.Sql {
  return Prisma.sql`SELECT ${selectList('c', CLAIM_COLUMNS)}, ${selectList('a', REVIEW_SETTINGS_ROW)}, u."name" AS "createdByName",
      (SELECT json_agg(json_build_array(${selectList('v', VERDICT_COLUMNS)}, vu."name") ORDER BY v."createdAt", v."id")
        FROM "Verdict" v JOIN "User" vu ON vu."id" = v."reviewerId" WHERE v."claimId" = c."id") AS "verdicts",
      (SELECT json_agg(json_build_array(${selectList('s', SOURCE_COLUMNS)}) ORDER BY s."verdictId", s."position")
        FROM "Verdict" v CROSS JOIN LATERAL (SELECT * FROM "Source" WHERE "verdictId" = v."id" OFFSET 0) s WHERE v."claimId" = c."id") AS "sources",
      (SELECT json_agg(json_build_array(${selectList('j', ADJUDICATION_COLUMNS)}, ju."name"))
        FROM (SELECT * FROM "Adjudication" WHERE "claimId" = c."id" AND "withdrawnAt" IS NULL ORDER BY "createdAt" DESC, "id" DESC LIMIT 1) j
        JOIN "User" ju ON ju."id" = j."editorId") AS "adjudication",
      (SELECT json_agg(json_build_array(${selectList('r', JUDGED_REVEAL_COLUMNS)}) ORDER BY r."createdAt", r."id")
        FROM "ClaimReveal" r WHERE r."claimId" = c."id") AS "reveals"
      FROM "Claim" c JOIN "Article" a ON a."id" = c."articleId" JOIN "User" u ON u."id" = c."createdById"
      WHERE c."id" = ${claimId} AND c."deletedAt" IS NULL`;
}

/**
 * With one statement in raw SQL, the claim's verdicts, sources, adjudication
 * and reveals gathered as JSON beside its row (PostgreSQL, where each
 * statement is a round trip: the five reads cost five, and Prisma's one joined
 * statement a millisecond of its client's CPU).
 */
async function readJoinedClaimRecord(db: Tx, claimId: string): Promise<ClaimRecordWithSettings | null> {
  const [row] = await queryRows(db, 'Claim', JOINED_RECORD, joinedClaimRecordSql(claimId));
  if (!row) return null;
  const { verdicts, sources, adjudication, reveals, ...claim } = row;
  return recordOf(
    claim,
    jsonRows('Verdict', VERDICT_AND_REVIEWER, VERDICT_NAMES, verdicts),
    jsonRows('Source', SOURCE_COLUMNS, SOURCE_NAMES, sources),
    jsonRows('Adjudication', ADJUDICATION_AND_EDITOR, ADJUDICATION_NAMES, adjudication)[0],
    jsonRows('ClaimReveal', JUDGED_REVEAL_COLUMNS, REVEAL_NAMES, reveals),
  );
}

/** One live claim and its article's review settings, or null when there is none (or it was deleted). */
export function loadClaimRecord(db: Tx, claimId: string): Promise<ClaimRecordWithSettings | null> {
  if (readsDirectly(db)) return readClaimRecord(db, claimId);
  return isPostgresqlClient(db) ? readJoinedClaimRecord(db, claimId) : queryClaimRecord(db, claimId);
}

/** Every way, for the test that holds them to the same answer. */
export const claimRecordReaders = { query: queryClaimRecord, read: readClaimRecord, joined: readJoinedClaimRecord };
