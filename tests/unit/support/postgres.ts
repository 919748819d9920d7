// A throwaway PostgreSQL cluster for a describe block: initdb in a temporary
// directory, started on a free port of 127.0.0.1, stopped and removed after.
// initdb and pg_ctl refuse to run as root, so as root they run as the
// `postgres` account (runuser). Without PostgreSQL binaries the tests fail
// and say how to install them: a database that cannot be tested is not a
// database that works.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** The directory with initdb and pg_ctl: CRUX_PG_BIN, else the newest /usr/lib/postgresql/<n>/bin. */
export function postgresBinDir(): string | null {
  const candidates = [process.env.CRUX_PG_BIN];
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(root, v, 'bin')));
  }
  return candidates.find((dir): dir is string => !!dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) ?? null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL program, as `postgres` when we are root. */
function run(bin: string, args: string[]): void {
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(command, argv, { stdio: 'pipe' });
}

export function usePostgresCluster(): { readonly url: string } {
  const state: { dir?: string; url?: string; bin?: string } = {};
  beforeAll(async () => {
    const bin = postgresBinDir();
    if (!bin) {
      throw new Error(
        'PostgreSQL binaries (initdb, pg_ctl) were not found, so the PostgreSQL tests cannot run. Install them ' +
          '(Debian: apt-get install -y postgresql) or point CRUX_PG_BIN at their directory.',
      );
    }
    state.bin = bin;
    state.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-pg-'));
    if (asRoot) execFileSync('chown', ['postgres:', state.dir]);
    const data = path.join(state.dir, 'data');
    const port = await freePort();
    run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
    // Sockets in the temporary directory; durability off: the cluster lives for one test file.
    const options = `-p ${port} -k ${state.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(state.dir, 'log'), '-w', '-t', '60', 'start']);
    state.url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  }, 120_000);
  afterAll(() => {
    if (!state.dir) return;
    try {
      if (state.bin && state.url) run(path.join(state.bin, 'pg_ctl'), ['-D', path.join(state.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(state.dir, { recursive: true, force: true });
    }
  }, 60_000);
  return {
    get url() {
      if (!state.url) throw new Error('PostgreSQL cluster not ready');
      return state.url;
    },
  };
}
