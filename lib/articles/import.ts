// Turns a submitted article into the plain text Crux stores and anchors
// claims in. The seed files and users' submissions take the same path, so the
// offsets a reviewer sees are the offsets the API returns.
//
// Normalisation is deliberately minimal: every change here shifts offsets, and
// the typography of the source (’, « », non-breaking spaces) is part of what
// reviewers quote, so it is kept as is.

export interface ArticleDraft {
  title: string;
  text: string;
  /** 'YYYY-MM' or 'YYYY-MM-DD' from the header, or as given in options. */
  publishedAt: string | null;
  language: string;
  sourceFormat: 'text';
  /** The raw input, kept so the import can be redone if the rules change. */
  source: string;
}

export interface PlainTextOptions {
  title?: string | null;
  publishedAt?: string | null;
  language?: string | null;
}

/** Rejected input; `field` names the request field to blame (API `issues.path`). */
export class ArticleImportError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'ArticleImportError';
    this.field = field;
  }
}

export const MAX_TITLE_LENGTH = 110;

/** BOM removal, LF line endings and NFC, so "é" is one code unit whatever the editor produced. */
export function normalizeText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}

// "date 2025-07" or "date 2025-07-14" at the very start, then whitespace or
// the end. [^\S\n] is whitespace other than a newline: the value must be on
// the same line as the word "date".
const DATE_HEADER = /^\s*date[^\S\n]+(\d{4})-(\d{2})(?:-(\d{2}))?(?=\s|$)/i;

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Split off a leading date header when its date is real; otherwise leave the text alone. */
export function extractDateHeader(text: string): { text: string; date: string | null } {
  const match = DATE_HEADER.exec(text);
  if (!match) return { text, date: null };
  const [header, year = '', month = '', day] = match;
  const m = Number(month);
  if (m < 1 || m > 12) return { text, date: null };
  if (day !== undefined) {
    const d = Number(day);
    if (d < 1 || d > daysInMonth(Number(year), m)) return { text, date: null };
  }
  const date = day === undefined ? `${year}-${month}` : `${year}-${month}-${day}`;
  return { text: text.slice(header.length), date };
}

/**
 * Tidy the layout without touching the words: trailing spaces and tabs on
 * each line go (they are invisible and would only catch stray selections),
 * runs of blank lines become one (a paragraph break), and the whole is
 * trimmed. Non-breaking spaces inside lines are kept.
 */
export function tidyLayout(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
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

/**
 * Shorten to at most `max` characters, ellipsis included, at the last word
 * boundary, dropping punctuation left dangling by the cut ("Bakou et Erevan,").
 */
export function truncateTitle(title: string, max: number = MAX_TITLE_LENGTH): string {
  if (title.length <= max) return title;
  const room = title.slice(0, max); // the cut may fall on the space at index max - 1
  const space = room.search(/\s\S*$/);
  let cut = space > 0 ? room.slice(0, space) : room.slice(0, max - 1);
  // A word longer than the title: do not cut an emoji in half.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/[\s,;:.\-–—(«“"'’]+$/u, '');
  return `${cut}…`;
}

/** The title to store: the given one, else the article's first sentence. */
export function deriveTitle(text: string, given?: string | null): string {
  const explicit = given?.trim();
  if (explicit) return explicit;
  return truncateTitle(firstSentence(text));
}

export function parsePlainTextArticle(raw: string, options: PlainTextOptions = {}): ArticleDraft {
  const header = extractDateHeader(normalizeText(raw));
  const text = tidyLayout(header.text);
  if (text === '') throw new ArticleImportError('text', 'The article text is empty.');

  const explicitDate = options.publishedAt?.trim();
  return {
    title: deriveTitle(text, options.title),
    text,
    // An explicit date wins; the header is removed from the text either way.
    publishedAt: explicitDate ? explicitDate : header.date,
    language: options.language?.trim() || 'fr',
    sourceFormat: 'text',
    source: raw,
  };
}
