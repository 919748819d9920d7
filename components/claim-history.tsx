'use client';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { loadClaimHistoryAction } from '@/app/actions';
import { FormError } from '@/components/form-error';
import { HistoryList } from '@/components/history-list';
import { useErrorMessage } from '@/components/use-error-message';
import type { HistoryEntry } from '@/lib/history';
import type { LocalizableError } from '@/lib/i18n/error-message';

/**
 * A claim's history (who, when, what before → after), as blind review lets the
 * viewer read it; loads when shown and again when `claimId` changes. `refreshKey`
 * lets the panel reload it after a change of its own.
 */
export function ClaimHistory({ claimId, refreshKey }: { claimId: string; refreshKey?: unknown }) {
  const t = useTranslations('history');
  const errors = useErrorMessage();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [nextCursor, setNextCursor] = useState<number | null>(null);
  const [error, setError] = useState<LocalizableError>();
  const [pending, setPending] = useState(false);

  // A plain async call, not a transition: Next runs server actions one at a time, and a
  // transition kept open by this load held back the panel's own actions (posting a comment).
  const load = useCallback(
    async (cursor?: number) => {
      setPending(true);
      try {
        const result = await loadClaimHistoryAction(claimId, cursor);
        if (!result.ok) return setError(result.error);
        setError(undefined);
        setEntries((previous) => (cursor === undefined ? result.data.entries : [...(previous ?? []), ...result.data.entries]));
        setNextCursor(result.data.nextCursor);
      } catch {
        setError({ code: 'network', key: 'network', message: errors.network() });
      } finally {
        setPending(false);
      }
    },
    [claimId, errors],
  );

  useEffect(() => {
    setEntries(null);
    void load();
    // errors is stable enough; reload on a new claim or an outside change only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [claimId, refreshKey]);

  return (
    <section className="claim-history" aria-labelledby={`history-${claimId}`} data-testid="claim-history">
      <h3 id={`history-${claimId}`}>{t('title')}</h3>
      <FormError error={error} />
      {entries === null ? (
        <p className="hint" role="status">
          {t('loading')}
        </p>
      ) : entries.length === 0 ? (
        <p className="hint">{t('empty')}</p>
      ) : (
        <HistoryList entries={entries} />
      )}
      {nextCursor !== null && (
        <button type="button" className="link-button" disabled={pending} onClick={() => void load(nextCursor)}>
          {pending ? t('loading') : t('older')}
        </button>
      )}
    </section>
  );
}
