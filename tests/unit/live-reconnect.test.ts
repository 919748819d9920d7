import { describe, expect, it } from 'vitest';
import { RECONNECT_MAX_MS, reconnectDelay } from '../../lib/live/reconnect';

describe('reconnection delays', () => {
  it('double from about a second to at most half a minute', () => {
    const top = (failures: number) => reconnectDelay(failures, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(top)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('spread between half and all of the ceiling', () => {
    expect(reconnectDelay(1, () => 0)).toBe(500);
    expect(reconnectDelay(20, () => 0)).toBe(RECONNECT_MAX_MS / 2);
    for (let i = 0; i < 100; i++) {
      const delay = reconnectDelay(3);
      expect(delay).toBeGreaterThanOrEqual(2_000);
      expect(delay).toBeLessThanOrEqual(4_000);
    }
  });
});
