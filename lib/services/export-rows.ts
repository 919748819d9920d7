// The exports' reads for the formats (export-batches.ts): an article's live
// claims a page at a time with what the formats need of their verdicts,
// sources, adjudication in force and reveals, in raw SQL (lib/db/raw-rows.ts
// says why). A page's children are read by joining the claims between its
// first and its last, not by a list of its ids: SQLite took a millisecond to
// prepare a statement of 500 bound ids, and the driver adapter prepares every
// statement anew, four per page. Timestamps come as the ISO text the formats
// write (isoDates).
import { isoDates, pickColumns, queryRows, selectList } from '../db/raw-rows';
import { Prisma } from '../generated/prisma/client';
import { groupBy } from '../group-by';
import { readPeople } from './claim-rows';
import type { ExportRecord, Person } from './claim-views';
import type { Tx } from './context';
import { ADJUDICATION_COLUMNS, CLAIM_COLUMNS, JUDGED_REVEAL_COLUMNS, SOURCE_COLUMNS, VERDICT_COLUMNS } from './row-columns';

/** What the exports read of a claim (claim-views.ts ExportRecord). */
const EXPORT_CLAIM = isoDates(pickColumns(CLAIM_COLUMNS, ['id', 'revision', 'anchorState', 'exact', 'prefix', 'suffix', 'start', 'end', 'note', 'createdById', 'createdAt', 'updatedAt']));
/** What the exports read of a verdict (claim-views.ts ExportRecord): not its rich-text document, often the longest column. */
const EXPORT_VERDICT = isoDates(pickColumns(VERDICT_COLUMNS, ['id', 'claimId', 'reviewerId', 'rating', 'rationale', 'updatedAt']));
/** What the exports read of an adjudication: its rating, rationale, editor and date. */
const EXPORT_ADJUDICATION = isoDates(pickColumns(ADJUDICATION_COLUMNS, ['claimId', 'editorId', 'rating', 'rationale', 'createdAt']));
/** What the formats read of a source: what gathering a claim's sources reads (lib/sources). */
const EXPORT_SOURCE = pickColumns(SOURCE_COLUMNS, ['verdictId', 'url', 'title', 'publisher', 'quote', 'stance', 'accessedAt', 'archiveUrl']);

/**
 * Claims per page of a streaming export (the formats' and the archive's).
 * Smaller pages cost more statements and keep fewer rows alive: since the
 * reads go straight to SQLite (lib/db/raw-rows.ts) statements are cheap, and
 * a page's rows outliving the young generation's collections were the cost.
 * 100,000 claims as ClaimReview: 4.5–4.7 s at 200 against 4.7–6.4 s at 500,
 * and a peak memory of 200 MiB against 230 (the archive's: 220 against 250).
 */
export const CLAIMS_PER_PAGE = 200;

/** Where a page of claims starts: after this claim, in (start, id) order. */
export interface ClaimPageCursor {
  start: number;
  id: string;
}

/**
 * The claims a page is drawn from: an article's live ones, anchored (in text
 * order) or orphaned (their offsets belong to an older revision: read apart).
 */
function pageClaims(articleId: string, anchors: 'anchored' | 'orphaned'): Prisma.Sql {
  const anchor = anchors === 'orphaned' ? Prisma.sql`c."anchorState" = 'orphaned'` : Prisma.sql`c."anchorState" <> 'orphaned'`;
  return Prisma.sql`c."articleId" = ${articleId} AND c."deletedAt" IS NULL AND ${anchor}`;
}

/**
 * At most `limit` of those claims after `after`, in (start, id) order: keyset
 * pagination on the (articleId, start) index, so page 200 costs what page 1 does.
 */
function claimPage(db: Tx, articleId: string, after: ClaimPageCursor | null, limit: number, anchors: 'anchored' | 'orphaned') {
  // `start >= s` first: a range the database reads from the index, where the OR alone made SQLite scan the article's claims.
  const keyset = after ? Prisma.sql`AND c."start" >= ${after.start} AND (c."start" > ${after.start} OR c."id" > ${after.id})` : Prisma.empty;
  return queryRows(
    db,
    'Claim',
    EXPORT_CLAIM,
    Prisma.sql`SELECT ${selectList('c', EXPORT_CLAIM)} FROM "Claim" c
      WHERE ${pageClaims(articleId, anchors)} ${keyset}
      ORDER BY c."start", c."id" LIMIT ${limit}`,
  );
}

/** The claims of the page from `first` to `last` (both in it), in (start, id) order: the page read again as a join condition. */
function samePage(articleId: string, anchors: 'anchored' | 'orphaned', first: ClaimPageCursor, last: ClaimPageCursor): Prisma.Sql {
  return Prisma.sql`${pageClaims(articleId, anchors)}
    AND c."start" >= ${first.start} AND c."start" <= ${last.start}
    AND (c."start" > ${first.start} OR c."id" >= ${first.id}) AND (c."start" < ${last.start} OR c."id" <= ${last.id})`;
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
    const people = await readPeople(this.db, unknown);
    for (const p of people) this.#known.set(p.id, p);
    // Someone missing (never expected: accounts are deactivated, not deleted) reads as a nameless person, and is not asked for again.
    for (const id of unknown) if (!this.#known.has(id)) this.#known.set(id, { id, name: null });
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
  const first = claims[0];
  const last = claims.at(-1);
  if (!first || !last) return [];
  const inPage = samePage(page.articleId, page.anchors, first, last);
  // A claim made between these reads inside the page's range brings its children along: they are simply not used.
  const [verdicts, sources, adjudications, reveals] = await Promise.all([
    queryRows(db, 'Verdict', EXPORT_VERDICT, Prisma.sql`SELECT ${selectList('v', EXPORT_VERDICT)} FROM "Verdict" v JOIN "Claim" c ON c."id" = v."claimId" WHERE ${inPage} ORDER BY v."createdAt", v."id"`),
    queryRows(
      db,
      'Source',
      EXPORT_SOURCE,
      Prisma.sql`SELECT ${selectList('s', EXPORT_SOURCE)} FROM "Source" s JOIN "Verdict" v ON v."id" = s."verdictId" JOIN "Claim" c ON c."id" = v."claimId" WHERE ${inPage} ORDER BY s."verdictId", s."position"`,
    ),
    // Newest first: the first per claim is the one in force.
    queryRows(
      db,
      'Adjudication',
      EXPORT_ADJUDICATION,
      Prisma.sql`SELECT ${selectList('a', EXPORT_ADJUDICATION)} FROM "Adjudication" a JOIN "Claim" c ON c."id" = a."claimId" WHERE ${inPage} AND a."withdrawnAt" IS NULL ORDER BY a."createdAt" DESC, a."id" DESC`,
    ),
    queryRows(db, 'ClaimReveal', JUDGED_REVEAL_COLUMNS, Prisma.sql`SELECT ${selectList('r', JUDGED_REVEAL_COLUMNS)} FROM "ClaimReveal" r JOIN "Claim" c ON c."id" = r."claimId" WHERE ${inPage} ORDER BY r."createdAt", r."id"`),
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

