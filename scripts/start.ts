// npm start: prepare (secret, migrations, stored article), build when the
// sources changed since the last build, then serve the production app.
// npm run dev: the same preparation, then the development server.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../lib/config';
import { loadEnv } from './cli';
import { ensureAuthSecret, prepareDatabase } from './prepare-app';

const dev = process.argv.includes('--dev');
const nextBin = path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
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

loadEnv();
// No network here, and no need to phone home from a newsroom's server.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
ensureAuthSecret();
await prepareDatabase();

if (!dev && !buildIsCurrent()) {
  console.log('Building the production app (first start or sources changed)…');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', cwd: projectRoot, env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? '3000';
const server = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '--port', port], {
  stdio: 'inherit',
  cwd: projectRoot,
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
