// Bearer tokens' owners, kept in the process for a moment between requests.
//
// Every API request with a bearer token read the token and its owner: a
// round trip to PostgreSQL before any work, the only statement of a claim's
// read beside the claim's own. A reviewer's client sends several requests a
// second; keeping the owner TOKEN_OWNER_TTL_MS spares all but one of them
// (under the load bench's mix, + 3 to 5 % capacity). What it costs: a token
// revoked, or an account deactivated or given another role, on another
// instance or straight in the database, acts on this instance up to that long
// after; on this instance at once, since every change Crux makes to them
// forgets the owner here (forgetTokenOwners). Only tokens that authenticated
// someone are kept: a wrong or revoked token is read every time.
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/client';
import { perClient } from '../db/per-client';
import type { Actor } from './context';

/**
 * How long an owner is kept: the longest a change made elsewhere takes to
 * act here. A second, where an access token of a web API commonly lives
 * for minutes.
 */
export const TOKEN_OWNER_TTL_MS = 1_000;

/** Tokens kept at once, at most: a few hundred bytes each. */
const KEPT_TOKENS = 10_000;

/** A token's owner as read, and the last use recorded in the database (tokens.ts TOKEN_USE_INTERVAL_MS). */
export interface TokenOwner {
  actor: Actor;
  lastUsedAt: Date;
}

/**
 * The owners kept, and how many times they were forgotten: an owner read
 * before a change and kept after it was forgotten would outlive the change,
 * so an owner is kept only if nothing was forgotten since its read began.
 */
interface Kept {
  owners: LRUCache<string, TokenOwner>;
  forgotten: number;
}

// One per database client (lib/db/per-client.ts).
const keptOf = perClient('cruxTokenOwners', (): Kept => ({ owners: new LRUCache<string, TokenOwner>({ max: KEPT_TOKENS, ttl: TOKEN_OWNER_TTL_MS }), forgotten: 0 }));

/** The owner kept for this token (by its hash), if read less than TOKEN_OWNER_TTL_MS ago. */
export function keptTokenOwner(db: Db, tokenHash: string): TokenOwner | undefined {
  return keptOf(db).owners.get(tokenHash);
}

/**
 * Called before reading a token's owner; keeps the owner the read found
 * (TOKEN_OWNER_TTL_MS from now), unless owners were forgotten meanwhile.
 */
export function tokenOwnerRead(db: Db): (tokenHash: string, owner: TokenOwner) => void {
  const kept = keptOf(db);
  const forgotten = kept.forgotten;
  return (tokenHash, owner) => {
    if (kept.forgotten === forgotten) kept.owners.set(tokenHash, owner);
  };
}

/**
 * Forgets the owners kept of one account's tokens (every account's without
 * `userId`), once a change to them is committed: the next request reads them.
 */
export function forgetTokenOwners(db: Db, userId?: string): void {
  const kept = keptOf(db);
  kept.forgotten++;
  if (userId === undefined) return kept.owners.clear();
  for (const [hash, owner] of kept.owners.entries()) if (owner.actor.id === userId) kept.owners.delete(hash);
}
