// What every export format has in common: the batches the streaming loader
// (lib/services/export-batches.ts) yields, the options a request sets, and the
// shape of a format — a content type, a file extension and a function from
// batches to text chunks. A format never holds more than one batch: 100,000
// claims leave the server in constant memory.
import type { AdjudicationView, ClaimView, VerdictView } from '../services/claim-views';

/** The article a batch of claims belongs to. */
export interface ExportArticle {
  id: string;
  title: string;
  language: string;
  publishedAt: string | null;
  sourceUrl: string | null;
  publisher: string | null;
  revision: number;
  createdAt: string;
}

/**
 * A claim as the formats read it, as the viewer may see it (blind review
 * applied; built by lib/services/claim-views.ts toExportClaim): the claim
 * view with the verdicts, sources and adjudication in force the viewer may
 * see, without what no format writes (rich-text documents, permission flags).
 * A claim's detail (ClaimDetail) is one too.
 */
export interface ExportClaim
  extends Pick<ClaimView, 'id' | 'revision' | 'anchorState' | 'exact' | 'prefix' | 'suffix' | 'start' | 'end' | 'note' | 'createdBy' | 'createdAt' | 'lastActivityAt' | 'consensus'> {
  verdicts: Pick<VerdictView, 'reviewer' | 'rationale' | 'updatedAt'>[];
  /** Every source cited in the verdicts shown, once per link (lib/sources gatherSources). */
  sources: { url: string; title: string | null }[];
  adjudication: Pick<AdjudicationView, 'rating' | 'rationale' | 'editor' | 'createdAt'> | null;
}

/**
 * Some claims of one article, as the viewer sees them (blind review applied),
 * already filtered. Every exported article comes as one or more consecutive
 * batches — at least one, with no claims when none passed the filters — so a
 * format knows an article has ended when the next batch's article differs.
 */
export interface ExportBatch {
  article: ExportArticle;
  claims: ExportClaim[];
}

/** Every export format by the name the API, the CLI and the interface take (`format=`); `json` is the archive. */
export const EXPORT_FORMATS = ['json', 'csv', 'claimreview', 'w3c'] as const;
export type ExportFormatId = (typeof EXPORT_FORMATS)[number];

export const CSV_DELIMITERS = [',', ';', 'tab'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export interface ExportOptions {
  /** Crux's public address, for permalinks: `<baseUrl>/articles/<id>?claim=<claimId>`. */
  baseUrl: string;
  /** Who publishes the fact-checks (ClaimReview's author). */
  organization: { name: string; url: string };
  exportedAt: Date;
  /** CSV only. */
  delimiter: CsvDelimiter;
  /** CSV only: start with a UTF-8 byte order mark (Excel reads the file as Windows-1252 without it). */
  bom: boolean;
  /** The export's own address, the Web Annotation collection's id. */
  collectionId: string;
  /** What the export holds, in words: the article's title, or that it is every article. */
  label: string;
}

export interface ExportFormat {
  contentType: string;
  /** The file name's last part, after `.crux.`. */
  extension: string;
  render(batches: AsyncIterable<ExportBatch>, options: ExportOptions): AsyncIterable<string>;
}

/** The article's page in Crux. */
export function articleUrl(options: Pick<ExportOptions, 'baseUrl'>, articleId: string): string {
  return `${options.baseUrl.replace(/\/+$/, '')}/articles/${encodeURIComponent(articleId)}`;
}

/** The claim's permalink: the article page opened on the claim. */
export function claimUrl(options: Pick<ExportOptions, 'baseUrl'>, articleId: string, claimId: string): string {
  return `${articleUrl(options, articleId)}?claim=${encodeURIComponent(claimId)}`;
}
