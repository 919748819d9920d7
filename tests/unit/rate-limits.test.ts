// The rate limits' rules (lib/security/rate-limits.ts): the back-off and the
// client address; the counting itself is in sign-in-limits.test.ts.
import { describe, expect, it } from 'vitest';
import { SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS, WRITES_PER_USER, blockSeconds, clientAddress, trustedProxies } from '../../lib/security/rate-limits';

describe('blockSeconds', () => {
  it('doubles with each block of the day, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((strike) => blockSeconds(SIGN_IN_PER_ACCOUNT, strike))).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
    expect(blockSeconds(SIGN_IN_PER_ADDRESS, 1)).toBe(300);
    expect(blockSeconds(SIGN_IN_PER_ADDRESS, 100)).toBe(24 * 3600);
    expect(blockSeconds(WRITES_PER_USER, 0)).toBe(60);
  });
});

describe('clientAddress', () => {
  it('without a proxy, the address Next.js recorded for the connection (the last entry)', () => {
    expect(clientAddress('203.0.113.9', 0)).toBe('203.0.113.9');
  });

  it('behind trusted proxies, the address the outermost one saw, never what the client wrote before it', () => {
    // The client wrote 1.2.3.4; nginx ($proxy_add_x_forwarded_for) appended the address it saw.
    expect(clientAddress('1.2.3.4, 198.51.100.7', 1)).toBe('198.51.100.7');
    // Two proxies: the outer one appended the client, the inner one the outer proxy.
    expect(clientAddress('1.2.3.4, 198.51.100.7, 10.0.0.3', 2)).toBe('198.51.100.7');
    // More proxies configured than entries: the first entry, not nothing.
    expect(clientAddress('10.0.0.2', 3)).toBe('10.0.0.2');
  });

  it('one client in either IPv4 spelling; none at all is one shared counter', () => {
    expect(clientAddress('::ffff:127.0.0.1', 0)).toBe('127.0.0.1');
    expect(clientAddress('[2001:DB8::1]', 0)).toBe('2001:db8::1');
    expect(clientAddress(null, 0)).toBe('unknown');
    expect(clientAddress(' , ', 0)).toBe('unknown');
  });

  it('reads CRUX_TRUSTED_PROXIES as a whole number, 0 otherwise', () => {
    expect(trustedProxies({})).toBe(0);
    expect(trustedProxies({ CRUX_TRUSTED_PROXIES: '2' })).toBe(2);
    expect(trustedProxies({ CRUX_TRUSTED_PROXIES: 'yes' })).toBe(0);
    expect(trustedProxies({ CRUX_TRUSTED_PROXIES: '-1' })).toBe(0);
  });
});
