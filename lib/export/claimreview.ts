// schema.org ClaimReview (JSON-LD), the markup fact-checkers publish and
// Google's Fact Check Explorer, and other fact-check platforms, read
// (Google Search Central, "Fact check (ClaimReview) structured data"):
// one ClaimReview per claim that has a final rating — consensus reached or an
// editor's adjudication; a claim still under review has no verdict to publish.
// Output: a JSON-LD array, one object per claim, streamed batch by batch.
import enRatings from '../i18n/messages/en/ratings.json';
import frRatings from '../i18n/messages/fr/ratings.json';
import { ordinalValue, type Rating } from '../ratings';
import { articleUrl, claimUrl, type ExportArticle, type ExportBatch, type ExportClaim, type ExportFormat, type ExportOptions } from './format';

/**
 * Google asks for a `claimReviewed` "less than 75 characters to minimize
 * wrapping when displayed on a mobile device": past it, the quote gives way
 * to the claim's note, and either is cut at a word boundary.
 */
export const CLAIM_REVIEWED_MAX_CHARS = 75;

const ELLIPSIS = '…';

/** At most `max` characters, cut after a whole word when there is one, with an ellipsis. */
export function cutAtWord(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const room = clean.slice(0, max - ELLIPSIS.length);
  const space = room.lastIndexOf(' ');
  // A single word longer than the room is cut inside it rather than dropped.
  const cut = space > 0 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.]+$/, '')}${ELLIPSIS}`;
}

/** The claim in few words: its quote when short, else its note, else the quote cut. */
export function claimReviewed(claim: Pick<ExportClaim, 'exact' | 'note'>): string {
  const quote = claim.exact.replace(/\s+/g, ' ').trim();
  if (quote.length <= CLAIM_REVIEWED_MAX_CHARS) return quote;
  const note = claim.note?.trim();
  return cutAtWord(note || quote, CLAIM_REVIEWED_MAX_CHARS);
}

const LABELS: Record<string, Record<Rating, string>> = { fr: frRatings, en: enRatings };

/** The rating's label in the article's language (French or English; English for any other). */
export function ratingLabel(rating: Rating, language: string): string {
  const primary = language.toLowerCase().split('-')[0] ?? '';
  return (LABELS[primary] ?? LABELS.en!)[rating];
}

/**
 * `ratingValue` 1 ('false') … 5 ('true') with `bestRating` 5 and
 * `worstRating` 1. 'unverifiable' has no place on the scale: its rating is
 * `alternateName` alone, which is the one property of reviewRating Google
 * requires (a textual rating, as many fact-checkers publish) — a number would
 * claim it lies somewhere between false and true.
 */
export function reviewRating(rating: Rating, language: string): Record<string, unknown> {
  const value = ordinalValue(rating);
  const label = ratingLabel(rating, language);
  if (value === null) return { '@type': 'Rating', alternateName: label };
  return { '@type': 'Rating', ratingValue: value, bestRating: 5, worstRating: 1, alternateName: label };
}

/** Where the claim appeared: the article as published (its own URL when known, else its page in Crux). */
function appearance(article: ExportArticle, options: Pick<ExportOptions, 'baseUrl'>): Record<string, unknown> {
  return {
    '@type': article.publisher ? 'NewsArticle' : 'CreativeWork',
    url: article.sourceUrl ?? articleUrl(options, article.id),
    headline: article.title,
    ...(article.publishedAt ? { datePublished: article.publishedAt } : {}),
    ...(article.publisher ? { publisher: { '@type': 'Organization', name: article.publisher } } : {}),
  };
}

/**
 * One claim's ClaimReview, or null when it has no final rating. Crux does not
 * record who made a claim (the claimant), so `itemReviewed` has no `author`;
 * the article's publisher is named as the appearance's publisher.
 */
export function toClaimReview(article: ExportArticle, claim: ExportClaim, options: Pick<ExportOptions, 'baseUrl' | 'organization'>): Record<string, unknown> | null {
  const rating = claim.consensus.finalRating;
  if (rating === null) return null;
  // Published the day the rating became final: the adjudication's, else the claim's last activity.
  const published = (claim.consensus.status === 'adjudicated' && claim.adjudication ? claim.adjudication.createdAt : claim.lastActivityAt).slice(0, 10);
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: claimUrl(options, article.id, claim.id),
    claimReviewed: claimReviewed(claim),
    datePublished: published,
    author: { '@type': 'Organization', name: options.organization.name, url: options.organization.url },
    reviewRating: reviewRating(rating, article.language),
    itemReviewed: {
      '@type': 'Claim',
      ...(article.publishedAt ? { datePublished: article.publishedAt } : {}),
      appearance: appearance(article, options),
    },
    ...(claim.consensus.status === 'adjudicated' && claim.adjudication?.rationale ? { reviewBody: claim.adjudication.rationale } : {}),
  };
}

/** Two-space JSON, each line indented once more: an element of the top-level array. */
export function indentedJson(value: unknown): string {
  return `  ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}`;
}

/** A JSON array of the batches' items, written as they come. */
export async function* jsonArray<T>(batches: AsyncIterable<T>, items: (batch: T) => unknown[]): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const batch of batches) {
    const values = items(batch);
    if (values.length === 0) continue;
    yield `${first ? '\n' : ',\n'}${values.map(indentedJson).join(',\n')}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

export function renderClaimReviews(batches: AsyncIterable<ExportBatch>, options: Pick<ExportOptions, 'baseUrl' | 'organization'>): AsyncGenerator<string> {
  return jsonArray(batches, (batch) => batch.claims.map((claim) => toClaimReview(batch.article, claim, options)).filter((r) => r !== null));
}

export const claimReviewFormat: ExportFormat = { contentType: 'application/ld+json; charset=utf-8', extension: 'claimreview.jsonld', render: renderClaimReviews };
