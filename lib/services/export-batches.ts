// The streaming exports' reader: articles one at a time, each one's claims a
// page (CLAIMS_PER_PAGE) at a time, each claim as the viewer may see it
// (claim-views.ts toExportClaim: blind review, consensus), kept or dropped
// by the export's filters (lib/export/filters.ts). Memory holds one page of
// claims whatever the size of the newsroom.
import { notFound } from '../errors';
import { keepClaim, type ExportFilters } from '../export/filters';
import type { ExportArticle, ExportBatch } from '../export/format';
import type { Article } from '../generated/prisma/client';
import type { Viewer } from '../permissions';
import { reviewSettings } from './articles';
import { toExportClaim } from './claim-views';
import type { Tx } from './context';
import { CLAIMS_PER_PAGE, ExportPeople, exportRecordPage } from './export-rows';

/** Articles read per query when exporting all of them. */
const ARTICLES_PER_QUERY = 100;

function exportArticle(article: Article): ExportArticle {
  return {
    id: article.id,
    title: article.title,
    language: article.language,
    publishedAt: article.publishedAt,
    sourceUrl: article.sourceUrl,
    publisher: article.publisher,
    revision: article.currentRevision,
    createdAt: article.createdAt.toISOString(),
  };
}

/** One article's kept claims, a page at a time; at least one batch, empty when nothing is kept. */
async function* articleBatches(db: Tx, people: ExportPeople, article: Article, viewer: Viewer, filters: ExportFilters): AsyncGenerator<ExportBatch> {
  const settings = reviewSettings(article);
  const exported = exportArticle(article);
  let yielded = false;
  // Orphaned claims (their passage lost in a correction) come apart, after the others.
  for (const anchors of ['anchored', 'orphaned'] as const) {
    for (let after: { start: number; id: string } | null = null; ; ) {
      const records = await exportRecordPage(db, people, { articleId: article.id, after, limit: CLAIMS_PER_PAGE, anchors });
      const last = records.at(-1);
      if (!last) break;
      after = { start: last.start, id: last.id };
      const claims = records.map((record) => toExportClaim(record, settings, viewer)).filter((claim) => keepClaim(claim, filters));
      if (claims.length > 0) {
        yield { article: exported, claims };
        yielded = true;
      }
      if (records.length < CLAIMS_PER_PAGE) break;
    }
  }
  if (!yielded) yield { article: exported, claims: [] };
}

/** The article, or 404: checked before a response starts, so that the error can still be one. */
export async function findExportArticle(db: Tx, articleId: string): Promise<Article> {
  const article = await db.article.findUnique({ where: { id: articleId } });
  if (!article) throw notFound('article');
  return article;
}

/** Batches of one article (given), or of every article in id order (keyset pagination). Every signed-in person may read every article. */
export async function* exportBatches(db: Tx, viewer: Viewer, filters: ExportFilters, article?: Article): AsyncGenerator<ExportBatch> {
  const people = new ExportPeople(db);
  if (article) {
    yield* articleBatches(db, people, article, viewer, filters);
    return;
  }
  for (let after: string | null = null; ; ) {
    const articles: Article[] = await db.article.findMany({
      where: after === null ? {} : { id: { gt: after } },
      orderBy: { id: 'asc' },
      take: ARTICLES_PER_QUERY,
    });
    for (const a of articles) yield* articleBatches(db, people, a, viewer, filters);
    if (articles.length < ARTICLES_PER_QUERY) break;
    after = articles.at(-1)!.id;
  }
}
