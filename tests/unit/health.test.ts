import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../lib/db/client';
import { databaseIsReachable } from '../../lib/services/health';
import { createTestDatabase, testProvider, useDatabase } from './support/database';

describe(`databaseIsReachable on ${testProvider}`, () => {
  const t = useDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-health-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

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
      const unreachable = path.join(dir, 'a-directory');
      fs.mkdirSync(unreachable);
      url = `file:${unreachable}`;
    }
    const db = createDb(url);
    try {
      expect(await databaseIsReachable(db)).toBe(false);
    } finally {
      await db.$disconnect().catch(() => {});
    }
  });
});
