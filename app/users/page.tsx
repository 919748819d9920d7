import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSignedIn } from '@/app/auth';
import { InvitationManager } from '@/components/invitation-manager';
import { PeopleManager } from '@/components/people-manager';
import { db } from '@/lib/db/client';
import { hasRole } from '@/lib/permissions';
import { getRegistrationMode, listInvitations } from '@/lib/services/invitations';
import { listUsers } from '@/lib/services/users';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('people');
  return { title: t('title') };
}

/** Admins list people, change roles, deactivate and reactivate accounts, and say who may register. */
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
  const ctx = { db: db(), actor };
  const [users, mode, invitations] = await Promise.all([listUsers(ctx), getRegistrationMode(ctx.db), listInvitations(ctx)]);
  return (
    <section className="wide people-page">
      <h1>{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      <PeopleManager users={users} selfId={actor.id} />
      <InvitationManager mode={mode} invitations={invitations} />
    </section>
  );
}
