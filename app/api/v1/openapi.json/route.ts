// The OpenAPI 3.1 document (lib/openapi): public — anyone may read how the API works,
// signed in or not, so no session or token is looked at (a revoked token gets it too).
// The document changes only with the code: clients and proxies may keep it an hour,
// and revalidate it by its ETag. Any site may read it (CORS `*`): it is public, the
// same for everyone, and sent without credentials, so tools elsewhere (an API
// explorer, a client generator in a browser) can load it.
import { createHash } from 'node:crypto';
import { openApiDocument } from '@/lib/openapi/document';

let cached: { body: string; etag: string } | undefined;

function documentBody(): { body: string; etag: string } {
  if (!cached) {
    const body = JSON.stringify(openApiDocument());
    cached = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  }
  return cached;
}

export function GET(request: Request): Response {
  const { body, etag } = documentBody();
  const headers = { etag, 'cache-control': 'public, max-age=3600', vary: 'Accept-Encoding', 'access-control-allow-origin': '*' };
  const match = request.headers.get('if-none-match');
  if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
}
