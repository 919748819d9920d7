import { apiRoute } from '@/app/api/api-route';
import { json, readJsonBody } from '@/lib/http';
import { listComments, postComment } from '@/lib/services/comments';

export const GET = apiRoute<{ id: string }>(async (_request, ctx, { id }) => json({ comments: await listComments(ctx, id) }));

export const POST = apiRoute<{ id: string }>(async (request, ctx, { id }) => json(await postComment(ctx, id, await readJsonBody(request)), 201));
