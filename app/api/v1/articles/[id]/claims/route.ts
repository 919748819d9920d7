import { apiRoute } from '@/app/api/api-route';
import { json, readJsonBody } from '@/lib/http';
import { createClaim, listClaims } from '@/lib/services/claims';

export const GET = apiRoute<{ id: string }>(async (_request, ctx, { id }) => json({ claims: await listClaims(ctx, id) }));

export const POST = apiRoute<{ id: string }>(async (request, ctx, { id }) =>
  json(await createClaim(ctx, id, await readJsonBody(request)), 201),
);
