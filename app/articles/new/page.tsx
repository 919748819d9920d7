import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { requireSignedIn } from '@/app/auth';
import { ArticleForm } from '@/components/article-form';
import { hasRole } from '@/lib/services/context';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('articleForm');
  return { title: t('title') };
}

export default async function NewArticlePage() {
  const actor = await requireSignedIn('/articles/new');
  if (!hasRole(actor, 'editor')) redirect('/');
  const t = await getTranslations('articleForm');
  return (
    <section className="narrow wide">
      <h1>{t('title')}</h1>
      <ArticleForm />
    </section>
  );
}
