import type { Db } from '../db/client';
import { forbidden, unauthenticated } from '../errors';
import { hasRole } from '../permissions';
import type { Role } from '../validation';

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
}

export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}

/** The actor, if their role is at least `role` (admin > editor > reviewer). */
export function requireRole(ctx: ServiceContext, role: Role): Actor {
  const actor = requireActor(ctx);
  if (!hasRole(actor, role)) throw forbidden(`This needs the ${role} role or higher; you are a ${actor.role}.`);
  return actor;
}

/** A Prisma client or the transaction client handed to $transaction callbacks. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
