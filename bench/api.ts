// REST requests timed from the client side, to the last byte, over loopback.
import http from 'node:http';
import zlib from 'node:zlib';
import { percentile, round } from './stats';

export interface Reply {
  status: number;
  ms: number;
  /** Bytes on the wire (compressed when the server compressed). */
  transferBytes: number;
  body: string;
}

/** One GET with `accept-encoding: gzip`, as browsers and most clients send it. */
export function get(url: string, headers: Record<string, string> = {}, timeoutMs = 60_000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(url, { headers: { 'accept-encoding': 'gzip', ...headers }, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const ms = performance.now() - started;
        const raw = Buffer.concat(chunks);
        const encoding = response.headers['content-encoding'];
        const body = (encoding === 'gzip' ? zlib.gunzipSync(raw) : encoding === 'br' ? zlib.brotliDecompressSync(raw) : raw).toString('utf8');
        resolve({ status: response.statusCode ?? 0, ms, transferBytes: raw.length, body });
      });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on('error', reject);
  });
}

export interface EndpointFigures {
  requests: number;
  status: number;
  /** Null when no request succeeded. */
  p50Ms: number | null;
  p95Ms: number | null;
  /** Decoded body, and as transferred. */
  bytes: number;
  transferBytes: number;
  /** What went wrong instead of figures: an HTTP error and its code, a short answer, a network error. */
  error?: string;
}

/**
 * `warmUp` untimed requests, then `count` timed ones. The first error ends
 * the series and is reported with the figures so far, never thrown: a 500 is
 * a result of the benchmark.
 */
export async function measureEndpoint(
  url: string,
  options: { count: number; warmUp: number; headers?: Record<string, string>; check?: (body: string) => string | null },
): Promise<EndpointFigures> {
  const times: number[] = [];
  let last: Reply | null = null;
  let error: string | undefined;
  for (let i = 0; i < options.warmUp + options.count && !error; i++) {
    try {
      last = await get(url, options.headers);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      break;
    }
    if (last.status >= 400) error = `HTTP ${last.status}${errorCode(last.body)}`;
    else error = options.check?.(last.body) ?? undefined;
    if (!error && i >= options.warmUp) times.push(last.ms);
  }
  return {
    requests: times.length,
    status: last?.status ?? 0,
    p50Ms: times.length ? round(percentile(times, 50), 1) : null,
    p95Ms: times.length ? round(percentile(times, 95), 1) : null,
    bytes: last ? Buffer.byteLength(last.body) : 0,
    transferBytes: last?.transferBytes ?? 0,
    ...(error ? { error } : {}),
  };
}

function errorCode(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = parsed.error ?? {};
    return typeof code === 'string' ? ` ${code}${typeof message === 'string' ? `: ${message.slice(0, 120)}` : ''}` : '';
  } catch {
    return '';
  }
}
