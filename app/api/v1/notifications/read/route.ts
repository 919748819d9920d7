import { apiRoute } from '@/app/api/api-route';
import { json, readJsonBody } from '@/lib/http';
import { markNotificationsRead } from '@/lib/services/notifications';

export const POST = apiRoute(async (request, ctx) => json(await markNotificationsRead(ctx, await readJsonBody(request))));
