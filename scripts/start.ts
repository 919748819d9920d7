// npm start: prepare (secret, migrations, stored article), build when the
// sources changed since the last build, then serve the production app.
// npm run dev: the same preparation, then the development server.
import { spawn } from 'node:child_process';
import { projectRoot } from '../lib/config';
import { loadEnv } from './cli';
import { buildIfStale, ensureAuthSecret, KEEP_ALIVE_ARGS, nextBin, prepareDatabase } from './prepare-app';

const dev = process.argv.includes('--dev');

loadEnv();
// No network here, and no need to phone home from a newsroom's server.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
ensureAuthSecret();
await prepareDatabase();

if (!dev) {
  const status = buildIfStale();
  if (status !== 0) process.exit(status);
}

const port = process.env.PORT ?? '3000';
const server = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '--port', port, ...(dev ? [] : KEEP_ALIVE_ARGS)], {
  stdio: 'inherit',
  cwd: projectRoot,
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
