import type { Db } from '../db/client';
import { queryRows, type Columns } from '../db/raw-rows';
import { Prisma } from '../generated/prisma/client';
import { notFound } from '../errors';
import { generateToken, hashToken } from '../auth/tokens';
import { parseInput, tokenCreateSchema } from '../validation';
import { forgetTokenOwners, keptTokenOwner, tokenOwnerRead } from './token-owners';
import { activeActor } from './users';
import type { Actor } from './context';

export interface TokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function toInfo(t: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): TokenInfo {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

/** Creates a token for the user; the secret is returned once and never stored. */
export async function createToken(db: Db, userId: string, input: unknown): Promise<{ token: string; info: TokenInfo }> {
  const { name } = parseInput(tokenCreateSchema, input);
  const token = generateToken();
  const record = await db.apiToken.create({
    data: { userId, name, tokenHash: hashToken(token), prefix: token.slice(0, 12) },
  });
  return { token, info: toInfo(record) };
}

export async function listTokens(db: Db, userId: string): Promise<TokenInfo[]> {
  const tokens = await db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: 'desc' } });
  return tokens.map(toInfo);
}

export async function revokeToken(db: Db, userId: string, tokenId: string): Promise<void> {
  const { count } = await db.apiToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw notFound('token');
  forgetTokenOwners(db, userId);
}

/**
 * How often a token's lastUsedAt is brought up to date, at most. It tells its
 * owner in Settings whether the token is still in use, for which a minute is
 * precise enough; written on every request, it made each API read a write too,
 * queuing behind the writes (and on SQLite taking the file's write lock).
 */
export const TOKEN_USE_INTERVAL_MS = 60_000;

/** What authenticating reads of a token and its owner. */
const TOKEN_AND_OWNER = {
  id: 'text',
  revokedAt: 'date?',
  lastUsedAt: 'date?',
  userId: 'text',
  email: 'text',
  name: 'text?',
  role: 'text',
  deactivatedAt: 'date?',
} as const satisfies Columns;

/**
 * The token's owner, or null for unknown or revoked tokens and deactivated
 * accounts. One read, in raw SQL (lib/db/raw-rows.ts): it precedes every API
 * request, and on SQLite Prisma's query was two statements through its client,
 * five times the cost; a write at most once per TOKEN_USE_INTERVAL_MS. The
 * owner found is kept a moment (token-owners.ts): a client's next requests
 * skip the read.
 */
export async function authenticateToken(db: Db, token: string, now: Date = new Date()): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const recordedBefore = new Date(now.getTime() - TOKEN_USE_INTERVAL_MS);
  const kept = keptTokenOwner(db, tokenHash);
  if (kept && kept.lastUsedAt > recordedBefore) return kept.actor;
  const keep = tokenOwnerRead(db);
  const [record] = await queryRows(
    db,
    'ApiToken',
    TOKEN_AND_OWNER,
    Prisma.sql`SELECT t."id", t."revokedAt", t."lastUsedAt", u."id" AS "userId", u."email", u."name", u."role", u."deactivatedAt"
      FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" WHERE t."tokenHash" = ${tokenHash}`,
  );
  if (!record || record.revokedAt) return null;
  let lastUsedAt = record.lastUsedAt;
  if (!lastUsedAt || lastUsedAt <= recordedBefore) {
    // The same condition in the write: requests arriving together record the use once.
    await db.apiToken.updateMany({
      where: { id: record.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: recordedBefore } }] },
      data: { lastUsedAt: now },
    });
    lastUsedAt = now;
  }
  const actor = activeActor({ id: record.userId, email: record.email, name: record.name, role: record.role, deactivatedAt: record.deactivatedAt });
  if (actor) keep(tokenHash, { actor, lastUsedAt });
  return actor;
}
