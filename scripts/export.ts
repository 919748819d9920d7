// npm run export -- --format <json|csv|claimreview|w3c> [--article <id>] [--scope reviewed|all]
//   [--status a,b] [--rating a,b] [--reviewer <id>] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
//   [--delimiter ','|';'|tab] [--bom true|false] --out <file>
// Every article (or one) as an admin sees it, streamed to <file>. Exit code 1
// with the reason on bad options. CRUX_PUBLIC_URL (else AUTH_URL) gives the
// permalinks' address.
import { databaseUrl, publicBaseUrl } from '../lib/config';
import { createDb } from '../lib/db/client';
import { invalidField } from '../lib/errors';
import { exportToFile } from '../lib/services/export-file';
import { loadEnv, parseFlags, runCli } from './cli';

/** The options the export query takes, as flags. */
const QUERY_FLAGS = ['format', 'scope', 'status', 'rating', 'reviewer', 'from', 'to', 'delimiter', 'bom'];
const OTHER_FLAGS = ['article', 'out'];

/** Whoever runs the CLI on the server sees what an admin sees: blind review does not apply. */
const CLI_ADMIN = { id: 'cli', email: 'cli@localhost', name: 'npm run export', role: 'admin' } as const;

await runCli(async () => {
  loadEnv();
  const flags = parseFlags(process.argv.slice(2));
  for (const flag of Object.keys(flags)) {
    if (!QUERY_FLAGS.includes(flag) && !OTHER_FLAGS.includes(flag)) throw invalidField(flag, `Unknown option --${flag}; the options are --${[...QUERY_FLAGS, ...OTHER_FLAGS].join(', --')}.`);
  }
  if (!flags.format) throw invalidField('format', 'Give the format with --format json, csv, claimreview or w3c.');
  if (!flags.out || flags.out === 'true') throw invalidField('out', 'Give the file to write with --out <file>.');
  const query = Object.fromEntries(QUERY_FLAGS.filter((f) => flags[f] !== undefined).map((f) => [f, flags[f]]));
  const db = createDb(databaseUrl());
  try {
    const { filename, bytes } = await exportToFile({ db, actor: CLI_ADMIN }, query, { articleId: flags.article, baseUrl: publicBaseUrl() }, flags.out);
    console.log(`Wrote ${filename} (${bytes.toLocaleString('en')} bytes).`);
  } finally {
    await db.$disconnect();
  }
});
