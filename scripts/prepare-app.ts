// Everything the app needs before it serves: a session secret, the schema
// migrated, the stored articles imported, a current production build.
// Idempotent: a second run changes nothing. Shared by npm start and npm run bench.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { databaseUrl, projectRoot } from '../lib/config';
import { createDb } from '../lib/db/client';
import { applyPendingMigrations } from '../lib/db/schema-engine';
import { seedStoredArticles } from '../lib/seed';

/** AUTH_SECRET from the environment, else from data/auth-secret (created once, readable by the owner only). */
export function ensureAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(projectRoot, 'data', 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url') + '\n', { mode: 0o600 });
    console.log(`Created a session secret in ${path.relative(projectRoot, file)} (set AUTH_SECRET to use your own).`);
  }
  process.env.AUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
  return process.env.AUTH_SECRET;
}

export async function prepareDatabase(): Promise<void> {
  const url = databaseUrl();
  const applied = await applyPendingMigrations(url);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  const db = createDb(url);
  try {
    for (const seeded of await seedStoredArticles(db)) {
      if (seeded.created) console.log(`Imported ${seeded.file} as article ${seeded.id}`);
    }
  } finally {
    await db.$disconnect();
  }
}

export const nextBin = path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next');

/**
 * `next start`'s flags for how long an idle keep-alive connection stays open:
 * 65 s, longer than the idle timeout of what sits in front (nginx's upstream
 * keepalive_timeout and most load balancers': 60 s). Node's 5 s default let a
 * proxy, or a client, reuse a connection in the very instant the server closed
 * it: a 502 or a reset connection for a request that never arrived. A stop
 * still closes idle connections at once (Node's server.close()).
 */
export const KEEP_ALIVE_ARGS = ['--keepAliveTimeout', '65000'] as const;

const SOURCES = ['app', 'components', 'lib', 'next.config.mjs', 'package-lock.json', 'tsconfig.json'];

function newestMtime(entry: string): number {
  const full = path.join(projectRoot, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(full).reduce((max, child) => Math.max(max, newestMtime(path.join(entry, child))), stat.mtimeMs);
}

function buildIsCurrent(): boolean {
  const buildId = path.join(projectRoot, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return false;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.every((s) => newestMtime(s) <= built);
}

/** Builds the production app when the sources changed since the last build; the build's exit status (0 when none was needed). */
export function buildIfStale(): number {
  if (buildIsCurrent()) return 0;
  console.log('Building the production app (first start or sources changed)…');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', cwd: projectRoot, env: process.env });
  return build.status ?? 1;
}
