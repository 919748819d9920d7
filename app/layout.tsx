import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { currentActor } from '@/app/auth';
import { logoutAction } from '@/app/actions';
import { LanguageSwitch } from '@/components/language-switch';
import { NotificationBell } from '@/components/notification-bell';
import { db } from '@/lib/db/client';
import { hasRole } from '@/lib/permissions';
import { unreadNotificationCount } from '@/lib/services/notifications';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: 'Crux', template: '%s · Crux' }, description: t('tagline') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [actor, locale, t, tPeople, tAgreement, tImport] = await Promise.all([
    currentActor(),
    getLocale(),
    getTranslations('nav'),
    getTranslations('people'),
    getTranslations('agreement'),
    getTranslations('archiveImport'),
  ]);
  const unread = actor ? await unreadNotificationCount(db(), actor.id) : 0;
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider>
          <header className="site-header">
            <Link href="/" className="brand" aria-label={t('home')}>
              Crux
            </Link>
            <nav aria-label={t('main')}>
              {actor ? (
                <>
                  <Link href="/">{t('articles')}</Link>
                  {hasRole(actor, 'editor') && (
                    <Link href="/agreement" data-testid="nav-agreement">
                      {tAgreement('navLink')}
                    </Link>
                  )}
                  {hasRole(actor, 'editor') && (
                    <Link href="/import" data-testid="nav-import">
                      {tImport('nav')}
                    </Link>
                  )}
                  {hasRole(actor, 'admin') && (
                    <Link href="/users" data-testid="nav-users">
                      {tPeople('title')}
                    </Link>
                  )}
                  <Link href="/settings">{t('settings')}</Link>
                  <NotificationBell initialUnread={unread} />
                  <span className="who" data-testid="current-user">
                    <span className="visually-hidden">{t('signedInAs')} </span>
                    <span className="who-name">{actor.name ?? actor.email}</span> <span className="role">{t(`roles.${actor.role}`)}</span>
                  </span>
                  <form action={logoutAction}>
                    <button type="submit" className="link-button">
                      {t('signOut')}
                    </button>
                  </form>
                </>
              ) : (
                <>
                  <Link href="/login">{t('signIn')}</Link>
                  <Link href="/register">{t('register')}</Link>
                </>
              )}
              <LanguageSwitch />
            </nav>
          </header>
          <main id="main">{children}</main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
