// Property tests of the canonical text (lib/articles/canonical.ts): for any
// structure written as HTML or Markdown, the parsers give back exactly the
// expected text and ranges, every range lies on code-point boundaries inside
// one block, the text holds no markup, and the editor document built from the
// structure (lib/anchoring/document.ts) reads back as exactly the text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Node as PMNode } from '@tiptap/pm/model';
import { articleStructureSchema, structureProblems, type ArticleStructure, type StructureBlock, type StructureMark } from '@/lib/articles/canonical';
import { parseHtml } from '@/lib/articles/html';
import { parseMarkdown } from '@/lib/articles/markdown';
import { offsetToPos, posToOffset, textBlocks, toDocJson } from '@/lib/anchoring/document';
import { ArticleStructure as StructureExtension } from '@/components/article-structure';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

type Mark = null | { kind: 'emphasis' | 'strong' } | { kind: 'link'; href: string };
interface Segment {
  words: string[];
  mark: Mark;
}
type Kind = { kind: 'paragraph' } | { kind: 'heading'; level: number } | { kind: 'listItem'; ordered: boolean; depth: number };
interface Block {
  kind: Kind;
  quote: number;
  segments: Segment[];
  /** Between segments: a space or a line break. */
  breaks: boolean[];
}

// French text as newsrooms write it: accents, ’, « » with non-breaking spaces inside words' reach,
// emoji (flags, skin tones), a letter with a combining accent (NFC makes it one), and, for HTML, & < >.
const COMMON = ['a', 'e', 'l', 'é', 'è', 'à', 'ç', 'œ', 'É', 'ï', '’', '«', '»', ',', '%', '5', '🇫🇷', '😀', '👍🏽', 'e\u0301', 'n\u0303'];
const HTML_CHARS = [...COMMON, '&', '<', '>', '"', "'", '*', '#', '[', ']'];

const word = (chars: string[]) =>
  fc
    .tuple(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 5 }), fc.option(fc.tuple(fc.constantFrom(NBSP, NNBSP), fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 4 }))))
    .map(([a, b]) => a.join('') + (b ? b[0] + b[1].join('') : ''));

const HREFS = ['https://exemple.fr/a', 'http://b.fr/?q=1&r=2', 'mailto:redaction@exemple.fr', 'https://www.insee.fr/fr/statistiques'];
const mark: fc.Arbitrary<Mark> = fc.oneof(
  fc.constant(null),
  fc.constant(null),
  fc.constantFrom({ kind: 'emphasis' as const }, { kind: 'strong' as const }),
  fc.constantFrom(...HREFS).map((href) => ({ kind: 'link' as const, href })),
);
const segment = (chars: string[]) => fc.record({ words: fc.array(word(chars), { minLength: 1, maxLength: 4 }), mark });

const htmlKind: fc.Arbitrary<Kind> = fc.oneof(
  fc.constant({ kind: 'paragraph' as const }),
  fc.integer({ min: 1, max: 6 }).map((level) => ({ kind: 'heading' as const, level })),
  fc.record({ kind: fc.constant('listItem' as const), ordered: fc.boolean(), depth: fc.integer({ min: 1, max: 4 }) }),
);

const block = (chars: string[], kind: fc.Arbitrary<Kind>, maxQuote: number) =>
  fc
    .record({ kind, quote: fc.integer({ min: 0, max: maxQuote }), segments: fc.array(segment(chars), { minLength: 1, maxLength: 4 }), breaks: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }) })
    .map((b): Block => (b.kind.kind === 'heading' ? { ...b, breaks: b.breaks.map(() => false) } : b));

/** What the parsers must give: the text (NFC) and the ranges, computed from the model directly. */
function expected(blocks: Block[]): { text: string; structure: ArticleStructure } {
  let text = '';
  const outBlocks: StructureBlock[] = [];
  const marks: StructureMark[] = [];
  for (const b of blocks) {
    if (text !== '') text += '\n\n';
    const start = text.length;
    b.segments.forEach((s, i) => {
      if (i > 0) text += b.breaks[i - 1] ? '\n' : ' ';
      const from = text.length;
      text += s.words.map((w) => w.normalize('NFC')).join(' ');
      if (s.mark) marks.push(s.mark.kind === 'link' ? { kind: 'link', href: s.mark.href, start: from, end: text.length } : { kind: s.mark.kind, start: from, end: text.length });
    });
    const k = b.kind;
    const base = { start, end: text.length, quote: b.quote };
    if (k.kind === 'heading') outBlocks.push({ ...base, kind: 'heading', level: k.level, depth: 0 });
    else if (k.kind === 'listItem') outBlocks.push(k.ordered ? { ...base, kind: 'listItem', ordered: true, number: 1, depth: k.depth } : { ...base, kind: 'listItem', ordered: false, depth: k.depth });
    else outBlocks.push({ ...base, kind: 'paragraph', depth: 0 });
  }
  return { text, structure: { blocks: outBlocks, marks } };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const SPACES = [' ', '  ', '\n', ' \t\n '];

function toHtml(blocks: Block[], spacing: string): string {
  return blocks
    .map((b) => {
      const inline = b.segments
        .map((s) => {
          const words = s.words.map(escapeHtml).join(spacing);
          if (!s.mark) return words;
          if (s.mark.kind === 'link') return `<a href="${escapeHtml(s.mark.href)}" onclick="alert(1)">${words}</a>`;
          return s.mark.kind === 'emphasis' ? `<em>${words}</em>` : `<strong>${words}</strong>`;
        })
        .reduce((acc, s, i) => (i === 0 ? s : acc + (b.breaks[i - 1] ? `${spacing}<br>${spacing}` : spacing) + s), '');
      const k = b.kind;
      let html: string;
      if (k.kind === 'heading') html = `<h${k.level}>${spacing}${inline}</h${k.level}>`;
      else if (k.kind === 'paragraph') html = `<p>${inline}${spacing}</p>`;
      else {
        const tag = k.ordered ? 'ol' : 'ul';
        html = '<ul><li>'.repeat(k.depth - 1) + `<${tag}><li>${inline}</li></${tag}>` + '</li></ul>'.repeat(k.depth - 1);
      }
      return '<blockquote>'.repeat(b.quote) + html + '</blockquote>'.repeat(b.quote);
    })
    .join(spacing);
}

function toMarkdown(blocks: Block[]): string {
  return blocks
    .map((b) => {
      const inline = b.segments
        .map((s) => {
          const words = s.words.join(' ');
          if (!s.mark) return words;
          if (s.mark.kind === 'link') return `[${words}](${s.mark.href})`;
          return s.mark.kind === 'emphasis' ? `*${words}*` : `**${words}**`;
        })
        .reduce((acc, s, i) => (i === 0 ? s : acc + (b.breaks[i - 1] ? '\\\n' : ' ') + s), '');
      const k = b.kind;
      const body = k.kind === 'heading' ? `${'#'.repeat(k.level)} ${inline}` : k.kind === 'listItem' ? `- ${inline.replace(/\n/g, '\n  ')}` : inline;
      return body
        .split('\n')
        .map((line) => '> '.repeat(b.quote) + line)
        .join('\n');
    })
    .join('\n\n');
}

/** Every mark and block edge between two code points; the text holds none of the tags written (the words may hold < and >). */
function checkInvariants(text: string, structure: ArticleStructure): void {
  expect(structureProblems(text, structure)).toEqual([]);
  expect(articleStructureSchema.parse(structure)).toEqual(structure);
  expect(text).not.toMatch(/<\/?(?:p|em|strong|br|li|ul|ol|h\d|blockquote|script|article|a href)|alert|onclick/i);
  expect(text.normalize('NFC')).toBe(text);
  expect(textBlocks(text)).toEqual(structure.blocks.map(({ start, end }) => ({ start, end })));
}

const schema = getSchema([StarterKit.configure({ link: { openOnClick: false, autolink: false } }), StructureExtension]);

describe('canonical text: HTML', () => {
  it('gives back exactly the text and structure written, for any structure', () => {
    fc.assert(
      fc.property(fc.array(block(HTML_CHARS, htmlKind, 2), { minLength: 1, maxLength: 6 }), fc.constantFrom(...SPACES), (blocks, spacing) => {
        const parsed = parseHtml(`<article>${toHtml(blocks, spacing)}<script>alert(1)</script></article>`);
        const want = expected(blocks);
        expect(parsed.text).toBe(want.text);
        expect(parsed.structure.blocks).toEqual(want.structure.blocks);
        expect(parsed.structure.marks).toEqual(
          [...want.structure.marks].map((m) => (m.kind === 'link' ? { ...m, href: new URL(m.href!).href } : m)).sort((a, b) => a.start - b.start || b.end - a.end),
        );
        checkInvariants(parsed.text, parsed.structure);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('keeps every range on code-point boundaries inside the text, whatever the HTML', () => {
    const fragment = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.constantFrom('<p>', '</p>', '<em>', '</em>', '<b>', '</b>', '<br>', '<ul><li>', '</li></ul>', '<ol start="9">', '<blockquote>', '</blockquote>', '<h3>', '</h3>', '<a href="https://x.fr">', '</a>', '&nbsp;', '&#x301;', '&#55357;', ' ', '\n', '<pre>', '</pre>', '<script>', '</script>', '<!--', '-->'),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        const { text, structure } = parseHtml(parts.join(''));
        expect(structureProblems(text, structure)).toEqual([]);
        expect(textBlocks(text)).toEqual(structure.blocks.map(({ start, end }) => ({ start, end })));
      }),
      { numRuns: 500 },
    );
  }, 60_000);
});

describe('canonical text: Markdown', () => {
  const MD_CHARS = COMMON.filter((c) => !['5'].includes(c));
  const mdKind: fc.Arbitrary<Kind> = fc.oneof(
    fc.constant({ kind: 'paragraph' as const }),
    fc.integer({ min: 1, max: 6 }).map((level) => ({ kind: 'heading' as const, level })),
    fc.constant({ kind: 'listItem' as const, ordered: false, depth: 1 }),
  );

  it('gives back exactly the text and structure written, for any structure', () => {
    fc.assert(
      fc.property(fc.array(block(MD_CHARS, mdKind, 1), { minLength: 1, maxLength: 6 }), (blocks) => {
        const parsed = parseMarkdown(toMarkdown(blocks));
        const want = expected(blocks);
        expect(parsed.text).toBe(want.text);
        expect(parsed.structure.blocks).toEqual(want.structure.blocks);
        expect(parsed.structure.marks.map((m) => [m.kind, m.start, m.end])).toEqual(want.structure.marks.map((m) => [m.kind, m.start, m.end]));
        checkInvariants(parsed.text, parsed.structure);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe('the editor document of a structured text', () => {
  it('reads back as exactly the canonical text, with each mark on exactly its characters, and positions map both ways', () => {
    fc.assert(
      fc.property(fc.array(block(HTML_CHARS, htmlKind, 2), { minLength: 1, maxLength: 6 }), (blocks) => {
        const { text, structure } = parseHtml(toHtml(blocks, ' '));
        const doc = PMNode.fromJSON(schema, toDocJson(text, structure));
        doc.check();
        expect(doc.textBetween(0, doc.content.size, '\n\n', '\n')).toBe(text);
        const ranges = textBlocks(text);
        expect(doc.childCount).toBe(ranges.length);
        for (let offset = 0; offset <= text.length; offset++) {
          const inside = ranges.some((r) => offset >= r.start && offset <= r.end);
          if (inside) expect(posToOffset(ranges, offsetToPos(ranges, offset))).toBe(offset);
        }
        const names = { emphasis: 'italic', strong: 'bold', link: 'link' } as const;
        for (const m of structure.marks) {
          const from = offsetToPos(ranges, m.start);
          const to = offsetToPos(ranges, m.end);
          expect(doc.textBetween(from, to, '\n\n', '\n')).toBe(text.slice(m.start, m.end));
          doc.nodesBetween(from, to, (node) => {
            if (node.isText) expect(node.marks.some((x) => x.type.name === names[m.kind] && (m.kind !== 'link' || x.attrs.href === m.href))).toBe(true);
          });
        }
        doc.forEach((node, _offset, i) => {
          const b = structure.blocks[i]!;
          expect(node.type.name).toBe(b.kind === 'heading' ? 'heading' : 'paragraph');
          if (b.kind === 'heading') expect(node.attrs.level).toBe(Math.min(b.level! + 1, 6));
          expect([node.attrs.listItem, node.attrs.depth, node.attrs.quote]).toEqual([b.kind === 'listItem', b.depth, b.quote]);
        });
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('stays as it was for plain text (no structure)', () => {
    const text = `«${NBSP}Un${NBSP}»\nligne\n\ndeux`;
    expect(toDocJson(text, null)).toEqual(toDocJson(text));
    expect(toDocJson(text).content.map((n) => n.type)).toEqual(['paragraph', 'paragraph']);
  });
});
