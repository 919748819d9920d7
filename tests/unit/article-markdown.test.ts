import { describe, expect, it } from 'vitest';
import { structureProblems } from '@/lib/articles/canonical';
import { markdownToHtml, parseMarkdown } from '@/lib/articles/markdown';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

const ARTICLE = [
  '# Le déficit',
  '',
  `Selon l’*Insee*, le déficit atteindrait **5,8${NNBSP}%** du PIB${NNBSP}; «${NBSP}c’est [inédit](https://www.insee.fr/fr/statistiques)${NBSP}» 🇫🇷.`,
  'Une ligne qui continue le paragraphe.  ',
  'Après un saut de ligne.',
  '',
  '- premier point',
  '- second point',
  '  1. sous-point',
  '',
  '> Une citation',
  '> sur deux lignes.',
].join('\n');

describe('parseMarkdown', () => {
  const { text, structure } = parseMarkdown(ARTICLE);

  it('gives the same canonical text as the HTML path: blocks by a blank line, soft breaks as spaces, hard breaks as \\n', () => {
    expect(text).toBe(
      [
        'Le déficit',
        `Selon l’Insee, le déficit atteindrait 5,8${NNBSP}% du PIB${NNBSP}; «${NBSP}c’est inédit${NBSP}» 🇫🇷. Une ligne qui continue le paragraphe.\nAprès un saut de ligne.`,
        'premier point',
        'second point',
        'sous-point',
        'Une citation sur deux lignes.',
      ].join('\n\n'),
    );
    expect(structureProblems(text, structure)).toEqual([]);
  });

  it('keeps the structure: heading, bullets, a numbered item one level down, a quotation', () => {
    expect(structure.blocks.map((b) => [b.kind, b.level ?? b.number ?? null, b.ordered ?? null, b.depth, b.quote])).toEqual([
      ['heading', 1, null, 0, 0],
      ['paragraph', null, null, 0, 0],
      ['listItem', null, false, 1, 0],
      ['listItem', null, false, 1, 0],
      ['listItem', 1, true, 2, 0],
      ['paragraph', null, null, 0, 1],
    ]);
    expect(structure.marks.map((m) => [m.kind, text.slice(m.start, m.end), m.href ?? null])).toEqual([
      ['emphasis', 'Insee', null],
      ['strong', `5,8${NNBSP}%`, null],
      ['link', 'inédit', 'https://www.insee.fr/fr/statistiques'],
    ]);
  });

  it('never invents typography: straight quotes and dashes stay as written, bare addresses are no links', () => {
    const { text: plain, structure: s } = parseMarkdown('Il a dit "oui" -- puis... https://exemple.fr');
    expect(plain).toBe('Il a dit "oui" -- puis... https://exemple.fr');
    expect(s.marks).toEqual([]);
  });

  it('sanitizes HTML written in the Markdown as an HTML import is', () => {
    const html = markdownToHtml('Texte <em>mis en valeur</em><script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[lien](javascript:alert(1))');
    expect(html).toContain('<script>'); // markdown-it passes it on…
    const { text: clean, structure: s } = parseMarkdown('Texte <em>mis en valeur</em><script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[lien](javascript:alert(1))');
    expect(clean).toBe('Texte mis en valeur\n\n[lien](javascript:alert(1))'); // …the sanitizer removes it; markdown-it refuses the link
    expect(s.marks.map((m) => m.kind)).toEqual(['emphasis']);
  });

  it('decodes entities and keeps code as text', () => {
    expect(parseMarkdown('A &amp; B &eacute; `a < b`\n\n```\nligne 1\n  ligne 2\n```').text).toBe('A & B é a < b\n\nligne 1\n  ligne 2');
  });
});
