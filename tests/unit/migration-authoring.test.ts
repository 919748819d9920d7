// npm run db:migration writes each schema change for both providers under one
// name (lib/db/schema-engine.ts createMigration). The PostgreSQL side needs a
// server for its shadow database: the run's (postgresql project only).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPendingMigrations, createMigration, diffDatabaseToSchema, migrationsDirFor } from '../../lib/db/schema-engine';
import { createDatabase, dropDatabase } from '../../lib/db/postgresql-databases';
import { postgresqlServer } from './support/database';

/** Every file under dir with its content: a write anywhere shows. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[path.relative(dir, path.join(entry.parentPath, entry.name))] = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

describe('createMigration', () => {
  const { serverUrl } = postgresqlServer();

  it('writes nothing when the schema matches both sets of migrations', async () => {
    const before = snapshot(path.resolve('prisma'));
    let written: string[] = [];
    try {
      written = await createMigration('noop', { postgresqlServerUrl: serverUrl });
    } finally {
      // Never leave a stray migration behind for the lead to commit by mistake.
      for (const dir of written) fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(written).toEqual([]);
    expect(snapshot(path.resolve('prisma'))).toEqual(before);
  }, 60_000);

  it("replays the migrations in a shadow database of its own, leaving the server's databases as they were", async () => {
    const name = `crux_authoring_live_${process.pid}`;
    const url = await createDatabase(serverUrl, name);
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      expect(await createMigration('noop', { postgresqlServerUrl: url })).toEqual([]);
      const live = new pg.Client({ connectionString: url });
      await live.connect();
      const tables = await live.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").finally(() => live.end());
      expect(tables.rows).toEqual([]);
      const shadows = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
      expect(shadows.rows).toEqual([]);
    } finally {
      await client.end();
      await dropDatabase(serverUrl, name);
    }
  }, 60_000);

  describe('on a schema change (in a copy of prisma/)', () => {
    let root: string;
    let written: string[];

    beforeAll(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-authoring-'));
      fs.cpSync(path.resolve('prisma/schema.prisma'), path.join(root, 'prisma/schema.prisma'));
      for (const provider of ['sqlite', 'postgresql'] as const) fs.cpSync(migrationsDirFor(provider), migrationsDirFor(provider, root), { recursive: true });
      const schema = path.join(root, 'prisma/schema.prisma');
      fs.writeFileSync(schema, fs.readFileSync(schema, 'utf8').replace(/^(\s+note\s+String\?)$/m, '$1\n  weight Float @default(1)'));
      written = await createMigration('claim weight', { postgresqlServerUrl: serverUrl, root });
    }, 60_000);
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it('writes one migration per provider, under the same name', () => {
      expect(written.map((dir) => path.relative(root, path.dirname(dir)))).toEqual(['prisma/migrations', 'prisma/postgresql/migrations']);
      const [sqliteName, postgresqlName] = written.map((dir) => path.basename(dir));
      expect(sqliteName).toMatch(/^\d{14}_claim_weight$/);
      expect(postgresqlName).toBe(sqliteName);
    });

    it("in each provider's SQL", () => {
      const [sqlite, postgresql] = written.map((dir) => fs.readFileSync(path.join(dir, 'migration.sql'), 'utf8'));
      expect(sqlite).toContain('"weight" REAL NOT NULL DEFAULT 1');
      expect(postgresql).toContain('ADD COLUMN     "weight" DOUBLE PRECISION NOT NULL DEFAULT 1');
    });

    it('that takes a PostgreSQL database to the changed schema', async () => {
      const name = `crux_authoring_${process.pid}`;
      const url = await createDatabase(serverUrl, name);
      try {
        await applyPendingMigrations(url, { root });
        expect(await diffDatabaseToSchema(url, { root })).toBe('');
      } finally {
        await dropDatabase(serverUrl, name);
      }
    }, 60_000);

    it('and a SQLite one', async () => {
      const url = `file:${path.join(root, 'check.db')}`;
      await applyPendingMigrations(url, { root });
      expect(await diffDatabaseToSchema(url, { root })).toBe('');
    }, 60_000);
  });
});
