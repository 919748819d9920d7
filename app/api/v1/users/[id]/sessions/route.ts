import { apiRoute } from '@/app/api/api-route';
import { json } from '@/lib/http';
import { signOutEverywhere } from '@/lib/services/sessions';

// Sign out everywhere: every browser signed in to this account (admins for anyone, everyone for themselves).
export const DELETE = apiRoute<{ id: string }>(async (_request, ctx, { id }) => json(await signOutEverywhere(ctx, id)));
