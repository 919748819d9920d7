import { apiRoute } from '@/app/api/api-route';
import { json } from '@/lib/http';
import { getRevision } from '@/lib/services/article-revisions';

export const GET = apiRoute<{ id: string; number: string }>(async (_request, ctx, { id, number }) => json(await getRevision(ctx, id, number)));
