'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useId } from 'react';
import { initials, type PresentPerson } from '@/lib/live/presence';
import type { LiveStatus } from './use-article-events';

/** Badges shown before "+N": three fit beside the tools on a 390 px screen. */
const SHOWN = 3;

/**
 * Who else has the article open, as initials (the full names for screen
 * readers and on hover), and a word when live updates are interrupted.
 */
export function PresenceList({ people, status }: { people: PresentPerson[]; status: LiveStatus }) {
  const t = useTranslations('live');
  const format = useFormatter();
  const labelId = useId();
  const name = (p: PresentPerson) => p.name ?? t('unnamed');
  const shown = people.slice(0, SHOWN);
  const hidden = people.slice(SHOWN);
  return (
    <div className="presence" data-testid="presence">
      {people.length > 0 && (
        <>
          <span id={labelId} className="presence-label">
            {t('alsoHere')}
          </span>
          <ul aria-labelledby={labelId} className="presence-people" title={format.list(people.map(name))}>
            {shown.map((p) => (
              <li key={p.id} className="presence-badge" data-testid="present-person">
                <span aria-hidden="true">{initials(p.name) ?? '?'}</span>
                <span className="visually-hidden">{name(p)}</span>
              </li>
            ))}
            {hidden.length > 0 && (
              <li className="presence-badge presence-more">
                <span aria-hidden="true">+{hidden.length}</span>
                <span className="visually-hidden">{format.list(hidden.map(name))}</span>
              </li>
            )}
          </ul>
        </>
      )}
      {status === 'down' && (
        <span className="live-status" role="status" data-testid="live-down">
          {t('down')}
        </span>
      )}
    </div>
  );
}
