/**
 * Mapping between an article's stored plain text and the ProseMirror document
 * used to display it.
 *
 * Stored form: a plain string. Paragraphs are separated by a run of two or
 * more newlines; a single "\n" inside a paragraph is a line break. Claim
 * offsets are UTF-16 code units into that exact string (end exclusive).
 *
 * Document form: `doc > paragraph* > (text | hardBreak)*`. Each paragraph holds
 * exactly the characters of its text block, with every single "\n" turned into
 * a hardBreak node. A hardBreak occupies one ProseMirror position and its "\n"
 * one code unit, so inside a paragraph positions and offsets move in lockstep:
 *
 *   pos = contentStart(i) + (offset - block.start)
 *   contentStart(i) = 1 + Σ_{j<i} (length(j) + 2)      (open + close tokens)
 *
 * Newlines between paragraphs (the separator, whatever its length) and
 * leading/trailing newlines of the text have no counterpart in the document:
 *   - an offset inside a separator maps to the END of the PREVIOUS paragraph;
 *     an offset before the first paragraph maps to the start of the first one,
 *     an offset after the last paragraph to the end of the last one;
 *   - a position between two paragraphs (after the closing token of paragraph
 *     i-1 / before the opening token of paragraph i) maps to the END offset of
 *     the PREVIOUS paragraph; positions before the first paragraph map to its
 *     start offset, positions after the last one to its end offset.
 * Out-of-range inputs are clamped the same way.
 *
 * Structured articles (HTML, Markdown: lib/articles/canonical.ts) keep this
 * model: their blocks ARE the paragraphs above (separated by "\n\n", no blank
 * line inside), each one textblock of the document, a heading or a paragraph
 * whose attributes say whether it is a list item (with its bullet or number and
 * depth) and how many quotations enclose it (STRUCTURE_ATTRIBUTES). Lists and
 * quotations are drawn by those attributes, not by wrapping nodes, so a block
 * still costs exactly its length + 2 positions. Emphasis, strong and links are
 * marks, which take no position. The mapping below is therefore the same for
 * plain and structured texts.
 *
 * Plain TypeScript on purpose: no React, no TipTap imports (server-safe).
 */

import type { ArticleStructure, StructureBlock, StructureMark } from '../articles/canonical';

/** A paragraph's range in the text: `text.slice(start, end)`, separators excluded. */
export interface TextBlock {
  start: number;
  end: number;
}

/** A mark of a text node: italic, bold, or a link with its href. */
export type DocJsonMark = { type: 'italic' | 'bold' } | { type: 'link'; attrs: { href: string } };

/** Minimal ProseMirror/TipTap JSON node (structurally compatible with TipTap's JSONContent). */
export type DocJsonNode = {
  type: string;
  attrs?: Record<string, string | number | boolean | null>;
  text?: string;
  marks?: DocJsonMark[];
  content?: DocJsonNode[];
};

/**
 * The attributes a structured block carries on its paragraph or heading node,
 * beside a heading's `level` (the source's level + 1: the article's title is
 * the page's h1). The viewer's TipTap extension declares them and renders them
 * as data-* attributes.
 */
export const STRUCTURE_ATTRIBUTES = ['listItem', 'ordered', 'number', 'depth', 'quote'] as const;

/** The JSON of a whole document: `{ type: 'doc', content: paragraphs }`. */
export type DocJson = {
  type: 'doc';
  content: DocJsonNode[];
};

const NL = 10; // '\n'

/**
 * Paragraph ranges of `text`: maximal runs separated by 2+ newlines. Leading and
 * trailing newlines (any number) produce no paragraph, so a paragraph never starts
 * or ends with "\n" and is never empty. An empty (or newline-only) text gives [].
 */
export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  const n = text.length;
  let start = -1;
  let i = 0;
  while (i < n) {
    if (text.charCodeAt(i) !== NL) {
      if (start < 0) start = i;
      i++;
      continue;
    }
    let j = i;
    while (j < n && text.charCodeAt(j) === NL) j++;
    // Newlines before the first paragraph are skipped; a run of 2+ newlines, or
    // any run reaching the end of the text, closes the current paragraph. A single
    // newline between two non-newline characters stays inside (hard break).
    if (start >= 0 && (j - i >= 2 || j === n)) {
      blocks.push({ start, end: i });
      start = -1;
    }
    i = j;
  }
  if (start >= 0) blocks.push({ start, end: n });
  return blocks;
}

/**
 * The ProseMirror JSON document for `text` (paragraph / text / hardBreak).
 * No empty text nodes are produced. A text with no paragraph (empty or only
 * newlines) gives a doc with a single empty paragraph (no `content`), because the
 * document node requires at least one block; positions/offsets still map
 * consistently (offsetToPos([], x) === 1, posToOffset([], p) === 0).
 */
export function toDocJson(text: string, structure?: ArticleStructure | null): DocJson {
  if (structure && structure.blocks.length > 0) return structuredDocJson(text, structure);
  const blocks = textBlocks(text);
  if (blocks.length === 0) return { type: 'doc', content: [{ type: 'paragraph' }] };
  const paragraphs: DocJsonNode[] = blocks.map(({ start, end }) => {
    const content: DocJsonNode[] = [];
    let from = start;
    for (let k = start; k < end; k++) {
      if (text.charCodeAt(k) !== NL) continue;
      if (k > from) content.push({ type: 'text', text: text.slice(from, k) });
      content.push({ type: 'hardBreak' });
      from = k + 1;
    }
    if (end > from) content.push({ type: 'text', text: text.slice(from, end) });
    return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
  });
  return { type: 'doc', content: paragraphs };
}

const MARK_TYPES = { emphasis: 'italic', strong: 'bold', link: 'link' } as const;

function blockNode(block: StructureBlock): DocJsonNode {
  const attrs = {
    listItem: block.kind === 'listItem',
    ordered: block.ordered ?? false,
    number: block.number ?? null,
    depth: block.depth,
    quote: block.quote,
  };
  if (block.kind === 'heading') return { type: 'heading', attrs: { level: Math.min((block.level ?? 1) + 1, 6), ...attrs } };
  return { type: 'paragraph', attrs };
}

/** The marks of a text node: one of each type (nested <em>s are one emphasis), in a stable order. */
function docMarks(active: ReadonlySet<StructureMark>): DocJsonMark[] | undefined {
  const byType = new Map<string, DocJsonMark>();
  for (const m of active) {
    const type = MARK_TYPES[m.kind];
    if (byType.has(type)) continue;
    byType.set(type, type === 'link' ? { type, attrs: { href: m.href ?? '' } } : { type });
  }
  if (byType.size === 0) return undefined;
  return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
}

/**
 * The document of a structured text: one node per block (structure.blocks,
 * which a checked structure makes equal to textBlocks(text)), its text split
 * where a mark starts or ends and at each line break. Linear in the text and
 * the marks (a sweep over their edges, block by block).
 */
function structuredDocJson(text: string, structure: ArticleStructure): DocJson {
  const marks = structure.marks;
  let next = 0; // the first mark not yet reached (marks are sorted by start)
  const content = structure.blocks.map((block) => {
    const node = blockNode(block);
    const inside: StructureMark[] = [];
    while (next < marks.length && marks[next]!.start < block.end) {
      if (marks[next]!.start >= block.start) inside.push(marks[next]!);
      next++;
    }
    const edges = new Set<number>([block.start, block.end]);
    for (const m of inside) edges.add(Math.max(m.start, block.start)).add(Math.min(m.end, block.end));
    for (let k = text.indexOf('\n', block.start); k >= 0 && k < block.end; k = text.indexOf('\n', k + 1)) edges.add(k).add(k + 1);
    const points = [...edges].sort((a, b) => a - b);
    const starting = new Map<number, StructureMark[]>();
    const ending = new Map<number, StructureMark[]>();
    for (const m of inside) {
      (starting.get(m.start) ?? starting.set(m.start, []).get(m.start)!).push(m);
      (ending.get(m.end) ?? ending.set(m.end, []).get(m.end)!).push(m);
    }
    const active = new Set<StructureMark>();
    const children: DocJsonNode[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i]!, points[i + 1]!];
      for (const m of ending.get(from) ?? []) active.delete(m);
      for (const m of starting.get(from) ?? []) active.add(m);
      if (to <= from) continue;
      if (to - from === 1 && text.charCodeAt(from) === NL) {
        children.push({ type: 'hardBreak' });
        continue;
      }
      const piece = text.slice(from, to);
      const nodeMarks = docMarks(active);
      children.push(nodeMarks ? { type: 'text', text: piece, marks: nodeMarks } : { type: 'text', text: piece });
    }
    if (children.length > 0) node.content = children;
    return node;
  });
  return { type: 'doc', content };
}

function toInt(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.trunc(value);
}

/**
 * Content start position of each paragraph (`1 + Σ_{j<i} (length(j) + 2)`),
 * computed once per blocks array: the highlights map thousands of claims
 * against the same blocks, and a linear walk per offset made painting
 * quadratic. The cache is keyed by the array's identity, so callers must not
 * mutate a blocks array after mapping with it (textBlocks returns fresh ones).
 */
const contentStartsCache = new WeakMap<readonly TextBlock[], Float64Array>();

function contentStarts(blocks: readonly TextBlock[]): Float64Array {
  let starts = contentStartsCache.get(blocks);
  if (!starts) {
    starts = new Float64Array(blocks.length);
    let pos = 1;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      starts[i] = pos;
      pos += block.end - block.start + 2;
    }
    contentStartsCache.set(blocks, starts);
  }
  return starts;
}

/** Index of the last element of the ascending `keys(i)` that is ≤ `value`, or -1. */
function lastAtOrBefore(count: number, key: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (key(mid) <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * Text offset → ProseMirror position (see the module comment for offsets that
 * fall between paragraphs: they map to the end of the previous paragraph).
 * O(log n) in the number of paragraphs.
 */
export function offsetToPos(blocks: readonly TextBlock[], offset: number): number {
  if (blocks.length === 0) return 1;
  const off = toInt(offset);
  const starts = contentStarts(blocks);
  // The paragraph starting at or before the offset; none → before the first one.
  const i = lastAtOrBefore(blocks.length, (k) => blocks[k]!.start, off);
  if (i < 0) return 1;
  const block = blocks[i]!;
  // Past its end (a separator or the trailing newlines): clamp to its end.
  return starts[i]! + (Math.min(off, block.end) - block.start);
}

/**
 * ProseMirror position → text offset. Positions inside a paragraph's content
 * (including its start and end) map exactly; a position between two paragraphs
 * maps to the end offset of the previous one; out-of-range positions clamp to
 * the first paragraph's start / last paragraph's end. O(log n).
 */
export function posToOffset(blocks: readonly TextBlock[], pos: number): number {
  if (blocks.length === 0) return 0;
  const p = toInt(pos);
  const starts = contentStarts(blocks);
  const i = lastAtOrBefore(blocks.length, (k) => starts[k]!, p);
  if (i < 0) return blocks[0]!.start;
  const block = blocks[i]!;
  return block.start + Math.min(p - starts[i]!, block.end - block.start);
}
