import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSignedIn } from '@/app/auth';
import { DashboardPage, type SearchParams } from './dashboard-page';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('agreement');
  return { title: t('headingAll') };
}

/** Agreement across every article: editors see everyone's figures, reviewers their own. */
export default async function AgreementPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireSignedIn('/agreement');
  return <DashboardPage actor={actor} articleId={null} params={await searchParams} />;
}
