// npm start: prepare (secret, migrations, stored article), build when the
// sources changed since the last build, then serve the production app.
// npm run dev: the same preparation, then the development server.
import { spawn } from 'node:child_process';
import { projectRoot } from '../lib/config';
import { loadEnv } from './cli';
import { buildIfStale, ensureAuthSecret, nextBin, prepareDatabase } from './prepare-app';

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
/**
 * How long an idle keep-alive connection stays open: longer than the idle
 * timeout of what sits in front (nginx's upstream keepalive_timeout and most
 * load balancers': 60 s). Node's 5 s default let a proxy, or a client, reuse
 * a connection in the very instant the server closed it: a 502 or a reset
 * connection for a request that never arrived. A stop still closes idle
 * connections at once (Node's server.close()).
 */
const KEEP_ALIVE_MS = 65_000;
const server = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '--port', port, ...(dev ? [] : ['--keepAliveTimeout', String(KEEP_ALIVE_MS)])], {
  stdio: 'inherit',
  cwd: projectRoot,
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
