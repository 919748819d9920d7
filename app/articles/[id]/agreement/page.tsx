import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSignedIn } from '@/app/auth';
import { DashboardPage, type SearchParams } from '@/app/agreement/dashboard-page';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('agreement');
  return { title: t('title') };
}

/** An article's consensus dashboard. */
export default async function ArticleAgreementPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const actor = await requireSignedIn(`/articles/${id}/agreement`);
  return <DashboardPage actor={actor} articleId={id} params={query} />;
}
