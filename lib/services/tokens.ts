import type { Db } from '../db/client';
import { notFound } from '../errors';
import { generateToken, hashToken } from '../auth/tokens';
import { parseInput, tokenCreateSchema } from '../validation';
import { findActor } from './users';
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
}

/** The token's owner, or null for unknown or revoked tokens. */
export async function authenticateToken(db: Db, token: string): Promise<Actor | null> {
  const record = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!record || record.revokedAt) return null;
  await db.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: new Date() } });
  return findActor(db, record.userId);
}
