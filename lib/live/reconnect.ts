// How the article page reconnects its event stream: soon after a single drop
// (an instance restarting behind the proxy), then less and less often, so a
// server that is down is not asked every second by every open page. The
// jitter spreads out the pages that lost the same instance at the same moment.

export const RECONNECT_FIRST_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;

/** After so many failures in a row, the stream counts as down (the page falls back to polling and says so). */
export const DOWN_AFTER_FAILURES = 2;

/**
 * While the stream is down the page still refreshes its claims this often,
 * slowly: the stream replays what was missed as soon as it is back.
 */
export const FALLBACK_POLL_MS = 15_000;

/** The wait before reconnection attempt `failures` (1 for the first): between half and all of 1 s, 2 s, 4 s … 30 s. */
export function reconnectDelay(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
