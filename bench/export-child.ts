// One measurement of the export part of `npm run bench` (bench/export.ts), in
// a process of its own so that its peak memory (max RSS) is its own:
//   node [--max-old-space-size=96] <bundle of this file> <format|baseline> <database url>
// (bench/export.ts bundles it; `node --import tsx bench/export-child.ts …` runs it as it is.)
// Prints one JSON line: {ms, bytes, claims, maxRssMiB, baseRssMiB} (the RSS before the export starts).
import { byteChunks } from '../lib/byte-chunks';
import { createDb } from '../lib/db/client';
import type { ExportFormatId } from '../lib/export/format';
import { loadClaimRecords } from '../lib/services/claim-rows';
import { toClaimDetail } from '../lib/services/claim-views';
import { reviewSettings } from '../lib/services/articles';
import { exportStream } from '../lib/services/exports';

const [what, url] = process.argv.slice(2) as [ExportFormatId | 'baseline', string];
const db = createDb(url);
const admin = { id: 'bench', email: 'bench@localhost', name: 'bench', role: 'admin' } as const;
// The process before the export: Node, the code and Prisma's engine loaded, the database open.
await db.user.count();
const baseRssMiB = process.memoryUsage().rss / 1048576;
const start = performance.now();
let bytes = 0;
let claims = 0;
if (what === 'baseline') {
  // The same claims as the exports see them, all held in memory, then one JSON.stringify.
  const all = [];
  for (const article of await db.article.findMany()) {
    const settings = reviewSettings(article);
    for (const record of await loadClaimRecords(db, article.id)) all.push(toClaimDetail(record, settings, admin));
  }
  claims = all.length;
  bytes = Buffer.byteLength(JSON.stringify(all));
} else {
  // The bytes a download gets: the same UTF-8 chunks the route sends (lib/http.ts streamBody).
  const stream = await exportStream({ db, actor: admin }, { format: what, scope: 'all' }, { baseUrl: 'https://crux.example.org', env: {} });
  for await (const chunk of byteChunks(stream.body)) bytes += chunk.length;
  claims = await db.claim.count({ where: { deletedAt: null } });
}
const ms = performance.now() - start;
await db.$disconnect();
console.log(JSON.stringify({ ms, bytes, claims, maxRssMiB: process.resourceUsage().maxRSS / 1024, baseRssMiB }));
