import { apiRoute } from '@/app/api/api-route';
import { publicBaseUrl } from '@/lib/config';
import { downloadResponse } from '@/lib/http';
import { ownOrigin } from '@/lib/security/origin';
import { exportStream } from '@/lib/services/exports';

export const GET = apiRoute<{ id: string }>(async (request, ctx, { id }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return downloadResponse(await exportStream(ctx, query, { articleId: id, baseUrl: publicBaseUrl(process.env, ownOrigin(request)) }));
});
