import { apiRoute } from '@/app/api/api-route';
import { json, readJsonBody } from '@/lib/http';
import { ownOrigin } from '@/lib/security/origin';
import { createInvitation, listInvitations } from '@/lib/services/invitations';

export const GET = apiRoute(async (_request, ctx) => json({ invitations: await listInvitations(ctx) }));

/** The secret is in the answer once, as `token` and in the link `url` on Crux's origin as browsers reach it (behind a proxy too). */
export const POST = apiRoute(async (request, ctx) => {
  const { invitation, token, path } = await createInvitation(ctx, await readJsonBody(request));
  return json({ invitation, token, url: new URL(path, ownOrigin(request)).href }, 201);
});
