// Presence: who has an article open. Each open event stream is a row in the
// database (Presence), renewed while the stream lasts and removed when it
// closes; a row not renewed within the TTL belongs to a stream whose instance
// died and is ignored. The database rather than the bus, because it works the
// same on SQLite and PostgreSQL and across instances, survives an instance
// crash without a goodbye message, and needs no second channel to keep in step.

/** Each open stream renews its row this often. */
export const PRESENCE_REFRESH_MS = 15_000;

/** A row older than this is a stream that is gone (three renewals missed). */
export const PRESENCE_TTL_MS = 45_000;

/**
 * Streams read the list again this often, for arrivals and departures through
 * other instances (those on the same instance are told at once).
 */
export const PRESENCE_POLL_MS = 3_000;

export interface PresentPerson {
  id: string;
  name: string | null;
}

/** The oldest renewal still counted at `now`. */
export function presenceCutoff(now: Date): Date {
  return new Date(now.getTime() - PRESENCE_TTL_MS);
}

/**
 * The people present besides the viewer, each once (two tabs are one person),
 * by name (unnamed people last), then id, so the list does not reorder itself.
 */
export function othersPresent(rows: readonly { userId: string; name: string | null }[], viewerId: string): PresentPerson[] {
  const people = new Map<string, PresentPerson>();
  for (const row of rows) if (row.userId !== viewerId && !people.has(row.userId)) people.set(row.userId, { id: row.userId, name: row.name });
  return [...people.values()].sort((a, b) => {
    if (a.name === null || b.name === null) return a.name === b.name ? a.id.localeCompare(b.id) : a.name === null ? 1 : -1;
    return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  });
}

/** Up to two initials of a name ("Anne-Marie Dupont" → "AD"), for a badge; null without a name. */
export function initials(name: string | null): string | null {
  const words = (name ?? '').trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return null;
  const first = (word: string) => [...word][0]!.toLocaleUpperCase();
  return words.length === 1 ? first(words[0]!) : first(words[0]!) + first(words[words.length - 1]!);
}
