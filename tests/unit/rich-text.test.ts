import { describe, expect, it } from 'vitest';
import {
  MAX_DEPTH,
  MAX_NODES,
  RATIONALE_LIMIT,
  docFromPlainText,
  emptyDoc,
  fromEditorJson,
  isAllowedLink,
  parseRichText,
  plainText,
  readStoredRichText,
  richTextDocSchema,
  type RichTextDoc,
} from '@/lib/rich-text';
import { parseInput } from '@/lib/validation';
import { DomainError } from '@/lib/errors';

const text = (t: string, marks?: unknown[]) => (marks ? { type: 'text', text: t, marks } : { type: 'text', text: t });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const item = (...content: unknown[]) => ({ type: 'listItem', content });
const link = (href: string) => ({ type: 'link', attrs: { href } });

/** Everything a rationale may hold, once. */
const full = {
  type: 'doc',
  content: [
    paragraph(text('Le chiffre est '), text('faux', [{ type: 'bold' }]), text(', selon '), text('l’Insee', [link('https://www.insee.fr/'), { type: 'italic' }]), text('.')),
    {
      type: 'bulletList',
      content: [item(paragraph(text('premier point'))), item(paragraph(text('second')), { type: 'bulletList', content: [item(paragraph(text('imbriqué')))] })],
    },
    { type: 'orderedList', attrs: { start: 3 }, content: [item(paragraph(text('trois'))), item(paragraph(text('quatre')))] },
    { type: 'blockquote', content: [paragraph(text('Citation'), { type: 'hardBreak' }, text('sur deux lignes'))] },
  ],
} as const;

/** The refusal's issues, as parseInput reports them (the 422 of the API). */
function refused(value: unknown): { path: (string | number)[]; key: string; message: string; params?: unknown }[] {
  try {
    parseInput(richTextDocSchema, value);
  } catch (error) {
    if (error instanceof DomainError) return error.issues;
    throw error;
  }
  throw new Error('accepted');
}

function nested(depth: number): unknown {
  // Built bottom-up without recursion: quotes in quotes.
  let node: unknown = paragraph(text('fond'));
  for (let i = 0; i < depth; i += 1) node = { type: 'blockquote', content: [node] };
  return { type: 'doc', content: [node] };
}

describe('the rationale document', () => {
  it('accepts paragraphs, lists, quotes, line breaks, bold, italic and http(s) links', () => {
    expect(parseRichText(full)).toEqual(full);
    expect(parseRichText(emptyDoc())).toEqual(emptyDoc());
  });

  it('survives a trip through JSON (as stored) unchanged', () => {
    expect(readStoredRichText(JSON.stringify(full))).toEqual(full);
  });

  it.each([
    ['javascript: link', { type: 'doc', content: [paragraph(text('clic', [link('javascript:alert(1)')]))] }, ['content', 0, 'content', 0, 'marks', 0, 'attrs', 'href']],
    ['data: link', { type: 'doc', content: [paragraph(text('clic', [link('data:text/html,<script>alert(1)</script>')]))] }, ['content', 0, 'content', 0, 'marks', 0, 'attrs', 'href']],
    ['unknown node (heading)', { type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [text('Titre')] }] }, ['content', 0, 'type']],
    ['raw HTML node', { type: 'doc', content: [{ type: 'html', html: '<img src=x onerror=alert(1)>' }] }, ['content', 0, 'type']],
    ['unknown mark (code)', { type: 'doc', content: [paragraph(text('x', [{ type: 'code' }]))] }, ['content', 0, 'content', 0, 'marks', 0, 'type']],
    ['style attribute on a paragraph', { type: 'doc', content: [{ type: 'paragraph', attrs: { style: 'color:red' }, content: [text('x')] }] }, ['content', 0, 'attrs']],
    ['target on a link', { type: 'doc', content: [paragraph(text('x', [{ type: 'link', attrs: { href: 'https://a.org', target: '_self' } }]))] }, ['content', 0, 'content', 0, 'marks', 0, 'attrs', 'target']],
    ['onclick on a text', { type: 'doc', content: [paragraph({ type: 'text', text: 'x', onclick: 'alert(1)' })] }, ['content', 0, 'content', 0, 'onclick']],
    ['a text that is not a string', { type: 'doc', content: [paragraph({ type: 'text', text: 42 })] }, ['content', 0, 'content', 0, 'text']],
    ['an empty text', { type: 'doc', content: [paragraph({ type: 'text', text: '' })] }, ['content', 0, 'content', 0, 'text']],
    ['a list item starting with a list', { type: 'doc', content: [{ type: 'bulletList', content: [item({ type: 'bulletList', content: [item(paragraph(text('x')))] })] }] }, ['content', 0, 'content', 0, 'content', 0, 'type']],
    ['a block inside a paragraph', { type: 'doc', content: [paragraph({ type: 'blockquote', content: [paragraph(text('x'))] })] }, ['content', 0, 'content', 0, 'type']],
    ['not a document', { type: 'paragraph', content: [text('x')] }, ['type']],
    ['a string', '<b>bold</b>', []],
    ['an empty document', { type: 'doc', content: [] }, ['content']],
  ])('refuses %s, naming where', (_name, doc, path) => {
    const issues = refused(doc);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]!.path).toEqual(path);
  });

  it('refuses a link that is not http(s) as an invalid URL', () => {
    const [issue] = refused({ type: 'doc', content: [paragraph(text('clic', [link('javascript:alert(1)')]))] });
    expect(issue).toMatchObject({ key: 'invalidUrl' });
  });

  it('refuses a 10,000-deep document without overflowing the stack', () => {
    const issues = refused(nested(10_000));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toContain(`at most ${MAX_DEPTH} levels`);
    expect(parseRichText(nested(MAX_DEPTH - 3))).not.toBeNull();
  });

  it('refuses too many parts', () => {
    const many = { type: 'doc', content: Array.from({ length: MAX_NODES }, () => paragraph(text('x'))) };
    expect(refused(many)[0]!.message).toContain('too many parts');
  });

  it('refuses more than 10,000 characters of plain text, with the limit', () => {
    const long = { type: 'doc', content: [paragraph(text('x'.repeat(5_000))), paragraph(text('y'.repeat(5_000)))] };
    // 10,000 letters and the blank line between the paragraphs.
    expect(refused(long)).toEqual([expect.objectContaining({ path: [], key: 'tooLong', params: { max: RATIONALE_LIMIT } })]);
    expect(parseRichText({ type: 'doc', content: [paragraph(text('x'.repeat(RATIONALE_LIMIT)))] })).not.toBeNull();
  });

  it('reading a stored document checks it rather than trusting it', () => {
    expect(() => readStoredRichText('{not json')).toThrow(/not JSON/);
    expect(() => readStoredRichText(JSON.stringify({ type: 'doc', content: [{ type: 'script' }] }))).toThrow(/not an allowed/);
  });
});

describe('plainText', () => {
  it('writes paragraphs apart, list items prefixed and indented, quotes marked, links with their address', () => {
    expect(plainText(parseRichText(full)!)).toBe(
      [
        'Le chiffre est faux, selon l’Insee (https://www.insee.fr/).',
        '',
        '- premier point',
        '- second',
        '  - imbriqué',
        '',
        '3. trois',
        '4. quatre',
        '',
        '> Citation',
        '> sur deux lignes',
      ].join('\n'),
    );
  });

  it('is empty for an empty document and does not repeat a link written as its address', () => {
    expect(plainText(emptyDoc())).toBe('');
    expect(plainText({ type: 'doc', content: [paragraph(text('https://a.org/', [link('https://a.org/')]))] } as RichTextDoc)).toBe('https://a.org/');
  });
});

describe('docFromPlainText', () => {
  it('makes paragraphs at blank lines and line breaks within', () => {
    expect(docFromPlainText('Un.\nDeux.\n\n\nTrois.')).toEqual({
      type: 'doc',
      content: [paragraph(text('Un.'), { type: 'hardBreak' }, text('Deux.')), paragraph(text('Trois.'))],
    });
    expect(docFromPlainText('   ')).toEqual(emptyDoc());
  });

  it.each(['Une ligne.', 'Un.\nDeux.', 'Un.\n\nDeux « guillemets » et l’apostrophe.', '- pas une liste, du texte'])(
    'round-trips legacy text %j through plainText, and the document is allowed',
    (legacy) => {
      const doc = docFromPlainText(legacy);
      expect(parseRichText(doc)).toEqual(doc);
      expect(plainText(doc)).toBe(legacy);
    },
  );

  it('normalises Windows line ends', () => {
    expect(plainText(docFromPlainText('a\r\n\r\nb'))).toBe('a\n\nb');
  });
});

describe('fromEditorJson', () => {
  it('keeps what a rationale has and drops the editor’s presentation attributes', () => {
    const editor = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'gras', marks: [{ type: 'bold' }] },
            { type: 'text', text: 'lien', marks: [{ type: 'link', attrs: { href: 'https://a.org', target: '_blank', rel: 'noopener', class: null } }] },
          ],
        },
        { type: 'orderedList', attrs: { start: 1, type: null }, content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'dropped' }] },
      ],
    };
    const doc = fromEditorJson(editor);
    expect(doc).toEqual({
      type: 'doc',
      content: [
        paragraph(text('gras', [{ type: 'bold' }]), text('lien', [link('https://a.org')])),
        { type: 'orderedList', content: [item({ type: 'paragraph' })] },
      ],
    });
    expect(parseRichText(doc)).toEqual(doc);
  });

  it('gives an empty document for an empty editor', () => {
    expect(fromEditorJson({ type: 'doc', content: [] })).toEqual(emptyDoc());
  });
});

describe('isAllowedLink', () => {
  it('accepts http(s) only', () => {
    expect(isAllowedLink('https://example.org/a')).toBe(true);
    expect(isAllowedLink('http://example.org')).toBe(true);
    expect(isAllowedLink('javascript:alert(1)')).toBe(false);
    expect(isAllowedLink('mailto:a@b.org')).toBe(false);
    expect(isAllowedLink('example.org')).toBe(false);
  });
});
