// Offline migrations through Prisma's own WebAssembly schema engine.
// Prisma's CLI wants a native engine binary it downloads at install time; this
// drives the same engine compiled to WebAssembly through the app's driver adapter
// (better-sqlite3 or pg), reading and writing each provider's migrations in
// Prisma's standard layout (prisma/migrations for SQLite, prisma/postgresql/migrations
// for PostgreSQL, see scripts/prisma-schemas.mjs), so `prisma migrate deploy`
// stays interchangeable wherever the native engine exists.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PROVIDERS, schemaFor } from '../../scripts/prisma-schemas.mjs';
import { databaseProvider, projectRoot, type DatabaseProvider } from '../config';
import { adapterFactoryFor } from './adapter';
import { createDb } from './client';
import { createDatabase, databaseUrlOn, dropDatabase } from './postgresql-databases';

const DATABASE_PROVIDERS: readonly DatabaseProvider[] = ['sqlite', 'postgresql'];

/**
 * Every function below works on the project's prisma/ directory, or on the one
 * under `root` (a copy, in the tests that write migrations).
 */
interface ProjectOption {
  root?: string;
}

/** Where a provider's schema file is (for PostgreSQL, derived from prisma/schema.prisma). */
const schemaPathFor = (provider: DatabaseProvider, root = projectRoot) => path.join(root, PROVIDERS[provider].schema);
export const migrationsDirFor = (provider: DatabaseProvider, root = projectRoot) => path.join(root, PROVIDERS[provider].migrations);

/** A provider's schema, derived afresh from prisma/schema.prisma (never a stale generated file). */
function datamodelFor(provider: DatabaseProvider, root = projectRoot) {
  return { path: schemaPathFor(provider, root), content: schemaFor(provider, root) };
}

/**
 * The engine's glue module (schema_engine_bg.js) is one per process, whereas
 * this module may be loaded more than once (each Vitest project's setup has its
 * own module graph): instantiating the WebAssembly twice would swap the memory
 * under a running engine. So the instance is kept process-wide.
 */
const wasm = globalThis as { cruxSchemaEngineWasm?: Promise<void> };

/**
 * The engine's panic hook writes the message here before the WebAssembly traps
 * (the call then fails); without it, a panic crashes the process instead.
 */
const panicRegistry = {
  set_message: (message: string) => console.error(`Prisma schema engine panic: ${message}`),
};

function loadWasm(): Promise<void> {
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= panicRegistry;
  wasm.cruxSchemaEngineWasm ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmFile = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmFile), { './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports });
    bg.__wbg_set_wasm(instance.exports);
    // Initialises wasm-bindgen's table of JS values; without it values passed back
    // from the driver adapter are misread (as the package's own entry point does).
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasm.cruxSchemaEngineWasm;
}

type Connection = Awaited<ReturnType<SqlMigrationAwareDriverAdapterFactory['connect']>>;

interface Engine {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened (it leaves them open, holding SQLite's lock). */
  close(): Promise<void>;
}

/** pg's result, as PgQueryable's private performIO returns it. */
type PgResult = { fields: { dataTypeID: number }[] };
const PG_CHAR = 18; // "char": the one-byte type of pg_catalog columns (relkind, contype…)
const PG_TEXT = 25;

/**
 * The engine reads PostgreSQL's catalogs, whose "char" columns @prisma/adapter-pg
 * refuses ("Column type 'char' could not be deserialized"): every diff against a
 * PostgreSQL database would fail. pg already returns those values as strings, so
 * the engine's connections present them as text.
 */
function readCatalogCharAsText<T extends object>(queryable: T): T {
  const io = queryable as unknown as { performIO?: (query: unknown) => Promise<PgResult> };
  const performIO = io.performIO?.bind(queryable);
  if (!performIO) throw new Error('@prisma/adapter-pg changed: its queryable has no performIO to adapt for the schema engine.');
  io.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
    return result;
  };
  return queryable;
}

/**
 * A new, empty database on the server of `url` for the engine to replay
 * migrations in, dropped on dispose. @prisma/adapter-pg's own connectToShadowDb
 * (7.10) creates one but then connects to `url`'s database all the same (pg
 * lets the connection string's database win over the `database` option): the
 * engine would replay, and reset, the migrations in the very database it diffs.
 */
async function connectToPostgresqlShadowDb(url: string): Promise<Connection> {
  const name = `prisma_migrate_shadow_db_${crypto.randomUUID().replace(/-/g, '')}`;
  await createDatabase(url, name);
  const shadow = await new PrismaPg({ connectionString: databaseUrlOn(url, name) }).connect();
  const dispose = shadow.dispose.bind(shadow);
  let disposed: Promise<void> | undefined;
  shadow.dispose = () => (disposed ??= dispose().finally(() => dropDatabase(url, name)));
  return shadow;
}

/**
 * The adapter factory for the engine, which (1) remembers the connections the
 * engine opens, so they can be closed, (2) on SQLite, replays multi-statement
 * migrations on the shadow database through executeScript: the engine sends
 * each as one executeRaw call, which better-sqlite3 refuses, and (3) on
 * PostgreSQL, gives the engine a shadow database of its own
 * (connectToPostgresqlShadowDb) and lets it read the catalogs (readCatalogCharAsText).
 */
function engineFactory(url: string, shadowDatabaseUrl: string | undefined, opened: Connection[]): SqlMigrationAwareDriverAdapterFactory {
  const factory = adapterFactoryFor(url, { shadowDatabaseUrl, schemaEngine: true }) as unknown as SqlMigrationAwareDriverAdapterFactory;
  const postgresql = databaseProvider(url) === 'postgresql';
  const adapt = (connection: Connection): Connection => {
    opened.push(connection);
    if (!postgresql) return connection;
    const startTransaction = connection.startTransaction.bind(connection);
    connection.startTransaction = async (isolationLevel) => readCatalogCharAsText(await startTransaction(isolationLevel));
    return readCatalogCharAsText(connection);
  };
  return Object.assign(Object.create(factory) as SqlMigrationAwareDriverAdapterFactory, {
    async connect(): Promise<Connection> {
      return adapt(await factory.connect());
    },
    async connectToShadowDb(): Promise<Connection> {
      if (postgresql) return adapt(await connectToPostgresqlShadowDb(url));
      const shadow = adapt(await factory.connectToShadowDb());
      const executeRaw = shadow.executeRaw.bind(shadow);
      shadow.executeRaw = async (query) => {
        if (query.args.length === 0 && /;\s*\S/.test(query.sql)) {
          await shadow.executeScript(query.sql);
          return 0;
        }
        return executeRaw(query);
      };
      return shadow;
    },
  });
}

async function openEngine(url: string, { root = projectRoot, shadowDatabaseUrl }: ProjectOption & { shadowDatabaseUrl?: string } = {}): Promise<Engine> {
  await loadWasm();
  const opened: Connection[] = [];
  const factory = engineFactory(url, shadowDatabaseUrl, opened);
  const datamodel = datamodelFor(databaseProvider(url), root);
  const log = (message: string) => {
    if (process.env.CRUX_DEBUG_MIGRATIONS) console.error(message);
  };
  const engine = await bg.SchemaEngine.new({ datamodels: [[datamodel.path, datamodel.content]] }, log, bindMigrationAwareSqlAdapterFactory(factory));
  return {
    engine,
    async close() {
      engine.free();
      await Promise.allSettled(opened.map((c) => c.dispose()));
    },
  };
}

/** A provider's migrations on disk, as the engine expects them. */
export function readMigrations(provider: DatabaseProvider, { root }: ProjectOption = {}): MigrationList {
  const dir = migrationsDirFor(provider, root);
  const lockPath = path.join(dir, 'migration_lock.toml');
  const names = fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: names.map((name) => {
      const file = path.join(dir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: fs.existsSync(file)
            ? { tag: 'ok' as const, value: fs.readFileSync(file, 'utf8') }
            : { tag: 'error' as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies the pending migrations of the URL's provider to the database; returns the names just applied. */
export async function applyPendingMigrations(url: string, options: ProjectOption = {}): Promise<string[]> {
  const migrationsList = readMigrations(databaseProvider(url), options);
  // Every instance migrates as it starts. The engine takes the database for
  // itself and fails while another instance is writing, so an up-to-date
  // database (the usual case) is recognised by a plain read and left alone.
  const applied = await appliedMigrationNames(url);
  if (migrationsList.migrationDirectories.every((m) => applied.has(m.path))) return [];
  const { engine, close } = await openEngine(url, options);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

/** The migrations recorded as applied; none when the database or its migrations table is not there yet. */
async function appliedMigrationNames(url: string): Promise<Set<string>> {
  const db = createDb(url);
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    return new Set(rows.map((r) => r.migration_name));
  } catch {
    return new Set();
  } finally {
    await db.$disconnect();
  }
}

/** The SQL that would take the database to prisma/schema.prisma; empty when they agree. */
export async function diffDatabaseToSchema(url: string, options: ProjectOption = {}): Promise<string> {
  const { engine, close } = await openEngine(url, options);
  try {
    const datamodel = datamodelFor(databaseProvider(url), options.root);
    const result = await engine.diff({
      // The schema's datasource is the database the engine's adapter is connected to.
      from: { tag: 'schemaDatasource', files: [datamodel], configDir: options.root ?? projectRoot },
      to: { tag: 'schemaDatamodel', files: [datamodel] },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    // exitCode 2 means "the diff is not empty".
    return result.exitCode === 2 ? (result.stdout ?? '') : '';
  } finally {
    await close();
  }
}

/**
 * The SQL that takes a database from a provider's migrations to the current
 * schema, null when there is none. `url` is a database of that provider the
 * engine may use: SQLite's is a scratch file; on PostgreSQL the engine replays
 * the migrations in a shadow database it creates (and drops) on that server.
 */
async function pendingSchemaChange(provider: DatabaseProvider, url: string, options: ProjectOption & { shadowDatabaseUrl?: string }): Promise<string | null> {
  const { engine, close } = await openEngine(url, options);
  try {
    const existing = readMigrations(provider, options);
    const result = await engine.diff({
      from: existing.migrationDirectories.length > 0 ? { tag: 'migrations', ...existing } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [datamodelFor(provider, options.root)] },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    return result.exitCode === 2 && result.stdout ? result.stdout : null;
  } finally {
    await close();
  }
}

function writeMigration(dir: string, provider: DatabaseProvider, name: string, sql: string): string {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  const lock = path.join(dir, 'migration_lock.toml');
  if (!fs.existsSync(lock)) {
    fs.writeFileSync(lock, `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`);
  }
  return path.join(dir, name);
}

export function migrationSlug(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  if (!slug) throw new Error('A migration needs a name, e.g. npm run db:migration -- add_comments');
  return slug;
}

/**
 * Writes `<timestamp>_<name>/migration.sql` for BOTH providers, under the same
 * name, with the SQL that takes each provider's migrations to the current
 * schema. `postgresqlServerUrl` is a PostgreSQL server where databases may be
 * created (for the shadow database); no live data is touched. Returns the new
 * directories, or [] when the schema has no change.
 */
export async function createMigration(name: string, options: ProjectOption & { postgresqlServerUrl: string }): Promise<string[]> {
  const slug = migrationSlug(name);
  if (databaseProvider(options.postgresqlServerUrl) !== 'postgresql') throw new Error('postgresqlServerUrl must be a postgresql:// URL.');
  // SQLite replays the migrations on scratch files; no live database is touched.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-migration-'));
  let changes: Record<DatabaseProvider, string | null>;
  try {
    changes = {
      sqlite: await pendingSchemaChange('sqlite', `file:${path.join(scratch, 'main.db')}`, { ...options, shadowDatabaseUrl: `file:${path.join(scratch, 'shadow.db')}` }),
      postgresql: await pendingSchemaChange('postgresql', options.postgresqlServerUrl, options),
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  if (!changes.sqlite && !changes.postgresql) return [];
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  // Both sets keep the same names, so a change that needs SQL on one provider
  // only still gets its (commented) migration on the other.
  return DATABASE_PROVIDERS.map((provider) =>
    writeMigration(migrationsDirFor(provider, options.root), provider, `${stamp}_${slug}`, changes[provider] ?? `-- ${slug}: no change to the ${provider} database.\n`),
  );
}
