import { apiRoute } from '@/app/api/api-route';
import { json } from '@/lib/http';
import { listRevisions } from '@/lib/services/article-revisions';

export const GET = apiRoute<{ id: string }>(async (_request, ctx, { id }) => json({ revisions: await listRevisions(ctx, id) }));
