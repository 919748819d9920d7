// Dates and numbers for people, through Intl. Lists and the interface format in
// the interface's locale; an article's own header may format in the article's.

/** "2025-07" → "juillet 2025" (fr) / "July 2025" (en); full dates likewise; precision kept. */
export function formatPublishedAt(publishedAt: string | null, locale: string): string | null {
  if (!publishedAt) return null;
  const [year, month, day] = publishedAt.split('-').map(Number) as [number, number?, number?];
  const date = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (month) options.month = 'long';
  if (day) options.day = 'numeric';
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return publishedAt;
  }
}

/** An instant (ISO 8601) as a calendar day: "14 mars 2025" / "Mar 14, 2025"; the input itself if unreadable. */
export function formatDay(instant: string, locale: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/**
 * An instant to the minute, in UTC and saying so ("3 déc. 2026, 12:05 UTC"): the
 * server and the browser write it alike, and a deadline needs its hour.
 */
export function formatInstant(instant: string, locale: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/**
 * A share as a whole percentage: with a locale, as Intl writes it ("60 %" in French with
 * a no-break space, "60%" in English); without, "60 %".
 */
export function formatShare(share: number | null, locale?: string): string {
  if (share === null) return '—';
  if (locale) return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
  return `${Math.round(share * 100)} %`;
}
