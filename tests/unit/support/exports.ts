import type { Archive, ArchiveArticle, ArchiveClaim } from '../../../lib/export/archive-schema';
import type { ServiceContext } from '../../../lib/services/context';
import { exportArticle } from '../../../lib/services/exports';

/** An article's JSON export (the archive), parsed: what GET /articles/:id/export?format=json answers, its one article and its claims. */
export async function buildArticleExport(ctx: ServiceContext, articleId: string, scope: 'reviewed' | 'all'): Promise<{ archive: Archive; article: ArchiveArticle; claims: ArchiveClaim[] }> {
  const archive = JSON.parse((await exportArticle(ctx, articleId, { format: 'json', scope })).body) as Archive;
  const article = archive.articles[0]!;
  return { archive, article, claims: article.claims };
}
