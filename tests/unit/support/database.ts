// A freshly migrated temporary SQLite database per describe block, with the
// project's own migrations: the tests see the app's schema, constraints and
// transactions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { createDb, type Db } from '../../../lib/db/client';
import { applyPendingMigrations } from '../../../lib/db/schema-engine';
import { DomainError } from '../../../lib/errors';
import type { Actor, ServiceContext } from '../../../lib/services/context';
import { upsertUser } from '../../../lib/services/users';

export function useDatabase(): { readonly db: Db } {
  const state: { db?: Db; dir?: string } = {};
  beforeAll(async () => {
    state.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-unit-'));
    const url = `file:${path.join(state.dir, 'test.db')}`;
    await applyPendingMigrations(url);
    state.db = createDb(url);
  }, 60_000);
  afterAll(async () => {
    await state.db?.$disconnect();
    if (state.dir) fs.rmSync(state.dir, { recursive: true, force: true });
  });
  return {
    get db() {
      if (!state.db) throw new Error('database not ready');
      return state.db;
    },
  };
}

let emailCounter = 0;
export async function makeUser(db: Db, role: Actor['role'], name: string | null = null): Promise<Actor> {
  emailCounter += 1;
  const { user } = await upsertUser(db, { email: `${role}-${emailCounter}-${Date.now()}@example.org`, password: 'correct horse', role, ...(name ? { name } : {}) });
  return user;
}

export const ctxFor = (db: Db, actor: Actor | null): ServiceContext => ({ db, actor });

type Path = (string | number)[];

/** Awaits a rejection and checks it is a DomainError with this status (and these issue paths). */
export async function expectDomainError(promise: Promise<unknown>, status: number, paths?: Path[]): Promise<DomainError> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a ${status} DomainError, got ${JSON.stringify(value)?.slice(0, 200)}`);
    },
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw error;
  expect(error.status).toBe(status);
  if (paths) expect(error.issues.map((i) => i.path)).toEqual(paths);
  return error;
}
