import { apiRoute } from '@/app/api/api-route';
import { json, readJsonBody } from '@/lib/http';
import { updateUser } from '@/lib/services/users';

export const PATCH = apiRoute<{ id: string }>(async (request, ctx, { id }) => json(await updateUser(ctx, id, await readJsonBody(request))));
