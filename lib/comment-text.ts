// A comment as the thread shows it: its length limit, for the counter, and its
// text cut into plain runs and @mentions, so mentions stand out without any
// HTML built from what people typed. Pure; lib/mentions.ts decides who is mentioned.
import type { Named } from './mentions';

/** The comment's limit, as lib/validation.ts enforces it (kept apart so the browser bundle takes no schemas). */
export const COMMENT_LIMIT = 5_000;

export type CommentSpan = { text: string } | { text: string; mention: string };

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('fr');
const WORD = /[\p{L}\p{N}_]/u;

/**
 * `body` as runs of text and mentions of `mentioned` (the people the server
 * found in it): "@Alice Martin" becomes `{text: '@Alice Martin', mention: id}`,
 * the longest name first, as written in the comment.
 */
export function mentionSpans(body: string, mentioned: readonly Named[]): CommentSpan[] {
  const names = mentioned
    .filter((p): p is { id: string; name: string } => !!p.name?.trim())
    .map((p) => ({ id: p.id, name: fold(p.name.trim()) }))
    .sort((a, b) => b.name.length - a.name.length);
  const folded = fold(body);
  // Folding keeps the length only if NFC does: otherwise show the text as it is.
  if (names.length === 0 || folded.length !== body.length) return [{ text: body }];
  const spans: CommentSpan[] = [];
  let from = 0;
  for (let at = folded.indexOf('@'); at !== -1; at = folded.indexOf('@', at + 1)) {
    if (at > 0 && WORD.test(folded[at - 1]!)) continue;
    const rest = folded.slice(at + 1);
    const match = names.find((p) => rest.startsWith(p.name) && !WORD.test(rest[p.name.length] ?? ''));
    if (!match) continue;
    if (at > from) spans.push({ text: body.slice(from, at) });
    const end = at + 1 + match.name.length;
    spans.push({ text: body.slice(at, end), mention: match.id });
    from = end;
    at = end - 1;
  }
  if (from < body.length) spans.push({ text: body.slice(from) });
  return spans;
}
