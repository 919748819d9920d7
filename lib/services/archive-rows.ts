// The archive's reads (archive-export.ts): every row under a slice of claims,
// whole, in raw SQL (lib/db/raw-rows.ts says why), with the same rows, types
// and order as Prisma's client gives. A slice's children are read by its
// claims' ids, one bound parameter each (a slice is at most IDS_PER_QUERY,
// under SQLite's 999), sources through their verdict's claim, so one query per
// kind of row whatever the number of verdicts.
import { queryRows, selectList } from '../db/raw-rows';
import { Prisma, type Adjudication, type Claim, type ClaimReveal, type Comment, type Source, type Verdict } from '../generated/prisma/client';
import type { Tx } from './context';
import { ADJUDICATION_COLUMNS, CLAIM_COLUMNS, COMMENT_COLUMNS, REVEAL_COLUMNS, SOURCE_COLUMNS, VERDICT_COLUMNS } from './row-columns';

/** These claims (deleted ones too), in no particular order. */
export function claimsByIds(db: Tx, ids: readonly string[]): Promise<Claim[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return queryRows(db, 'Claim', CLAIM_COLUMNS, Prisma.sql`SELECT ${selectList('c', CLAIM_COLUMNS)} FROM "Claim" c WHERE c."id" IN (${Prisma.join(ids)})`);
}

/** The claims' verdicts, oldest first (then by id). */
export function verdictsOf(db: Tx, claimIds: readonly string[]): Promise<Verdict[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return queryRows(db, 'Verdict', VERDICT_COLUMNS, Prisma.sql`SELECT ${selectList('v', VERDICT_COLUMNS)} FROM "Verdict" v WHERE v."claimId" IN (${Prisma.join(claimIds)}) ORDER BY v."createdAt", v."id"`);
}

/** The sources of the claims' verdicts, each verdict's in their order. */
export function sourcesOf(db: Tx, claimIds: readonly string[]): Promise<Source[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return queryRows(
    db,
    'Source',
    SOURCE_COLUMNS,
    Prisma.sql`SELECT ${selectList('s', SOURCE_COLUMNS)} FROM "Source" s JOIN "Verdict" v ON v."id" = s."verdictId"
      WHERE v."claimId" IN (${Prisma.join(claimIds)}) ORDER BY s."verdictId", s."position"`,
  );
}

/** Who each claim was revealed to, with their first rating, oldest first. */
export function revealsOf(db: Tx, claimIds: readonly string[]): Promise<ClaimReveal[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return queryRows(db, 'ClaimReveal', REVEAL_COLUMNS, Prisma.sql`SELECT ${selectList('r', REVEAL_COLUMNS)} FROM "ClaimReveal" r WHERE r."claimId" IN (${Prisma.join(claimIds)}) ORDER BY r."createdAt", r."id"`);
}

/** The claims' adjudications, withdrawn ones too, oldest first. */
export function adjudicationsOf(db: Tx, claimIds: readonly string[]): Promise<Adjudication[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return queryRows(db, 'Adjudication', ADJUDICATION_COLUMNS, Prisma.sql`SELECT ${selectList('a', ADJUDICATION_COLUMNS)} FROM "Adjudication" a WHERE a."claimId" IN (${Prisma.join(claimIds)}) ORDER BY a."createdAt", a."id"`);
}

/** The claims' comments, oldest first. */
export function commentsOf(db: Tx, claimIds: readonly string[]): Promise<Comment[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return queryRows(db, 'Comment', COMMENT_COLUMNS, Prisma.sql`SELECT ${selectList('m', COMMENT_COLUMNS)} FROM "Comment" m WHERE m."claimId" IN (${Prisma.join(claimIds)}) ORDER BY m."createdAt", m."id"`);
}
