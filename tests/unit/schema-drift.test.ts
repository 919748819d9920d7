// prisma/schema.prisma is the one source of truth for the models; each provider
// has its own migrations (lib/db/schema-engine.ts). Runs on SQLite and on
// PostgreSQL (vitest.config.ts): each provider's migrations must build exactly
// the schema, and both sets must move in step.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../lib/db/client';
import { applyPendingMigrations, diffDatabaseToSchema, migrationsDirFor } from '../../lib/db/schema-engine';
import { postgresqlSchema, PROVIDERS, schemaFor } from '../../scripts/prisma-schemas.mjs';
import type { DatabaseProvider } from '../../lib/config';
import { createTestDatabase, testProvider } from './support/database';

const migrationNames = (provider: DatabaseProvider) =>
  fs
    .readdirSync(migrationsDirFor(provider), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

describe(`the ${testProvider} migrations`, () => {
  it('applied to an empty database, build exactly prisma/schema.prisma', async () => {
    const database = await createTestDatabase({ migrated: false });
    try {
      expect(await applyPendingMigrations(database.url)).toEqual(migrationNames(testProvider));
      expect(await diffDatabaseToSchema(database.url)).toBe('');
    } finally {
      await database.drop();
    }
  }, 60_000);

  it('a database that differs from the schema shows in the diff', async () => {
    const database = await createTestDatabase();
    const db = createDb(database.url);
    try {
      await db.$executeRawUnsafe('DROP INDEX "Claim_articleId_start_idx"');
      await db.$disconnect();
      expect(await diffDatabaseToSchema(database.url)).toContain('CREATE INDEX "Claim_articleId_start_idx"');
    } finally {
      await db.$disconnect();
      await database.drop();
    }
  }, 60_000);
});

describe('the two migration sets', () => {
  it('PostgreSQL starts from a baseline of the schema, then has the same migrations as SQLite', () => {
    const [baseline, ...later] = migrationNames('postgresql');
    expect(baseline).toMatch(/^\d{14}_baseline$/);
    expect(later).toEqual(migrationNames('sqlite').filter((name) => name > baseline!));
  });

  it('each set declares its provider in migration_lock.toml', () => {
    for (const provider of ['sqlite', 'postgresql'] as const) {
      expect(fs.readFileSync(path.join(migrationsDirFor(provider), 'migration_lock.toml'), 'utf8')).toMatch(new RegExp(`^provider = "${provider}"$`, 'm'));
    }
  });
});

describe('the PostgreSQL schema', () => {
  const source = fs.readFileSync(PROVIDERS.sqlite.schema, 'utf8');

  it('is prisma/schema.prisma with only the provider, the client output and the relation joins changed', () => {
    const derived = postgresqlSchema(source).split('\n');
    const joins = derived.findIndex((line) => /^\s+previewFeatures = \["relationJoins"\]$/.test(line));
    expect(joins).toBeGreaterThan(0);
    const withoutJoins = derived.filter((_, i) => i !== joins);
    const original = ['', '', '', ...source.split('\n')];
    const changed = withoutJoins.filter((line, i) => line !== original[i]);
    expect(withoutJoins).toHaveLength(original.length);
    expect(changed).toEqual([
      expect.stringMatching(/^\/\/ GENERATED from prisma\/schema\.prisma/),
      expect.stringMatching(/^\/\/ Change the models there/),
      expect.stringMatching(/^\s+output\s+= "\.\.\/\.\.\/lib\/generated\/postgresql"$/),
      expect.stringMatching(/^\s+provider = "postgresql"$/),
    ]);
  });

  it('refuses a schema whose datasource is not SQLite', () => {
    expect(() => postgresqlSchema(source.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/expected `datasource db \{ provider = "sqlite" \}`/);
  });

  it('on disk (what its client was generated from) is current: else run node scripts/prisma-generate.mjs', () => {
    expect(fs.readFileSync(PROVIDERS.postgresql.schema, 'utf8')).toBe(schemaFor('postgresql'));
  });
});
