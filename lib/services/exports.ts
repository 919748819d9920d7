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
import { keepArchiveClaim } from './archive-filter';
import { streamArchive } from './archive-export';
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

const ARCHIVE_FILE = { contentType: 'application/json; charset=utf-8', extension: 'json' };

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
  const exportedAt = new Date();
  const options: ExportOptions = {
    baseUrl,
    organization: exportOrganization(env, baseUrl),
    exportedAt,
    delimiter: parsed.delimiter,
    bom: parsed.bom,
    collectionId: article ? `${articleUrl({ baseUrl }, article.id)}/annotations` : `${baseUrl}/articles/annotations`,
    label: article ? article.title : `Crux: every article, ${exportedAt.toISOString().slice(0, 10)}`,
  };
  const filters = filtersOf(parsed);
  // JSON is the full-fidelity archive (revisions, history, comments, adjudications: what an import needs);
  // the other formats are drawn from the claim views.
  const { contentType, extension, body } =
    parsed.format === 'json'
      ? { ...ARCHIVE_FILE, body: streamArchive(ctx, { articleId: article?.id, keepClaim: keepArchiveClaim(filters) }) }
      : { ...FORMATS[parsed.format], body: FORMATS[parsed.format].render(exportBatches(ctx.db, viewer, filters, article), options) };
  const filename = article ? exportFilename(article.title, extension) : `all-articles-${exportedAt.toISOString().slice(0, 10)}.crux.${extension}`;
  return { filename, contentType, body };
}

/** The whole export as one string: for tests and small callers; routes stream. */
export async function exportArticle(ctx: ServiceContext, articleId: string, query: unknown): Promise<ExportFile> {
  const stream = await exportStream(ctx, query, { articleId });
  const chunks: string[] = [];
  for await (const chunk of stream.body) chunks.push(chunk);
  return { filename: stream.filename, contentType: stream.contentType, body: chunks.join('') };
}
