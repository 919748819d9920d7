import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('errorPages');
  return { title: t('notFoundTitle') };
}

/** Unknown addresses and unknown ids (an article page calls notFound()). */
export default async function NotFound() {
  const t = await getTranslations('errorPages');
  return (
    <section className="status-page" data-testid="not-found">
      <p className="status-code" aria-hidden="true">
        404
      </p>
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
      <p>
        <Link href="/" className="button">
          {t('backHome')}
        </Link>
      </p>
    </section>
  );
}
