// The PostgreSQL bus on the test run's server (postgresql project only), in a
// database of its own: LISTEN/NOTIFY channels are per database, so other files
// running at the same time neither hear nor disturb these.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase } from '../../lib/db/postgresql-databases';
import { PG_ANNOUNCE_SQL, PG_CHANNEL, createPostgresBus, type PostgresBus } from '../../lib/live/postgres';
import { postgresqlServer } from './support/database';

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
});
