import { describe, expect, it } from 'vitest';
import { PRESENCE_REFRESH_MS, PRESENCE_TTL_MS, initials, othersPresent, presenceCutoff } from '../../lib/live/presence';

describe('presence', () => {
  it('lists the others once each, by name, unnamed people last', () => {
    const rows = [
      { userId: 'me', name: 'Moi' },
      { userId: 'u3', name: null },
      { userId: 'u2', name: 'Zoé' },
      { userId: 'u1', name: 'Élodie' },
      { userId: 'u2', name: 'Zoé' }, // a second tab
    ];
    expect(othersPresent(rows, 'me')).toEqual([
      { id: 'u1', name: 'Élodie' },
      { id: 'u2', name: 'Zoé' },
      { id: 'u3', name: null },
    ]);
    expect(othersPresent([{ userId: 'me', name: 'Moi' }], 'me')).toEqual([]);
  });

  it('forgets a stream that missed several renewals', () => {
    expect(PRESENCE_TTL_MS).toBeGreaterThanOrEqual(2 * PRESENCE_REFRESH_MS);
    const now = new Date('2026-01-01T12:00:00Z');
    expect(presenceCutoff(now).getTime()).toBe(now.getTime() - PRESENCE_TTL_MS);
  });

  it('makes badges of initials', () => {
    expect(initials('Anne-Marie Dupont')).toBe('AD');
    expect(initials('  élise  ')).toBe('É');
    expect(initials('Jean de la Fontaine')).toBe('JF');
    expect(initials(null)).toBeNull();
    expect(initials('   ')).toBeNull();
  });
});
