// Next answers a method that a route file does not export with a bare 405: no
// body, no Allow header. A program calling the REST API then learns nothing of
// what went wrong. The proxy answers those requests first, in the API's error
// shape, from the documented operations (lib/openapi/operations.ts, which a
// test holds to the route files): one list says what each address accepts.
import { methodNotAllowed } from './errors';
import { errorResponse } from './http';
import { OPERATIONS } from './openapi/operations';

/** Each documented path as a pattern of its segments (`{id}`: any one segment), with its methods. */
const ADDRESSES = (() => {
  const byPath = new Map<string, Set<string>>();
  for (const op of OPERATIONS) {
    const methods = byPath.get(op.path) ?? new Set(['OPTIONS']);
    methods.add(op.method.toUpperCase());
    if (op.method === 'get') methods.add('HEAD');
    byPath.set(op.path, methods);
  }
  return [...byPath].map(([path, methods]) => ({ segments: path.split('/'), methods: [...methods].sort() }));
})();

/** The methods the address accepts, sorted; null for an address no route has. */
export function allowedMethods(pathname: string): string[] | null {
  const segments = pathname.split('/');
  const found = ADDRESSES.find((a) => a.segments.length === segments.length && a.segments.every((s, i) => (s.startsWith('{') ? segments[i] !== '' : s === segments[i])));
  return found ? found.methods : null;
}

/** For the proxy: the JSON 405 for a method the address does not accept, or null to go on. */
export function methodNotAllowedResponse(pathname: string, method: string, requestId?: string): Response | null {
  const allowed = allowedMethods(pathname);
  if (allowed === null || allowed.includes(method)) return null;
  return errorResponse(methodNotAllowed(method, allowed), requestId);
}
