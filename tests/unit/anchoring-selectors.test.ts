import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTEXT_LENGTH, anchorSelector, describeRange, trimSelection } from '../../lib/anchoring/selectors';
import { parsePlainTextArticle } from '../../lib/articles/import';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

// Accents, guillemets with (narrow) non-breaking spaces, curly apostrophes and an emoji.
const FRENCH =
  `Le ministre a déclaré${NBSP}: «${NBSP}L’économie française va très bien${NNBSP}». ` +
  `Selon l’Insee, c’est faux 🤔 : la croissance était de 0,1${NBSP}% au trimestre.`;

function rangeOf(text: string, quote: string, from = 0): [number, number] {
  const start = text.indexOf(quote, from);
  if (start === -1) throw new Error(`"${quote}" not in text`);
  return [start, start + quote.length];
}

describe('describeRange', () => {
  it('quotes the range and takes up to CONTEXT_LENGTH characters of context on each side', () => {
    const text = `${'a'.repeat(40)}CLAIM${'b'.repeat(40)}`;
    const sel = describeRange(text, 40, 45);
    expect(sel).toEqual({ exact: 'CLAIM', prefix: 'a'.repeat(32), suffix: 'b'.repeat(32), start: 40, end: 45 });
    expect(CONTEXT_LENGTH).toBe(32);
  });

  it('clips the context at the edges of the text', () => {
    const sel = describeRange('abc def ghi', 4, 7, 10);
    expect(sel).toEqual({ exact: 'def', prefix: 'abc ', suffix: ' ghi', start: 4, end: 7 });
    expect(describeRange('abc', 0, 3)).toEqual({ exact: 'abc', prefix: '', suffix: '', start: 0, end: 3 });
  });

  it('honours a custom context length, including zero', () => {
    expect(describeRange('0123456789', 4, 6, 2)).toMatchObject({ prefix: '23', exact: '45', suffix: '67' });
    expect(describeRange('0123456789', 4, 6, 0)).toMatchObject({ prefix: '', exact: '45', suffix: '' });
  });

  it('keeps accents, guillemets, non-breaking spaces and curly apostrophes verbatim', () => {
    const [start, end] = rangeOf(FRENCH, 'L’économie française va très bien');
    const sel = describeRange(FRENCH, start, end, 4);
    expect(sel.exact).toBe('L’économie française va très bien');
    expect(sel.prefix).toBe(`: «${NBSP}`);
    expect(sel.prefix.endsWith(`«${NBSP}`)).toBe(true);
    expect(sel.suffix).toBe(`${NNBSP}». `);
  });

  it('does not split a surrogate pair at the outer edge of the prefix', () => {
    const text = 'x🤔abc';
    // 🤔 is text[1..2]; a 3-character prefix for "c" (index 5) would start inside it.
    const sel = describeRange(text, 5, 6, 3);
    expect(sel.prefix).toBe('ab');
    expect(sel.prefix).not.toMatch(/[\uDC00-\uDFFF]/);
    // With room for the whole emoji it is kept.
    expect(describeRange(text, 5, 6, 4).prefix).toBe('🤔ab');
  });

  it('does not split a surrogate pair at the outer edge of the suffix', () => {
    const text = 'abc🤔x';
    const sel = describeRange(text, 0, 1, 3);
    expect(sel.suffix).toBe('bc');
    expect(describeRange(text, 0, 1, 4).suffix).toBe('bc🤔');
  });

  it.each([
    ['negative start', -1, 2],
    ['end past the text', 0, 12],
    ['empty range', 3, 3],
    ['reversed range', 5, 2],
    ['fractional offset', 1.5, 3],
    ['NaN offset', Number.NaN, 3],
  ])('throws a RangeError for a %s', (_label, start, end) => {
    expect(() => describeRange('hello world', start, end)).toThrow(RangeError);
  });

  it('throws a RangeError for a negative context length', () => {
    expect(() => describeRange('hello', 0, 2, -1)).toThrow(RangeError);
  });
});

describe('anchorSelector', () => {
  it('returns the stored position as exact when it still holds the quote', () => {
    const [start, end] = rangeOf(FRENCH, 'c’est faux 🤔');
    const anchor = anchorSelector(FRENCH, { exact: 'c’est faux 🤔', start, end });
    expect(anchor).toEqual({ start, end, state: 'exact' });
    expect(FRENCH.slice(start, end)).toBe('c’est faux 🤔');
    // The emoji counts as two UTF-16 code units.
    expect(end - start).toBe('c’est faux '.length + 2);
  });

  it('trusts the position over a different occurrence that better matches the context', () => {
    const text = 'le chat dort. le chat mange.';
    const anchor = anchorSelector(text, { exact: 'chat', start: 3, end: 7, suffix: ' mange' });
    expect(anchor).toEqual({ start: 3, end: 7, state: 'exact' });
  });

  it('finds a quote that moved and reports it as moved', () => {
    const original = 'Le taux de chômage est de 7,3 % selon l’Insee.';
    const sel = describeRange(original, ...rangeOf(original, '7,3 %'));
    const edited = `Mise à jour : ${original}`;
    const anchor = anchorSelector(edited, sel);
    expect(anchor?.state).toBe('moved');
    expect(anchor && edited.slice(anchor.start, anchor.end)).toBe('7,3 %');
    expect(anchor?.start).toBe(sel.start + 'Mise à jour : '.length);
  });

  it('disambiguates a repeated quote by its prefix', () => {
    const text = '« Nous gagnerons », a déclaré Marie. « Nous gagnerons », a répondu Paul.';
    const second = text.lastIndexOf('Nous gagnerons');
    const sel = describeRange(text, second, second + 'Nous gagnerons'.length);
    // No position: the context alone must pick the second occurrence.
    const anchor = anchorSelector(text, { exact: sel.exact, prefix: sel.prefix, suffix: sel.suffix });
    expect(anchor).toEqual({ start: second, end: second + 14, state: 'exact' });
  });

  it('disambiguates a repeated quote by its suffix', () => {
    const text = 'a déclaré le ministre, puis a déclaré la ministre';
    const anchor = anchorSelector(text, { exact: 'a déclaré', suffix: ' la ministre' });
    expect(anchor).toEqual({ start: text.lastIndexOf('a déclaré'), end: text.length - ' la ministre'.length, state: 'exact' });
  });

  it('prefers context over closeness to the stale position', () => {
    const text = 'X dit oui. Y dit non. Z dit oui.';
    const anchor = anchorSelector(text, { exact: 'dit', prefix: 'Z ', start: 2, end: 4 });
    expect(anchor).toEqual({ start: text.lastIndexOf('dit'), end: text.lastIndexOf('dit') + 3, state: 'moved' });
  });

  it('counts context matches from the inside out', () => {
    // The first "b" shares the far end of the prefix ("zzzzz") but not the
    // characters right next to it; the second shares the near end (" a ").
    const text = 'zzzzz-b qq a b';
    const anchor = anchorSelector(text, { exact: 'b', prefix: 'zzzzz a ' });
    expect(anchor).toEqual({ start: 13, end: 14, state: 'exact' });
  });

  it('breaks a context tie by closeness to the hinted start', () => {
    const text = 'oui oui oui oui';
    expect(anchorSelector(text, { exact: 'oui', start: 9 })).toEqual({ start: 8, end: 11, state: 'moved' });
    expect(anchorSelector(text, { exact: 'oui', start: 12, end: 15 })).toEqual({ start: 12, end: 15, state: 'exact' });
    expect(anchorSelector(text, { exact: 'oui', start: 13, end: 16 })).toEqual({ start: 12, end: 15, state: 'moved' });
  });

  it('takes the first occurrence on a full tie without a position', () => {
    expect(anchorSelector('oui oui', { exact: 'oui' })).toEqual({ start: 0, end: 3, state: 'exact' });
  });

  it('treats a start-only selector as a hint: exact when the quote is there, moved otherwise', () => {
    const text = 'non, oui, non';
    expect(anchorSelector(text, { exact: 'non', start: 10 })).toEqual({ start: 10, end: 13, state: 'exact' });
    expect(anchorSelector(text, { exact: 'non', start: 8 })).toEqual({ start: 10, end: 13, state: 'moved' });
  });

  it('ignores nonsense positions instead of letting slice() match them', () => {
    const text = 'abcabc';
    // slice(-3, 6) === 'abc' but -3 is not an offset.
    expect(anchorSelector(text, { exact: 'abc', start: -3, end: 6 })?.state).toBe('moved');
    expect(anchorSelector(text, { exact: 'abc', start: 3, end: 99 })).toEqual({ start: 3, end: 6, state: 'moved' });
  });

  it('returns null for an empty quote or a quote that occurs nowhere', () => {
    expect(anchorSelector(FRENCH, { exact: '' })).toBeNull();
    expect(anchorSelector(FRENCH, { exact: '', start: 0, end: 0 })).toBeNull();
    expect(anchorSelector(FRENCH, { exact: 'L\'économie', start: 0, end: 10 })).toBeNull(); // straight apostrophe
    expect(anchorSelector(FRENCH, { exact: 'au trimestre', start: 0, end: 12 })).not.toBeNull();
  });

  it('treats a normal space and a non-breaking space as different characters', () => {
    expect(anchorSelector(FRENCH, { exact: '0,1 %' })).toBeNull();
    expect(anchorSelector(FRENCH, { exact: `0,1${NBSP}%` })).not.toBeNull();
  });

  it('round-trips every claim-sized range of a French sentence with an emoji', () => {
    for (const quote of ['déclaré', `«${NBSP}L’économie`, 'très bien', '🤔', 'faux 🤔 :', `0,1${NBSP}%`]) {
      const [start, end] = rangeOf(FRENCH, quote);
      const sel = describeRange(FRENCH, start, end);
      expect(anchorSelector(FRENCH, sel)).toEqual({ start, end, state: 'exact' });
      expect(anchorSelector(FRENCH, { exact: sel.exact, prefix: sel.prefix, suffix: sel.suffix })).toEqual({
        start,
        end,
        state: 'exact',
      });
    }
  });
});

describe('trimSelection', () => {
  it('trims spaces, newlines and non-breaking spaces around a selection', () => {
    const text = `Il a dit${NBSP}:${NBSP}«${NNBSP}non${NNBSP}»\n\nPuis`;
    const s = text.indexOf('«') + 1;
    const e = text.indexOf('»');
    expect(trimSelection(text, s, e)).toEqual({ start: s + 1, end: e - 1 });
    expect(text.slice(s + 1, e - 1)).toBe('non');
    const tail = text.indexOf('»');
    expect(trimSelection(text, tail, text.length)).toEqual({ start: tail, end: text.length });
  });

  it('leaves an already tight selection alone', () => {
    expect(trimSelection('le chat', 3, 7)).toEqual({ start: 3, end: 7 });
  });

  it('collapses a whitespace-only selection to an empty range at its start', () => {
    expect(trimSelection('a \n\t b', 1, 5)).toEqual({ start: 1, end: 1 });
    expect(trimSelection('abc', 2, 2)).toEqual({ start: 2, end: 2 });
  });

  it('reorders a backwards selection and clamps it to the text', () => {
    expect(trimSelection(' chat ', 6, 0)).toEqual({ start: 1, end: 5 });
    expect(trimSelection('chat', -4, 40)).toEqual({ start: 0, end: 4 });
  });
});

describe('anchoring in the seed article', () => {
  const raw = readFileSync(path.resolve(import.meta.dirname, '../../prisma/seed/000_add87bbc9c27a4d0.txt'), 'utf8');
  const { text } = parsePlainTextArticle(raw);

  const passages = [
    'D’un commun accord, cette réunion a été très utile',
    'Les présidents russes',
    'à Sotchi',
    'près de 300 morts en septembre dernier',
    'L\'accord de paix est célébré comme un triomphe en Azerbaïdjan.',
    'Haut-Karabakh', // occurs several times
    'l\'Azerbaïdjan et l\'Arménie', // occurs several times
  ];

  it.each(passages)('round-trips "%s" through describe and anchor', (passage) => {
    let from = text.indexOf(passage);
    expect(from).toBeGreaterThanOrEqual(0);
    for (; from !== -1; from = text.indexOf(passage, from + 1)) {
      const sel = describeRange(text, from, from + passage.length);
      expect(text.slice(sel.start, sel.end)).toBe(sel.exact);
      expect(sel.exact).toBe(passage);
      expect(anchorSelector(text, sel)).toEqual({ start: sel.start, end: sel.end, state: 'exact' });
      // By quote and context alone, each occurrence is still told apart.
      expect(anchorSelector(text, { exact: sel.exact, prefix: sel.prefix, suffix: sel.suffix })).toEqual({
        start: sel.start,
        end: sel.end,
        state: 'exact',
      });
    }
  });

  it('finds a repeated passage again after text is inserted before it', () => {
    const target = text.lastIndexOf('Haut-Karabakh');
    const sel = describeRange(text, target, target + 'Haut-Karabakh'.length);
    const edited = `Correctif : une précision a été ajoutée.\n\n${text}`;
    const anchor = anchorSelector(edited, sel);
    expect(anchor?.state).toBe('moved');
    expect(anchor?.start).toBe(target + 'Correctif : une précision a été ajoutée.\n\n'.length);
    expect(anchor && edited.slice(anchor.start, anchor.end)).toBe('Haut-Karabakh');
  });

  it('keeps the curly apostrophe of the seed text in the quote', () => {
    const at = text.indexOf('D’un commun accord');
    expect(at).toBeGreaterThan(0);
    expect(text.charCodeAt(at + 1)).toBe(0x2019);
    const sel = describeRange(text, at, at + 'D’un commun accord, cette réunion a été très utile'.length);
    expect(sel.prefix.endsWith('\n\n"')).toBe(true);
    expect(sel.suffix.startsWith('. À mon avis')).toBe(true);
  });
});

// Marking a claim anchors its quote on the request path: the search must stay
// linear in the text and the quote, however repetitive both are.
describe('anchorSelector on adversarial text at the size limits', () => {
  /** The article text's and the quote's limits (lib/validation.ts), the context's (claimCreateSchema). */
  const TEXT = 200_000;
  const QUOTE = 5_000;
  const CONTEXT = 200;
  const BOUND_MS = 300;

  const cases: [string, string, { exact: string; prefix?: string; suffix?: string }][] = [
    ['a long quote of one letter in a text of it', 'a'.repeat(TEXT), { exact: 'a'.repeat(QUOTE), prefix: 'a'.repeat(CONTEXT), suffix: 'a'.repeat(CONTEXT) }],
    ['one letter, found everywhere, with the longest context', 'a'.repeat(TEXT), { exact: 'a', prefix: 'a'.repeat(CONTEXT), suffix: 'a'.repeat(CONTEXT) }],
    ['a quote that almost matches everywhere', 'a'.repeat(TEXT), { exact: 'a'.repeat(QUOTE - 1) + 'b' }],
    ['a quote that almost matches, from its start', 'a'.repeat(TEXT), { exact: 'b' + 'a'.repeat(QUOTE - 1) }],
    ['a periodic text and quote', 'ab'.repeat(TEXT / 2), { exact: 'ab'.repeat(QUOTE / 2), prefix: 'ba'.repeat(CONTEXT / 2), suffix: 'ab'.repeat(CONTEXT / 2) }],
    ['combining marks', 'e\u0301'.repeat(TEXT / 2), { exact: '\u0301e'.repeat(QUOTE / 2), prefix: 'e\u0301'.repeat(CONTEXT / 2) }],
  ];
  for (const [name, text, selector] of cases) {
    it(`${name}: within ${BOUND_MS} ms`, () => {
      const started = performance.now();
      anchorSelector(text, selector);
      expect(performance.now() - started).toBeLessThan(BOUND_MS);
    });
  }

  it('ranks occurrences as comparing at each of them would (context first, then distance, then the earliest)', () => {
    const naive = (text: string, s: { exact: string; prefix: string; suffix: string; start?: number }) => {
      let best: { start: number; score: number; distance: number } | null = null;
      for (let at = text.indexOf(s.exact); at !== -1; at = text.indexOf(s.exact, at + 1)) {
        let before = 0;
        while (before < s.prefix.length && before < at && text[at - 1 - before] === s.prefix[s.prefix.length - 1 - before]) before++;
        let after = 0;
        const end = at + s.exact.length;
        while (after < s.suffix.length && end + after < text.length && text[end + after] === s.suffix[after]) after++;
        const score = before + after;
        const distance = s.start === undefined ? 0 : Math.abs(at - s.start);
        if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { start: at, score, distance };
      }
      return best?.start ?? null;
    };
    const letters = (maxLength: number, minLength = 0) => fc.string({ unit: fc.constantFrom('a', 'b', 'é'), minLength, maxLength });
    fc.assert(
      fc.property(letters(60), letters(4, 1), letters(5), letters(5), fc.option(fc.nat(60), { nil: undefined }), (text, exact, prefix, suffix, start) => {
        const selector = { exact, prefix, suffix, start };
        // With a start and no end, the position is only a hint: the search decides.
        expect(anchorSelector(text, selector)?.start ?? null).toBe(naive(text, selector));
      }),
      { numRuns: 3_000 },
    );
  });
});

