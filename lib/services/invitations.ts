// Who may create an account: the instance's registration mode (open, or by
// invitation only) and the invitations admins send. An invitation's secret
// travels once, in the link; only its SHA-256 hash is stored (as for API
// tokens). It is consumed in the transaction that creates the account, by a
// conditional update, so two registrations racing on one link cannot both win.
import { generateInvitationSecret, hashToken } from '../auth/tokens';
import { invalidField, invitationUnusable, notFound } from '../errors';
import type { Invitation, User } from '../generated/prisma/client';
import {
  DEFAULT_REGISTRATION_MODE,
  invitationExpiry,
  invitationPath,
  invitationState,
  isRegistrationMode,
  registrationAccess,
  type InvitationFacts,
  type RegistrationAccess,
  type RegistrationMode,
} from '../invitations';
import { isRole, type Role } from '../permissions';
import { invitationCreateSchema, parseInput, registrationModeSchema } from '../validation';
import type { Person } from './claim-views';
import { requireRole, type ServiceContext, type Tx } from './context';
import { recordEvent } from './events';

/** The one row of InstanceSettings. */
const SETTINGS_ID = 'instance';

/** The registration mode in force; the default until an admin first changes it. */
export async function getRegistrationMode(db: Tx): Promise<RegistrationMode> {
  const row = await db.instanceSettings.findUnique({ where: { id: SETTINGS_ID } });
  if (!row) return DEFAULT_REGISTRATION_MODE;
  if (!isRegistrationMode(row.registration)) throw new Error(`Unexpected registration mode in the database: ${JSON.stringify(row.registration)}.`);
  return row.registration;
}

/** PUT /registration `{mode}`: admins only; recorded as `registration.updated`, before → after. */
export async function setRegistrationMode(ctx: ServiceContext, input: unknown): Promise<{ mode: RegistrationMode }> {
  const actor = requireRole(ctx, 'admin');
  const { mode } = parseInput(registrationModeSchema, input);
  return ctx.db.$transaction(async (tx) => {
    const before = await getRegistrationMode(tx);
    if (before === mode) return { mode };
    await tx.instanceSettings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID, registration: mode }, update: { registration: mode } });
    await recordEvent(tx, {
      articleId: null,
      claimId: null,
      type: 'registration.updated',
      entityId: SETTINGS_ID,
      actorId: actor.id,
      payload: { before: { mode: before }, after: { mode } },
    });
    return { mode };
  });
}

/** A pending invitation as admins list it; never its secret, which is not stored. */
export interface InvitationView {
  id: string;
  /** The only address that may use it, or null: anyone holding the link. */
  email: string | null;
  role: Role;
  expiresAt: string;
  createdAt: string;
  createdBy: Person | null;
}

type StoredInvitation = Invitation & { createdBy: Pick<User, 'id' | 'name'> | null };

/** The stored row as the rules see it, its role checked rather than cast. */
function facts(row: Invitation): InvitationFacts & { id: string } {
  if (!isRole(row.role)) throw new Error(`Unexpected invitation role in the database: ${JSON.stringify(row.role)}.`);
  return { id: row.id, email: row.email, role: row.role, expiresAt: row.expiresAt, revokedAt: row.revokedAt, usedAt: row.usedAt };
}

function toView(row: StoredInvitation): InvitationView {
  const { email, role, expiresAt } = facts(row);
  return {
    id: row.id,
    email,
    role,
    expiresAt: expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy ? { id: row.createdBy.id, name: row.createdBy.name } : null,
  };
}

const withCreator = { createdBy: { select: { id: true, name: true } } } as const;

/**
 * POST /invitations `{email?, role?, expiresInDays?}`: admins only. Returns the
 * secret and the registration page's path for it, once: only the hash is kept.
 * `now` is the creation time (tests make invitations that have already expired).
 */
export async function createInvitation(
  ctx: ServiceContext,
  input: unknown,
  now: Date = new Date(),
): Promise<{ invitation: InvitationView; token: string; path: string }> {
  const actor = requireRole(ctx, 'admin');
  const { email, role, expiresInDays } = parseInput(invitationCreateSchema, input);
  const token = generateInvitationSecret();
  return ctx.db.$transaction(async (tx) => {
    if (email !== null && (await tx.user.findUnique({ where: { email }, select: { id: true } }))) {
      throw invalidField('email', 'This email address already has an account: change its role on this page instead.', 'alreadyRegistered');
    }
    const row = await tx.invitation.create({
      data: { tokenHash: hashToken(token), email, role, expiresAt: invitationExpiry(now, expiresInDays), createdById: actor.id, createdAt: now },
      include: withCreator,
    });
    const invitation = toView(row);
    await recordEvent(tx, {
      articleId: null,
      claimId: null,
      type: 'invitation.created',
      entityId: row.id,
      actorId: actor.id,
      payload: { email, role, expiresAt: invitation.expiresAt },
    });
    return { invitation, token, path: invitationPath(token) };
  });
}

/** GET /invitations: admins only; the invitations still pending at `now`, the soonest to expire first. */
export async function listInvitations(ctx: ServiceContext, now: Date = new Date()): Promise<InvitationView[]> {
  requireRole(ctx, 'admin');
  const rows = await ctx.db.invitation.findMany({
    where: { usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
    include: withCreator,
  });
  return rows.map(toView);
}

/** DELETE /invitations/:id: admins only; a pending invitation stops working at once (404 otherwise). */
export async function revokeInvitation(ctx: ServiceContext, id: string, now: Date = new Date()): Promise<void> {
  const actor = requireRole(ctx, 'admin');
  await ctx.db.$transaction(async (tx) => {
    const row = await tx.invitation.findUnique({ where: { id } });
    // Conditional, like consumption: a link used a moment ago is not reported as revoked.
    const { count } = await tx.invitation.updateMany({
      where: { id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now },
    });
    if (!row || count === 0) throw notFound('invitation');
    await recordEvent(tx, {
      articleId: null,
      claimId: null,
      type: 'invitation.revoked',
      entityId: id,
      actorId: actor.id,
      payload: { email: row.email, role: row.role },
    });
  });
}

type StoredInvitationFacts = InvitationFacts & { id: string };

/**
 * Who may register at `now` with this invitation secret (null: no link), in the
 * mode in force (lib/invitations registrationAccess). Read by the registration
 * page to say so before anyone types, and again in the registering transaction.
 */
export async function registrationTerms(
  db: Tx,
  secret: string | null,
  now: Date = new Date(),
): Promise<{ mode: RegistrationMode; access: RegistrationAccess<StoredInvitationFacts> }> {
  const [mode, accounts, row] = await Promise.all([
    getRegistrationMode(db),
    db.user.count(),
    secret ? db.invitation.findUnique({ where: { tokenHash: hashToken(secret) } }) : null,
  ]);
  const invitation = secret === null ? 'none' : row ? facts(row) : 'unknown';
  return { mode, access: registrationAccess({ mode, firstAccount: accounts === 0, invitation, now }) };
}

/**
 * Marks the invitation used by the account just created, in the same
 * transaction: the update applies only while the invitation is still pending,
 * so of two registrations on one link exactly one wins; the other is told the
 * link was used, and its account is rolled back. Recorded as `invitation.used`.
 */
export async function consumeInvitation(tx: Tx, invitation: StoredInvitationFacts, user: { id: string; email: string }, now: Date): Promise<void> {
  const { count } = await tx.invitation.updateMany({
    where: { id: invitation.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count === 0) {
    const current = await tx.invitation.findUnique({ where: { id: invitation.id } });
    const state = current ? invitationState(current, now) : 'used';
    throw invitationUnusable(state === 'pending' ? 'used' : state);
  }
  await recordEvent(tx, {
    articleId: null,
    claimId: null,
    type: 'invitation.used',
    entityId: invitation.id,
    actorId: user.id,
    payload: { email: user.email, role: invitation.role },
  });
}
