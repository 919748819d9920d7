import { describe, expect, it, vi } from 'vitest';
import { createLocalBus } from '../../lib/live/bus';
import { log } from '../../lib/log';

describe('the in-process bus', () => {
  it('wakes the subscribers of one article, each subscription once', () => {
    const bus = createLocalBus();
    const a = vi.fn();
    const b = vi.fn();
    bus.subscribe('a1', a);
    bus.subscribe('a1', a); // two streams of the same page: two subscriptions
    bus.subscribe('a2', b);
    bus.wake('a1');
    expect(a).toHaveBeenCalledTimes(2);
    expect(b).not.toHaveBeenCalled();
    bus.wakeAll();
    expect(a).toHaveBeenCalledTimes(4);
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('stops waking a subscription once it is closed, and counts the open ones', () => {
    const bus = createLocalBus();
    const sizes: number[] = [];
    bus.onSizeChange = (size) => sizes.push(size);
    const wake = vi.fn();
    const unsubscribe = bus.subscribe('a1', wake);
    const other = bus.subscribe('a1', vi.fn());
    expect(bus.size).toBe(2);
    unsubscribe();
    unsubscribe(); // twice is harmless
    bus.wake('a1');
    expect(wake).not.toHaveBeenCalled();
    other();
    expect(bus.size).toBe(0);
    expect(sizes).toEqual([1, 2, 1, 0]);
  });

  it('keeps waking the others when one subscriber throws', () => {
    const bus = createLocalBus();
    const error = vi.spyOn(log(), 'error').mockImplementation(() => {});
    const after = vi.fn();
    bus.subscribe('a1', () => {
      throw new Error('boom');
    });
    bus.subscribe('a1', after);
    bus.wake('a1');
    expect(after).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('wakes nobody once closed', async () => {
    const bus = createLocalBus();
    const wake = vi.fn();
    bus.subscribe('a1', wake);
    await bus.close();
    bus.wake('a1');
    bus.wakeAll();
    expect(wake).not.toHaveBeenCalled();
    bus.subscribe('a1', wake)();
  });
});
