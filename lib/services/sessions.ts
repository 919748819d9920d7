// Sessions that can be ended. Auth.js keeps a Credentials sign-in in a JWT
// cookie, which on its own stays valid until it expires, wherever it was copied.
// Each sign-in therefore gets a Session row whose random id the (encrypted)
// cookie carries, and a request is someone's only while that row exists: signing
// out deletes that one row (the other browsers stay signed in), a password
// change, a deactivation or "sign out everywhere" delete all the account's rows.
// A per-user version number would have ended every session at once, but could
// not end just the one being signed out of.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import { forbidden, notFound } from '../errors';
import { hasRole } from '../permissions';
import { requireActor, type Actor, type ServiceContext, type Tx } from './context';
import { recordEvent } from './events';
import { activeActor } from './users';

/** How long a sign-in lasts: the cookie's lifetime and the row's, from sign-in (30 days, Auth.js's default). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** A new session for the account; its id goes into the cookie. */
export async function startSession(db: Db, userId: string, now: Date = new Date()): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  // The account's expired sessions go as a new one comes: the table holds live sign-ins only.
  await db.session.deleteMany({ where: { userId, expiresAt: { lte: now } } });
  await db.session.create({ data: { id, userId, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) } });
  return id;
}

/** The account a session cookie acts for: null once the session was ended or expired, or the account deactivated. */
export async function sessionActor(db: Db, sessionId: string, now: Date = new Date()): Promise<Actor | null> {
  const session = await db.session.findUnique({ where: { id: sessionId }, include: { user: true } });
  if (!session || session.expiresAt <= now) return null;
  return activeActor(session.user);
}

/** Signing out: this session ends, the account's others go on. */
export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** Every session of the account ends (its API tokens are revoked separately, in Settings). */
export async function endAllSessions(db: Tx, userId: string): Promise<number> {
  return (await db.session.deleteMany({ where: { userId } })).count;
}

/**
 * "Sign out everywhere": a person for themselves (Settings), or an admin for
 * anyone (People; POST /users/:id/sessions/end). Returns how many sessions ended.
 * An admin's doing is recorded as `user.signedOut`.
 */
export async function signOutEverywhere(ctx: ServiceContext, userId: string): Promise<{ ended: number }> {
  const actor = requireActor(ctx);
  const own = actor.id === userId;
  if (!own && !hasRole(actor, 'admin')) throw forbidden('Only admins can sign other people out.', { role: 'admin' });
  return ctx.db.$transaction(async (tx) => {
    if (!(await tx.user.findUnique({ where: { id: userId }, select: { id: true } }))) throw notFound('user');
    const ended = await endAllSessions(tx, userId);
    if (!own) await recordEvent(tx, { articleId: null, claimId: null, type: 'user.signedOut', entityId: userId, actorId: actor.id, payload: { sessions: ended } });
    return { ended };
  });
}
