// Registration by invitation: the instance's registration mode, an invitation's
// state at a given time, its expiry, and who may register with which role.
// Pure: the services (lib/services/invitations.ts, users.ts) read the rows,
// apply these rules, and consume an invitation atomically.
import type { Role } from './permissions';

/** `open`: anyone may create an account (as reviewer); `invitation`: only with an invitation link. */
export const REGISTRATION_MODES = ['open', 'invitation'] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];
/** Open by default, so that a new Crux can be tried at once (its first account becomes admin). */
export const DEFAULT_REGISTRATION_MODE: RegistrationMode = 'open';

export function isRegistrationMode(value: unknown): value is RegistrationMode {
  return typeof value === 'string' && (REGISTRATION_MODES as readonly string[]).includes(value);
}

/**
 * How long an invitation link works, in whole days. Bounded: a forgotten
 * link in someone's mailbox should not open the desk months later.
 */
export const INVITATION_DAYS = { min: 1, max: 30, default: 7 } as const;
/** The durations the users page offers (the API takes any whole number within the bounds). */
export const INVITATION_DAY_CHOICES = [1, 3, 7, 14, 30] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** When an invitation made at `createdAt` for `days` days stops working. */
export function invitationExpiry(createdAt: Date, days: number): Date {
  return new Date(createdAt.getTime() + days * DAY_MS);
}

/** What the rules need to know about a stored invitation. */
export interface InvitationFacts {
  /** Only this address may use it, when set (lowercase, as emails are stored). */
  email: string | null;
  role: Role;
  expiresAt: Date;
  revokedAt: Date | null;
  usedAt: Date | null;
}

/** `pending` is the only state in which a link creates an account. */
export type InvitationState = 'pending' | 'used' | 'revoked' | 'expired';

/**
 * The invitation's state at `now`. A used invitation reads `used` even once
 * past its expiry (the most telling reason for the person holding the link);
 * the link stops working at the instant of `expiresAt`.
 */
export function invitationState(invitation: Pick<InvitationFacts, 'expiresAt' | 'revokedAt' | 'usedAt'>, now: Date): InvitationState {
  if (invitation.usedAt) return 'used';
  if (invitation.revokedAt) return 'revoked';
  return now.getTime() < invitation.expiresAt.getTime() ? 'pending' : 'expired';
}

/**
 * Invitations give reviewer or editor accounts to whoever holds the link; an
 * admin invitation must name the invitee's email address, so that a link that
 * leaks (forwarded, pasted in a chat) cannot make a stranger an admin. Only
 * admins invite at all (the service checks the role).
 */
export function invitationRoleAllowed(role: Role, email: string | null): boolean {
  return role !== 'admin' || email !== null;
}

/** Why a registration is refused: no invitation in invitation-only mode, or one that cannot be used. */
export type RegistrationRefusal = 'invitationRequired' | 'unknown' | Exclude<InvitationState, 'pending'>;

export type RegistrationAccess<I> =
  | { ok: true; role: Role; invitation: I | null }
  | { ok: false; refusal: RegistrationRefusal };

/**
 * Who may register, and as what. The first account on an empty database becomes
 * admin whatever the mode (nobody could invite it otherwise). Then a pending
 * invitation gives its role, in either mode; a link that cannot be used is
 * refused rather than ignored (its holder expects the role it promised); without
 * a link, open mode makes reviewers and invitation-only mode refuses.
 * `invitation`: `none` when no link was given, `unknown` when its secret matches
 * no invitation.
 */
export function registrationAccess<I extends Pick<InvitationFacts, 'role' | 'expiresAt' | 'revokedAt' | 'usedAt'>>(input: {
  mode: RegistrationMode;
  firstAccount: boolean;
  invitation: I | 'none' | 'unknown';
  now: Date;
}): RegistrationAccess<I> {
  const { mode, firstAccount, invitation, now } = input;
  if (firstAccount) return { ok: true, role: 'admin', invitation: null };
  if (invitation === 'unknown') return { ok: false, refusal: 'unknown' };
  if (invitation === 'none') return mode === 'open' ? { ok: true, role: 'reviewer', invitation: null } : { ok: false, refusal: 'invitationRequired' };
  const state = invitationState(invitation, now);
  if (state !== 'pending') return { ok: false, refusal: state };
  return { ok: true, role: invitation.role, invitation };
}

/** An invitation naming an email address is for that address only (both lowercase). */
export function invitedEmailMatches(invitation: Pick<InvitationFacts, 'email'>, email: string): boolean {
  return invitation.email === null || invitation.email === email;
}

/** The registration page's address for an invitation secret: the link the admin sends. */
export function invitationPath(secret: string): string {
  return `/register?invitation=${encodeURIComponent(secret)}`;
}
