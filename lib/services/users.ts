import type { Db } from '../db/client';
import { conflict } from '../errors';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { credentialsSchema, parseInput, registerSchema, userUpsertSchema, type Role } from '../validation';
import type { Actor } from './context';

function toActor(user: { id: string; email: string; name: string | null; role: string }): Actor {
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role };
}

/** Self-registration: the first account on an empty database becomes admin, later ones reviewers. */
export async function registerUser(db: Db, input: unknown): Promise<Actor> {
  const { email, password, name } = parseInput(registerSchema, input);
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email } })) {
      throw conflict('duplicateEmail', 'An account with this email address already exists: sign in instead.', {
        issues: [{ path: ['email'], message: 'This email address is already registered.', key: 'alreadyRegistered' }],
      });
    }
    const role: Role = (await tx.user.count()) === 0 ? 'admin' : 'reviewer';
    return tx.user.create({ data: { email, name, passwordHash, role } });
  });
  return toActor(user);
}

/** Creates or updates an account with the given role (the user:create CLI). */
export async function upsertUser(db: Db, input: unknown): Promise<{ user: Actor; created: boolean }> {
  const { email, password, name, role } = parseInput(userUpsertSchema, input);
  const passwordHash = await hashPassword(password);
  const existing = await db.user.findUnique({ where: { email } });
  const user = await db.user.upsert({
    where: { email },
    create: { email, name, passwordHash, role },
    update: { passwordHash, role, ...(name ? { name } : {}) },
  });
  return { user: toActor(user), created: !existing };
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
  return (await verifyPassword(user.passwordHash, parsed.data.password)) ? toActor(user) : null;
}

export async function findActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId } });
  return user ? toActor(user) : null;
}

export async function findActorByEmail(db: Db, email: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  return user ? toActor(user) : null;
}
