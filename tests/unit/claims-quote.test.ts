import { describe, expect, it } from 'vitest';
import { quoteParagraphs } from '@/lib/claims/quote';

describe('quoteParagraphs', () => {
  it('keeps a one-paragraph quote whole', () => {
    expect(quoteParagraphs('D’un commun accord, cette réunion')).toEqual(['D’un commun accord, cette réunion']);
  });

  it('splits a quote at paragraph breaks, keeping line breaks', () => {
    expect(quoteParagraphs('fin du premier.\n\nDébut\ndu second.\n\n\nTroisième')).toEqual(['fin du premier.', 'Début\ndu second.', 'Troisième']);
  });

  it('drops empty pieces at the edges', () => {
    expect(quoteParagraphs('\n\nseul\n\n')).toEqual(['seul']);
  });
});
