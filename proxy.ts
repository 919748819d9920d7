// Runs before every request (Next's proxy, formerly middleware): each response gets
// its security headers, each page a fresh nonce, each request an id; a path that does
// not decode is answered here. The rules are plain functions in lib/ with their
// tests; this file only applies them.
import { NextResponse, type NextRequest } from 'next/server';
import { methodNotAllowedResponse } from '@/lib/api-methods';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/lib/request-id';
import { newNonce, responseKind, securityHeaders } from '@/lib/security/headers';
import { malformedPathResponse } from '@/lib/security/malformed-path';
import { servedOverHttps } from '@/lib/security/origin';

export function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  const headers = securityHeaders({
    kind: responseKind(request.nextUrl.pathname),
    nonce: newNonce(),
    https: servedOverHttps(request),
    development: process.env.NODE_ENV === 'development',
  });
  // A path whose %-escapes do not decode would make Next's route matching answer a plain-text 500;
  // a method the API address does not accept, a bare 405.
  const refused = malformedPathResponse(request.nextUrl.pathname, requestId) ?? methodNotAllowedResponse(request.nextUrl.pathname, request.method, requestId);
  if (refused) {
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
  }
  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  // Next finds the nonce in the request's policy and puts it on the scripts it renders.
  forwarded.set('content-security-policy', headers['content-security-policy']!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}
