import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/locale';
import { MESSAGES } from '@/lib/i18n/messages';
import { RATINGS } from '@/lib/ratings';

/** Every leaf key as a dotted path. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('interface messages', () => {
  it('has the same keys in every locale', () => {
    const [first, ...rest] = LOCALES;
    const reference = keys(MESSAGES[first]).sort();
    for (const locale of rest) expect(keys(MESSAGES[locale]).sort()).toEqual(reference);
  });

  it('has no empty message', () => {
    for (const locale of LOCALES) {
      const empty = keys(MESSAGES[locale]).filter((path) => {
        const leaf = path.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], MESSAGES[locale]);
        return typeof leaf !== 'string' || leaf.trim() === '';
      });
      expect(empty).toEqual([]);
    }
  });

  it('labels every rating in every locale', () => {
    for (const locale of LOCALES) expect(Object.keys(MESSAGES[locale].ratings).sort()).toEqual([...RATINGS].sort());
  });
});
