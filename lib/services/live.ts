// The article's event stream (GET /articles/:id/events): what was recorded in
// the Event table, as the viewer may see it. Event rows hold unmasked
// snapshots, so no payload is ever taken from them: each event only says which
// object changed, and the object is loaded now, for this viewer, by the same
// functions the REST API uses (loadClaim, loadComment: blind review included).
// A viewer who may not know of an event at all (another reviewer's verdict or
// comment on a claim still hidden from them) gets only its id, which moves
// their cursor past it.
import { randomUUID } from 'node:crypto';
import { DomainError, notFound, unauthenticated } from '../errors';
import { errorBody } from '../http';
import { liveServer } from '../live/server';
import { PRESENCE_POLL_MS, PRESENCE_REFRESH_MS, type PresentPerson } from '../live/presence';
import type { SseFrame } from '../live/sse';
import { StreamEnd, type LiveBatch, type LiveStream } from '../live/stream';
import { eventStreamQuerySchema, parseInput } from '../validation';
import { loadArticle, type ArticleDetail } from './articles';
import type { AdjudicationView, ClaimDetail, VerdictView } from './claim-views';
import { loadClaim } from './claims';
import { loadComment, type CommentView } from './comments';
import { latestArticleEventId } from './events';
import { requireActor, type Actor, type ServiceContext, type Tx } from './context';
import { leavePresence, presentOn, touchPresence } from './presence';
import { findActor } from './users';

/** The event types the stream carries, with their data. */
export interface LiveEvents {
  'claim.created': { claimId: string; claim: ClaimDetail };
  'claim.updated': { claimId: string; claim: ClaimDetail };
  'claim.deleted': { claimId: string };
  /** `verdict`: the verdict as it is now; null once withdrawn. */
  'verdict.updated': { claimId: string; claim: ClaimDetail; verdict: VerdictView | null };
  /** `adjudication`: the one in force now; null once withdrawn. */
  'adjudication.updated': { claimId: string; claim: ClaimDetail; adjudication: AdjudicationView | null };
  'comment.created': { claimId: string; comment: CommentView };
  'comment.updated': { claimId: string; comment: CommentView };
  'comment.deleted': { claimId: string; commentId: string };
  /** The article's details or review settings changed: every claim's view may have (blind review on or off). */
  'article.updated': { article: Omit<ArticleDetail, 'text'> };
}
export type LiveEventType = keyof LiveEvents;

/** Sent when the people who have the article open change (not an Event row: no id). */
export interface PresenceData {
  people: PresentPerson[];
}

/** Events read per query: a long replay goes a batch at a time, each written before the next is read. */
const BATCH = 100;

/** What one event is for the viewer: its type and data, or nothing but its id. */
async function render(
  tx: Tx,
  event: { id: number; type: string; claimId: string | null; entityId: string; actorId: string | null },
  articleId: string,
  viewer: Actor,
  claims: Map<string, Promise<ClaimDetail | null>>,
): Promise<SseFrame> {
  const hidden: SseFrame = { id: event.id };
  // The claim as it is now, read once per batch however many of its events the batch holds.
  const claim = (id: string | null) => {
    if (!id) return Promise.resolve(null);
    let loaded = claims.get(id);
    if (!loaded) {
      loaded = loadClaim(tx, id, viewer).catch((error: unknown) => {
        if (error instanceof DomainError && error.status === 404) return null; // deleted since
        throw error;
      });
      claims.set(id, loaded);
    }
    return loaded;
  };
  const frame = <T extends LiveEventType>(type: T, data: LiveEvents[T]): SseFrame => ({ id: event.id, event: type, data });
  const own = event.actorId === viewer.id;

  switch (event.type) {
    case 'claim.created':
    case 'claim.updated': {
      const view = await claim(event.claimId);
      return view ? frame(event.type, { claimId: view.id, claim: view }) : hidden;
    }
    case 'claim.deleted':
      return frame('claim.deleted', { claimId: event.entityId });
    case 'verdict.updated': {
      const view = await claim(event.claimId);
      // Under blind review, the others' verdicts are not even known to exist.
      if (!view || !(view.verdictsVisible || own)) return hidden;
      return frame('verdict.updated', { claimId: view.id, claim: view, verdict: view.verdicts.find((v) => v.id === event.entityId) ?? null });
    }
    case 'adjudication.updated': {
      // Published: blind review does not hide it (the claim itself stays masked).
      const view = await claim(event.claimId);
      return view ? frame('adjudication.updated', { claimId: view.id, claim: view, adjudication: view.adjudication }) : hidden;
    }
    case 'comment.created':
    case 'comment.updated': {
      const comment = await loadComment(tx, event.entityId, viewer);
      return comment ? frame(event.type, { claimId: comment.claimId, comment }) : hidden;
    }
    case 'comment.deleted': {
      // The thread is open to exactly those who may see the claim's verdicts.
      const view = await claim(event.claimId);
      return view?.verdictsVisible ? frame('comment.deleted', { claimId: view.id, commentId: event.entityId }) : hidden;
    }
    case 'article.updated': {
      const { text: _text, ...article } = await loadArticle(tx, articleId);
      return frame('article.updated', { article });
    }
    default:
      return hidden;
  }
}

/**
 * The frame that ends a stream on an error the client should act on (signed
 * out, article gone). Not `error`: EventSource fires that name for its own
 * connection errors, and a client could not tell the two apart.
 */
function endWith(error: DomainError): StreamEnd {
  return new StreamEnd({ event: 'end', data: { error: errorBody(error) } });
}

/** The viewer as they are now (their role too), or null once they may no longer read: ServiceContext `recheck`. */
type Caller = () => Promise<Actor | null>;

/** Without a credential to ask again: the viewer's account, read again. */
const accountOf = (db: Tx, viewerId: string): Caller => () => findActor(db, viewerId);

/** The viewer now; the stream ends, saying why, once they are signed out. */
async function currentViewer(caller: Caller): Promise<Actor> {
  const viewer = await caller();
  if (!viewer) throw endWith(unauthenticated('You are no longer signed in (your session ended, your token was revoked or your account was deactivated): sign in again.'));
  return viewer;
}

/**
 * The article's events after `cursor` as the viewer may see them now, a batch
 * at a time. The viewer is asked for again each time (`caller`: their
 * credential, else their account): a stream whose token was revoked, whose
 * session ended or whose account was deactivated ends, a role change applies
 * at once. Read outside a transaction: a
 * stream reads often, and must not queue behind the writers (on SQLite a
 * transaction takes the write lock); it is woken only once what it reads is
 * committed (lib/live/server.ts insertArticleEvent).
 */
export async function readArticleEvents(db: Tx, articleId: string, viewerId: string, cursor: number, caller: Caller = accountOf(db, viewerId)): Promise<LiveBatch> {
  const viewer = await currentViewer(caller);
  const events = await db.event.findMany({
    where: { articleId, id: { gt: cursor } },
    orderBy: { id: 'asc' },
    take: BATCH + 1,
    select: { id: true, type: true, claimId: true, entityId: true, actorId: true },
  });
  const more = events.length > BATCH;
  const batch = events.slice(0, BATCH);
  const claims = new Map<string, Promise<ClaimDetail | null>>();
  const frames: SseFrame[] = [];
  try {
    for (const event of batch) frames.push(await render(db, event, articleId, viewer, claims));
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) throw endWith(error);
    throw error;
  }
  return { frames, cursor: batch.at(-1)?.id ?? cursor, more };
}

/**
 * GET /articles/:id/events. `lastEventId` (the Last-Event-ID header, or the
 * query parameter for clients that cannot set it) resumes after that event;
 * without it (or with an empty one) the stream starts with what happens next,
 * and so it does after an id this article never reached (one from another
 * database, or from before a restore), rather than waiting silently for it.
 */
export async function openArticleEvents(ctx: ServiceContext, articleId: string, input: { lastEventId?: string | null }): Promise<LiveStream> {
  const viewer = requireActor(ctx);
  const query = parseInput(eventStreamQuerySchema, input.lastEventId == null || input.lastEventId === '' ? {} : { lastEventId: input.lastEventId });
  // 404 before the stream starts (without reading the article's text).
  if (!(await ctx.db.article.findUnique({ where: { id: articleId }, select: { id: true } }))) throw notFound('article');
  const latest = await latestArticleEventId(ctx.db, articleId);
  const cursor = Math.min(query.lastEventId ?? latest, latest);
  const live = liveServer();
  const db = ctx.db;
  const caller = ctx.recheck ?? accountOf(db, viewer.id);
  const presence = { id: randomUUID(), articleId, userId: viewer.id };
  let joined = false;
  return live.open({
    cursor,
    subscribe: (wake) => live.bus.subscribe(articleId, wake),
    read: (after) => readArticleEvents(db, articleId, viewer.id, after, caller),
    check: async () => void (await currentViewer(caller)),
    presence: {
      refreshMs: PRESENCE_REFRESH_MS,
      pollMs: PRESENCE_POLL_MS,
      subscribe: (wake) => live.presence.subscribe(articleId, wake),
      touch: async () => {
        await touchPresence(db, presence);
        // Arrivals are told at once on this instance; renewals change nothing to tell.
        if (!joined) live.presence.wake(articleId);
        joined = true;
      },
      leave: async () => {
        await leavePresence(db, presence.id);
        live.presence.wake(articleId);
      },
      read: async (): Promise<PresenceData> => ({ people: await presentOn(db, articleId, viewer.id) }),
    },
  });
}
