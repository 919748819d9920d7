// Reads the stored history (Event rows) a page at a time, newest first, and
// hands it to lib/history.ts, which decides what the viewer may read of it.
import { forbidden, notFound } from '../errors';
import { historyEntries, type HistoryAccess, type HistoryEntry, type StoredEvent } from '../history';
import { canEditArticle } from '../permissions';
import { historyQuerySchema, parseInput } from '../validation';
import { requireActor, type ServiceContext, type Tx } from './context';

export type { HistoryEntry } from '../history';

export interface HistoryPage {
  entries: HistoryEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last one. */
  nextCursor: number | null;
}

type EventFilter = { claimId: string } | { articleId: string; actorId?: string };

/**
 * Events newer-first below `cursor`, keyed on the autoincrement id (indexed with
 * the article and the claim): no offsets, no lists of ids, whatever the length
 * of the history.
 */
async function eventsPage(db: Tx, where: EventFilter, cursor: number | undefined, take: number): Promise<StoredEvent[]> {
  const rows = await db.event.findMany({
    where: { ...where, ...(cursor !== undefined ? { id: { lt: cursor } } : {}) },
    orderBy: { id: 'desc' },
    take,
    include: { actor: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, type: r.type, claimId: r.claimId, actorId: r.actorId, actorName: r.actor?.name ?? null, createdAt: r.createdAt, payload: r.payload }));
}

/**
 * Fills a page with the entries the viewer may read, reading on past hidden
 * ones; the cursor is the last event read, so hidden events are never read twice.
 */
async function readPage(db: Tx, where: EventFilter, query: { cursor?: number; limit: number }, access: HistoryAccess): Promise<HistoryPage> {
  const entries: HistoryEntry[] = [];
  let cursor = query.cursor;
  for (;;) {
    const events = await eventsPage(db, where, cursor, query.limit + 1);
    for (const [index, event] of events.entries()) {
      if (entries.length === query.limit) return { entries, nextCursor: cursor ?? null };
      entries.push(...historyEntries([event], access));
      cursor = event.id;
      if (index === events.length - 1 && events.length <= query.limit) return { entries, nextCursor: null };
    }
    if (events.length === 0) return { entries, nextCursor: null };
  }
}

/** GET /claims/:id/history: everyone signed in, masked by blind review. */
export async function claimHistory(ctx: ServiceContext, claimId: string, input: unknown = {}): Promise<HistoryPage> {
  const viewer = requireActor(ctx);
  const query = parseInput(historyQuerySchema, input);
  const claim = await ctx.db.claim.findFirst({ where: { id: claimId, deletedAt: null }, include: { article: { select: { blindReview: true } } } });
  if (!claim) throw notFound('claim');
  const reveal = await ctx.db.claimReveal.findUnique({ where: { claimId_userId: { claimId, userId: viewer.id } } });
  const access: HistoryAccess = { viewer, blindReview: claim.article.blindReview, revealedClaimIds: new Set(reveal ? [claimId] : []) };
  return readPage(ctx.db, { claimId }, query, access);
}

/** GET /articles/:id/activity: editors and admins, optionally one person's changes. */
export async function articleActivity(ctx: ServiceContext, articleId: string, input: unknown = {}): Promise<HistoryPage> {
  const viewer = requireActor(ctx);
  if (!canEditArticle(viewer)) throw forbidden('Only editors and admins can read an article’s activity.', { role: 'editor' });
  const query = parseInput(historyQuerySchema, input);
  const article = await ctx.db.article.findUnique({ where: { id: articleId }, select: { blindReview: true } });
  if (!article) throw notFound('article');
  // Editors see every verdict, so no reveal needs looking up; the rule still goes through lib/history.
  const access: HistoryAccess = { viewer, blindReview: article.blindReview, revealedClaimIds: new Set() };
  return readPage(ctx.db, { articleId, ...(query.actor ? { actorId: query.actor } : {}) }, query, access);
}
