import { apiRoute } from '@/app/api/api-route';
import { json } from '@/lib/http';
import { listUsers } from '@/lib/services/users';

export const GET = apiRoute(async (_request, ctx) => json({ users: await listUsers(ctx) }));
