// Markdown → canonical text and structure, through HTML: markdown-it (a
// well-kept CommonMark parser) writes the HTML, and the HTML path
// (lib/articles/html.ts) sanitizes and reads it, so both formats follow the
// same rules to the character.
//
// Choices:
// - `html: true`: HTML written inside the Markdown is kept as HTML, then goes
//   through the same sanitizer as an HTML import (scripts and event handlers
//   removed, <em> kept); with `html: false` it would show as literal tags in
//   the article.
// - `typographer: false`, `linkify: false`: the words are the author's. Curly
//   quotes or « guillemets » are never invented, nor links from bare addresses.
// - Nesting: markdown-it parses nested blocks recursively and, past its own
//   limit, silently drops the rest of the document. Crux refuses instead
//   (MarkdownNestingError, a 422 naming the field) past MAX_MARKDOWN_NESTING
//   levels of lists and quotations, which no article needs.

import MarkdownIt from 'markdown-it';
import type { CanonicalArticle } from './canonical';

type Parser = ReturnType<typeof MarkdownIt>;
import { parseHtml } from './html';

/** Levels of nested blocks (a list item inside a list inside a quotation…) Crux reads; more is refused. */
export const MAX_MARKDOWN_NESTING = 50;

export class MarkdownNestingError extends Error {
  constructor() {
    super(`The Markdown nests lists and quotations more than ${MAX_MARKDOWN_NESTING} levels deep.`);
    this.name = 'MarkdownNestingError';
  }
}

function createParser(): Parser {
  // One level above the guard, so the guard (a block rule run before every block) sees the limit first.
  const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false, breaks: false, maxNesting: MAX_MARKDOWN_NESTING * 2 + 4 });
  // Each list level opens two tokens (list, item), a quotation one: `state.level` counts tokens.
  md.block.ruler.before('table', 'cruxNestingGuard', (state) => {
    if (state.level >= MAX_MARKDOWN_NESTING * 2) throw new MarkdownNestingError();
    return false;
  });
  return md;
}

let parser: Parser | null = null;

/** The HTML markdown-it writes for the Markdown (not yet sanitized). */
export function markdownToHtml(markdown: string): string {
  parser ??= createParser();
  return parser.render(markdown);
}

/** What a Markdown submission becomes. Throws MarkdownNestingError past the nesting limit. */
export function parseMarkdown(markdown: string): CanonicalArticle {
  return parseHtml(markdownToHtml(markdown));
}
