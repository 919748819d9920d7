'use client';
import { useEffect, useState } from 'react';
import { LOCALE_COOKIE, negotiateLocale, type Locale } from '@/lib/i18n/locale';
import en from '@/lib/i18n/messages/en/errorPages.json';
import fr from '@/lib/i18n/messages/fr/errorPages.json';
import './globals.css';

const TEXT: Record<Locale, typeof en> = { en, fr };

/** The reader's language as the server would pick it: the switch's cookie, else the browser. */
function browserLocale(): Locale {
  const cookie = document.cookie
    .split('; ')
    .find((part) => part.startsWith(`${LOCALE_COOKIE}=`))
    ?.slice(LOCALE_COOKIE.length + 1);
  return negotiateLocale(cookie, navigator.languages.join(','));
}

/**
 * When the root layout itself fails, there is no frame and no translation provider:
 * this page brings its own document and reads the language in the browser.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const [locale, setLocale] = useState<Locale>('fr');
  useEffect(() => {
    console.error(error);
    setLocale(browserLocale());
  }, [error]);
  const t = TEXT[locale];
  // The reference the server log names this failure by (instrumentation.ts), never its message.
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;
  return (
    <html lang={locale}>
      <body>
        <title>{`${t.errorTitle} · Crux`}</title>
        <main className="status-page">
          <h1>{t.errorTitle}</h1>
          <p>{t.errorBody}</p>
          {digest && <p className="hint">{t.reference.replace('{digest}', digest)}</p>}
          <p className="actions">
            <button type="button" onClick={() => retry()}>
              {t.retry}
            </button>
            <a href="/">{t.backHome}</a>
          </p>
        </main>
      </body>
    </html>
  );
}
