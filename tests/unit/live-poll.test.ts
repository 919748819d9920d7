import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPollingBus, type EventFeed } from '../../lib/live/poll';
import { log } from '../../lib/log';

/** An Event table in memory. */
function table() {
  const events: { id: number; articleId: string | null }[] = [];
  const feed: EventFeed & { reads: number } = {
    reads: 0,
    latestId: async () => events.at(-1)?.id ?? 0,
    eventsAfter: async (afterId, limit) => {
      feed.reads += 1;
      return events.filter((e) => e.id > afterId).slice(0, limit);
    },
  };
  const add = (articleId: string | null, count = 1) => {
    for (let i = 0; i < count; i++) events.push({ id: (events.at(-1)?.id ?? 0) + 1, articleId });
  };
  return { feed, add };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the polling bus (several instances on one SQLite file)', () => {
  it('wakes the subscribers of the articles with new events, written by anyone', async () => {
    vi.useFakeTimers();
    const { feed, add } = table();
    add('a1', 3);
    const bus = createPollingBus(feed, { intervalMs: 300 });
    const a1 = vi.fn();
    const a2 = vi.fn();
    bus.subscribe('a1', a1);
    bus.subscribe('a2', a2);
    await vi.advanceTimersByTimeAsync(0);
    // Started: one catch-up wake-up for everyone, nothing replayed from before.
    expect([a1.mock.calls.length, a2.mock.calls.length]).toEqual([1, 1]);
    await vi.advanceTimersByTimeAsync(300);
    expect([a1.mock.calls.length, a2.mock.calls.length]).toEqual([1, 1]);
    add('a2');
    add(null); // user.updated: no article
    await vi.advanceTimersByTimeAsync(300);
    expect([a1.mock.calls.length, a2.mock.calls.length]).toEqual([1, 2]);
    await bus.close();
  });

  it('polls only while someone is subscribed', async () => {
    vi.useFakeTimers();
    const { feed } = table();
    const bus = createPollingBus(feed, { intervalMs: 300 });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(feed.reads).toBe(0);
    const unsubscribe = bus.subscribe('a1', () => {});
    await vi.advanceTimersByTimeAsync(3_000);
    expect(feed.reads).toBe(10);
    unsubscribe();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(feed.reads).toBe(10);
    bus.subscribe('a1', () => {});
    await vi.advanceTimersByTimeAsync(600);
    expect(feed.reads).toBe(12);
    await bus.close();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(feed.reads).toBe(12);
  });

  it('wakes everyone when more events arrived than one poll lists', async () => {
    vi.useFakeTimers();
    const { feed, add } = table();
    const bus = createPollingBus(feed, { intervalMs: 300 });
    const a1 = vi.fn();
    bus.subscribe('a1', a1);
    await vi.advanceTimersByTimeAsync(0);
    a1.mockClear();
    add('other', 600);
    await vi.advanceTimersByTimeAsync(300);
    expect(a1).toHaveBeenCalledTimes(1);
    // and then carries on after the newest, not through the backlog
    await vi.advanceTimersByTimeAsync(300);
    expect(a1).toHaveBeenCalledTimes(1);
    await bus.close();
  });

  it('wakes a subscriber at once for a write made on this instance', () => {
    const { feed } = table();
    const bus = createPollingBus(feed);
    const a1 = vi.fn();
    bus.subscribe('a1', a1);
    a1.mockClear();
    bus.wake('a1');
    expect(a1).toHaveBeenCalledTimes(1);
    void bus.close();
  });

  it('keeps polling through a failing read, logging it once', async () => {
    vi.useFakeTimers();
    const { feed, add } = table();
    const error = vi.spyOn(log(), 'error').mockImplementation(() => {});
    const failing = { ...feed, eventsAfter: vi.fn(feed.eventsAfter) };
    const bus = createPollingBus(failing, { intervalMs: 300 });
    const a1 = vi.fn();
    bus.subscribe('a1', a1);
    await vi.advanceTimersByTimeAsync(0);
    a1.mockClear();
    failing.eventsAfter.mockRejectedValue(new Error('database is locked'));
    await vi.advanceTimersByTimeAsync(900);
    expect(error).toHaveBeenCalledTimes(1);
    failing.eventsAfter.mockImplementation(feed.eventsAfter);
    add('a1');
    await vi.advanceTimersByTimeAsync(300);
    expect(a1).toHaveBeenCalledTimes(1);
    error.mockRestore();
    await bus.close();
  });
});
