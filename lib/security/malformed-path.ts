// A path whose percent-escapes do not decode (a truncated "%E0%A4%A", a bare
// "%", the UTF-8 bytes of a lone surrogate "%ED%A0%80") never reaches a route:
// Next decodes dynamic segments while matching routes, and on failure answers
// a plain-text 500 of its own. Its proxy runs before that matching (and is
// built to tolerate such paths), so it refuses them there, in the API's error
// shape: 400, naming the segment, and the same for pages (no page has one).
import { malformed, type DomainError } from '../errors';
import { errorResponse } from '../http';

/**
 * The first segment of `pathname` (as sent: still percent-encoded) that does
 * not decode to well-formed text, or null when every one does. Linear in the path.
 */
export function malformedSegment(pathname: string): string | null {
  for (const segment of pathname.split('/')) {
    if (!segment.includes('%')) continue;
    try {
      decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }
  return null;
}

/** The refusal for a path that does not decode: a 400 naming the segment, or null for a path that does. */
export function malformedPathError(pathname: string): DomainError | null {
  const segment = malformedSegment(pathname);
  if (segment === null) return null;
  // The segment is quoted as sent (ASCII, percent-encoded) but cut: a path may be long.
  const shown = segment.length > 60 ? `${segment.slice(0, 60)}…` : segment;
  return malformed(`The address holds a malformed percent-escape in “${shown}”: each % must start a UTF-8 byte written as two hexadecimal digits (encode the address with encodeURIComponent).`);
}

/** For the proxy: the JSON 400 (lib/http error shape) to answer a path that does not decode, or null to go on. */
export function malformedPathResponse(pathname: string, requestId?: string): Response | null {
  const error = malformedPathError(pathname);
  return error ? errorResponse(error, requestId) : null;
}
