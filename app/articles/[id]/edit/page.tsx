import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ArticleMetadataForm } from '@/components/article-metadata-form';
import { ReviewSettingsForm } from '@/components/review-settings-form';
import { articleForEditor } from '../editor-article';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('articleEdit');
  return { title: t('title') };
}

export default async function EditArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { article } = await articleForEditor(id, 'edit');
  const t = await getTranslations('articleEdit');
  return (
    <section className="narrow wide">
      <p>
        <Link href={`/articles/${id}`}>
          <span aria-hidden="true">← </span>
          {t('backToArticle')}
        </Link>
      </p>
      <h1>{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      <ArticleMetadataForm
        articleId={id}
        article={{
          title: article.title,
          publisher: article.publisher,
          sourceUrl: article.sourceUrl,
          publishedAt: article.publishedAt,
          language: article.language,
          version: article.version,
        }}
      />
      {/* Its own form and save: settings are not metadata, and each save carries the version it read. */}
      <ReviewSettingsForm articleId={id} settings={article.settings} version={article.version} />
    </section>
  );
}
