'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { createArticleAction } from '@/app/actions';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { useErrorMessage } from '@/components/use-error-message';

const FIELDS = ['title', 'text', 'publisher', 'sourceUrl', 'publishedAt', 'language'] as const;

/** Paste an article as plain text; a leading `date YYYY-MM[-DD]` line becomes its date. */
export function ArticleForm() {
  const t = useTranslations('articleForm');
  const errors = useErrorMessage();
  const [state, formAction, pending] = useActionState(createArticleAction, {});
  const fieldErrors = errors.fields(state.error);
  const value = (field: (typeof FIELDS)[number]) => state.values?.[field];
  return (
    <form action={formAction} className="article-form">
      <Field label={t('titleField')} hint={t('titleHint')} error={fieldErrors.title}>
        {(control) => <input {...control} name="title" type="text" defaultValue={value('title')} />}
      </Field>
      <Field label={t('text')} hint={t('textHint')} error={fieldErrors.text}>
        {(control) => <textarea {...control} name="text" rows={16} required defaultValue={value('text')} placeholder={t('textPlaceholder')} />}
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
