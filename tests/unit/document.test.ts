import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Node as PMNode } from '@tiptap/pm/model';
import {
  offsetToPos,
  posToOffset,
  textBlocks,
  toDocJson,
  type DocJsonNode,
  type TextBlock,
} from '@/lib/anchoring/document';

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

const NBSP = '\u00A0';
const NNBSP = '\u202F';

/** French sample: accents, « guillemets » with NBSP / NNBSP, curly ’, emoji
 *  surrogate pairs, single line breaks, and 3- and 4-newline separators. */
const SAMPLE = [
  `«${NBSP}Nous n’avons jamais dit ça${NBSP}», affirme le ministre de l’Économie, Éric Lombard, à l’Assemblée.`,
  '\n\n',
  `Selon l’Insee, le déficit atteindrait 5,8${NNBSP}% du PIB${NNBSP}; «${NNBSP}c’est inédit${NNBSP}» 🇫🇷 😀.`,
  '\n\n\n',
  'Première ligne\nDeuxième ligne après un saut\nTroisième : « où » ça ?',
  '\n\n',
  'Œuvre, cœur, naïf, Noël — déjà vu… 👍🏽 fin.',
  '\n\n\n\n',
  'Dernier paragraphe\navec un saut de ligne.',
].join('');

function loadSeed(): string {
  const raw = readFileSync(
    path.resolve(import.meta.dirname, '../../prisma/seed/000_add87bbc9c27a4d0.txt'),
    'utf8',
  );
  return raw.replace(/^\s*date\s+\d{4}-\d{2}\s+/, '').trim();
}
const SEED = loadSeed();

const FIXTURES: Record<string, string> = {
  sample: SAMPLE,
  'sample with leading/trailing newlines': `\n\n\n${SAMPLE}\n\n`,
  'sample with single leading/trailing newline': `\n${SAMPLE}\n`,
  'sample normalised to \\n\\n separators': SAMPLE.replace(/\n{2,}/g, '\n\n'),
  seed: SEED,
};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const schema = getSchema([StarterKit]);

function buildDoc(text: string): PMNode {
  const doc = PMNode.fromJSON(schema, toDocJson(text));
  doc.check(); // throws if the JSON violates the schema (e.g. empty text nodes)
  return doc;
}

function between(doc: PMNode, from: number, to: number): string {
  return doc.textBetween(from, to, '\n\n', '\n');
}

/** Content start position of each paragraph: 1 + Σ (len + 2). */
function contentStarts(blocks: TextBlock[]): number[] {
  const starts: number[] = [];
  let pos = 1;
  for (const b of blocks) {
    starts.push(pos);
    pos += b.end - b.start + 2;
  }
  return starts;
}

/** Every offset inside a paragraph, boundaries included. */
function inParagraphOffsets(blocks: TextBlock[]): number[] {
  const out: number[] = [];
  for (const b of blocks) for (let o = b.start; o <= b.end; o++) out.push(o);
  return out;
}

/** Separator runs (2+ newlines) collapse to exactly "\n\n" in ProseMirror's textBetween. */
function normaliseSeparators(s: string): string {
  return s.replace(/\n{2,}/g, '\n\n');
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// ---------------------------------------------------------------------------
// Fixture sanity
// ---------------------------------------------------------------------------

describe('fixtures', () => {
  it('seed has its header removed and is trimmed', () => {
    expect(SEED.startsWith('Les présidents russes')).toBe(true);
    expect(SEED).toBe(SEED.trim());
    expect(SEED).not.toMatch(/date 2025-07/);
    expect(textBlocks(SEED).length).toBeGreaterThan(5);
  });

  it('sample contains the tricky characters', () => {
    for (const ch of [NBSP, NNBSP, '’', '«', '»', 'É', '\n\n\n', '\n\n\n\n']) {
      expect(SAMPLE).toContain(ch);
    }
    expect(SAMPLE).toMatch(/[^\n]\n[^\n]/); // single line break
    expect(/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(SAMPLE)).toBe(true); // surrogate pair
  });
});

// ---------------------------------------------------------------------------
// textBlocks
// ---------------------------------------------------------------------------

describe('textBlocks', () => {
  it.each<[string, TextBlock[]]>([
    ['', []],
    ['\n', []],
    ['\n\n\n', []],
    ['a', [{ start: 0, end: 1 }]],
    ['abc', [{ start: 0, end: 3 }]],
    ['a\nb', [{ start: 0, end: 3 }]],
    ['a\n\nb', [{ start: 0, end: 1 }, { start: 3, end: 4 }]],
    ['a\n\n\nb', [{ start: 0, end: 1 }, { start: 4, end: 5 }]],
    ['a\n\n\n\n\nb\nc', [{ start: 0, end: 1 }, { start: 6, end: 9 }]],
    ['\n\na\n\n', [{ start: 2, end: 3 }]],
    ['\na\n', [{ start: 1, end: 2 }]],
    ['\na\nb\n', [{ start: 1, end: 4 }]],
    [' \n\n ', [{ start: 0, end: 1 }, { start: 3, end: 4 }]],
    ['ab\n\ncd\n\nef', [{ start: 0, end: 2 }, { start: 4, end: 6 }, { start: 8, end: 10 }]],
  ])('textBlocks(%j)', (text, expected) => {
    expect(textBlocks(text)).toEqual(expected);
  });

  it.each(Object.entries(FIXTURES))('invariants on %s', (_name, text) => {
    const blocks = textBlocks(text);
    let prevEnd = 0;
    for (const [i, b] of blocks.entries()) {
      const para = text.slice(b.start, b.end);
      expect(para.length).toBeGreaterThan(0);
      expect(para.startsWith('\n')).toBe(false);
      expect(para.endsWith('\n')).toBe(false);
      expect(para).not.toContain('\n\n');
      const gap = text.slice(prevEnd, b.start);
      expect(gap).toMatch(i === 0 ? /^\n*$/ : /^\n{2,}$/);
      prevEnd = b.end;
    }
    expect(text.slice(prevEnd)).toMatch(/^\n*$/);
  });
});

// ---------------------------------------------------------------------------
// toDocJson
// ---------------------------------------------------------------------------

describe('toDocJson', () => {
  it('builds paragraphs with text and hardBreak nodes', () => {
    expect(toDocJson('a\nb\n\nc')).toEqual({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }],
        },
        { type: 'paragraph', content: [{ type: 'text', text: 'c' }] },
      ],
    });
  });

  it('never emits empty text nodes', () => {
    expect(toDocJson('a\n\n\nb')).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'a' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'b' }] },
      ],
    });
    const json = JSON.stringify(toDocJson(SAMPLE));
    expect(json).not.toContain('"text":""');
  });

  it('gives a single empty paragraph (no content) for an empty or newline-only text', () => {
    for (const t of ['', '\n', '\n\n\n']) {
      expect(toDocJson(t)).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
      const doc = buildDoc(t);
      expect(doc.childCount).toBe(1);
      expect(doc.content.size).toBe(2);
      expect(offsetToPos(textBlocks(t), 0)).toBe(1);
      expect(posToOffset(textBlocks(t), 1)).toBe(0);
    }
  });

  it.each(Object.entries(FIXTURES))('reconstructs each paragraph exactly on %s', (_name, text) => {
    const blocks = textBlocks(text);
    const json = toDocJson(text);
    expect(json.content).toHaveLength(blocks.length);
    const flatten = (nodes: DocJsonNode[] | undefined): string =>
      (nodes ?? []).map((n) => (n.type === 'hardBreak' ? '\n' : (n.text ?? ''))).join('');
    for (const [i, b] of blocks.entries()) {
      const p = json.content[i];
      expect(p?.type).toBe('paragraph');
      expect(flatten(p?.content)).toBe(text.slice(b.start, b.end));
      for (const child of p?.content ?? []) {
        expect(['text', 'hardBreak']).toContain(child.type);
        if (child.type === 'text') expect(child.text?.length ?? 0).toBeGreaterThan(0);
      }
    }
  });
});

// ---------------------------------------------------------------------------
// offsetToPos / posToOffset (pure arithmetic)
// ---------------------------------------------------------------------------

describe('offsetToPos / posToOffset', () => {
  it('maps a small example by hand', () => {
    const text = 'ab\ncd\n\n\nef';
    const blocks = textBlocks(text); // [0,5) and [8,10)
    expect(blocks).toEqual([{ start: 0, end: 5 }, { start: 8, end: 10 }]);
    // paragraph 0 content: pos 1..6; paragraph 1 content starts at 1 + 5 + 2 = 8
    expect([0, 1, 2, 3, 4, 5].map((o) => offsetToPos(blocks, o))).toEqual([1, 2, 3, 4, 5, 6]);
    expect([5, 6, 7].map((o) => offsetToPos(blocks, o))).toEqual([6, 6, 6]); // separator → end of prev
    expect([8, 9, 10].map((o) => offsetToPos(blocks, o))).toEqual([8, 9, 10]);
    expect(posToOffset(blocks, 0)).toBe(0);
    expect(posToOffset(blocks, 7)).toBe(5); // between paragraphs → end of previous
    expect(posToOffset(blocks, 8)).toBe(8);
    expect(posToOffset(blocks, 10)).toBe(10);
    expect(posToOffset(blocks, 11)).toBe(10); // after last paragraph
  });

  it.each(Object.entries(FIXTURES))('round-trips offset → pos → offset for every in-paragraph offset (%s)', (_name, text) => {
    const blocks = textBlocks(text);
    const starts = contentStarts(blocks);
    for (const [i, b] of blocks.entries()) {
      const cs = starts[i]!;
      for (let o = b.start; o <= b.end; o++) {
        const pos = offsetToPos(blocks, o);
        expect(pos).toBe(cs + (o - b.start));
        expect(posToOffset(blocks, pos)).toBe(o);
      }
    }
  });

  it.each(Object.entries(FIXTURES))('round-trips pos → offset → pos for every in-paragraph position (%s)', (_name, text) => {
    const blocks = textBlocks(text);
    const starts = contentStarts(blocks);
    for (const [i, b] of blocks.entries()) {
      const cs = starts[i]!;
      for (let p = cs; p <= cs + (b.end - b.start); p++) {
        expect(offsetToPos(blocks, posToOffset(blocks, p))).toBe(p);
      }
    }
  });

  it.each(Object.entries(FIXTURES))('maps separator / leading / trailing offsets consistently (%s)', (_name, text) => {
    const blocks = textBlocks(text);
    const first = blocks[0]!;
    const last = blocks[blocks.length - 1]!;
    for (let o = 0; o < first.start; o++) expect(offsetToPos(blocks, o)).toBe(1);
    for (let i = 1; i < blocks.length; i++) {
      const prev = blocks[i - 1]!;
      const cur = blocks[i]!;
      const endPos = offsetToPos(blocks, prev.end);
      for (let o = prev.end; o < cur.start; o++) expect(offsetToPos(blocks, o)).toBe(endPos);
      expect(offsetToPos(blocks, cur.start)).toBe(endPos + 2);
      expect(posToOffset(blocks, endPos + 1)).toBe(prev.end); // between paragraphs
    }
    const lastEndPos = offsetToPos(blocks, last.end);
    for (let o = last.end; o <= text.length; o++) expect(offsetToPos(blocks, o)).toBe(lastEndPos);
  });

  it.each(Object.entries(FIXTURES))('clamps out-of-range input (%s)', (_name, text) => {
    const blocks = textBlocks(text);
    const first = blocks[0]!;
    const last = blocks[blocks.length - 1]!;
    const docSize = contentStarts(blocks).at(-1)! + (last.end - last.start) + 1;
    expect(offsetToPos(blocks, -1)).toBe(1);
    expect(offsetToPos(blocks, -1000)).toBe(1);
    expect(offsetToPos(blocks, text.length + 1)).toBe(docSize - 1);
    expect(offsetToPos(blocks, Number.MAX_SAFE_INTEGER)).toBe(docSize - 1);
    expect(offsetToPos(blocks, Number.NaN)).toBe(offsetToPos(blocks, 0));
    expect(posToOffset(blocks, -5)).toBe(first.start);
    expect(posToOffset(blocks, 0)).toBe(first.start);
    expect(posToOffset(blocks, docSize)).toBe(last.end);
    expect(posToOffset(blocks, docSize + 100)).toBe(last.end);
  });

  it('handles empty blocks', () => {
    expect(offsetToPos([], 0)).toBe(1);
    expect(offsetToPos([], 5)).toBe(1);
    expect(posToOffset([], 0)).toBe(0);
    expect(posToOffset([], 3)).toBe(0);
  });

  it.each(Object.entries(FIXTURES))('is monotonic (%s)', (_name, text) => {
    const blocks = textBlocks(text);
    let prev = -Infinity;
    for (let o = -2; o <= text.length + 2; o++) {
      const p = offsetToPos(blocks, o);
      expect(p).toBeGreaterThanOrEqual(prev);
      prev = p;
    }
    prev = -Infinity;
    const size = buildDoc(text).content.size;
    for (let p = -2; p <= size + 2; p++) {
      const o = posToOffset(blocks, p);
      expect(o).toBeGreaterThanOrEqual(prev);
      prev = o;
    }
  });
});

// ---------------------------------------------------------------------------
// Against real ProseMirror (TipTap StarterKit schema)
// ---------------------------------------------------------------------------

describe('against a real ProseMirror document', () => {
  it('the StarterKit schema has the nodes we rely on', () => {
    expect(schema.nodes.paragraph).toBeDefined();
    expect(schema.nodes.hardBreak).toBeDefined();
    expect(schema.nodes.text).toBeDefined();
  });

  it.each(Object.entries(FIXTURES))('doc structure matches the blocks (%s)', (_name, text) => {
    const blocks = textBlocks(text);
    const doc = buildDoc(text);
    expect(doc.childCount).toBe(blocks.length);
    const last = blocks[blocks.length - 1]!;
    expect(doc.content.size).toBe(contentStarts(blocks).at(-1)! + (last.end - last.start) + 1);
    // whole-document text, separators normalised to "\n\n"
    expect(between(doc, 0, doc.content.size)).toBe(normaliseSeparators(text.replace(/^\n+|\n+$/g, '')));
  });

  it.each(Object.entries(FIXTURES))('every in-paragraph offset resolves inside the right paragraph (%s)', (_name, text) => {
    const blocks = textBlocks(text);
    const doc = buildDoc(text);
    for (const [i, b] of blocks.entries()) {
      for (let o = b.start; o <= b.end; o++) {
        const $pos = doc.resolve(offsetToPos(blocks, o));
        expect($pos.parent.type.name).toBe('paragraph');
        expect($pos.index(0)).toBe(i);
        expect($pos.parentOffset).toBe(o - b.start);
      }
    }
  });

  it.each(Object.entries(FIXTURES))('single characters match one by one, hard breaks included (%s)', (_name, text) => {
    const blocks = textBlocks(text);
    const doc = buildDoc(text);
    for (const b of blocks) {
      for (let o = b.start; o < b.end; o++) {
        const pos = offsetToPos(blocks, o);
        expect(between(doc, pos, pos + 1)).toBe(text[o]);
        expect(posToOffset(blocks, pos)).toBe(o);
      }
    }
  });

  it('textBetween equals text.slice for EVERY in-paragraph (start, end) pair of the sample', () => {
    for (const text of [SAMPLE, SAMPLE.replace(/\n{2,}/g, '\n\n')]) {
      const blocks = textBlocks(text);
      const doc = buildDoc(text);
      const offsets = inParagraphOffsets(blocks);
      const exact = !/\n{3,}/.test(text);
      let checked = 0;
      for (let a = 0; a < offsets.length; a++) {
        const s = offsets[a]!;
        const from = offsetToPos(blocks, s);
        for (let c = a; c < offsets.length; c++) {
          const e = offsets[c]!;
          const got = between(doc, from, offsetToPos(blocks, e));
          const slice = text.slice(s, e);
          // With "\n\n" separators the match is exact; longer separators collapse to "\n\n".
          const want = exact ? slice : normaliseSeparators(slice);
          if (got !== want) expect(got, `s=${s} e=${e}`).toBe(want);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(50_000);
    }
  });

  it('textBetween equals text.slice exactly on the real seed (strided + random pairs, cross-paragraph)', () => {
    const text = SEED;
    expect(text).not.toMatch(/\n{3,}/);
    const blocks = textBlocks(text);
    const doc = buildDoc(text);
    const offsets = inParagraphOffsets(blocks);
    const check = (s: number, e: number) => {
      const got = between(doc, offsetToPos(blocks, s), offsetToPos(blocks, e));
      const want = text.slice(s, e);
      if (got !== want) expect(got, `s=${s} e=${e}`).toBe(want);
    };
    // strided grid
    for (let a = 0; a < offsets.length; a += 7) {
      for (let c = a; c < offsets.length; c += 13) check(offsets[a]!, offsets[c]!);
    }
    // all paragraph boundaries against each other
    const bounds = blocks.flatMap((b) => [b.start, b.end]);
    for (const s of bounds) for (const e of bounds) if (s <= e) check(s, e);
    // random pairs
    const rnd = lcg(42);
    for (let k = 0; k < 5000; k++) {
      const x = offsets[Math.floor(rnd() * offsets.length)]!;
      const y = offsets[Math.floor(rnd() * offsets.length)]!;
      check(Math.min(x, y), Math.max(x, y));
    }
  });

  it('claim-like ranges on the seed are highlighted exactly', () => {
    const text = SEED;
    const blocks = textBlocks(text);
    const doc = buildDoc(text);
    for (const exact of ['Les présidents russes', 'Azerbaïdjan', 'Sotchi', 'lundi, à Sotchi.']) {
      const start = text.indexOf(exact);
      expect(start).toBeGreaterThanOrEqual(0);
      const end = start + exact.length;
      expect(between(doc, offsetToPos(blocks, start), offsetToPos(blocks, end))).toBe(exact);
    }
    // a range spanning two paragraphs
    const b0 = blocks[0]!;
    const b1 = blocks[1]!;
    const s = b0.end - 7;
    const e = b1.start + 5;
    expect(between(doc, offsetToPos(blocks, s), offsetToPos(blocks, e))).toBe(text.slice(s, e));
    expect(text.slice(s, e)).toContain('\n\n');
  });

  it('emoji surrogate pairs and NBSP/NNBSP map exactly', () => {
    const text = SAMPLE;
    const blocks = textBlocks(text);
    const doc = buildDoc(text);
    for (const exact of ['🇫🇷 😀', '👍🏽', `«${NBSP}Nous n’avons jamais dit ça${NBSP}»`, `5,8${NNBSP}%`, 'Première ligne\nDeuxième']) {
      const start = text.indexOf(exact);
      expect(start).toBeGreaterThanOrEqual(0);
      const end = start + exact.length;
      expect(between(doc, offsetToPos(blocks, start), offsetToPos(blocks, end))).toBe(exact);
    }
  });

  it('positions between paragraphs and out of range clamp consistently with the doc', () => {
    const text = SAMPLE;
    const blocks = textBlocks(text);
    const doc = buildDoc(text);
    // every position in the document maps to an offset whose position is the
    // nearest in-paragraph position at or before it (or the first paragraph start)
    for (let p = 0; p <= doc.content.size; p++) {
      const o = posToOffset(blocks, p);
      const back = offsetToPos(blocks, o);
      const $p = doc.resolve(p);
      if ($p.parent.type.name === 'paragraph') expect(back).toBe(p);
      else if (p === 0) expect(back).toBe(1);
      else expect(back).toBe(p - 1); // after a paragraph's closing token → its end
    }
  });
});

// ---------------------------------------------------------------------------
// Newsroom size: the highlights map every claim's two offsets, so mapping must
// not walk the paragraphs (5,000 claims × 2,000 paragraphs was quadratic).
// ---------------------------------------------------------------------------

/** The definition, paragraph by paragraph, as the module comment states it. */
function referenceOffsetToPos(blocks: TextBlock[], offset: number): number {
  const off = Number.isNaN(offset) ? 0 : Math.trunc(offset);
  let contentStart = 1;
  let prevEndPos = -1;
  for (const block of blocks) {
    if (off < block.start) return prevEndPos < 0 ? contentStart : prevEndPos;
    if (off <= block.end) return contentStart + (off - block.start);
    prevEndPos = contentStart + (block.end - block.start);
    contentStart = prevEndPos + 2;
  }
  return prevEndPos < 0 ? 1 : prevEndPos;
}

function referencePosToOffset(blocks: TextBlock[], pos: number): number {
  const p = Number.isNaN(pos) ? 0 : Math.trunc(pos);
  let contentStart = 1;
  let prevEnd = -1;
  for (const block of blocks) {
    if (p < contentStart) return prevEnd < 0 ? block.start : prevEnd;
    const len = block.end - block.start;
    if (p <= contentStart + len) return block.start + (p - contentStart);
    prevEnd = block.end;
    contentStart += len + 2;
  }
  return prevEnd < 0 ? 0 : prevEnd;
}

/** About 200,000 characters of French paragraphs (2 to 4 newlines between them). */
function newsroomText(): string {
  const rnd = lcg(7);
  const parts: string[] = [];
  let length = 0;
  while (length < 200_000) {
    const para = SAMPLE.replace(/\n+/g, ' ').slice(0, 40 + Math.floor(rnd() * 120));
    const sep = '\n'.repeat(2 + Math.floor(rnd() * 3));
    parts.push(para, sep);
    length += para.length + sep.length;
  }
  return parts.join('');
}

describe('mapping at newsroom size', () => {
  const text = newsroomText();
  const blocks = textBlocks(text);

  it('agrees with the paragraph-by-paragraph definition on every offset and position', () => {
    expect(blocks.length).toBeGreaterThan(1000);
    for (let o = -3; o <= text.length + 3; o += 1) {
      const got = offsetToPos(blocks, o);
      const want = referenceOffsetToPos(blocks, o);
      if (got !== want) expect(got, `offset ${o}`).toBe(want);
    }
    const size = buildDoc(text).content.size;
    const rnd = lcg(3);
    for (let k = 0; k < 20_000; k++) {
      const p = Math.floor(rnd() * (size + 6)) - 3;
      const got = posToOffset(blocks, p);
      const want = referencePosToOffset(blocks, p);
      if (got !== want) expect(got, `pos ${p}`).toBe(want);
    }
  }, 60_000);

  it('maps 100,000 offsets both ways on 20,000 paragraphs without walking them', () => {
    // 200,000 characters of one-line paragraphs (e.g. a live blog): the worst case for a walk.
    const short = Array.from({ length: 20_000 }, (_, i) => `Ligne n°${String(i).padStart(5, '0')}`).join('\n\n');
    const shortBlocks = textBlocks(short);
    const rnd = lcg(11);
    const offsets = Array.from({ length: 100_000 }, () => Math.floor(rnd() * short.length));
    const started = performance.now();
    let mismatches = 0;
    for (const o of offsets) {
      const back = posToOffset(shortBlocks, offsetToPos(shortBlocks, o));
      if (back !== o && short.charCodeAt(o) !== 10) mismatches++;
    }
    const elapsed = performance.now() - started;
    expect(mismatches).toBe(0);
    // Walking ~10,000 paragraphs per lookup takes seconds here; a binary search, milliseconds.
    expect(elapsed).toBeLessThan(500);
  });

  it('a new blocks array for a changed text is mapped with its own paragraphs', () => {
    const before = textBlocks('ab\n\ncd');
    expect(offsetToPos(before, 4)).toBe(5);
    const after = textBlocks('abcdef\n\ncd');
    expect(offsetToPos(after, 8)).toBe(9);
    expect(offsetToPos(before, 4)).toBe(5);
  });
});
