import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createDb, type Db } from '../../lib/db/client';
import { checkHealth, databaseIsReachable } from '../../lib/services/health';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-health-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database path that cannot be opened: a directory. */
function unreachableUrl(): string {
  const unreachable = fs.mkdtempSync(path.join(dir, 'a-directory-'));
  return `file:${unreachable}`;
}

describe('databaseIsReachable', () => {
  it('is true for a database that answers', async () => {
    const db = createDb(`file:${path.join(dir, 'ok.db')}`);
    expect(await databaseIsReachable(db)).toBe(true);
    await db.$disconnect();
  });

  it('is false when the database file cannot be opened (here: a directory)', async () => {
    expect(await databaseIsReachable(createDb(unreachableUrl()))).toBe(false);
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
