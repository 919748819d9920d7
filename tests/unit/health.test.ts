import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createDb, type Db } from '../../lib/db/client';
import { checkHealth, databaseIsReachable } from '../../lib/services/health';
import { createTestDatabase, testProvider, useDatabase } from './support/database';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-health-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A SQLite database path that cannot be opened: a directory. */
function unreachableUrl(): string {
  const unreachable = fs.mkdtempSync(path.join(dir, 'a-directory-'));
  return `file:${unreachable}`;
}

describe(`databaseIsReachable on ${testProvider}`, () => {
  const t = useDatabase();

  it('is true for a database that answers', async () => {
    expect(await databaseIsReachable(t.db)).toBe(true);
  });

  it('is false for a database that cannot be opened (SQLite: a directory; PostgreSQL: no such database)', async () => {
    let url: string;
    if (testProvider === 'postgresql') {
      const dropped = await createTestDatabase({ migrated: false });
      await dropped.drop();
      url = dropped.url;
    } else {
      url = unreachableUrl();
    }
    const db = createDb(url);
    try {
      expect(await databaseIsReachable(db)).toBe(false);
    } finally {
      await db.$disconnect().catch(() => {});
    }
  });

  it('is false, in time, when the database does not answer at all', async () => {
    const silent = { $queryRaw: () => new Promise(() => undefined) } as unknown as Db;
    const started = performance.now();
    expect(await databaseIsReachable(silent, 50)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('checkHealth', () => {
  it('200 with the database ok', async () => {
    const db = createDb(`file:${path.join(dir, 'ok.db')}`);
    expect(await checkHealth(db)).toEqual({ httpStatus: 200, body: { status: 'ok', database: 'ok' } });
    await db.$disconnect();
  });

  it('503 with the database unreachable', async () => {
    expect(await checkHealth(createDb(unreachableUrl()))).toEqual({ httpStatus: 503, body: { status: 'degraded', database: 'unreachable' } });
  });
});

describe('GET /api/health', () => {
  it('answers 503 with a JSON body saying the database is unreachable, never cached', async () => {
    vi.stubEnv('DATABASE_URL', unreachableUrl());
    const { GET } = await import('../../app/api/health/route');
    const response = await GET();
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'degraded', database: 'unreachable' });
    vi.unstubAllEnvs();
  });
});
