import { apiRoute } from '@/app/api/api-route';
import { json } from '@/lib/http';
import { getClaim } from '@/lib/services/claims';

export const GET = apiRoute<{ id: string }>(async (_request, ctx, { id }) => json(await getClaim(ctx, id)));
