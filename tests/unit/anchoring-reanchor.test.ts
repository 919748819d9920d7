import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorBudget } from '../../lib/anchoring/match-quote';
import { reanchorClaims, reanchorOne, type ReanchorInput } from '../../lib/anchoring/reanchor';
import { describeRange } from '../../lib/anchoring/selectors';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

const ARTICLE = [
  `Le ministre a déclaré${NBSP}: «${NBSP}L’économie française va très bien${NNBSP}».`,
  'Selon l’Insee, c’est faux 🤔 : la croissance était de 0,1 % au trimestre.',
  'Le taux de chômage est de 7,3 % selon l’Insee, un chiffre stable.',
  'La dette publique atteint 110 % du produit intérieur brut.',
].join('\n\n');

function claimOn(text: string, quote: string, current = true): ReanchorInput {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" not in text`);
  return { ...describeRange(text, start, start + quote.length), current };
}

describe('reanchorClaims', () => {
  it('keeps claims in place as exact, shifted by an edit before them', () => {
    const after = `Mise à jour le 3 juillet.\n\n${ARTICLE}`;
    const [result] = reanchorClaims(ARTICLE, after, [claimOn(ARTICLE, '7,3 %')]);
    expect(result).toMatchObject({ state: 'exact', exact: '7,3 %', start: after.indexOf('7,3 %') });
    expect(result!.prefix.endsWith('chômage est de ')).toBe(true);
  });

  it('finds a sentence moved to another paragraph as moved, with its new context', () => {
    const sentence = 'La dette publique atteint 110 % du produit intérieur brut.';
    const after = [sentence, ...ARTICLE.split('\n\n').filter((p) => p !== sentence)].join('\n\n');
    const [result] = reanchorClaims(ARTICLE, after, [claimOn(ARTICLE, '110 % du produit')]);
    expect(result).toMatchObject({ state: 'moved', start: after.indexOf('110 % du produit'), exact: '110 % du produit' });
    expect(result!.prefix).toBe('La dette publique atteint ');
  });

  it('anchors a corrected quote as fuzzy, with the words now in the text', () => {
    const after = ARTICLE.replace('7,3 %', '7,5 %');
    const [result] = reanchorClaims(ARTICLE, after, [claimOn(ARTICLE, 'Le taux de chômage est de 7,3 %')]);
    expect(result).toMatchObject({ state: 'fuzzy', exact: 'Le taux de chômage est de 7,5 %', start: after.indexOf('Le taux') });
    expect(after.slice(result!.start, result!.end)).toBe(result!.exact);
  });

  it('orphans a claim whose passage was removed, keeping its quote and offsets', () => {
    const claim = claimOn(ARTICLE, 'c’est faux 🤔');
    const after = ARTICLE.replace('Selon l’Insee, c’est faux 🤔 : la croissance était de 0,1 % au trimestre.', 'La croissance a été révisée.');
    const [result] = reanchorClaims(ARTICLE, after, [claim]);
    expect(result).toEqual({ exact: claim.exact, prefix: claim.prefix, suffix: claim.suffix, start: claim.start, end: claim.end, state: 'orphaned' });
  });

  it('tries a claim orphaned on an older revision again, by its quote alone', () => {
    const orphan = { ...claimOn(ARTICLE, 'la croissance était de 0,1 %'), current: false, start: 5, end: 10 };
    const [result] = reanchorClaims('whatever', ARTICLE, [orphan]);
    expect(result).toMatchObject({ state: 'moved', start: ARTICLE.indexOf('la croissance') });
  });

  it('never starts or ends a fuzzy anchor on whitespace', () => {
    const before = 'Premier. Le gouvernement baisse les impôts cette année. Fin.';
    const after = 'Premier. Le gouvernement baisse  impôts cette année. Fin.';
    const [result] = reanchorClaims(before, after, [claimOn(before, 'gouvernement baisse les impôts')]);
    expect(result!.state).toBe('fuzzy');
    expect(result!.exact).toMatch(/^\S.*\S$/s);
  });

  it('orphans a claim on an empty quote or an empty text', () => {
    const claim: ReanchorInput = { exact: '', prefix: '', suffix: '', start: 0, end: 0, current: true };
    expect(reanchorOne('abc', null, claim).state).toBe('orphaned');
    expect(reanchorClaims('abc', '', [claimOn('abc', 'b')])[0]!.state).toBe('orphaned');
  });
});

// Words of French news copy: accents, guillemets with non-breaking spaces, ’, emoji, combining marks.
const WORDS = ['le', 'ministre', 'a', 'déclaré', '«\u00a0tout', 'va', 'bien\u202f»', 'l’Insee', 'économie', '🤔', 'cafe\u0301', 'Ça', '7,3\u00a0%', 'dette', 'é', 'à', 'ÉTÉ', 'x'];
const word = fc.constantFrom(...WORDS);
const separator = fc.constantFrom(' ', ' ', ' ', '\n', '\n\n', ', ', '. ');
const frenchText = fc
  .array(fc.tuple(word, separator), { minLength: 1, maxLength: 80 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));
const snippet = fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 6 }).map((parts) => parts.map(([w, s]) => w + s).join(''));

/** A range of `text` on code-point boundaries. */
function rangeIn(text: string, a: number, b: number): [number, number] | null {
  let start = Math.min(a, b) % (text.length + 1);
  let end = Math.max(a, b) % (text.length + 1);
  if (start > end) [start, end] = [end, start];
  const low = (i: number) => i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]!);
  if (low(start)) start--;
  if (low(end)) end++;
  return end > start ? [start, end] : null;
}

describe('reanchorClaims (properties)', () => {
  it('round-trips any range of an unchanged text exactly', () => {
    fc.assert(
      fc.property(frenchText, fc.nat(), fc.nat(), (text, a, b) => {
        const range = rangeIn(text, a, b);
        fc.pre(range !== null);
        const claim = { ...describeRange(text, range![0], range![1]), current: true };
        const [result] = reanchorClaims(text, text, [claim]);
        expect(result).toEqual({ ...claim, current: undefined, state: 'exact' } as never);
      }),
    );
  });

  it('finds a quote again at its place after edits outside it (exact or moved)', () => {
    fc.assert(
      fc.property(snippet, snippet, snippet, fc.array(fc.tuple(fc.boolean(), fc.nat(), snippet, fc.nat({ max: 12 })), { maxLength: 4 }), (head, quoteText, tail, edits) => {
        const quote = quoteText.trim();
        fc.pre(quote.length > 0);
        let before = `${head}${quote} ${tail}`;
        const qStart = head.length;
        // Edits at random offsets outside [qStart, qEnd): insert a snippet or delete a few characters.
        let after = before;
        let shift = 0;
        const spots = edits.map(([inHead, at, insert, cut]) => ({ inHead, at, insert, cut }));
        for (const { inHead, at, insert, cut } of spots) {
          const qs = qStart + shift;
          const qe = qs + quote.length;
          if (inHead) {
            const pos = qs === 0 ? 0 : at % qs;
            const del = Math.min(cut, qs - pos);
            after = after.slice(0, pos) + insert + after.slice(pos + del);
            shift += insert.length - del;
          } else {
            const room = after.length - qe;
            const pos = qe + (room === 0 ? 0 : at % room);
            const del = Math.min(cut, after.length - pos);
            after = after.slice(0, pos) + insert + after.slice(pos + del);
          }
        }
        const expected = qStart + shift;
        // Never cut an emoji in half at the edit's edges (the text would no longer be well-formed).
        fc.pre(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(after));
        // The quote repeated with the same context elsewhere is ambiguous: place is not decidable.
        fc.pre(after.indexOf(quote) === after.lastIndexOf(quote));
        const claim = { ...describeRange(before, qStart, qStart + quote.length), current: true };
        const [result] = reanchorClaims(before, after, [claim]);
        expect(['exact', 'moved']).toContain(result!.state);
        expect(result!.start).toBe(expected);
        expect(after.slice(result!.start, result!.end)).toBe(quote);
        before = after;
      }),
    );
  });

  it('anchors as fuzzy, on the new words, a quote edited within the budget', () => {
    const letters = fc.constantFrom(...'abcdéèçàôêxyz’'.split(''));
    const quoteArb = fc.array(fc.oneof(letters, fc.constant(' ')), { minLength: 12, maxLength: 60 }).map((c) => `Q${c.join('')}Z`);
    fc.assert(
      fc.property(snippet, quoteArb, snippet, fc.array(fc.tuple(fc.nat(), fc.constantFrom('sub', 'ins', 'del'), letters), { minLength: 1, maxLength: 8 }), (head, quote, tail, edits) => {
        const budget = errorBudget(quote.length);
        let edited = quote;
        for (const [at, kind, letter] of edits.slice(0, budget)) {
          // Inside the quote, never its first or last character: its edges stay where they were.
          const pos = 1 + (at % Math.max(1, edited.length - 2));
          if (pos >= edited.length - 1) continue;
          if (kind === 'sub') edited = edited.slice(0, pos) + letter + edited.slice(pos + 1);
          if (kind === 'ins') edited = edited.slice(0, pos) + letter + edited.slice(pos);
          if (kind === 'del') edited = edited.slice(0, pos) + edited.slice(pos + 1);
        }
        const before = `${head}${quote} ${tail}`;
        const after = `${head}${edited} ${tail}`;
        fc.pre(edited !== quote && !after.includes(quote));
        const claim = { ...describeRange(before, head.length, head.length + quote.length), current: true };
        const [result] = reanchorClaims(before, after, [claim]);
        expect(result!.state).toBe('fuzzy');
        expect(after.slice(result!.start, result!.end)).toBe(result!.exact);
        // The match may settle an edge a few characters off (equal edits either way), within the budget.
        expect(Math.abs(result!.start - head.length)).toBeLessThanOrEqual(budget);
        expect(Math.abs(result!.end - (head.length + edited.length))).toBeLessThanOrEqual(budget);
      }),
    );
  });

  it('never throws, whatever the texts and selector (empty, longer than the text, lone surrogates)', () => {
    const anyUnit = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 });
    const mixed = fc.oneof(anyUnit, frenchText, fc.constant(''));
    fc.assert(
      fc.property(mixed, mixed, mixed, mixed, mixed, fc.integer({ min: -5, max: 200 }), fc.integer({ min: -5, max: 200 }), fc.boolean(), (before, after, exact, prefix, suffix, start, end, current) => {
        const [result] = reanchorClaims(before, after, [{ exact, prefix, suffix, start, end, current }]);
        expect(['exact', 'moved', 'fuzzy', 'orphaned']).toContain(result!.state);
        if (result!.state !== 'orphaned') expect(after.slice(result!.start, result!.end)).toBe(result!.exact);
      }),
    );
  });
});
