// Glue between Next route handlers and the service layer: who is calling
// (bearer token or session cookie) and how errors become responses.
import { currentActor } from '@/app/auth';
import { bearerToken } from '@/lib/auth/tokens';
import { db } from '@/lib/db/client';
import { malformed, unauthenticated } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import type { ServiceContext } from '@/lib/services/context';
import { authenticateToken } from '@/lib/services/tokens';

async function contextFor(request: Request): Promise<ServiceContext> {
  const token = bearerToken(request.headers.get('authorization'));
  if (token) {
    const actor = await authenticateToken(db(), token);
    if (!actor) throw unauthenticated('This bearer token is unknown or was revoked, or its account was deactivated: create a new one in Settings.');
    return { db: db(), actor };
  }
  return { db: db(), actor: await currentActor() };
}

type Params = Record<string, string>;

/** Wraps a handler: resolves the caller, awaits dynamic params, maps every error. */
export function apiRoute<P extends Params = Params>(
  handler: (request: Request, ctx: ServiceContext, params: P) => Promise<Response>,
) {
  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const params = await route.params;
      // PostgreSQL cannot even compare text holding a NUL character: refused alike on every database.
      // (Routes without dynamic segments get no params at all.)
      if (Object.values(params ?? {}).some((value) => value.includes('\u0000'))) throw malformed('The address contains a NUL character (%00), which no Crux address has.');
      return await handler(request, await contextFor(request), params);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
