// The JSON export, streamed: one article's shape ('crux.article-export',
// version 1, lib/export/types.ts) for GET /articles/:id/export, and the same
// per article inside 'crux.articles-export' for every article. Claims are
// written as their batch arrives, two-space indented so that exports diff
// well in version control.
import type { ClaimDetail } from '../services/claim-views';
import type { ExportArticle, ExportBatch, ExportFormat, ExportOptions } from './format';
import type { ArticleExport, ExportedClaim } from './types';

export function toExportedClaim(claim: ClaimDetail): ExportedClaim {
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
}

function exportedArticle(article: ExportArticle): ArticleExport['article'] {
  const { id, title, language, publishedAt, sourceUrl, publisher, revision } = article;
  return { id, title, language, publishedAt, sourceUrl, publisher, revision };
}

/** `"key": value` lines of an object opened by the caller, at `indent`. */
function fields(values: Record<string, unknown>, indent: string): string {
  return Object.entries(values)
    .map(([key, value]) => `${indent}${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`)}`)
    .join(',\n');
}

/** One article: its fields, then its claims as they come (`indent` is the article object's own). */
async function* articleBody(batches: AsyncIterator<ExportBatch>, first: ExportBatch, indent: string): AsyncGenerator<string, ExportBatch | null> {
  const inner = `${indent}  `;
  yield `${fields({ article: exportedArticle(first.article) }, inner)},\n${inner}"claims": [`;
  let written = 0;
  let batch: ExportBatch | null = first;
  const pad = `${inner}  `;
  while (batch !== null && batch.article.id === first.article.id) {
    // One chunk per batch, each claim indented in one pass.
    const parts: string[] = [];
    for (const claim of batch.claims) {
      parts.push(`${written === 0 ? '\n' : ',\n'}${pad}${JSON.stringify(toExportedClaim(claim), null, 2).replace(/\n/g, `\n${pad}`)}`);
      written += 1;
    }
    if (parts.length > 0) yield parts.join('');
    const next = await batches.next();
    batch = next.done ? null : next.value;
  }
  yield written === 0 ? ']' : `\n${inner}]`;
  return batch;
}

export async function* renderJson(batches: AsyncIterable<ExportBatch>, options: Pick<ExportOptions, 'exportedAt' | 'singleArticle'>): AsyncGenerator<string> {
  const iterator = batches[Symbol.asyncIterator]();
  const exportedAt = options.exportedAt.toISOString();
  const start = await iterator.next();
  let batch: ExportBatch | null = start.done ? null : start.value;
  if (options.singleArticle) {
    if (batch === null) throw new Error('A one-article export needs its article.');
    yield `{\n${fields({ format: 'crux.article-export', version: 1, exportedAt }, '  ')},\n`;
    yield* articleBody(iterator, batch, '');
    yield '\n}\n';
    return;
  }
  yield `{\n${fields({ format: 'crux.articles-export', version: 1, exportedAt }, '  ')},\n  "articles": [`;
  let count = 0;
  while (batch !== null) {
    yield `${count === 0 ? '\n' : ',\n'}    {\n`;
    batch = yield* articleBody(iterator, batch, '    ');
    yield '\n    }';
    count += 1;
  }
  yield count === 0 ? ']\n}\n' : '\n  ]\n}\n';
}

export const jsonFormat: ExportFormat = { contentType: 'application/json; charset=utf-8', extension: 'json', render: renderJson };
