/** "2025-07" → "juillet 2025" (fr) / "July 2025" (en); full dates likewise; precision kept. */
export function formatPublishedAt(publishedAt: string | null, language: string): string | null {
  if (!publishedAt) return null;
  const [year, month, day] = publishedAt.split('-').map(Number) as [number, number?, number?];
  const date = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (month) options.month = 'long';
  if (day) options.day = 'numeric';
  try {
    return new Intl.DateTimeFormat(language, options).format(date);
  } catch {
    return publishedAt;
  }
}

export function formatShare(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)} %`;
}
