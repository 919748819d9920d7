import { apiRoute } from '@/app/api/api-route';
import { json } from '@/lib/http';
import { claimHistory } from '@/lib/services/history';

export const GET = apiRoute<{ id: string }>(async (request, ctx, { id }) => json(await claimHistory(ctx, id, Object.fromEntries(new URL(request.url).searchParams))));
