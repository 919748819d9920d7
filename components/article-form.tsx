'use client';
import { useTranslations } from 'next-intl';
import { useActionState, useState, type ChangeEvent } from 'react';
import { createArticleAction } from '@/app/actions';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { useErrorMessage } from '@/components/use-error-message';
import { MAX_ARTICLE_CHARS as MAX_CHARS, SOURCE_FORMATS as FORMATS, type SourceFormat as Format } from '@/lib/articles/submission';

const FIELDS = ['title', 'text', 'markdown', 'html', 'publisher', 'sourceUrl', 'publishedAt', 'language'] as const;
/** UTF-8 takes at most 4 bytes a character: a file larger than this cannot fit, and is not even read. */
const MAX_FILE_BYTES = MAX_CHARS * 4;

/** The format a file's name says: .md/.markdown is Markdown, .html/.htm HTML, anything else plain text. */
export function formatOfFile(name: string): Format {
  const extension = name.toLowerCase().split('.').pop() ?? '';
  if (extension === 'md' || extension === 'markdown') return 'markdown';
  if (extension === 'html' || extension === 'htm') return 'html';
  return 'text';
}

/**
 * Import an article: pasted, or read from a .txt, .md or .html file in the
 * browser (nothing is sent before Import), as plain text (a leading
 * `date YYYY-MM[-DD]` line becomes its date), Markdown or HTML — the format a
 * file's extension says, which the editor can change.
 */
export function ArticleForm() {
  const t = useTranslations('articleForm');
  const errors = useErrorMessage();
  const [state, formAction, pending] = useActionState(createArticleAction, {});
  const fieldErrors = errors.fields(state.error);
  const value = (field: (typeof FIELDS)[number]) => state.values?.[field];
  const sentFormat = FORMATS.find((f) => state.values?.[f] !== undefined);
  const [format, setFormat] = useState<Format>(sentFormat ?? 'text');
  const [body, setBody] = useState(sentFormat ? (value(sentFormat) ?? '') : '');
  const [fileNote, setFileNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const tooLong = (length: number) => t('fileTooLong', { name: file.name, length, max: MAX_CHARS });
    if (file.size > MAX_FILE_BYTES) {
      setFileNote({ kind: 'error', text: tooLong(file.size) });
      return;
    }
    let content: string;
    try {
      content = await file.text();
    } catch {
      setFileNote({ kind: 'error', text: t('fileUnreadable', { name: file.name }) });
      return;
    }
    if (content.length > MAX_CHARS) {
      setFileNote({ kind: 'error', text: tooLong(content.length) });
      return;
    }
    const detected = formatOfFile(file.name);
    setBody(content);
    setFormat(detected);
    setFileNote({ kind: 'ok', text: t('fileLoaded', { name: file.name, format: t(`format.${detected}`), length: content.length }) });
  };

  const bodyError = fieldErrors.text ?? fieldErrors.markdown ?? fieldErrors.html;
  return (
    <form action={formAction} className="article-form">
      <Field label={t('titleField')} hint={t('titleHint')} error={fieldErrors.title}>
        {(control) => <input {...control} name="title" type="text" defaultValue={value('title')} />}
      </Field>
      <Field label={t('file')} hint={t('fileHint', { max: MAX_CHARS })}>
        {(control) => <input {...control} type="file" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" onChange={(e) => void onFile(e)} data-testid="article-file" />}
      </Field>
      <p role="status" className={fileNote?.kind === 'error' ? 'field-error' : 'hint'} data-testid="article-file-status">
        {fileNote?.text}
      </p>
      <fieldset className="format-choice">
        <legend>{t('formatLegend')}</legend>
        {FORMATS.map((f) => (
          <label key={f} className="rating-option">
            <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} />
            {t(`format.${f}`)}
          </label>
        ))}
      </fieldset>
      <Field label={t('text')} hint={t(format === 'text' ? 'textHint' : `${format}Hint`)} error={bodyError}>
        {(control) => (
          <textarea
            {...control}
            name="body"
            rows={16}
            required
            maxLength={MAX_CHARS}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            placeholder={t(format === 'text' ? 'textPlaceholder' : `${format}Placeholder`)}
            spellCheck={false}
          />
        )}
      </Field>
      <div className="form-grid">
        <Field label={t('publisher')} error={fieldErrors.publisher}>
          {(control) => <input {...control} name="publisher" type="text" defaultValue={value('publisher')} />}
        </Field>
        <Field label={t('sourceUrl')} error={fieldErrors.sourceUrl}>
          {(control) => <input {...control} name="sourceUrl" type="url" placeholder="https://…" defaultValue={value('sourceUrl')} />}
        </Field>
        <Field label={t('publishedAt')} hint={t('publishedAtHint')} error={fieldErrors.publishedAt}>
          {(control) => (
            <input {...control} name="publishedAt" type="text" inputMode="numeric" pattern="\d{4}(-\d{2}(-\d{2})?)?" defaultValue={value('publishedAt')} />
          )}
        </Field>
        <Field label={t('language')} hint={t('languageHint')} error={fieldErrors.language}>
          {(control) => <input {...control} name="language" type="text" defaultValue={value('language') ?? 'fr'} />}
        </Field>
      </div>
      <FormError error={state.error} shown={FIELDS} />
      <button type="submit" disabled={pending}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
