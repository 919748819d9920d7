// Claims as a viewer sees them (lib/services/claim-views.ts ClaimDetail), for
// the tests of the export formats, and batches of them.
import { computeConsensus, DEFAULT_REVIEW_SETTINGS } from '../../../lib/consensus';
import type { ExportArticle, ExportBatch, ExportOptions } from '../../../lib/export/format';
import type { Rating } from '../../../lib/ratings';
import type { ClaimDetail, VerdictView } from '../../../lib/services/claim-views';
import { gatherSources } from '../../../lib/sources';

export const ARTICLE_TEXT = 'Le ministre a déclaré : « près de 300 morts » en septembre. C’est l’avis de l’AFP, dit-il.';

export const article: ExportArticle = {
  id: 'art_1',
  title: 'Sommet de Sotchi : « une très bonne atmosphère »',
  language: 'fr',
  publishedAt: '2025-07-01',
  sourceUrl: 'https://example.org/sotchi',
  publisher: 'Agence',
  revision: 2,
  createdAt: '2025-07-01T08:00:00.000Z',
};

export function verdict(overrides: Partial<VerdictView> = {}): VerdictView {
  return {
    id: 'v1',
    claimId: 'c1',
    reviewer: { id: 'u1', name: 'Élodie Martin' },
    rating: 'false',
    rationale: '',
    rationaleDoc: null,
    sources: [],
    version: 1,
    initialRating: overrides.rating ?? 'false',
    revisedAfterReveal: false,
    createdAt: '2025-07-02T10:00:00.000Z',
    updatedAt: '2025-07-02T10:00:00.000Z',
    ...overrides,
  };
}

/** A claim on `quote` (found in ARTICLE_TEXT when it is there) with these verdicts, open review. */
export function claim(id: string, quote: string, verdicts: VerdictView[], overrides: Partial<ClaimDetail> = {}): ClaimDetail {
  const start = Math.max(0, ARTICLE_TEXT.indexOf(quote));
  const end = start + quote.length;
  const ratings: Rating[] = verdicts.map((v) => v.rating);
  return {
    id,
    articleId: article.id,
    revision: 2,
    anchorState: 'exact',
    exact: quote,
    prefix: ARTICLE_TEXT.slice(Math.max(0, start - 32), start),
    suffix: ARTICLE_TEXT.slice(end, end + 32),
    start,
    end,
    note: null,
    version: 1,
    createdBy: { id: 'u0', name: 'Ana' },
    createdAt: '2025-07-01T09:00:00.000Z',
    updatedAt: '2025-07-01T09:00:00.000Z',
    lastActivityAt: verdicts.reduce((latest, v) => (v.updatedAt > latest ? v.updatedAt : latest), '2025-07-01T09:00:00.000Z'),
    consensus: computeConsensus(ratings, DEFAULT_REVIEW_SETTINGS),
    verdictsVisible: true,
    myRating: null,
    can: { editNote: false, delete: false },
    verdicts,
    sources: gatherSources(verdicts),
    adjudication: null,
    ...overrides,
  };
}

export async function* batches(...list: ExportBatch[]): AsyncGenerator<ExportBatch> {
  for (const b of list) yield b;
}

export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

export const options: ExportOptions = {
  baseUrl: 'https://crux.example.org',
  organization: { name: 'Les Vérificateurs', url: 'https://verif.example.org' },
  exportedAt: new Date('2025-07-03T08:00:00.000Z'),
  delimiter: ',',
  bom: true,
  collectionId: 'https://crux.example.org/articles/art_1/annotations',
  label: article.title,
};
