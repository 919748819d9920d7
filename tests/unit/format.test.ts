import { describe, expect, it } from 'vitest';
import { formatDay, formatInstant, formatPublishedAt, formatShare } from '@/lib/format';

describe('formatPublishedAt', () => {
  it('keeps the precision of the stored date, in the given locale', () => {
    expect(formatPublishedAt('2025-07', 'fr')).toBe('juillet 2025');
    expect(formatPublishedAt('2025-07', 'en')).toBe('July 2025');
    expect(formatPublishedAt('2025-03-14', 'fr')).toBe('14 mars 2025');
    expect(formatPublishedAt('2025-03-14', 'en')).toBe('March 14, 2025');
    expect(formatPublishedAt('2025', 'fr')).toBe('2025');
  });

  it('answers null without a date and the raw value for an unusable locale', () => {
    expect(formatPublishedAt(null, 'fr')).toBeNull();
    expect(formatPublishedAt('2025-07', 'not a locale!')).toBe('2025-07');
  });
});

describe('formatDay', () => {
  it('writes an instant as its UTC calendar day', () => {
    expect(formatDay('2025-03-14T23:30:00.000Z', 'fr')).toBe('14 mars 2025');
    expect(formatDay('2025-03-14T23:30:00.000Z', 'en')).toBe('Mar 14, 2025');
    expect(formatDay('yesterday', 'en')).toBe('yesterday');
  });
});

describe('formatInstant', () => {
  it('writes an instant to the minute in UTC, saying so', () => {
    expect(formatInstant('2026-12-03T12:05:30.000Z', 'fr')).toBe('3 déc. 2026, 12:05 UTC');
    expect(formatInstant('2026-12-03T12:05:30.000Z', 'en')).toBe('Dec 3, 2026, 12:05 PM UTC');
    expect(formatInstant('soon', 'fr')).toBe('soon');
  });
});

describe('formatShare', () => {
  it('writes a whole percentage as the locale does', () => {
    expect(formatShare(0.6, 'fr')).toBe('60\u00a0%');
    expect(formatShare(0.666, 'en')).toBe('67%');
    expect(formatShare(1)).toBe('100 %');
    expect(formatShare(null, 'en')).toBe('—');
  });
});
