// The security headers of every response (proxy.ts sets them): what a browser may
// load and run on a Crux page, who may frame it, what it tells other sites.

/** What a response is, as far as its headers go: an HTML page, or anything else (API, asset). */
export type ResponseKind = 'page' | 'other';

export interface SecurityHeaderOptions {
  kind: ResponseKind;
  /** The page's nonce: the only inline scripts and style elements that run carry it. */
  nonce: string;
  /** Served over HTTPS (directly, or behind a proxy that says so): HSTS is sent. */
  https: boolean;
  /** `next dev`: React rebuilds server error stacks with eval in development only. */
  development?: boolean;
}

/** One year: the usual HSTS lifetime. Subdomains are left alone (they may be other services). */
export const HSTS_MAX_AGE = 31_536_000;

/**
 * The page policy. Scripts: only those carrying the request's nonce (Next puts it on
 * its own and on the RSC payload's inline scripts) and what they load ('strict-dynamic').
 * Style elements and stylesheets: our own files or the nonce. Style ATTRIBUTES are allowed
 * ('style-src-attr'): React renders computed sizes as `style="…"` on the server (the
 * consensus bars, the virtualised claims list), and an attribute can neither run script
 * nor select other elements, so it cannot read the page; what it could fetch is limited by
 * img-src and font-src to our own origin.
 */
export function pagePolicy(nonce: string, { https, development = false }: { https: boolean; development?: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    // `next dev` injects its styles without the nonce (and a nonce would disable 'unsafe-inline').
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // Live events (EventSource) and every fetch go to Crux itself.
    "connect-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  // Over plain HTTP (a laptop, the tests) upgrading would break every request.
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** For JSON, event streams, files and assets: nothing to run, nothing to frame. */
export const NON_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Powerful browser features Crux never uses, switched off for its pages and anything they
 * embed. Only features Chromium knows: an unknown one is reported as an error in the console.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'browsing-topics',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

export function securityHeaders({ kind, nonce, https, development = false }: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': kind === 'page' ? pagePolicy(nonce, { https, development }) : NON_PAGE_POLICY,
    'x-content-type-options': 'nosniff',
    // Older browsers that ignore frame-ancestors.
    'x-frame-options': 'DENY',
    // Other sites learn nothing of Crux's addresses (article and claim ids); Crux's own pages keep theirs.
    'referrer-policy': 'same-origin',
    'permissions-policy': PERMISSIONS_POLICY,
    // A window Crux opens, or that opens Crux, gets no handle on the other.
    'cross-origin-opener-policy': 'same-origin',
    // Other sites cannot embed Crux's responses (an export, an image) in their pages.
    'cross-origin-resource-policy': 'same-origin',
  };
  if (https) headers['strict-transport-security'] = `max-age=${HSTS_MAX_AGE}`;
  return headers;
}

/** 128 random bits, base64: unguessable, new for every page. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Paths that never are HTML pages: the API, Next's build output and the icons. */
export function responseKind(pathname: string): ResponseKind {
  if (pathname.startsWith('/api/') || pathname === '/api') return 'other';
  if (pathname.startsWith('/_next/static/') || pathname.startsWith('/_next/image')) return 'other';
  if (/^\/(favicon\.ico|icon\.svg|robots\.txt)$/.test(pathname)) return 'other';
  return 'page';
}
