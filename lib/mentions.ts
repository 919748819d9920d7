// @mentions in comments: "@Alice Martin, tu as vu ?" mentions the person named
// Alice Martin. Names may hold spaces, so each person's name is looked for
// after an @, the longest first ("@Alice Martin" is Alice Martin, not a person
// named Alice), case- and accent-form-insensitively, as a whole name: "@Alicette"
// does not mention Alice, and an email address (alice@example.org) mentions no
// one.

export interface Named {
  id: string;
  name: string | null;
}

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('fr');
const WORD = /[\p{L}\p{N}_]/u;

/** The ids of the people `body` mentions, in order of first mention, each once. */
export function findMentions(body: string, people: readonly Named[]): string[] {
  const text = fold(body);
  const candidates = people
    .filter((p): p is { id: string; name: string } => !!p.name && p.name.trim().length > 0)
    .map((p) => ({ id: p.id, name: fold(p.name.trim()) }))
    .sort((a, b) => b.name.length - a.name.length);
  const found: string[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (at > 0 && WORD.test(text[at - 1]!)) continue; // part of an email address
    const rest = text.slice(at + 1);
    const match = candidates.find((p) => rest.startsWith(p.name) && !WORD.test(rest[p.name.length] ?? ''));
    if (match && !found.includes(match.id)) found.push(match.id);
  }
  return found;
}
