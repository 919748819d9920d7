import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './config';
import type { Db } from './db/client';
import { importArticleOnce } from './services/articles';

export const seedDir = path.join(projectRoot, 'prisma', 'seed');

/**
 * Imports the articles stored with Crux (prisma/seed/*.txt), each exactly as a
 * user's plain-text article would be, once: the file name is the import key.
 */
export async function seedStoredArticles(db: Db): Promise<{ file: string; id: string; created: boolean }[]> {
  const files = fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort();
  const results = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(seedDir, file), 'utf8');
    const { article, created } = await importArticleOnce(db, `seed:${file}`, { text });
    results.push({ file, id: article.id, created });
  }
  return results;
}
