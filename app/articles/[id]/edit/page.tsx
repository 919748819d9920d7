import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EditorPageHeader } from '@/components/editor-page-header';
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
      <EditorPageHeader articleId={id} back={t('backToArticle')} title={t('title')} intro={t('intro')} />
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
