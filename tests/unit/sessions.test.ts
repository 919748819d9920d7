// Sessions that can be ended (lib/services/sessions.ts): signing out, a password
// change, a deactivation and "sign out everywhere" stop a session cookie at once
// (a copied cookie is the same session id); on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { SESSION_MAX_AGE_SECONDS, endSession, sessionActor, signOutEverywhere, startSession } from '../../lib/services/sessions';
import { signInWithPassword } from '../../lib/services/sign-in';
import { changePassword, registerUser, updateUser, upsertUser } from '../../lib/services/users';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

const PASSWORD = 'correct horse battery';

describe('sessions', () => {
  const t = useDatabase();

  it('a session acts for its account until it is signed out of; the account’s other sessions go on', async () => {
    const user = await makeUser(t.db, 'reviewer', 'Sam');
    const [laptop, phone] = [await startSession(t.db, user.id), await startSession(t.db, user.id)];
    expect(laptop).toMatch(/^[\w-]{43}$/);
    expect((await sessionActor(t.db, laptop))?.id).toBe(user.id);
    await endSession(t.db, laptop);
    expect(await sessionActor(t.db, laptop)).toBeNull();
    expect((await sessionActor(t.db, phone))?.id).toBe(user.id);
    expect(await sessionActor(t.db, 'made-up')).toBeNull();
  });

  it('a session expires after its lifetime, whatever its cookie says', async () => {
    const user = await makeUser(t.db, 'reviewer');
    const started = new Date('2030-01-01T00:00:00Z');
    const id = await startSession(t.db, user.id, started);
    expect(await sessionActor(t.db, id, new Date(started.getTime() + SESSION_MAX_AGE_SECONDS * 1000 - 1000))).not.toBeNull();
    expect(await sessionActor(t.db, id, new Date(started.getTime() + SESSION_MAX_AGE_SECONDS * 1000))).toBeNull();
  });

  it('a password change ends every session of the account; the old password no longer signs in, the new one does', async () => {
    const { user } = await upsertUser(t.db, { email: 'changing@example.org', password: PASSWORD, role: 'reviewer' });
    const [a, b] = [await startSession(t.db, user.id), await startSession(t.db, user.id)];
    const other = await makeUser(t.db, 'reviewer');
    const kept = await startSession(t.db, other.id);
    const ctx = ctxFor(t.db, user);
    const wrong = await expectDomainError(changePassword(ctx, { currentPassword: 'not it at all', newPassword: 'a brand new phrase' }), 422, [['currentPassword']]);
    expect(wrong.issues[0]!.key).toBe('wrongPassword');
    const weak = await expectDomainError(changePassword(ctx, { currentPassword: PASSWORD, newPassword: 'password123' }), 422, [['newPassword']]);
    expect(weak.issues[0]).toMatchObject({ key: 'commonPassword', message: expect.stringMatching(/^The new password is one of the most common passwords/) });
    expect(await sessionActor(t.db, a)).not.toBeNull(); // a refused change ends nothing

    await changePassword(ctx, { currentPassword: PASSWORD, newPassword: 'a brand new phrase' });
    expect(await sessionActor(t.db, a)).toBeNull();
    expect(await sessionActor(t.db, b)).toBeNull();
    expect((await sessionActor(t.db, kept))?.id).toBe(other.id);
    expect(await signInWithPassword(t.db, { email: 'changing@example.org', password: PASSWORD }, '192.0.2.1')).toBeNull();
    expect((await signInWithPassword(t.db, { email: 'changing@example.org', password: 'a brand new phrase' }, '192.0.2.1'))?.id).toBe(user.id);
    const event = await t.db.event.findFirstOrThrow({ where: { type: 'user.passwordChanged', entityId: user.id } });
    expect(event.payload).not.toContain('brand new');
    await expectDomainError(changePassword(ctxFor(t.db, null), { currentPassword: 'x', newPassword: 'a brand new phrase' }), 401);
  });

  it('a deactivation ends every session for good: reactivating does not bring them back', async () => {
    const admin = await makeUser(t.db, 'admin');
    const leaving = await makeUser(t.db, 'reviewer');
    const id = await startSession(t.db, leaving.id);
    await updateUser(ctxFor(t.db, admin), leaving.id, { active: false });
    expect(await sessionActor(t.db, id)).toBeNull();
    await updateUser(ctxFor(t.db, admin), leaving.id, { active: true });
    expect(await sessionActor(t.db, id)).toBeNull();
  });

  it('user:create setting a new password ends the account’s sessions', async () => {
    const { user } = await upsertUser(t.db, { email: 'reset@example.org', password: PASSWORD, role: 'reviewer' });
    const id = await startSession(t.db, user.id);
    await upsertUser(t.db, { email: 'reset@example.org', password: 'another good phrase', role: 'reviewer' });
    expect(await sessionActor(t.db, id)).toBeNull();
  });

  it('sign out everywhere: anyone for themselves, an admin for anyone (recorded), nobody else', async () => {
    const admin = await makeUser(t.db, 'admin');
    const person = await makeUser(t.db, 'editor');
    const stranger = await makeUser(t.db, 'editor');
    const ids = [await startSession(t.db, person.id), await startSession(t.db, person.id)];
    await expectDomainError(signOutEverywhere(ctxFor(t.db, stranger), person.id), 403);
    await expectDomainError(signOutEverywhere(ctxFor(t.db, null), person.id), 401);
    await expectDomainError(signOutEverywhere(ctxFor(t.db, admin), 'nobody'), 404);
    expect(await signOutEverywhere(ctxFor(t.db, admin), person.id)).toEqual({ ended: 2 });
    for (const id of ids) expect(await sessionActor(t.db, id)).toBeNull();
    const event = await t.db.event.findFirstOrThrow({ where: { type: 'user.signedOut', entityId: person.id } });
    expect(event.actorId).toBe(admin.id);
    await startSession(t.db, person.id);
    expect(await signOutEverywhere(ctxFor(t.db, person), person.id)).toEqual({ ended: 1 });
  });

  it('refuses weak passwords on registration and user:create, naming the rule', async () => {
    const error = await expectDomainError(upsertUser(t.db, { email: 'weak@example.org', password: 'azertyuiop', role: 'reviewer' }), 422, [['password']]);
    expect(error.issues[0]).toMatchObject({ key: 'guessablePassword', message: expect.stringContaining('too easy to guess') });
    const leaked = await expectDomainError(registerUser(t.db, { email: 'weak2@example.org', password: 'iloveyou123' }), 422, [['password']]);
    expect(leaked.issues[0]!.key).toBe('commonPassword');
  });
});
