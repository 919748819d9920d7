'use client';
import { useTranslations } from 'next-intl';
import type { ConsensusStatus } from '@/lib/consensus';
import { STATUS_ICONS } from './claim-status';
import './article-viewer.css';

const STATUSES = Object.keys(STATUS_ICONS) as ConsensusStatus[];

/**
 * What the highlights in the article mean: for each status its underline (the
 * same classes as the text, so the legend cannot drift from it), its line
 * style in words and its glyph, so colour is never the only signal.
 */
export function ClaimLegend() {
  const t = useTranslations('viewer');
  const status = useTranslations('statuses');
  return (
    <section className="claim-legend" aria-labelledby="claim-legend-title" data-testid="claim-legend">
      <h2 id="claim-legend-title">{t('legendTitle')}</h2>
      <ul>
        {STATUSES.map((s) => (
          <li key={s} data-status={s}>
            <span className={`claim-legend-sample claim-highlight claim-${s}`} aria-hidden="true">
              Abc
            </span>
            <span className="claim-legend-glyph" aria-hidden="true">
              {STATUS_ICONS[s]}
            </span>
            <span>
              {status(s)} <span className="claim-legend-style">({t(`lineStyles.${s}`)})</span>
            </span>
          </li>
        ))}
      </ul>
      <p className="claim-legend-overlap">{t('legendOverlap')}</p>
    </section>
  );
}
