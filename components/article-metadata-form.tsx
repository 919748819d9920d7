'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { updateArticleAction } from '@/app/actions';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { useErrorMessage } from '@/components/use-error-message';
import {
  METADATA_FIELDS,
  changedFields,
  draftOf,
  storedMetadataFrom,
  updateInput,
  type MetadataDraft,
  type MetadataField,
  type StoredMetadata,
} from '@/lib/articles/metadata-draft';
import type { LocalizableError } from '@/lib/i18n/error-message';

/**
 * Editors correct an article's details. The save carries the version read; when
 * someone else saved in between (409), their values are shown beside the reader's
 * and nothing is lost: load theirs, or keep one's own and save over them knowingly.
 */
export function ArticleMetadataForm({ articleId, article }: { articleId: string; article: StoredMetadata }) {
  const t = useTranslations('articleEdit');
  const errors = useErrorMessage();
  const router = useRouter();
  const [draft, setDraft] = useState<MetadataDraft>(() => draftOf(article));
  const [version, setVersion] = useState(article.version);
  const [error, setError] = useState<LocalizableError>();
  const [theirs, setTheirs] = useState<StoredMetadata | null>(null);
  const [kept, setKept] = useState(false);
  const [pending, startSaving] = useTransition();
  const conflictHeading = useRef<HTMLHeadingElement>(null);
  const fieldErrors = errors.fields(error);
  // The conflict takes focus when it appears, so keyboard and screen reader users meet it first.
  useEffect(() => {
    if (theirs) conflictHeading.current?.focus();
  }, [theirs]);

  const label: Record<MetadataField, string> = {
    title: t('titleField'),
    publisher: t('publisher'),
    sourceUrl: t('sourceUrl'),
    publishedAt: t('publishedAt'),
    language: t('language'),
  };

  const save = () =>
    startSaving(async () => {
      setKept(false);
      try {
        const result = await updateArticleAction(articleId, updateInput(draft, version));
        if (result.ok) {
          router.push(`/articles/${articleId}`);
          router.refresh();
          return;
        }
        const current = result.error.key === 'staleVersion' ? storedMetadataFrom(result.error.current) : null;
        setTheirs(current);
        // The conflict panel explains itself; other errors show in the form.
        setError(current ? undefined : result.error);
      } catch {
        setError({ code: 'network', key: 'network', message: errors.network() });
      }
    });

  const loadTheirs = () => {
    if (!theirs) return;
    setDraft(draftOf(theirs));
    setVersion(theirs.version);
    setTheirs(null);
  };
  const keepMine = () => {
    if (!theirs) return;
    setVersion(theirs.version);
    setTheirs(null);
    setKept(true);
  };

  const input = (field: MetadataField) => ({
    name: field,
    value: draft[field],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => setDraft((d) => ({ ...d, [field]: event.target.value })),
  });
  const differing = theirs ? changedFields(draftOf(theirs), draft) : [];

  return (
    <>
      {theirs && (
        <section className="conflict" role="alert" aria-labelledby="conflict-title" data-testid="metadata-conflict">
          <h2 id="conflict-title" ref={conflictHeading} tabIndex={-1}>
            {t('staleTitle')}
          </h2>
          <p>{t('staleBody')}</p>
          {/* The table scrolls within itself on a phone rather than widening the page. */}
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('field')}</th>
                  <th scope="col">{t('theirs')}</th>
                  <th scope="col">{t('yours')}</th>
                </tr>
              </thead>
              <tbody>
                {METADATA_FIELDS.map((field) => {
                  const now = draftOf(theirs)[field];
                  return (
                    <tr key={field} className={differing.includes(field) ? 'differs' : undefined} data-field={field}>
                      <th scope="row">{label[field]}</th>
                      <td>{now || <em>{t('empty')}</em>}</td>
                      <td>{draft[field] || <em>{t('empty')}</em>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="actions">
            <button type="button" onClick={loadTheirs}>
              {t('loadTheirs')}
            </button>
            <button type="button" className="secondary" onClick={keepMine}>
              {t('keepMine')}
            </button>
          </p>
        </section>
      )}
      <form
        className="article-form"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <Field label={label.title} error={fieldErrors.title}>
          {(control) => <input {...control} {...input('title')} type="text" required maxLength={300} lang={article.language} />}
        </Field>
        <div className="form-grid">
          <Field label={label.publisher} error={fieldErrors.publisher}>
            {(control) => <input {...control} {...input('publisher')} type="text" maxLength={200} />}
          </Field>
          <Field label={label.sourceUrl} error={fieldErrors.sourceUrl}>
            {(control) => <input {...control} {...input('sourceUrl')} type="url" placeholder="https://…" />}
          </Field>
          <Field label={label.publishedAt} hint={t('publishedAtHint')} error={fieldErrors.publishedAt}>
            {(control) => <input {...control} {...input('publishedAt')} type="text" inputMode="numeric" />}
          </Field>
          <Field label={label.language} hint={t('languageHint')} error={fieldErrors.language}>
            {(control) => <input {...control} {...input('language')} type="text" required />}
          </Field>
        </div>
        <FormError error={error} shown={METADATA_FIELDS} />
        {kept && (
          <p role="status" className="hint" data-testid="metadata-status">
            {t('keptMine')}
          </p>
        )}
        <p className="actions">
          <button type="submit" disabled={pending || theirs !== null}>
            {pending ? t('saving') : t('save')}
          </button>
          <Link href={`/articles/${articleId}`}>{t('cancel')}</Link>
        </p>
      </form>
    </>
  );
}
