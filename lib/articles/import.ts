// Turns a submitted article (plain text, Markdown or HTML: parseArticleSubmission)
// into the plain text Crux stores and anchors claims in. The seed files and users' submissions take the same path, so the
// offsets a reviewer sees are the offsets the API returns.
//
// Normalisation is deliberately minimal: every change here shifts offsets, and
// the typography of the source (’, « », non-breaking spaces) is part of what
// reviewers quote, so it is kept as is.

import { MAX_COMBINING_MARKS, hasTooManyCombiningMarks } from '../unicode';
import type { ArticleStructure, CanonicalArticle } from './canonical';
import { isPublicationDate, type SourceFormat } from './submission';
import { HtmlNestingError, parseHtml } from './html';
import { MarkdownNestingError, parseMarkdown } from './markdown';


export interface ArticleDraft {
  title: string;
  /** The canonical plain text: what every claim offset counts in. */
  text: string;
  /** 'YYYY-MM' or 'YYYY-MM-DD' from the header, or as given in options. */
  publishedAt: string | null;
  language: string;
  sourceFormat: SourceFormat;
  /** The raw input, kept so the import can be redone if the rules change. */
  source: string;
  /** Headings, lists, quotations and inline marks as ranges of `text`; null for plain text (paragraphs only). */
  structure: ArticleStructure | null;
}

export interface PlainTextOptions {
  title?: string | null;
  publishedAt?: string | null;
  language?: string | null;
}

/** Rejected input; `field` names the request field to blame (API `issues.path`). */
export class ArticleImportError extends Error {
  readonly field: string;
  /** The API issue key: `required` for an article with no text, `invalid` for one Crux will not read. */
  readonly key: 'required' | 'invalid';

  constructor(field: string, message: string, key: 'required' | 'invalid' = 'required') {
    super(message);
    this.name = 'ArticleImportError';
    this.field = field;
    this.key = key;
  }
}

export const MAX_TITLE_LENGTH = 100;

/** BOM removal, LF line endings and NFC, so "é" is one code unit whatever the editor produced. */
export function normalizeText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}

// "date 2025-07" or "date 2025-07-14" at the very start, then whitespace or
// the end. [^\S\n] is whitespace other than a newline: the value must be on
// the same line as the word "date".
const DATE_HEADER = /^\s*date[^\S\n]+(\d{4})-(\d{2})(?:-(\d{2}))?(?=\s|$)/i;

/** Split off a leading date header when its date is real; otherwise leave the text alone. */
export function extractDateHeader(text: string): { text: string; date: string | null } {
  const match = DATE_HEADER.exec(text);
  if (!match) return { text, date: null };
  const [header, year = '', month = '', day] = match;
  const date = day === undefined ? `${year}-${month}` : `${year}-${month}-${day}`;
  return isPublicationDate(date) ? { text: text.slice(header.length), date } : { text, date: null };
}

/**
 * Tidy the layout without touching the words: trailing spaces and tabs on
 * each line go (they are invisible and would only catch stray selections),
 * runs of blank lines become one (a paragraph break), and the whole is
 * trimmed. Non-breaking spaces inside lines are kept.
 */
export function tidyLayout(text: string): string {
  return dropTrailingBlanks(text)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const SPACE = 0x20;
const TAB = 0x09;
/** Where a line ends, as a multiline `$` sees it: \n, \r, U+2028, U+2029. */
const isLineEnd = (code: number) => code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;

/**
 * Spaces and tabs before each line end and at the end of the text, removed in
 * one pass. (The regex `/[ \t]+$/gm` did the same in quadratic time: from each
 * space of a long run not ending a line it read to the run's end again; 60,000
 * spaces froze the server for 13 seconds.)
 */
function dropTrailingBlanks(text: string): string {
  let out = '';
  let kept = 0; // text before this index is decided (copied to `out` or dropped)
  let runStart = -1; // start of the current run of spaces and tabs, or -1
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === SPACE || code === TAB) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      if (isLineEnd(code)) {
        out += text.slice(kept, runStart);
        kept = i;
      }
      runStart = -1;
    }
  }
  if (runStart >= 0) return out + text.slice(kept, runStart);
  return out + text.slice(kept);
}

// A period after these does not end a sentence ("M. Macron", "J.-M. Le Pen").
const ABBREVIATION = /(?:^|[\s(«"“])(?:[A-Z]|MM|Mmes?|Mlles?|Dr|Pr|Me|Ste?|cf)\.$/;

/** The first sentence of the first line, without its final period. */
function firstSentence(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  const terminator = /[.!?…](?=\s)/g;
  for (let m = terminator.exec(line); m; m = terminator.exec(line)) {
    const candidate = line.slice(0, m.index + 1);
    if (ABBREVIATION.test(candidate)) continue;
    // Keep '?', '!' and '…', which carry meaning; a title needs no full stop.
    return candidate.replace(/\.$/, '').trim();
  }
  return line.replace(/\.$/, '').trim();
}

// Where a title may be cut: ordinary spaces and line breaks, not the
// non-breaking spaces French typography puts inside « guillemets » and before
// ; : ! ?, which bind a sign to its word.
const BREAK = /[^\S\u00a0\u202f\u2007]/u;
// Signs left hanging by a cut ("Bakou et Erevan," or an opening «).
const DANGLING = /[\s,;:.\-–—(«“"'’]+$/u;
// Small words a title should not end on ("…leur engagement pour une…").
const FUNCTION_WORDS = new Set(
  (
    'à au aux avec ce ces cet cette chez d’ d\' dans de des du en et l’ l\' la le les leur leurs ma mais mes mon ni ' +
    'notre nos ou par pour qu’ qu\' que qui sa sans se ses son sous sur ta tes ton un une vers vos votre ' +
    'a an and as at by for from in its of on or the their this to with'
  ).split(' '),
);

/** The word as the function-word list spells it: lower case, without opening signs. */
const bareWord = (word: string) => word.replace(/^[«“"(\u00a0\u202f]+/u, '').toLowerCase();

/** Drops dangling signs, then small words and the signs before them, from the end of a cut. */
function tidyCut(head: string): string {
  let out = head.replace(DANGLING, '');
  for (;;) {
    const match = /(^|[^\S\u00a0\u202f\u2007])(\S+)$/u.exec(out);
    if (!match || match.index === 0 || !FUNCTION_WORDS.has(bareWord(match[2]!))) return out;
    out = out.slice(0, match.index).replace(DANGLING, '');
  }
}

/**
 * The longest run of whole graphemes (an emoji, a letter with its accents) within `room` code units.
 * Only the head is segmented: a boundary depends on the characters up to it, so two code units past
 * `room` (a whole character) decide every boundary that matters, where segmenting a 200,000-character
 * first line held the server for 20 ms or more.
 */
function graphemePrefix(text: string, room: number): string {
  let end = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text.slice(0, room + 2))) {
    if (end + segment.length > room) break;
    end += segment.length;
  }
  return text.slice(0, end);
}

/**
 * Shorten to at most `max` UTF-16 code units, ellipsis included: at the last
 * space that fits, never inside a word, without a small word or a sign left
 * hanging at the end. Only a single word longer than the whole title is cut
 * inside, and then between graphemes, never through an emoji or an accent.
 */
export function truncateTitle(title: string, max: number = MAX_TITLE_LENGTH): string {
  if (title.length <= max) return title;
  const room = max - 1; // for the ellipsis
  let head = '';
  for (let i = room; i > 0; i--) {
    if (BREAK.test(title[i]!)) {
      head = tidyCut(title.slice(0, i));
      break;
    }
  }
  return `${head || graphemePrefix(title, room)}…`;
}

/** The title to store: the given one, else the article's first sentence. */
export function deriveTitle(text: string, given?: string | null): string {
  const explicit = given?.trim();
  if (explicit) return explicit;
  return truncateTitle(firstSentence(text));
}

/** Before NFC, which is quadratic in a long run of combining marks (lib/unicode). */
function checkCombiningMarks(raw: string, field: SourceFormat): void {
  if (hasTooManyCombiningMarks(raw)) {
    throw new ArticleImportError(field, `The article text holds more than ${MAX_COMBINING_MARKS} combining marks in a row: no language needs that many on one character.`);
  }
}

function draft(canonical: CanonicalArticle, date: string | null, format: SourceFormat, raw: string, options: PlainTextOptions): ArticleDraft {
  if (canonical.text === '') throw new ArticleImportError(format, 'The article text is empty.');
  const explicitDate = options.publishedAt?.trim();
  return {
    title: deriveTitle(canonical.text, options.title),
    text: canonical.text,
    // An explicit date wins; the header is removed from the text either way.
    publishedAt: explicitDate ? explicitDate : date,
    language: options.language?.trim() || 'fr',
    sourceFormat: format,
    source: raw,
    structure: format === 'text' ? null : canonical.structure,
  };
}

export function parsePlainTextArticle(raw: string, options: PlainTextOptions = {}): ArticleDraft {
  checkCombiningMarks(raw, 'text');
  const header = extractDateHeader(normalizeText(raw));
  return draft({ text: tidyLayout(header.text), structure: { blocks: [], marks: [] } }, header.date, 'text', raw, options);
}

/** Exactly one of `text`, `markdown` or `html`, with the article's details. */
export type ArticleSubmission = PlainTextOptions &
  ({ text: string; markdown?: undefined; html?: undefined } | { markdown: string; text?: undefined; html?: undefined } | { html: string; text?: undefined; markdown?: undefined });

/**
 * Any submission → the draft to store: plain text as parsePlainTextArticle
 * (with its `date …` header), Markdown and HTML to the canonical text and
 * structure of lib/articles/canonical.ts. Throws ArticleImportError naming the
 * submission's field.
 */
export function parseArticleSubmission(submission: ArticleSubmission): ArticleDraft {
  if (submission.text !== undefined) return parsePlainTextArticle(submission.text, submission);
  const [format, raw]: [SourceFormat, string] = submission.markdown !== undefined ? ['markdown', submission.markdown] : ['html', submission.html];
  checkCombiningMarks(raw, format);
  let canonical: CanonicalArticle;
  try {
    canonical = format === 'markdown' ? parseMarkdown(normalizeText(raw)) : parseHtml(normalizeText(raw));
  } catch (error) {
    if (error instanceof HtmlNestingError || error instanceof MarkdownNestingError) throw new ArticleImportError(format, error.message, 'invalid');
    throw error;
  }
  // Entities can spell what the submission did not hold as characters (&#x301; × 1,000): the stored text obeys the same rule.
  checkCombiningMarks(canonical.text, format);
  return draft(canonical, null, format, raw, submission);
}
