'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { updateArticleAction } from '@/app/actions';
import { ConflictView, Empty } from '@/components/conflict-view';
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
 * and nothing is lost: keep one's own (saved over theirs, knowingly) or take theirs.
 * A change that left these details alone (the review settings, say) is no conflict:
 * the corrections are saved on the newer version at once.
 */
export function ArticleMetadataForm({ articleId, article }: { articleId: string; article: StoredMetadata }) {
  const t = useTranslations('articleEdit');
  const errors = useErrorMessage();
  const router = useRouter();
  const [draft, setDraft] = useState<MetadataDraft>(() => draftOf(article));
  /** The article the draft started from (its details and version). */
  const [base, setBase] = useState<StoredMetadata>(article);
  const [error, setError] = useState<LocalizableError>();
  const [theirs, setTheirs] = useState<StoredMetadata | null>(null);
  const [pending, startSaving] = useTransition();
  const fieldErrors = errors.fields(error);

  const label: Record<MetadataField, string> = {
    title: t('titleField'),
    publisher: t('publisher'),
    sourceUrl: t('sourceUrl'),
    publishedAt: t('publishedAt'),
    language: t('language'),
  };

  /** Saves the draft on `from`'s version (the draft's own base, or theirs when keeping mine). */
  const save = (from: StoredMetadata = base) =>
    startSaving(async () => {
      try {
        let over = from;
        // Bounded: each round trip answers with a newer article; three in a row changing only other things is plenty.
        for (let attempt = 0; attempt < 3; attempt++) {
          const result = await updateArticleAction(articleId, updateInput(draft, over.version));
          if (result.ok) {
            router.push(`/articles/${articleId}`);
            router.refresh();
            return;
          }
          const current = result.error.key === 'staleVersion' ? storedMetadataFrom(result.error.current) : null;
          if (!current) {
            setError(result.error);
            return;
          }
          setError(undefined);
          if (changedFields(draftOf(over), draftOf(current)).length > 0) {
            setTheirs(current); // the details themselves changed: the editor chooses
            return;
          }
          over = current;
          setBase((b) => ({ ...b, version: current.version }));
        }
      } catch {
        setError({ code: 'network', key: 'network', message: errors.network() });
      }
    });

  const takeTheirs = () => {
    if (!theirs) return;
    setDraft(draftOf(theirs));
    setBase(theirs);
    setTheirs(null);
  };
  const keepMine = () => {
    if (!theirs) return;
    setBase((b) => ({ ...b, version: theirs.version }));
    save(theirs);
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
        <ConflictView
          testId="metadata-conflict"
          level={2}
          title={t('staleTitle')}
          intro={t('staleBody')}
          revision={theirs.version}
          busy={pending}
          onKeepMine={keepMine}
          onTakeTheirs={takeTheirs}
          onDismiss={() => setTheirs(null)}
          rows={METADATA_FIELDS.map((field) => {
            const now = draftOf(theirs)[field];
            return {
              field,
              label: label[field],
              theirs: now || <Empty />,
              yours: draft[field] || <Empty />,
              differs: differing.includes(field),
            };
          })}
        />
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
