import { apiRoute } from '@/app/api/api-route';
import { revokeInvitation } from '@/lib/services/invitations';

export const DELETE = apiRoute<{ id: string }>(async (_request, ctx, { id }) => {
  await revokeInvitation(ctx, id);
  return new Response(null, { status: 204 });
});
