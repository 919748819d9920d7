'use client';
import { useFormatter, useTranslations } from 'next-intl';
import type { Consensus, ConsensusStatus } from '@/lib/consensus';
import { RATINGS } from '@/lib/ratings';
import { STATUS_ICONS } from './claim-status';

/** A status as a badge: glyph and word, so colour is never the only signal. */
export function StatusBadge({ status }: { status: ConsensusStatus }) {
  const t = useTranslations('statuses');
  return (
    <span className={`status-badge status-${status}`} data-status={status}>
      <span aria-hidden="true">{STATUS_ICONS[status]}</span> {t(status)}
    </span>
  );
}

/** Per-claim consensus: status, leading rating, agreement share and the count per rating. */
export function ConsensusSummary({ consensus, hidden }: { consensus: Consensus; hidden: boolean }) {
  const t = useTranslations('panel.consensus');
  const ratings = useTranslations('ratings');
  const common = useTranslations('common');
  const format = useFormatter();
  const max = Math.max(1, ...Object.values(consensus.counts));
  return (
    <section className="consensus" data-testid="consensus">
      <h3>
        {t('heading')} <StatusBadge status={consensus.status} />
      </h3>
      {hidden ? (
        <p className="hint">{t('blind')}</p>
      ) : (
        <>
          <dl className="consensus-figures">
            <dt>{t('reviewers')}</dt>
            <dd data-testid="consensus-reviewers">{format.number(consensus.reviewerCount)}</dd>
            <dt>{t('leading')}</dt>
            <dd data-testid="consensus-leading">{consensus.leadingRating ? ratings(consensus.leadingRating) : common('none')}</dd>
            <dt>{t('agreement')}</dt>
            <dd data-testid="consensus-agreement">
              {consensus.agreement === null ? common('none') : format.number(consensus.agreement, { style: 'percent' })}
            </dd>
          </dl>
          <ul className="rating-counts" aria-label={t('counts')}>
            {RATINGS.map((rating) => (
              <li key={rating} data-rating={rating}>
                <span className="label">{ratings(rating)}</span>
                <span className="bar" aria-hidden="true" style={{ width: `${(consensus.counts[rating] / max) * 100}%` }} />
                <span className="count" data-testid={`count-${rating}`}>
                  {format.number(consensus.counts[rating])}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
