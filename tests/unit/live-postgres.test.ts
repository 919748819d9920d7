// The PostgreSQL bus on the test run's server (postgresql project only), in a
// database of its own: LISTEN/NOTIFY channels are per database, so other files
// running at the same time neither hear nor disturb these.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase } from '../../lib/db/postgresql-databases';
import { PG_ANNOUNCE_SQL, PG_CHANNEL, PG_RECORD_EVENT_SQL, createPostgresBus, type PostgresBus } from '../../lib/live/postgres';
import { createDb } from '../../lib/db/client';
import { createArticle } from '../../lib/services/articles';
import { createClaim } from '../../lib/services/claims';
import { ctxFor, makeUser, postgresqlServer } from './support/database';

const cluster = { url: '' };
const name = `crux_live_${crypto.randomBytes(6).toString('hex')}`;
beforeAll(async () => {
  cluster.url = await createDatabase(postgresqlServer().serverUrl, name, { template: 'template0' });
});
afterAll(async () => {
  await dropDatabase(postgresqlServer().serverUrl, name);
});

/** Resolves when `count` wake-ups have happened, with the time of the last one. */
function counter() {
  let count = 0;
  const waiters: { n: number; resolve: (at: number) => void }[] = [];
  return {
    wake: () => {
      count += 1;
      for (const w of waiters.filter((w) => count >= w.n)) w.resolve(performance.now());
    },
    get count() {
      return count;
    },
    reach: (n: number, timeoutMs = 3_000) =>
      new Promise<number>((resolve, reject) => {
        if (count >= n) return resolve(performance.now());
        const timer = setTimeout(() => reject(new Error(`only ${count} of ${n} wake-ups after ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ n, resolve: (at) => (clearTimeout(timer), resolve(at)) });
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Clusters, connections and waits for notifications: more than the default 5 s on a busy machine.
describe('the PostgreSQL LISTEN/NOTIFY bus', { timeout: 30_000 }, () => {
  let writer: pg.Client;
  let other: pg.Client;
  const buses: PostgresBus[] = [];
  const bus = () => {
    const b = createPostgresBus({ connectionString: cluster.url, reconnectMinMs: 50 });
    buses.push(b);
    return b;
  };

  beforeAll(async () => {
    writer = new pg.Client({ connectionString: cluster.url });
    other = new pg.Client({ connectionString: cluster.url });
    await Promise.all([writer.connect(), other.connect()]);
  });
  afterAll(async () => {
    await Promise.all([writer?.end(), other?.end()]);
  });
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close()));
  });

  it('wakes the article’s subscribers when the announcing transaction commits, not before', async () => {
    const live = bus();
    const mine = counter();
    const elsewhere = counter();
    live.subscribe('article-1', mine.wake);
    live.subscribe('article-2', elsewhere.wake);
    await live.ready();
    await sleep(50);
    const base = mine.count; // the catch-up wake-up after LISTEN
    await writer.query('BEGIN');
    await writer.query(PG_ANNOUNCE_SQL, ['article-1']);
    await sleep(300);
    expect(mine.count).toBe(base);
    const committed = performance.now();
    await writer.query('COMMIT');
    const woken = await mine.reach(base + 1);
    console.log(`PostgreSQL: COMMIT → subscriber woken ${Math.round(woken - committed)} ms`);
    expect(woken - committed).toBeLessThan(500);
    expect(elsewhere.count).toBe(1); // only its catch-up wake-up
  });

  it('wakes nobody for a rolled-back transaction', async () => {
    const live = bus();
    const mine = counter();
    live.subscribe('article-1', mine.wake);
    await live.ready();
    await sleep(50);
    const base = mine.count;
    await writer.query('BEGIN');
    await writer.query(PG_ANNOUNCE_SQL, ['article-1']);
    await writer.query('ROLLBACK');
    await sleep(300);
    expect(mine.count).toBe(base);
  });

  it('reaches every instance: two buses, two connections, one notification', async () => {
    const a = bus();
    const b = bus();
    const onA = counter();
    const onB = counter();
    a.subscribe('shared', onA.wake);
    b.subscribe('shared', onB.wake);
    await Promise.all([a.ready(), b.ready()]);
    await sleep(50);
    const [baseA, baseB] = [onA.count, onB.count];
    await writer.query(`SELECT pg_notify('${PG_CHANNEL}', $1)`, ['shared']);
    await Promise.all([onA.reach(baseA + 1), onB.reach(baseB + 1)]);
  });

  it('reconnects after losing its connection and wakes everyone to catch up', async () => {
    const live = bus();
    const mine = counter();
    live.subscribe('article-1', mine.wake);
    await live.ready();
    await sleep(50);
    const base = mine.count;
    await other.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'crux-live' AND datname = current_database()`);
    await mine.reach(base + 1, 5_000); // the catch-up after reconnecting
    await live.ready();
    const after = mine.count;
    await writer.query(PG_ANNOUNCE_SQL, ['article-1']);
    await mine.reach(after + 1);
  });

  it('holds its connection only while someone is subscribed', async () => {
    const live = bus();
    const listeners = async () =>
      Number((await other.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'crux-live' AND datname = current_database()`)).rows[0].n);
    expect(await listeners()).toBe(0);
    const unsubscribe = live.subscribe('article-1', () => {});
    await live.ready();
    expect(await listeners()).toBe(1);
    unsubscribe();
    await expect.poll(listeners, { timeout: 3_000 }).toBe(0);
  });

  it('makes an article’s events commit in id order: a second writer waits for the first', async () => {
    await writer.query('CREATE TABLE IF NOT EXISTS event_order (id serial PRIMARY KEY, article text)');
    const first = new pg.Client({ connectionString: cluster.url });
    const second = new pg.Client({ connectionString: cluster.url });
    const third = new pg.Client({ connectionString: cluster.url });
    await Promise.all([first.connect(), second.connect(), third.connect()]);
    try {
      await first.query('BEGIN');
      await first.query(PG_ANNOUNCE_SQL, ['a']);
      await first.query(`INSERT INTO event_order (article) VALUES ('a')`);
      // Another article's writer is not held up.
      await third.query('BEGIN');
      await third.query(PG_ANNOUNCE_SQL, ['b']);
      await third.query('COMMIT');
      await second.query('BEGIN');
      let secondLocked = false;
      const waiting = second.query(PG_ANNOUNCE_SQL, ['a']).then(() => (secondLocked = true));
      await sleep(300);
      expect(secondLocked).toBe(false);
      await first.query('COMMIT');
      await waiting;
      await second.query(`INSERT INTO event_order (article) VALUES ('a')`);
      await second.query('COMMIT');
      const rows = (await writer.query(`SELECT id FROM event_order WHERE article = 'a' ORDER BY id`)).rows.map((r) => r.id as number);
      expect(rows).toHaveLength(2);
      expect(rows[0]!).toBeLessThan(rows[1]!);
    } finally {
      await Promise.all([first.end(), second.end(), third.end()]);
    }
  });

  it('announces a change made through a PostgreSQL client whatever the process’s DATABASE_URL names', async () => {
    // The statement follows the transaction's database: a process whose DATABASE_URL names a SQLite
    // file (a script, a test run) still locks and notifies when it writes to PostgreSQL.
    const { serverUrl, template } = postgresqlServer();
    const migrated = `${name}_elsewhere`;
    const url = await createDatabase(serverUrl, migrated, { template });
    const previousUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'file:/nonexistent/crux.db';
    const app = createDb(url);
    const listener = new pg.Client({ connectionString: url });
    try {
      const editor = ctxFor(app, await makeUser(app, 'editor'));
      const article = await createArticle(editor, { text: 'Selon l’Insee, le chômage a « baissé ».' });
      await listener.connect();
      const heard: string[] = [];
      listener.on('notification', (message) => heard.push(message.payload ?? ''));
      await listener.query(`LISTEN ${PG_CHANNEL}`);
      await createClaim(editor, article.id, { exact: 'le chômage a « baissé »' });
      await expect.poll(() => heard).toContain(article.id);
    } finally {
      if (previousUrl === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previousUrl;
      await Promise.all([app.$disconnect(), listener.end()]);
      await dropDatabase(serverUrl, migrated);
    }
  });

  it('records an article’s event in one statement that takes the lock before the row takes its id, and notifies at commit', async () => {
    // The app's schema, in a database of its own.
    const { serverUrl, template } = postgresqlServer();
    const migrated = `${name}_events`;
    const url = await createDatabase(serverUrl, migrated, { template });
    const app = createDb(url);
    const editor = ctxFor(app, await makeUser(app, 'editor'));
    const [a, b] = [(await createArticle(editor, { text: 'L’article « a ».' })).id, (await createArticle(editor, { text: 'L’article « b ».' })).id];
    await app.$disconnect();
    const [first, second, third] = [0, 1, 2].map(() => new pg.Client({ connectionString: url }));
    await Promise.all([first!.connect(), second!.connect(), third!.connect()]);
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (message) => heard.push(message.payload ?? ''));
    await listener.query(`LISTEN ${PG_CHANNEL}`);
    const record = (client: pg.Client, articleId: string, type: string) =>
      client.query(PG_RECORD_EVENT_SQL, [articleId, null, type, 'e', null, '{"after":"« é »"}', new Date('2026-11-27T10:00:00.123Z')]);
    try {
      await first!.query('BEGIN');
      await record(first!, a, 'first');
      await second!.query('BEGIN');
      let secondRecorded = false;
      const waiting = record(second!, a, 'second').then(() => (secondRecorded = true));
      await sleep(300);
      expect(secondRecorded).toBe(false);
      // Another article's event, meanwhile: had the waiting statement taken its id before the lock, this one's would be greater.
      await record(third!, b, 'other');
      await first!.query('COMMIT');
      await waiting;
      await second!.query('COMMIT');
      const rows = (await third!.query(`SELECT "type", "articleId", "payload" FROM "Event" WHERE "type" IN ('first', 'other', 'second') ORDER BY "id"`)).rows;
      expect(rows).toEqual([
        { type: 'first', articleId: a, payload: '{"after":"« é »"}' },
        { type: 'other', articleId: b, payload: '{"after":"« é »"}' },
        { type: 'second', articleId: a, payload: '{"after":"« é »"}' },
      ]);
      await expect.poll(() => heard.filter((id) => id === a || id === b).sort()).toEqual([a, a, b].sort());
    } finally {
      await Promise.all([first!.end(), second!.end(), third!.end(), listener.end()]);
      await dropDatabase(serverUrl, migrated);
    }
  });
});
