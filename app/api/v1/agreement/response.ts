// The answer of both agreement routes: the report as JSON, or with `format`
// (csv | json) the report as a file to download.
import { contentDisposition, json } from '@/lib/http';
import { agreementFor } from '@/lib/services/agreement';
import { exportAgreement } from '@/lib/services/agreement-export';
import type { ServiceContext } from '@/lib/services/context';

export async function agreementResponse(request: Request, ctx: ServiceContext, articleId: string | null): Promise<Response> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  if (!('format' in query)) return json(await agreementFor(ctx, articleId, query));
  const file = await exportAgreement(ctx, articleId, query);
  return new Response(file.body, {
    headers: { 'content-type': file.contentType, 'content-disposition': contentDisposition(file.filename), 'cache-control': 'no-store' },
  });
}
