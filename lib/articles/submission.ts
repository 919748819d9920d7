// What an article is submitted as, and how long it may be: read by the
// schemas (lib/validation.ts) and by the article form in the browser, so
// nothing here imports Zod, which would go to the browser with it.

/** What an article can be submitted as; the name is also the request field that carries it. */
export const SOURCE_FORMATS = ['text', 'markdown', 'html'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** The most characters an article's text, Markdown or HTML may have as sent. */
export const MAX_ARTICLE_CHARS = 200_000;

/**
 * True when a publication date as Crux keeps it (YYYY, YYYY-MM or YYYY-MM-DD)
 * names a year, month and day that exist: 2025-13 or 2025-02-29 are written
 * right but are no dates.
 */
export function isPublicationDate(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return false;
  const [, year = '', month, day] = match;
  if (Number(year) < 1) return false;
  if (month === undefined) return true;
  const m = Number(month);
  if (m < 1 || m > 12) return false;
  // Day 0 of the next month is the last day of this one.
  return day === undefined || (Number(day) >= 1 && Number(day) <= new Date(Date.UTC(Number(year), m, 0)).getUTCDate());
}
