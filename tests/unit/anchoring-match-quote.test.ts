import { describe, expect, it } from 'vitest';
import { FUZZY_ERROR_RATIO, FUZZY_WINDOW, MAX_FUZZY_LENGTH, errorBudget, matchApproximateQuote, matchExactQuote } from '../../lib/anchoring/match-quote';

const NBSP = '\u00a0';

describe('errorBudget', () => {
  it('allows edits in proportion to the quote, none for very short quotes', () => {
    expect(FUZZY_ERROR_RATIO).toBe(0.25);
    expect(errorBudget(40)).toBe(10);
    expect(errorBudget(3)).toBe(0);
    expect(errorBudget(0)).toBe(0);
  });
});

describe('matchExactQuote', () => {
  it('chooses among repeats by the prefix', () => {
    const text = `«${NBSP}Nous gagnerons${NBSP}», a déclaré Marie. «${NBSP}Nous gagnerons${NBSP}», a répondu Paul.`;
    const second = text.lastIndexOf('Nous gagnerons');
    const match = matchExactQuote(text, 'Nous gagnerons', { prefix: `Marie. «${NBSP}`, suffix: `${NBSP}», a répondu` });
    expect(match?.start).toBe(second);
    expect(match?.errors).toBe(0);
  });

  it('chooses among repeats by the suffix even when the prefix was reworded', () => {
    const text = 'Il a dit : la dette baisse, selon Bercy. Elle a dit : la dette baisse, selon l’Insee.';
    const match = matchExactQuote(text, 'la dette baisse', { prefix: 'Puis elle a dit : ', suffix: ', selon l’Insee.' });
    expect(match?.start).toBe(text.lastIndexOf('la dette baisse'));
  });

  it('breaks a tie of context by nearness to the expected position', () => {
    const text = 'abc XYZ abc XYZ abc XYZ abc';
    const last = text.lastIndexOf('XYZ');
    expect(matchExactQuote(text, 'XYZ', { prefix: 'abc ', suffix: ' abc', hint: last - 1 })?.start).toBe(last);
    expect(matchExactQuote(text, 'XYZ', { prefix: 'abc ', suffix: ' abc', hint: 0 })?.start).toBe(4);
    // Without a hint, the first of equals.
    expect(matchExactQuote(text, 'XYZ', { prefix: 'abc ', suffix: ' abc' })?.start).toBe(4);
  });

  it('prefers context over position', () => {
    const text = 'le chat dort. le chat mange.';
    expect(matchExactQuote(text, 'chat', { prefix: 'le ', suffix: ' mange', hint: 3 })?.start).toBe(17);
  });

  it('returns null for an absent or empty quote', () => {
    expect(matchExactQuote('abc', 'x', { prefix: '', suffix: '' })).toBeNull();
    expect(matchExactQuote('abc', '', { prefix: '', suffix: '' })).toBeNull();
    expect(matchExactQuote('', 'abc', { prefix: '', suffix: '' })).toBeNull();
  });
});

describe('matchApproximateQuote', () => {
  it('finds a quote with a word corrected, within the budget, and says how many edits', () => {
    const text = 'Selon l’Insee, le taux de chômage est de 7,5 % au premier trimestre.';
    const match = matchApproximateQuote(text, 'le taux de chômage est de 7,3 %', { prefix: 'Selon l’Insee, ', suffix: ' au premier' });
    expect(match).not.toBeNull();
    expect(text.slice(match!.start, match!.end)).toBe('le taux de chômage est de 7,5 %');
    expect(match!.errors).toBe(1);
  });

  it('refuses a passage that differs by more than the budget', () => {
    const text = 'Selon l’Insee, la croissance ralentit nettement cette année.';
    expect(matchApproximateQuote(text, 'le taux de chômage est de 7,3 %', { prefix: '', suffix: '' })).toBeNull();
  });

  it('looks near the expected position first, then anywhere', () => {
    const filler = 'x'.repeat(FUZZY_WINDOW * 3);
    const text = `le ministre a déclarré ${filler} le ministre a déclarré`;
    const late = text.lastIndexOf('le ministre');
    expect(matchApproximateQuote(text, 'le ministre a déclaré', { prefix: '', suffix: '', hint: late })?.start).toBe(late);
    expect(matchApproximateQuote(text, 'le ministre a déclaré', { prefix: '', suffix: '', hint: 0 })?.start).toBe(0);
    // Nothing near the hint: the whole text.
    const alone = `${filler} le ministre a déclarré`;
    expect(matchApproximateQuote(alone, 'le ministre a déclaré', { prefix: '', suffix: '', hint: 0 })?.start).toBe(alone.indexOf('le ministre'));
  });

  it('takes empty texts and quotes longer than the text without failing', () => {
    expect(matchApproximateQuote('', 'abc', { prefix: '', suffix: '' })).toBeNull();
    expect(matchApproximateQuote('abc', '', { prefix: '', suffix: '' })).toBeNull();
    expect(matchApproximateQuote('ab', 'abcdefgh', { prefix: '', suffix: '', hint: 5 })).toBeNull();
  });
});

describe('adversarial repeats', () => {
  it('weighs a quote repeated 200,000 times at a bounded number of places, quickly', () => {
    const text = 'a'.repeat(200_000);
    const quote = 'a'.repeat(5_000);
    const t0 = performance.now();
    const exact = matchExactQuote(text, quote, { prefix: 'a'.repeat(32), suffix: 'a'.repeat(32), hint: 120_000 });
    expect(exact?.errors).toBe(0);
    expect(Math.abs(exact!.start - 120_000)).toBeLessThanOrEqual(FUZZY_WINDOW + quote.length);
    const fuzzy = matchApproximateQuote(text, `${'a'.repeat(249)}b${'a'.repeat(250)}`, { prefix: '', suffix: '', hint: 50_000 });
    expect(fuzzy?.errors).toBe(1);
    // Longer quotes are not searched approximately at all.
    expect(matchApproximateQuote(text, `b${'a'.repeat(MAX_FUZZY_LENGTH)}`, { prefix: '', suffix: '', hint: 50_000 })).toBeNull();
    // Generous for a shared machine; quadratic work took tens of seconds.
    expect(performance.now() - t0).toBeLessThan(3_000);
  });
});

describe('far approximate matches', () => {
  const filler = (n: number) => 'Texte sans rapport, répété pour éloigner. '.repeat(n);

  it('takes a passage moved far and reworded when it is the only one that close', () => {
    const text = `${filler(200)}Le ministre a déclaré que la dette baisserait en 2026.`;
    const match = matchApproximateQuote(text, 'Le ministre a déclaré que la dette baissera en 2026', { prefix: '', suffix: '', hint: 0 });
    expect(match && text.slice(match.start, match.end)).toMatch(/^Le ministre a déclaré que la dette baisserait en 2026/);
  });

  it('refuses a far match when near-twins elsewhere come as close (a removed dispatch header)', () => {
    const header = (n: number) => `«\u00a0Dépêche nº\u00a0${n}\u00a0» — l’envoyée spéciale à Sotchi rapporte. `;
    const text = `${filler(100)}${header(16)}${filler(100)}${header(18)}${filler(100)}`;
    expect(matchApproximateQuote(text, `«\u00a0Dépêche nº\u00a017\u00a0» — l’envoyée spéciale à Sotchi`, { prefix: '', suffix: '', hint: 0 })).toBeNull();
    // Near where it was expected, the nearest is taken: a correction of the number in place.
    const at = text.indexOf('Dépêche nº\u00a016') - 2;
    expect(matchApproximateQuote(text, `«\u00a0Dépêche nº\u00a017\u00a0» — l’envoyée spéciale à Sotchi`, { prefix: '', suffix: '', hint: at })?.start).toBe(at);
  });
});
