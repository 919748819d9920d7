// lib/services/token-owners.ts: a token's owner kept a moment, forgotten when
// their account or tokens change, and never kept from a read that a change
// overtook.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../lib/db/client';
import { forgetTokenOwners, keptTokenOwner, TOKEN_OWNER_TTL_MS, tokenOwnerRead } from '../../lib/services/token-owners';

// The module keys its cache by client; any object stands for one here.
const client = () => ({}) as Db;
const owner = (id: string, role: 'reviewer' | 'editor' = 'reviewer') => ({ actor: { id, email: `${id}@example.org`, name: id, role }, lastUsedAt: new Date() });

describe('token owners', () => {
  it('keeps an owner TOKEN_OWNER_TTL_MS, then reads as unknown', async () => {
    const db = client();
    tokenOwnerRead(db)('hash-a', owner('rita'));
    expect(keptTokenOwner(db, 'hash-a')?.actor.id).toBe('rita');
    await new Promise((resolve) => setTimeout(resolve, TOKEN_OWNER_TTL_MS + 20));
    expect(keptTokenOwner(db, 'hash-a')).toBeUndefined();
  });

  it("forgets one account's tokens, or everyone's, and keeps each client's apart", () => {
    const db = client();
    const other = client();
    const keep = tokenOwnerRead(db);
    keep('hash-a', owner('rita'));
    keep('hash-b', owner('rita'));
    keep('hash-c', owner('remi'));
    tokenOwnerRead(other)('hash-a', owner('rita'));
    forgetTokenOwners(db, 'rita');
    expect([keptTokenOwner(db, 'hash-a'), keptTokenOwner(db, 'hash-b')]).toEqual([undefined, undefined]);
    expect(keptTokenOwner(db, 'hash-c')?.actor.id).toBe('remi');
    expect(keptTokenOwner(other, 'hash-a')?.actor.id).toBe('rita');
    forgetTokenOwners(db);
    expect(keptTokenOwner(db, 'hash-c')).toBeUndefined();
  });

  it('does not keep what a read found when owners were forgotten while it ran (a revocation committed meanwhile)', () => {
    const db = client();
    const keep = tokenOwnerRead(db);
    forgetTokenOwners(db, 'someone else');
    keep('hash-a', owner('rita'));
    expect(keptTokenOwner(db, 'hash-a')).toBeUndefined();
    // A read begun after it is kept.
    tokenOwnerRead(db)('hash-a', owner('rita'));
    expect(keptTokenOwner(db, 'hash-a')?.actor.id).toBe('rita');
  });
});
