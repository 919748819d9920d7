// The live bus only wakes subscribers up: "something may have been written
// for this article". What was written is read from the Event table, the source
// of truth, after the subscriber's own cursor — so a lost, duplicated or
// spurious wake-up costs a query, never an event.

import { log } from '../log';

export type Unsubscribe = () => void;

export interface LiveBus {
  /** Calls `wake` whenever events may have been recorded for the article, until unsubscribed. */
  subscribe(articleId: string, wake: () => void): Unsubscribe;
  /** Wakes the article's subscribers on this instance (after a write made here). */
  wake(articleId: string): void;
  /** Stops timers and connections; subscribers are not woken again. */
  close(): Promise<void>;
}

/** In-process fan-out: the part of every bus that calls this instance's subscribers. */
export interface LocalBus extends LiveBus {
  /** Wakes every subscriber (after a gap in notifications: a reconnection, a poll that fell behind). */
  wakeAll(): void;
  /** How many subscriptions are open, all articles together. */
  readonly size: number;
  /** Called with the new size whenever a subscription opens or closes. */
  onSizeChange?: (size: number) => void;
}

export function createLocalBus(): LocalBus {
  const byArticle = new Map<string, Set<() => void>>();
  let size = 0;
  let closed = false;

  const call = (listeners: Iterable<() => void>) => {
    // A listener that throws must not keep the others asleep.
    for (const wake of [...listeners]) {
      try {
        wake();
      } catch (error) {
        log().error({ err: error }, '[live] a subscriber failed to wake');
      }
    }
  };

  const bus: LocalBus = {
    subscribe(articleId, wake) {
      if (closed) return () => {};
      let listeners = byArticle.get(articleId);
      if (!listeners) byArticle.set(articleId, (listeners = new Set()));
      // Each subscription is its own entry, even for the same function.
      const entry = () => wake();
      listeners.add(entry);
      size += 1;
      bus.onSizeChange?.(size);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        listeners.delete(entry);
        if (listeners.size === 0) byArticle.delete(articleId);
        size -= 1;
        bus.onSizeChange?.(size);
      };
    },
    wake(articleId) {
      if (closed) return;
      const listeners = byArticle.get(articleId);
      if (listeners) call(listeners);
    },
    wakeAll() {
      if (closed) return;
      call([...byArticle.values()].flatMap((set) => [...set]));
    },
    get size() {
      return size;
    },
    async close() {
      closed = true;
      byArticle.clear();
      size = 0;
    },
  };
  return bus;
}
