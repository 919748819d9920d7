import type { Db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { queryRows, selectList, type Columns } from '../db/raw-rows';
import { serializable } from '../db/transactions';
import { conflict, forbidden, invalidField, invitationRequired, invitationUnusable, notFound } from '../errors';
import { passwordProblem } from '../security/password-policy';
import { SIGN_IN_PER_ACCOUNT } from '../security/rate-limits';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { Prisma, type User } from '../generated/prisma/client';
import { invitedEmailMatches } from '../invitations';
import { hasRole, userChange } from '../permissions';
import { isRole, type Role } from '../permissions';
import { credentialsSchema, issueMessage, parseInput, passwordChangeSchema, registerSchema, userUpdateSchema, userUpsertSchema } from '../validation';
import { findByIds } from './claim-rows';
import { requireActor, type Actor, type ServiceContext, type Tx } from './context';
import { recordEvent } from './events';
import { consumeInvitation, registrationTerms } from './invitations';
import { clearAttempts, countAttempt } from './rate-limits';
import { endAllSessions } from './sessions';
import { forgetTokenOwners } from './token-owners';

function role(value: string): Role {
  if (isRole(value)) return value;
  throw new Error(`Unexpected role in the database: ${JSON.stringify(value)}.`);
}

function toActor(user: { id: string; email: string; name: string | null; role: string }): Actor {
  return { id: user.id, email: user.email, name: user.name, role: role(user.role) };
}

/** The active account's actor; a deactivated account acts for nobody. */
export function activeActor(user: Pick<User, 'id' | 'email' | 'name' | 'role' | 'deactivatedAt'> | null): Actor | null {
  return user && !user.deactivatedAt ? toActor(user) : null;
}

/**
 * The password policy (lib/security/password-policy) on a new password: a 422
 * on `field` naming the rule. `personal` are the account's email and name.
 */
function requireAcceptablePassword(password: string, personal: readonly (string | null)[], field = 'password'): void {
  const problem = passwordProblem(password, personal);
  if (problem) throw invalidField(field, issueMessage([field], problem), problem);
}

/**
 * Self-registration. The first account on an empty database becomes admin;
 * then an invitation link (`invitation`, its secret) gives its role and is used
 * up in the same transaction; without one, open registration makes reviewers
 * and invitation-only registration refuses (lib/invitations). `now` decides
 * whether the invitation has expired.
 */
export async function registerUser(db: Db, input: unknown, now: Date = new Date()): Promise<Actor> {
  const { email, password, name, invitation: secret } = parseInput(registerSchema, input);
  requireAcceptablePassword(password, [email, name]);
  const passwordHash = await hashPassword(password);
  const duplicate = () =>
    conflict('duplicateEmail', 'An account with this email address already exists: sign in instead.', {
      issues: [{ path: ['email'], message: 'This email address is already registered.', key: 'alreadyRegistered' }],
    });
  const register = async (tx: Tx) => {
    if (await tx.user.findUnique({ where: { email } })) throw duplicate();
    const { access } = await registrationTerms(tx, secret, now);
    if (!access.ok) throw access.refusal === 'invitationRequired' ? invitationRequired() : invitationUnusable(access.refusal);
    const { invitation } = access;
    if (invitation && !invitedEmailMatches(invitation, email)) throw invalidField('email', 'This invitation is for another email address.', 'notInvited');
    const created = await tx.user.create({ data: { email, name, passwordHash, role: access.role } });
    if (invitation) await consumeInvitation(tx, invitation, created, now);
    return created;
  };
  // Accounts are never deleted: once there is one, no registration becomes the
  // first admin. Only registrations on an empty database must see each other,
  // so that one alone counts no account: those run SERIALIZABLE (which would
  // make every concurrent registration conflict with every other).
  const empty = (await db.user.count()) === 0;
  try {
    return toActor(empty ? await serializable(db, register, 10) : await db.$transaction(register));
  } catch (error) {
    // The same address registered twice at once: the unique email index refused the second.
    throw isUniqueViolation(error) ? duplicate() : error;
  }
}

/** Creates or updates an account with the given role (the user:create CLI). */
export async function upsertUser(db: Db, input: unknown): Promise<{ user: Actor; created: boolean }> {
  const { email, password, name, role } = parseInput(userUpsertSchema, input);
  requireAcceptablePassword(password, [email, name]);
  const passwordHash = await hashPassword(password);
  const existing = await db.user.findUnique({ where: { email } });
  const user = await db.user.upsert({
    where: { email },
    create: { email, name, passwordHash, role },
    update: { passwordHash, role, ...(name ? { name } : {}) },
  });
  // A password set from the command line replaces the old one everywhere: its sessions end.
  if (existing) await endAllSessions(db, user.id);
  forgetTokenOwners(db, user.id);
  return { user: toActor(user), created: !existing };
}

/**
 * Settings: the signed-in person changes their password, giving the current one.
 * Every session of the account ends, this one included (the caller signs this
 * browser in again with the new password): a copied cookie stops working. A
 * wrong current password counts as a failed sign-in on the account, so that a
 * borrowed session cannot be used to guess it.
 */
export async function changePassword(ctx: ServiceContext, input: unknown): Promise<void> {
  const actor = requireActor(ctx);
  const { currentPassword, newPassword } = parseInput(passwordChangeSchema, input);
  const user = await ctx.db.user.findUnique({ where: { id: actor.id } });
  if (!user) throw notFound('user');
  await countAttempt(ctx.db, SIGN_IN_PER_ACCOUNT, user.email);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw invalidField('currentPassword', issueMessage(['currentPassword'], 'wrongPassword'), 'wrongPassword');
  await clearAttempts(ctx.db, SIGN_IN_PER_ACCOUNT, user.email);
  requireAcceptablePassword(newPassword, [user.email, user.name], 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await endAllSessions(tx, user.id);
    await recordEvent(tx, { articleId: null, claimId: null, type: 'user.passwordChanged', entityId: user.id, actorId: actor.id, payload: {} });
  });
}

/** The account for these credentials, or null; same answer time for unknown emails. */
export async function verifyCredentials(db: Db, input: unknown): Promise<Actor | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  if (!user) {
    await hashPassword(parsed.data.password); // keep timing similar to a wrong password
    return null;
  }
  // The password is checked first, so a deactivated account answers in the same time as a wrong password.
  return (await verifyPassword(user.passwordHash, parsed.data.password)) ? activeActor(user) : null;
}

/**
 * The account a session or a token acts for, read on every request: null once
 * deleted or deactivated, so a deactivation stops its sessions and tokens at once.
 */
export async function findActor(db: Tx, userId: string): Promise<Actor | null> {
  return activeActor(await db.user.findUnique({ where: { id: userId } }));
}

/** What an actor is read from. */
const ACTOR_COLUMNS = { id: 'text', email: 'text', name: 'text?', role: 'text' } as const satisfies Columns;

/** The active accounts among `ids`, by id. In raw SQL (lib/db/raw-rows.ts): every change that notifies anyone reads them. */
export async function findActiveActors(db: Tx, ids: readonly string[]): Promise<Map<string, Actor>> {
  const users = await findByIds(ids, (slice) =>
    queryRows(db, 'User', ACTOR_COLUMNS, Prisma.sql`SELECT ${selectList('u', ACTOR_COLUMNS)} FROM "User" u WHERE u."id" IN (${Prisma.join(slice)}) AND u."deactivatedAt" IS NULL`),
  );
  return new Map(users.map((u) => [u.id, toActor(u)]));
}

export async function findActorByEmail(db: Db, email: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  return user ? toActor(user) : null;
}

/** A person as the users list shows them; admins also see the email address and dates. */
export interface UserView {
  id: string;
  name: string | null;
  role: Role;
  active: boolean;
  email?: string;
  createdAt?: string;
  deactivatedAt?: string | null;
}

function toUserView(user: User, forAdmin: boolean): UserView {
  const view: UserView = { id: user.id, name: user.name, role: role(user.role), active: user.deactivatedAt === null };
  if (!forAdmin) return view;
  return { ...view, email: user.email, createdAt: user.createdAt.toISOString(), deactivatedAt: user.deactivatedAt?.toISOString() ?? null };
}

/**
 * GET /users: everyone signed in, by name (to mention people and see who is
 * on the desk); email addresses and dates for admins only.
 */
export async function listUsers(ctx: ServiceContext): Promise<UserView[]> {
  const viewer = requireActor(ctx);
  const users = await ctx.db.user.findMany();
  return users.sort(readerOrder).map((u) => toUserView(u, hasRole(viewer, 'admin')));
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/**
 * By name as a reader expects (alice, Bob, Émile, Zoé: case and accents
 * aside), people without a name last, by email. Sorted here rather than by the
 * database, whose order of strings depends on the provider and its collation
 * (code points, capitals first and accents last; no name first on SQLite, last
 * on PostgreSQL).
 */
function readerOrder(a: User, b: User): number {
  if ((a.name === null) !== (b.name === null)) return a.name === null ? 1 : -1;
  return collator.compare(a.name ?? '', b.name ?? '') || collator.compare(a.email, b.email);
}

/**
 * PATCH /users/:id `{role?, active?}`: admins change someone else's role, or
 * deactivate and reactivate their account (lib/permissions). Recorded as
 * `user.updated`, before → after.
 */
export async function updateUser(ctx: ServiceContext, id: string, input: unknown): Promise<UserView> {
  const actor = requireActor(ctx);
  const decision = userChange(actor, id);
  if (decision === 'not-admin') throw forbidden('Only admins can change roles or deactivate accounts.', { role: 'admin' });
  const data = parseInput(userUpdateSchema, input);
  if (decision === 'own-account') throw forbidden('You cannot change your own role or deactivate your own account: ask another admin.');
  const view = await ctx.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound('user');
    const before: { role?: string; active?: boolean } = {};
    const after: { role?: string; active?: boolean } = {};
    if (data.role !== undefined && data.role !== user.role) [before.role, after.role] = [user.role, data.role];
    const active = user.deactivatedAt === null;
    if (data.active !== undefined && data.active !== active) [before.active, after.active] = [active, data.active];
    if (Object.keys(after).length === 0) return toUserView(user, true);
    const updated = await tx.user.update({
      where: { id },
      data: {
        ...(after.role !== undefined ? { role: after.role } : {}),
        ...(after.active !== undefined ? { deactivatedAt: after.active ? null : new Date() } : {}),
      },
    });
    // A deactivated account's sessions end for good: reactivating it does not bring old cookies back.
    if (after.active === false) await endAllSessions(tx, id);
    await recordEvent(tx, { articleId: null, claimId: null, type: 'user.updated', entityId: id, actorId: actor.id, payload: { before, after } });
    return toUserView(updated, true);
  });
  // Their bearer tokens carry the new role, or stop working, from this instance's next request on.
  forgetTokenOwners(ctx.db, id);
  return view;
}
