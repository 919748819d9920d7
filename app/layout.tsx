import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { currentActor } from '@/app/auth';
import { logoutAction } from '@/app/actions';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Crux', template: '%s · Crux' },
  description: 'Collaborative fact-checking: mark claims, give verdicts, see where reviewers agree.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  return (
    <html lang="en">
      <body>
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
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
