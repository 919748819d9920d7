import nextEnv from '@next/env';
import { defineConfig } from 'prisma/config';
import { PROVIDERS } from './scripts/prisma-schemas.mjs';

// Used by the Prisma CLI (generate, and migrate deploy where the native engine exists).
// The app and its scripts resolve DATABASE_URL through lib/config.ts; like them,
// this reads .env, and picks the schema and migrations of DATABASE_URL's provider.
nextEnv.loadEnvConfig(process.cwd());
const url = process.env.DATABASE_URL?.trim() || 'file:./data/crux.db';
const { schema, migrations } = PROVIDERS[/^postgres(ql)?:\/\//i.test(url) ? 'postgresql' : 'sqlite'];

export default defineConfig({
  schema,
  migrations: { path: migrations },
  datasource: { url },
});
