// An article's claims list, as each reader may see it, from rows kept between
// reads of the article. Every reader of an open article reads its whole list:
// on opening it, and all at once when the article changes (a correction, blind review switched off: every open page
// reads it again). At 5,000 claims one read took a quarter of a second of a
// process that, on SQLite, does nothing else meanwhile; and with a newsroom at
// work, the rows of 500 claims were read whole to catch up with one verdict.
//
// Kept rows are checked, not trusted. Every change to an article's claims,
// verdicts, reveals and adjudications records an event on the article in the
// same transaction, naming the claim (lib/services/events.ts), and an
// article's events commit in the order of their ids (SQLite writes one
// transaction at a time; PostgreSQL under the article's lock,
// lib/live/postgres.ts). So the rows kept as of event N, with the article's
// events after N, say what to read again, on every instance: each read asks
// for those events (one indexed lookup, nothing when there are none) and reads
// again only the claims they name, or everything after an event on the
// article itself (a correction) or too many changes. The authors' names, which
// change with no event on the article, are not kept: each read asks for them.
//
// With each claim's rows its basis is kept (claim-views.ts ClaimBasis: what
// every reader's view shares), so that a reader costs only what blind review
// and permissions make theirs: at 500 claims, most of a list read was
// building the same views for one reader after another.
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/client';
import { perClient } from '../db/per-client';
import { queryRows, type Columns } from '../db/raw-rows';
import { Prisma } from '../generated/prisma/client';
import type { ReviewSettings } from '../consensus';
import { mergeSorted } from '../merge-sorted';
import type { Viewer } from '../permissions';
import { inTextOrder, peopleById, readClaimSummaries } from './claim-rows';
import { latestArticleEventId } from './events';
import { claimBasis, viewFromBasis, type AuthorlessSummary, type ClaimBasis, type ClaimView, type Person } from './claim-views';

/**
 * Rows kept per process, claims and their verdicts and reveals counted alike:
 * two articles of 5,000 claims with five verdicts each, or twenty of 500,
 * about 45 MB with their bases (500 claims, 5,500 rows: 2 MB). The least
 * recently read article goes first; a larger one is read whole every time.
 */
export const KEPT_ROWS = 120_000;

/**
 * Changes since the rows were kept beyond which they are all read again, the
 * ids well within one statement's bound parameters: 100 claims by id took
 * 6 ms, where 500 claims read whole took 23.
 */
export const PATCH_LIMIT = 100;

interface Kept {
  /** The id of the article's latest event the rows include; 0 for none. */
  mark: number;
  summaries: readonly AuthorlessSummary[];
  /** Their rows, the article's own counted (KEPT_ROWS); kept up to date rather than counted at every update. */
  rows: number;
  /**
   * Their authors, each once (and perhaps the author of a claim since deleted):
   * every read asks for their names, and finding the few among the claims took
   * a pass over all of them at every read (0.6 ms at 600 claims under load).
   */
  authorIds: readonly string[];
}

const rowsOf = (s: AuthorlessSummary) => 1 + s.verdicts.length + s.reveals.length;

function rowCount(summaries: readonly AuthorlessSummary[]): number {
  let rows = 1;
  for (const s of summaries) rows += rowsOf(s);
  return rows;
}

// One cache per database client (lib/db/per-client.ts).
const cacheOf = perClient('cruxClaimSummaries', () => new LRUCache<string, Kept>({ maxSize: KEPT_ROWS, sizeCalculation: (kept) => kept.rows }));

// The article's events since the mark, in raw SQL (lib/db/raw-rows.ts), as its latest event's id
// is read (events.ts latestArticleEventId): every list reads them.
const EVENT_CLAIM = { id: 'int', claimId: 'text?', type: 'text' } as const satisfies Columns;

/** Every summary read afresh, kept as of the mark read before them. */
async function readAll(db: Db, articleId: string): Promise<Kept> {
  // Read after the mark, the rows are in its state or a later one: kept
  // under it, they are only ever brought forward.
  const mark = await latestArticleEventId(db, articleId);
  // In the comparator's own order, which the updates merge into (the database's order of ids may differ under a collation).
  const summaries = (await readClaimSummaries(db, articleId)).sort(inTextOrder);
  return { mark, summaries, rows: rowCount(summaries), authorIds: [...new Set(summaries.map((s) => s.createdById))] };
}

/** The kept rows brought up to the article's latest event. */
async function refreshed(db: Db, articleId: string, kept: Kept | undefined): Promise<Kept> {
  if (!kept) return readAll(db, articleId);
  const events = await queryRows(
    db,
    'Event',
    EVENT_CLAIM,
    Prisma.sql`SELECT e."id", e."claimId", e."type" FROM "Event" e WHERE e."articleId" = ${articleId} AND e."id" > ${kept.mark} ORDER BY e."id" LIMIT ${PATCH_LIMIT + 1}`,
  );
  if (events.length === 0) return kept;
  if (events.length > PATCH_LIMIT) return readAll(db, articleId);
  const changed = new Set<string>();
  const created = new Set<string>();
  for (const event of events) {
    // An event on the article itself (its text, its settings): everything again.
    if (event.claimId === null) return readAll(db, articleId);
    changed.add(event.claimId);
    if (event.type === 'claim.created') created.add(event.claimId);
  }
  // Read after the events, the changed claims are as of the last one or later.
  const fresh = await readClaimSummaries(db, articleId, [...changed]);
  const mark = events.at(-1)!.id;
  const authorIds = withAuthorsOf(kept.authorIds, fresh);
  return patched(kept, fresh, changed, created, mark, authorIds) ?? merged(kept, fresh, changed, mark, authorIds);
}

/** The kept authors, with those of the changed claims who were not among them. */
function withAuthorsOf(authorIds: readonly string[], fresh: readonly AuthorlessSummary[]): readonly string[] {
  const added = fresh.map((s) => s.createdById).filter((id, i, ids) => !authorIds.includes(id) && ids.indexOf(id) === i);
  return added.length ? [...authorIds, ...added] : authorIds;
}

/** The first index whose summary is not before `summary` in text order (summaries.length if none). */
function firstNotBefore(summaries: readonly AuthorlessSummary[], summary: AuthorlessSummary): number {
  let low = 0;
  let high = summaries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (inTextOrder(summaries[middle]!, summary) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The changed claims put in their places, each found by its place in the text:
 * a claim changed where it stands (a verdict, a note), a claim created since
 * inserted. Most changes are those, and finding each by halves spares a pass
 * over every claim kept at every read that follows a change (comparisons and
 * copies that took 0.3 ms of a list of 600 claims under load). Undefined when a
 * changed claim is gone (deleted: not read again) or is not where its place in
 * the text says and was not created since (moved): merged() then.
 */
function patched(
  kept: Kept,
  fresh: readonly AuthorlessSummary[],
  changed: ReadonlySet<string>,
  created: ReadonlySet<string>,
  mark: number,
  authorIds: readonly string[],
): Kept | undefined {
  if (fresh.length !== changed.size) return undefined;
  const summaries = kept.summaries.slice();
  let rows = kept.rows;
  for (const summary of fresh) {
    const at = firstNotBefore(summaries, summary);
    const there = summaries[at];
    if (there?.id === summary.id) {
      rows += rowsOf(summary) - rowsOf(there);
      summaries[at] = summary;
    } else if (created.has(summary.id)) {
      summaries.splice(at, 0, summary);
      rows += rowsOf(summary);
    } else return undefined;
  }
  return { mark, summaries, rows, authorIds };
}

/** The kept rows without the changed claims, and the changed claims still live merged in: every kind of change. */
function merged(kept: Kept, fresh: readonly AuthorlessSummary[], changed: ReadonlySet<string>, mark: number, authorIds: readonly string[]): Kept {
  const unchanged: AuthorlessSummary[] = [];
  let rows = kept.rows;
  for (const s of kept.summaries) {
    if (changed.has(s.id)) rows -= rowsOf(s);
    else unchanged.push(s);
  }
  for (const s of fresh) rows += rowsOf(s);
  return { mark, summaries: mergeSorted(unchanged, fresh, inTextOrder), rows, authorIds };
}

// Each kept claim's basis, under the settings it was built for; gone with the claim's rows.
const bases = new WeakMap<AuthorlessSummary, { settings: string; basis: ClaimBasis }>();

function basisOf(summary: AuthorlessSummary, settings: ReviewSettings, settingsKey: string): ClaimBasis {
  const known = bases.get(summary);
  if (known?.settings === settingsKey) return known.basis;
  const basis = claimBasis(summary, settings);
  bases.set(summary, { settings: settingsKey, basis });
  return basis;
}

/** An article's live claims as kept, brought up to date: what every reader's view of them is built from. */
export interface KeptList {
  /**
   * In text order. A claim that has not changed keeps its object from one read
   * to the next, whatever changed around it: what a reader got of it may be
   * reused by identity (claim-list-body.ts).
   */
  summaries: readonly AuthorlessSummary[];
  /** The authors as they are now (their names change with no event on the article). */
  author: (id: string) => Person;
  /** What every reader's view of the claim shares, under the article's settings. */
  basis: (summary: AuthorlessSummary) => ClaimBasis;
  /** The settings the bases are built under, as a key. */
  settingsKey: string;
}

/**
 * The article's live claims, from the rows kept (brought up to date first). A
 * Db, not a transaction: rows a transaction has not committed must not be kept.
 */
export async function keptList(db: Db, articleId: string, settings: ReviewSettings): Promise<KeptList> {
  const cache = cacheOf(db);
  const kept = cache.get(articleId);
  const now = await refreshed(db, articleId, kept);
  if (now !== kept) cache.set(articleId, now);
  const author = await peopleById(db, now.authorIds);
  // Settings read apart from the rows: a basis is reused only under the same ones.
  const settingsKey = JSON.stringify(settings);
  return { summaries: now.summaries, author, basis: (summary) => basisOf(summary, settings, settingsKey), settingsKey };
}

/** An article's live claims in text order as `viewer` may see them, under the article's settings. */
export async function listClaimViews(db: Db, articleId: string, settings: ReviewSettings, viewer: Viewer | null): Promise<ClaimView[]> {
  const list = await keptList(db, articleId, settings);
  return list.summaries.map((s) => viewFromBasis(s, list.author(s.createdById), list.basis(s), settings, viewer));
}
