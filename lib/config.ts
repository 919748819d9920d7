import path from 'node:path';

/** Project root: scripts and the server both run from it. */
export const projectRoot = process.cwd();

export const DEFAULT_DATABASE_URL = 'file:./data/crux.db';

export type DatabaseProvider = 'sqlite' | 'postgresql';

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export function databaseProvider(url: string): DatabaseProvider {
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgresql';
  if (url.startsWith('file:')) return 'sqlite';
  throw new Error(`DATABASE_URL must start with file: or postgresql:// (got "${url.slice(0, 20)}…")`);
}

/** Absolute file path of a `file:` SQLite URL, relative paths taken from the project root. */
export function sqliteFilePath(url: string): string {
  const raw = url.slice('file:'.length).split('?')[0]!;
  return path.resolve(/* turbopackIgnore: true */ projectRoot, raw);
}
