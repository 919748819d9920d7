// The live machinery as the server runs it, on each database, through the
// process's own client (db(), from DATABASE_URL): streams opened through the
// service, written to by the services, resumed after a disconnection,
// presence, shutdown; and a second instance hearing of events (polling the
// SQLite file, or listening on PostgreSQL).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb, db, type Db } from '../../lib/db/client';
import type { LiveBus } from '../../lib/live/bus';
import { createPollingBus } from '../../lib/live/poll';
import { createPostgresBus } from '../../lib/live/postgres';
import { eventFeed, liveServer } from '../../lib/live/server';
import type { LiveStream } from '../../lib/live/stream';
import { createArticle, type ArticleDetail } from '../../lib/services/articles';
import { createClaim } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { latestArticleEventId, recordEvent } from '../../lib/services/events';
import { endAllSessions, sessionActor, startSession } from '../../lib/services/sessions';
import { authenticateToken, createToken, revokeToken } from '../../lib/services/tokens';
import { openArticleEvents } from '../../lib/services/live';
import { upsertVerdict } from '../../lib/services/verdicts';
import { createTestDatabase, ctxFor, makeUser, testProvider, type TestDatabase } from './support/database';

/** The frames of a stream as they arrive, parsed. */
function follow(stream: LiveStream) {
  const reader = stream.body.getReader();
  const decoder = new TextDecoder();
  const frames: { id?: number; event?: string; data?: unknown; at: number }[] = [];
  let buffer = '';
  let ended = false;
  const done = (async () => {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const frame: (typeof frames)[number] = { at: performance.now() };
        for (const line of block.split('\n')) {
          const [field, ...rest] = line.split(': ');
          const value = rest.join(': ');
          if (field === 'id') frame.id = Number(value);
          if (field === 'event') frame.event = value;
          if (field === 'data') frame.data = JSON.parse(value);
        }
        if (frame.id !== undefined || frame.event !== undefined) frames.push(frame);
      }
    }
    ended = true;
  })();
  return {
    frames,
    get ended() {
      return ended;
    },
    done,
    events: (type: string) => frames.filter((f) => f.event === type),
    cancel: () => reader.cancel(),
  };
}

// Several services write per test, on a machine that may be busy: more than the default 5 s.
describe('live streams through the server’s machinery', { timeout: 30_000 }, () => {
  let database: TestDatabase;
  let editor: Actor;
  let rita: Actor;
  let remi: Actor;
  let article: ArticleDetail;
  const previousUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    editor = await makeUser(db(), 'editor', 'Édith Roux');
    rita = await makeUser(db(), 'reviewer', 'Rita Lopes');
    remi = await makeUser(db(), 'reviewer', 'Rémi Petit');
    const text = Array.from({ length: 50 }, (_, i) => `Affirmation ${i} à vérifier.`).join(' ');
    article = await createArticle(ctxFor(db(), editor), { text });
  }, 60_000);

  afterAll(async () => {
    await liveServer().shutdown();
    await db().$disconnect();
    await database.drop();
    process.env.DATABASE_URL = previousUrl;
  });

  it('wakes the article’s streams once the transaction that records an event has committed, not before', async () => {
    const woken: number[] = [];
    const unsubscribe = liveServer().bus.subscribe(article.id, () => woken.push(performance.now()));
    await expect.poll(() => woken.length).toBe(1); // the catch-up wake-up as the bus starts
    // SQLite: this instance's own wake-up, asked for by recordEvent (the poller wakes its subscribers apart).
    const wake = vi.spyOn(liveServer().bus, 'wake');
    await db().$transaction(async (tx) => {
      await recordEvent(tx, { articleId: article.id, claimId: null, type: 'article.updated', entityId: article.id, actorId: editor.id, payload: {} });
      await new Promise((r) => setTimeout(r, 100));
      expect(woken).toHaveLength(1);
    });
    const committed = performance.now();
    // Woken at once (SQLite's poller may wake them too, a little later: at least once).
    await expect.poll(() => woken.length, { interval: 5 }).toBeGreaterThanOrEqual(2);
    console.log(`${testProvider}: COMMIT → streams woken ${Math.round(woken[1]! - committed)} ms`);
    // SQLite: by this instance's wake-up; PostgreSQL: by the notification, which the listener passes on.
    if (testProvider === 'sqlite') await expect.poll(() => wake.mock.calls, { interval: 5 }).toEqual([[article.id]]);
    else expect(wake).not.toHaveBeenCalled();
    wake.mockRestore();
    unsubscribe();
  });

  it('delivers a claim to every open stream at once, masked for a reviewer, with presence; resumes after a disconnection', async () => {
    const forRemi = follow(await openArticleEvents(ctxFor(db(), remi), article.id, {}));
    const forEditor = follow(await openArticleEvents(ctxFor(db(), editor), article.id, {}));
    // Each sees the other present.
    await expect.poll(() => forRemi.events('presence').at(-1)?.data).toEqual({ people: [{ id: editor.id, name: 'Édith Roux' }] });
    await expect.poll(() => forEditor.events('presence').at(-1)?.data).toEqual({ people: [{ id: remi.id, name: 'Rémi Petit' }] });

    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = forRemi.events('claim.created').length;
      const sent = performance.now();
      const claim = await createClaim(ctxFor(db(), rita), article.id, { exact: `Affirmation ${i} à vérifier` });
      await expect.poll(() => forRemi.events('claim.created').length, { interval: 5 }).toBe(before + 1);
      const frame = forRemi.events('claim.created').at(-1)!;
      latencies.push(frame.at - sent);
      expect(frame.data).toMatchObject({ claimId: claim.id, claim: { consensus: { status: 'needs-review' }, verdictsVisible: false } });
      await upsertVerdict(ctxFor(db(), rita), claim.id, { rating: 'false', rationale: 'Faux, selon les chiffres.' });
    }
    await expect.poll(() => forEditor.events('verdict.updated').length).toBe(5);
    console.log(`in-process delivery, claim created → frame on another stream: ${latencies.map((l) => Math.round(l)).join(', ')} ms`);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
    // Rémi never hears of Rita's verdicts, but his cursor moves past them.
    expect(forRemi.events('verdict.updated')).toEqual([]);
    await expect.poll(() => forRemi.frames.at(-1)?.id).toBe(forEditor.frames.filter((f) => f.id !== undefined).at(-1)?.id);

    // Rémi goes away: the editor sees him leave.
    const lastSeen = forRemi.frames.filter((f) => f.id !== undefined).at(-1)!.id!;
    await forRemi.cancel();
    await expect.poll(() => forEditor.events('presence').at(-1)?.data).toEqual({ people: [] });

    // Meanwhile a claim is marked; he comes back with Last-Event-ID and misses nothing.
    const missed = await createClaim(ctxFor(db(), rita), article.id, { exact: 'Affirmation 10 à vérifier' });
    const resumed = follow(await openArticleEvents(ctxFor(db(), remi), article.id, { lastEventId: String(lastSeen) }));
    await expect.poll(() => resumed.events('claim.created').map((f) => (f.data as { claimId: string }).claimId)).toEqual([missed.id]);
    expect(resumed.frames.find((f) => f.id !== undefined)!.id).toBe(lastSeen + 1);
    await resumed.cancel();
    await forEditor.cancel();
  });

  it('a Last-Event-ID past the article’s latest event (another database’s, a restored one’s) follows from now, missing nothing; an empty one is none', async () => {
    const latest = await latestArticleEventId(db(), article.id);
    const ahead = follow(await openArticleEvents(ctxFor(db(), editor), article.id, { lastEventId: String(latest + 1_000) }));
    const empty = follow(await openArticleEvents(ctxFor(db(), editor), article.id, { lastEventId: '' }));
    const claim = await createClaim(ctxFor(db(), rita), article.id, { exact: 'Affirmation 11 à vérifier' });
    for (const stream of [ahead, empty]) {
      await expect.poll(() => stream.events('claim.created').map((f) => (f.data as { claimId: string }).claimId)).toEqual([claim.id]);
      // Nothing replayed from before: the first id is the new claim's.
      expect(stream.frames.find((f) => f.id !== undefined)!.id).toBe(latest + 1);
      await stream.cancel();
    }
  });

  it('a stream asks again who its viewer is, as their credential says: a token revoked ends it before anything more is sent', async () => {
    const { token, info } = await createToken(db(), remi.id, { name: 'stream' });
    const ctx = { db: db(), actor: remi, recheck: () => authenticateToken(db(), token) };
    const stream = follow(await openArticleEvents(ctx, article.id, {}));
    await expect.poll(() => stream.events('presence').length).toBeGreaterThan(0);
    await revokeToken(db(), remi.id, info.id);
    await createClaim(ctxFor(db(), rita), article.id, { exact: 'Affirmation 12 à vérifier' });
    await stream.done;
    expect(stream.events('claim.created')).toEqual([]);
    expect(stream.events('end').map((f) => f.data)).toEqual([{ error: expect.objectContaining({ code: 'unauthenticated', key: 'unauthenticated' }) }]);
  });

  it('and so does a session ended everywhere (an admin’s "sign out everywhere", a password changed)', async () => {
    const sessionId = await startSession(db(), remi.id);
    const ctx = { db: db(), actor: remi, recheck: () => sessionActor(db(), sessionId) };
    const stream = follow(await openArticleEvents(ctx, article.id, {}));
    await expect.poll(() => stream.events('presence').length).toBeGreaterThan(0);
    await endAllSessions(db(), remi.id);
    await createClaim(ctxFor(db(), rita), article.id, { exact: 'Affirmation 13 à vérifier' });
    await stream.done;
    expect(stream.events('claim.created')).toEqual([]);
    expect(stream.events('end')).toHaveLength(1);
  });

  it('ends every stream on shutdown and removes their presence', async () => {
    const streams = [follow(await openArticleEvents(ctxFor(db(), remi), article.id, {})), follow(await openArticleEvents(ctxFor(db(), rita), article.id, {}))];
    await expect.poll(() => db().presence.count()).toBe(2);
    expect(liveServer().streamCount).toBe(2);
    await liveServer().shutdown();
    await Promise.all(streams.map((s) => s.done));
    expect(streams.every((s) => s.ended)).toBe(true);
    expect(await db().presence.count()).toBe(0);
    expect(liveServer().streamCount).toBe(0);
    // A request arriving during shutdown gets a stream that ends at once.
    const late = follow(await openArticleEvents(ctxFor(db(), remi), article.id, {}));
    await late.done;
  });

  it('on another instance on the same database, hears of events (SQLite: polling the file; PostgreSQL: LISTEN)', async () => {
    const other: Db = createDb(process.env.DATABASE_URL!);
    const bus: LiveBus = testProvider === 'sqlite' ? createPollingBus(eventFeed(other)) : createPostgresBus({ connectionString: process.env.DATABASE_URL! });
    try {
      const woken: number[] = [];
      bus.subscribe(article.id, () => woken.push(performance.now()));
      await expect.poll(() => woken.length).toBe(1); // the catch-up wake-up at start
      const cursor = await latestArticleEventId(other, article.id);
      await createClaim(ctxFor(db(), rita), article.id, { exact: 'Affirmation 20 à vérifier' });
      const written = performance.now();
      await expect.poll(() => woken.length, { interval: 5 }).toBeGreaterThanOrEqual(2);
      console.log(`${testProvider}: second instance woken ${Math.round(woken[1]! - written)} ms after the write returned`);
      expect(woken[1]! - written).toBeLessThan(1_000);
      expect(await latestArticleEventId(other, article.id)).toBe(cursor + 1);
    } finally {
      await bus.close();
      await other.$disconnect();
    }
  });
});
