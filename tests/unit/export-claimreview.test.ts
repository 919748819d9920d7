import { describe, expect, it } from 'vitest';
import { computeConsensus, DEFAULT_REVIEW_SETTINGS } from '../../lib/consensus';
import { CLAIM_REVIEWED_MAX_CHARS, claimReviewed, cutAtWord, renderClaimReviews, reviewRating, toClaimReview } from '../../lib/export/claimreview';
import { ORDINAL_RATINGS } from '../../lib/ratings';
import { article, batches, claim, collect, options, verdict } from './support/export-fixtures';

const agreed = claim('c1', '« près de 300 morts »', [verdict({ rating: 'mostly-false' }), verdict({ id: 'v2', reviewer: { id: 'u2', name: null }, rating: 'mostly-false' })]);
const disputed = claim('c2', 'en septembre', [verdict({ rating: 'true' }), verdict({ id: 'v2', rating: 'false' })]);
const adjudicated = claim('c3', 'dit-il', [verdict({ rating: 'true' }), verdict({ id: 'v2', rating: 'false' })], {
  consensus: computeConsensus(['true', 'false'], DEFAULT_REVIEW_SETTINGS, { adjudicated: 'mixed' }),
  adjudication: { id: 'a1', claimId: 'c3', rating: 'mixed', rationale: 'Les deux chiffres circulent.', editor: { id: 'e1', name: 'Éd' }, createdAt: '2025-07-05T12:00:00.000Z', withdrawnAt: null, withdrawnBy: null },
});

describe('ClaimReview export', () => {
  it('has the properties Google’s fact-check markup requires and recommends', () => {
    const review = toClaimReview(article, agreed, options)!;
    expect(review).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://crux.example.org/articles/art_1?claim=c1',
      claimReviewed: '« près de 300 morts »',
      datePublished: '2025-07-02',
      author: { '@type': 'Organization', name: 'Les Vérificateurs', url: 'https://verif.example.org' },
      reviewRating: { '@type': 'Rating', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'Plutôt faux' },
      itemReviewed: {
        '@type': 'Claim',
        datePublished: '2025-07-01',
        appearance: { '@type': 'NewsArticle', url: 'https://example.org/sotchi', headline: article.title, datePublished: '2025-07-01', publisher: { '@type': 'Organization', name: 'Agence' } },
      },
    });
  });

  it('rates 1 (false) to 5 (true) on the scale, labelled in the article’s language', () => {
    expect(ORDINAL_RATINGS.map((r) => reviewRating(r, 'fr').ratingValue)).toEqual([1, 2, 3, 4, 5]);
    expect(reviewRating('true', 'en').alternateName).toBe('True');
    expect(reviewRating('false', 'fr-CA').alternateName).toBe('Faux');
    expect(reviewRating('mixed', 'de').alternateName).toBe(reviewRating('mixed', 'en').alternateName);
  });

  it('gives "unverifiable" a textual rating only: it has no place between false and true', () => {
    expect(reviewRating('unverifiable', 'fr')).toEqual({ '@type': 'Rating', alternateName: 'Invérifiable' });
  });

  it('leaves out a claim without a final rating, and uses the adjudication’s date and rationale', () => {
    expect(toClaimReview(article, disputed, options)).toBeNull();
    expect(toClaimReview(article, claim('c4', 'x', []), options)).toBeNull();
    expect(toClaimReview(article, adjudicated, options)).toMatchObject({ datePublished: '2025-07-05', reviewRating: { ratingValue: 3 }, reviewBody: 'Les deux chiffres circulent.' });
  });

  it('points to the article in Crux when its own URL is unknown', () => {
    const bare = { ...article, sourceUrl: null, publisher: null, publishedAt: null };
    const item = toClaimReview(bare, agreed, options)!.itemReviewed as Record<string, unknown>;
    expect(item).toEqual({ '@type': 'Claim', appearance: { '@type': 'CreativeWork', url: 'https://crux.example.org/articles/art_1', headline: article.title } });
  });

  it(`keeps claimReviewed under ${CLAIM_REVIEWED_MAX_CHARS} characters: the quote, else the note, else the quote cut at a word`, () => {
    const long = 'Le gouvernement a dépensé plus de trois milliards d’euros pour la rénovation des écoles depuis 2017, affirme le ministre.';
    expect(claimReviewed({ exact: long, note: 'Trois milliards pour les écoles' })).toBe('Trois milliards pour les écoles');
    const cut = claimReviewed({ exact: long, note: null });
    expect(cut.length).toBeLessThanOrEqual(CLAIM_REVIEWED_MAX_CHARS);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    expect(long[cut.length - 1]).toBe(' '); // cut before a space: no half word
    expect(cutAtWord('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(claimReviewed({ exact: '  deux\n lignes ', note: null })).toBe('deux lignes');
  });

  it('streams a JSON-LD array with one ClaimReview per rated claim', async () => {
    const text = await collect(renderClaimReviews(batches({ article, claims: [agreed, disputed] }, { article, claims: [] }, { article, claims: [adjudicated] }), options));
    const parsed = JSON.parse(text) as { url: string }[];
    expect(parsed.map((r) => r.url)).toEqual(['https://crux.example.org/articles/art_1?claim=c1', 'https://crux.example.org/articles/art_1?claim=c3']);
    expect(text).toContain('« près de 300 morts »');
    expect(JSON.parse(await collect(renderClaimReviews(batches(), options)))).toEqual([]);
  });
});
