// Shared bits of the command-line scripts.
import nextEnv from '@next/env';
import { projectRoot } from '../lib/config';

/** Loads .env files the way `next start` does, so scripts and server agree on DATABASE_URL. */
export function loadEnv(): void {
  nextEnv.loadEnvConfig(projectRoot);
}

/** `--key value` pairs from argv. */
export function parseFlags(argv: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) flags[key] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags[key] = argv[++i]!;
    else flags[key] = 'true';
  }
  return flags;
}

/** Runs a CLI body; domain errors print their message and field issues, exit 1. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
    process.exit(0);
  } catch (error) {
    const e = error as { message?: string; issues?: { path: (string | number)[]; message: string }[] };
    console.error(`Error: ${e.message ?? String(error)}`);
    for (const issue of e.issues ?? []) console.error(`  --${issue.path.join('.')}: ${issue.message}`);
    process.exit(1);
  }
}
