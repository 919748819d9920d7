import type { Db } from '../db/client';
import { forbidden, unauthenticated } from '../errors';
import { hasRole } from '../permissions';
import type { Role } from '../permissions';

export { hasRole };

/** The signed-in person (or token holder) a service call acts for. */
export interface Actor {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

export interface ServiceContext {
  db: Db;
  actor: Actor | null;
  /**
   * The caller again, as their credential says now: null once their token is revoked, their
   * session ended or their account deactivated. A request that goes on (an event stream) asks
   * it as it goes; without it, the account is read again.
   */
  recheck?: () => Promise<Actor | null>;
}

export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}

/** The actor, if their role is at least `role` (admin > editor > reviewer). */
export function requireRole(ctx: ServiceContext, role: Role): Actor {
  const actor = requireActor(ctx);
  if (!hasRole(actor, role)) throw forbidden(`Only ${ROLE_WORDS[role]} can do this; you are signed in as ${ARTICLE[actor.role]} ${actor.role}.`, { role });
  return actor;
}

const ROLE_WORDS: Record<Role, string> = { reviewer: 'reviewers, editors and admins', editor: 'editors and admins', admin: 'admins' };
const ARTICLE: Record<Role, string> = { reviewer: 'a', editor: 'an', admin: 'an' };

export type { Tx } from '../db/client';
