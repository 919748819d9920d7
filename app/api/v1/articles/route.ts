import { apiRoute } from '@/app/api/api-route';
import { json, readJsonBody } from '@/lib/http';
import { createArticle, listArticles } from '@/lib/services/articles';

export const GET = apiRoute(async (_request, ctx) => json({ articles: await listArticles(ctx) }));

export const POST = apiRoute(async (request, ctx) => json(await createArticle(ctx, await readJsonBody(request)), 201));
