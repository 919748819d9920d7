// Server-Sent Events on the wire (the WHATWG HTML "event stream" format): what
// the article's event stream writes, as text. Pure functions, so the framing
// rules (one `data:` line per line of data, `id:` without data to move a
// client's cursor past events it may not see) are tested on their own.

/**
 * A heartbeat comment every 20 s. Reverse proxies and load balancers close
 * connections that stay silent: nginx after 60 s (proxy_read_timeout), AWS
 * ALB after 60 s, Heroku's router after 55 s, some corporate proxies after
 * 30 s. 20 s stays under all of them with room for a late timer.
 */
export const HEARTBEAT_MS = 20_000;

/**
 * How long a browser waits before reconnecting on its own (`retry:`). Short:
 * the stream resumes from Last-Event-ID, so a reconnection costs little, and
 * an instance going away should not leave reviewers without updates for long.
 */
export const RECONNECT_MS = 1_000;

/** One event of the stream. Without `event` and `data`, only the cursor moves. */
export interface SseFrame {
  /** The Event row's id: the client's Last-Event-ID on reconnection. */
  id?: number;
  event?: string;
  data?: unknown;
}

/** Field values cannot hold line breaks: a stray one would end the field early. */
function fieldValue(value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`An SSE field cannot contain a line break: ${JSON.stringify(value)}.`);
  return value;
}

/**
 * The frame as text. JSON data stays on one line (JSON.stringify escapes line
 * breaks inside strings); `data` lines are split anyway, so any text is safe.
 */
export function formatFrame(frame: SseFrame): string {
  let out = '';
  if (frame.id !== undefined) out += `id: ${fieldValue(String(frame.id))}\n`;
  if (frame.event !== undefined) out += `event: ${fieldValue(frame.event)}\n`;
  if (frame.data !== undefined) {
    const text = typeof frame.data === 'string' ? frame.data : JSON.stringify(frame.data);
    for (const line of text.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  }
  return `${out}\n`;
}

/** A comment line: ignored by clients, it keeps the connection from looking idle. */
export function formatComment(text: string): string {
  return `: ${fieldValue(text)}\n\n`;
}

/** Tells the client how long to wait before reconnecting. */
export function formatRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.round(ms))}\n\n`;
}
