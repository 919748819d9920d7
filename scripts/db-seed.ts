// npm run db:seed — import the stored articles (prisma/seed) once.
import { databaseUrl } from '../lib/config';
import { createDb } from '../lib/db/client';
import { seedStoredArticles } from '../lib/seed';
import { loadEnv, runCli } from './cli';

await runCli(async () => {
  loadEnv();
  const db = createDb(databaseUrl());
  for (const s of await seedStoredArticles(db)) console.log(`${s.file}: ${s.created ? 'imported as' : 'already present as'} article ${s.id}`);
  await db.$disconnect();
});
