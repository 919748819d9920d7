// Offline migrations through the WebAssembly schema engine, against a real
// temporary SQLite file (lib/db/schema-engine.ts). Both providers' migrations
// against the schema: schema-drift.test.ts; writing them: migration-authoring.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPendingMigrations, createMigration, migrationsDirFor, readMigrations } from '../../lib/db/schema-engine';

const migrationsDir = migrationsDirFor('sqlite');

/** Every entry under prisma/migrations, recursively, with file sizes: a write anywhere shows. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, entry.name);
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        out.push(`${r}/`);
        walk(p, r);
      } else {
        out.push(`${r} ${fs.statSync(p).size}`);
      }
    }
  };
  walk(dir, '');
  return out;
}

const onDisk = fs
  .readdirSync(migrationsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/**
 * An in-memory SQLite database with every migration before the one named
 * `*_<suffix>` applied: `sql` puts the rows that migration will meet, then
 * `migrate()` applies it. For the migrations that change data.
 */
function beforeMigration(suffix: string): { sqlite: Database.Database; migrate(): void } {
  const index = onDisk.findIndex((name) => name.endsWith(`_${suffix}`));
  expect(index).toBeGreaterThan(0);
  const sqlite = new Database(':memory:');
  const run = (name: string) => sqlite.exec(fs.readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8'));
  onDisk.slice(0, index).forEach(run);
  return { sqlite, migrate: () => run(onDisk[index]!) };
}

describe('applyPendingMigrations', () => {
  let dir: string;
  let url: string;
  let file: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-unit-'));
    file = path.join(dir, 'test.db');
    url = `file:${file}`;
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has migrations on disk to apply', () => {
    expect(onDisk.length).toBeGreaterThan(0);
    expect(readMigrations('sqlite').migrationDirectories.map((m) => m.path)).toEqual(onDisk);
  });

  it('applies every migration of prisma/migrations to a fresh database, in order', async () => {
    const applied = await applyPendingMigrations(url);
    expect(applied).toEqual(onDisk);
    expect(fs.existsSync(file)).toBe(true);
  }, 60_000);

  it('applies none on a second run', async () => {
    expect(await applyPendingMigrations(url)).toEqual([]);
  }, 60_000);

  it('records each migration, finished and not rolled back, in _prisma_migrations', () => {
    const sqlite = new Database(file, { readonly: true });
    try {
      const rows = sqlite
        .prepare('SELECT migration_name, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name')
        .all() as { migration_name: string; finished_at: unknown; rolled_back_at: unknown; applied_steps_count: number }[];
      expect(rows.map((r) => r.migration_name)).toEqual(onDisk);
      for (const row of rows) {
        expect(row.finished_at).not.toBeNull();
        expect(row.rolled_back_at).toBeNull();
        expect(row.applied_steps_count).toBeGreaterThan(0);
      }
    } finally {
      sqlite.close();
    }
  });

  it('creates the tables of the schema', () => {
    const sqlite = new Database(file, { readonly: true });
    try {
      const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      for (const table of ['User', 'ApiToken', 'Article', 'ArticleRevision', 'Claim', 'Verdict', 'Source', 'Comment', 'Adjudication', 'Event']) {
        expect(tables).toContain(table);
      }
    } finally {
      sqlite.close();
    }
  });

  it('on an up-to-date database, answers at once while another instance is writing to it (a second instance starting)', async () => {
    const other = new Database(file);
    try {
      other.pragma('journal_mode = WAL');
      other.exec('BEGIN IMMEDIATE');
      other.prepare("INSERT INTO Event (type, entityId, payload, createdAt) VALUES ('probe', 'x', '{}', 0)").run();
      const started = Date.now();
      expect(await applyPendingMigrations(url)).toEqual([]);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  }, 60_000);

  it('leaves the database unlocked: another connection can write right after', () => {
    const sqlite = new Database(file, { timeout: 0 });
    try {
      sqlite.prepare("INSERT INTO User (id, email, passwordHash, role, createdAt, updatedAt) VALUES ('u1', 'a@example.org', 'x', 'admin', 0, 0)").run();
      expect((sqlite.prepare('SELECT count(*) AS n FROM User').get() as { n: number }).n).toBe(1);
    } finally {
      sqlite.close();
    }
  });
});

describe('createMigration', () => {
  it('refuses a name with no letters or digits, before touching anything', async () => {
    const before = listing(migrationsDir);
    await expect(createMigration('--- ', { postgresqlServerUrl: 'postgresql://nobody@127.0.0.1:1/none' })).rejects.toThrow(/needs a name/);
    expect(listing(migrationsDir)).toEqual(before);
  });
});

describe('the blind review migration', () => {
  it('turns blind review on for the stored articles and keeps existing verdicts revealed to their reviewers', () => {
    const { sqlite, migrate } = beforeMigration('blind_review_reveals');
    try {
      sqlite.exec(`
        INSERT INTO User (id, email, passwordHash, role, createdAt, updatedAt) VALUES ('u1', 'a@example.org', 'x', 'reviewer', 0, 0);
        INSERT INTO Article (id, title, importKey, blindReview, createdAt, updatedAt) VALUES ('stored', 'Stored', 'seed:000.txt', false, 0, 0);
        INSERT INTO Article (id, title, importKey, blindReview, createdAt, updatedAt) VALUES ('mine', 'Mine', NULL, false, 0, 0);
        INSERT INTO Claim (id, articleId, revision, exact, prefix, suffix, start, "end", createdById, updatedAt) VALUES ('c1', 'mine', 1, 'x', '', '', 0, 1, 'u1', 0);
        INSERT INTO Verdict (id, claimId, reviewerId, rating, updatedAt) VALUES ('v1', 'c1', 'u1', 'mixed', 0);
      `);
      migrate();
      const blind = sqlite.prepare('SELECT id, blindReview FROM Article ORDER BY id').all();
      // An editor's choice on an ad-hoc article stays as it was.
      expect(blind).toEqual([
        { id: 'mine', blindReview: 0 },
        { id: 'stored', blindReview: 1 },
      ]);
      expect(sqlite.prepare('SELECT claimId, userId, initialRating FROM ClaimReveal').all()).toEqual([{ claimId: 'c1', userId: 'u1', initialRating: 'mixed' }]);
      sqlite.exec("INSERT INTO Article (id, title, createdAt, updatedAt) VALUES ('new', 'New', 0, 0)");
      expect(sqlite.prepare("SELECT blindReview FROM Article WHERE id = 'new'").get()).toEqual({ blindReview: 1 });
    } finally {
      sqlite.close();
    }
  });
});

describe('the one-live-claim-per-passage migration', () => {
  it('takes deleted claims out of the unique index and keeps earlier duplicates live, the first marked holding the passage', () => {
    const { sqlite, migrate } = beforeMigration('claim_live_passage_unique');
    try {
      const claim = (id: string, start: number, createdAt: number, deletedAt: number | null) =>
        `INSERT INTO Claim (id, articleId, revision, exact, prefix, suffix, start, "end", createdById, createdAt, updatedAt, deletedAt) VALUES ('${id}', 'a1', 1, 'x', '', '', ${start}, ${start + 5}, 'u1', ${createdAt}, 0, ${deletedAt ?? 'NULL'});`;
      sqlite.exec(`
        INSERT INTO User (id, email, passwordHash, role, createdAt, updatedAt) VALUES ('u1', 'a@example.org', 'x', 'reviewer', 0, 0);
        INSERT INTO Article (id, title, createdAt, updatedAt) VALUES ('a1', 'Article', 0, 0);
        ${claim('deleted-1', 0, 1, 5)}
        ${claim('deleted-2', 0, 2, 6)}
        ${claim('live', 0, 3, null)}
        ${claim('raced-first', 10, 1, null)}
        ${claim('raced-second', 10, 2, null)}
        ${claim('alone', 20, 1, null)}
      `);
      migrate();
      expect(sqlite.prepare('SELECT id, liveKey FROM Claim ORDER BY start, createdAt').all()).toEqual([
        { id: 'deleted-1', liveKey: 'deleted-1' },
        { id: 'deleted-2', liveKey: 'deleted-2' },
        { id: 'live', liveKey: '' },
        { id: 'raced-first', liveKey: '' },
        { id: 'raced-second', liveKey: 'raced-second' },
        { id: 'alone', liveKey: '' },
      ]);
      // From now on the database refuses a second live claim on a passage.
      expect(() => sqlite.exec(claim('another', 20, 4, null))).toThrow(/UNIQUE constraint failed/);
    } finally {
      sqlite.close();
    }
  });
});

describe('the article counts migration', () => {
  it('fills each article’s counts and each claim’s verdicts from the rows already there', () => {
    const { sqlite, migrate } = beforeMigration('article_counts');
    try {
      const claim = (id: string, articleId: string, start: number, deletedAt: number | null) =>
        `INSERT INTO Claim (id, articleId, revision, exact, prefix, suffix, start, "end", createdById, updatedAt, deletedAt, liveKey) VALUES ('${id}', '${articleId}', 1, 'x', '', '', ${start}, ${start + 5}, 'u1', 0, ${deletedAt ?? 'NULL'}, '${deletedAt === null ? '' : id}');`;
      const verdict = (claimId: string, reviewerId: string) => `INSERT INTO Verdict (id, claimId, reviewerId, rating, updatedAt) VALUES ('${claimId}-${reviewerId}', '${claimId}', '${reviewerId}', 'true', 0);`;
      sqlite.exec(`
        INSERT INTO User (id, email, passwordHash, role, createdAt, updatedAt) VALUES ('u1', 'a@example.org', 'x', 'reviewer', 0, 0), ('u2', 'b@example.org', 'x', 'reviewer', 0, 0);
        INSERT INTO Article (id, title, createdAt, updatedAt) VALUES ('a1', 'One', 0, 0), ('a2', 'Two', 0, 0), ('empty', 'None', 0, 0);
        ${claim('judged-twice', 'a1', 0, null)} ${verdict('judged-twice', 'u1')} ${verdict('judged-twice', 'u2')}
        ${claim('unjudged', 'a1', 10, null)}
        ${claim('deleted-judged', 'a1', 20, 5)} ${verdict('deleted-judged', 'u1')}
        ${claim('judged-once', 'a2', 0, null)} ${verdict('judged-once', 'u2')}
      `);
      migrate();
      expect(sqlite.prepare('SELECT id, claimCount, reviewedClaimCount FROM Article ORDER BY id').all()).toEqual([
        { id: 'a1', claimCount: 2, reviewedClaimCount: 1 },
        { id: 'a2', claimCount: 1, reviewedClaimCount: 1 },
        { id: 'empty', claimCount: 0, reviewedClaimCount: 0 },
      ]);
      expect(sqlite.prepare('SELECT id, verdictCount FROM Claim ORDER BY id').all()).toEqual([
        { id: 'deleted-judged', verdictCount: 1 },
        { id: 'judged-once', verdictCount: 1 },
        { id: 'judged-twice', verdictCount: 2 },
        { id: 'unjudged', verdictCount: 0 },
      ]);
    } finally {
      sqlite.close();
    }
  });
});

describe('the event payload migration', () => {
  const seeded = `
    INSERT INTO User (id, email, passwordHash, role, createdAt, updatedAt) VALUES ('u1', 'a@example.org', 'x', 'reviewer', 0, 0);
    INSERT INTO Article (id, title, createdAt, updatedAt) VALUES ('a1', 'Un', 0, 0);
    INSERT INTO Event (articleId, type, entityId, claimId, actorId, payload, createdAt) VALUES
      ('a1', 'article.created', 'a1', NULL, 'u1', '{"title":"Un"}', 0),
      ('a1', 'claim.created', 'c1', 'c1', 'u1', '{"exact":"« Le chômage »"}', 0),
      ('a1', 'claim.deleted', 'c2', 'c2', NULL, '{"id":"c2"}', 0);
    DELETE FROM Event WHERE id = 3;`;

  it('keeps every event, its id and the id counter, and refuses a payload that is not JSON from then on', () => {
    const { sqlite, migrate } = beforeMigration('event_payload_json');
    try {
      sqlite.exec(seeded);
      const before = sqlite.prepare('SELECT * FROM Event ORDER BY id').all();
      migrate();
      expect(sqlite.prepare('SELECT * FROM Event ORDER BY id').all()).toEqual(before);
      // The next event gets id 4, not 3 again: a live stream that last saw 3 must not miss it.
      sqlite.exec(`INSERT INTO Event (articleId, type, entityId, payload) VALUES ('a1', 'claim.updated', 'c1', '{}')`);
      expect(sqlite.prepare('SELECT max(id) AS id FROM Event').get()).toEqual({ id: 4 });
      expect(() => sqlite.exec(`INSERT INTO Event (articleId, type, entityId, payload) VALUES ('a1', 'claim.updated', 'c1', '{"note":"coupé')`)).toThrow(
        'CHECK constraint failed: Event_payload_json',
      );
      expect(sqlite.prepare('SELECT count(*) AS n FROM Event').get()).toEqual({ n: 3 });
      // The article's events are still deleted with it.
      sqlite.exec('PRAGMA foreign_keys = ON; DELETE FROM Article');
      expect(sqlite.prepare('SELECT count(*) AS n FROM Event').get()).toEqual({ n: 0 });
    } finally {
      sqlite.close();
    }
  });

  it('fails before it changes anything on a database already holding a payload that is not JSON', () => {
    const { sqlite, migrate } = beforeMigration('event_payload_json');
    try {
      sqlite.exec(`${seeded} UPDATE Event SET payload = 'pas du JSON' WHERE id = 2;`);
      const tables = () => sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
      const before = tables();
      expect(migrate).toThrow('malformed JSON');
      expect(tables()).toEqual(before);
    } finally {
      sqlite.close();
    }
  });
});
