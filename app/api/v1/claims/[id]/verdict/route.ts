import { apiRoute } from '@/app/api/api-route';
import { json, readJsonBody } from '@/lib/http';
import { upsertVerdict, withdrawVerdict } from '@/lib/services/verdicts';

export const PUT = apiRoute<{ id: string }>(async (request, ctx, { id }) => {
  const { verdict, claim, created } = await upsertVerdict(ctx, id, await readJsonBody(request));
  return json({ ...verdict, consensus: claim.consensus }, created ? 201 : 200);
});

export const DELETE = apiRoute<{ id: string }>(async (_request, ctx, { id }) => {
  const claim = await withdrawVerdict(ctx, id);
  return json({ withdrawn: true, consensus: claim.consensus });
});
