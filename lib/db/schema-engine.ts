// Offline migrations through Prisma's own WebAssembly schema engine.
// Prisma's CLI wants a native engine binary it downloads at install time; this
// drives the same engine compiled to WebAssembly through the app's driver adapter,
// reading and writing prisma/migrations in Prisma's standard layout, so
// `prisma migrate deploy` stays interchangeable wherever the native engine exists.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { projectRoot } from '../config';
import { adapterFactoryFor } from './adapter';

export const schemaPath = path.join(projectRoot, 'prisma', 'schema.prisma');
export const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');

let wasmReady: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmFile = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmFile), { './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports });
    bg.__wbg_set_wasm(instance.exports);
    // Initialises wasm-bindgen's table of JS values; without it values passed back
    // from the driver adapter are misread (as the package's own entry point does).
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

type Connection = Awaited<ReturnType<SqlMigrationAwareDriverAdapterFactory['connect']>>;

interface Engine {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened (it leaves them open, holding SQLite's lock). */
  close(): Promise<void>;
}

/**
 * Wraps the adapter factory to (1) remember the connections the engine opens,
 * so they can be closed, and (2) replay multi-statement migrations on the shadow
 * database through executeScript: the engine sends each as one executeRaw call,
 * which better-sqlite3 refuses.
 */
function engineFactory(factory: SqlMigrationAwareDriverAdapterFactory, opened: Connection[]): SqlMigrationAwareDriverAdapterFactory {
  return Object.assign(Object.create(factory) as SqlMigrationAwareDriverAdapterFactory, {
    async connect(): Promise<Connection> {
      const connection = await factory.connect();
      opened.push(connection);
      return connection;
    },
    async connectToShadowDb(): Promise<Connection> {
      const shadow = await factory.connectToShadowDb();
      opened.push(shadow);
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

async function openEngine(url: string, shadowDatabaseUrl?: string): Promise<Engine> {
  await loadWasm();
  const opened: Connection[] = [];
  const factory = engineFactory(adapterFactoryFor(url, { shadowDatabaseUrl, schemaEngine: true }) as unknown as SqlMigrationAwareDriverAdapterFactory, opened);
  const datamodel = fs.readFileSync(schemaPath, 'utf8');
  const log = (message: string) => {
    if (process.env.CRUX_DEBUG_MIGRATIONS) console.error(message);
  };
  const engine = await bg.SchemaEngine.new({ datamodels: [[schemaPath, datamodel]] }, log, bindMigrationAwareSqlAdapterFactory(factory));
  return {
    engine,
    async close() {
      engine.free();
      await Promise.allSettled(opened.map((c) => c.dispose()));
    },
  };
}

/** The migrations on disk, as the engine expects them. */
export function readMigrations(dir: string = migrationsDir): MigrationList {
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

/** Applies pending migrations to the database; returns the names just applied. */
export async function applyPendingMigrations(url: string): Promise<string[]> {
  const { engine, close } = await openEngine(url);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: readMigrations(), filters: noFilters });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
 * takes a database from the existing migrations to the current schema.
 * Returns the new directory, or null when the schema has no change.
 */
export async function createMigration(name: string, provider: 'sqlite' | 'postgresql' = 'sqlite'): Promise<string | null> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  if (!slug) throw new Error('A migration needs a name, e.g. npm run db:migration -- add_comments');
  // The engine replays existing migrations on a shadow database (in memory for
  // scratch SQLite files) and diffs the result against the schema; no live database is touched.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-migration-'));
  const { engine, close } = await openEngine(`file:${path.join(scratch, 'main.db')}`, `file:${path.join(scratch, 'shadow.db')}`);
  try {
    const existing = readMigrations();
    const result = await engine.diff({
      from: existing.migrationDirectories.length > 0 ? { tag: 'migrations', ...existing } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: fs.readFileSync(schemaPath, 'utf8') }] },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    // exitCode 2 means "the diff is not empty".
    if (result.exitCode !== 2 || !result.stdout) return null;
    const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${slug}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), result.stdout);
    const lock = path.join(migrationsDir, 'migration_lock.toml');
    if (!fs.existsSync(lock)) {
      fs.writeFileSync(lock, `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`);
    }
    return dir;
  } finally {
    await close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
