// HTML → canonical text and structure (lib/articles/canonical.ts).
//
// Two passes, both linear and without recursion, so that neither a 10,000-deep
// list nor a 200,000-character page can hold the server:
// 1. sanitize-html (a well-kept allow-list sanitizer on htmlparser2) keeps only
//    what an article's structure needs (ALLOWED_TAGS), with no attribute but a
//    link's href (http, https or mailto) and an ordered list's start. Scripts,
//    styles, iframes, objects, forms, media, SVG and MathML go with their
//    content; event handlers, style and class attributes, javascript: and
//    data: URLs go. Images are dropped too: a claim quotes words, and an
//    image has none to quote (its alt text is not what the reader sees).
//    Other elements (span, div, table…) are unwrapped or kept as block edges:
//    their text stays.
// 2. htmlparser2 reads the sanitized HTML as a stream of tags and text and
//    feeds the canonical builder. Entities are decoded there.

import { Parser, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
import { CanonicalBuilder, type BlockContext, type CanonicalArticle, type MarkKind } from './canonical';

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const MARKS: Record<string, MarkKind> = { em: 'emphasis', i: 'emphasis', strong: 'strong', b: 'strong', a: 'link' };
/** Elements whose edges end a block; their text is a paragraph of its own. */
const BLOCK_EDGES = [
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'address', 'figure', 'figcaption',
  'dl', 'dt', 'dd', 'table', 'caption', 'tr', 'hr', 'details', 'summary', 'body', 'html',
];
/** Inline elements kept for their text (unwrapped by the builder); a table cell is a space between its neighbours. */
const INLINE = ['span', 'code', 'kbd', 'samp', 'var', 'sub', 'sup', 'small', 'mark', 'abbr', 'cite', 'q', 'time', 'u', 's', 'del', 'ins', 'dfn', 'bdi', 'bdo', 'td', 'th', 'thead', 'tbody', 'tfoot'];

export const ALLOWED_TAGS = [...HEADINGS, 'ul', 'ol', 'li', 'blockquote', 'pre', 'br', ...Object.keys(MARKS), ...BLOCK_EDGES, ...INLINE];

/** Elements removed with everything inside them: none of their text is article text a reader sees. */
const REMOVED_WITH_CONTENT = [
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'noframes', 'object', 'embed', 'applet',
  'svg', 'math', 'canvas', 'video', 'audio', 'picture', 'map', 'textarea', 'select', 'option', 'button', 'form',
  'head', 'title', 'xmp', 'noembed',
];

export const LINK_SCHEMES = ['http', 'https', 'mailto'];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['href'], ol: ['start'] },
  allowedSchemes: LINK_SCHEMES,
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: REMOVED_WITH_CONTENT,
  // Comments and processing instructions are not text.
  allowVulnerableTags: false,
};

/**
 * Elements deep enough that Crux refuses the HTML. htmlparser2 (under both
 * sanitize-html and the reading pass) keeps its open elements in an array it
 * shifts and unshifts at the front, so each tag costs as much as the nesting
 * is deep: 60,000 nested tags held the server for seconds. Browsers stop
 * nesting at 512 elements; no article comes near.
 */
export const MAX_HTML_NESTING = 256;

export class HtmlNestingError extends Error {
  constructor() {
    super(`The HTML nests elements more than ${MAX_HTML_NESTING} levels deep.`);
    this.name = 'HtmlNestingError';
  }
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose end tag may be left out: the next one closes them, so they are not counted as nesting. */
const OPTIONAL_END = new Set(['li', 'p', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'rb', 'rt', 'rp', 'colgroup', 'caption', 'html', 'head', 'body']);

/**
 * Throws HtmlNestingError when elements nest past MAX_HTML_NESTING, in one
 * linear pass of htmlparser2's tokenizer (which knows comments, scripts and
 * attributes, so a tag inside them is not counted) with a stack used at its
 * end only. Elements with an optional end tag are left out, so unclosed <li>
 * and <p> never count: what is counted is at least half the real depth.
 */
export function checkHtmlNesting(html: string): void {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let name = '';
  const noop = () => {};
  const callbacks: TokenizerCallbacks = {
    onattribdata: noop,
    onattribentity: noop,
    onattribend: noop,
    onattribname: noop,
    oncdata: noop,
    oncomment: noop,
    ondeclaration: noop,
    onend: noop,
    onprocessinginstruction: noop,
    ontext: noop,
    ontextentity: noop,
    onselfclosingtag: () => callbacks.onopentagend(0),
    onopentagname(start, end) {
      name = html.slice(start, end).toLowerCase();
    },
    onopentagend() {
      if (VOID.has(name) || OPTIONAL_END.has(name)) return;
      stack.push(name);
      open.set(name, (open.get(name) ?? 0) + 1);
      if (stack.length > MAX_HTML_NESTING) throw new HtmlNestingError();
    },
    onclosetag(start, end) {
      const closing = html.slice(start, end).toLowerCase();
      // A closing tag with no open element of its name closes nothing (the parser ignores it).
      if (!open.get(closing)) return;
      for (;;) {
        const top = stack.pop()!;
        open.set(top, open.get(top)! - 1);
        if (top === closing) break;
      }
    },
  };
  const tokenizer = new Tokenizer({ decodeEntities: false }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
}

/** The submitted HTML with only the allowed elements and attributes left. Throws HtmlNestingError. */
export function sanitizeArticleHtml(html: string): string {
  checkHtmlNesting(html);
  return sanitizeHtml(html, SANITIZE);
}

/** A link the article may keep: absolute http(s) or mailto, parsed as a URL (relative links have no page to point into). */
export function articleLinkHref(href: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim());
    return LINK_SCHEMES.includes(url.protocol.slice(0, -1)) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

interface ListFrame {
  ordered: boolean;
  next: number;
}

interface ItemFrame {
  ordered: boolean;
  number: number;
  depth: number;
  /** Whether the item's first block, the one showing its bullet or number, was made. */
  used: boolean;
}

/** What closing an element must undo, pushed when it opened. */
type Frame = 'block' | 'mark' | 'unlinked' | 'list' | 'item' | 'quote' | 'heading' | 'pre' | 'none';

/** Canonical text and structure of sanitized (or any well-formed) HTML. */
export function canonicalFromHtml(html: string): CanonicalArticle {
  const lists: ListFrame[] = [];
  const items: ItemFrame[] = [];
  const headings: number[] = [];
  let quote = 0;
  let pre = 0;
  let links = 0;
  const frames: Frame[] = [];

  const builder = new CanonicalBuilder((): BlockContext => {
    const depth = lists.length;
    const item = items.at(-1);
    const base = { depth, quote };
    const level = headings.at(-1);
    if (level !== undefined) return { kind: 'heading', level, ...base };
    // The item's first block carries its bullet; later ones continue it (a loose list's second paragraph).
    if (item && item.depth === depth && !item.used) {
      item.used = true;
      return item.ordered ? { kind: 'listItem', ordered: true, number: item.number, ...base } : { kind: 'listItem', ordered: false, ...base };
    }
    return { kind: 'paragraph', ...base };
  });

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (HEADINGS.includes(name)) {
          builder.endBlock();
          headings.push(Number(name.slice(1)));
          frames.push('heading');
        } else if (name === 'ul' || name === 'ol') {
          builder.endBlock();
          const start = name === 'ol' ? Number.parseInt(attributes.start ?? '', 10) : NaN;
          lists.push({ ordered: name === 'ol', next: Number.isSafeInteger(start) ? start : 1 });
          frames.push('list');
        } else if (name === 'li') {
          builder.endBlock();
          const list = lists.at(-1);
          items.push({ ordered: list?.ordered ?? false, number: list ? list.next++ : 1, depth: lists.length, used: false });
          frames.push('item');
        } else if (name === 'blockquote') {
          builder.endBlock();
          quote++;
          frames.push('quote');
        } else if (name === 'pre') {
          builder.endBlock();
          pre++;
          frames.push('pre');
        } else if (name === 'br') {
          builder.lineBreak();
          frames.push('none');
        } else if (Object.hasOwn(MARKS, name)) {
          const kind = MARKS[name]!;
          // A link inside a link keeps the outer one (browsers do not nest them either).
          const href = kind === 'link' ? (links === 0 ? articleLinkHref(attributes.href) : undefined) : undefined;
          if (kind === 'link') links++;
          if (kind === 'link' && href === undefined) {
            frames.push('unlinked'); // its text stays, as text
            return;
          }
          builder.openMark(kind, href);
          frames.push('mark');
        } else if (BLOCK_EDGES.includes(name)) {
          builder.endBlock();
          frames.push('block');
        } else if (name === 'td' || name === 'th') {
          builder.text(' ');
          frames.push('none');
        } else {
          frames.push('none');
        }
      },
      ontext(text) {
        if (pre > 0) builder.preformatted(text);
        else builder.text(text);
      },
      onclosetag(name) {
        const frame = frames.pop();
        switch (frame) {
          case 'heading':
            builder.endBlock();
            headings.pop();
            break;
          case 'list':
            builder.endBlock();
            lists.pop();
            break;
          case 'item':
            builder.endBlock();
            items.pop();
            break;
          case 'quote':
            builder.endBlock();
            quote--;
            break;
          case 'pre':
            builder.endBlock();
            pre--;
            break;
          case 'block':
            builder.endBlock();
            break;
          case 'mark':
            if (name === 'a') links--;
            builder.closeMark();
            break;
          case 'unlinked':
            links--;
            break;
          default:
            if (name === 'td' || name === 'th') builder.text(' ');
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.write(html);
  parser.end();
  return builder.finish();
}

/** Sanitize, then read: what an HTML submission becomes. */
export function parseHtml(html: string): CanonicalArticle {
  return canonicalFromHtml(sanitizeArticleHtml(html));
}
