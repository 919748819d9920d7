import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalBus } from '../../lib/live/bus';
import { StreamEnd, openLiveStream, type LiveBatch, type PresenceSource } from '../../lib/live/stream';
import { log as serverLog } from '../../lib/log';

/** Reads the stream's text as it comes. */
function reader(body: ReadableStream<Uint8Array>) {
  const r = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let done = false;
  const pump = (async () => {
    for (;;) {
      const chunk = await r.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    done = true;
  })();
  return {
    get text() {
      return text;
    },
    get done() {
      return done;
    },
    cancel: () => r.cancel(),
    ended: () => pump,
  };
}

/** An event log the stream reads from, `size` events a batch. */
function log(size = 2) {
  const events: { id: number; event?: string; data?: unknown }[] = [];
  const read = vi.fn(async (cursor: number): Promise<LiveBatch> => {
    const after = events.filter((e) => e.id > cursor);
    const batch = after.slice(0, size);
    return { frames: batch, cursor: batch.at(-1)?.id ?? cursor, more: after.length > size };
  });
  return { events, read };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('an event stream', () => {
  it('starts with the reconnection delay, replays what came after the cursor, then follows the bus', async () => {
    const bus = createLocalBus();
    const { events, read } = log();
    events.push({ id: 1, event: 'a', data: 1 }, { id: 2, event: 'b', data: 2 }, { id: 3, event: 'c', data: 3 });
    const stream = openLiveStream({ cursor: 1, subscribe: (wake) => bus.subscribe('x', wake), read, retryMs: 1000 });
    const out = reader(stream.body);
    await vi.waitFor(() => expect(out.text).toContain('id: 3'));
    expect(out.text).toBe('retry: 1000\n\nid: 2\nevent: b\ndata: 2\n\nid: 3\nevent: c\ndata: 3\n\n');
    events.push({ id: 4, event: 'd', data: 4 });
    bus.wake('x');
    await vi.waitFor(() => expect(out.text).toContain('id: 4\nevent: d'));
    expect(read.mock.calls.map((c) => c[0])).toEqual([1, 3]);
    await stream.close();
    await out.ended();
    expect(bus.size).toBe(0);
  });

  it('sends one id for a run of events the viewer may not see, so a reconnection does not read them again', async () => {
    const bus = createLocalBus();
    const { events, read } = log(10);
    events.push({ id: 5 }, { id: 6 }, { id: 7, event: 'seen', data: {} }, { id: 8 }, { id: 9 });
    const stream = openLiveStream({ cursor: 0, subscribe: (wake) => bus.subscribe('x', wake), read });
    const out = reader(stream.body);
    await vi.waitFor(() => expect(out.text).toContain('id: 9'));
    expect(out.text.split('\n\n').slice(1, -1)).toEqual(['id: 7\nevent: seen\ndata: {}', 'id: 9']);
    await stream.close();
  });

  it('reads again when woken during a read, and never reads twice at once', async () => {
    const bus = createLocalBus();
    const { events, read } = log();
    let inFlight = 0;
    let most = 0;
    const slow = vi.fn(async (cursor: number) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight -= 1;
      return read(cursor);
    });
    const stream = openLiveStream({ cursor: 0, subscribe: (wake) => bus.subscribe('x', wake), read: slow });
    const out = reader(stream.body);
    events.push({ id: 1, event: 'a', data: 1 });
    bus.wake('x');
    bus.wake('x');
    events.push({ id: 2, event: 'b', data: 2 });
    bus.wake('x');
    await vi.waitFor(() => expect(out.text).toContain('id: 2'));
    expect(most).toBe(1);
    expect(out.text.match(/id: 1\n/g)).toHaveLength(1);
    await stream.close();
  });

  it('beats every heartbeat interval', async () => {
    vi.useFakeTimers();
    const bus = createLocalBus();
    const stream = openLiveStream({ cursor: 0, subscribe: (wake) => bus.subscribe('x', wake), read: log().read, heartbeatMs: 20_000 });
    const out = reader(stream.body);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(out.text.match(/: heartbeat\n\n/g)).toHaveLength(2);
    await stream.close();
  });

  it('asks `check` at every heartbeat, and ends after its StreamEnd even when nothing happens on the article', async () => {
    vi.useFakeTimers();
    const bus = createLocalBus();
    let signedIn = true;
    const check = vi.fn(async () => {
      if (!signedIn) throw new StreamEnd({ event: 'end', data: { error: { key: 'unauthenticated' } } });
    });
    const stream = openLiveStream({ cursor: 0, subscribe: (wake) => bus.subscribe('x', wake), read: log().read, heartbeatMs: 20_000, check });
    const out = reader(stream.body);
    await vi.advanceTimersByTimeAsync(20_500);
    expect(check).toHaveBeenCalledTimes(1);
    expect(out.done).toBe(false);
    signedIn = false;
    await vi.advanceTimersByTimeAsync(20_000);
    await out.ended();
    expect(out.text.endsWith('event: end\ndata: {"error":{"key":"unauthenticated"}}\n\n')).toBe(true);
    expect(bus.size).toBe(0);
  });

  it('sends no presence once `check` ends the stream: who else is reading is not told to someone signed out', async () => {
    const bus = createLocalBus();
    const presenceBus = createLocalBus();
    let people = ['Ada'];
    let signedIn = true;
    const presence: PresenceSource = {
      touch: async () => undefined,
      read: async () => ({ people }),
      leave: async () => undefined,
      subscribe: (wake) => presenceBus.subscribe('x', wake),
      refreshMs: 60_000,
      pollMs: 60_000,
    };
    const check = async () => {
      if (!signedIn) throw new StreamEnd({ event: 'end', data: { error: { key: 'unauthenticated' } } });
    };
    const stream = openLiveStream({ cursor: 0, subscribe: (wake) => bus.subscribe('x', wake), read: log().read, presence, check });
    const out = reader(stream.body);
    await vi.waitFor(() => expect(out.text).toContain('"Ada"'));
    signedIn = false;
    people = ['Ada', 'Bruno'];
    presenceBus.wake('x');
    await out.ended();
    expect(out.text).not.toContain('Bruno');
    expect(out.text.endsWith('event: end\ndata: {"error":{"key":"unauthenticated"}}\n\n')).toBe(true);
  });

  it('ends after the frame of a StreamEnd (the viewer was signed out)', async () => {
    const bus = createLocalBus();
    const read = vi.fn(async (): Promise<LiveBatch> => {
      throw new StreamEnd({ event: 'end', data: { error: { key: 'unauthenticated' } } });
    });
    const onClose = vi.fn();
    const stream = openLiveStream({ cursor: 0, subscribe: (wake) => bus.subscribe('x', wake), read, onClose });
    const out = reader(stream.body);
    await out.ended();
    expect(out.text).toContain('event: end\ndata: {"error":{"key":"unauthenticated"}}\n\n');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(bus.size).toBe(0);
  });

  it('retries a failed read, and gives up after several in a row so the client reconnects', async () => {
    const error = vi.spyOn(serverLog(), 'error').mockImplementation(() => {});
    vi.useFakeTimers();
    const bus = createLocalBus();
    const read = vi.fn(async (): Promise<LiveBatch> => {
      throw new Error('database is locked');
    });
    const out = reader(openLiveStream({ cursor: 0, subscribe: (wake) => bus.subscribe('x', wake), read, maxFailures: 3 }).body);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(read).toHaveBeenCalledTimes(3);
    await out.ended();
    expect(bus.size).toBe(0);
    error.mockRestore();
  });

  it('stops when the client goes away: unsubscribes, removes its presence', async () => {
    const bus = createLocalBus();
    const leave = vi.fn(async () => {});
    const presence: PresenceSource = {
      touch: async () => {},
      read: async () => ({ people: [] }),
      leave,
      subscribe: () => () => {},
      refreshMs: 15_000,
      pollMs: 3_000,
    };
    const onClose = vi.fn();
    const stream = openLiveStream({ cursor: 0, subscribe: (wake) => bus.subscribe('x', wake), read: log().read, presence, onClose });
    const out = reader(stream.body);
    await tick();
    await out.cancel();
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(leave).toHaveBeenCalledTimes(1);
    expect(bus.size).toBe(0);
  });

  it('sends presence when it changes, not on every read', async () => {
    vi.useFakeTimers();
    const bus = createLocalBus();
    const presenceBus = createLocalBus();
    let people = [{ id: 'u2', name: 'Bea' }];
    const touch = vi.fn(async () => {});
    const presence: PresenceSource = {
      touch,
      read: async () => ({ people }),
      leave: async () => {},
      subscribe: (wake) => presenceBus.subscribe('x', wake),
      refreshMs: 15_000,
      pollMs: 3_000,
    };
    const stream = openLiveStream({ cursor: 0, subscribe: (wake) => bus.subscribe('x', wake), read: log().read, presence });
    const out = reader(stream.body);
    await vi.advanceTimersByTimeAsync(10);
    expect(out.text.match(/event: presence/g)).toHaveLength(1);
    expect(out.text).toContain('event: presence\ndata: {"people":[{"id":"u2","name":"Bea"}]}\n\n');
    await vi.advanceTimersByTimeAsync(9_000); // three polls, nothing new
    expect(out.text.match(/event: presence/g)).toHaveLength(1);
    people = [];
    presenceBus.wake('x'); // someone left through this instance
    await vi.advanceTimersByTimeAsync(10);
    expect(out.text.match(/event: presence/g)).toHaveLength(2);
    expect(out.text).toContain('data: {"people":[]}');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(touch).toHaveBeenCalledTimes(3); // at open, then every 15 s
    await stream.close();
  });

  it('reads the next batch of a long replay only once the client has taken the previous ones', async () => {
    const bus = createLocalBus();
    const { events, read } = log(10);
    const big = 'x'.repeat(100_000);
    for (let id = 1; id <= 50; id++) events.push({ id, event: 'big', data: big });
    const stream = openLiveStream({ cursor: 0, subscribe: (wake) => bus.subscribe('x', wake), read });
    // Nobody reads yet: the stream fills its buffer and waits.
    await new Promise((r) => setTimeout(r, 50));
    expect(read.mock.calls.length).toBeLessThan(5);
    const out = reader(stream.body);
    await vi.waitFor(() => expect(out.text).toContain('id: 50\n'), { timeout: 5_000 });
    expect(read.mock.calls.map((c) => c[0])).toEqual([0, 10, 20, 30, 40]);
    await stream.close();
  });
});
