// The production server as `npm start` runs it (`next start`), on a free
// loopback port, for one database. Shared by the page, API and load parts of
// the benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { projectRoot } from '../lib/config';
import { KEEP_ALIVE_ARGS, nextBin } from '../scripts/prepare-app';
import { get } from './api';

export interface CruxServer {
  base: string;
  /** The last lines the server printed (its errors among them). */
  logTail(): string;
  /** Stops the server and its children (its own process group), SIGKILL after 5 s. */
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = http.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `next start` on 127.0.0.1 and a free port against `databaseUrl`, and
 * waits until /api/health answers 200. `nodeArgs` go to Node before Next's
 * script (e.g. `--cpu-prof`, which NODE_OPTIONS refuses).
 */
export async function startCrux(databaseUrl: string, options: { nodeArgs?: string[] } = {}): Promise<CruxServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), nextBin, 'start', '--hostname', '127.0.0.1', '--port', String(port), ...KEEP_ALIVE_ARGS], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: crypto.randomBytes(32).toString('base64url'),
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => log.push(chunk.toString()) > 200 && log.shift());

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const until = Date.now() + 60_000;
  try {
    while (Date.now() < until) {
      if (child.exitCode !== null) throw new Error(`the server exited:\n${log.join('')}`);
      const ok = await get(`${base}/api/health`, {}, 2_000).then((r) => r.status === 200, () => false);
      if (ok) return { base, stop, logTail: () => log.join('') };
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the server did not answer /api/health within 60 s:\n${log.join('')}`);
  } catch (error) {
    await stop();
    throw error;
  }
}
