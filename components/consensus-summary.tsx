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

/**
 * Per-claim consensus: status, the rule in force, the rating agreed, the
 * leading rating or the tie, the agreement shares (from two verdicts on: one
 * reviewer agrees with nobody), the median and spread of the verdicts on the
 * scale, and the count per rating. Under blind review, all of it waits for
 * the viewer's own verdict.
 */
export function ConsensusSummary({ consensus, hidden }: { consensus: Consensus; hidden: boolean }) {
  const t = useTranslations('panel.consensus');
  const ratings = useTranslations('ratings');
  const rules = useTranslations('consensusRules');
  const common = useTranslations('common');
  const format = useFormatter();
  const max = Math.max(1, ...Object.values(consensus.counts));
  const percent = (share: number) => format.number(share, { style: 'percent', maximumFractionDigits: 0 });
  const { spread } = consensus;
  return (
    <section className="consensus" data-testid="consensus" data-rule={consensus.rule}>
      <h3>
        {t('heading')} <StatusBadge status={consensus.status} />
      </h3>
      {hidden ? (
        <p className="hint">{t('blind')}</p>
      ) : (
        <>
          <dl className="consensus-figures">
            <dt>{t('rule')}</dt>
            <dd data-testid="consensus-rule">{rules(consensus.rule)}</dd>
            <dt>{t('reviewers')}</dt>
            <dd data-testid="consensus-reviewers">{format.number(consensus.reviewerCount)}</dd>
            {consensus.status === 'consensus' && consensus.finalRating && (
              <>
                <dt>{t('final')}</dt>
                <dd data-testid="consensus-final">{ratings(consensus.finalRating)}</dd>
              </>
            )}
            <dt>{t('leading')}</dt>
            <dd data-testid="consensus-leading">
              {consensus.leadingRating
                ? ratings(consensus.leadingRating)
                : consensus.tie.length > 0
                  ? t('tie', { ratings: format.list(consensus.tie.map((r) => ratings(r)), { type: 'conjunction' }) })
                  : common('none')}
            </dd>
            {consensus.agreement !== null && (
              <>
                <dt>{t('agreement')}</dt>
                <dd data-testid="consensus-agreement">{percent(consensus.agreement)}</dd>
              </>
            )}
            {consensus.independentAgreement !== null && (
              <>
                <dt>{t('independentAgreement')}</dt>
                <dd data-testid="consensus-independent-agreement">{percent(consensus.independentAgreement)}</dd>
              </>
            )}
            {consensus.median && (
              <>
                <dt>{t('median')}</dt>
                <dd data-testid="consensus-median">{ratings(consensus.median)}</dd>
              </>
            )}
            {spread && (
              <>
                <dt>{t('spread')}</dt>
                <dd data-testid="consensus-spread">
                  {spread.steps === 0
                    ? t('spreadNone', { rating: ratings(spread.min) })
                    : t('spreadRange', { min: ratings(spread.min), max: ratings(spread.max), steps: spread.steps })}
                </dd>
              </>
            )}
          </dl>
          <p className="consensus-rule-note">
            {t(`ruleNote.${consensus.rule}`)}
            {consensus.independentAgreement !== null && ` ${t('independentHint')}`}
          </p>
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
