import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import Link from 'next/link';
import { currentActor, requireSignedIn } from '@/app/auth';
import { ArticleWorkspace } from '@/components/article-workspace';
import { ExportControl } from '@/components/export-control';
import { db } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { formatPublishedAt } from '@/lib/format';
import { getArticle, type ArticleDetail } from '@/lib/services/articles';
import { listClaims } from '@/lib/services/claims';
import { listRevisions, type RevisionSummary } from '@/lib/services/article-revisions';
import { latestArticleEventId } from '@/lib/services/events';
import { canEditArticle } from '@/lib/permissions';
import { isHttpLink } from '@/lib/http-url';
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
  // Only signed-in readers learn an article's title; an unknown id is a 404, not a page titled "Article".
  const actor = await currentActor();
  if (!actor) return {};
  const article = await db().article.findUnique({ where: { id }, select: { title: true } });
  if (!article) notFound();
  return { title: article.title };
}

export default async function ArticlePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ claim?: string | string[] }>;
}) {
  const [{ id }, { claim }] = await Promise.all([params, searchParams]);
  const wanted = typeof claim === 'string' ? claim : null;
  const actor = await requireSignedIn(`/articles/${id}${wanted ? `?claim=${encodeURIComponent(wanted)}` : ''}`);
  const ctx = { db: db(), actor };
  const article = await load(ctx, id);
  // Read before the claims: whatever happens after it reaches the page through its live stream.
  const liveCursor = await latestArticleEventId(ctx.db, id);
  const [claims, revisions, t, tEdit, tActivity, tAgreement, tRevisions, locale] = await Promise.all([
    listClaims(ctx, id),
    // Only a corrected article has revisions to choose from.
    article.revision > 1 ? listRevisions(ctx, id) : Promise.resolve<RevisionSummary[]>([]),
    getTranslations('workspace'),
    getTranslations('articleEdit'),
    getTranslations('activity'),
    getTranslations('agreement'),
    getTranslations('revisions'),
    getLocale(),
  ]);
  // A permalink opens its claim only if it is one of this article's (deleted or foreign ids are refused).
  const initialClaimId = wanted && claims.some((c) => c.id === wanted) ? wanted : null;
  // The date is interface text (in the reader's language); the title is the article's own.
  const published = formatPublishedAt(article.publishedAt, locale);
  return (
    <article className="article-page">
      <header className="article-header">
        <h1 data-testid="article-title" lang={article.language}>
          {article.title}
        </h1>
        <p className="meta">
          {published && (
            <time dateTime={article.publishedAt ?? undefined} data-testid="article-date">
              {published}
            </time>
          )}
          {article.publisher && <span lang={article.language}> · {article.publisher}</span>}
          {article.sourceUrl && (
            <span>
              {' · '}
              <a href={isHttpLink(article.sourceUrl) ? article.sourceUrl : undefined} rel="noopener noreferrer nofollow" target="_blank">
                {t('source')}
              </a>
            </span>
          )}
        </p>
        {canEditArticle(actor) && (
          <p>
            <Link href={`/articles/${article.id}/edit`} data-testid="edit-article">
              {tEdit('editLink')}
            </Link>
            {' · '}
            <Link href={`/articles/${article.id}/text`} data-testid="correct-text">
              {tRevisions('correctLink')}
            </Link>
            {' · '}
            <Link href={`/articles/${article.id}/activity`} data-testid="article-activity">
              {tActivity('link')}
            </Link>
          </p>
        )}
        <p>
          <Link href={`/articles/${article.id}/agreement`} data-testid="article-agreement">
            {tAgreement('link')}
          </Link>
        </p>
        {revisions.length > 1 && (
          <nav aria-label={tRevisions('revisions')} className="revision-picker" data-testid="revision-picker">
            {tRevisions('revisionsLead')}{' '}
            {revisions.map((r, i) => (
              <span key={r.number}>
                {i > 0 && ' · '}
                {r.current ? (
                  <span aria-current="page">
                    {tRevisions('revisionLabel', { number: r.number })} ({tRevisions('current')})
                  </span>
                ) : (
                  <Link href={`/articles/${article.id}/revisions/${r.number}`} data-testid={`revision-${r.number}`}>
                    {tRevisions('revisionLabel', { number: r.number })}
                  </Link>
                )}
              </span>
            ))}
          </nav>
        )}
        <ExportControl articleId={article.id} />
      </header>
      {wanted && !initialClaimId && (
        <p className="notice" role="alert" data-testid="claim-not-found">
          {t('claimNotFound')}
        </p>
      )}
      <ArticleWorkspace
        article={{ id: article.id, text: article.text, structure: article.structure, language: article.language, revision: article.revision }}
        initialClaims={claims}
        initialClaimId={initialClaimId}
        liveCursor={liveCursor}
        viewer={{ id: actor.id, role: actor.role }}
      />
    </article>
  );
}
