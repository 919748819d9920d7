// The exports' reads: claims and everything under them, a page at a time, in
// raw SQL (lib/db/raw-rows.ts says why) with the same rows, types and order
// as the client's queries in claim-rows.ts. A page's children are read by its
// claims' ids, one bound parameter each (a page is at most IDS_PER_QUERY, under
// SQLite's 999), sources through their verdict's claim, so one query per
// kind of row whatever the number of verdicts.
import { checkRows, selectList, type Columns, type RowOf, type SameRow } from '../db/raw-rows';
import { Prisma, type Adjudication, type Claim, type ClaimReveal, type Comment, type Source, type Verdict } from '../generated/prisma/client';
import { groupBy } from '../group-by';
import { IDS_PER_QUERY } from './claim-rows';
import type { ExportRecord, Person } from './claim-views';
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

/** What the exports read of a claim (claim-views.ts ExportRecord). */
const EXPORT_CLAIM = {
  id: 'text',
  revision: 'int',
  anchorState: 'text',
  exact: 'text',
  prefix: 'text',
  suffix: 'text',
  start: 'int',
  end: 'int',
  note: 'text?',
  createdById: 'text',
  createdAt: 'date',
  updatedAt: 'date',
} as const satisfies Columns;
/** What the exports read of a verdict (claim-views.ts ExportRecord): not its rich-text document, often the longest column. */
const EXPORT_VERDICT = { id: 'text', claimId: 'text', reviewerId: 'text', rating: 'text', rationale: 'text', updatedAt: 'date' } as const satisfies Columns;
/** What the exports read of an adjudication: its rating, rationale, editor and date. */
const EXPORT_ADJUDICATION = { claimId: 'text', editorId: 'text', rating: 'text', rationale: 'text', createdAt: 'date' } as const satisfies Columns;
/** What blind review and the independent agreement read of a reveal. */
const EXPORT_REVEAL = { claimId: 'text', userId: 'text', initialRating: 'text' } as const satisfies Columns;
const PERSON = { id: 'text', name: 'text?' } as const satisfies Columns;

async function read<C extends Columns>(db: Tx, table: string, columns: C, query: Prisma.Sql): Promise<RowOf<C>[]> {
  return checkRows(table, columns, await db.$queryRaw(query));
}

/** Where a page of claims starts: after this claim, in (start, id) order. */
export interface ClaimPageCursor {
  start: number;
  id: string;
}

/**
 * At most `limit` of an article's live claims after `after`, in (start, id)
 * order: keyset pagination on the (articleId, start) index, so page 200 costs
 * what page 1 does. The anchored claims come in text order; the orphaned ones
 * (their offsets belong to an older revision) are read apart.
 */
function claimPage(db: Tx, articleId: string, after: ClaimPageCursor | null, limit: number, anchors: 'anchored' | 'orphaned') {
  // `start >= s` first: a range the database reads from the index, where the OR alone made SQLite scan the article's claims.
  const keyset = after ? Prisma.sql`AND c."start" >= ${after.start} AND (c."start" > ${after.start} OR c."id" > ${after.id})` : Prisma.empty;
  const anchor = anchors === 'orphaned' ? Prisma.sql`c."anchorState" = 'orphaned'` : Prisma.sql`c."anchorState" <> 'orphaned'`;
  return read(
    db,
    'Claim',
    EXPORT_CLAIM,
    Prisma.sql`SELECT ${selectList('c', EXPORT_CLAIM)} FROM "Claim" c
      WHERE c."articleId" = ${articleId} AND c."deletedAt" IS NULL AND ${anchor} ${keyset}
      ORDER BY c."start", c."id" LIMIT ${limit}`,
  );
}

/**
 * The people an export names (authors, reviewers, editors), each read once
 * per export rather than once per page: a newsroom is a few dozen people,
 * an export thousands of pages.
 */
export class ExportPeople {
  readonly #known = new Map<string, Person>();

  constructor(private readonly db: Tx) {}

  /** Reads those of `ids` not yet known. */
  async load(ids: Iterable<string>): Promise<void> {
    const unknown = [...new Set(ids)].filter((id) => !this.#known.has(id));
    for (let i = 0; i < unknown.length; i += IDS_PER_QUERY) {
      const slice = unknown.slice(i, i + IDS_PER_QUERY);
      for (const p of await read(this.db, 'User', PERSON, Prisma.sql`SELECT ${selectList('u', PERSON)} FROM "User" u WHERE u."id" IN (${Prisma.join(slice)})`)) this.#known.set(p.id, p);
      // Someone missing (never expected: accounts are deactivated, not deleted) reads as a nameless person.
      for (const id of slice) if (!this.#known.has(id)) this.#known.set(id, { id, name: null });
    }
  }

  get(id: string): Person {
    return this.#known.get(id) ?? { id, name: null };
  }
}

/**
 * A page of claims (claimPage), each with everything the formats need
 * (claim-views.ts ExportRecord). The records are built field by field:
 * spreading the rows into them was a fifth of an export's reading time.
 */
export async function exportRecordPage(db: Tx, people: ExportPeople, page: { articleId: string; after: ClaimPageCursor | null; limit: number; anchors: 'anchored' | 'orphaned' }): Promise<ExportRecord[]> {
  const claims = await claimPage(db, page.articleId, page.after, page.limit, page.anchors);
  if (claims.length === 0) return [];
  const ids = Prisma.join(claims.map((c) => c.id));
  const [verdicts, sources, adjudications, reveals] = await Promise.all([
    read(db, 'Verdict', EXPORT_VERDICT, Prisma.sql`SELECT ${selectList('v', EXPORT_VERDICT)} FROM "Verdict" v WHERE v."claimId" IN (${ids}) ORDER BY v."createdAt", v."id"`),
    read(db, 'Source', SOURCE, Prisma.sql`SELECT ${selectList('s', SOURCE)} FROM "Source" s JOIN "Verdict" v ON v."id" = s."verdictId" WHERE v."claimId" IN (${ids}) ORDER BY s."verdictId", s."position"`),
    // Newest first: the first per claim is the one in force.
    read(db, 'Adjudication', EXPORT_ADJUDICATION, Prisma.sql`SELECT ${selectList('a', EXPORT_ADJUDICATION)} FROM "Adjudication" a WHERE a."claimId" IN (${ids}) AND a."withdrawnAt" IS NULL ORDER BY a."createdAt" DESC, a."id" DESC`),
    read(db, 'ClaimReveal', EXPORT_REVEAL, Prisma.sql`SELECT ${selectList('r', EXPORT_REVEAL)} FROM "ClaimReveal" r WHERE r."claimId" IN (${ids}) ORDER BY r."createdAt", r."id"`),
  ]);
  await people.load([...claims.map((c) => c.createdById), ...verdicts.map((v) => v.reviewerId), ...adjudications.map((a) => a.editorId)]);

  const sourcesByVerdict = groupBy(sources, (s) => s.verdictId);
  const verdictsByClaim = groupBy(
    verdicts.map((v) => ({
      id: v.id,
      claimId: v.claimId,
      reviewerId: v.reviewerId,
      rating: v.rating,
      rationale: v.rationale,
      updatedAt: v.updatedAt,
      reviewer: people.get(v.reviewerId),
      sources: sourcesByVerdict.get(v.id) ?? [],
    })),
    (v) => v.claimId,
  );
  const revealsByClaim = groupBy(reveals, (r) => r.claimId);
  const adjudicationByClaim = new Map<string, ExportRecord['adjudication']>();
  for (const a of adjudications) {
    if (!adjudicationByClaim.has(a.claimId)) adjudicationByClaim.set(a.claimId, { rating: a.rating, rationale: a.rationale, createdAt: a.createdAt, editor: people.get(a.editorId) });
  }
  return claims.map((claim) => ({
    id: claim.id,
    revision: claim.revision,
    anchorState: claim.anchorState,
    exact: claim.exact,
    prefix: claim.prefix,
    suffix: claim.suffix,
    start: claim.start,
    end: claim.end,
    note: claim.note,
    createdById: claim.createdById,
    createdAt: claim.createdAt,
    updatedAt: claim.updatedAt,
    createdBy: people.get(claim.createdById),
    verdicts: verdictsByClaim.get(claim.id) ?? [],
    adjudication: adjudicationByClaim.get(claim.id) ?? null,
    reveals: revealsByClaim.get(claim.id) ?? [],
  }));
}

/** These claims (deleted ones too), in no particular order. */
export function claimsByIds(db: Tx, ids: readonly string[]): Promise<Claim[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return read(db, 'Claim', CLAIM, Prisma.sql`SELECT ${selectList('c', CLAIM)} FROM "Claim" c WHERE c."id" IN (${Prisma.join(ids)})`);
}

/** The claims' verdicts, oldest first (then by id). */
export function verdictsOf(db: Tx, claimIds: readonly string[]): Promise<Verdict[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return read(db, 'Verdict', VERDICT, Prisma.sql`SELECT ${selectList('v', VERDICT)} FROM "Verdict" v WHERE v."claimId" IN (${Prisma.join(claimIds)}) ORDER BY v."createdAt", v."id"`);
}

/** The sources of the claims' verdicts, each verdict's in their order. */
export function sourcesOf(db: Tx, claimIds: readonly string[]): Promise<Source[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return read(
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
  return read(db, 'ClaimReveal', REVEAL, Prisma.sql`SELECT ${selectList('r', REVEAL)} FROM "ClaimReveal" r WHERE r."claimId" IN (${Prisma.join(claimIds)}) ORDER BY r."createdAt", r."id"`);
}

/** The claims' adjudications, oldest first; `inForce`: only those not withdrawn, newest first (the first per claim is the one in force). */
export function adjudicationsOf(db: Tx, claimIds: readonly string[], which: 'all' | 'inForce'): Promise<Adjudication[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  const where = Prisma.sql`a."claimId" IN (${Prisma.join(claimIds)})`;
  return read(
    db,
    'Adjudication',
    ADJUDICATION,
    which === 'all'
      ? Prisma.sql`SELECT ${selectList('a', ADJUDICATION)} FROM "Adjudication" a WHERE ${where} ORDER BY a."createdAt", a."id"`
      : Prisma.sql`SELECT ${selectList('a', ADJUDICATION)} FROM "Adjudication" a WHERE ${where} AND a."withdrawnAt" IS NULL ORDER BY a."createdAt" DESC, a."id" DESC`,
  );
}

/** The claims' comments, oldest first. */
export function commentsOf(db: Tx, claimIds: readonly string[]): Promise<Comment[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return read(db, 'Comment', COMMENT, Prisma.sql`SELECT ${selectList('m', COMMENT)} FROM "Comment" m WHERE m."claimId" IN (${Prisma.join(claimIds)}) ORDER BY m."createdAt", m."id"`);
}
