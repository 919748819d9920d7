'use client';
import { useLayoutEffect, useRef } from 'react';
import { useTranslations } from 'next-intl';
import { STATUS_ICONS } from './claim-status';
import { placeNear, type Anchor } from './viewer-popover';
import type { ViewerClaim } from './article-viewer';

/** Claims listed at one point; the chooser lists them all. */
const MAX_LISTED = 4;

/**
 * The one tooltip of the article text: for the claims under the pointer or
 * around the caret (innermost first), their status (glyph and label), leading
 * rating and number of reviewers. Always in the DOM, hidden when empty, so
 * there is never one tooltip per claim.
 */
export function ViewerTooltip({
  id,
  claims,
  anchor,
  container,
}: {
  id: string;
  claims: readonly ViewerClaim[];
  anchor: Anchor | null;
  container: HTMLElement | null;
}) {
  const t = useTranslations('viewer');
  const status = useTranslations('statuses');
  const rating = useTranslations('ratings');
  const ref = useRef<HTMLDivElement>(null);
  const shown = claims.length > 0 && anchor !== null && container !== null;

  useLayoutEffect(() => {
    if (shown && ref.current) placeNear(ref.current, container, anchor, 'below', 12);
  }, [shown, anchor, container, claims]);

  return (
    <div ref={ref} id={id} role="tooltip" className="viewer-tooltip" data-testid="claim-tooltip" hidden={!shown}>
      {shown && (
        <>
          <ul>
            {claims.slice(0, MAX_LISTED).map((claim) => (
              <li key={claim.id} data-claim-id={claim.id} data-status={claim.status}>
                <span className={`viewer-status-glyph claim-status-${claim.status}`} aria-hidden="true">
                  {STATUS_ICONS[claim.status]}
                </span>{' '}
                <strong>{status(claim.status)}</strong>
                {' · '}
                <span data-testid="tooltip-leading">
                  {claim.rating ? t('leading', { rating: rating(claim.rating) }) : t('noLeading')}
                </span>
                {' · '}
                <span data-testid="tooltip-reviewers">{t('reviewers', { count: claim.reviewerCount })}</span>
              </li>
            ))}
          </ul>
          {claims.length > MAX_LISTED && <p className="viewer-tooltip-more">{t('more', { count: claims.length - MAX_LISTED })}</p>}
          <p className="viewer-tooltip-hint">{t('openHint')}</p>
        </>
      )}
    </div>
  );
}
