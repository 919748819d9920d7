import { apiRoute } from '@/app/api/api-route';
import { publicBaseUrl } from '@/lib/config';
import { downloadResponse } from '@/lib/http';
import { ownOrigin } from '@/lib/security/origin';
import { exportStream } from '@/lib/services/exports';

/** Every article the viewer may read, streamed. */
export const GET = apiRoute(async (request, ctx) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return downloadResponse(await exportStream(ctx, query, { baseUrl: publicBaseUrl(process.env, ownOrigin(request)) }));
});
