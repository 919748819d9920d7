import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../lib/db/client';
import { databaseIsReachable } from '../../lib/services/health';

describe('databaseIsReachable', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-health-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is true for a database that answers', async () => {
    const db = createDb(`file:${path.join(dir, 'ok.db')}`);
    expect(await databaseIsReachable(db)).toBe(true);
    await db.$disconnect();
  });

  it('is false when the database file cannot be opened (here: a directory)', async () => {
    const unreachable = path.join(dir, 'a-directory');
    fs.mkdirSync(unreachable);
    const db = createDb(`file:${unreachable}`);
    expect(await databaseIsReachable(db)).toBe(false);
  });
});
