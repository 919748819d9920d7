import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, negotiateLocale } from '@/lib/i18n/locale';

describe('localeFromAcceptLanguage', () => {
  it('takes the first supported tag by quality, matching the primary subtag', () => {
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9,fr;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('de-DE,de;q=0.9,fr-CA;q=0.8,en;q=0.7')).toBe('fr');
    expect(localeFromAcceptLanguage('fr;q=0.5, en;q=0.9')).toBe('en');
  });

  it('keeps header order among equal qualities and ignores q=0', () => {
    expect(localeFromAcceptLanguage('fr, en')).toBe('fr');
    expect(localeFromAcceptLanguage('en;q=0, fr;q=0.1')).toBe('fr');
  });

  it('answers null when nothing is supported or the header is absent or garbage', () => {
    expect(localeFromAcceptLanguage('de, es;q=0.5')).toBeNull();
    expect(localeFromAcceptLanguage('')).toBeNull();
    expect(localeFromAcceptLanguage(null)).toBeNull();
    expect(localeFromAcceptLanguage(';;;,,q=abc')).toBeNull();
  });
});

describe('negotiateLocale', () => {
  it('prefers the remembered choice, then the browser, then French', () => {
    expect(negotiateLocale('en', 'fr-FR')).toBe('en');
    expect(negotiateLocale(undefined, 'en-US')).toBe('en');
    expect(negotiateLocale('klingon', 'de')).toBe(DEFAULT_LOCALE);
    expect(DEFAULT_LOCALE).toBe('fr');
  });

  it('knows only fr and en', () => {
    expect(isLocale('fr')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('FR')).toBe(false);
    expect(isLocale(3)).toBe(false);
  });
});
