// Sign-in and the other doors behind rate limits, counted in the database
// (lib/services/rate-limits.ts, lib/services/sign-in.ts), on SQLite and
// PostgreSQL. Time is moved with a fake clock: the counters' expiry is decided
// by the app's clock, not the database's.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../lib/errors';
import { errorResponse } from '../../lib/http';
import { SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS, WRITES_PER_USER } from '../../lib/security/rate-limits';
import { countAttempt } from '../../lib/services/rate-limits';
import { signInWait, signInWithPassword } from '../../lib/services/sign-in';
import { upsertUser } from '../../lib/services/users';
import { expectDomainError, useDatabase } from './support/database';

const PASSWORD = 'correct horse battery';

describe('sign-in limits', () => {
  const t = useDatabase();
  let n = 0;
  const account = async () => {
    n += 1;
    const email = `guessed-${n}@example.org`;
    await upsertUser(t.db, { email, password: PASSWORD, role: 'reviewer' });
    return email;
  };
  const address = () => `198.51.100.${n}`;

  afterEach(() => vi.useRealTimers());

  it('the issue’s probe: 30 wrong passwords in a burst, then the right one is refused with 429 and the time to wait', async () => {
    const email = await account();
    const started = Date.now();
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => signInWithPassword(t.db, { email, password: 'wrong password' }, address())));
    expect(Date.now() - started).toBeLessThan(20_000);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    // Counted before judged: only the account's 5 attempts reach the password check, even sent at once.
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === null)).toHaveLength(SIGN_IN_PER_ACCOUNT.points);
    expect(refused).toHaveLength(30 - SIGN_IN_PER_ACCOUNT.points);
    const error = await expectDomainError(signInWithPassword(t.db, { email, password: PASSWORD }, address()), 429);
    expect(error).toMatchObject({ key: 'rateLimited', code: 'rate_limited' });
    expect(error.params.retryAfter).toBeGreaterThan(0);
    // The burst also used up the address's 20 tries: its 5-minute block is the longer wait.
    expect(error.params.retryAfter).toBe(300);
    const response = errorResponse(error);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBe(error.params.retryAfter);
    expect(await response.json()).toMatchObject({ error: { code: 'rate_limited', key: 'rateLimited', params: { retryAfter: error.params.retryAfter } } });
    // From another address too: the limit is the account's.
    await expectDomainError(signInWithPassword(t.db, { email, password: PASSWORD }, '192.0.2.200'), 429);
    expect(await signInWait(t.db, { email }, '192.0.2.200')).toBeGreaterThan(0);
  });

  it('the block ends; the next one lasts twice as long; a success clears the count', async () => {
    const email = await account();
    const wrong = () => signInWithPassword(t.db, { email, password: 'wrong password' }, address());
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T10:00:00Z') });
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.points; i++) expect(await wrong()).toBeNull();
    expect((await expectDomainError(wrong(), 429)).params.retryAfter).toBe(60);
    vi.setSystemTime(new Date('2030-01-01T10:00:59Z'));
    await expectDomainError(signInWithPassword(t.db, { email, password: PASSWORD }, address()), 429);

    vi.setSystemTime(new Date('2030-01-01T10:01:01Z'));
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.points; i++) expect(await wrong()).toBeNull();
    expect((await expectDomainError(wrong(), 429)).params.retryAfter).toBe(120);
    vi.setSystemTime(new Date('2030-01-01T10:02:00Z'));
    await expectDomainError(signInWithPassword(t.db, { email, password: PASSWORD }, address()), 429);

    vi.setSystemTime(new Date('2030-01-01T10:03:02Z'));
    expect((await signInWithPassword(t.db, { email, password: PASSWORD }, address()))?.email).toBe(email);
    // The success cleared the count: the owner has all their tries again.
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.points; i++) expect(await wrong()).toBeNull();
    // …and the back-off remembers the day: the third block is 4 minutes.
    expect((await expectDomainError(wrong(), 429)).params.retryAfter).toBe(240);
  });

  it('one address trying many accounts is stopped by the address limit', async () => {
    const from = '203.0.113.50';
    for (let i = 0; i < SIGN_IN_PER_ADDRESS.points; i++) expect(await signInWithPassword(t.db, { email: `nobody-${i}@example.org`, password: 'wrong password' }, from)).toBeNull();
    const email = await account();
    expect((await expectDomainError(signInWithPassword(t.db, { email, password: PASSWORD }, from), 429)).params.retryAfter).toBe(300);
    // The same account from elsewhere is not blocked.
    expect((await signInWithPassword(t.db, { email, password: PASSWORD }, '203.0.113.51'))?.email).toBe(email);
  });

  it('counts every attempt of a concurrent burst on a shared counter', async () => {
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => countAttempt(t.db, WRITES_PER_USER, 'burst-user')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(40);
    const over = await Promise.allSettled(Array.from({ length: WRITES_PER_USER.points - 40 + 5 }, () => countAttempt(t.db, WRITES_PER_USER, 'burst-user')));
    const rejected = over.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(5);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(DomainError);
  });
});
