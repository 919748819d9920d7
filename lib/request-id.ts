// Request ids tie what a client was told (an error body's `requestId`, the
// `X-Request-Id` header) to the server's log lines about that request.

export const REQUEST_ID_HEADER = 'x-request-id';

/** A client's or proxy's id is kept when short and plain: nothing to forge log lines or headers with. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The incoming `X-Request-Id` when sane, else a new random one. */
export function requestIdFrom(incoming: string | null | undefined): string {
  const candidate = incoming?.trim();
  return candidate && SANE_REQUEST_ID.test(candidate) ? candidate : crypto.randomUUID();
}
