import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireSignedIn } from '@/app/auth';
import { HistoryList } from '@/components/history-list';
import { db } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { canEditArticle } from '@/lib/permissions';
import { articleActivity } from '@/lib/services/history';
import { listUsers } from '@/lib/services/users';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('activity');
  return { title: t('title') };
}

const one = (v: string | string[] | undefined): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** An article's activity for editors and admins: every change, newest first, filterable by person. */
export default async function ActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ actor?: string | string[]; cursor?: string | string[] }>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const actorFilter = one(query.actor);
  const cursor = one(query.cursor);
  const self = `/articles/${id}/activity${actorFilter ? `?actor=${encodeURIComponent(actorFilter)}` : ''}`;
  const actor = await requireSignedIn(self);
  const t = await getTranslations('activity');
  if (!canEditArticle(actor)) {
    return (
      <section className="narrow">
        <h1>{t('title')}</h1>
        <p role="alert" className="notice" data-testid="forbidden">
          {t('forbidden')}
        </p>
        <Link href={`/articles/${id}`}>{t('back')}</Link>
      </section>
    );
  }
  const ctx = { db: db(), actor };
  const article = await db().article.findUnique({ where: { id }, select: { title: true } });
  if (!article) notFound();
  let page;
  try {
    page = await articleActivity(ctx, id, { ...(actorFilter ? { actor: actorFilter } : {}), ...(cursor ? { cursor } : {}) });
  } catch (error) {
    // A malformed cursor from a hand-edited address: start again from the newest.
    if (!(error instanceof DomainError) || error.status !== 422) throw error;
    page = await articleActivity(ctx, id, actorFilter ? { actor: actorFilter } : {});
  }
  const people = await listUsers(ctx);
  const withActor = (extra: string) => `/articles/${id}/activity?${actorFilter ? `actor=${encodeURIComponent(actorFilter)}&` : ''}${extra}`;
  return (
    <section className="wide" data-testid="activity-page">
      <p>
        <Link href={`/articles/${id}`}>{t('back')}</Link>
      </p>
      <h1>
        {t('heading', { title: article.title })}
      </h1>
      <form method="get" className="activity-filter" action={`/articles/${id}/activity`}>
        <div className="field">
          <label htmlFor="activity-actor">{t('person')}</label>
          <select id="activity-actor" name="actor" defaultValue={actorFilter ?? ''} data-testid="activity-actor">
            <option value="">{t('everyone')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name ?? p.email ?? p.id}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('show')}</button>
      </form>
      {page.entries.length === 0 ? <p className="hint">{t('empty')}</p> : <HistoryList entries={page.entries} articleId={id} />}
      <p className="actions">
        {cursor && <Link href={withActor('').replace(/[?&]$/, '')}>{t('newest')}</Link>}
        {page.nextCursor !== null && (
          <Link href={withActor(`cursor=${page.nextCursor}`)} data-testid="activity-older">
            {t('older')}
          </Link>
        )}
      </p>
    </section>
  );
}
