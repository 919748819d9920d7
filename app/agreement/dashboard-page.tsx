// The consensus dashboard page, of one article or of all: reads the report as
// the viewer may see it, with the filters of the address; a filter that cannot
// apply (a malformed day, another reviewer's claims for a reviewer) is said,
// and the report shown without filters.
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AgreementDashboard } from '@/components/agreement-dashboard';
import { seesEveryReviewer } from '@/lib/agreement/visibility';
import { DomainError } from '@/lib/errors';
import { agreementFor, type AgreementView } from '@/lib/services/agreement';
import type { Actor, ServiceContext } from '@/lib/services/context';
import { listUsers } from '@/lib/services/users';
import { db } from '@/lib/db/client';

export type SearchParams = Record<string, string | string[] | undefined>;

const FILTERS = ['from', 'to', 'reviewer'] as const;

/** The filters of the address that are set: a form sends empty fields. */
export function filtersOf(params: SearchParams): Record<string, string> {
  return Object.fromEntries(FILTERS.flatMap((name) => (typeof params[name] === 'string' && params[name] ? [[name, params[name]]] : [])));
}

async function report(ctx: ServiceContext, articleId: string | null, filters: Record<string, string>): Promise<{ view: AgreementView; filterError: string | null }> {
  try {
    return { view: await agreementFor(ctx, articleId, filters), filterError: null };
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) notFound();
    if (!(error instanceof DomainError) || (error.status !== 422 && error.status !== 403) || Object.keys(filters).length === 0) throw error;
    return { view: await agreementFor(ctx, articleId, {}), filterError: error.message };
  }
}

export async function DashboardPage({ actor, articleId, params }: { actor: Actor; articleId: string | null; params: SearchParams }) {
  const ctx = { db: db(), actor };
  const t = await getTranslations('agreement');
  const { view, filterError } = await report(ctx, articleId, filtersOf(params));
  const seesEveryone = seesEveryReviewer(actor);
  const reviewerOptions = seesEveryone ? (await listUsers(ctx)).map((u) => ({ id: u.id, name: u.name ?? u.id })) : [];
  const article = view.scope.article;
  return (
    <section className="agreement-page" data-testid="agreement-page">
      {article && (
        <p>
          <Link href={`/articles/${article.id}`}>{t('back')}</Link>
        </p>
      )}
      <h1>{article ? t('heading', { title: article.title }) : t('headingAll')}</h1>
      <AgreementDashboard
        view={view}
        pagePath={article ? `/articles/${article.id}/agreement` : '/agreement'}
        apiPath={article ? `/api/v1/articles/${article.id}/agreement` : '/api/v1/agreement'}
        viewer={{ id: actor.id, seesEveryone }}
        reviewerOptions={reviewerOptions}
        filterError={filterError}
      />
    </section>
  );
}
