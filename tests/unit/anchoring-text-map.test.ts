import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapText } from '../../lib/anchoring/text-map';

describe('mapText', () => {
  it('maps every offset of identical texts to itself', () => {
    const map = mapText('abc\ndef', 'abc\ndef');
    for (let i = 0; i < 7; i++) expect(map.map(i)).toBe(i);
  });

  it('shifts offsets after an insertion, keeps those before', () => {
    const before = 'Le ministre a déclaré.\n\nL’Insee dit le contraire.';
    const after = 'Mise à jour : ' + before;
    const map = mapText(before, after);
    const at = before.indexOf('L’Insee');
    expect(map.map(at)).toBe(at + 'Mise à jour : '.length);
  });

  it('maps paragraphs between two edits (the line diff), and says when an offset was in changed words', () => {
    const paragraphs = ['Premier paragraphe.', 'Deuxième, intact, avec « guillemets ».', 'Troisième paragraphe.', 'Quatrième.'];
    const before = paragraphs.join('\n\n');
    const after = ['Premier chapitre.', paragraphs[1], 'Un paragraphe inséré.', paragraphs[2], 'Quatrième !'].join('\n\n');
    const map = mapText(before, after);
    const second = before.indexOf('intact');
    expect(map.map(second)).toBe(after.indexOf('intact'));
    const third = before.indexOf('Troisième');
    expect(map.map(third)).toBe(after.indexOf('Troisième'));
    // "paragraphe" of the first paragraph was replaced: no image, an estimate nearby.
    expect(map.map(before.indexOf('paragraphe'))).toBeNull();
    expect(map.estimate(before.indexOf('paragraphe'))).toBe('Premier '.length);
    expect(map.estimate(before.length)).toBeLessThanOrEqual(after.length);
  });

  it('maps within a changed paragraph by its common head and tail', () => {
    const before = 'Un.\n\nLe taux de chômage est de 7,3 % selon l’Insee.\n\nDeux.';
    const after = 'Un.\n\nLe taux de chômage est de 7,5 % selon l’Insee.\n\nDeux.';
    const map = mapText(before, after);
    expect(map.map(before.indexOf('selon'))).toBe(after.indexOf('selon'));
    expect(map.map(before.indexOf('taux'))).toBe(after.indexOf('taux'));
    expect(map.map(before.indexOf('3 %'))).toBeNull();
  });

  it('maps shared text to equal text, whatever the edit (property)', () => {
    const word = fc.constantFrom('le', 'ministre', '«\u00a0oui\u00a0»', 'l’Insee', '🤔', 'e\u0301té', '\n', '\n\n', ' ', 'a');
    const textArb = fc.array(word, { maxLength: 60 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(textArb, textArb, (before, after) => {
        const map = mapText(before, after);
        for (let i = 0; i <= before.length; i++) {
          const image = map.map(i);
          if (image !== null) expect(after[image]).toBe(before[i]);
          const estimate = map.estimate(i);
          expect(estimate).toBeGreaterThanOrEqual(0);
          expect(estimate).toBeLessThanOrEqual(after.length);
        }
      }),
    );
  });

  it('maps a 200,000-character article with edits in several places quickly', () => {
    const paragraph = (i: number) => `Paragraphe ${i} : le ministre a déclaré «\u00a0tout va bien\u00a0», l’Insee dit ${i % 7},${i % 10}\u00a0%.`;
    const before = Array.from({ length: 2_500 }, (_, i) => paragraph(i)).join('\n\n');
    const parts = before.split('\n\n');
    parts[100] = 'Inséré. ' + parts[100];
    parts.splice(900, 3);
    parts[2_000] = parts[2_000]!.replace('ministre', 'Premier ministre');
    const after = parts.join('\n\n');
    const t0 = performance.now();
    const map = mapText(before, after);
    const elapsed = performance.now() - t0;
    const at = before.indexOf('Paragraphe 1500 ');
    expect(map.map(at)).toBe(after.indexOf('Paragraphe 1500 '));
    expect(elapsed).toBeLessThan(200);
  });
});
