'use client';
// Who rated which claim: one row per claim, one column per reviewer. An
// article of 5,000 claims would be 5,000 rows of DOM: only the rows in view
// (and a few around them) are rendered, in a scrolling box of fixed row height
// that the keyboard scrolls (it takes focus). The table keeps its size for
// assistive technology (aria-rowcount, aria-rowindex on each row rendered);
// the per-reviewer totals are the summary beside it. The row holding the
// focus stays rendered wherever the box scrolls: unmounted, it would drop a
// keyboard user's focus to the page (Tab pressed as the box scrolled did).
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState, type FocusEvent, type UIEvent } from 'react';
import type { Rating } from '@/lib/ratings';

const ROW_HEIGHT = 30;
const VIEW_ROWS = 12;
const OVERSCAN = 6;

export const RATING_COLOURS: Record<Rating, string> = {
  false: '#fca5a5',
  'mostly-false': '#fdba74',
  mixed: '#fde68a',
  'mostly-true': '#bef264',
  true: '#86efac',
  unverifiable: '#d1d5db',
};

/** "Anna Vérif" → "AV": a column is 2.75rem wide; the full name is its title and what screen readers read. */
export function initials(name: string): string {
  const words = name.split(/[\s(]+/).filter((w) => /^\p{L}/u.test(w));
  return words.length === 0 ? name.slice(0, 2) : words.slice(0, 2).map((w) => w[0]!.toUpperCase()).join('');
}

export interface CoverageRow {
  id: string;
  articleId: string;
  exact: string;
  ratings: (Rating | null)[];
}

export function CoverageMatrix({ columns, rows, label }: { columns: { id: string; name: string }[]; rows: CoverageRow[]; label: string }) {
  const t = useTranslations('agreement');
  const tr = useTranslations('ratings');
  const [scrollTop, setScrollTop] = useState(0);
  const [focused, setFocused] = useState<number | null>(null);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil(scrollTop / ROW_HEIGHT) + VIEW_ROWS + OVERSCAN);
  // The rows in view, and the focused one where it is not, in the table's order (the order Tab follows).
  const shown = Array.from({ length: last - first }, (_, i) => first + i);
  const kept = focused !== null && focused < rows.length ? focused : null;
  if (kept !== null && kept < first) shown.unshift(kept);
  if (kept !== null && kept >= last) shown.push(kept);
  const template = `minmax(8rem, 1fr) repeat(${columns.length}, 2.75rem)`;
  return (
    <div className="coverage" role="table" aria-label={label} aria-rowcount={rows.length + 1} data-testid="coverage-matrix">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="coverage-row coverage-head" style={{ gridTemplateColumns: template }}>
          <span role="columnheader">{t('claim')}</span>
          {columns.map((c) => (
            <span role="columnheader" key={c.id} title={c.name} className="coverage-name">
              <span aria-hidden="true">{initials(c.name)}</span>
              <span className="visually-hidden">{c.name}</span>
            </span>
          ))}
        </div>
      </div>
      <div
        role="rowgroup"
        className="coverage-body"
        tabIndex={0}
        aria-label={label}
        style={{ height: Math.min(rows.length, VIEW_ROWS) * ROW_HEIGHT + 2 }}
        onScroll={(e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop)}
        onFocus={(e: FocusEvent<HTMLDivElement>) => {
          const row = (e.target as HTMLElement).closest<HTMLElement>('[data-row]');
          setFocused(row ? Number(row.dataset.row) : null);
        }}
        onBlur={(e: FocusEvent<HTMLDivElement>) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(null);
        }}
      >
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {shown.map((index) => {
            const row = rows[index]!;
            return (
              <div
                role="row"
                aria-rowindex={index + 2}
                data-row={index}
                key={row.id}
                className="coverage-row"
                style={{ gridTemplateColumns: template, position: 'absolute', top: index * ROW_HEIGHT, left: 0, right: 0, height: ROW_HEIGHT }}
              >
                <span role="rowheader" className="coverage-claim">
                  <Link href={`/articles/${row.articleId}?claim=${row.id}`}>
                    {index + 1}. {row.exact}
                  </Link>
                </span>
                {row.ratings.map((rating, c) => (
                  <span
                    role="cell"
                    key={columns[c]!.id}
                    className="coverage-cell"
                    style={rating ? { background: RATING_COLOURS[rating] } : undefined}
                    title={`${columns[c]!.name}: ${rating ? tr(rating) : t('noRating')}`}
                  >
                    {rating ? (
                      <>
                        <span aria-hidden="true">{t(`short.${rating}`)}</span>
                        <span className="visually-hidden">{tr(rating)}</span>
                      </>
                    ) : (
                      <span className="visually-hidden">{t('noRating')}</span>
                    )}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
