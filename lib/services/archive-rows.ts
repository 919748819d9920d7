// The archive's reads (archive-export.ts): every row under a slice of claims,
// whole, in raw SQL (lib/db/raw-rows.ts says why), with the same rows, types
// and order as Prisma's client gives. A slice's children are read by its
// claims' ids, one bound parameter each (a slice is at most IDS_PER_QUERY,
// under SQLite's 999), sources through their verdict's claim, so one query per
// kind of row whatever the number of verdicts.
import { queryRows, selectList, type Columns, type SameRow } from '../db/raw-rows';
import { Prisma, type Adjudication, type Claim, type ClaimReveal, type Comment, type Source, type Verdict } from '../generated/prisma/client';
import type { Tx } from './context';

const CLAIM = {
  id: 'text',
  articleId: 'text',
  revision: 'int',
  anchorState: 'text',
  exact: 'text',
  prefix: 'text',
  suffix: 'text',
  start: 'int',
  end: 'int',
  note: 'text?',
  version: 'int',
  createdById: 'text',
  createdAt: 'date',
  updatedAt: 'date',
  deletedAt: 'date?',
  deletedById: 'text?',
  liveKey: 'text',
} as const satisfies Columns;

const VERDICT = {
  id: 'text',
  claimId: 'text',
  reviewerId: 'text',
  rating: 'text',
  rationale: 'text',
  rationaleDoc: 'text?',
  version: 'int',
  revisedAfterReveal: 'bool',
  createdAt: 'date',
  updatedAt: 'date',
} as const satisfies Columns;

const SOURCE = {
  id: 'text',
  verdictId: 'text',
  position: 'int',
  url: 'text',
  title: 'text?',
  publisher: 'text?',
  quote: 'text?',
  stance: 'text?',
  accessedAt: 'text?',
  archiveUrl: 'text?',
} as const satisfies Columns;

const REVEAL = { id: 'text', claimId: 'text', userId: 'text', initialRating: 'text', createdAt: 'date' } as const satisfies Columns;

const ADJUDICATION = {
  id: 'text',
  claimId: 'text',
  editorId: 'text',
  rating: 'text',
  rationale: 'text',
  createdAt: 'date',
  withdrawnAt: 'date?',
  withdrawnById: 'text?',
} as const satisfies Columns;

const COMMENT = {
  id: 'text',
  claimId: 'text',
  authorId: 'text',
  body: 'text',
  createdAt: 'date',
  editedAt: 'date?',
  deletedAt: 'date?',
  deletedById: 'text?',
} as const satisfies Columns;

// Each list of columns is the whole row Prisma's client reads: a column added to the schema fails here until it is added above.
const rowsMatch: [SameRow<typeof CLAIM, Claim>, SameRow<typeof VERDICT, Verdict>, SameRow<typeof SOURCE, Source>, SameRow<typeof REVEAL, ClaimReveal>, SameRow<typeof ADJUDICATION, Adjudication>, SameRow<typeof COMMENT, Comment>] = [
  true,
  true,
  true,
  true,
  true,
  true,
];
void rowsMatch;

/** These claims (deleted ones too), in no particular order. */
export function claimsByIds(db: Tx, ids: readonly string[]): Promise<Claim[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return queryRows(db, 'Claim', CLAIM, Prisma.sql`SELECT ${selectList('c', CLAIM)} FROM "Claim" c WHERE c."id" IN (${Prisma.join(ids)})`);
}

/** The claims' verdicts, oldest first (then by id). */
export function verdictsOf(db: Tx, claimIds: readonly string[]): Promise<Verdict[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return queryRows(db, 'Verdict', VERDICT, Prisma.sql`SELECT ${selectList('v', VERDICT)} FROM "Verdict" v WHERE v."claimId" IN (${Prisma.join(claimIds)}) ORDER BY v."createdAt", v."id"`);
}

/** The sources of the claims' verdicts, each verdict's in their order. */
export function sourcesOf(db: Tx, claimIds: readonly string[]): Promise<Source[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return queryRows(
    db,
    'Source',
    SOURCE,
    Prisma.sql`SELECT ${selectList('s', SOURCE)} FROM "Source" s JOIN "Verdict" v ON v."id" = s."verdictId"
      WHERE v."claimId" IN (${Prisma.join(claimIds)}) ORDER BY s."verdictId", s."position"`,
  );
}

/** Who each claim was revealed to, with their first rating, oldest first. */
export function revealsOf(db: Tx, claimIds: readonly string[]): Promise<ClaimReveal[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return queryRows(db, 'ClaimReveal', REVEAL, Prisma.sql`SELECT ${selectList('r', REVEAL)} FROM "ClaimReveal" r WHERE r."claimId" IN (${Prisma.join(claimIds)}) ORDER BY r."createdAt", r."id"`);
}

/** The claims' adjudications, withdrawn ones too, oldest first. */
export function adjudicationsOf(db: Tx, claimIds: readonly string[]): Promise<Adjudication[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return queryRows(db, 'Adjudication', ADJUDICATION, Prisma.sql`SELECT ${selectList('a', ADJUDICATION)} FROM "Adjudication" a WHERE a."claimId" IN (${Prisma.join(claimIds)}) ORDER BY a."createdAt", a."id"`);
}

/** The claims' comments, oldest first. */
export function commentsOf(db: Tx, claimIds: readonly string[]): Promise<Comment[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return queryRows(db, 'Comment', COMMENT, Prisma.sql`SELECT ${selectList('m', COMMENT)} FROM "Comment" m WHERE m."claimId" IN (${Prisma.join(claimIds)}) ORDER BY m."createdAt", m."id"`);
}
