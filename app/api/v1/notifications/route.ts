import { apiRoute } from '@/app/api/api-route';
import { json } from '@/lib/http';
import { listNotifications } from '@/lib/services/notifications';

export const GET = apiRoute(async (_request, ctx) => json(await listNotifications(ctx)));
