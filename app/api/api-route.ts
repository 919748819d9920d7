// Glue between Next route handlers and the service layer: who is calling
// (bearer token or session cookie) and how errors become responses.
import { currentCaller, requestAddress } from '@/app/auth';
import { apiConcurrency, createGate, type Gate } from '@/lib/admission';
import { bearerToken } from '@/lib/auth/tokens';
import { db } from '@/lib/db/client';
import { malformed, rateLimited, unauthenticated } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { TOKEN_FAILURES_PER_ADDRESS, WRITES_PER_USER } from '@/lib/security/rate-limits';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/lib/request-id';
import { cookieWriteRefusal } from '@/lib/security/origin';
import { assertWellFormedText } from '@/lib/validation';
import type { ServiceContext } from '@/lib/services/context';
import { countAttempt, secondsBlocked } from '@/lib/services/rate-limits';
import { authenticateToken } from '@/lib/services/tokens';

async function contextFor(request: Request): Promise<ServiceContext> {
  const token = bearerToken(request.headers.get('authorization'));
  if (token) {
    const actor = await authenticateToken(db(), token);
    if (actor) return { db: db(), actor, recheck: () => authenticateToken(db(), token) };
    // Only failures count, and only they are refused once an address has sent too many:
    // a good token is never blocked because another client behind the same address (an
    // office, a proxy) keeps sending a revoked one.
    const address = requestAddress(request.headers);
    const wait = await secondsBlocked(db(), TOKEN_FAILURES_PER_ADDRESS, address);
    if (wait > 0) throw rateLimited(wait);
    await countAttempt(db(), TOKEN_FAILURES_PER_ADDRESS, address);
    throw unauthenticated('This bearer token is unknown or was revoked, or its account was deactivated: create a new one in Settings.');
  }
  const caller = await currentCaller();
  return caller ? { db: db(), ...caller } : { db: db(), actor: null };
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Params = Record<string, string>;

// One gate for the whole process (Next may load this module once per route bundle).
const holder = globalThis as unknown as { cruxApiGate?: Gate };

/** The requests this process works on at once, the others in line (lib/admission.ts). */
function apiGate(): Gate {
  holder.cruxApiGate ??= createGate(apiConcurrency());
  return holder.cruxApiGate;
}

/**
 * Wraps a handler: waits its turn, refuses cookie-authenticated changes from other
 * sites (lib/security/origin.ts), resolves the caller, awaits dynamic params, maps
 * every error. Every answer carries the request's id (proxy.ts sets it, or a client's
 * sane `X-Request-Id`), which error bodies and the log repeat. The turn ends when the
 * handler has its answer (an event stream's body goes on without holding it).
 */
export function apiRoute<P extends Params = Params>(
  handler: (request: Request, ctx: ServiceContext, params: P) => Promise<Response>,
) {
  return (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
    return apiGate().run(async () => {
      // The caller left while in line (a closed tab, a client's timeout): nobody to answer.
      if (request.signal.aborted) return new Response(null, { status: 499 });
      try {
        const refusal = cookieWriteRefusal(request);
        if (refusal) throw refusal;
        const params = await route.params;
        // PostgreSQL cannot even compare text holding a NUL character: refused alike on every database.
        // (Routes without dynamic segments get no params at all.)
        if (Object.values(params ?? {}).some((value) => value.includes('\u0000'))) throw malformed('The address contains a NUL character (%00), which no Crux address has.');
        // Neither can a lone surrogate be stored or looked up: 422 naming the parameter.
        assertWellFormedText(params ?? {});
        assertWellFormedText(Object.fromEntries(new URL(request.url).searchParams));
        const ctx = await contextFor(request);
        if (ctx.actor && !READS.has(request.method)) await countAttempt(ctx.db, WRITES_PER_USER, ctx.actor.id);
        const response = await handler(request, ctx, params);
        response.headers.set(REQUEST_ID_HEADER, requestId);
        return response;
      } catch (error) {
        return errorResponse(error, requestId);
      }
    });
  };
}
