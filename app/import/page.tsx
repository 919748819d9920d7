import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSignedIn } from '@/app/auth';
import { ArchiveImport } from '@/components/archive-import';
import { hasRole } from '@/lib/permissions';
import { ARCHIVE_MAX_BYTES } from '@/lib/services/archive-import';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('archiveImport');
  return { title: t('title') };
}

/** Editors upload an archive (a JSON export) from another Crux, or from this one (nothing changes then). */
export default async function ImportPage() {
  const actor = await requireSignedIn('/import');
  const t = await getTranslations('archiveImport');
  return (
    <section className="narrow">
      <h1>{t('title')}</h1>
      {hasRole(actor, 'editor') ? (
        <>
          <p className="hint">{t('intro')}</p>
          <ArchiveImport maxBytes={ARCHIVE_MAX_BYTES} />
        </>
      ) : (
        <p role="alert" className="notice" data-testid="forbidden">
          {t('forbidden')}
        </p>
      )}
    </section>
  );
}
