// The one place where domain errors become HTTP responses (the README's REST API error shape).
import { byteChunks } from './byte-chunks';
import { asDomainError } from './db/errors';
import { DomainError, malformed, payloadTooLarge } from './errors';
import { log } from './log';
import { REQUEST_ID_HEADER } from './request-id';
import { assertWellFormedText } from './validation';

export const MAX_BODY_BYTES = 1_000_000;

const utf8 = new TextEncoder();

/**
 * A JSON answer. Its body as bytes: given a string, the Response scans it for
 * lone surrogates first (JSON.stringify leaves none), a millisecond for the
 * list of 500 claims.
 */
export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return jsonBytes(utf8.encode(JSON.stringify(data)), status, headers);
}

/** A JSON answer already encoded (lib/services/claim-list-body.ts). */
export function jsonBytes(body: Uint8Array<ArrayBuffer>, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** The JSON error body (`{error: {...}}`): what happened for people, `key`/`params` for machines. */
export function errorBody(error: DomainError): Record<string, unknown> {
  const body: Record<string, unknown> = { code: error.code, key: error.key, message: error.message };
  if (Object.keys(error.params).length > 0) body.params = error.params;
  if (error.issues.length > 0) body.issues = error.issues;
  if (error.claimId !== undefined) body.claimId = error.claimId;
  if (error.current !== undefined) body.current = error.current;
  return body;
}

/**
 * The error as a response. Expected refusals (4xx) say what went wrong; anything else is a
 * 500 that says nothing of it (no message, no stack: they may name files, queries or data)
 * and is logged whole. `requestId` ties the answer to the log: in the body and the header.
 */
export function errorResponse(error: unknown, requestId?: string): Response {
  const domain = asDomainError(error);
  const idHeader: Record<string, string> = requestId ? { [REQUEST_ID_HEADER]: requestId } : {};
  const withId = (body: Record<string, unknown>) => (requestId ? { ...body, requestId } : body);
  if (domain) {
    // A busy database changed nothing: the client may send the same request again shortly;
    // a rate limit says when it lets the caller in again; a 405, what the address accepts.
    const extra = refusalHeaders(domain);
    log().debug({ requestId, status: domain.status, code: domain.code, key: domain.key }, 'request refused');
    return json({ error: withId(errorBody(domain)) }, domain.status, { ...extra, ...idHeader });
  }
  log().error({ err: error, requestId }, 'unexpected error');
  const internal = { code: 'internal_error', key: 'internal', message: 'Something went wrong on our side. Try again in a moment.' };
  return json({ error: withId(internal) }, 500, idHeader);
}

function refusalHeaders(error: DomainError): Record<string, string> {
  if (error.status === 503) return { 'retry-after': '1' };
  if (error.status === 429 && typeof error.params.retryAfter === 'number') return { 'retry-after': String(error.params.retryAfter) };
  // RFC 9110: a 405 lists what the address accepts.
  if (error.status === 405 && Array.isArray(error.params.allowed)) return { allow: error.params.allowed.join(', ') };
  return {};
}

/** The request body as JSON: 400 when malformed, 413 when too large, 422 when it holds ill-formed Unicode. */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw payloadTooLarge(maxBytes);
  const buffer = await readAtMost(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw malformed('The request body is not valid UTF-8 text: send JSON encoded in UTF-8.');
  }
  if (!text.trim()) throw malformed('The request body is empty: send a JSON object.');
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw malformed('The request body is not valid JSON: check for a missing quote, comma or bracket.');
  }
  // Valid UTF-8 can still escape a lone surrogate ("\ud800"): refused, naming the field, before any service sees it.
  assertWellFormedText(body);
  return body;
}

/**
 * The body's bytes, stopping with a 413 as soon as they pass `maxBytes`: a
 * chunked upload declares no length, and buffering it whole first would let
 * one request exhaust the server's memory.
 */
async function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const buffer = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    buffer.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return buffer;
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // encodeURIComponent leaves ' ( ) * unescaped, which RFC 8187's attr-char excludes.
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * A response body from text produced on demand, in pieces of any size, sent
 * in chunks of CHUNK_BYTES (lib/byte-chunks.ts): the next chunk is made only
 * when the client has taken the previous one, so a slow client slows the
 * export instead of filling the server's memory. An error after the first
 * byte can no longer be a status: it aborts the download.
 */
export function streamBody(pieces: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = byteChunks(pieces);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
}

/** A streamed download (the exports). */
export function downloadResponse(file: { filename: string; contentType: string; body: AsyncIterable<string> }): Response {
  return new Response(streamBody(file.body), {
    headers: { 'content-type': file.contentType, 'content-disposition': contentDisposition(file.filename), 'cache-control': 'no-store' },
  });
}
