'use client';
import { useFormatter, useTranslations } from 'next-intl';
import type { ClaimDetail } from '@/lib/services/claims';
import { isHttpLink } from '@/lib/http-url';

/** A YYYY-MM-DD day as a date in the interface language (read as UTC, so it never shifts by a day). */
export function useDayFormat(): (day: string) => string {
  const format = useFormatter();
  return (day) => format.dateTime(new Date(`${day}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
}

/**
 * Every source cited on the claim, once per link, with who cited it and how:
 * stance, quoted excerpt, date consulted, archived copy. The server leaves out
 * what blind review hides, so this shows what it is given. Links open in a new
 * tab without giving the page a handle on this one.
 */
export function ClaimSources({ sources, language }: { sources: ClaimDetail['sources']; language: string }) {
  const t = useTranslations('sources.gathered');
  const stances = useTranslations('sources.stances');
  const day = useDayFormat();
  if (sources.length === 0) return null;
  return (
    <section className="claim-sources" data-testid="claim-sources" aria-labelledby="claim-sources-heading">
      <h3 id="claim-sources-heading">
        {t('heading')} <span className="count-badge">{t('count', { count: sources.length })}</span>
      </h3>
      <ul className="gathered-sources">
        {sources.map((source) => (
          <li key={source.url} data-testid="gathered-source">
            <a href={isHttpLink(source.url) ? source.url : undefined} target="_blank" rel="noopener noreferrer" className="source-link">
              {source.title ?? source.url}
              <span className="visually-hidden"> {t('newTab')}</span>
            </a>
            <span className="source-origin">
              {source.publisher && <>{source.publisher} · </>}
              {hostOf(source.url)}
            </span>
            <ul className="citations" aria-label={t('citedBy')}>
              {source.citedBy.map((c, i) => (
                <li key={i} data-testid="citation">
                  <span className="citation-head">
                    <strong>{c.reviewer.name ?? t('someone')}</strong>{' '}
                    {c.stance ? (
                      <span className={`stance stance-${c.stance}`} data-stance={c.stance}>
                        {stances(c.stance)}
                      </span>
                    ) : (
                      <span className="hint">{t('noStance')}</span>
                    )}
                    {c.accessedAt && <span className="hint"> · {t('consulted', { date: day(c.accessedAt) })}</span>}
                    {c.archiveUrl && (
                      <>
                        {' · '}
                        <a href={isHttpLink(c.archiveUrl) ? c.archiveUrl : undefined} target="_blank" rel="noopener noreferrer">
                          {t('archive')}
                          <span className="visually-hidden"> {t('newTab')}</span>
                        </a>
                      </>
                    )}
                  </span>
                  {c.quote && (
                    <blockquote className="citation-quote" lang={language}>
                      {c.quote}
                    </blockquote>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
