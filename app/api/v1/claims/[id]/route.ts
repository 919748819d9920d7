import { apiRoute } from '@/app/api/api-route';
import { json, readJsonBody } from '@/lib/http';
import { deleteClaim, getClaim, updateClaim } from '@/lib/services/claims';

export const GET = apiRoute<{ id: string }>(async (_request, ctx, { id }) => json(await getClaim(ctx, id)));

export const PATCH = apiRoute<{ id: string }>(async (request, ctx, { id }) => json(await updateClaim(ctx, id, await readJsonBody(request))));

export const DELETE = apiRoute<{ id: string }>(async (_request, ctx, { id }) => {
  await deleteClaim(ctx, id);
  return new Response(null, { status: 204 });
});
