import { apiRoute } from '@/app/api/api-route';
import { json, readJsonBody } from '@/lib/http';
import { deleteComment, editComment } from '@/lib/services/comments';

export const PATCH = apiRoute<{ id: string }>(async (request, ctx, { id }) => json(await editComment(ctx, id, await readJsonBody(request))));

export const DELETE = apiRoute<{ id: string }>(async (_request, ctx, { id }) => {
  await deleteComment(ctx, id);
  return new Response(null, { status: 204 });
});
