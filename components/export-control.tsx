'use client';
// Export: a GET form whose answer is a download (Content-Disposition:
// attachment), so the browser saves the file and stays on the page; works
// with the keyboard like any form. For one article or, without `articleId`,
// every article. The CSV options show for CSV only; the delimiter defaults to
// `;` in French, what French spreadsheet programs split on.
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { CSV_DELIMITERS, EXPORT_FORMATS, type CsvDelimiter, type ExportFormatId } from '@/lib/export/format';

/** Each delimiter's name in the messages. */
const DELIMITER_LABELS: Record<CsvDelimiter, 'comma' | 'semicolon' | 'tab'> = { ',': 'comma', ';': 'semicolon', tab: 'tab' };

export function ExportControl({ articleId }: { articleId?: string }) {
  const t = useTranslations('exports');
  const locale = useLocale();
  const id = useId();
  const [format, setFormat] = useState<ExportFormatId>('json');
  const [bom, setBom] = useState(true);
  const action = articleId ? `/api/v1/articles/${encodeURIComponent(articleId)}/export` : '/api/v1/export';
  const testId = articleId ? 'export' : 'export-all';
  return (
    <details className="export-control" data-testid={testId}>
      <summary>{articleId ? t('summary') : t('summaryAll')}</summary>
      <form method="get" action={action} data-testid={`${testId}-form`}>
        <fieldset>
          <legend>{articleId ? t('legend') : t('legendAll')}</legend>
          <label htmlFor={`${id}-format`}>{t('format')}</label>
          <select id={`${id}-format`} name="format" value={format} onChange={(e) => setFormat(EXPORT_FORMATS.find((f) => f === e.target.value) ?? 'json')} data-testid="export-format">
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`formats.${f}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-scope`}>{t('scope')}</label>
          <select id={`${id}-scope`} name="scope" defaultValue="reviewed" data-testid="export-scope">
            <option value="reviewed">{t('scopes.reviewed')}</option>
            <option value="all">{t('scopes.all')}</option>
          </select>
          {format === 'csv' && (
            <>
              <label htmlFor={`${id}-delimiter`}>{t('delimiter')}</label>
              <select id={`${id}-delimiter`} name="delimiter" defaultValue={locale === 'fr' ? ';' : ','} data-testid="export-delimiter">
                {CSV_DELIMITERS.map((d) => (
                  <option key={d} value={d}>
                    {t(`delimiters.${DELIMITER_LABELS[d]}`)}
                  </option>
                ))}
              </select>
              <label className="export-bom">
                <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} data-testid="export-bom" /> {t('bom')}
              </label>
              {/* An unticked box sends nothing, which would read as the default (on). */}
              <input type="hidden" name="bom" value={bom ? 'true' : 'false'} />
            </>
          )}
          <p className="hint">{t('blindNote')}</p>
          <button type="submit" data-testid={`${testId}-download`}>
            {t('download')}
          </button>
        </fieldset>
      </form>
    </details>
  );
}
