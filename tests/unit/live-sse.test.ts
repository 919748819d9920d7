import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, formatComment, formatFrame, formatRetry } from '../../lib/live/sse';

describe('SSE framing', () => {
  it('writes id, event and JSON data, ending with a blank line', () => {
    expect(formatFrame({ id: 42, event: 'claim.created', data: { claimId: 'c1', note: 'a\nb' } })).toBe(
      'id: 42\nevent: claim.created\ndata: {"claimId":"c1","note":"a\\nb"}\n\n',
    );
  });

  it('splits text data into one data line per line, whatever the line break', () => {
    expect(formatFrame({ data: 'one\ntwo\r\nthree\rfour' })).toBe('data: one\ndata: two\ndata: three\ndata: four\n\n');
  });

  it('writes an id alone to move the client’s cursor without an event', () => {
    expect(formatFrame({ id: 7 })).toBe('id: 7\n\n');
  });

  it('refuses a line break in a field, which would end it early', () => {
    expect(() => formatFrame({ event: 'claim.created\ndata: forged' })).toThrow(/line break/);
    expect(() => formatComment('a\nb')).toThrow(/line break/);
  });

  it('writes comments and the reconnection delay', () => {
    expect(formatComment('heartbeat')).toBe(': heartbeat\n\n');
    expect(formatRetry(1000.4)).toBe('retry: 1000\n\n');
  });

  it('beats more often than the shortest common proxy idle timeout (30 s)', () => {
    expect(HEARTBEAT_MS).toBeGreaterThanOrEqual(15_000);
    expect(HEARTBEAT_MS).toBeLessThanOrEqual(25_000);
  });
});
