// Loads claims with their verdicts, sources, authors and adjudications.
//
// An article's claims: not with Prisma's nested `include`, which fetches
// children with `WHERE claimId IN (?, ?, …)`, one bound parameter per parent
// row — an article with about a thousand claims once answered 500 (SQLite's
// 999 bound parameters). The claims' own children are read with a relation
// filter (a join on the claim's own conditions, which the database answers
// from the claim's index), and the rest — sources, people — by the ids just
// read, a bounded number of them per query. The pieces are joined in memory.
// (The list form's rows, the most read, are joined to their claim in raw SQL.)
// Not a relation filter for those too: `source.verdict.claim` and
// `user.verdicts.some` become LEFT JOINs and EXISTS subqueries that SQLite
// answers by scanning every source and every account of the whole database,
// once per request: the price of one claim grew with the newsroom's archive.
//
// One claim: lib/services/claim-record.ts.
import { pickColumns, queryRows, selectList, type Columns } from '../db/raw-rows';
import { Prisma, type Adjudication, type Claim, type Verdict } from '../generated/prisma/client';
import { groupBy } from '../group-by';
import type { AuthorlessSummary, ClaimRecord, Person } from './claim-views';
import type { Tx } from './context';
import { ADJUDICATION_COLUMNS, CLAIM_COLUMNS, JUDGED_REVEAL_COLUMNS, VERDICT_COLUMNS } from './row-columns';

/** Ids per query, well under the 999 bound parameters SQLite has long allowed. */
export const IDS_PER_QUERY = 500;

/** What the claims list reads of a verdict, an adjudication and a reveal (ClaimSummaryRecord). */
const SUMMARY_VERDICT = pickColumns(VERDICT_COLUMNS, ['id', 'claimId', 'reviewerId', 'rating', 'updatedAt']);
const SUMMARY_ADJUDICATION = pickColumns(ADJUDICATION_COLUMNS, ['claimId', 'rating']);

// The id last: two live claims may share a passage when one was orphaned by a correction.
const CLAIM_ORDER: Prisma.ClaimOrderByWithRelationInput[] = [{ start: 'asc' }, { end: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }];

/** CLAIM_ORDER, for claims in memory. */
export function inTextOrder(a: Pick<Claim, 'id' | 'start' | 'end' | 'createdAt'>, b: Pick<Claim, 'id' | 'start' | 'end' | 'createdAt'>): number {
  return a.start - b.start || b.end - a.end || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
/** Oldest first: the order every view lists verdicts and reveals in. */
export const OLDEST_FIRST = [{ createdAt: 'asc' }, { id: 'asc' }] as const satisfies Prisma.VerdictOrderByWithRelationInput[];
// Newest first, so the first one seen per claim is the one in force.
export const ADJUDICATION_ORDER: Prisma.AdjudicationOrderByWithRelationInput[] = [{ createdAt: 'desc' }, { id: 'desc' }];

/** An article's live claims. */
function liveClaims(articleId: string): Prisma.ClaimWhereInput {
  return { articleId, deletedAt: null };
}

/** `find` for each slice of at most IDS_PER_QUERY distinct ids, the results in the slices' order; no query for no ids. */
export async function findByIds<T>(ids: Iterable<string>, find: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const distinct = [...new Set(ids)];
  const slices: string[][] = [];
  for (let i = 0; i < distinct.length; i += IDS_PER_QUERY) slices.push(distinct.slice(i, i + IDS_PER_QUERY));
  return (await Promise.all(slices.map(find))).flat();
}

const PERSON = { id: 'text', name: 'text?' } as const satisfies Columns;

/** The people behind these ids, those found, in raw SQL: every claims list reads its authors' names. */
export function readPeople(db: Tx, ids: Iterable<string>): Promise<Person[]> {
  return findByIds(ids, (slice) => queryRows(db, 'User', PERSON, Prisma.sql`SELECT ${selectList('u', PERSON)} FROM "User" u WHERE u."id" IN (${Prisma.join(slice)})`));
}

/** The people behind these ids, by id; someone missing (never expected) reads as a nameless person. */
export async function peopleById(db: Tx, ids: Iterable<string>): Promise<(id: string) => Person> {
  const people = await readPeople(db, ids);
  const byId = new Map<string, Person>(people.map((p) => [p.id, p]));
  return (id) => byId.get(id) ?? { id, name: null };
}

function firstPerClaim<A extends { claimId: string }>(adjudications: readonly A[]): Map<string, A> {
  const byClaim = new Map<string, A>();
  for (const a of adjudications) if (!byClaim.has(a.claimId)) byClaim.set(a.claimId, a);
  return byClaim;
}

function revealsOf(db: Tx, where: Prisma.ClaimWhereInput) {
  return db.claimReveal.findMany({ where: { claim: where }, orderBy: [...OLDEST_FIRST], select: { claimId: true, userId: true, initialRating: true } });
}

/** An article's live claims in text order (start, then the longer first), each with everything its views need. */
export async function loadClaimRecords(db: Tx, articleId: string): Promise<ClaimRecord[]> {
  const where = liveClaims(articleId);
  const [claims, verdicts, adjudications, reveals] = await Promise.all([
    db.claim.findMany({ where, orderBy: CLAIM_ORDER }),
    db.verdict.findMany({ where: { claim: where }, orderBy: [...OLDEST_FIRST] }),
    db.adjudication.findMany({ where: { claim: where, withdrawnAt: null }, orderBy: ADJUDICATION_ORDER }),
    revealsOf(db, where),
  ]);
  return assembleRecords(db, claims, verdicts, adjudications, reveals);
}

/** The claims with their verdicts (and those's sources), adjudication in force and reveals, people by id. */
async function assembleRecords(
  db: Tx,
  claims: Claim[],
  verdicts: Verdict[],
  adjudications: Adjudication[],
  reveals: ClaimRecord['reveals'],
): Promise<ClaimRecord[]> {
  const [sources, person] = await Promise.all([
    // Sliced by verdict, so that each verdict's sources come from one query, in their order.
    findByIds(
      verdicts.map((v) => v.id),
      (slice) => db.source.findMany({ where: { verdictId: { in: slice } }, orderBy: [{ verdictId: 'asc' }, { position: 'asc' }] }),
    ),
    peopleById(db, [...claims.map((c) => c.createdById), ...verdicts.map((v) => v.reviewerId), ...adjudications.map((a) => a.editorId)]),
  ]);

  const sourcesByVerdict = groupBy(sources, (s) => s.verdictId);
  const verdictsByClaim = groupBy(
    verdicts.map((v) => ({ ...v, reviewer: person(v.reviewerId), sources: sourcesByVerdict.get(v.id) ?? [] })),
    (v) => v.claimId,
  );
  const revealsByClaim = groupBy(reveals, (r) => r.claimId);
  const adjudicationByClaim = firstPerClaim(adjudications);

  return claims.map((claim) => {
    const adjudication = adjudicationByClaim.get(claim.id);
    return {
      ...claim,
      createdBy: person(claim.createdById),
      verdicts: verdictsByClaim.get(claim.id) ?? [],
      adjudication: adjudication ? { ...adjudication, editor: person(adjudication.editorId) } : null,
      reveals: revealsByClaim.get(claim.id) ?? [],
    };
  });
}

/**
 * An article's live claims in text order, with only what the list form reads
 * (lib/services/claim-views.ts toClaimView): of the verdicts their reviewer,
 * rating and date, of the adjudication its rating; no rationales, sources or
 * names. The list of 500 claims read 2,500 rationales it then dropped. In raw
 * SQL (lib/db/raw-rows.ts says why): the list is the heaviest read of an open
 * article, and Prisma's client spent as long turning its rows into objects as
 * the database spent reading them. Not even the authors' names, which change
 * with no event on the article: lib/services/claim-list.ts keeps these rows,
 * and authorsOf reads the names on every read. `only`: these claims alone (at
 * most IDS_PER_QUERY; those deleted, or of another article, are left out).
 */
export async function readClaimSummaries(db: Tx, articleId: string, only?: readonly string[]): Promise<AuthorlessSummary[]> {
  if (only?.length === 0) return [];
  const sql = claimSummarySql(articleId, only);
  const [claims, verdicts, adjudications, reveals] = await Promise.all([
    queryRows(db, 'Claim', CLAIM_COLUMNS, sql.claims),
    queryRows(db, 'Verdict', SUMMARY_VERDICT, sql.verdicts),
    queryRows(db, 'Adjudication', SUMMARY_ADJUDICATION, sql.adjudications),
    queryRows(db, 'ClaimReveal', JUDGED_REVEAL_COLUMNS, sql.reveals),
  ]);
  const verdictsByClaim = groupBy(verdicts, (v) => v.claimId);
  const revealsByClaim = groupBy(reveals, (r) => r.claimId);
  const adjudicationByClaim = firstPerClaim(adjudications);
  // Claims read by id are the article's own: a claim never moves to another article.
  return claims
    .filter((claim) => claim.articleId === articleId)
    .map((claim) => ({
      ...claim,
      verdicts: verdictsByClaim.get(claim.id) ?? [],
      adjudication: adjudicationByClaim.get(claim.id) ?? null,
      reveals: revealsByClaim.get(claim.id) ?? [],
    }));
}

/**
 * readClaimSummaries's statements. Claims asked for by id are found by id
 * alone, their article checked on the rows read: with the article's condition
 * beside the ids, SQLite walked the article's index through every claim of the
 * article to find the few asked for (0.24 ms of a claims list's update after
 * four changes at 1,000 claims, 0.08 ms by id, whatever the article's size).
 */
export function claimSummarySql(articleId: string, only?: readonly string[]) {
  const which = only ? Prisma.sql`c."id" IN (${Prisma.join(only)})` : Prisma.sql`c."articleId" = ${articleId}`;
  const live = Prisma.sql`${which} AND c."deletedAt" IS NULL`;
  return {
    claims: Prisma.sql`SELECT ${selectList('c', CLAIM_COLUMNS)} FROM "Claim" c WHERE ${live} ORDER BY c."start", c."end" DESC, c."createdAt", c."id"`,
    verdicts: Prisma.sql`SELECT ${selectList('v', SUMMARY_VERDICT)} FROM "Verdict" v JOIN "Claim" c ON c."id" = v."claimId" WHERE ${live} ORDER BY v."createdAt", v."id"`,
    adjudications: Prisma.sql`SELECT ${selectList('a', SUMMARY_ADJUDICATION)} FROM "Adjudication" a JOIN "Claim" c ON c."id" = a."claimId" WHERE ${live} AND a."withdrawnAt" IS NULL ORDER BY a."createdAt" DESC, a."id" DESC`,
    reveals: Prisma.sql`SELECT ${selectList('r', JUDGED_REVEAL_COLUMNS)} FROM "ClaimReveal" r JOIN "Claim" c ON c."id" = r."claimId" WHERE ${live}`,
  };
}

/** The summaries' authors as they are now, by id. */
export function authorsOf(db: Tx, summaries: readonly AuthorlessSummary[]): Promise<(id: string) => Person> {
  return peopleById(db, summaries.map((s) => s.createdById));
}
