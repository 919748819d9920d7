// lib/invitations.ts: registration modes, an invitation's state at a given
// time, its expiry, and who may register as what; with the schema that
// bounds an invitation's terms.
import { describe, expect, it } from 'vitest';
import { generateInvitationSecret, hashToken } from '../../lib/auth/tokens';
import { DomainError } from '../../lib/errors';
import {
  INVITATION_DAYS,
  INVITATION_DAY_CHOICES,
  invitationExpiry,
  invitationPath,
  invitationRoleAllowed,
  invitationState,
  invitedEmailMatches,
  isRegistrationMode,
  registrationAccess,
  type InvitationFacts,
} from '../../lib/invitations';
import { invitationCreateSchema, parseInput, registerSchema, registrationModeSchema } from '../../lib/validation';

const now = new Date('2026-11-26T12:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);

const pending: InvitationFacts = { email: null, role: 'editor', expiresAt: later(60_000), revokedAt: null, usedAt: null };

describe('invitationState', () => {
  it('is pending until the instant of expiry, expired from it on', () => {
    expect(invitationState(pending, now)).toBe('pending');
    expect(invitationState(pending, later(59_999))).toBe('pending');
    expect(invitationState(pending, later(60_000))).toBe('expired');
    expect(invitationState(pending, later(10 * 86_400_000))).toBe('expired');
  });

  it('says used before revoked, and revoked before expired: the most telling reason', () => {
    expect(invitationState({ ...pending, usedAt: now }, now)).toBe('used');
    expect(invitationState({ ...pending, usedAt: now, revokedAt: now }, later(120_000))).toBe('used');
    expect(invitationState({ ...pending, revokedAt: now }, now)).toBe('revoked');
    expect(invitationState({ ...pending, revokedAt: now }, later(120_000))).toBe('revoked');
  });
});

describe('invitation terms', () => {
  it('expires a whole number of days after its creation', () => {
    expect(invitationExpiry(now, 7).toISOString()).toBe('2026-12-03T12:00:00.000Z');
    expect(invitationExpiry(now, 1).getTime() - now.getTime()).toBe(86_400_000);
  });

  it('offers durations within the bounds, the default among them', () => {
    expect(INVITATION_DAY_CHOICES.every((d) => d >= INVITATION_DAYS.min && d <= INVITATION_DAYS.max)).toBe(true);
    expect(INVITATION_DAY_CHOICES).toContain(INVITATION_DAYS.default);
  });

  it('gives admin only to a named email address; reviewer and editor to anyone with the link', () => {
    expect(invitationRoleAllowed('admin', null)).toBe(false);
    expect(invitationRoleAllowed('admin', 'ada@example.org')).toBe(true);
    expect(invitationRoleAllowed('editor', null)).toBe(true);
    expect(invitationRoleAllowed('reviewer', null)).toBe(true);
  });

  it('an invitation naming an address is for that address only', () => {
    expect(invitedEmailMatches({ email: null }, 'anyone@example.org')).toBe(true);
    expect(invitedEmailMatches({ email: 'ada@example.org' }, 'ada@example.org')).toBe(true);
    expect(invitedEmailMatches({ email: 'ada@example.org' }, 'eve@example.org')).toBe(false);
  });

  it('links to the registration page with the secret, escaped', () => {
    expect(invitationPath('abc_-123')).toBe('/register?invitation=abc_-123');
    expect(invitationPath('a+b/c=')).toBe('/register?invitation=a%2Bb%2Fc%3D');
  });

  it('secrets are random, URL-safe, and stored as their SHA-256', () => {
    const a = generateInvitationSecret();
    const b = generateInvitationSecret();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).not.toContain(a);
  });
});

describe('registrationAccess', () => {
  const access = (mode: 'open' | 'invitation', invitation: InvitationFacts | 'none' | 'unknown', firstAccount = false) =>
    registrationAccess({ mode, firstAccount, invitation, now });

  it('without a link: reviewers when open, refused when invitation-only', () => {
    expect(isRegistrationMode('open') && isRegistrationMode('invitation')).toBe(true);
    expect(isRegistrationMode('closed')).toBe(false);
    expect(access('open', 'none')).toEqual({ ok: true, role: 'reviewer', invitation: null });
    expect(access('invitation', 'none')).toEqual({ ok: false, refusal: 'invitationRequired' });
  });

  it('the first account on an empty database is admin in either mode', () => {
    expect(access('invitation', 'none', true)).toEqual({ ok: true, role: 'admin', invitation: null });
    expect(access('open', 'none', true)).toEqual({ ok: true, role: 'admin', invitation: null });
  });

  it('a pending invitation gives its role in either mode', () => {
    expect(access('invitation', pending)).toEqual({ ok: true, role: 'editor', invitation: pending });
    expect(access('open', pending)).toEqual({ ok: true, role: 'editor', invitation: pending });
  });

  it('a link that cannot be used is refused with its reason, even when registration is open', () => {
    for (const mode of ['open', 'invitation'] as const) {
      expect(access(mode, 'unknown')).toEqual({ ok: false, refusal: 'unknown' });
      expect(access(mode, { ...pending, usedAt: now })).toEqual({ ok: false, refusal: 'used' });
      expect(access(mode, { ...pending, revokedAt: now })).toEqual({ ok: false, refusal: 'revoked' });
      expect(access(mode, { ...pending, expiresAt: now })).toEqual({ ok: false, refusal: 'expired' });
    }
  });
});

describe('schemas', () => {
  const issues = (schema: Parameters<typeof parseInput>[0], input: unknown) => {
    try {
      parseInput(schema, input);
    } catch (error) {
      if (error instanceof DomainError) return error.issues.map((i) => ({ path: i.path, key: i.key, message: i.message }));
      throw error;
    }
    return [];
  };

  it('an invitation defaults to a reviewer, for anyone with the link, for 7 days', () => {
    expect(parseInput(invitationCreateSchema, {})).toEqual({ email: null, role: 'reviewer', expiresInDays: 7 });
    expect(parseInput(invitationCreateSchema, { email: '  ', role: 'editor', expiresInDays: 30 })).toEqual({ email: null, role: 'editor', expiresInDays: 30 });
    expect(parseInput(invitationCreateSchema, { email: ' Ada@Example.org ', role: 'admin', expiresInDays: 1 })).toEqual({
      email: 'ada@example.org',
      role: 'admin',
      expiresInDays: 1,
    });
  });

  it('bounds the duration to whole days from 1 to 30, and names the field', () => {
    expect(issues(invitationCreateSchema, { expiresInDays: 0 })).toEqual([
      { path: ['expiresInDays'], key: 'invalid', message: 'The number of days the invitation works must be at least 1.' },
    ]);
    expect(issues(invitationCreateSchema, { expiresInDays: 31 })[0]?.message).toBe('The number of days the invitation works must be at most 30.');
    expect(issues(invitationCreateSchema, { expiresInDays: 1.5 })[0]?.path).toEqual(['expiresInDays']);
    expect(issues(invitationCreateSchema, { expiresInDays: '7' })[0]?.path).toEqual(['expiresInDays']);
  });

  it('refuses an admin invitation without an email, an unknown role, a bad email and unknown fields', () => {
    expect(issues(invitationCreateSchema, { role: 'admin' })).toEqual([
      { path: ['email'], key: 'requiredForAdmin', message: 'An invitation to be an admin must name the email address of the person invited.' },
    ]);
    expect(issues(invitationCreateSchema, { role: 'owner' })[0]).toMatchObject({ path: ['role'], key: 'invalidChoice' });
    expect(issues(invitationCreateSchema, { email: 'nope' })[0]).toMatchObject({ path: ['email'], key: 'invalidEmail' });
    expect(issues(invitationCreateSchema, { token: 'mine' })[0]).toMatchObject({ path: ['token'], key: 'invalid' });
  });

  it('the mode is open or invitation; registration takes an optional invitation secret', () => {
    expect(parseInput(registrationModeSchema, { mode: 'invitation' })).toEqual({ mode: 'invitation' });
    expect(issues(registrationModeSchema, { mode: 'closed' })[0]).toMatchObject({ path: ['mode'], key: 'invalidChoice' });
    expect(issues(registrationModeSchema, {})[0]).toMatchObject({ path: ['mode'], key: 'required' });
    const account = { email: 'a@example.org', password: 'long enough' };
    expect(parseInput(registerSchema, account).invitation).toBeNull();
    expect(parseInput(registerSchema, { ...account, invitation: '' }).invitation).toBeNull();
    expect(parseInput(registerSchema, { ...account, invitation: ' s3cret ' }).invitation).toBe('s3cret');
    expect(issues(registerSchema, { ...account, invitation: 'x'.repeat(201) })[0]).toMatchObject({ path: ['invitation'], key: 'tooLong' });
  });
});
