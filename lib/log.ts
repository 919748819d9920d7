// The server's log: one JSON object per line on standard output (pino), for a
// collector to index, and request ids that tie a reported error to its lines.
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** `LOG_LEVEL` when it names a level; else `info`, and nothing during unit tests unless asked. */
export function logLevel(env: { LOG_LEVEL?: string | undefined; NODE_ENV?: string | undefined } = process.env): string {
  const wanted = env.LOG_LEVEL?.trim().toLowerCase();
  if (wanted && (LEVELS as readonly string[]).includes(wanted)) return wanted;
  return env.NODE_ENV === 'test' ? 'silent' : 'info';
}

/**
 * Secrets that must never reach a log, wherever a caller puts them: passwords,
 * bearer tokens, invitation secrets, session cookies.
 */
export const REDACTED_PATHS = [
  'password',
  'token',
  'secret',
  'authorization',
  'cookie',
  '*.password',
  '*.token',
  '*.secret',
  '*.authorization',
  '*.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
];

export function createLogger(destination?: DestinationStream, level = logLevel()): Logger {
  const options = {
    level,
    base: { service: 'crux' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // `"level":"error"` rather than 50: readable without pino's tools.
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

// One logger per process (Next may load this module once per route bundle).
const holder = globalThis as unknown as { cruxLogger?: Logger };

export function log(): Logger {
  holder.cruxLogger ??= createLogger();
  return holder.cruxLogger;
}

/** What Next tells `onRequestError` (instrumentation.ts) about a failed page, action or route. */
export interface FailedRequest {
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The log fields of a request that failed while Next rendered a page or ran a server
 * action: the request id proxy.ts gave it, the digest the error page shows the reader
 * (so a reported "reference" finds its line), the route, and the path without its query
 * (an invitation link's secret travels there).
 */
export function failedRequestFields(error: unknown, request: FailedRequest, context: { routeType: string; routePath: string }): Record<string, unknown> {
  const id = request.headers['x-request-id'];
  const digest = typeof error === 'object' && error !== null && 'digest' in error ? String(error.digest) : undefined;
  return {
    err: error,
    requestId: typeof id === 'string' ? id : undefined,
    digest,
    method: request.method,
    path: request.path.split('?')[0],
    routeType: context.routeType,
    routePath: context.routePath,
  };
}
