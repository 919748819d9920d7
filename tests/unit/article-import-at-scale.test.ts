// Hostile sizes for the HTML and Markdown imports: nesting deep enough to
// make the parsers quadratic is refused, in linear time; a 200,000-character
// article is read within a budget. Timed, so this file runs alone (vitest.config.ts).
import { describe, expect, it } from 'vitest';
import { structureProblems } from '@/lib/articles/canonical';
import { HtmlNestingError, MAX_HTML_NESTING, checkHtmlNesting, parseHtml } from '@/lib/articles/html';
import { MAX_MARKDOWN_NESTING, MarkdownNestingError, parseMarkdown } from '@/lib/articles/markdown';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('hostile sizes', () => {
  it(`refuses elements nested more than ${MAX_HTML_NESTING} deep, in linear time, whatever hides them`, () => {
    for (const html of [
      '<ul><li>'.repeat(10_000) + 'x',
      '<b>'.repeat(66_000),
      '<div><!--</div>-->'.repeat(10_000),
      '</b><div>'.repeat(20_000),
    ]) {
      const started = performance.now();
      expect(() => parseHtml(html)).toThrow(HtmlNestingError);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it('accepts deep nesting up to the limit, and unclosed <li> and <p> by the thousand', () => {
    expect(() => checkHtmlNesting('<div>'.repeat(MAX_HTML_NESTING) + 'x')).not.toThrow();
    expect(parseHtml('<ul>' + '<li>point'.repeat(20_000)).structure.blocks).toHaveLength(20_000);
    expect(parseHtml('<p>para'.repeat(20_000)).structure.blocks).toHaveLength(20_000);
  });

  it('ignores tags inside scripts and comments when counting depth', () => {
    expect(() => checkHtmlNesting('<script>' + '<div>'.repeat(10_000) + '</script><!--' + '<div>'.repeat(10_000) + '-->')).not.toThrow();
  });

  it('parses a 200,000-character article within budget', () => {
    const paragraph = `<p>Le «${'&nbsp;'}déficit${'&nbsp;'}» atteindrait <em>5,8${NNBSP}%</em> du PIB, selon <a href="https://www.insee.fr">l’Insee</a> 🇫🇷.</p>\n`;
    const html = `<h1>Titre</h1><ul>${'<li>point</li>'.repeat(200)}</ul>` + paragraph.repeat(Math.floor(190_000 / paragraph.length));
    expect(html.length).toBeGreaterThan(190_000);
    expect(html.length).toBeLessThanOrEqual(200_000);
    const started = performance.now();
    const { text, structure } = parseHtml(html);
    const elapsed = performance.now() - started;
    expect(structureProblems(text, structure)).toEqual([]);
    expect(structure.marks.length).toBeGreaterThan(2000);
    // About 140 ms warm, 600 ms cold under load (README); the budget leaves room for a busy machine.
    expect(elapsed).toBeLessThan(1500);
  });

  it('takes no longer on long runs of spaces, non-breaking spaces or line breaks (no quadratic trimming)', () => {
    for (const html of [`<pre>${' '.repeat(100_000)}x</pre>`, `<p>${'&nbsp; '.repeat(30_000)}x</p>`, `<pre>${'a  \n'.repeat(40_000)}</pre>`, `<p>${'<br>'.repeat(40_000)}x</p>`]) {
      const started = performance.now();
      parseHtml(html);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});

describe('hostile Markdown', () => {
  it(`refuses lists and quotations nested more than ${MAX_MARKDOWN_NESTING} deep instead of dropping the rest, in linear time`, () => {
    for (const markdown of ['>'.repeat(10_000) + ' profond', '- '.repeat(10_000) + 'x', Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')]) {
      const started = performance.now();
      expect(() => parseMarkdown(markdown)).toThrow(MarkdownNestingError);
      // A few milliseconds each on a quiet machine; the budget is for a busy one.
      expect(performance.now() - started).toBeLessThan(1500);
    }
    expect(parseMarkdown('>'.repeat(MAX_MARKDOWN_NESTING - 1) + ' profond').text).toBe('profond');
  });

  it('refuses emphasis nested past the HTML limit rather than hold the server', () => {
    const started = performance.now();
    expect(() => parseMarkdown('*'.repeat(60_000) + 'x' + '*'.repeat(60_000))).toThrow(HtmlNestingError);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('parses a 200,000-character article within budget', () => {
    const paragraph = `Le «${NBSP}déficit${NBSP}» atteindrait *5,8${NNBSP}%* du PIB, selon [l’Insee](https://www.insee.fr) 🇫🇷.\n\n- un point\n- un autre\n\n`;
    const markdown = `# Titre\n\n${paragraph.repeat(Math.floor(199_000 / paragraph.length))}`;
    const started = performance.now();
    const { text: big, structure: s } = parseMarkdown(markdown);
    const elapsed = performance.now() - started;
    expect(structureProblems(big, s)).toEqual([]);
    expect(elapsed).toBeLessThan(2000);
  });
});
