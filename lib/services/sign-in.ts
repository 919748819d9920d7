// Signing in with a password, behind the sign-in rate limits
// (lib/security/rate-limits.ts): per account and per client address, counted
// before the password is checked, so that a burst of guesses sent at once is
// counted whole.
import type { Db } from '../db/client';
import { SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS } from '../security/rate-limits';
import { credentialsSchema } from '../validation';
import type { Actor } from './context';
import { clearAttempts, countAttempt, refundAttempt, secondsBlocked } from './rate-limits';
import { verifyCredentials } from './users';

/** The email address as the account counter knows it (as stored: trimmed, lower-case). */
function accountKey(input: unknown): string {
  const email = (input as { email?: unknown } | null)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : '';
}

/**
 * The account for these credentials, or null when they are wrong; throws a 429
 * (`rateLimited`) while the account or the address is blocked, whether or not
 * the password is right. A success clears the account's count and gives the
 * address its attempt back.
 */
export async function signInWithPassword(db: Db, input: unknown, address: string): Promise<Actor | null> {
  const account = accountKey(input);
  await countAttempt(db, SIGN_IN_PER_ADDRESS, address);
  if (credentialsSchema.safeParse(input).success) await countAttempt(db, SIGN_IN_PER_ACCOUNT, account);
  const actor = await verifyCredentials(db, input);
  if (actor) await Promise.all([clearAttempts(db, SIGN_IN_PER_ACCOUNT, account), refundAttempt(db, SIGN_IN_PER_ADDRESS, address)]);
  return actor;
}

/** Seconds before this account may try again from this address (0: now), to say so on the form. */
export async function signInWait(db: Db, input: unknown, address: string): Promise<number> {
  const [byAddress, byAccount] = await Promise.all([secondsBlocked(db, SIGN_IN_PER_ADDRESS, address), secondsBlocked(db, SIGN_IN_PER_ACCOUNT, accountKey(input))]);
  return Math.max(byAddress, byAccount);
}
