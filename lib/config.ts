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

/**
 * Crux's public address, for the permalinks exports carry (ClaimReview's
 * `url`, Web Annotation ids): CRUX_PUBLIC_URL, else AUTH_URL (the public
 * address Auth.js uses), else `fallback` — the address a request came to, or
 * for the CLI http://localhost:3000. No trailing slash.
 */
export function publicBaseUrl(env: Record<string, string | undefined> = process.env, fallback = 'http://localhost:3000'): string {
  const configured = env.CRUX_PUBLIC_URL?.trim() || env.AUTH_URL?.trim();
  return (configured || fallback).replace(/\/+$/, '');
}

/** Who publishes the fact-checks (ClaimReview's author): CRUX_ORGANIZATION_NAME (default "Crux") and CRUX_ORGANIZATION_URL (default the public address). */
export function exportOrganization(env: Record<string, string | undefined>, baseUrl: string): { name: string; url: string } {
  return { name: env.CRUX_ORGANIZATION_NAME?.trim() || 'Crux', url: env.CRUX_ORGANIZATION_URL?.trim() || baseUrl };
}
