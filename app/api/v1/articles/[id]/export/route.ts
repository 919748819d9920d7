import { apiRoute } from '@/app/api/api-route';
import { contentDisposition } from '@/lib/http';
import { exportArticle } from '@/lib/services/exports';

export const GET = apiRoute<{ id: string }>(async (request, ctx, { id }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const file = await exportArticle(ctx, id, query);
  return new Response(file.body, {
    headers: { 'content-type': file.contentType, 'content-disposition': contentDisposition(file.filename), 'cache-control': 'no-store' },
  });
});
