import { describe, expect, it } from 'vitest';
import { structureProblems } from '@/lib/articles/canonical';
import { articleLinkHref, parseHtml, sanitizeArticleHtml } from '@/lib/articles/html';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** The text under each mark, with its kind (and href). */
const marked = (html: string) => {
  const { text, structure } = parseHtml(html);
  return structure.marks.map((m) => `${m.kind}${m.href ? ` ${m.href}` : ''}: ${text.slice(m.start, m.end)}`);
};
const kinds = (html: string) => {
  const { text, structure } = parseHtml(html);
  return structure.blocks.map((b) => [b.kind, b.level ?? b.number ?? (b.ordered === false ? 'bullet' : ''), b.depth, b.quote, text.slice(b.start, b.end)]);
};

describe('parseHtml: the canonical text', () => {
  it('separates every block, list items included, by one blank line, and keeps line breaks as one \\n', () => {
    const { text, structure } = parseHtml('<h1>Titre</h1><p>Un<br>deux<br><br><br>trois</p><ul><li>a</li><li>b</li></ul><blockquote><p>c</p><p>d</p></blockquote>');
    expect(text).toBe('Titre\n\nUn\ndeux\ntrois\n\na\n\nb\n\nc\n\nd');
    expect(structureProblems(text, structure)).toEqual([]);
  });

  it('collapses runs of ASCII whitespace inside a block and trims each block, keeping non-breaking spaces inside', () => {
    const html = `<p>\n   «${'&nbsp;'}Nous   n’avons\tjamais\r\n dit ça&nbsp;», affirme   le\u00a0ministre.  </p>\n\n<p>  5,8${NNBSP}%  </p><p>&nbsp;</p><p> \n </p>`;
    expect(parseHtml(html).text).toBe(`«${NBSP}Nous n’avons jamais dit ça${NBSP}», affirme le${NBSP}ministre.\n\n5,8${NNBSP}%`);
  });

  it('decodes entities, and the text holds no markup', () => {
    const { text } = parseHtml('<p>Ben &amp; Jerry&#8217;s &lt;b&gt; &eacute;t&eacute; &#x1F1EB;&#x1F1F7; &quot;q&quot;</p>');
    expect(text).toBe('Ben & Jerry’s <b> été 🇫🇷 "q"');
  });

  it('is NFC, even where entities spell a letter and its accent apart', () => {
    const { text, structure } = parseHtml('<p>Cafe&#x301; <em>noe&#x308;l</em> nai\u0308ve</p>');
    expect(text).toBe('Café noël naïve');
    expect(text.normalize('NFC')).toBe(text);
    expect(text.slice(structure.marks[0]!.start, structure.marks[0]!.end)).toBe('noël');
  });

  it('drops the marks of a block where a mark edge falls between a letter and its accent, rather than misplace them', () => {
    const { text, structure } = parseHtml('<p><em>e</em>&#x301;t<strong>é</strong></p><p><em>ok</em></p>');
    expect(text).toBe('été\n\nok');
    expect(structure.marks).toEqual([{ kind: 'emphasis', start: 5, end: 7 }]);
  });

  it('keeps emoji, ZWJ sequences and flags whole', () => {
    const { text, structure } = parseHtml('<p>Vu 👩‍👩‍👧 et <b>🇫🇷😀</b> 👍🏽.</p>');
    expect(text).toBe('Vu 👩‍👩‍👧 et 🇫🇷😀 👍🏽.');
    expect(marked('<p>Vu 👩‍👩‍👧 et <b>🇫🇷😀</b> 👍🏽.</p>')).toEqual(['strong: 🇫🇷😀']);
    expect(structureProblems(text, structure)).toEqual([]);
  });

  it('keeps a <pre> block’s spaces and lines, without trailing blanks or blank lines', () => {
    expect(parseHtml('<pre>  a   b   \n\n\n    c\t\n</pre><p>d</p>').text).toBe('a   b\n    c\n\nd');
  });

  it('gives a table one paragraph per row, its cells apart', () => {
    expect(parseHtml('<table><tr><th>Année</th><th>Taux</th></tr><tr><td>2024</td><td>5,8&nbsp;%</td></tr></table>').text).toBe(`Année Taux\n\n2024 5,8${NBSP}%`);
  });

  it('makes text outside any block a paragraph of its own, between the blocks around it', () => {
    expect(parseHtml('avant<div>dans <i>div</i></div>après<p>p</p>').text).toBe('avant\n\ndans div\n\naprès\n\np');
  });

  it('gives an empty submission an empty text', () => {
    expect(parseHtml('<p> </p><script>x</script><!-- rien -->').text).toBe('');
  });
});

describe('parseHtml: the structure', () => {
  it('names headings with their level, list items with their bullet or number and depth, quotations with their depth', () => {
    const html = `<h2>Deux</h2><ol start="3"><li>trois</li><li>quatre<ul><li>puce</li></ul></li></ol>
      <blockquote><p>cité</p><blockquote>re-cité</blockquote></blockquote><ul><li><p>premier</p><p>suite</p></li></ul>`;
    expect(kinds(html)).toEqual([
      ['heading', 2, 0, 0, 'Deux'],
      ['listItem', 3, 1, 0, 'trois'],
      ['listItem', 4, 1, 0, 'quatre'],
      ['listItem', 'bullet', 2, 0, 'puce'],
      ['paragraph', '', 0, 1, 'cité'],
      ['paragraph', '', 0, 2, 're-cité'],
      ['listItem', 'bullet', 1, 0, 'premier'],
      ['paragraph', '', 1, 0, 'suite'],
    ]);
  });

  it('marks emphasis, strong and links, without the spaces at their edges', () => {
    expect(marked('<p>Un <em> texte </em><strong>fort</strong> et <a href="https://exemple.fr/a?b=1">un <i>lien</i></a>.</p>')).toEqual([
      'emphasis: texte',
      'strong: fort',
      'link https://exemple.fr/a?b=1: un lien',
      'emphasis: lien',
    ]);
  });

  it('splits a mark that spans two blocks into one per block', () => {
    const { text, structure } = parseHtml('<b><p>un</p><p>deux</p></b>');
    expect(structure.marks.map((m) => text.slice(m.start, m.end))).toEqual(['un', 'deux']);
  });

  it('keeps the text of links it cannot keep (relative, javascript:, data:), as text; a link opened inside a link closes it, as in browsers', () => {
    expect(marked('<p><a href="/relatif">r</a> <a href="javascript:alert(1)">j</a> <a href="data:text/html,x">d</a> <a href="https://a.fr">a <a href="https://b.fr">b</a></a></p>')).toEqual([
      'link https://a.fr/: a',
      'link https://b.fr/: b',
    ]);
    expect(parseHtml('<p><a href="javascript:alert(1)">j</a></p>').text).toBe('j');
  });

  it('keeps mailto links', () => {
    expect(marked('<p><a href="mailto:redaction@exemple.fr">écrire</a></p>')).toEqual(['link mailto:redaction@exemple.fr: écrire']);
  });
});

describe('sanitizeArticleHtml: what goes', () => {
  const hostile = `<p onclick="steal()" style="color:red" class="x">Texte<img src=x onerror="alert(1)"></p>
    <script>alert('script')</script><style>p{}</style><iframe src="https://evil.example">cadre</iframe>
    <a href="javascript:alert(1)">lien</a> <a href=" JaVaScRiPt:alert(1)">deux</a> <a href="https://ok.fr" onmouseover="x()">ok</a>
    <svg><text>svg</text><script>alert(2)</script></svg><form><button>b</button></form><noscript>ns</noscript>
    <object data="x">obj</object><template><p>tpl</p></template>`;

  it('removes scripts, styles, iframes, objects, forms and SVG with their content, and every attribute but href', () => {
    const clean = sanitizeArticleHtml(hostile);
    for (const bad of ['script', 'style', 'iframe', 'onerror', 'onclick', 'onmouseover', 'javascript', 'class=', 'img', 'svg', 'button', 'noscript', 'object', 'template', 'alert']) {
      expect(clean.toLowerCase()).not.toContain(bad);
    }
    expect(parseHtml(hostile).text).toBe('Texte\n\nlien deux ok');
  });

  it('keeps only http, https and mailto hrefs', () => {
    expect(articleLinkHref('https://exemple.fr')).toBe('https://exemple.fr/');
    expect(articleLinkHref('http://exemple.fr/a')).toBe('http://exemple.fr/a');
    expect(articleLinkHref('mailto:a@b.fr')).toBe('mailto:a@b.fr');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', '/relative', '//evil.example', 'ftp://x.fr', '', undefined]) {
      expect(articleLinkHref(bad)).toBeUndefined();
    }
  });
});
