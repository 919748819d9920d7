import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { requireSignedIn } from '@/app/auth';
import { db } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { getRevision } from '@/lib/services/article-revisions';
import { getArticle } from '@/lib/services/articles';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }): Promise<Metadata> {
  const [{ number }, t] = await Promise.all([params, getTranslations('revisions')]);
  return { title: t('revisionLabel', { number }) };
}

/** An old revision of an article, read-only: its text as it was, paragraph by paragraph. */
export default async function RevisionPage({ params }: { params: Promise<{ id: string; number: string }> }) {
  const { id, number } = await params;
  const actor = await requireSignedIn(`/articles/${id}/revisions/${encodeURIComponent(number)}`);
  const ctx = { db: db(), actor };
  const [article, revision] = await Promise.all([getArticle(ctx, id), getRevision(ctx, id, number)]).catch((error: unknown) => {
    if (error instanceof DomainError && (error.status === 404 || error.status === 422)) notFound();
    throw error;
  });
  const [t, format] = await Promise.all([getTranslations('revisions'), getFormatter()]);
  const date = format.dateTime(new Date(revision.createdAt), { dateStyle: 'long', timeStyle: 'short' });
  return (
    <article className="article-page revision-page" data-testid="revision-page">
      <p>
        <Link href={`/articles/${id}`}>
          <span aria-hidden="true">← </span>
          {t('seeCurrent')}
        </Link>
      </p>
      <h1 lang={article.language}>{article.title}</h1>
      <p className="notice" data-testid="revision-notice">
        {revision.createdBy?.name ? t('viewingBy', { number: revision.number, date, name: revision.createdBy.name }) : t('viewing', { number: revision.number, date })}
      </p>
      <div className="revision-text" lang={article.language} data-testid="revision-text">
        {revision.text.split(/\n{2,}/).map((paragraph, i) => (
          <p key={i} style={{ whiteSpace: 'pre-wrap' }}>
            {paragraph}
          </p>
        ))}
      </div>
    </article>
  );
}
