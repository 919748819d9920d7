// Shared bits of the command-line scripts.
import nextEnv from '@next/env';
import readline from 'node:readline';
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

/**
 * A secret typed at the terminal, not echoed, asked twice when `again` is given
 * (a typo would otherwise lock the account out); from a pipe, its first line.
 */
export async function readSecret(prompt: string, again?: string): Promise<string> {
  if (!process.stdin.isTTY) return firstLine();
  const first = await hiddenLine(prompt);
  if (again !== undefined && (await hiddenLine(again)) !== first) throw new Error('The two passwords differ: nothing was changed.');
  return first;
}

async function firstLine(): Promise<string> {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

/** One line from the terminal in raw mode: nothing is echoed; Backspace edits, Ctrl-C stops. */
function hiddenLine(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    let typed = '';
    const finish = (action: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      action();
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(() => resolve(typed));
        if (char === '\u0003') return finish(() => reject(new Error('Cancelled.')));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
