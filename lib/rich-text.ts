// A verdict's rationale as rich text: the TipTap (ProseMirror) JSON document a
// reviewer writes, limited to what a rationale needs — paragraphs, bullet and
// numbered lists, quotes, line breaks; bold, italic and http(s) links. The
// document is data, never HTML: it is checked here on the way in and on the way
// out of the database, and the interface renders it as elements, so no markup
// a reviewer sends can reach another reviewer's browser. Its plain text (the
// `rationale` column, the CSV export, search) is derived from it, here too.
import { z } from './zod';
import { httpUrlSchema } from './http-url';
import { characterCount } from './unicode';

/** The rationale's limit, in characters (code points, lib/unicode characterCount) of its plain text (as before rich text). */
export const RATIONALE_LIMIT = 10_000;
/** Nesting a reviewer can reach with lists in quotes in lists; far beyond, it is an attack on the parser. */
export const MAX_DEPTH = 24;
/** Nodes and marks in one document: a 10,000-character rationale formatted word by word stays far below. */
export const MAX_NODES = 5_000;

export type RichTextMark = { type: 'bold' } | { type: 'italic' } | { type: 'link'; attrs: { href: string } };
export interface RichTextText {
  type: 'text';
  text: string;
  marks?: RichTextMark[];
}
export interface RichTextHardBreak {
  type: 'hardBreak';
}
export type RichTextInline = RichTextText | RichTextHardBreak;
export interface RichTextParagraph {
  type: 'paragraph';
  content?: RichTextInline[];
}
export interface RichTextListItem {
  type: 'listItem';
  /** A paragraph first (as TipTap's list item requires), then any blocks, nested lists included. */
  content: [RichTextParagraph, ...RichTextBlock[]];
}
export interface RichTextBulletList {
  type: 'bulletList';
  content: RichTextListItem[];
}
export interface RichTextOrderedList {
  type: 'orderedList';
  attrs?: { start: number };
  content: RichTextListItem[];
}
export interface RichTextBlockquote {
  type: 'blockquote';
  content: RichTextBlock[];
}
export type RichTextBlock = RichTextParagraph | RichTextBulletList | RichTextOrderedList | RichTextBlockquote;
export interface RichTextDoc {
  type: 'doc';
  content: RichTextBlock[];
}

export type RichTextNode = RichTextDoc | RichTextBlock | RichTextListItem | RichTextInline;

// ---------------------------------------------------------------------------
// The allowed document. Every object is strict: an attribute that is not listed
// (style, class, onclick, target…) is refused, not dropped.

const markSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bold') }).strict(),
  z.object({ type: z.literal('italic') }).strict(),
  z.object({ type: z.literal('link'), attrs: z.object({ href: httpUrlSchema }).strict() }).strict(),
]);

const textSchema = z
  .object({
    type: z.literal('text'),
    // No limit of its own: the whole plain text is limited below (the request body to 1 MB before that).
    text: z.string().min(1),
    marks: z.array(markSchema).max(3).optional(),
  })
  .strict();

const hardBreakSchema = z.object({ type: z.literal('hardBreak') }).strict();
const inlineSchema = z.discriminatedUnion('type', [textSchema, hardBreakSchema]);

const paragraphSchema = z.object({ type: z.literal('paragraph'), content: z.array(inlineSchema).optional() }).strict();

const blockSchema: z.ZodType<RichTextBlock> = z.lazy(() =>
  z.discriminatedUnion('type', [paragraphSchema, bulletListSchema, orderedListSchema, blockquoteSchema]),
);

const listItemSchema = z.object({ type: z.literal('listItem'), content: z.tuple([paragraphSchema], blockSchema) }).strict();

const bulletListSchema = z.object({ type: z.literal('bulletList'), content: z.array(listItemSchema).min(1) }).strict();

const orderedListSchema = z
  .object({
    type: z.literal('orderedList'),
    attrs: z.object({ start: z.number().int().min(1).max(1_000_000) }).strict().optional(),
    content: z.array(listItemSchema).min(1),
  })
  .strict();

const blockquoteSchema = z.object({ type: z.literal('blockquote'), content: z.array(blockSchema).min(1) }).strict();

const docShapeSchema = z.object({ type: z.literal('doc'), content: z.array(blockSchema).min(1) }).strict();

/** What each node and mark may carry: checked before the schema, to word the refusal and to stop early. */
const NODE_KEYS: Record<string, readonly string[]> = {
  doc: ['type', 'content'],
  paragraph: ['type', 'content'],
  bulletList: ['type', 'content'],
  orderedList: ['type', 'attrs', 'content'],
  listItem: ['type', 'content'],
  blockquote: ['type', 'content'],
  hardBreak: ['type'],
  text: ['type', 'text', 'marks'],
};
const MARK_KEYS: Record<string, readonly string[]> = { bold: ['type'], italic: ['type'], link: ['type', 'attrs'] };
const ALLOWED = 'paragraphs, bullet and numbered lists, quotes and line breaks, with bold, italic and http(s) links';

type Path = (string | number)[];
interface Problem {
  path: Path;
  message: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const own = (value: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(value, key);

/**
 * Walks the document without recursion (a 10,000-deep one must not overflow
 * the stack) and returns the first problem a reviewer should be told in words:
 * too deep, too many nodes, an element or an attribute a rationale does not
 * have. What it lets through, the schema checks in full.
 */
function firstProblem(doc: unknown): Problem | null {
  const stack: { node: unknown; path: Path; depth: number }[] = [{ node: doc, path: [], depth: 1 }];
  let count = 0;
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    if (depth > MAX_DEPTH) return { path, message: `The rationale is nested too deeply: at most ${MAX_DEPTH} levels of lists and quotes.` };
    count += 1;
    if (count > MAX_NODES) return { path: [], message: `The rationale has too many parts: at most ${MAX_NODES.toLocaleString('en-US')} paragraphs, list items and formatted pieces.` };
    if (!isObject(node)) return { path, message: 'The rationale is not a rich-text document: each part must be a JSON object with a "type".' };
    const type = node.type;
    if (typeof type !== 'string' || !own(NODE_KEYS, type)) {
      return { path: [...path, 'type'], message: `The rationale contains “${String(type)}”, which a rationale cannot have: use ${ALLOWED}.` };
    }
    const extra = Object.keys(node).find((key) => !NODE_KEYS[type]!.includes(key));
    if (extra !== undefined) return { path: [...path, extra], message: `The rationale’s ${type} cannot carry “${extra}”.` };
    if (Array.isArray(node.marks)) {
      for (const [i, mark] of node.marks.entries()) {
        const markPath = [...path, 'marks', i];
        if (!isObject(mark) || typeof mark.type !== 'string' || !own(MARK_KEYS, mark.type)) {
          const name = isObject(mark) ? String(mark.type) : typeof mark;
          return { path: [...markPath, 'type'], message: `The rationale contains the formatting “${name}”: only bold, italic and links are allowed.` };
        }
        const markExtra = Object.keys(mark).find((key) => !MARK_KEYS[mark.type as string]!.includes(key));
        if (markExtra !== undefined) return { path: [...markPath, markExtra], message: `The rationale’s ${mark.type} cannot carry “${markExtra}”.` };
        if (isObject(mark.attrs)) {
          const attr = Object.keys(mark.attrs).find((key) => key !== 'href');
          if (attr !== undefined) return { path: [...markPath, 'attrs', attr], message: `A link in the rationale cannot carry “${attr}”: only its address (href).` };
        }
      }
    }
    if (Array.isArray(node.content)) {
      for (let i = node.content.length - 1; i >= 0; i -= 1) stack.push({ node: node.content[i], path: [...path, 'content', i], depth: depth + 1 });
    }
  }
  return null;
}

/**
 * The allowed rationale document: the shape above within the limits (depth,
 * nodes, 10,000 characters of plain text). Issue paths are relative to the
 * document; a link's address is checked as a source's is (http/https only).
 */
export const richTextDocSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    const problem = firstProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message, params: { key: 'invalid' } });
  })
  .pipe(docShapeSchema)
  .superRefine((doc, ctx) => {
    if (characterCount(plainText(doc as RichTextDoc)) > RATIONALE_LIMIT) {
      ctx.addIssue({ code: 'custom', path: [], params: { key: 'tooLong', max: RATIONALE_LIMIT } });
    }
  }) as z.ZodType<RichTextDoc>;

/** The document, if `value` is one the schema allows; null otherwise. */
export function parseRichText(value: unknown): RichTextDoc | null {
  const result = richTextDocSchema.safeParse(value);
  return result.success ? result.data : null;
}

/**
 * A document kept as a draft in the browser: the same shape and nesting
 * limits, but not the length limit — a draft over 10,000 characters is still
 * the reviewer's work, to be shortened before it is saved.
 */
export function parseRichTextDraft(value: unknown): RichTextDoc | null {
  if (firstProblem(value)) return null;
  const result = docShapeSchema.safeParse(value);
  return result.success ? (result.data as RichTextDoc) : null;
}

/**
 * A stored document (the `rationaleDoc` column), checked rather than trusted:
 * the database is written by this code, but read paths never cast. Throws on
 * a document the schema refuses, as other unexpected stored values do.
 */
export function readStoredRichText(stored: string): RichTextDoc {
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    throw new Error('Unexpected rationale document in the database: not JSON.');
  }
  const doc = parseRichText(value);
  if (!doc) throw new Error('Unexpected rationale document in the database: not an allowed rich-text document.');
  return doc;
}

// ---------------------------------------------------------------------------
// Plain text

function inlineText(content: readonly RichTextInline[] | undefined): string {
  let out = '';
  for (const node of content ?? []) {
    if (node.type === 'hardBreak') {
      out += '\n';
      continue;
    }
    const href = node.marks?.find((m): m is Extract<RichTextMark, { type: 'link' }> => m.type === 'link')?.attrs.href;
    // A link keeps its address in the plain text (the CSV has no other place for it).
    out += href && href !== node.text ? `${node.text} (${href})` : node.text;
  }
  return out;
}

/** Prefixes every line: the first with `first`, the others with `rest` (an indent as wide, or the quote mark). */
function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => ((i === 0 ? first : rest) + line).trimEnd())
    .join('\n');
}

function blocksText(blocks: readonly RichTextBlock[], separator: string): string {
  return blocks
    .map(blockText)
    .filter((text) => text.length > 0)
    .join(separator);
}

function listText(items: readonly RichTextListItem[], marker: (index: number) => string): string {
  return items
    .map((item, i) => {
      const label = marker(i);
      return prefixLines(blocksText(item.content, '\n'), label, ' '.repeat(label.length));
    })
    .join('\n');
}

function blockText(block: RichTextBlock): string {
  switch (block.type) {
    case 'paragraph':
      return inlineText(block.content).trim();
    case 'bulletList':
      return listText(block.content, () => '- ');
    case 'orderedList': {
      const start = block.attrs?.start ?? 1;
      return listText(block.content, (i) => `${start + i}. `);
    }
    case 'blockquote':
      return prefixLines(blocksText(block.content, '\n\n'), '> ', '> ');
  }
}

/**
 * The document as plain text, stored as the verdict's `rationale`: paragraphs
 * separated by a blank line, list items on their own lines prefixed "- " or
 * "1. " (nested ones indented), quotes prefixed "> ", links as "text (address)".
 * Its characters are the ones the 10,000-character limit counts.
 */
export function plainText(doc: RichTextDoc): string {
  return blocksText(doc.content, '\n\n').trim();
}

/** A document holding plain text (a legacy verdict, an API client sending only `rationale`): blank lines part paragraphs. */
export function docFromPlainText(text: string): RichTextDoc {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n[ \t]*\n\s*/)
    .filter((p) => p.length > 0);
  if (paragraphs.length === 0) return emptyDoc();
  return {
    type: 'doc',
    content: paragraphs.map((paragraph): RichTextParagraph => {
      const content: RichTextInline[] = [];
      paragraph.split('\n').forEach((line, i) => {
        if (i > 0) content.push({ type: 'hardBreak' });
        if (line.length > 0) content.push({ type: 'text', text: line });
      });
      return { type: 'paragraph', content };
    }),
  };
}

/** An empty rationale, as the editor holds it. */
export function emptyDoc(): RichTextDoc {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}

// ---------------------------------------------------------------------------
// From the editor

/** The JSON the TipTap editor produces (its JSONContent, loosely). */
export interface EditorJson {
  type?: string;
  attrs?: Record<string, unknown>;
  content?: EditorJson[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

function fromEditorMarks(marks: EditorJson['marks']): RichTextMark[] | undefined {
  const out: RichTextMark[] = [];
  for (const mark of marks ?? []) {
    if (mark.type === 'bold' || mark.type === 'italic') out.push({ type: mark.type });
    else if (mark.type === 'link' && typeof mark.attrs?.href === 'string') out.push({ type: 'link', attrs: { href: mark.attrs.href } });
  }
  return out.length > 0 ? out : undefined;
}

function fromEditorInline(nodes: readonly EditorJson[] | undefined): RichTextInline[] {
  const out: RichTextInline[] = [];
  for (const node of nodes ?? []) {
    if (node.type === 'hardBreak') out.push({ type: 'hardBreak' });
    else if (node.type === 'text' && node.text) {
      const marks = fromEditorMarks(node.marks);
      out.push(marks ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text });
    }
  }
  return out;
}

function fromEditorParagraph(node: EditorJson): RichTextParagraph {
  const content = fromEditorInline(node.content);
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

function fromEditorItems(nodes: readonly EditorJson[] | undefined): RichTextListItem[] {
  return (nodes ?? [])
    .filter((n) => n.type === 'listItem')
    .map((item) => {
      const [first, ...rest] = fromEditorBlocks(item.content);
      return { type: 'listItem', content: first?.type === 'paragraph' ? [first, ...rest] : [{ type: 'paragraph' }, ...(first ? [first] : []), ...rest] };
    });
}

function fromEditorBlocks(nodes: readonly EditorJson[] | undefined): RichTextBlock[] {
  const out: RichTextBlock[] = [];
  for (const node of nodes ?? []) {
    switch (node.type) {
      case 'paragraph':
        out.push(fromEditorParagraph(node));
        break;
      case 'bulletList': {
        const content = fromEditorItems(node.content);
        if (content.length > 0) out.push({ type: 'bulletList', content });
        break;
      }
      case 'orderedList': {
        const content = fromEditorItems(node.content);
        const start = node.attrs?.start;
        if (content.length === 0) break;
        out.push(typeof start === 'number' && start !== 1 ? { type: 'orderedList', attrs: { start }, content } : { type: 'orderedList', content });
        break;
      }
      case 'blockquote': {
        const content = fromEditorBlocks(node.content);
        if (content.length > 0) out.push({ type: 'blockquote', content });
        break;
      }
    }
  }
  return out;
}

/**
 * The editor's JSON as a rationale document: the elements a rationale has, with
 * only the attributes it keeps (TipTap adds a link's target, rel and class, a
 * list's type; the renderer sets those itself). Links are kept as written: the
 * editor only accepts http(s) ones, and the server checks them again.
 */
export function fromEditorJson(json: EditorJson): RichTextDoc {
  const content = fromEditorBlocks(json.content);
  return content.length > 0 ? { type: 'doc', content } : emptyDoc();
}

/** True for an address a rationale's link may have (http or https), as the server checks it. */
export function isAllowedLink(href: string): boolean {
  return httpUrlSchema.safeParse(href).success;
}
