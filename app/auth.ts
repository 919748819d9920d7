// Auth.js (next-auth v5) wiring: email + password against our own users table,
// JWT sessions (the Credentials provider requires them). The JWT carries the id
// of a Session row (lib/services/sessions.ts), checked on every request with the
// account (see currentActor), so signing out, a password change, a deactivation
// or "sign out everywhere" end a session at once, and a role change applies at
// the next request.
import NextAuth, { CredentialsSignin } from 'next-auth';
import { redirect } from 'next/navigation';
import Credentials from 'next-auth/providers/credentials';
import { db } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { clientAddress, trustedProxies } from '@/lib/security/rate-limits';
import { log } from '@/lib/log';
import type { Actor } from '@/lib/services/context';
import { SESSION_MAX_AGE_SECONDS, endSession, sessionActor, startSession } from '@/lib/services/sessions';
import { signInWithPassword } from '@/lib/services/sign-in';

class InvalidLogin extends CredentialsSignin {
  code = 'invalid_credentials';
}

/** Too many attempts (lib/services/sign-in.ts): the form says how long to wait. */
export class SignInThrottled extends CredentialsSignin {
  code = 'rate_limited';
}

/** The client's address for the per-address limits: see lib/security/rate-limits clientAddress. */
export function requestAddress(headers: Headers): string {
  return clientAddress(headers.get('x-forwarded-for'), trustedProxies());
}

/**
 * Secure cookies (the `__Secure-` prefix and the Secure flag) when the app is
 * reached over HTTPS. With AUTH_URL set, its scheme says so; otherwise Auth.js
 * decides per request from the URL it rebuilds (trustHost: X-Forwarded-Proto,
 * which Next.js sets from the connection when no proxy did): behind a
 * TLS-terminating proxy, that proxy must send X-Forwarded-Proto: https, or set
 * AUTH_URL=https://…
 */
function secureCookies(): boolean | undefined {
  const url = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  return url ? url.startsWith('https:') : undefined;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  useSecureCookies: secureCookies(),
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login' },
  logger: {
    // A wrong password or a rate limit is an expected outcome, shown on the form:
    // one line, no stack. Checked by class or `type` (inherited from
    // CredentialsSignin), not by `name`, which the production bundle minifies.
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: unknown }).type === 'CredentialsSignin') {
        const code = (error as CredentialsSignin).code;
        log().info({ event: 'sign-in refused', code }, code === 'rate_limited' ? 'too many sign-in attempts' : 'wrong email or password');
      } else log().error({ err: error }, 'authentication error');
    },
    warn(code) {
      log().warn({ code }, 'authentication warning');
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        try {
          const actor = await signInWithPassword(db(), credentials, requestAddress(request.headers));
          if (!actor) throw new InvalidLogin();
          return { id: actor.id, email: actor.email, name: actor.name };
        } catch (error) {
          if (error instanceof DomainError && error.status === 429) throw new SignInThrottled();
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      // At sign-in only: the session this cookie stands for.
      if (user?.id) {
        token.sub = user.id;
        token.sid = await startSession(db(), user.id);
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (typeof token.sid === 'string') session.sessionId = token.sid;
      return session;
    },
  },
  events: {
    // Signing out ends this session in the database, not only the cookie in this browser.
    async signOut(message) {
      const sid = 'token' in message ? message.token?.sid : undefined;
      if (typeof sid === 'string') await endSession(db(), sid);
    },
  },
});

declare module 'next-auth' {
  interface Session {
    /** The Session row this cookie stands for (lib/services/sessions.ts). */
    sessionId?: string;
  }
}

/**
 * The signed-in user from the session cookie, and how to ask again whether their session
 * still holds (an event stream asks as it goes); null when nobody is signed in.
 */
export async function currentCaller(): Promise<{ actor: Actor; recheck: () => Promise<Actor | null> } | null> {
  const session = await auth();
  // A cookie from before sessions were recorded has no id: it no longer signs anyone in.
  const sessionId = session?.sessionId;
  if (!sessionId) return null;
  const actor = await sessionActor(db(), sessionId);
  return actor ? { actor, recheck: () => sessionActor(db(), sessionId) } : null;
}

/** The signed-in user from the session cookie, or null: the session must still exist and its account be active. */
export async function currentActor(): Promise<Actor | null> {
  return (await currentCaller())?.actor ?? null;
}

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireSignedIn(callbackUrl = '/'): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return actor;
}
