'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { CLAIM_SORTS, isClaimSort, isFiltering, type ClaimFilter, type ClaimSort } from '@/lib/claims/filter-sort';
import { summaryRating, type ConsensusStatus } from '@/lib/consensus';
import type { ClaimView } from '@/lib/services/claims';
import { STATUS_ICONS } from './claim-status';
import { StatusBadge } from './consensus-summary';

const STATUSES: ConsensusStatus[] = ['unreviewed', 'needs-review', 'disputed', 'consensus', 'adjudicated'];
const ROW_ESTIMATE = 58;

/**
 * Every claim of the article, filtered and sorted, one or two lines each.
 * Virtualised: only the rows in view are in the DOM, so thousands of claims
 * scroll smoothly. Opening a claim elsewhere scrolls the list to it.
 */
export function ClaimsList({
  claims,
  total,
  filter,
  sort,
  activeClaimId,
  language,
  onFilterChange,
  onSortChange,
  onOpen,
}: {
  /** The claims to show, already filtered and sorted. */
  claims: readonly ClaimView[];
  /** How many claims the article has. */
  total: number;
  filter: ClaimFilter;
  sort: ClaimSort;
  activeClaimId: string | null;
  /** The article's language, for the quotes. */
  language: string;
  onFilterChange: (filter: ClaimFilter) => void;
  onSortChange: (sort: ClaimSort) => void;
  onOpen: (id: string) => void;
}) {
  const t = useTranslations('workspace.list');
  const statuses = useTranslations('statuses');
  const ratings = useTranslations('ratings');
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: claims.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
    getItemKey: (index) => claims[index]!.id,
  });

  // Follow the open claim (from the text, n/p or a permalink) without moving if it is already in view.
  const activeIndex = activeClaimId === null ? -1 : claims.findIndex((c) => c.id === activeClaimId);
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  const toggleStatus = (status: ConsensusStatus) =>
    onFilterChange({
      ...filter,
      statuses: filter.statuses.includes(status) ? filter.statuses.filter((s) => s !== status) : [...filter.statuses, status],
    });

  /** Up/Down move between rows (one tab stop for the whole list). */
  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    const current = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!current) return;
    event.preventDefault();
    const index = Number(current.dataset.index);
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? claims.length - 1 : Math.min(claims.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)));
    virtualizer.scrollToIndex(next, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"] button`)?.focus());
  }

  const items = virtualizer.getVirtualItems();
  // One row is the list's tab stop: the open claim when it is rendered, else the first rendered row.
  const tabStop = items.some((i) => i.index === activeIndex) ? activeIndex : (items[0]?.index ?? -1);

  return (
    <div className="claims">
      <div className="claims-controls" role="group" aria-label={t('filters')}>
        <fieldset className="status-filter">
          <legend>{t('statusFilter')}</legend>
          {STATUSES.map((status) => (
            <button
              key={status}
              type="button"
              className={`chip status-${status}`}
              aria-pressed={filter.statuses.includes(status)}
              onClick={() => toggleStatus(status)}
              data-testid={`filter-${status}`}
            >
              <span aria-hidden="true">{STATUS_ICONS[status]}</span> {statuses(status)}
            </button>
          ))}
        </fieldset>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.needsMyVerdict}
            onChange={(e) => onFilterChange({ ...filter, needsMyVerdict: e.target.checked })}
            data-testid="filter-needs-my-verdict"
          />
          {t('needsMyVerdict')}
        </label>
        <label className="sort">
          {t('sort')}
          <select value={sort} onChange={(e) => isClaimSort(e.target.value) && onSortChange(e.target.value)} data-testid="claims-sort">
            {CLAIM_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`sorts.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint claims-count" aria-live="polite" data-testid="claims-count">
        {isFiltering(filter) ? t('countFiltered', { shown: claims.length, total }) : t('count', { shown: total })}
        {isFiltering(filter) && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => onFilterChange({ statuses: [], needsMyVerdict: false })}>
              {t('clearFilters')}
            </button>
          </>
        )}
      </p>
      {total === 0 ? (
        <p className="hint">{t('empty')}</p>
      ) : claims.length === 0 ? (
        <p className="hint">{t('noMatch')}</p>
      ) : null}
      <div ref={scrollRef} className="claims-scroll" data-testid="claims-list" onKeyDown={onKeyDown} hidden={claims.length === 0}>
        <ul style={{ height: virtualizer.getTotalSize() }} aria-label={t('heading')}>
          {items.map((item) => {
            const claim = claims[item.index]!;
            const { consensus } = claim;
            const summary = summaryRating(consensus);
            const active = claim.id === activeClaimId;
            return (
              <li
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                data-claim-id={claim.id}
                className={`claim-row${active ? ' active' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
                aria-setsize={claims.length}
                aria-posinset={item.index + 1}
              >
                <button
                  type="button"
                  className="claim-row-quote"
                  onClick={() => onOpen(claim.id)}
                  aria-current={active ? 'true' : undefined}
                  tabIndex={item.index === tabStop ? 0 : -1}
                >
                  <span lang={language}>{claim.exact}</span>
                </button>
                <span className="claim-row-meta">
                  <StatusBadge status={consensus.status} />
                  {summary && <span data-testid="claim-row-rating">{ratings(summary)}</span>}
                  {consensus.agreement !== null && <span>{t('agreement', { share: consensus.agreement })}</span>}
                  <span>{t('reviewers', { count: consensus.reviewerCount })}</span>
                  {claim.myRating && <span className="mine">{t('mine', { rating: ratings(claim.myRating) })}</span>}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
