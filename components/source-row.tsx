'use client';
import { useTranslations } from 'next-intl';
import { useId, useState, type ReactNode } from 'react';
import { STANCE_OPTIONS, hasSourceDetails, type SourceDraft } from '@/lib/verdict-draft';

type SourceField = keyof SourceDraft;
const DETAIL_FIELDS: readonly SourceField[] = ['publisher', 'quote', 'stance', 'accessedAt', 'archiveUrl'];

/**
 * One source of a verdict: link and title in view, the rest (publisher, quoted
 * excerpt, stance, date consulted, archived copy) under a disclosure that
 * opens when any of them is filled or refused, so a phone shows a short list.
 * Each field carries its own error (`errorFor`), tied to it by aria-describedby.
 */
export function SourceRow({
  index,
  source,
  onChange,
  onRemove,
  errorFor,
}: {
  index: number;
  source: SourceDraft;
  onChange: (patch: Partial<SourceDraft>) => void;
  /** Absent when the row is the only one. */
  onRemove?: () => void;
  errorFor: (field: SourceField | null) => string | undefined;
}) {
  const t = useTranslations('sources.form');
  const verdict = useTranslations('verdict');
  const stances = useTranslations('sources.stances');
  const id = useId();
  const n = index + 1;
  const detailsRefused = DETAIL_FIELDS.some((field) => errorFor(field));
  // Open at first when there are details to see; then as the reader leaves it (forced open while one is refused).
  const [open, setOpen] = useState(() => hasSourceDetails(source));
  const errorId = (field: string) => `${id}-${field}-error`;
  const control = (field: SourceField) => ({
    id: `${id}-${field}`,
    'aria-invalid': errorFor(field) ? (true as const) : undefined,
    'aria-describedby': errorFor(field) ? errorId(field) : undefined,
  });
  const error = (field: SourceField) =>
    errorFor(field) && (
      <span className="field-error" id={errorId(field)}>
        {errorFor(field)}
      </span>
    );
  // The label shows the field's name; the source's number is read out with it.
  const label = (field: SourceField, text: ReactNode) => (
    <label htmlFor={`${id}-${field}`}>
      {text}
      <span className="visually-hidden"> {t('ofSource', { index: n })}</span>
    </label>
  );

  return (
    <div className="source-row" data-testid="source-row">
      <div className="source-main">
        <div className="source-field">
          <input
            type="url"
            aria-label={verdict('sourceUrl', { index: n })}
            placeholder="https://…"
            value={source.url}
            onChange={(e) => onChange({ url: e.target.value })}
            {...control('url')}
          />
          {error('url')}
        </div>
        <div className="source-field">
          <input
            type="text"
            aria-label={verdict('sourceTitle', { index: n })}
            placeholder={verdict('titlePlaceholder')}
            value={source.title}
            onChange={(e) => onChange({ title: e.target.value })}
            {...control('title')}
          />
          {error('title')}
        </div>
        {onRemove && (
          <button type="button" className="link-button" aria-label={verdict('removeSourceLabel', { index: n })} onClick={onRemove}>
            {verdict('removeSource')}
          </button>
        )}
      </div>
      {errorFor(null) && <span className="field-error">{errorFor(null)}</span>}
      <details className="source-details" open={open || detailsRefused} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          {t('details')}
          <span className="visually-hidden"> {t('ofSource', { index: n })}</span>
        </summary>
        <div className="source-details-grid">
          <div className="source-field">
            {label('publisher', t('publisher'))}
            <input type="text" value={source.publisher} onChange={(e) => onChange({ publisher: e.target.value })} {...control('publisher')} />
            {error('publisher')}
          </div>
          <div className="source-field">
            {label('stance', t('stance'))}
            <select value={source.stance} onChange={(e) => onChange({ stance: STANCE_OPTIONS.find((s) => s === e.target.value) ?? '' })} {...control('stance')}>
              <option value="">{t('stanceNone')}</option>
              {STANCE_OPTIONS.map((s) => (
                <option key={s} value={s}>
                  {stances(s)}
                </option>
              ))}
            </select>
            {error('stance')}
          </div>
          <div className="source-field wide-field">
            {label('quote', t('quote'))}
            <textarea rows={2} value={source.quote} onChange={(e) => onChange({ quote: e.target.value })} {...control('quote')} />
            {error('quote')}
          </div>
          <div className="source-field">
            {label('accessedAt', t('accessedAt'))}
            <input type="date" value={source.accessedAt} onChange={(e) => onChange({ accessedAt: e.target.value })} {...control('accessedAt')} />
            {error('accessedAt')}
          </div>
          <div className="source-field">
            {label('archiveUrl', t('archiveUrl'))}
            <input type="url" placeholder="https://web.archive.org/…" value={source.archiveUrl} onChange={(e) => onChange({ archiveUrl: e.target.value })} {...control('archiveUrl')} />
            {error('archiveUrl')}
          </div>
        </div>
      </details>
    </div>
  );
}
