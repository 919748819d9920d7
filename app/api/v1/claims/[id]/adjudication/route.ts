import { apiRoute } from '@/app/api/api-route';
import { json, readJsonBody } from '@/lib/http';
import { adjudicateClaim, getAdjudication, withdrawAdjudication } from '@/lib/services/adjudications';

export const GET = apiRoute<{ id: string }>(async (_request, ctx, { id }) => json(await getAdjudication(ctx, id)));

export const POST = apiRoute<{ id: string }>(async (request, ctx, { id }) => {
  const { current, history, claim } = await adjudicateClaim(ctx, id, await readJsonBody(request));
  return json({ current, history, consensus: claim.consensus }, 201);
});

export const DELETE = apiRoute<{ id: string }>(async (request, ctx, { id }) => {
  const { current, history, claim } = await withdrawAdjudication(ctx, id, Object.fromEntries(new URL(request.url).searchParams));
  return json({ current, history, consensus: claim.consensus });
});
