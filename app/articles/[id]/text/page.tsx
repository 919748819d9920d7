import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EditorPageHeader } from '@/components/editor-page-header';
import { ArticleTextForm } from '@/components/article-text-form';
import { db } from '@/lib/db/client';
import { getRevision } from '@/lib/services/article-revisions';
import { articleForEditor } from '../editor-article';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('revisions');
  return { title: t('title') };
}

/** Editors correct the text on a page of its own: the article page stays as light as it is (a 200,000-character textarea doubles it). */
export default async function CorrectTextPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, article } = await articleForEditor(id, 'text');
  // Markdown and HTML are corrected as they were submitted: the canonical text alone would lose the structure.
  // getRevision takes the number as the REST path carries it, text.
  const source = article.sourceFormat === 'text' ? article.text : (await getRevision({ db: db(), actor }, id, String(article.revision))).source;
  const t = await getTranslations('revisions');
  return (
    <section className="narrow wide">
      <EditorPageHeader articleId={id} back={t('backToArticle')} title={t('title')} intro={t('intro')} />
      <div lang={article.language}>
        <ArticleTextForm articleId={id} format={article.sourceFormat} text={source} version={article.version} />
      </div>
    </section>
  );
}
