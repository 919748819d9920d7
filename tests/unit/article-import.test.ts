import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ArticleImportError,
  MAX_TITLE_LENGTH,
  extractDateHeader,
  parsePlainTextArticle,
  truncateTitle,
} from '../../lib/articles/import';

const SEED = path.resolve(import.meta.dirname, '../../prisma/seed/000_add87bbc9c27a4d0.txt');

describe('parsePlainTextArticle on the seed article', () => {
  const raw = readFileSync(SEED, 'utf8');
  const draft = parsePlainTextArticle(raw);

  it('takes the date header as publishedAt and removes it from the text', () => {
    expect(raw.startsWith(' date 2025-07 Les présidents russes')).toBe(true);
    expect(draft.publishedAt).toBe('2025-07');
    expect(draft.text.startsWith('Les présidents russes, azerbaïdjanais')).toBe(true);
    expect(draft.text).not.toContain('date 2025-07');
  });

  it('keeps the rest of the text exactly as it was', () => {
    // The file is already NFC, LF-only and tidy: only the 14-character header goes.
    expect(draft.text).toBe(raw.slice(' date 2025-07 '.length));
    expect(draft.text.length).toBe(3553);
    expect(draft.text.endsWith('comme un triomphe en Azerbaïdjan.')).toBe(true);
    expect(draft.text).toContain('"D’un commun accord, cette réunion a été très utile.');
    expect(draft.text).toContain('\u2019'); // curly apostrophes survive
    expect(draft.text.split('\n\n')).toHaveLength(13);
  });

  it('derives a truncated title from the first sentence', () => {
    expect(draft.title).toBe(
      'Les présidents russes, azerbaïdjanais et le premier ministre arménien ont réaffirmé leur engagement pour une…',
    );
    expect(draft.title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
  });

  it('fills in the defaults and keeps the raw source', () => {
    expect(draft.language).toBe('fr');
    expect(draft.sourceFormat).toBe('text');
    expect(draft.source).toBe(raw);
  });
});

describe('normalisation', () => {
  it('converts CRLF and lone CR to LF', () => {
    const draft = parsePlainTextArticle('Premier paragraphe.\r\n\r\nDeuxième.\rTroisième ligne.\r\n');
    expect(draft.text).toBe('Premier paragraphe.\n\nDeuxième.\nTroisième ligne.');
    expect(draft.text).not.toContain('\r');
  });

  it('recomposes NFD input to NFC', () => {
    const nfd = 'Le de\u0301ficit public a augmente\u0301.';
    const draft = parsePlainTextArticle(nfd);
    expect(draft.text).toBe('Le déficit public a augmenté.');
    expect(draft.text).toContain('\u00E9');
    expect(draft.text).not.toContain('\u0301');
    expect(draft.text.length).toBe(nfd.length - 2);
    expect(draft.source).toBe(nfd);
  });

  it('strips a UTF-8 byte order mark', () => {
    const draft = parsePlainTextArticle('\uFEFFdate 2024-02 Texte.');
    expect(draft.text).toBe('Texte.');
    expect(draft.publishedAt).toBe('2024-02');
  });

  it('keeps French typography untouched', () => {
    const text = 'Il a dit\u00A0: «\u00A0c’est l’heure\u202F» — et l\'a répété…';
    expect(parsePlainTextArticle(text).text).toBe(text);
  });

  it('trims the text and trailing spaces on lines, and collapses blank lines', () => {
    const raw = '\n\n  Titre   \n\n\n\nPremier paragraphe.\t \n   \n \nSecond  paragraphe.   \n\n';
    expect(parsePlainTextArticle(raw).text).toBe('Titre\n\nPremier paragraphe.\n\nSecond  paragraphe.');
  });

  it('keeps single newlines and leading indentation inside the text', () => {
    const raw = 'Ligne un\nLigne deux\n\n  - point indenté';
    expect(parsePlainTextArticle(raw).text).toBe(raw);
  });
});

describe('date header', () => {
  it.each([
    ['date 2025-07 Texte.', '2025-07', 'Texte.'],
    ['date 2025-07-14 Texte.', '2025-07-14', 'Texte.'],
    ['  DATE 2025-07-14\nTexte.', '2025-07-14', 'Texte.'],
    ['Date 2024-02-29\n\nTexte.', '2024-02-29', 'Texte.'],
    ['\n\tdate\t2025-12-31\tTexte.', '2025-12-31', 'Texte.'],
    ['date 2025-01\r\nTexte.', '2025-01', 'Texte.'],
  ])('%j → %s', (raw, date, text) => {
    const draft = parsePlainTextArticle(raw);
    expect(draft.publishedAt).toBe(date);
    expect(draft.text).toBe(text);
  });

  it.each([
    'date 2025-13 Texte.',
    'date 2025-00 Texte.',
    'date 2025-02-30 Texte.',
    'date 2023-02-29 Texte.', // not a leap year
    'date 2025-04-31 Texte.',
    'date 2025-07-00 Texte.',
  ])('leaves an invalid date in the text: %j', (raw) => {
    const draft = parsePlainTextArticle(raw);
    expect(draft.publishedAt).toBeNull();
    expect(draft.text).toBe(raw);
  });

  it.each([
    'date 2025-7 Texte.', // one-digit month
    'date 2025-07x Texte.', // not followed by whitespace
    'date 2025-07-3 Texte.',
    'Texte. date 2025-07 plus loin',
    'date\n2025-07 Texte.', // value not on the same line
    'update 2025-07 Texte.',
  ])('ignores something that is not a header: %j', (raw) => {
    const draft = parsePlainTextArticle(raw);
    expect(draft.publishedAt).toBeNull();
    expect(draft.text).toBe(raw.trim());
  });

  it('exposes the parsed header', () => {
    expect(extractDateHeader('date 2025-07 Reste')).toEqual({ text: ' Reste', date: '2025-07' });
    expect(extractDateHeader('date 2025-02-29 Reste')).toEqual({ text: 'date 2025-02-29 Reste', date: null });
  });

  it('lets an explicit publishedAt win while still removing the header', () => {
    const draft = parsePlainTextArticle('date 2025-07 Texte.', { publishedAt: '2025-08-01' });
    expect(draft.publishedAt).toBe('2025-08-01');
    expect(draft.text).toBe('Texte.');
  });

  it('falls back to the header when publishedAt is null or blank', () => {
    expect(parsePlainTextArticle('date 2025-07 Texte.', { publishedAt: null }).publishedAt).toBe('2025-07');
    expect(parsePlainTextArticle('date 2025-07 Texte.', { publishedAt: '  ' }).publishedAt).toBe('2025-07');
    expect(parsePlainTextArticle('Texte.', { publishedAt: '2020-01-02' }).publishedAt).toBe('2020-01-02');
    expect(parsePlainTextArticle('Texte.').publishedAt).toBeNull();
  });
});

describe('title', () => {
  it('uses an explicit title, trimmed', () => {
    expect(parsePlainTextArticle('Texte. Suite.', { title: '  Mon titre  ' }).title).toBe('Mon titre');
  });

  it('derives the title when the explicit one is blank or null', () => {
    expect(parsePlainTextArticle('Première phrase. Suite.', { title: '   ' }).title).toBe('Première phrase');
    expect(parsePlainTextArticle('Première phrase. Suite.', { title: null }).title).toBe('Première phrase');
  });

  it.each([
    ['Une phrase. Une autre.', 'Une phrase'],
    ['Vraiment ? Oui.', 'Vraiment ?'],
    ['Incroyable ! Suite.', 'Incroyable !'],
    ['Et puis… plus rien. Fin.', 'Et puis…'],
    ['Titre sur sa ligne\nCorps du texte. Suite.', 'Titre sur sa ligne'],
    ['Une seule phrase sans point', 'Une seule phrase sans point'],
    ['Phrase finale.', 'Phrase finale'],
    ['M. Macron a parlé. Suite.', 'M. Macron a parlé'],
    ['MM. Aliyev et Pashinyan se sont vus. Suite.', 'MM. Aliyev et Pashinyan se sont vus'],
    ['La croissance atteint 1.5% en 2024. Suite.', 'La croissance atteint 1.5% en 2024'],
  ])('%j → %j', (text, title) => {
    expect(parsePlainTextArticle(text).title).toBe(title);
  });

  it('cuts a long first sentence at a word boundary and adds an ellipsis', () => {
    const sentence = `${'mot '.repeat(40)}fin.`;
    const title = parsePlainTextArticle(sentence).title;
    expect(title.endsWith('mot…')).toBe(true);
    expect(title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(title.length).toBeGreaterThan(100);
  });

  it('drops punctuation left dangling by the cut', () => {
    const head = 'a'.repeat(100);
    expect(truncateTitle(`${head} bbbbb, cccccccccc`)).toBe(`${head} bbbbb…`);
    expect(truncateTitle(`${head} bbbbbb: ccccc dd`)).toBe(`${head} bbbbbb…`);
  });

  it('leaves titles of 110 characters or fewer alone', () => {
    const exact = 'x'.repeat(110);
    expect(truncateTitle(exact)).toBe(exact);
    expect(truncateTitle(`${exact}y`)).toBe(`${'x'.repeat(109)}…`);
  });

  it('does not split an emoji when a single long word must be cut', () => {
    const title = truncateTitle(`${'x'.repeat(108)}😀${'y'.repeat(10)}`);
    expect(title).toBe(`${'x'.repeat(108)}…`);
  });
});

describe('options and errors', () => {
  it('defaults the language to fr and keeps a given one', () => {
    expect(parsePlainTextArticle('Texte.').language).toBe('fr');
    expect(parsePlainTextArticle('Text.', { language: 'en' }).language).toBe('en');
    expect(parsePlainTextArticle('Texte.', { language: null }).language).toBe('fr');
    expect(parsePlainTextArticle('Texte.', { language: ' ' }).language).toBe('fr');
  });

  it.each(['', '   \n\n\t ', '\uFEFF', 'date 2025-07', '  date 2025-07-01 \n\n  '])(
    'rejects an empty text: %j',
    (raw) => {
      expect(() => parsePlainTextArticle(raw)).toThrow(ArticleImportError);
      try {
        parsePlainTextArticle(raw);
      } catch (error) {
        expect(error).toBeInstanceOf(Error);
        expect((error as ArticleImportError).field).toBe('text');
        expect((error as ArticleImportError).message).not.toBe('');
      }
    },
  );
});
