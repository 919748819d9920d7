'use client';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import type { HistoryChange, HistoryEntry, HistoryValue } from '@/lib/history';
import { isConsensusRule } from '@/lib/consensus';
import { isRating } from '@/lib/ratings';
import { formatShare } from '@/lib/format';
import './desk.css';

type Subject = 'article' | 'claim' | 'verdict' | 'adjudication' | 'comment';
type Field = Parameters<ReturnType<typeof useTranslations<'history'>>>[0] & `fields.${string}`;

/** A list of history entries: who, when, what, and each field before → after. */
/** With `articleId`, each entry about a live claim links to its permalink (the activity page). */
export function HistoryList({ entries, articleId }: { entries: HistoryEntry[]; articleId?: string }) {
  const t = useTranslations('history');
  const ratings = useTranslations('ratings');
  const rules = useTranslations('consensusRules');
  const format = useFormatter();
  const locale = useLocale();

  const value = (change: HistoryChange, v: HistoryValue): string => {
    if (v === null) return t('nothing');
    if (change.field === 'rating' && isRating(v)) return ratings(v);
    if (typeof v === 'boolean') return v ? t('on') : t('off');
    if (change.field === 'settings.agreementThreshold' && typeof v === 'number') return formatShare(v, locale);
    if (change.field === 'settings.consensusRule' && isConsensusRule(v)) return rules(v);
    return String(v);
  };
  const label = (field: string): string => {
    const key = `fields.${field}` as Field;
    return t.has(key) ? t(key) : field;
  };

  return (
    <ol className="history-list">
      {entries.map((entry) => {
        const subject = entry.type.split('.')[0] as Subject;
        return (
          <li key={entry.id} className="history-entry" data-testid="history-entry" data-type={entry.type}>
            <p className="history-head">
              <strong>{entry.actor?.name ?? t('someone')}</strong> {t(`actions.${subject}.${entry.action}`)}{' '}
              <time dateTime={entry.at} className="meta">
                {format.dateTime(new Date(entry.at), { dateStyle: 'medium', timeStyle: 'short' })}
              </time>
              {articleId && entry.claimId && entry.type !== 'claim.deleted' && (
                <>
                  {' · '}
                  <Link href={`/articles/${articleId}?claim=${encodeURIComponent(entry.claimId)}`}>{t('openClaim')}</Link>
                </>
              )}
            </p>
            {entry.changes.length > 0 && (
              <dl className="history-changes">
                {entry.changes.map((change) => (
                  <div key={change.field} className="history-change">
                    <dt>{label(change.field)}</dt>
                    <dd>
                      {change.before !== null && entry.action !== 'created' && (
                        <del aria-label={`${t('before')} : ${value(change, change.before)}`}>{value(change, change.before)}</del>
                      )}
                      {change.before !== null && change.after !== null && ' → '}
                      {change.after !== null && <ins aria-label={`${t('after')} : ${value(change, change.after)}`}>{value(change, change.after)}</ins>}
                      {change.before === null && change.after === null && t('nothing')}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        );
      })}
    </ol>
  );
}
