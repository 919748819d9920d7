import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSignedIn } from '@/app/auth';
import { PeopleManager } from '@/components/people-manager';
import { db } from '@/lib/db/client';
import { hasRole } from '@/lib/permissions';
import { listUsers } from '@/lib/services/users';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('people');
  return { title: t('title') };
}

/** Admins list people, change roles, deactivate and reactivate accounts. */
export default async function UsersPage() {
  const actor = await requireSignedIn('/users');
  const t = await getTranslations('people');
  if (!hasRole(actor, 'admin')) {
    return (
      <section className="narrow">
        <h1>{t('title')}</h1>
        <p role="alert" className="notice" data-testid="forbidden">
          {t('forbidden')}
        </p>
      </section>
    );
  }
  const users = await listUsers({ db: db(), actor });
  return (
    <section className="wide">
      <h1>{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      <PeopleManager users={users} selfId={actor.id} />
    </section>
  );
}
