import type { ArticleExport } from '../../../lib/export/types';
import type { ServiceContext } from '../../../lib/services/context';
import { exportArticle } from '../../../lib/services/exports';

/** An article's JSON export, parsed: what GET /articles/:id/export?format=json answers. */
export async function buildArticleExport(ctx: ServiceContext, articleId: string, scope: 'reviewed' | 'all'): Promise<ArticleExport> {
  return JSON.parse((await exportArticle(ctx, articleId, { format: 'json', scope })).body) as ArticleExport;
}
