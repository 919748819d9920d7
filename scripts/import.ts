// npm run import -- <archive.json>
// Imports a Crux archive (an export with format=json) into this instance's
// database (DATABASE_URL) and prints what it created and what was already present.
// Importing the same file again changes nothing (lib/services/archive-import.ts).
import fs from 'node:fs';
import { databaseUrl } from '../lib/config';
import { createDb } from '../lib/db/client';
import { malformed } from '../lib/errors';
import { importArchive, type ImportCounts } from '../lib/services/archive-import';
import { loadEnv, runCli } from './cli';

const counted = (c: ImportCounts) => `${c.created} created, ${c.present} already present`;

await runCli(async () => {
  loadEnv();
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!file) throw malformed('Give the archive to import: npm run import -- <file.json>');
  let input: unknown;
  try {
    input = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw malformed(`${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  const db = createDb(databaseUrl());
  try {
    const summary = await importArchive(db, input);
    for (const r of summary.results) console.log(`${r.created ? 'imported' : 'already present'}: ${r.title} (article ${r.id})`);
    console.log(`articles: ${counted(summary.articles)}`);
    console.log(`claims: ${counted(summary.claims)}`);
    console.log(`verdicts: ${counted(summary.verdicts)}`);
    console.log(`people: ${summary.users.present} matched by email, ${summary.users.created} created (deactivated: an admin activates them)`);
  } finally {
    await db.$disconnect();
  }
});
