// Everything the app needs before it serves: a session secret, the schema
// migrated, the stored articles imported. Idempotent: a second run changes nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { databaseUrl, projectRoot } from '../lib/config';
import { createDb } from '../lib/db/client';
import { applyPendingMigrations } from '../lib/db/schema-engine';
import { seedStoredArticles } from '../lib/seed';

/** AUTH_SECRET from the environment, else from data/auth-secret (created once, readable by the owner only). */
export function ensureAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(projectRoot, 'data', 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url') + '\n', { mode: 0o600 });
    console.log(`Created a session secret in ${path.relative(projectRoot, file)} (set AUTH_SECRET to use your own).`);
  }
  process.env.AUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
  return process.env.AUTH_SECRET;
}

export async function prepareDatabase(): Promise<void> {
  const url = databaseUrl();
  const applied = await applyPendingMigrations(url);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  const db = createDb(url);
  try {
    for (const seeded of await seedStoredArticles(db)) {
      if (seeded.created) console.log(`Imported ${seeded.file} as article ${seeded.id}`);
    }
  } finally {
    await db.$disconnect();
  }
}
