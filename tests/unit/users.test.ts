// People and roles on real SQLite: the users list, role changes and
// deactivation, which stops sign-in, sessions and tokens at once.
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../lib/services/articles';
import { createClaim, getClaim } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { authenticateToken, createToken } from '../../lib/services/tokens';
import { findActor, listUsers, updateUser, upsertUser, verifyCredentials } from '../../lib/services/users';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

describe('users', () => {
  const t = useDatabase();
  let admin: Actor;
  let otherAdmin: Actor;
  let editor: Actor;
  let reviewer: Actor;
  let other: Actor;

  beforeAll(async () => {
    admin = await makeUser(t.db, 'admin', 'Ada');
    otherAdmin = await makeUser(t.db, 'admin', 'Alan');
    editor = await makeUser(t.db, 'editor', 'Édith');
    reviewer = await makeUser(t.db, 'reviewer', 'Rita');
    other = await makeUser(t.db, 'reviewer', 'Rémi');
  });

  it('everyone signed in lists people by name and role; only admins see email addresses', async () => {
    const forReviewer = await listUsers(ctxFor(t.db, reviewer));
    expect(forReviewer.find((u) => u.id === editor.id)).toEqual({ id: editor.id, name: 'Édith', role: 'editor', active: true });
    expect(JSON.stringify(forReviewer)).not.toContain('@example.org');
    const forAdmin = await listUsers(ctxFor(t.db, admin));
    expect(forAdmin.find((u) => u.id === editor.id)).toMatchObject({ email: editor.email, active: true, deactivatedAt: null, createdAt: expect.any(String) });
    await expectDomainError(listUsers(ctxFor(t.db, null)), 401);
  });

  it('lists people in alphabetical order on every database: case and accents aside, people without a name last', async () => {
    const names = ['Zoé', 'bob', null, 'Émile', 'alice', 'Bob'] as const;
    const people: Actor[] = [];
    for (const name of names) people.push(await makeUser(t.db, 'reviewer', name));
    const order = (await listUsers(ctxFor(t.db, admin))).map((u) => u.id).filter((id) => people.some((p) => p.id === id));
    const [zoe, bob, unnamed, emile, alice, bobCapital] = people;
    // Two Bobs: by email, which makeUser numbers in order of creation.
    expect(order).toEqual([alice!.id, bob!.id, bobCapital!.id, emile!.id, zoe!.id, unnamed!.id]);
  });

  it('an admin changes a role: it applies at the next request, recorded before → after', async () => {
    const promoted = await makeUser(t.db, 'reviewer', 'Paul');
    const updated = await updateUser(ctxFor(t.db, admin), promoted.id, { role: 'editor' });
    expect(updated).toMatchObject({ id: promoted.id, role: 'editor', active: true });
    expect((await findActor(t.db, promoted.id))?.role).toBe('editor');
    const event = await t.db.event.findFirstOrThrow({ where: { type: 'user.updated', entityId: promoted.id } });
    expect(event).toMatchObject({ actorId: admin.id, articleId: null });
    expect(JSON.parse(event.payload)).toEqual({ before: { role: 'reviewer' }, after: { role: 'editor' } });
    // Nothing to change, nothing recorded.
    await updateUser(ctxFor(t.db, admin), promoted.id, { role: 'editor', active: true });
    expect(await t.db.event.count({ where: { type: 'user.updated', entityId: promoted.id } })).toBe(1);
  });

  it('deactivation stops sign-in, sessions and tokens at once; the work stays attributed; reactivation restores them', async () => {
    const leaving = await upsertUser(t.db, { email: 'leaving@example.org', password: 'long enough for sure', role: 'reviewer', name: 'Léa' });
    const { token } = await createToken(t.db, leaving.user.id, { name: 'script' });
    const article = await createArticle(ctxFor(t.db, editor), { text: 'Une affirmation à garder.' });
    const claim = await createClaim(ctxFor(t.db, leaving.user), article.id, { exact: 'Une affirmation' });
    await upsertVerdict(ctxFor(t.db, leaving.user), claim.id, { rating: 'true' });

    const off = await updateUser(ctxFor(t.db, admin), leaving.user.id, { active: false });
    expect(off).toMatchObject({ active: false, deactivatedAt: expect.any(String) });
    expect(await verifyCredentials(t.db, { email: 'leaving@example.org', password: 'long enough for sure' })).toBeNull();
    expect(await findActor(t.db, leaving.user.id)).toBeNull(); // the session's user, read on every request
    expect(await authenticateToken(t.db, token)).toBeNull();
    const seen = await getClaim(ctxFor(t.db, editor), claim.id);
    expect(seen.createdBy).toEqual({ id: leaving.user.id, name: 'Léa' });
    expect(seen.verdicts[0]!.reviewer.id).toBe(leaving.user.id);
    expect((await listUsers(ctxFor(t.db, reviewer))).find((u) => u.id === leaving.user.id)?.active).toBe(false);

    await updateUser(ctxFor(t.db, otherAdmin), leaving.user.id, { active: true });
    expect((await verifyCredentials(t.db, { email: 'leaving@example.org', password: 'long enough for sure' }))?.id).toBe(leaving.user.id);
    expect((await authenticateToken(t.db, token))?.id).toBe(leaving.user.id);
    const events = await t.db.event.findMany({ where: { type: 'user.updated', entityId: leaving.user.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => JSON.parse(e.payload))).toEqual([
      { before: { active: true }, after: { active: false } },
      { before: { active: false }, after: { active: true } },
    ]);
  });

  it('editors and reviewers (their own account or another) get 403; an admin may not change their own account', async () => {
    for (const who of [editor, reviewer, other]) {
      await expectDomainError(updateUser(ctxFor(t.db, who), reviewer.id, { role: 'admin' }), 403);
      await expectDomainError(updateUser(ctxFor(t.db, who), who.id, { role: 'admin' }), 403);
    }
    const own = await expectDomainError(updateUser(ctxFor(t.db, admin), admin.id, { active: false }), 403);
    expect(own.message).toMatch(/another admin/);
    // Another admin may.
    expect((await updateUser(ctxFor(t.db, otherAdmin), admin.id, { role: 'admin' })).role).toBe('admin');
    await expectDomainError(updateUser(ctxFor(t.db, null), reviewer.id, { role: 'admin' }), 401);
    expect((await findActor(t.db, reviewer.id))?.role).toBe('reviewer');
  });

  it('bad input is 422 naming the field; unknown accounts 404', async () => {
    const error = await expectDomainError(updateUser(ctxFor(t.db, admin), reviewer.id, { role: 'owner' }), 422, [['role']]);
    expect(error.message).toBe('The role must be one of: admin, editor, reviewer.');
    await expectDomainError(updateUser(ctxFor(t.db, admin), reviewer.id, { active: 'no' }), 422, [['active']]);
    await expectDomainError(updateUser(ctxFor(t.db, admin), reviewer.id, { email: 'x@example.org' }), 422);
    await expectDomainError(updateUser(ctxFor(t.db, admin), 'no-such-user', { active: false }), 404);
  });
});
