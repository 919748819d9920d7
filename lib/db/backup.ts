// Backups of a running Crux and their restoration (npm run db:backup, db:restore).
//
// SQLite: `VACUUM INTO` a new file. It reads the whole database inside one read
// transaction, so the copy is the database as it was at one instant, and in WAL
// mode that transaction never blocks the server's writers (nor do they disturb
// it). SQLite's online backup API (better-sqlite3's backup()) copies page by
// page between steps and starts over whenever another process writes to the
// file meanwhile: under steady writes it may never finish. VACUUM INTO also
// leaves out free pages, so the copy is compact.
//
// PostgreSQL: pg_dump's custom format. pg_dump reads everything in one
// REPEATABLE READ transaction (one snapshot, the database at one instant) and
// takes only ACCESS SHARE locks: the app goes on reading and writing. The
// standard tools, rather than a logical dump through Prisma, because they
// restore sequences, constraints and indexes exactly, a database administrator
// knows them, and the backup stays usable without Crux.
//
// Restoring checks the backup first (its integrity, and that its migrations are
// ones this version of Crux knows), refuses a target that holds data or that
// others are connected to unless told (--force), replaces the target in one
// step (SQLite: a rename; PostgreSQL: one transaction), then applies the
// migrations the backup predates.
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { databaseProvider, sqliteFilePath, type DatabaseProvider } from '../config';
import { applyPendingMigrations, readMigrations } from './schema-engine';
import { SQLITE_BUSY_TIMEOUT_MS } from './sqlite';

// --- Rules (pure) -------------------------------------------------------------------------

/** What a backup file is, by its first bytes: a SQLite database or a pg_dump custom-format archive. */
export function backupFormatOf(header: Uint8Array): DatabaseProvider | null {
  const text = Buffer.from(header).toString('latin1');
  if (text.startsWith('SQLite format 3\0')) return 'sqlite';
  if (text.startsWith('PGDMP')) return 'postgresql';
  return null;
}

/** data/backups/crux-2026-11-26T04-59-00Z.sqlite (or .pgdump): sortable by time, no colons (portable file names). */
export function defaultBackupPath(provider: DatabaseProvider, now: Date, dir: string): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  return path.join(dir, `crux-${stamp}.${provider === 'sqlite' ? 'sqlite' : 'pgdump'}`);
}

export interface RecordedMigration {
  name: string;
  finished: boolean;
  rolledBack: boolean;
}

/**
 * Why a backup's migrations cannot be restored by this version of Crux: one
 * it does not know (the backup comes from a newer version), or one that had
 * not finished when the backup was taken. Empty when it can (migrations the
 * backup predates are applied after the restore).
 */
export function migrationProblems(recorded: readonly RecordedMigration[], known: readonly string[]): string[] {
  const knownNames = new Set(known);
  const problems: string[] = [];
  if (!recorded.some((m) => m.finished && !m.rolledBack)) problems.push('it holds no Crux database (no migration applied)');
  for (const m of recorded) {
    if (m.rolledBack) continue;
    if (!knownNames.has(m.name)) problems.push(`migration ${m.name} is unknown to this version of Crux (the backup comes from a newer one: restore it with that version)`);
    else if (!m.finished) problems.push(`migration ${m.name} had not finished when the backup was taken`);
  }
  return problems;
}

/** Refuses with a message that says what went wrong and what to do. */
export class BackupError extends Error {}

// --- SQLite -------------------------------------------------------------------------------

function readRecordedMigrations(connection: Database.Database): RecordedMigration[] {
  const table = connection.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
  if (!table) return [];
  const rows = connection.prepare('SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"').all() as {
    migration_name: string;
    finished_at: unknown;
    rolled_back_at: unknown;
  }[];
  return rows.map((r) => ({ name: r.migration_name, finished: r.finished_at !== null, rolledBack: r.rolled_back_at !== null }));
}

/** PRAGMA integrity_check of a SQLite file, opened read-only. */
function checkSqliteFile(file: string): RecordedMigration[] {
  let connection: Database.Database;
  try {
    connection = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as a SQLite database: ${(error as Error).message}`);
  }
  try {
    const result = connection.pragma('integrity_check') as { integrity_check: string }[];
    const problems = result.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length) throw new BackupError(`${file} is damaged (integrity check: ${problems.slice(0, 3).join('; ')})`);
    return readRecordedMigrations(connection);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is damaged: ${(error as Error).message}`);
  } finally {
    connection.close();
  }
}

function backupSqlite(url: string, out: string): void {
  const source = new Database(sqliteFilePath(url), { fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    source.prepare('VACUUM INTO ?').run(out);
  } finally {
    source.close();
  }
  checkSqliteFile(out);
}

/**
 * Whether other connections have the file open: in WAL mode each holds a
 * shared lock, so an exclusive lock is refused (at once, no busy wait) while
 * one does. Returns a connection holding the exclusive lock, or null.
 */
function lockSqliteAlone(file: string): Database.Database | null {
  const connection = new Database(file, { timeout: 0 });
  try {
    connection.pragma('locking_mode = EXCLUSIVE');
    connection.exec('BEGIN EXCLUSIVE; COMMIT;');
    return connection;
  } catch {
    connection.close();
    return null;
  }
}

function sqliteHoldsData(connection: Database.Database): boolean {
  const tables = connection.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
  return tables.length > 0;
}

/**
 * Holds an exclusive lock on the target while `work` runs, after refusing a
 * target another process has open, or one holding data unless `force`.
 */
function withSqliteTargetAlone(target: string, force: boolean, work: (connection: Database.Database) => void): void {
  const alone = lockSqliteAlone(target);
  if (!alone) {
    throw new BackupError(
      `${target} is open in another process (a running Crux server?): stop it, then restore. A file another process has open cannot be replaced safely, even with --force.`,
    );
  }
  try {
    if (sqliteHoldsData(alone) && !force) throw new BackupError(`${target} holds a database: restoring would replace it. Run again with --force to replace it.`);
    work(alone);
  } finally {
    alone.close();
  }
}

async function restoreSqlite(backup: string, url: string, force: boolean): Promise<string[]> {
  const target = sqliteFilePath(url);
  // Refused before any work; checked again just before the file is replaced.
  if (fs.existsSync(target)) withSqliteTargetAlone(target, force, () => {});
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = `${target}.restoring-${process.pid}`;
  fs.rmSync(staging, { force: true });
  try {
    fs.copyFileSync(backup, staging);
    const applied = await applyPendingMigrations(`file:${staging}`);
    const check = new Database(staging);
    check.pragma('journal_mode = WAL');
    check.close();
    if (fs.existsSync(target)) {
      // Fold the write-ahead log into the file, so that no log of the old database is left beside the new one.
      withSqliteTargetAlone(target, force, (alone) => alone.pragma('wal_checkpoint(TRUNCATE)'));
    }
    fs.renameSync(staging, target);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    return applied;
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${staging}${suffix}`, { force: true });
  }
}

// --- PostgreSQL ---------------------------------------------------------------------------

export const POSTGRES_CLIENT_HINT =
  'install the PostgreSQL client tools, of the server’s major version or newer (Debian/Ubuntu: apt-get install -y postgresql-client; ' +
  'or the server package, which puts them in /usr/lib/postgresql/<version>/bin), or set POSTGRES_BIN_DIR to the directory holding them';

const CLIENT_TOOLS = ['pg_dump', 'pg_restore', 'psql'] as const;

/** The directory holding pg_dump, pg_restore and psql: POSTGRES_BIN_DIR, else the newest /usr/lib/postgresql/<version>/bin, else PATH. */
export function findPostgresClientTools(env: Record<string, string | undefined> = process.env): string | null {
  const has = (dir: string) => CLIENT_TOOLS.every((tool) => fs.existsSync(path.join(dir, tool)));
  if (env.POSTGRES_BIN_DIR) return has(env.POSTGRES_BIN_DIR) ? env.POSTGRES_BIN_DIR : null;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => has(path.join(root, v, 'bin'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions[0]) return path.join(root, versions[0], 'bin');
  for (const dir of (env.PATH ?? '').split(path.delimiter)) if (dir && has(dir)) return dir;
  return null;
}

/** libpq's connection parameters that may appear in a URL; Prisma's own (schema, connection_limit…) are not libpq's. */
const LIBPQ_PARAMETERS = new Set(['sslmode', 'sslcert', 'sslkey', 'sslrootcert', 'sslpassword', 'connect_timeout', 'application_name', 'options', 'target_session_attrs', 'host', 'port']);

/**
 * How the PostgreSQL tools reach the database: a URL without the password
 * (which goes in PGPASSWORD: a command line is visible to every user of the
 * machine) and without Prisma's parameters, and the schema Crux uses.
 */
export function libpqConnection(url: string): { url: string; password: string | null; schema: string } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : null;
  parsed.password = '';
  const schema = parsed.searchParams.get('schema') ?? 'public';
  for (const key of [...parsed.searchParams.keys()]) if (!LIBPQ_PARAMETERS.has(key)) parsed.searchParams.delete(key);
  return { url: parsed.toString(), password, schema };
}

function postgresTools(): (tool: (typeof CLIENT_TOOLS)[number]) => string {
  const dir = findPostgresClientTools();
  if (!dir) throw new BackupError(`pg_dump, pg_restore and psql were not found: ${POSTGRES_CLIENT_HINT}.`);
  return (tool) => path.join(dir, tool);
}

function toolEnv(password: string | null): NodeJS.ProcessEnv {
  return password === null ? { ...process.env } : { ...process.env, PGPASSWORD: password };
}

function runTool(bin: string, args: string[], password: string | null): string {
  const result = spawnSync(bin, args, { env: toolEnv(password), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new BackupError(`${path.basename(bin)} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr.trim()}`);
  }
  return result.stdout;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The migrations recorded in a custom-format archive (its _prisma_migrations data, as COPY text). */
function archiveMigrations(tool: ReturnType<typeof postgresTools>, archive: string, schema: string): RecordedMigration[] {
  const sql = runTool(tool('pg_restore'), ['--data-only', `--schema=${schema}`, '--table=_prisma_migrations', '--file=-', archive], null);
  const lines = sql.split('\n');
  const copy = lines.findIndex((l) => /^COPY \S*_prisma_migrations \(/.test(l));
  if (copy < 0) return [];
  const columns = lines[copy]!.replace(/^COPY \S+ \(/, '').replace(/\) FROM stdin;$/, '').split(', ');
  const at = (name: string) => columns.indexOf(name);
  const rows: RecordedMigration[] = [];
  for (const line of lines.slice(copy + 1)) {
    if (line === '\\.') break;
    const cells = line.split('\t');
    rows.push({ name: cells[at('migration_name')]!, finished: cells[at('finished_at')] !== '\\N', rolledBack: cells[at('rolled_back_at')] !== '\\N' });
  }
  return rows;
}

/** The archive's table of contents reads (pg_restore --list), and its migrations. */
function checkArchive(tool: ReturnType<typeof postgresTools>, archive: string, schema: string): RecordedMigration[] {
  runTool(tool('pg_restore'), ['--list', archive], null);
  return archiveMigrations(tool, archive, schema);
}

function backupPostgres(url: string, out: string): void {
  const tool = postgresTools();
  const connection = libpqConnection(url);
  runTool(tool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--schema=${connection.schema}`, `--file=${out}`, `--dbname=${connection.url}`], connection.password);
  checkArchive(tool, out, connection.schema);
}

async function restorePostgres(archive: string, url: string, force: boolean): Promise<void> {
  const tool = postgresTools();
  const connection = libpqConnection(url);
  const client = new pg.Client({ connectionString: connection.url, ...(connection.password === null ? {} : { password: connection.password }) });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ n: string }>('SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = $1', [connection.schema]);
    const { rows: sessions } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    const reasons = [
      Number(tables[0]!.n) > 0 ? `its schema "${connection.schema}" holds ${tables[0]!.n} tables` : null,
      Number(sessions[0]!.n) > 0 ? `${sessions[0]!.n} other sessions are connected to it (a running Crux server?)` : null,
    ].filter((r): r is string => r !== null);
    if (reasons.length && !force) throw new BackupError(`The database is in use: ${reasons.join('; ')}. Stop Crux, then run again with --force to replace it.`);
  } finally {
    await client.end();
  }
  // The schema dropped (the archive creates it: pg_dump --schema) and the
  // archive restored in one transaction: on any error, the database is left as it was.
  const prelude = `DROP SCHEMA IF EXISTS ${quoteIdent(connection.schema)} CASCADE;\n`;
  await new Promise<void>((resolve, reject) => {
    const env = toolEnv(connection.password);
    const restore = spawn(tool('pg_restore'), ['--no-owner', '--no-privileges', '--file=-', archive], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const psql = spawn(tool('psql'), ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1', `--dbname=${connection.url}`], { env, stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    restore.stderr.on('data', (d) => (errors += d));
    psql.stderr.on('data', (d) => (errors += d));
    // psql stops at the first error (ON_ERROR_STOP): its stdin then closes under pg_restore, and its exit code says why.
    psql.stdin.on('error', () => restore.kill());
    psql.stdin.write(prelude);
    restore.stdout.pipe(psql.stdin);
    const exits = [restore, psql].map((child) => new Promise<number | null>((done) => child.once('close', (code) => done(code))));
    Promise.all(exits).then(([a, b]) => (a === 0 && b === 0 ? resolve() : reject(new BackupError(`The restore failed and was rolled back: ${errors.trim()}`))), reject);
  });
}

// --- Both ---------------------------------------------------------------------------------

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

/** Writes a consistent backup of the running database to `out` (made whole under a temporary name, then renamed). */
export async function backupDatabase(url: string, out: string): Promise<BackupResult> {
  const started = Date.now();
  if (fs.existsSync(out)) throw new BackupError(`${out} exists already: choose another file.`);
  // It holds password and token hashes: readable by the owner only, like the database should be.
  fs.mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
  const partial = `${out}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    if (databaseProvider(url) === 'sqlite') backupSqlite(url, partial);
    else backupPostgres(url, partial);
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, out);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return { file: out, bytes: fs.statSync(out).size, ms: Date.now() - started };
}

export interface RestoreResult {
  /** Migrations applied after the restore (the backup predated them). */
  applied: string[];
  ms: number;
}

/**
 * Replaces the database at `url` with the backup, after checking it. Refuses
 * (BackupError) a damaged backup, one of the other database, one with
 * migrations this version does not know, and a target in use unless `force`.
 */
export async function restoreDatabase(backup: string, url: string, { force = false }: { force?: boolean } = {}): Promise<RestoreResult> {
  const started = Date.now();
  if (!fs.existsSync(backup)) throw new BackupError(`${backup} does not exist.`);
  const provider = databaseProvider(url);
  const header = Buffer.alloc(16);
  const fd = fs.openSync(backup, 'r');
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  const format = backupFormatOf(header);
  if (!format) throw new BackupError(`${backup} is neither a SQLite database nor a pg_dump custom-format archive.`);
  if (format !== provider) throw new BackupError(`${backup} is a ${format === 'sqlite' ? 'SQLite' : 'PostgreSQL'} backup, and DATABASE_URL is a ${provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database.`);
  const recorded = provider === 'sqlite' ? checkSqliteFile(backup) : checkArchive(postgresTools(), backup, libpqConnection(url).schema);
  const known = readMigrations(provider).migrationDirectories.map((m) => m.path);
  const problems = migrationProblems(recorded, known);
  if (problems.length) throw new BackupError(`${backup} cannot be restored: ${problems.join('; ')}.`);
  if (provider === 'sqlite') {
    const applied = await restoreSqlite(backup, url, force);
    return { applied, ms: Date.now() - started };
  }
  await restorePostgres(backup, url, force);
  const applied = await applyPendingMigrations(url);
  return { applied, ms: Date.now() - started };
}
