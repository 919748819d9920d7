// Generates the Prisma clients offline, one per database provider (a generated
// client is tied to its provider): lib/generated/prisma from prisma/schema.prisma
// (SQLite) and lib/generated/postgresql from the PostgreSQL schema derived from it.
// `prisma generate` never runs the native schema engine, but the CLI insists on
// finding one; any existing file will do.
import { spawnSync } from 'node:child_process';
import { PROVIDERS, writeDerivedSchemas } from './prisma-schemas.mjs';

writeDerivedSchemas();
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
for (const { schema } of Object.values(PROVIDERS)) {
  const result = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate', '--schema', schema], { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
