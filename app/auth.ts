// Auth.js (next-auth v5) wiring: email + password against our own users table,
// JWT sessions (the Credentials provider requires them). The role is re-read
// from the database on each request (see currentActor), so a role change or a
// deleted account takes effect at once.
import NextAuth, { CredentialsSignin } from 'next-auth';
import { redirect } from 'next/navigation';
import Credentials from 'next-auth/providers/credentials';
import { db } from '@/lib/db/client';
import { log } from '@/lib/log';
import { findActor, verifyCredentials } from '@/lib/services/users';
import type { Actor } from '@/lib/services/context';

class InvalidLogin extends CredentialsSignin {
  code = 'invalid_credentials';
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt' },
  pages: { signIn: '/login' },
  logger: {
    // A wrong password is an expected outcome, shown on the form: one line, no stack.
    // (Its class is InvalidLogin: `type`, inherited from CredentialsSignin, names the kind.)
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: unknown }).type === 'CredentialsSignin') log().info({ event: 'sign-in refused' }, 'wrong email or password');
      else log().error({ err: error }, 'authentication error');
    },
    warn(code) {
      log().warn({ code }, 'authentication warning');
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials) {
        const actor = await verifyCredentials(db(), credentials);
        if (!actor) throw new InvalidLogin();
        return { id: actor.id, email: actor.email, name: actor.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});

/** The signed-in user from the session cookie, or null. */
export async function currentActor(): Promise<Actor | null> {
  const session = await auth();
  const id = session?.user?.id;
  return id ? findActor(db(), id) : null;
}

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireSignedIn(callbackUrl = '/'): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return actor;
}
