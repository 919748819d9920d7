import { apiRoute } from '@/app/api/api-route';
import { json, jsonBytes, readJsonBody } from '@/lib/http';
import { createClaim, listClaimsBody } from '@/lib/services/claims';

export const GET = apiRoute<{ id: string }>(async (_request, ctx, { id }) => jsonBytes(await listClaimsBody(ctx, id)));

export const POST = apiRoute<{ id: string }>(async (request, ctx, { id }) =>
  json(await createClaim(ctx, id, await readJsonBody(request)), 201),
);
