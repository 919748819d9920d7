// lib/db/throwaway-postgres.ts and lib/db/postgresql-databases.ts: the clusters
// and databases the tests, db:migration and other scripts make for themselves
// (postgresql project only: it needs the run's server).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDatabase, databaseUrlOn, dropDatabase } from '../../lib/db/postgresql-databases';
import { findPostgresBinaries, startThrowawayPostgres } from '../../lib/db/throwaway-postgres';
import { postgresqlServer } from './support/database';

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('findPostgresBinaries', () => {
  it('takes POSTGRES_BIN_DIR when it holds initdb and pg_ctl, and finds nothing when it does not', () => {
    const found = findPostgresBinaries();
    expect(found).not.toBeNull();
    expect(findPostgresBinaries({ POSTGRES_BIN_DIR: found! })).toBe(found);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-no-pg-'));
    try {
      expect(findPostgresBinaries({ POSTGRES_BIN_DIR: empty })).toBeNull();
    } finally {
      fs.rmSync(empty, { recursive: true });
    }
  });
});

describe('startThrowawayPostgres', () => {
  it('starts a server that answers on loopback; stop() shuts it down and removes its directory', async () => {
    const before = new Set(fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('crux-pg-')));
    const cluster = await startThrowawayPostgres();
    const dirs = fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('crux-pg-') && !before.has(d));
    expect(dirs).toHaveLength(1);
    expect(await query(cluster.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    cluster.stop();
    expect(fs.existsSync(path.join(os.tmpdir(), dirs[0]!))).toBe(false);
    await expect(query(cluster.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
  }, 60_000);
});

describe('a durable throwaway cluster', () => {
  it('runs with fsync and synchronous commits on; a crash (SIGKILL to all its processes) loses no commit; restart() brings it back on its port', async () => {
    const cluster = await startThrowawayPostgres({ durable: true });
    try {
      expect(await query(cluster.url, `SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sync`)).toEqual([{ fsync: 'on', sync: 'on' }]);
      await query(cluster.url, 'CREATE TABLE kept (n int)');
      await query(cluster.url, 'INSERT INTO kept SELECT generate_series(1, 1000)');
      cluster.crash();
      await expect(query(cluster.url, 'SELECT 1')).rejects.toThrow();
      await cluster.restart();
      expect(await query(cluster.url, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 1000 }]);
    } finally {
      cluster.stop();
    }
  }, 60_000);
});

describe('createDatabase and dropDatabase', () => {
  const { serverUrl, template } = postgresqlServer();

  it('copy a template, with its tables; drop closes what is still connected', async () => {
    const name = `crux_copy_${process.pid}`;
    const url = await createDatabase(serverUrl, name, { template });
    expect(url).toBe(databaseUrlOn(serverUrl, name));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    client.on('error', () => {}); // the drop ends this connection
    expect((await client.query(`SELECT count(*)::int AS n FROM "User"`)).rows).toEqual([{ n: 0 }]);
    await dropDatabase(serverUrl, name);
    expect(await query(serverUrl, `SELECT datname FROM pg_database WHERE datname = '${name}'`)).toEqual([]);
    await client.end().catch(() => {});
  });

  it('databaseUrlOn keeps the user, password, host, port and options', () => {
    expect(databaseUrlOn('postgresql://crux:s%40cret@db.example.org:6543/postgres?sslmode=require', 'crux_test')).toBe(
      'postgresql://crux:s%40cret@db.example.org:6543/crux_test?sslmode=require',
    );
  });
});
