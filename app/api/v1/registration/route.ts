import { apiRoute } from '@/app/api/api-route';
import { json, readJsonBody } from '@/lib/http';
import { getRegistrationMode, setRegistrationMode } from '@/lib/services/invitations';

// Anyone may read the mode (the registration page says it too); only admins change it.
export const GET = apiRoute(async (_request, ctx) => json({ mode: await getRegistrationMode(ctx.db) }));

export const PUT = apiRoute(async (request, ctx) => json(await setRegistrationMode(ctx, await readJsonBody(request))));
