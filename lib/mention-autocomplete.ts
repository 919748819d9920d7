// Autocomplete of @mentions while a comment is typed: which "@…" the caret is
// in, the people whose name it may start, and the text once one is chosen.
// Pure, so the comment box (components/mention-input.tsx) stays thin. The
// server finds the mentions on its own (lib/mentions.ts): a chosen name is
// inserted exactly as written, which is what it looks for.
import type { Named } from './mentions';

const WORD = /[\p{L}\p{N}_]/u;
/** Names hold spaces, but a mention being typed does not run on for ever. */
const MAX_QUERY = 60;
/** Signs no name holds: typed after a name, they end the mention (hyphens, apostrophes and dots do not). */
const ENDS_MENTION = /[?!,;:«»()"\[\]{}]/;

/** Case- and accent-insensitive: "elo" finds "Éloïse". */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('fr');

export interface MentionQuery {
  /** Index of the "@" in the text. */
  start: number;
  /** What follows it up to the caret. */
  query: string;
}

/**
 * The mention being typed at `caret`, or null: an "@" that starts a word (not
 * the one of an email address), on the caret's line, at most MAX_QUERY
 * characters back, with no second space in a row.
 */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const start = before.lastIndexOf('@');
  if (start === -1) return null;
  if (start > 0 && WORD.test(before[start - 1]!)) return null;
  const query = before.slice(start + 1);
  if (query.length > MAX_QUERY || /[\n@]|\s\s/.test(query) || /^\s/.test(query) || ENDS_MENTION.test(query)) return null;
  return { start, query };
}

/**
 * People whose name the query may start, best first: the whole name starting
 * with it, then one of its later words (so "mart" finds "Alice Martin"), each
 * group by name; at most `limit`.
 */
export function matchPeople<P extends Named>(query: string, people: readonly P[], limit = 8): (P & { name: string })[] {
  const q = fold(query);
  const ranked: { person: P & { name: string }; rank: number }[] = [];
  for (const person of people) {
    if (!person.name?.trim()) continue;
    const name = fold(person.name.trim());
    const rank = name.startsWith(q) ? 0 : name.split(/\s+/).some((word) => word.startsWith(q)) ? 1 : -1;
    if (rank >= 0) ranked.push({ person: person as P & { name: string }, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.person.name.localeCompare(b.person.name, 'fr'));
  return ranked.slice(0, limit).map((r) => r.person);
}

/**
 * The text with the mention at `mention` completed to `@name`, and where the
 * caret goes: after a space to go on typing, unless a space or punctuation follows already.
 */
export function completeMention(text: string, caret: number, mention: MentionQuery, name: string): { text: string; caret: number } {
  const after = text.slice(caret);
  const inserted = `@${name.trim()}${/^[\s,.;:!?)»]/u.test(after) ? '' : ' '}`;
  return { text: text.slice(0, mention.start) + inserted + after, caret: mention.start + inserted.length };
}
