// A freshly migrated database per describe block, with the project's own
// migrations: the tests see the app's schema, constraints and transactions.
// Each file runs twice (vitest.config.ts): in the `sqlite` project on a copy of
// a migrated template file (support/sqlite-setup.ts), in the `postgresql`
// project on a copy of a migrated template database of the run's PostgreSQL
// server (support/postgresql-setup.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { DatabaseProvider } from '../../../lib/config';
import { createDb, db, type Db } from '../../../lib/db/client';
import { createDatabase, dropDatabase } from '../../../lib/db/postgresql-databases';
import { DomainError } from '../../../lib/errors';
import type { Actor, ServiceContext } from '../../../lib/services/context';
import { upsertUser } from '../../../lib/services/users';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The database the tests of this project run on (vitest.config.ts). */
    databaseProvider: DatabaseProvider;
    /** The migrated template file (sqlite project only). */
    sqliteTemplate: string;
    /** The run's PostgreSQL server and migrated template, or why there is none (postgresql project only). */
    postgresql: { serverUrl: string; template: string } | { error: string };
  }
}

/** The provider of the project the test runs in. */
export const testProvider: DatabaseProvider = inject('databaseProvider');

/** The run's PostgreSQL server (superuser URL) and migrated template; throws why there is none. */
export function postgresqlServer(): { serverUrl: string; template: string } {
  const server = inject('postgresql');
  if (!server) throw new Error('No PostgreSQL server in this project: run the test in the `postgresql` project.');
  if ('error' in server) throw new Error(server.error);
  return server;
}

export interface TestDatabase {
  readonly url: string;
  /** Removes the database; disconnect its clients first. */
  drop(): Promise<void>;
}

/**
 * A new database of the project's provider: migrated (the default) or empty.
 * Another test that needs a DATABASE_URL of its own (two app instances on one
 * database, a CLI run) takes one here.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  if (testProvider === 'postgresql') {
    const { serverUrl, template } = postgresqlServer();
    const name = `crux_test_${crypto.randomBytes(6).toString('hex')}`;
    const url = await createDatabase(serverUrl, name, { template: migrated ? template : 'template0' });
    return { url, drop: () => dropDatabase(serverUrl, name) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-unit-'));
  const file = path.join(dir, 'test.db');
  if (migrated) fs.copyFileSync(inject('sqliteTemplate'), file);
  return { url: `file:${file}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function useDatabase(): { readonly db: Db } {
  const state: { db?: Db; database?: TestDatabase } = {};
  beforeAll(async () => {
    state.database = await createTestDatabase();
    state.db = createDb(state.database.url);
  }, 60_000);
  afterAll(async () => {
    await state.db?.$disconnect();
    await state.database?.drop();
  });
  return {
    get db() {
      if (!state.db) throw new Error('database not ready');
      return state.db;
    },
  };
}

/**
 * A database of its own for the code that reaches it through the process's
 * client (`db()`, from DATABASE_URL): route handlers and server actions called
 * in-process. Created before the file's other `beforeAll` hooks, dropped after
 * its other `afterAll` hooks (Vitest runs those in reverse), DATABASE_URL restored.
 */
export function useProcessDatabase(): void {
  const previousUrl = process.env.DATABASE_URL;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
  }, 60_000);
  afterAll(async () => {
    await db().$disconnect();
    await database?.drop();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });
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
