import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { currentActor } from '@/app/auth';
import { db } from '@/lib/db/client';
import { formatPublishedAt } from '@/lib/format';
import { listArticles } from '@/lib/services/articles';
import { ExportControl } from '@/components/export-control';
import { hasRole } from '@/lib/services/context';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('home');
  return { title: t('title') };
}

export default async function HomePage() {
  const [actor, locale, t] = await Promise.all([currentActor(), getLocale(), getTranslations('home')]);
  if (!actor) {
    return (
      <section className="narrow">
        <h1>Crux</h1>
        <p>{t('intro')}</p>
        <p>
          {t.rich('start', {
            signIn: (chunks) => <Link href="/login">{chunks}</Link>,
            register: (chunks) => <Link href="/register">{chunks}</Link>,
          })}
        </p>
      </section>
    );
  }
  const articles = await listArticles({ db: db(), actor });
  return (
    <section>
      <div className="page-title">
        <h1>{t('title')}</h1>
        {hasRole(actor, 'editor') && (
          <Link href="/articles/new" className="button" data-testid="new-article">
            {t('newArticle')}
          </Link>
        )}
      </div>
      {articles.length > 0 && <ExportControl />}
      {articles.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <ul className="article-list" data-testid="article-list">
          {articles.map((a) => {
            // The date in the interface's language; the title stays in the article's.
            const published = formatPublishedAt(a.publishedAt, locale);
            return (
              <li key={a.id}>
                <Link href={`/articles/${a.id}`} lang={a.language}>
                  {a.title}
                </Link>
                <span className="meta">
                  {published && <time dateTime={a.publishedAt ?? undefined}>{published}</time>}
                  {a.publisher && (
                    <>
                      {published && ' · '}
                      <span lang={a.language}>{a.publisher}</span>
                    </>
                  )}
                  {(published || a.publisher) && ' · '}
                  {t('claims', { count: a.claimCount })}, {t('reviewed', { count: a.reviewedClaimCount })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
