// The one place where domain errors become HTTP responses (API.md's error shape).
import { DomainError, badRequest, payloadTooLarge } from './errors';

export const MAX_BODY_BYTES = 1_000_000;

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    const body: { code: string; message: string; issues?: DomainError['issues'] } = { code: error.code, message: error.message };
    if (error.issues.length > 0) body.issues = error.issues;
    return json({ error: body }, error.status);
  }
  console.error('Unexpected error', error);
  return json({ error: { code: 'internal_error', message: 'Something went wrong on our side.' } }, 500);
}

/** The request body as JSON: 400 when malformed, 413 when too large. */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw payloadTooLarge(maxBytes);
  const buffer = await request.arrayBuffer();
  if (buffer.byteLength > maxBytes) throw payloadTooLarge(maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw badRequest('The request body is not valid UTF-8.');
  }
  if (!text.trim()) throw badRequest('The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
