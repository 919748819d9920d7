import { apiRoute } from '@/app/api/api-route';
import { json, readJsonBody } from '@/lib/http';
import { getArticle, updateArticle } from '@/lib/services/articles';

export const GET = apiRoute<{ id: string }>(async (_request, ctx, { id }) => json(await getArticle(ctx, id)));

export const PATCH = apiRoute<{ id: string }>(async (request, ctx, { id }) => json(await updateArticle(ctx, id, await readJsonBody(request))));
