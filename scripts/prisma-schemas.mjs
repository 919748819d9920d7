// The Prisma schema of each database provider. prisma/schema.prisma is the one
// source of truth for the models (written for SQLite); the PostgreSQL schema is
// derived from it: the same models with the datasource provider swapped and a
// client of its own, since a generated Prisma client is tied to one provider.
// The PostgreSQL client also loads a query's relations in one statement
// (relationJoins: lateral joins, which SQLite lacks) rather than one statement
// per relation: each is a round trip to the server, and a claim with its
// verdicts, sources, reveals and people took nine.
// Plain JavaScript so that `node scripts/prisma-generate.mjs` (npm install) can
// use it before any TypeScript runs; typed by prisma-schemas.d.mts.
import fs from 'node:fs';
import path from 'node:path';

/** Paths relative to the project root. */
export const PROVIDERS = {
  sqlite: { schema: 'prisma/schema.prisma', migrations: 'prisma/migrations', client: 'lib/generated/prisma' },
  postgresql: { schema: 'prisma/postgresql/schema.prisma', migrations: 'prisma/postgresql/migrations', client: 'lib/generated/postgresql' },
};

const DATASOURCE = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
const OUTPUT = /(generator\s+client\s*\{[^}]*?output\s*=\s*)"[^"]*"/;
const GENERATOR_END = /(generator\s+client\s*\{[^}]*?)\n\}/;

/** The PostgreSQL schema for the text of prisma/schema.prisma. */
export function postgresqlSchema(source) {
  if (!DATASOURCE.test(source)) throw new Error(`${PROVIDERS.sqlite.schema}: expected \`datasource db { provider = "sqlite" }\`.`);
  if (!OUTPUT.test(source)) throw new Error(`${PROVIDERS.sqlite.schema}: expected \`generator client { output = "…" }\`.`);
  const fromSchemaDir = (p) => path.posix.relative(path.posix.dirname(PROVIDERS.postgresql.schema), p);
  const header =
    `// GENERATED from ${PROVIDERS.sqlite.schema} by scripts/prisma-generate.mjs: do not edit.\n` +
    '// Change the models there; this copy only swaps the provider and the client output, and loads relations by joins.\n\n';
  return (
    header +
    source
      .replace(DATASOURCE, '$1"postgresql"')
      .replace(OUTPUT, `$1"${fromSchemaDir(PROVIDERS.postgresql.client)}"`)
      .replace(GENERATOR_END, '$1\n  previewFeatures = ["relationJoins"]\n}')
  );
}

/** The schema text of a provider, derived afresh from prisma/schema.prisma. */
export function schemaFor(provider, root = process.cwd()) {
  const source = fs.readFileSync(path.join(root, PROVIDERS.sqlite.schema), 'utf8');
  return provider === 'postgresql' ? postgresqlSchema(source) : source;
}

/** Writes prisma/postgresql/schema.prisma when it differs from what prisma/schema.prisma gives. */
export function writeDerivedSchemas(root = process.cwd()) {
  const file = path.join(root, PROVIDERS.postgresql.schema);
  const text = schemaFor('postgresql', root);
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
