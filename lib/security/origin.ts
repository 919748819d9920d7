// Where a request comes from, and whether Crux answers it over HTTPS.
//
// A browser sends a signed-in reviewer's session cookie with every request to Crux,
// including those another site's page makes it send (a hidden form, a `fetch` in
// `no-cors` mode). Such forged requests can only be "simple" ones: GET/POST with a
// form or text body, no custom header. So a change authenticated by the cookie must
// (1) not be declared by the browser as coming from another site's page (Origin, else
// Sec-Fetch-Site, else Referer) and (2) declare a JSON body, which no other site can
// send without the browser first asking Crux for permission (CORS preflight), which
// Crux never grants.
// Bearer tokens are not sent by browsers on their own: they need neither check.
import { bearerToken } from '../auth/tokens';
import { crossOrigin, unsupportedMediaType, type DomainError } from '../errors';

/** The methods that change something (GET and HEAD never do in Crux's API). */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Auth.js's session cookie, however prefixed (`__Secure-` over HTTPS) or split (`.0`, `.1`). */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-|__Host-)?authjs\.session-token(?:\.\d+)?=/;

/** The first value of a header a chain of proxies may have appended to (`a, b`). */
function firstValue(value: string | null): string | null {
  const first = value?.split(',')[0]?.trim();
  return first ? first : null;
}

/** `https://host:port` of a URL, or null when it is not one. */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * Crux's own origin, as browsers see it. `AUTH_URL` (the public address, which Auth.js
 * also uses) when set; else the request's host and scheme as the reverse proxy forwards
 * them (`X-Forwarded-Host`, `X-Forwarded-Proto`), else its `Host` and the scheme it
 * arrived with. Trusting the forwarded headers is what Auth.js's `trustHost` already
 * does; for the origin check it is safe too, since a page on another site cannot make
 * a browser send custom headers without a preflight.
 */
export function ownOrigin(request: { url: string; headers: Headers }, env: Record<string, string | undefined> = process.env): string {
  const publicUrl = env.AUTH_URL?.trim();
  const configured = publicUrl ? originOf(publicUrl) : null;
  if (configured) return configured;
  const url = new URL(request.url);
  const host = firstValue(request.headers.get('x-forwarded-host')) ?? firstValue(request.headers.get('host')) ?? url.host;
  const forwardedProto = firstValue(request.headers.get('x-forwarded-proto'))?.toLowerCase();
  const proto = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : url.protocol.slice(0, -1);
  return originOf(`${proto}://${host}`) ?? url.origin;
}

/** Whether the browser reached Crux over HTTPS (then HSTS is sent: browsers ignore it over HTTP anyway). */
export function servedOverHttps(request: { url: string; headers: Headers }, env: Record<string, string | undefined> = process.env): boolean {
  return ownOrigin(request, env).startsWith('https:');
}

/**
 * Whether a browser says the request comes from a page that is not `origin`'s. The first
 * header present decides: Origin (every current browser sends it on a POST, PUT, PATCH or
 * DELETE), else Fetch Metadata's Sec-Fetch-Site, else the Referer. A request with none of
 * them is not a browser's (a script, curl): no page of another site made it, so it is not
 * refused here (like Go's net/http CrossOriginProtection); its body must still be JSON.
 */
export function fromAnotherSite(headers: Headers, origin: string): boolean {
  const declared = headers.get('origin');
  // `Origin: null` (a sandboxed frame, a data: URL, some redirects) is nobody's own page.
  if (declared !== null) return declared.trim().toLowerCase() !== origin.toLowerCase();
  const site = headers.get('sec-fetch-site');
  if (site !== null) return site.trim().toLowerCase() !== 'same-origin';
  const referer = headers.get('referer');
  if (referer !== null) return originOf(referer)?.toLowerCase() !== origin.toLowerCase();
  return false;
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export function declaresJson(contentType: string | null): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function hasBody(headers: Headers): boolean {
  return Number(headers.get('content-length') ?? '0') > 0 || headers.has('transfer-encoding');
}

/**
 * Why a cookie-authenticated change is refused (403 from another site, 415 without a JSON
 * body), or null when it may proceed: reads, bearer-token requests and requests without a
 * session cookie are not this rule's business (the last are anonymous: 401 further on).
 */
export function cookieWriteRefusal(request: { method: string; url: string; headers: Headers }, env: Record<string, string | undefined> = process.env): DomainError | null {
  const { headers } = request;
  if (!STATE_CHANGING.has(request.method.toUpperCase())) return null;
  if (bearerToken(headers.get('authorization'))) return null;
  if (!SESSION_COOKIE.test(headers.get('cookie') ?? '')) return null;
  if (fromAnotherSite(headers, ownOrigin(request, env))) return crossOrigin();
  // A bodiless DELETE declares nothing; any body, and every POST/PUT/PATCH, must be JSON.
  const needsJson = request.method.toUpperCase() !== 'DELETE' || hasBody(headers);
  if (needsJson && !declaresJson(headers.get('content-type'))) return unsupportedMediaType();
  return null;
}
