// The archive's reads (archive-export.ts): every row under a slice of claims,
// and an article's history a page at a time; the columns the archive writes,
// in raw SQL (lib/db/raw-rows.ts says why),
// with the same rows, types and order as Prisma's client gives, one query per
// kind of row whatever the number of verdicts (sources through their verdict's claim).
//
// A slice is a run of an article's claims in text order (claimKeyOrder). Its
// rows are read by joining the claims between its first and its last, not by
// a list of its ids: SQLite took a millisecond to prepare a statement of 500
// bound ids, and the driver adapter prepares every statement anew, six per
// slice. The range holds the slice's claims and, where a neighbour ties with
// its first or last on position and date, that neighbour's rows too: those
// are dropped by id here, so that a slice's rows never depend on how the
// database collates ids.
//
// Timestamps come as the ISO text the archive writes (raw-rows.ts `iso`),
// never as Dates: the archive only writes them out again.
import { isoDates, pickColumns, queryRows, selectList, type Columns, type RowOf } from '../db/raw-rows';
import { Prisma, type Claim } from '../generated/prisma/client';
import type { Tx } from './context';
import { ADJUDICATION_COLUMNS, CLAIM_COLUMNS, COMMENT_COLUMNS, REVEAL_COLUMNS, SOURCE_COLUMNS, VERDICT_COLUMNS } from './row-columns';

/** What orders an article's claims in the archive. */
export type ClaimKey = Pick<Claim, 'id' | 'start' | 'end' | 'createdAt'>;

/** Text order: by position (the longer first where two start together), then creation, then id. */
export function claimKeyOrder(a: ClaimKey, b: ClaimKey): number {
  return a.start - b.start || b.end - a.end || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const CLAIM_KEY = pickColumns(CLAIM_COLUMNS, ['id', 'start', 'end', 'createdAt']);

// What the archive writes of a claim, a source and a reveal (archive-schema.ts), no more: at
// 100,000 claims every column read costs (a claim's article, passage key and verdict count are not
// written; a source is written by its verdict and position, a reveal by its claim and reviewer).
const ARCHIVE_CLAIM = isoDates(
  pickColumns(CLAIM_COLUMNS, ['id', 'revision', 'anchorState', 'exact', 'prefix', 'suffix', 'start', 'end', 'note', 'version', 'createdById', 'createdAt', 'updatedAt', 'deletedAt', 'deletedById']),
);
const SOURCE_WRITTEN = pickColumns(SOURCE_COLUMNS, ['verdictId', 'position', 'url', 'title', 'publisher', 'quote', 'stance', 'accessedAt', 'archiveUrl']);
/** A source as the archive reads it: with its verdict's claim, to tell the slice's own from a neighbour's. */
const ARCHIVE_SOURCE = { ...SOURCE_WRITTEN, claimId: 'text' } as const satisfies Columns;
const ARCHIVE_VERDICT = isoDates(VERDICT_COLUMNS);
const ARCHIVE_REVEAL = isoDates(pickColumns(REVEAL_COLUMNS, ['claimId', 'userId', 'initialRating', 'createdAt']));
const ARCHIVE_ADJUDICATION = isoDates(ADJUDICATION_COLUMNS);
const ARCHIVE_COMMENT = isoDates(COMMENT_COLUMNS);

/** Rows as the archive reads them: what it writes (a verdict, adjudication or comment whole), timestamps as ISO text. */
type ArchiveClaimRow = RowOf<typeof ARCHIVE_CLAIM>;
type ArchiveVerdictRow = RowOf<typeof ARCHIVE_VERDICT>;
type ArchiveSourceRow = RowOf<typeof ARCHIVE_SOURCE>;
type ArchiveRevealRow = RowOf<typeof ARCHIVE_REVEAL>;
type ArchiveAdjudicationRow = RowOf<typeof ARCHIVE_ADJUDICATION>;
type ArchiveCommentRow = RowOf<typeof ARCHIVE_COMMENT>;

/** The keys of an article's claims, deleted ones too when asked, in no particular order. */
export function claimKeysOf(db: Tx, articleId: string, { deleted }: { deleted: boolean }): Promise<ClaimKey[]> {
  const live = deleted ? Prisma.empty : Prisma.sql` AND c."deletedAt" IS NULL`;
  return queryRows(db, 'Claim', CLAIM_KEY, Prisma.sql`SELECT ${selectList('c', CLAIM_KEY)} FROM "Claim" c WHERE c."articleId" = ${articleId}${live}`);
}

/** Consecutive claims of one article in claimKeyOrder, deleted ones included where the caller keeps them. */
export interface ClaimSlice {
  articleId: string;
  keys: readonly ClaimKey[];
}

/** `c` (the Claim table) between the slice's first and last claims in claimKeyOrder, both included, ties on position and date included. */
function inSlice(articleId: string, first: ClaimKey, last: ClaimKey): Prisma.Sql {
  return Prisma.sql`c."articleId" = ${articleId} AND c."start" >= ${first.start} AND c."start" <= ${last.start}
    AND (c."start" > ${first.start} OR c."end" < ${first.end} OR (c."end" = ${first.end} AND c."createdAt" >= ${first.createdAt}))
    AND (c."start" < ${last.start} OR c."end" > ${last.end} OR (c."end" = ${last.end} AND c."createdAt" <= ${last.createdAt}))`;
}

/** Each slice's claim ids, made once for its six reads. */
const sliceIds = new WeakMap<ClaimSlice, ReadonlySet<string>>();

/** The rows `read` gives for the slice's range, those of its own claims only (`claimOf` names a row's claim). */
async function sliceRows<T>(slice: ClaimSlice, read: (range: Prisma.Sql) => Promise<T[]>, claimOf: (row: T) => string): Promise<T[]> {
  const first = slice.keys[0];
  const last = slice.keys.at(-1);
  if (!first || !last) return [];
  const ids = sliceIds.get(slice) ?? new Set(slice.keys.map((k) => k.id));
  sliceIds.set(slice, ids);
  return (await read(inSlice(slice.articleId, first, last))).filter((row) => ids.has(claimOf(row)));
}

/** The slice's claims, in no particular order. */
export function claimsOf(db: Tx, slice: ClaimSlice): Promise<ArchiveClaimRow[]> {
  return sliceRows(slice, (range) => queryRows(db, 'Claim', ARCHIVE_CLAIM, Prisma.sql`SELECT ${selectList('c', ARCHIVE_CLAIM)} FROM "Claim" c WHERE ${range}`), (c) => c.id);
}

/** The claims' verdicts, oldest first (then by id). */
export function verdictsOf(db: Tx, slice: ClaimSlice): Promise<ArchiveVerdictRow[]> {
  return sliceRows(
    slice,
    (range) => queryRows(db, 'Verdict', ARCHIVE_VERDICT, Prisma.sql`SELECT ${selectList('v', ARCHIVE_VERDICT)} FROM "Verdict" v JOIN "Claim" c ON c."id" = v."claimId" WHERE ${range} ORDER BY v."createdAt", v."id"`),
    (v) => v.claimId,
  );
}

/** The sources of the claims' verdicts, each verdict's in their order. */
export function sourcesOf(db: Tx, slice: ClaimSlice): Promise<ArchiveSourceRow[]> {
  return sliceRows(
    slice,
    (range) =>
      queryRows(
        db,
        'Source',
        ARCHIVE_SOURCE,
        Prisma.sql`SELECT ${selectList('s', SOURCE_WRITTEN)}, v."claimId" FROM "Source" s JOIN "Verdict" v ON v."id" = s."verdictId" JOIN "Claim" c ON c."id" = v."claimId"
          WHERE ${range} ORDER BY s."verdictId", s."position"`,
      ),
    (s) => s.claimId,
  );
}

/** Who each claim was revealed to, with their first rating, oldest first. */
export function revealsOf(db: Tx, slice: ClaimSlice): Promise<ArchiveRevealRow[]> {
  return sliceRows(
    slice,
    (range) => queryRows(db, 'ClaimReveal', ARCHIVE_REVEAL, Prisma.sql`SELECT ${selectList('r', ARCHIVE_REVEAL)} FROM "ClaimReveal" r JOIN "Claim" c ON c."id" = r."claimId" WHERE ${range} ORDER BY r."createdAt", r."id"`),
    (r) => r.claimId,
  );
}

/** The claims' adjudications, withdrawn ones too, oldest first. */
export function adjudicationsOf(db: Tx, slice: ClaimSlice): Promise<ArchiveAdjudicationRow[]> {
  return sliceRows(
    slice,
    (range) =>
      queryRows(db, 'Adjudication', ARCHIVE_ADJUDICATION, Prisma.sql`SELECT ${selectList('a', ARCHIVE_ADJUDICATION)} FROM "Adjudication" a JOIN "Claim" c ON c."id" = a."claimId" WHERE ${range} ORDER BY a."createdAt", a."id"`),
    (a) => a.claimId,
  );
}

/** The claims' comments, oldest first. */
export function commentsOf(db: Tx, slice: ClaimSlice): Promise<ArchiveCommentRow[]> {
  return sliceRows(
    slice,
    (range) => queryRows(db, 'Comment', ARCHIVE_COMMENT, Prisma.sql`SELECT ${selectList('m', ARCHIVE_COMMENT)} FROM "Comment" m JOIN "Claim" c ON c."id" = m."claimId" WHERE ${range} ORDER BY m."createdAt", m."id"`),
    (m) => m.claimId,
  );
}

/**
 * Events read per query for the archive's history. Each holds the claim's snapshot as it was
 * (several KB: every verdict and rationale), and a page is in memory while it is written: pages
 * of 1,000, each payload parsed and printed again, took the archive of 100,000 claims with one
 * event each past a 96 MB heap (bench/export.ts's data with its history), where pages of 100
 * stay under it.
 */
export const EVENTS_PER_PAGE = 100;

const EVENT_COLUMNS = { id: 'int', type: 'text', entityId: 'text', claimId: 'text?', actorId: 'text?', payload: 'text', createdAt: 'iso' } as const satisfies Columns;

/**
 * The article's events after the event `after` (0: from the first), oldest first, a page of them,
 * each payload as stored: the archive writes it as it is. It is JSON by the database's own check
 * on every write (the migration event_payload_json), so it is neither checked nor parsed here:
 * parsing and printing each payload again took 1.5 s of the 7 s of 100,000 claims with a snapshot
 * each in their history, and checking each as it was read (SQLite's json_valid) 0.7 s more.
 */
export function eventPage(db: Tx, articleId: string, after: number): Promise<RowOf<typeof EVENT_COLUMNS>[]> {
  return queryRows(
    db,
    'Event',
    EVENT_COLUMNS,
    Prisma.sql`SELECT ${selectList('e', EVENT_COLUMNS)} FROM "Event" e WHERE e."articleId" = ${articleId} AND e."id" > ${after} ORDER BY e."id" LIMIT ${EVENTS_PER_PAGE}`,
  );
}
