export type SchemaProvider = 'sqlite' | 'postgresql';

export const PROVIDERS: Record<SchemaProvider, { schema: string; migrations: string; client: string }>;
export function postgresqlSchema(source: string): string;
export function schemaFor(provider: SchemaProvider, root?: string): string;
export function writeDerivedSchemas(root?: string): void;
