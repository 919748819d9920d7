import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireSignedIn } from '@/app/auth';
import { AccountSecurity } from '@/components/account-security';
import { TokenManager } from '@/components/token-manager';
import { db } from '@/lib/db/client';
import { listTokens } from '@/lib/services/tokens';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('settings');
  return { title: t('title') };
}

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const actor = await requireSignedIn('/settings');
  const [tokens, t, nav, api] = await Promise.all([listTokens(db(), actor.id), getTranslations('settings'), getTranslations('nav'), getTranslations('apiReference')]);
  return (
    <section className="narrow">
      <h1>{t('title')}</h1>
      <p>{t('signedInAs', { email: actor.email, role: nav(`roles.${actor.role}`) })}</p>
      <AccountSecurity passwordChanged={(await searchParams).password === 'changed'} />
      <TokenManager tokens={tokens} />
      <p>
        <Link href="/docs/api" data-testid="api-reference-link">
          {api('settingsLink')}
        </Link>
      </p>
    </section>
  );
}
