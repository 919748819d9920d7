// W3C Web Annotation (JSON-LD, https://www.w3.org/TR/annotation-model/), the
// exchange format of annotation tools (Hypothesis, Recogito, IIIF viewers).
// Each claim is an Annotation on the article: its target is the article with
// a TextQuoteSelector (the quote and its context, which survives re-layout)
// and a TextPositionSelector (UTF-16 offsets into the text of the claim's
// revision, as the model's "characters" of a DOMString); its bodies are the
// verdict (assessing), the rationales (commenting), the sources (citing) and
// tags (tagging) for the status and the rating.
//
// The file is one AnnotationCollection. Its pages are embedded, each in the
// previous one's `next` (a page's `next` may be the page itself rather than
// its IRI), so a reader walks `first`, then `next`, as it would over HTTP;
// `total` and `last` are written after the pages, when they are known: the
// export streams, and a JSON object's keys have no order.
import type { Person } from '../services/claim-views';
import { ratingLabel } from './claimreview';
import { filedRating } from './filters';
import { articleUrl, claimUrl, type ExportArticle, type ExportClaim, type ExportBatch, type ExportFormat, type ExportOptions } from './format';

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** Annotations per AnnotationPage. */
export const ANNOTATIONS_PER_PAGE = 1_000;

function agent(person: Person): Record<string, unknown> {
  // Crux gives people no public IRI: a name (else the account id) identifies them.
  return { type: 'Person', name: person.name ?? person.id };
}

function textual(value: string, purpose: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'TextualBody', purpose, value, format: 'text/plain', ...extra };
}

export function toAnnotation(article: ExportArticle, claim: ExportClaim, options: Pick<ExportOptions, 'baseUrl'>): Record<string, unknown> {
  const bodies: Record<string, unknown>[] = [];
  const rating = filedRating(claim);
  if (rating !== null) bodies.push(textual(ratingLabel(rating, article.language), 'assessing', { language: article.language }));
  for (const verdict of claim.verdicts) {
    if (verdict.rationale.trim()) bodies.push(textual(verdict.rationale, 'commenting', { creator: agent(verdict.reviewer), modified: verdict.updatedAt }));
  }
  if (claim.adjudication?.rationale.trim()) bodies.push(textual(claim.adjudication.rationale, 'commenting', { creator: agent(claim.adjudication.editor), created: claim.adjudication.createdAt }));
  for (const source of claim.sources) bodies.push({ type: 'SpecificResource', source: source.url, purpose: 'citing', ...(source.title ? { label: source.title } : {}) });
  bodies.push(textual(`status:${claim.consensus.status}`, 'tagging'));
  if (rating !== null) bodies.push(textual(`rating:${rating}`, 'tagging'));
  return {
    '@context': ANNOTATION_CONTEXT,
    id: claimUrl(options, article.id, claim.id),
    type: 'Annotation',
    motivation: 'assessing',
    created: claim.createdAt,
    modified: claim.lastActivityAt,
    creator: agent(claim.createdBy),
    body: bodies,
    target: {
      type: 'SpecificResource',
      source: articleUrl(options, article.id),
      // The article as its publisher published it, when known: the text Crux holds is taken from it.
      ...(article.sourceUrl ? { scope: article.sourceUrl } : {}),
      selector: [
        { type: 'TextQuoteSelector', exact: claim.exact, prefix: claim.prefix, suffix: claim.suffix },
        { type: 'TextPositionSelector', start: claim.start, end: claim.end },
      ],
    },
  };
}

function pageHead(collectionId: string, index: number, startIndex: number): string {
  const head = JSON.stringify({ id: `${collectionId}#page-${index}`, type: 'AnnotationPage', partOf: collectionId, startIndex });
  return `${head.slice(0, -1)},"items":[`;
}

export async function* renderWebAnnotations(
  batches: AsyncIterable<ExportBatch>,
  options: Pick<ExportOptions, 'baseUrl' | 'collectionId' | 'label'>,
): AsyncGenerator<string> {
  const id = options.collectionId;
  yield `${JSON.stringify({ '@context': ANNOTATION_CONTEXT, id, type: 'AnnotationCollection', label: options.label }).slice(0, -1)},\n"first":${pageHead(id, 1, 0)}`;
  let total = 0;
  let pages = 1;
  let onPage = 0;
  // An annotation at a time, the separator apart, each the very string JSON.stringify made
  // (lib/byte-chunks.ts encodes it as it is): a batch's annotations joined into one string first
  // took a fifth longer in all, and held 26 MiB more at 100,000 claims (bench/export.ts).
  for await (const batch of batches) {
    for (const claim of batch.claims) {
      if (onPage === ANNOTATIONS_PER_PAGE) {
        pages += 1;
        onPage = 0;
        yield `\n],\n"next":${pageHead(id, pages, total)}`;
      }
      yield onPage === 0 ? '\n' : ',\n';
      yield JSON.stringify(toAnnotation(batch.article, claim, options));
      onPage += 1;
      total += 1;
    }
  }
  yield `\n]${'}'.repeat(pages)},\n"total":${total},"last":${JSON.stringify(`${id}#page-${pages}`)}}\n`;
}

export const webAnnotationFormat: ExportFormat = {
  contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8',
  extension: 'annotations.jsonld',
  render: renderWebAnnotations,
};
