import { apiRoute } from '@/app/api/api-route';
import { json } from '@/lib/http';
import { getArticle } from '@/lib/services/articles';

export const GET = apiRoute<{ id: string }>(async (_request, ctx, { id }) => json(await getArticle(ctx, id)));
