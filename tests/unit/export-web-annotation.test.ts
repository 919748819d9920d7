// Every annotation is checked against the W3C Web Annotation data model as
// JSON Schema (the dev package validate-web-annotation, derived from the W3C
// web-annotation-tests definitions), compiled with Ajv.
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ANNOTATION_CONTEXT, ANNOTATIONS_PER_PAGE, renderWebAnnotations, toAnnotation } from '../../lib/export/web-annotation';
import { ARTICLE_TEXT, article, batches, claim, collect, options, verdict } from './support/export-fixtures';

const require = createRequire(import.meta.url);
const createSchema = require('validate-web-annotation/wadm-schema.js') as () => Record<string, unknown> & { properties: Record<string, { format?: string }> };
const { iri } = require('validate-web-annotation/formats.js') as { iri: RegExp };

function validator() {
  const schema = createSchema();
  delete schema.$schema; // draft-04's URI, which Ajv 8 does not load; the keywords are the same
  // The package types created/modified/generated as `date`, but the model says
  // xsd:dateTime ("2015-01-28T12:00:00Z" in the W3C's own examples).
  for (const key of ['created', 'modified', 'generated']) schema.properties[key]!.format = 'date-time';
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('iri', iri);
  return ajv.compile(schema);
}
const validate = validator();

function expectValid(annotation: unknown) {
  const ok = validate(annotation);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const sourced = verdict({
  rating: 'false',
  rationale: 'Le bilan officiel dit 30.',
  sources: [{ url: 'https://a.example/rapport', title: 'Rapport', publisher: null, quote: null, stance: 'refutes', accessedAt: null, archiveUrl: null }],
});
const agreed = claim('c1', '« près de 300 morts »', [sourced, verdict({ id: 'v2', reviewer: { id: 'u2', name: null }, rating: 'false' })]);
const open = claim('c2', 'C’est l’avis de l’AFP', []);

type Annotation = {
  id: string;
  body: { type: string; purpose: string; value?: string; source?: string }[];
  target: { source: string; selector: { type: string; exact?: string; prefix?: string; suffix?: string; start?: number; end?: number }[] };
};
type Page = { id: string; type: string; partOf: string; startIndex: number; items: Annotation[]; next?: Page };

describe('Web Annotation export', () => {
  it('makes each claim an Annotation the W3C data model accepts', () => {
    expectValid(toAnnotation(article, agreed, options));
    expectValid(toAnnotation(article, open, options));
    expectValid(toAnnotation({ ...article, sourceUrl: null }, agreed, options));
  });

  it('targets the article with a quote selector and a position selector on its text', () => {
    const a = toAnnotation(article, agreed, options) as unknown as Annotation & Record<string, unknown>;
    expect(a['@context']).toBe(ANNOTATION_CONTEXT);
    expect(a).toMatchObject({ id: 'https://crux.example.org/articles/art_1?claim=c1', type: 'Annotation', created: agreed.createdAt, modified: agreed.lastActivityAt, creator: { type: 'Person', name: 'Ana' } });
    expect(a.target.source).toBe('https://crux.example.org/articles/art_1');
    const [quote, position] = a.target.selector;
    expect(quote).toEqual({ type: 'TextQuoteSelector', exact: '« près de 300 morts »', prefix: agreed.prefix, suffix: agreed.suffix });
    expect(position).toEqual({ type: 'TextPositionSelector', start: agreed.start, end: agreed.end });
    expect(ARTICLE_TEXT.slice(position!.start, position!.end)).toBe(quote!.exact);
  });

  it('has bodies for the verdict, rationales, sources and tags', () => {
    const { body } = toAnnotation(article, agreed, options) as unknown as Annotation;
    expect(body.filter((b) => b.purpose === 'assessing').map((b) => b.value)).toEqual(['Faux']);
    expect(body.filter((b) => b.purpose === 'commenting').map((b) => b.value)).toEqual(['Le bilan officiel dit 30.']);
    expect(body.filter((b) => b.purpose === 'citing')).toEqual([{ type: 'SpecificResource', source: 'https://a.example/rapport', purpose: 'citing', label: 'Rapport' }]);
    expect(body.filter((b) => b.purpose === 'tagging').map((b) => b.value)).toEqual(['status:consensus', 'rating:false']);
    const unreviewed = (toAnnotation(article, open, options) as unknown as Annotation).body;
    expect(unreviewed.map((b) => b.purpose)).toEqual(['tagging']);
  });

  it.each([
    ['no target', (a: Record<string, unknown>) => delete a.target],
    ['the wrong @context', (a: Record<string, unknown>) => (a['@context'] = 'https://schema.org')],
    ['the wrong type', (a: Record<string, unknown>) => (a.type = 'Note')],
    ['an id that is no IRI', (a: Record<string, unknown>) => (a.id = 'claim c1')],
    ['a textual body without value', (a: Record<string, unknown>) => (a.body = [{ type: 'TextualBody', purpose: 'assessing' }])],
    ['a selector without type', (a: Record<string, unknown>) => ((a.target as { selector: unknown }).selector = [{ exact: 'x' }])],
    ['a target without source', (a: Record<string, unknown>) => (a.target = { selector: [] })],
    ['a creation date that is no date', (a: Record<string, unknown>) => (a.created = 'yesterday')],
  ])('the validator catches an annotation with %s', (_what, breakIt) => {
    const annotation = toAnnotation(article, agreed, options);
    breakIt(annotation);
    expect(validate(annotation)).toBe(false);
  });

  it('streams one AnnotationCollection whose pages hold every claim, with total and last', async () => {
    const many = Array.from({ length: ANNOTATIONS_PER_PAGE + 5 }, (_, i) => ({ ...agreed, id: `c${i}` }));
    const text = await collect(renderWebAnnotations(batches({ article, claims: many.slice(0, 700) }, { article, claims: [] }, { article, claims: many.slice(700) }), options));
    const collection = JSON.parse(text) as { '@context': string; id: string; type: string; label: string; total: number; first: Page; last: string };
    expect(collection).toMatchObject({ '@context': ANNOTATION_CONTEXT, id: options.collectionId, type: 'AnnotationCollection', label: article.title, total: many.length });
    const pages: Page[] = [];
    for (let page: Page | undefined = collection.first; page; page = page.next) pages.push(page);
    expect(pages.map((p) => [p.type, p.partOf, p.startIndex, p.items.length])).toEqual([
      ['AnnotationPage', options.collectionId, 0, ANNOTATIONS_PER_PAGE],
      ['AnnotationPage', options.collectionId, ANNOTATIONS_PER_PAGE, 5],
    ]);
    expect(collection.last).toBe(pages[1]!.id);
    const items = pages.flatMap((p) => p.items);
    expect(items.map((a) => a.id)).toEqual(many.map((c) => `https://crux.example.org/articles/art_1?claim=${c.id}`));
    for (const item of items.slice(0, 3)) expectValid(item);
  });

  it('writes an empty collection with one empty page when there is nothing to export', async () => {
    const collection = JSON.parse(await collect(renderWebAnnotations(batches(), options))) as { total: number; first: Page };
    expect(collection.total).toBe(0);
    expect(collection.first.items).toEqual([]);
  });
});
