import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { currentActor } from '@/app/auth';
import { logoutAction } from '@/app/actions';
import { LanguageSwitch } from '@/components/language-switch';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: 'Crux', template: '%s · Crux' }, description: t('tagline') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [actor, locale] = await Promise.all([currentActor(), getLocale()]);
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider>
          <header className="site-header">
            <Link href="/" className="brand">
              Crux
            </Link>
            <nav>
              {actor ? (
                <>
                  <Link href="/">Articles</Link>
                  <Link href="/settings">Settings</Link>
                  <span className="who" data-testid="current-user">
                    {actor.name ?? actor.email} <span className="role">{actor.role}</span>
                  </span>
                  <form action={logoutAction}>
                    <button type="submit" className="link-button">
                      Sign out
                    </button>
                  </form>
                </>
              ) : (
                <>
                  <Link href="/login">Sign in</Link>
                  <Link href="/register">Register</Link>
                </>
              )}
              <LanguageSwitch />
            </nav>
          </header>
          <main>{children}</main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
