import { createHash, randomBytes } from 'node:crypto';

// Personal access tokens: 32 random bytes behind a recognisable prefix. Only a
// SHA-256 hash is stored — the secret has full entropy, so a slow hash adds nothing.
export const TOKEN_PREFIX = 'crux_';

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** An invitation link's secret: as random as a token, URL-safe, and hashed the same way for storage. */
export function generateInvitationSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Reads `Authorization: Bearer <token>`; null when absent or malformed. */
export function bearerToken(authorization: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}
