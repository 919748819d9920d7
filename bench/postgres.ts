// A PostgreSQL database for the benchmark: CRUX_BENCH_POSTGRES_URL when set
// (a database the bench may fill; it creates its own schema), else a
// throwaway cluster from the local binaries, started as the `postgres` user
// (initdb and pg_ctl refuse root) in a temporary directory on a free port,
// and removed afterwards. Null when neither is available, with the reason.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server';

export interface BenchPostgres {
  url: string;
  /** Where it comes from, for the report. */
  origin: string;
  /** Stops and removes the throwaway cluster; nothing for a given URL. */
  stop(): void;
}

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

function binDir(): string | null {
  return BIN_DIRS.find((dir) => fs.existsSync(path.join(dir, 'initdb'))) ?? null;
}

function asPostgres(args: string[], options: { timeout?: number } = {}): string {
  const runAs = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', ...args]] as const : [args[0]!, args.slice(1)] as const;
  return execFileSync(runAs[0], [...runAs[1]], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeout ?? 60_000 });
}

export async function benchPostgres(): Promise<BenchPostgres | { unavailable: string }> {
  const given = process.env.CRUX_BENCH_POSTGRES_URL?.trim();
  if (given) return { url: given, origin: 'CRUX_BENCH_POSTGRES_URL', stop: () => undefined };
  const bin = binDir();
  if (!bin) return { unavailable: 'no PostgreSQL binaries (set CRUX_BENCH_POSTGRES_URL, or install postgresql)' };
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    } catch {
      return { unavailable: 'running as root without a postgres user to run initdb as' };
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-bench-pg-'));
  const data = path.join(dir, 'data');
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres:', dir]);
    const port = await freePort();
    asPostgres([path.join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'], { timeout: 120_000 });
    // Loopback only, the socket in our directory; otherwise PostgreSQL's defaults (fsync on), as a server would run.
    const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir}`;
    asPostgres([path.join(bin, 'pg_ctl'), '-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
    const stop = () => {
      try {
        asPostgres([path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already stopped; the directory goes anyway.
      }
      remove();
    };
    try {
      asPostgres([path.join(bin, 'createdb'), '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'crux']);
    } catch (error) {
      stop();
      throw error;
    }
    return { url: `postgresql://postgres@127.0.0.1:${port}/crux`, origin: `a throwaway PostgreSQL ${path.basename(path.dirname(bin))} cluster`, stop };
  } catch (error) {
    remove();
    const stderr = (error as { stderr?: string }).stderr;
    return { unavailable: `could not start a throwaway cluster: ${stderr?.trim().split('\n').at(-1) ?? (error instanceof Error ? error.message : String(error))}` };
  }
}
