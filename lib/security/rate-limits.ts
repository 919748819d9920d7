// Rate limits: how many attempts each door lets through, and how the wait grows
// for whoever keeps knocking. The counters live in the database
// (lib/services/rate-limits.ts), so every instance of the app counts the same
// attempts. Pure: the rules and the arithmetic, no storage.

export interface RateLimit {
  /** Prefix of the counter's key: what is counted. */
  name: string;
  /** Attempts allowed per window. */
  points: number;
  windowSeconds: number;
  /** The first block, once the points are used up; each further block within a day is twice as long… */
  blockSeconds: number;
  /** …up to this. */
  maxBlockSeconds: number;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/**
 * Failed sign-ins per account (whatever the address). Low, because this is what
 * stops password guessing against one person: 5 tries per 15 minutes, then 1, 2,
 * 4… minutes of refusal, at most an hour: about a hundred guesses a day at most.
 * The trade-off is that anyone who knows an address can keep its owner out for
 * that long; blocks stay short so that a forgetful owner (or a victim) is let
 * back in soon, and a successful sign-in clears the count.
 */
export const SIGN_IN_PER_ACCOUNT: RateLimit = { name: 'sign-in-account', points: 5, windowSeconds: 15 * MINUTE, blockSeconds: MINUTE, maxBlockSeconds: HOUR };

/**
 * Failed sign-ins per client address, over every account: stops one machine
 * trying a few passwords on many accounts. Higher than per account, because a
 * newsroom's people may share one office address; blocks grow to a day.
 */
export const SIGN_IN_PER_ADDRESS: RateLimit = { name: 'sign-in-address', points: 20, windowSeconds: 15 * MINUTE, blockSeconds: 5 * MINUTE, maxBlockSeconds: 24 * HOUR };

/**
 * Registration attempts per client address: enough for an office onboarding its
 * team in an hour, not for filling the database with accounts.
 */
export const REGISTRATION_PER_ADDRESS: RateLimit = { name: 'register-address', points: 30, windowSeconds: HOUR, blockSeconds: HOUR, maxBlockSeconds: 24 * HOUR };

/**
 * Requests with a bearer token that matches no active account, per client
 * address. Tokens have 256 random bits, so guessing is hopeless; this stops a
 * leaked-token scanner or a misconfigured script hammering the database.
 */
export const TOKEN_FAILURES_PER_ADDRESS: RateLimit = { name: 'token-address', points: 10, windowSeconds: 15 * MINUTE, blockSeconds: MINUTE, maxBlockSeconds: HOUR };

/**
 * Writes per account (REST writes and the interface's changes alike). A person
 * at work saves a few times a minute; a script importing a backlog a few per
 * second. 300 a minute leaves both room and caps what one account (or a stolen
 * session) can add to the history: each verdict write may add a large entry.
 */
export const WRITES_PER_USER: RateLimit = { name: 'writes-user', points: 300, windowSeconds: MINUTE, blockSeconds: MINUTE, maxBlockSeconds: 15 * MINUTE };

/** How long the blocks of one counter are remembered: the back-off starts again after a quiet day. */
export const STRIKE_MEMORY_SECONDS = 24 * HOUR;

/** The block after the `strike`-th time the points ran out (1 for the first): doubling, capped. */
export function blockSeconds(limit: RateLimit, strike: number): number {
  const doublings = Math.min(Math.max(strike, 1) - 1, 30);
  return Math.min(limit.blockSeconds * 2 ** doublings, limit.maxBlockSeconds);
}

/**
 * The client's address from the request's X-Forwarded-For, given how many
 * reverse proxies in front of Crux append to it (CRUX_TRUSTED_PROXIES): each
 * appends the address it saw, so the client is the entry that many places from
 * the end; entries further left were written by the client and prove nothing.
 * Without a proxy (0), Next.js fills the header with the connection's address,
 * but only when the request has none: a client talking to Crux directly can
 * write its own, so per-address limits hold only behind a proxy (the
 * per-account limits hold regardless). An empty list gives 'unknown' (one
 * shared counter, which errs on the side of limiting).
 */
export function clientAddress(forwardedFor: string | null, trustedProxies: number): string {
  const hops = (forwardedFor ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  if (hops.length === 0) return 'unknown';
  const index = Math.max(hops.length - Math.max(1, Math.floor(trustedProxies)), 0);
  return normalizeAddress(hops[index]!);
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client; an IPv6 address in one spelling. */
function normalizeAddress(address: string): string {
  const lower = address.toLowerCase().replace(/^\[|\]$/g, '');
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}

/** CRUX_TRUSTED_PROXIES: a whole number of reverse proxies in front of Crux, 0 (none) by default. */
export function trustedProxies(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.CRUX_TRUSTED_PROXIES ?? '0');
  return Number.isInteger(value) && value >= 0 ? value : 0;
}
