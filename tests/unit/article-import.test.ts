import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArticleImportError,
  MAX_TITLE_LENGTH,
  extractDateHeader,
  parsePlainTextArticle,
  parseArticleSubmission,
  tidyLayout,
  truncateTitle,
} from '../../lib/articles/import';
import { MAX_ARTICLE_CHARS } from '../../lib/articles/submission';

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

  it('derives a title from the first sentence, cut after a whole phrase rather than "pour une…"', () => {
    expect(draft.title).toBe('Les présidents russes, azerbaïdjanais et le premier ministre arménien ont réaffirmé leur engagement…');
    expect(draft.title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(MAX_TITLE_LENGTH).toBe(100);
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
    expect(title.length).toBeGreaterThan(90);
  });

  it('drops punctuation left dangling by the cut', () => {
    const head = 'a'.repeat(90);
    expect(truncateTitle(`${head} bbbbb, cccccccccc`)).toBe(`${head} bbbbb…`);
    expect(truncateTitle(`${head} bbbbbb: ccccc dd`)).toBe(`${head} bbbbbb…`);
  });

  it('does not end on a small word: articles, prepositions, conjunctions', () => {
    const head = 'a'.repeat(80);
    expect(truncateTitle(`${head} accord pour une normalisation complète des relations`)).toBe(`${head} accord…`);
    expect(truncateTitle(`${head} talks and the peace of the region`)).toBe(`${head} talks…`);
  });

  it('leaves titles of 100 characters or fewer alone', () => {
    const exact = 'x'.repeat(100);
    expect(truncateTitle(exact)).toBe(exact);
    expect(truncateTitle(`${exact}y`)).toBe(`${'x'.repeat(99)}…`);
  });

  it('does not split an emoji when a single long word must be cut', () => {
    const title = truncateTitle(`${'x'.repeat(98)}😀${'y'.repeat(10)}`);
    expect(title).toBe(`${'x'.repeat(98)}…`);
  });

  it('a single 5,000-character word: the only cut inside a word, between whole graphemes', () => {
    const word = 'é'.normalize('NFD').repeat(2500); // e + combining accent, 5,000 code units
    const title = truncateTitle(word);
    expect(title.length).toBeLessThanOrEqual(100);
    expect(title.endsWith('…')).toBe(true);
    // Never an accent separated from its letter.
    expect(title.slice(0, -1)).toBe('é'.normalize('NFD').repeat(49));
    expect(parsePlainTextArticle(`${'x'.repeat(5000)} et la suite.`).title).toBe(`${'x'.repeat(99)}…`);
  });

  it('segments only the head of a long word, yet never parts a letter from an accent past the cut', () => {
    // U+1D165 is a combining mark outside the BMP: two code units, the first at the cut (99).
    expect(truncateTitle(`${'x'.repeat(98)}e\u{1D165}${'y'.repeat(10)}`)).toBe(`${'x'.repeat(98)}…`);
    expect(truncateTitle(`${'x'.repeat(96)}e\u{1D165}${'y'.repeat(10)}`)).toBe(`${'x'.repeat(96)}e\u{1D165}…`);
    // A first line of 200,000 letters: the title is its head, whatever follows.
    expect(parsePlainTextArticle('a'.repeat(200_000)).title).toBe(`${'a'.repeat(99)}…`);
  });

  it('never cuts inside a word, whatever the input', () => {
    const sentences = [
      `Selon le Kremlin, «\u202fla paix est proche\u202f» et, deux fois, «\u202fla paix est proche\u202f», a répété le porte-parole de la présidence russe`,
      `L’Arménie 🇦🇲 et l’Azerbaïdjan 🇦🇿 ont réaffirmé aujourd’hui à Sotchi leur engagement en faveur d’une paix durable dans le Caucase du Sud`,
      `Le document évoque des «\u00a0contacts interparlementaires trilatéraux\u00a0» et la délimitation des frontières entre les deux pays voisins`,
    ];
    for (const sentence of sentences) {
      const title = truncateTitle(sentence);
      expect(title.length).toBeLessThanOrEqual(100);
      expect(title.endsWith('…')).toBe(true);
      const head = title.slice(0, -1);
      // The head is the sentence's beginning and stops before a space.
      expect(sentence.startsWith(head)).toBe(true);
      expect(sentence.charAt(head.length)).toMatch(/[\s,;:«»]/);
      // No « left open at the end, no lone non-breaking space, no small word last.
      expect(head).not.toMatch(/[«\u00a0\u202f,;:]$/u);
      expect(head).not.toMatch(/ (le|la|les|de|des|du|en|et|une?|d’une)$/);
    }
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

// Imports run on the request path: no normalisation may be worse than linear
// (the trailing-space regex once took 13.5 s on 60,000 spaces and froze the server).
describe('adversarial text at the size limit', () => {
  const N = MAX_ARTICLE_CHARS;
  /** Generous for linear work on a shared machine; the quadratic clean-up needed minutes here. */
  const BOUND_MS = 1_000;
  /** `unit` repeated to fill the limit. */
  const fill = (unit: string) => unit.repeat(Math.floor(N / unit.length));
  const texts: Record<string, string> = {
    'a run of spaces between two letters': 'a' + ' '.repeat(N - 2) + 'b',
    'a run of tabs and spaces': 'a' + ' \t'.repeat(N / 2 - 1) + 'b',
    'a run of newlines': 'a' + '\n'.repeat(N - 2) + 'b',
    'a run of carriage returns': 'a' + '\r'.repeat(N - 2) + 'b',
    'spaces then a line separator, repeated': ('a' + ' '.repeat(998) + '\u2028').repeat(N / 1000),
    'combining marks, thirty to a letter, of alternating classes': fill('e' + '\u0301\u0327'.repeat(15)),
    'decomposed accents everywhere': 'e\u0301'.repeat(N / 2),
    'a mix of spaces, newlines and combining marks': fill('a\u0301 \t \n\n\n\r\n \u0327'),
    'only spaces after a date header': 'date 2025-07' + ' '.repeat(N - 13) + 'x',
    'spaces before the word date': ' '.repeat(N - 14) + 'date 2025-07 x',
    'a first line of abbreviations': 'M. '.repeat(N / 3),
    'a first line of periods': '. '.repeat(N / 2),
    'one word as long as the text': 'x'.repeat(N),
  };
  for (const [name, raw] of Object.entries(texts)) {
    it(`${name}: imported in linear time`, () => {
      expect(raw.length).toBeLessThanOrEqual(N);
      const started = performance.now();
      const draft = parsePlainTextArticle(raw);
      expect(performance.now() - started).toBeLessThan(BOUND_MS);
      expect(draft.text.length).toBeLessThanOrEqual(raw.length);
    });
  }

  // NFC (ICU's canonical reordering) is quadratic in a run of combining marks of
  // alternating classes: 200,000 of them took tens of seconds. Refused before normalising.
  for (const [name, raw] of Object.entries({
    'combining marks on one letter': 'e' + '\u0301'.repeat(N - 1),
    'combining marks of alternating classes on one letter': 'e' + '\u0301\u0327'.repeat(N / 2 - 1),
    'thirty-one marks on a letter': 'Un texte. e' + '\u0301'.repeat(31),
  })) {
    it(`${name}: refused at once, before normalising`, () => {
      const started = performance.now();
      expect(() => parsePlainTextArticle(raw)).toThrow(ArticleImportError);
      expect(performance.now() - started).toBeLessThan(BOUND_MS);
    });
  }

  it('the one-pass clean-up does exactly what the regex did (trailing spaces and tabs before any line end)', () => {
    const regex = (text: string) => text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u2028', '\u2029', '\u00a0', 'a', 'é'), maxLength: 40 }), (text) => {
        expect(tidyLayout(text)).toBe(regex(text));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('parseArticleSubmission', () => {
  it('takes plain text the plain-text way, date header included, with no structure', () => {
    const draft = parseArticleSubmission({ text: 'date 2025-07 Premier.\n\nSecond.' });
    expect(draft).toMatchObject({ text: 'Premier.\n\nSecond.', publishedAt: '2025-07', sourceFormat: 'text', structure: null });
  });

  it('imports Markdown and HTML to their canonical text, keeping the submission as sent and the details given', () => {
    const markdown = '\uFEFF# Le titre\r\n\r\nUn *texte*.\r\n';
    const md = parseArticleSubmission({ markdown, language: 'en', publishedAt: '2025-08-01' });
    expect(md).toMatchObject({ title: 'Le titre', text: 'Le titre\n\nUn texte.', sourceFormat: 'markdown', source: markdown, language: 'en', publishedAt: '2025-08-01' });
    expect(md.structure?.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph']);
    const html = '<h1>Titre</h1><p>Corps <script>x</script></p>';
    expect(parseArticleSubmission({ html, title: 'Donné' })).toMatchObject({ title: 'Donné', text: 'Titre\n\nCorps', sourceFormat: 'html', source: html });
  });

  it('does not read a date header out of Markdown or HTML: their text is what they say', () => {
    expect(parseArticleSubmission({ markdown: 'date 2025-07 Texte.' })).toMatchObject({ text: 'date 2025-07 Texte.', publishedAt: null });
  });

  it('refuses, naming the field, an empty article, nesting too deep, and runs of combining marks', () => {
    const field = (submission: Parameters<typeof parseArticleSubmission>[0]) => {
      try {
        parseArticleSubmission(submission);
      } catch (error) {
        expect(error).toBeInstanceOf(ArticleImportError);
        return (error as ArticleImportError).field;
      }
      return null;
    };
    expect(field({ html: '<p> </p><script>alert(1)</script>' })).toBe('html');
    expect(field({ markdown: '   \n\n' })).toBe('markdown');
    expect(field({ html: '<ul><li>'.repeat(10_000) })).toBe('html');
    expect(field({ markdown: '>'.repeat(10_000) + ' x' })).toBe('markdown');
    expect(field({ markdown: `e${'\u0301'.repeat(1000)}` })).toBe('markdown');
    expect(field({ html: `<p>x${'&#x301;'.repeat(31)}</p>` })).toBe('html');
    expect(field({ html: `<p>x${'&#x301;'.repeat(30)}</p>` })).toBeNull();
  });
});
