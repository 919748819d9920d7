import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireSignedIn } from '@/app/auth';
import { ArticleWorkspace } from '@/components/article-workspace';
import { db } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { formatPublishedAt } from '@/lib/format';
import { getArticle, type ArticleDetail } from '@/lib/services/articles';
import { listClaims } from '@/lib/services/claims';
import type { ServiceContext } from '@/lib/services/context';

export const dynamic = 'force-dynamic';

async function load(ctx: ServiceContext, id: string): Promise<ArticleDetail> {
  try {
    return await getArticle(ctx, id);
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const article = await db().article.findUnique({ where: { id }, select: { title: true } });
  return { title: article?.title ?? 'Article' };
}

export default async function ArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireSignedIn(`/articles/${id}`);
  const ctx = { db: db(), actor };
  const article = await load(ctx, id);
  const claims = await listClaims(ctx, id);
  const published = formatPublishedAt(article.publishedAt, article.language);
  return (
    <article className="article-page">
      <header className="article-header" lang={article.language}>
        <h1 data-testid="article-title">{article.title}</h1>
        <p className="meta">
          {published && (
            <time dateTime={article.publishedAt ?? undefined} data-testid="article-date">
              {published}
            </time>
          )}
          {article.publisher && <span> · {article.publisher}</span>}
          {article.sourceUrl && (
            <span>
              {' · '}
              <a href={article.sourceUrl} rel="noopener noreferrer nofollow" target="_blank">
                source
              </a>
            </span>
          )}
        </p>
        <p className="exports">
          Export reviewed claims:{' '}
          <a href={`/api/v1/articles/${article.id}/export?format=json`} download data-testid="export-json">
            JSON
          </a>{' '}
          <a href={`/api/v1/articles/${article.id}/export?format=csv`} download data-testid="export-csv">
            CSV
          </a>
        </p>
      </header>
      <ArticleWorkspace article={{ id: article.id, text: article.text, language: article.language }} initialClaims={claims} viewer={{ id: actor.id, role: actor.role }} />
    </article>
  );
}
