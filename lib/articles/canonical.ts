// The one canonical plain text of a structured article (HTML or Markdown), and
// its structure as ranges into that text. Every claim offset counts in this
// text, so the rules below are the coordinate system of the whole article:
//
// - Blocks (paragraphs, headings, list items, the paragraphs of a quotation)
//   are separated by exactly "\n\n", list items included; the text neither
//   starts nor ends with a separator. This is the plain-text article's own
//   rule (lib/anchoring/document.ts textBlocks), so the structured text maps to
//   editor positions exactly as a plain one does: a block is one textblock.
// - Inside a block, a line break (<br>, a Markdown hard break, a line of a
//   <pre>) is one "\n"; several in a row count as one, and a block never starts
//   or ends with one (a blank line would split the block).
// - Inside a block, runs of ASCII whitespace (space, tab, CR, LF, FF) become one
//   space, as a browser shows them; <pre> keeps its spaces but, as plain text
//   does, drops spaces and tabs before each line's end. Non-breaking spaces
//   (U+00A0, U+202F) are text, kept where they are, except that each block is
//   trimmed of all whitespace at both ends, and a block left empty is dropped.
// - Entities are decoded by the parser; each block is NFC (see nfcBlock).
// - Inline marks (emphasis, strong, link with its href) are [start, end) in the
//   text, never empty, never across a block's edges (a mark spanning two
//   blocks is split in two), never over the whitespace trimmed at their ends.
//
// The builder takes a stream of events (open/close a block context or a mark,
// text, line break), so a parser feeds it in one pass without recursion: a
// 10,000-deep list costs what 10,000 flat paragraphs cost.

import { z } from '../zod';

export const BLOCK_KINDS = ['paragraph', 'heading', 'listItem'] as const;
export const MARK_KINDS = ['emphasis', 'strong', 'link'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

const range = { start: z.number().int().min(0), end: z.number().int().min(0) };

/**
 * One block: `kind` with, for a heading, its `level` (1–6 as in the source);
 * for a list item, whether its list is `ordered` and its `number` there.
 * `depth` is how many lists enclose it (a paragraph continuing a list item has
 * the item's depth), `quote` how many quotations.
 */
export const structureBlockSchema = z
  .object({
    ...range,
    kind: z.enum(BLOCK_KINDS),
    level: z.number().int().min(1).max(6).optional(),
    ordered: z.boolean().optional(),
    number: z.number().int().optional(),
    depth: z.number().int().min(0),
    quote: z.number().int().min(0),
  })
  .strict();

export const structureMarkSchema = z
  .object({ ...range, kind: z.enum(MARK_KINDS), href: z.string().optional() })
  .strict();

/** What a revision stores beside its text (ArticleRevision.structure, as JSON). */
export const articleStructureSchema = z.object({ blocks: z.array(structureBlockSchema), marks: z.array(structureMarkSchema) }).strict();

export type StructureBlock = z.infer<typeof structureBlockSchema>;
export type StructureMark = z.infer<typeof structureMarkSchema>;
export type ArticleStructure = z.infer<typeof articleStructureSchema>;

export interface CanonicalArticle {
  text: string;
  structure: ArticleStructure;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Whether `offset` falls between two code points of `text` (not inside a surrogate pair). */
export function onCodePointBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return offset === 0 || offset === text.length;
  return !(isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset)));
}

/**
 * The reasons a structure does not fit a text (empty when it does): every
 * range inside the text, on code-point boundaries, non-empty; blocks in order,
 * separated by exactly "\n\n" and covering everything else; marks inside one
 * block, in order of their start. Read paths call it on what the database
 * gives back, the tests on what the parsers make.
 */
export function structureProblems(text: string, structure: ArticleStructure): string[] {
  const problems: string[] = [];
  const { blocks, marks } = structure;
  let expected = 0;
  blocks.forEach((b, i) => {
    if (b.start !== expected) problems.push(`block ${i} starts at ${b.start}, not ${expected}`);
    if (!(b.end > b.start) || b.end > text.length) problems.push(`block ${i} is empty or outside the text`);
    const inner = text.slice(b.start, b.end);
    if (inner.includes('\n\n') || inner.startsWith('\n') || inner.endsWith('\n')) problems.push(`block ${i} holds a blank line or an edge line break`);
    if (b.kind === 'heading' && b.level === undefined) problems.push(`heading ${i} has no level`);
    expected = b.end + 2;
    if (i < blocks.length - 1 && text.slice(b.end, b.end + 2) !== '\n\n') problems.push(`block ${i} is not followed by a blank line`);
  });
  if (blocks.length > 0 ? blocks.at(-1)!.end !== text.length : text !== '') problems.push('the blocks do not cover the text');
  let block = 0;
  let previousStart = 0;
  marks.forEach((m, i) => {
    if (!(m.end > m.start) || m.end > text.length) problems.push(`mark ${i} is empty or outside the text`);
    if (!onCodePointBoundary(text, m.start) || !onCodePointBoundary(text, m.end)) problems.push(`mark ${i} cuts a character`);
    if (m.start < previousStart) problems.push(`mark ${i} is out of order`);
    previousStart = m.start;
    while (block < blocks.length && blocks[block]!.end <= m.start) block++;
    const b = blocks[block];
    if (!b || m.start < b.start || m.end > b.end) problems.push(`mark ${i} is not inside one block`);
    if ((m.kind === 'link') !== (m.href !== undefined)) problems.push(`mark ${i}: only links have an href`);
  });
  return problems;
}

/** What a block is, decided by where its first character stands. */
export type BlockContext = Omit<StructureBlock, 'start' | 'end'>;

interface OpenMark {
  kind: MarkKind;
  href?: string;
  /** Where the mark starts in the current block, or -1 until its first character arrives. */
  start: number;
}

/** A mark inside the current block, offsets relative to the block. */
type BlockMark = Omit<StructureMark, 'start' | 'end'> & { start: number; end: number };

const ASCII_WHITESPACE = /[ \t\n\r\f]+/;
/** Leading whitespace of a block, the non-breaking spaces included (as String.trim). */
const LEADING = /^\s+/;
const WHITESPACE = /\s/;

/**
 * Where the run of characters matching `blank` that ends `s` starts, by a walk
 * back from the end: a regex anchored with `$` (/[ \t]+$/) retries from every
 * character of a long run that does not end the string, in quadratic time.
 */
function trailingRunStart(s: string, blank: (char: string) => boolean): number {
  let i = s.length;
  while (i > 0 && blank(s[i - 1]!)) i--;
  return i;
}
const isSpaceOrTab = (c: string) => c === ' ' || c === '\t';
const isWhitespace = (c: string) => WHITESPACE.test(c);

/**
 * Builds the canonical text and structure from a stream of events. `context()`
 * is asked, when a block receives its first character, what that block is.
 */
export class CanonicalBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly blocks: StructureBlock[] = [];
  private readonly marks: StructureMark[] = [];

  private block = '';
  private blockContext: BlockContext | null = null;
  private blockMarks: BlockMark[] = [];
  private pendingSpace = false;
  private pendingBreak = false;
  /**
   * Spaces and tabs ending the current block, counted as pieces arrive: reading the
   * block's last characters would flatten the string being built, once per line.
   */
  private trailingBlanks = 0;

  private readonly open: OpenMark[] = [];
  /** Marks at or past this index of `open` have not started yet (amortised: no rescan of the stack per word). */
  private unresolvedFrom = 0;

  constructor(private readonly context: () => BlockContext) {}

  /** Text as a browser shows it: runs of ASCII whitespace are one space, none at a block's start. */
  text(chunk: string): void {
    const pieces = chunk.split(ASCII_WHITESPACE);
    pieces.forEach((piece, i) => {
      if (i > 0) this.pendingSpace = true;
      if (piece !== '') this.emit(piece);
    });
  }

  /** Preformatted text: spaces kept, each line end a line break, spaces and tabs before it dropped. */
  preformatted(chunk: string): void {
    const lines = chunk.replace(/\r\n?/g, '\n').split('\n');
    lines.forEach((line, i) => {
      if (i > 0) this.lineBreak();
      // Trailing blanks of a line that ends inside this chunk; the last piece may continue in the next chunk.
      const kept = i < lines.length - 1 ? line.slice(0, trailingRunStart(line, isSpaceOrTab)) : line;
      if (kept !== '') this.emit(kept, true);
    });
  }

  lineBreak(): void {
    if (this.block !== '') this.pendingBreak = true;
  }

  openMark(kind: MarkKind, href?: string): void {
    this.open.push(href === undefined ? { kind, start: -1 } : { kind, href, start: -1 });
  }

  closeMark(): void {
    const mark = this.open.pop();
    this.unresolvedFrom = Math.min(this.unresolvedFrom, this.open.length);
    if (mark) this.endMark(mark);
  }

  /** Ends the current block (at an element that starts or ends one). */
  endBlock(): void {
    for (const mark of this.open) {
      this.endMark(mark);
      mark.start = -1;
    }
    this.unresolvedFrom = 0;
    const raw = this.block;
    const context = this.blockContext;
    const rawMarks = this.blockMarks;
    this.block = '';
    this.blockContext = null;
    this.blockMarks = [];
    this.pendingSpace = false;
    this.pendingBreak = false;
    this.trailingBlanks = 0;
    if (!context) return;

    const lead = LEADING.exec(raw)?.[0].length ?? 0;
    const trimmed = raw.slice(lead, Math.max(lead, trailingRunStart(raw, isWhitespace)));
    if (trimmed === '') return;
    const { text, marks } = nfcBlock(
      trimmed,
      rawMarks
        .map((m) => ({ ...m, start: Math.max(m.start - lead, 0), end: Math.min(m.end - lead, trimmed.length) }))
        .filter((m) => m.end > m.start),
    );
    if (this.length > 0) this.push('\n\n');
    const start = this.length;
    this.push(text);
    this.blocks.push({ start, end: this.length, ...context });
    for (const m of trimMarks(text, marks)) this.marks.push({ ...m, start: start + m.start, end: start + m.end });
  }

  finish(): CanonicalArticle {
    this.endBlock();
    this.marks.sort((a, b) => a.start - b.start || b.end - a.end);
    return { text: this.parts.join(''), structure: { blocks: this.blocks, marks: this.marks } };
  }

  private push(s: string): void {
    this.parts.push(s);
    this.length += s.length;
  }

  private emit(piece: string, verbatim = false): void {
    if (this.block === '') {
      this.blockContext ??= this.context();
    } else if (this.pendingBreak) {
      this.dropTrailingBlanks();
      this.block += '\n';
      this.trailingBlanks = 0;
    } else if (this.pendingSpace && !verbatim) {
      this.block += ' ';
      this.trailingBlanks++;
    }
    // After a line break, whitespace starting the next line goes unless the text is preformatted.
    const text = this.pendingBreak && !verbatim ? piece.replace(/^[ \t]+/, '') : piece;
    const blanks = text.length - trailingRunStart(text, isSpaceOrTab);
    this.trailingBlanks = blanks === text.length ? this.trailingBlanks + blanks : blanks;
    this.pendingSpace = false;
    this.pendingBreak = false;
    for (let i = this.unresolvedFrom; i < this.open.length; i++) {
      const mark = this.open[i]!;
      if (mark.start < 0) mark.start = this.block.length;
    }
    this.unresolvedFrom = this.open.length;
    this.block += text;
  }

  /** Spaces and tabs before a line break go (preformatted text keeps them up to there); marks ending in them end sooner. */
  private dropTrailingBlanks(): void {
    if (this.trailingBlanks === 0) return;
    const length = this.block.length - this.trailingBlanks;
    this.trailingBlanks = 0;
    this.block = this.block.slice(0, length);
    for (const m of this.blockMarks) m.end = Math.min(m.end, length);
    for (const m of this.open) if (m.start > length) m.start = length;
    this.blockMarks = this.blockMarks.filter((m) => m.end > m.start);
  }

  private endMark(mark: OpenMark): void {
    if (mark.start < 0 || this.block.length <= mark.start) return;
    this.blockMarks.push(mark.href === undefined ? { kind: mark.kind, start: mark.start, end: this.block.length } : { kind: mark.kind, href: mark.href, start: mark.start, end: this.block.length });
  }
}

/** Marks without the whitespace at their ends (a space or a line break before "</em>"), empty ones dropped. */
function trimMarks(text: string, marks: BlockMark[]): BlockMark[] {
  const out: BlockMark[] = [];
  for (const m of marks) {
    let { start, end } = m;
    while (start < end && isWhitespace(text[start]!)) start++;
    while (end > start && isWhitespace(text[end - 1]!)) end--;
    if (end > start) out.push({ ...m, start, end });
  }
  return out;
}

/**
 * A block in NFC with its marks moved to match. Most blocks are NFC already
 * (the submission is normalised before parsing); entities can still spell a
 * decomposed letter ("e&#x301;"). Normalising piece by piece between the
 * marks' edges keeps every edge exact; when an edge falls inside a sequence
 * that NFC composes (a mark ending between a letter and its accent), the
 * pieces do not add up to the normalised block, and that block's marks are
 * dropped rather than placed on the wrong characters: the text stays NFC.
 */
function nfcBlock(text: string, marks: BlockMark[]): { text: string; marks: BlockMark[] } {
  const normalized = text.normalize('NFC');
  if (normalized === text) return { text, marks };
  const edges = [...new Set([0, text.length, ...marks.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  const moved = new Map<number, number>();
  let joined = '';
  for (let i = 0; i < edges.length; i++) {
    moved.set(edges[i]!, joined.length);
    if (i + 1 < edges.length) joined += text.slice(edges[i], edges[i + 1]).normalize('NFC');
  }
  if (joined !== normalized) return { text: normalized, marks: [] };
  return { text: normalized, marks: marks.map((m) => ({ ...m, start: moved.get(m.start)!, end: moved.get(m.end)! })) };
}
