// One client's event stream: wakes on the bus, reads what was recorded after
// its cursor (rendered for its viewer by the caller), writes it as SSE, keeps
// the connection alive with heartbeats, and tells who else is present. The
// engine knows nothing of claims or databases: `read` and `presence` do.
import type { Unsubscribe } from './bus';
import { HEARTBEAT_MS, RECONNECT_MS, formatComment, formatFrame, formatRetry, type SseFrame } from './sse';
import { log } from '../log';

/** Events read after a cursor, rendered for the stream's viewer. */
export interface LiveBatch {
  /** In id order. A frame with only an `id` moves the client's cursor past events it may not see. */
  frames: SseFrame[];
  /** The id of the last event read (the cursor to read after next time). */
  cursor: number;
  /** True when more events are waiting after `cursor`. */
  more: boolean;
}

/** Who else has the article open, kept up to date for one stream. */
export interface PresenceSource {
  /** Marks this stream present (at open, then every `refreshMs`). */
  touch(): Promise<void>;
  /** The people present, as sent to the client; sent again only when it changes. */
  read(): Promise<unknown>;
  /** This stream is gone. */
  leave(): Promise<void>;
  /** Wakes when presence may have changed on this instance. */
  subscribe(wake: () => void): Unsubscribe;
  /** How often this stream's presence is renewed, and how often the list is read again for other instances' changes. */
  refreshMs: number;
  pollMs: number;
}

/** Thrown by `read`: the stream ends, after `frame` if there is one (an error the client should act on). */
export class StreamEnd extends Error {
  constructor(readonly frame?: SseFrame) {
    super('The event stream ends.');
  }
}

export interface LiveStreamOptions {
  /** The last event id the client has (nothing at or before it is sent). */
  cursor: number;
  /** Subscribes to the bus for this stream's article. */
  subscribe(wake: () => void): Unsubscribe;
  read(cursor: number): Promise<LiveBatch>;
  /**
   * Whether the viewer may still follow the stream (a token revoked, a session ended): throws
   * a StreamEnd when not. Asked at every heartbeat, so that a quiet article's stream ends too,
   * and before each presence frame (`read` asks it itself before each batch).
   */
  check?(): Promise<void>;
  presence?: PresenceSource;
  heartbeatMs?: number;
  retryMs?: number;
  /** Consecutive failed reads before the stream gives up (the client reconnects, perhaps elsewhere). */
  maxFailures?: number;
  /** Called once when the stream ends, whatever ended it. */
  onClose?: () => void;
}

export interface LiveStream {
  readonly body: ReadableStream<Uint8Array>;
  /** Ends the stream (server shutdown): the client reconnects with its Last-Event-ID. */
  close(): Promise<void>;
}

/** Enough for a batch of events to be queued while the client reads the previous ones. */
const BUFFER_BYTES = 256 * 1024;
const RETRY_AFTER_FAILURE_MS = 1_000;

export function openLiveStream(options: LiveStreamOptions): LiveStream {
  const { heartbeatMs = HEARTBEAT_MS, retryMs = RECONNECT_MS, maxFailures = 5, presence } = options;
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cursor = options.cursor;
  let closed = false;
  let closing: Promise<void> = Promise.resolve();
  let draining = false;
  let pending = false;
  let failures = 0;
  let lastPresence: string | null = null;
  let presenceBusy = false;
  let presencePending = false;
  let waitingForRoom: (() => void) | null = null;
  const timers: ReturnType<typeof setInterval>[] = [];
  const unsubscribes: Unsubscribe[] = [];

  const write = (text: string) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      void close();
    }
  };

  /** Waits while the client is behind: the next batch is read once the queue has room. */
  const room = () =>
    (controller.desiredSize ?? 1) > 0 || closed ? Promise.resolve() : new Promise<void>((resolve) => (waitingForRoom = resolve));

  async function drain() {
    if (draining) return;
    draining = true;
    try {
      while (pending && !closed) {
        pending = false;
        let more = true;
        while (more && !closed) {
          await room();
          if (closed) return;
          let batch: LiveBatch;
          try {
            batch = await options.read(cursor);
          } catch (error) {
            if (endedBy(error)) return;
            failures += 1;
            log().error({ err: error }, `[live] reading events failed (${failures} of ${maxFailures})`);
            if (failures >= maxFailures) return void close();
            const retry = setTimeout(wake, RETRY_AFTER_FAILURE_MS);
            retry.unref?.();
            return;
          }
          failures = 0;
          if (closed) return;
          let text = '';
          // Hidden events only move the cursor: one `id:` for a run of them is enough.
          let skipped: number | null = null;
          for (const frame of batch.frames) {
            if (frame.event === undefined && frame.data === undefined) {
              skipped = frame.id ?? skipped;
              continue;
            }
            skipped = null;
            text += formatFrame(frame);
          }
          if (skipped !== null) text += formatFrame({ id: skipped });
          if (text) write(text);
          cursor = batch.cursor;
          more = batch.more;
        }
      }
    } finally {
      draining = false;
    }
  }

  function wake() {
    pending = true;
    void drain();
  }

  /** Ends the stream after its frame when `error` is a StreamEnd; false for any other error. */
  function endedBy(error: unknown): boolean {
    if (!(error instanceof StreamEnd)) return false;
    if (error.frame) write(formatFrame(error.frame));
    void close();
    return true;
  }

  async function checkViewer() {
    if (!options.check || closed) return;
    try {
      await options.check();
    } catch (error) {
      if (!endedBy(error)) log().error({ err: error }, '[live] checking the viewer failed');
    }
  }

  async function refreshPresence() {
    if (!presence || closed) return;
    if (presenceBusy) {
      presencePending = true;
      return;
    }
    presenceBusy = true;
    try {
      do {
        presencePending = false;
        const people = JSON.stringify(await presence.read());
        if (people !== lastPresence && !closed) {
          // Asked only when there is something to tell: presence is polled every few seconds.
          await options.check?.();
          if (closed) return;
          lastPresence = people;
          write(formatFrame({ event: 'presence', data: people }));
        }
      } while (presencePending && !closed);
    } catch (error) {
      if (!endedBy(error)) log().error({ err: error }, '[live] reading presence failed');
    } finally {
      presenceBusy = false;
    }
  }

  function every(ms: number, task: () => void) {
    const timer = setInterval(task, ms);
    timer.unref?.();
    timers.push(timer);
  }

  /** Ends the stream; its presence is removed before the connection closes (a shutdown waits for it). */
  async function close(): Promise<void> {
    if (closed) return closing;
    closed = true;
    for (const timer of timers) clearInterval(timer);
    for (const unsubscribe of unsubscribes) unsubscribe();
    waitingForRoom?.();
    closing = (async () => {
      if (presence) await presence.leave().catch((error) => log().error({ err: error }, '[live] removing presence failed'));
      try {
        controller.close();
      } catch {
        // Already closed, or cancelled by the client.
      }
      options.onClose?.();
    })();
    return closing;
  }

  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        write(formatRetry(retryMs));
        unsubscribes.push(options.subscribe(wake));
        every(heartbeatMs, () => {
          write(formatComment('heartbeat'));
          void checkViewer();
        });
        // Events recorded between the client's cursor and the subscription are read at once.
        wake();
        if (presence) {
          unsubscribes.push(presence.subscribe(() => void refreshPresence()));
          void presence
            .touch()
            .catch((error) => log().error({ err: error }, '[live] recording presence failed'))
            .then(refreshPresence);
          every(presence.refreshMs, () => void presence.touch().catch((error) => log().error({ err: error }, '[live] recording presence failed')));
          every(presence.pollMs, () => void refreshPresence());
        }
      },
      pull() {
        const resolve = waitingForRoom;
        waitingForRoom = null;
        resolve?.();
      },
      cancel() {
        return close();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: BUFFER_BYTES }),
  );

  return { body, close };
}
