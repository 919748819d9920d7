'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';

/** A page that failed to render, inside the site's frame: what happened and a retry. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('errorPages');
  const heading = useRef<HTMLHeadingElement>(null);
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;
  useEffect(() => {
    console.error(error);
    // Screen reader and keyboard users land on the message, not on a stale focus.
    heading.current?.focus();
  }, [error]);
  return (
    <section className="status-page" data-testid="error-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('errorTitle')}
      </h1>
      <p>{t('errorBody')}</p>
      {digest && <p className="hint">{t('reference', { digest })}</p>}
      <p className="actions">
        <button type="button" onClick={() => retry()}>
          {t('retry')}
        </button>
        <Link href="/">{t('backHome')}</Link>
      </p>
    </section>
  );
}
