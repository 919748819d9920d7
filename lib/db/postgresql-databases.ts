// Creating and dropping whole databases on a PostgreSQL server: the schema
// engine's shadow databases, and the tests' databases.
import pg from 'pg';

/** The URL of another database on the same server. */
export function databaseUrlOn(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** Runs statements one by one on a connection to the server, outside any transaction (as CREATE/DROP DATABASE need). */
async function onServer(serverUrl: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates a database on the server (a copy of `template` when given, which
 * must have no open connection); returns its URL.
 */
export async function createDatabase(serverUrl: string, name: string, options: { template?: string } = {}): Promise<string> {
  await onServer(serverUrl, [`CREATE DATABASE ${quoteIdent(name)}${options.template ? ` TEMPLATE ${quoteIdent(options.template)}` : ''}`]);
  return databaseUrlOn(serverUrl, name);
}

/** Drops the database, closing whatever connections it still has. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, [`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`]);
}
