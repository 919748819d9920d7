// npm run db:migration -- <name> — write a new migration from prisma/schema.prisma.
import path from 'node:path';
import { createMigration } from '../lib/db/schema-engine';

const name = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (!name) {
  console.error('Usage: npm run db:migration -- <name>');
  process.exit(2);
}
const dir = await createMigration(name);
console.log(dir ? `Wrote ${path.relative(process.cwd(), dir)}/migration.sql` : 'No schema change: nothing written.');
