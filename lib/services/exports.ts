// Exports: the query checked, then a stream of text in the format asked for.
// The claims come from export-batches.ts (as the viewer may see them,
// filtered); the formats are lib/export's. Nothing is read before the
// response starts but the article (so that a missing one is a 404).
import { exportOrganization, publicBaseUrl } from '../config';
import { exportFilename } from '../export/filename';
import type { ExportFilters } from '../export/filters';
import type { ExportOptions } from '../export/format';
import { articleUrl } from '../export/format';
import { FORMATS } from '../export/formats';
import { exportQuerySchema, parseInput, type ExportQuery } from '../validation';
import { exportBatches, findExportArticle } from './export-batches';
import { requireActor, type ServiceContext } from './context';

export interface ExportStream {
  filename: string;
  contentType: string;
  body: AsyncIterable<string>;
}

/** A whole file in memory (the agreement report's downloads, and exportArticle). */
export interface ExportFile {
  filename: string;
  contentType: string;
  body: string;
}

export interface ExportTarget {
  /** One article, or every article when absent. */
  articleId?: string;
  /** Crux's public address for permalinks (lib/config.ts publicBaseUrl). */
  baseUrl?: string;
  env?: Record<string, string | undefined>;
}

function filtersOf(query: ExportQuery): ExportFilters {
  const { scope, status, rating, reviewer, from, to } = query;
  return { scope, status, rating, reviewer, from, to };
}

/** GET /articles/:id/export and /export, and `npm run export`: validates `query`, then streams. */
export async function exportStream(ctx: ServiceContext, query: unknown, target: ExportTarget = {}): Promise<ExportStream> {
  const viewer = requireActor(ctx);
  const parsed = parseInput(exportQuerySchema, query);
  const env = target.env ?? process.env;
  const baseUrl = target.baseUrl ?? publicBaseUrl(env);
  const article = target.articleId === undefined ? undefined : await findExportArticle(ctx.db, target.articleId);
  const format = FORMATS[parsed.format];
  const exportedAt = new Date();
  const options: ExportOptions = {
    baseUrl,
    organization: exportOrganization(env, baseUrl),
    exportedAt,
    delimiter: parsed.delimiter,
    bom: parsed.bom,
    singleArticle: article !== undefined,
    collectionId: article ? `${articleUrl({ baseUrl }, article.id)}/annotations` : `${baseUrl}/articles/annotations`,
    label: article ? article.title : `Crux: every article, ${exportedAt.toISOString().slice(0, 10)}`,
  };
  const filters = filtersOf(parsed);
  const batches = exportBatches(ctx.db, viewer, filters, article);
  // The one dispatch point for format=json: the full-fidelity archive takes this branch's place,
  // streamArchive(ctx, { articleId: target.articleId, keepClaim: (claim) => keepClaim(claim, filters) }).
  const body = parsed.format === 'json' ? FORMATS.json.render(batches, options) : format.render(batches, options);
  const filename = article ? exportFilename(article.title, format.extension) : `all-articles-${exportedAt.toISOString().slice(0, 10)}.crux.${format.extension}`;
  return { filename, contentType: format.contentType, body };
}

/** The whole export as one string: for tests and small callers; routes stream. */
export async function exportArticle(ctx: ServiceContext, articleId: string, query: unknown): Promise<ExportFile> {
  const stream = await exportStream(ctx, query, { articleId });
  const chunks: string[] = [];
  for await (const chunk of stream.body) chunks.push(chunk);
  return { filename: stream.filename, contentType: stream.contentType, body: chunks.join('') };
}
