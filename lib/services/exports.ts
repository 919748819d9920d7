import { toCsv } from '../export/csv';
import { exportFilename } from '../export/filename';
import { toJson } from '../export/json';
import type { ArticleExport } from '../export/types';
import { exportQuerySchema, parseInput } from '../validation';
import { loadArticle } from './articles';
import { loadClaimRecords } from './claim-rows';
import { toClaimDetail } from './claim-views';
import { requireActor, type ServiceContext } from './context';

export interface ExportFile {
  filename: string;
  contentType: string;
  body: string;
}

/**
 * The article's claims with consensus and verdicts, as the viewer may see them.
 * Scope 'reviewed' keeps the claims with a verdict the viewer may see: under
 * blind review, which claims the others reviewed is part of their judgement.
 */
export async function buildArticleExport(ctx: ServiceContext, articleId: string, scope: 'reviewed' | 'all'): Promise<ArticleExport> {
  const viewer = requireActor(ctx);
  const article = await loadArticle(ctx.db, articleId);
  const records = await loadClaimRecords(ctx.db, articleId);
  const claims = records.map((record) => toClaimDetail(record, article.settings, viewer)).filter((c) => scope === 'all' || c.verdicts.length > 0);
  // Orphaned claims (their passage lost in a correction; offsets in their own revision) come apart, after the others.
  claims.sort((a, b) => Number(a.anchorState === 'orphaned') - Number(b.anchorState === 'orphaned'));
  return {
    format: 'crux.article-export',
    version: 1,
    exportedAt: new Date().toISOString(),
    article: {
      id: article.id,
      title: article.title,
      language: article.language,
      publishedAt: article.publishedAt,
      sourceUrl: article.sourceUrl,
      publisher: article.publisher,
      revision: article.revision,
    },
    claims: claims.map((claim) => {
      return {
        id: claim.id,
        exact: claim.exact,
        prefix: claim.prefix,
        suffix: claim.suffix,
        start: claim.start,
        end: claim.end,
        anchorState: claim.anchorState,
        revision: claim.revision,
        createdAt: claim.createdAt,
        consensus: claim.consensus,
        verdicts: claim.verdicts.map((v) => ({
          reviewer: v.reviewer,
          rating: v.rating,
          rationale: v.rationale,
          rationaleDoc: v.rationaleDoc,
          sources: v.sources,
          updatedAt: v.updatedAt,
        })),
      };
    }),
  };
}

/** GET /articles/:id/export: query `format` (json | csv) and `scope` (reviewed | all). */
export async function exportArticle(ctx: ServiceContext, articleId: string, query: unknown): Promise<ExportFile> {
  requireActor(ctx);
  const { format, scope } = parseInput(exportQuerySchema, query);
  const data = await buildArticleExport(ctx, articleId, scope);
  const filename = exportFilename(data.article.title, format);
  return format === 'csv'
    ? { filename, contentType: 'text/csv; charset=utf-8', body: toCsv(data) }
    : { filename, contentType: 'application/json; charset=utf-8', body: toJson(data) };
}
