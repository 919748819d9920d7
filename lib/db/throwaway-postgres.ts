// A temporary PostgreSQL cluster from the machine's own binaries: for the tests
// on PostgreSQL and for writing PostgreSQL migrations (their shadow database)
// when no server is at hand. Everything lives in one temporary directory that
// stop() removes. initdb and pg_ctl refuse to run as root, so as root they run
// as the `postgres` system user (runuser), on a directory handed over to it.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const POSTGRES_INSTALL_HINT =
  'install the PostgreSQL server binaries (Debian/Ubuntu: apt-get install -y postgresql; they land in /usr/lib/postgresql/<version>/bin), ' +
  'or set POSTGRES_BIN_DIR to the directory holding initdb and pg_ctl';

/** The directory holding initdb and pg_ctl: POSTGRES_BIN_DIR, else the newest /usr/lib/postgresql/<version>/bin, else PATH. */
export function findPostgresBinaries(env: Record<string, string | undefined> = process.env): string | null {
  const has = (dir: string) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'));
  if (env.POSTGRES_BIN_DIR) return has(env.POSTGRES_BIN_DIR) ? env.POSTGRES_BIN_DIR : null;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).filter((v) => has(path.join(root, v, 'bin'))).sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], 'bin');
  for (const dir of (env.PATH ?? '').split(path.delimiter)) if (dir && has(dir)) return dir;
  return null;
}

export interface ThrowawayPostgres {
  /** Superuser URL of the cluster's `postgres` database (trust authentication, loopback only). */
  readonly url: string;
  readonly port: number;
  /** Stops the server at once and removes its directory (also done when this process ends, however it ends). */
  stop(): void;
  /**
   * Kills the server as a crash would: SIGKILL to the postmaster and every
   * process of it, by their ids; the data directory stays, as a crash leaves it.
   */
  crash(): void;
  /** Starts the server again on the same directory and port (after crash(): PostgreSQL's crash recovery replays its log). */
  restart(): Promise<void>;
}

export interface ThrowawayPostgresOptions {
  /**
   * Durability as a production server has it (fsync, synchronous_commit and
   * full_page_writes at PostgreSQL's defaults), for tests that crash it;
   * otherwise off, since the data is thrown away anyway and tests run faster.
   */
  durable?: boolean;
}

/** The ids of the processes whose parent is `pid` (Linux /proc). */
function childProcesses(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.existsSync('/proc') ? fs.readdirSync('/proc') : []) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid …; comm may hold spaces and parentheses, so read after the last ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return children;
}

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/**
 * A detached shell that waits for this process to end, then stops the server
 * and removes its directory: a test run that is interrupted or crashes
 * (Ctrl-C, a closed pipe, a kill) leaves no server behind.
 */
function watchdog(stopCommand: [string, string[]], dir: string): ChildProcess {
  const stop = [stopCommand[0], ...stopCommand[1]].map(quote).join(' ');
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${stop} >/dev/null 2>&1; rm -rf ${quote(dir)}`;
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  return child;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

/** The command line of a PostgreSQL binary, as the `postgres` user when we are root. */
function commandLine(bin: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/** Runs a PostgreSQL binary. */
function run(bin: string, args: string[]): void {
  const [command, argv] = commandLine(bin, args);
  const result = spawnSync(command, argv, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${path.basename(bin)} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`);
  }
}

/**
 * Starts a new cluster on a free loopback port. Durability is off (fsync,
 * synchronous commit) unless asked for: the data is thrown away anyway and
 * tests run faster.
 */
export async function startThrowawayPostgres({ durable = false }: ThrowawayPostgresOptions = {}): Promise<ThrowawayPostgres> {
  const bin = findPostgresBinaries();
  if (!bin) throw new Error(`PostgreSQL binaries not found: ${POSTGRES_INSTALL_HINT}.`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-pg-'));
  const data = path.join(dir, 'data');
  const guard = watchdog(commandLine(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']), dir);
  let started = false;
  const stop = () => {
    guard.kill();
    if (started) {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already gone; removing its directory is what matters.
      }
      started = false;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (isRoot()) execFileSync('chown', ['postgres:postgres', dir]);
    const initdb = (locale: string) =>
      run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', `--locale=${locale}`, '--no-sync']);
    try {
      initdb('C.UTF-8');
    } catch {
      // A system without the C.UTF-8 locale: plain C, the same order of strings (by code point).
      fs.rmSync(data, { recursive: true, force: true });
      initdb('C');
    }
    const options = (port: number) =>
      [
        `-p ${port}`,
        `-k ${dir}`,
        "-c listen_addresses='127.0.0.1'",
        ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
        '-c max_connections=300',
      ].join(' ');
    const start = (port: number) => run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options(port), '-l', path.join(dir, 'server.log'), '-w', 'start']);
    let port = 0;
    // The free port may be taken before the server binds it: try another.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        start(port);
        break;
      } catch (error) {
        if (attempt < 3) continue;
        const log = path.join(dir, 'server.log');
        throw new Error(`${(error as Error).message}${fs.existsSync(log) ? `\n${fs.readFileSync(log, 'utf8')}` : ''}`);
      }
    }
    started = true;
    const crash = () => {
      const postmaster = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      // Its processes first (their ids read while the postmaster is there to be their parent), then the postmaster.
      for (const pid of [...childProcesses(postmaster), postmaster]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      started = false;
    };
    const restart = async () => {
      // The killed processes may take a moment to be gone; the postmaster refuses to start beside them.
      for (let attempt = 1; ; attempt++) {
        try {
          start(port);
          break;
        } catch (error) {
          if (attempt >= 20) throw error;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      started = true;
    };
    return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, port, stop, crash, restart };
  } catch (error) {
    stop();
    throw error;
  }
}

