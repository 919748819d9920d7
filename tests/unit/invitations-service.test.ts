// The registration mode and invitations on real SQLite (lib/services/invitations.ts),
// and registration through them (lib/services/users.ts registerUser): admins
// only, secrets stored hashed, single use even under concurrent registrations.
import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../lib/auth/tokens';
import type { Actor } from '../../lib/services/context';
import {
  createInvitation,
  getRegistrationMode,
  listInvitations,
  registrationTerms,
  revokeInvitation,
  setRegistrationMode,
} from '../../lib/services/invitations';
import { findActorByEmail, registerUser } from '../../lib/services/users';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

const DAY = 86_400_000;
const password = 'long enough for sure';

describe('invitations', () => {
  const t = useDatabase();
  let admin: Actor;
  let editor: Actor;
  let reviewer: Actor;

  beforeAll(async () => {
    admin = await makeUser(t.db, 'admin', 'Ada');
    editor = await makeUser(t.db, 'editor', 'Édith');
    reviewer = await makeUser(t.db, 'reviewer', 'Rita');
  });

  const invite = (input: object = {}, now?: Date) => createInvitation(ctxFor(t.db, admin), input, now);
  const pendingIds = async () => (await listInvitations(ctxFor(t.db, admin))).map((i) => i.id);

  it('only admins switch the mode and create, list or revoke invitations: editors and reviewers get 403, nobody 401', async () => {
    const { invitation } = await invite();
    for (const who of [editor, reviewer]) {
      const ctx = ctxFor(t.db, who);
      await expectDomainError(setRegistrationMode(ctx, { mode: 'invitation' }), 403);
      await expectDomainError(createInvitation(ctx, { role: 'reviewer' }), 403);
      // The role is checked before the input: a reviewer learns nothing about the rules.
      await expectDomainError(createInvitation(ctx, { role: 'nonsense' }), 403);
      await expectDomainError(listInvitations(ctx), 403);
      await expectDomainError(revokeInvitation(ctx, invitation.id), 403);
    }
    const nobody = ctxFor(t.db, null);
    await expectDomainError(setRegistrationMode(nobody, { mode: 'invitation' }), 401);
    await expectDomainError(createInvitation(nobody, {}), 401);
    await expectDomainError(listInvitations(nobody), 401);
    await expectDomainError(revokeInvitation(nobody, invitation.id), 401);
    expect(await getRegistrationMode(t.db)).toBe('open');
    expect(await pendingIds()).toContain(invitation.id);
    await revokeInvitation(ctxFor(t.db, admin), invitation.id);
  });

  it('the mode is open until an admin switches it; each change is recorded, a non-change is not', async () => {
    expect(await getRegistrationMode(t.db)).toBe('open');
    expect(await setRegistrationMode(ctxFor(t.db, admin), { mode: 'invitation' })).toEqual({ mode: 'invitation' });
    expect(await getRegistrationMode(t.db)).toBe('invitation');
    await setRegistrationMode(ctxFor(t.db, admin), { mode: 'invitation' });
    await expectDomainError(setRegistrationMode(ctxFor(t.db, admin), { mode: 'closed' }), 422, [['mode']]);
    await setRegistrationMode(ctxFor(t.db, admin), { mode: 'open' });
    const events = await t.db.event.findMany({ where: { type: 'registration.updated' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.actorId, JSON.parse(e.payload)])).toEqual([
      [admin.id, { before: { mode: 'open' }, after: { mode: 'invitation' } }],
      [admin.id, { before: { mode: 'invitation' }, after: { mode: 'open' } }],
    ]);
  });

  it('invitation-only: registering without a link is refused and creates nothing', async () => {
    await setRegistrationMode(ctxFor(t.db, admin), { mode: 'invitation' });
    const before = await t.db.user.count();
    const error = await expectDomainError(registerUser(t.db, { email: 'walk-in@example.org', password }), 403);
    expect(error.key).toBe('invitationRequired');
    expect(await t.db.user.count()).toBe(before);
    expect((await registrationTerms(t.db, null)).access).toEqual({ ok: false, refusal: 'invitationRequired' });
    await setRegistrationMode(ctxFor(t.db, admin), { mode: 'open' });
  });

  it('stores only the hash of the secret; the link carries it once; the list never shows it', async () => {
    const now = new Date();
    const created = await invite({ email: 'Ines@Example.org', role: 'editor', expiresInDays: 3 }, now);
    expect(created.path).toBe(`/register?invitation=${created.token}`);
    expect(created.invitation).toEqual({
      id: expect.any(String),
      email: 'ines@example.org',
      role: 'editor',
      expiresAt: new Date(now.getTime() + 3 * DAY).toISOString(),
      createdAt: now.toISOString(),
      createdBy: { id: admin.id, name: 'Ada' },
    });
    const row = await t.db.invitation.findUniqueOrThrow({ where: { id: created.invitation.id } });
    expect(row.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const listed = await listInvitations(ctxFor(t.db, admin));
    expect(listed.find((i) => i.id === created.invitation.id)).toEqual(created.invitation);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const event = await t.db.event.findFirstOrThrow({ where: { type: 'invitation.created', entityId: created.invitation.id } });
    expect(event.actorId).toBe(admin.id);
    expect(event.payload).not.toContain(created.token);
    expect(JSON.parse(event.payload)).toEqual({ email: 'ines@example.org', role: 'editor', expiresAt: created.invitation.expiresAt });
  });

  it('refuses an admin invitation without an email, and one for an address that already has an account', async () => {
    await expectDomainError(invite({ role: 'admin' }), 422, [['email']]);
    const taken = await expectDomainError(invite({ email: editor.email.toUpperCase() }), 422, [['email']]);
    expect(taken.issues[0]!.key).toBe('alreadyRegistered');
    await expectDomainError(invite({ expiresInDays: 31 }), 422, [['expiresInDays']]);
  });

  it('with the mode invitation-only, a link registers its invitee with its role, signed in as them; it cannot be reused', async () => {
    await setRegistrationMode(ctxFor(t.db, admin), { mode: 'invitation' });
    const { invitation, token } = await invite({ role: 'editor' });
    expect((await registrationTerms(t.db, token)).access).toMatchObject({ ok: true, role: 'editor' });
    const actor = await registerUser(t.db, { email: 'eli@example.org', password, name: 'Éli', invitation: token });
    expect(actor).toMatchObject({ email: 'eli@example.org', name: 'Éli', role: 'editor' });
    expect(await pendingIds()).not.toContain(invitation.id);
    const row = await t.db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.usedAt).not.toBeNull();
    const used = await t.db.event.findFirstOrThrow({ where: { type: 'invitation.used', entityId: invitation.id } });
    expect(used.actorId).toBe(actor.id);
    expect(JSON.parse(used.payload)).toEqual({ email: 'eli@example.org', role: 'editor' });

    const again = await expectDomainError(registerUser(t.db, { email: 'eli2@example.org', password, invitation: token }), 410);
    expect([again.key, again.params]).toEqual(['invitationUnusable', { reason: 'used' }]);
    expect(await findActorByEmail(t.db, 'eli2@example.org')).toBeNull();
    expect((await registrationTerms(t.db, token)).access).toEqual({ ok: false, refusal: 'used' });
    await setRegistrationMode(ctxFor(t.db, admin), { mode: 'open' });
  });

  it('with the mode open, a link still sets the role; without one, reviewers', async () => {
    const { token } = await invite({ role: 'editor' });
    expect((await registerUser(t.db, { email: 'open-invited@example.org', password, invitation: token })).role).toBe('editor');
    expect((await registerUser(t.db, { email: 'open-walk-in@example.org', password })).role).toBe('reviewer');
  });

  it('an invitation naming an address is for that address only, whatever its case; admin invitations work so', async () => {
    const { token } = await invite({ email: 'nadia@example.org', role: 'admin' });
    const error = await expectDomainError(registerUser(t.db, { email: 'other@example.org', password, invitation: token }), 422, [['email']]);
    expect(error.issues[0]!.key).toBe('notInvited');
    expect(await findActorByEmail(t.db, 'other@example.org')).toBeNull();
    expect((await registerUser(t.db, { email: 'Nadia@Example.org', password, invitation: token })).role).toBe('admin');
  });

  it('an expired link is refused from the instant of its expiry; an unknown one as not valid', async () => {
    const tenDaysAgo = new Date(Date.now() - 10 * DAY);
    const old = await invite({ expiresInDays: 7 }, tenDaysAgo);
    expect(await pendingIds()).not.toContain(old.invitation.id);
    const expired = await expectDomainError(registerUser(t.db, { email: 'late@example.org', password, invitation: old.token }), 410);
    expect(expired.params).toEqual({ reason: 'expired' });

    const now = new Date();
    const { invitation, token } = await invite({ expiresInDays: 1 }, now);
    const expiry = new Date(invitation.expiresAt);
    const atExpiry = await expectDomainError(registerUser(t.db, { email: 'just-late@example.org', password, invitation: token }, expiry), 410);
    expect(atExpiry.params).toEqual({ reason: 'expired' });
    const justBefore = await registerUser(t.db, { email: 'just-in-time@example.org', password, invitation: token }, new Date(expiry.getTime() - 1));
    expect(justBefore.role).toBe('reviewer');

    const unknown = await expectDomainError(registerUser(t.db, { email: 'guess@example.org', password, invitation: 'not-a-real-secret' }), 404);
    expect([unknown.key, unknown.params]).toEqual(['invitationUnusable', { reason: 'unknown' }]);
    expect(await findActorByEmail(t.db, 'guess@example.org')).toBeNull();
  });

  it('a revoked link stops working at once; revoking again, a used, expired or unknown one is 404', async () => {
    const { invitation, token } = await invite();
    await revokeInvitation(ctxFor(t.db, admin), invitation.id);
    expect(await pendingIds()).not.toContain(invitation.id);
    const revoked = await expectDomainError(registerUser(t.db, { email: 'revoked@example.org', password, invitation: token }), 410);
    expect(revoked.params).toEqual({ reason: 'revoked' });
    const event = await t.db.event.findFirstOrThrow({ where: { type: 'invitation.revoked', entityId: invitation.id } });
    expect([event.actorId, JSON.parse(event.payload)]).toEqual([admin.id, { email: null, role: 'reviewer' }]);

    await expectDomainError(revokeInvitation(ctxFor(t.db, admin), invitation.id), 404);
    const used = await invite();
    await registerUser(t.db, { email: 'used-first@example.org', password, invitation: used.token });
    await expectDomainError(revokeInvitation(ctxFor(t.db, admin), used.invitation.id), 404);
    const old = await invite({ expiresInDays: 1 }, new Date(Date.now() - 2 * DAY));
    await expectDomainError(revokeInvitation(ctxFor(t.db, admin), old.invitation.id), 404);
    const missing = await expectDomainError(revokeInvitation(ctxFor(t.db, admin), 'nope'), 404);
    expect(missing.params).toEqual({ what: 'invitation' });
    expect(await t.db.event.count({ where: { type: 'invitation.revoked' } })).toBe(2); // the first test's and this one
  });

  it('two registrations racing on one link: exactly one account, the other told the link was used', async () => {
    const { invitation, token } = await invite({ role: 'editor' });
    const results = await Promise.allSettled(
      ['racer-a', 'racer-b', 'racer-c'].map((n) => registerUser(t.db, { email: `${n}@example.org`, password, invitation: token })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => [r.reason.status, r.reason.params])).toEqual([
      [410, { reason: 'used' }],
      [410, { reason: 'used' }],
    ]);
    expect(await t.db.user.count({ where: { email: { startsWith: 'racer-' } } })).toBe(1);
    expect(await t.db.event.count({ where: { type: 'invitation.used', entityId: invitation.id } })).toBe(1);
  });

  it('a registration refused for another reason leaves the invitation pending', async () => {
    const { invitation, token } = await invite({ role: 'editor' });
    await expectDomainError(registerUser(t.db, { email: editor.email, password, invitation: token }), 409, [['email']]);
    await expectDomainError(registerUser(t.db, { email: 'short@example.org', password: 'short', invitation: token }), 422, [['password']]);
    expect(await pendingIds()).toContain(invitation.id);
  });
});
