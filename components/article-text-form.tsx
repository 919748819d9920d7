'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { updateArticleAction } from '@/app/actions';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { useErrorMessage } from '@/components/use-error-message';
import type { SourceFormat } from '@/lib/articles/submission';
import type { LocalizableError } from '@/lib/i18n/error-message';
import type { ReanchorCounts } from '@/lib/services/revisions';

/** The version and revision out of a 409's `current` (an article), checked rather than cast. */
function currentOf(value: unknown): { version: number; revision: number } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { version, revision } = value as { version?: unknown; revision?: unknown };
  return typeof version === 'number' && typeof revision === 'number' ? { version, revision } : null;
}

/**
 * Editors replace an article's text: a textarea holding the current text (a
 * Markdown or HTML article's as it was submitted, so its structure survives), saved
 * with the version it was read at. The answer says how the claims were anchored
 * again ("12 exact, 3 moved, 1 fuzzy, 2 orphaned"). When someone changed the
 * article meanwhile, the draft is kept and the editor chooses: reload to start
 * from theirs, or save the draft over it knowingly.
 */
export function ArticleTextForm({ articleId, format, text, version: initialVersion }: { articleId: string; format: SourceFormat; text: string; version: number }) {
  const t = useTranslations('revisions');
  const errors = useErrorMessage();
  const router = useRouter();
  const [draft, setDraft] = useState(text);
  const [version, setVersion] = useState(initialVersion);
  const [stale, setStale] = useState<{ version: number; revision: number } | null>(null);
  const [error, setError] = useState<LocalizableError>();
  const [result, setResult] = useState<{ revision: number; counts: ReanchorCounts | null } | null>(null);
  const [pending, start] = useTransition();
  const fieldErrors = errors.fields(error);

  const save = (over: number) =>
    start(async () => {
      setResult(null);
      try {
        const answer = await updateArticleAction(articleId, { [format]: draft, version: over });
        if (answer.ok) {
          setError(undefined);
          setStale(null);
          setVersion(answer.data.version);
          setResult({ revision: answer.data.revision, counts: answer.data.version === over ? null : (answer.data.reanchored ?? null) });
          router.refresh();
          return;
        }
        const current = answer.error.key === 'staleVersion' ? currentOf(answer.error.current) : null;
        setStale(current);
        setError(current ? undefined : answer.error);
      } catch {
        setError({ code: 'network', key: 'network', message: errors.network() });
      }
    });

  return (
    <form
      className="article-text-form"
      data-testid="article-text-form"
      onSubmit={(e) => {
        e.preventDefault();
        save(version);
      }}
    >
      <Field label={t('textField')} hint={t(`${format}Hint`)} error={fieldErrors[format]}>
        {(control) => (
          <textarea {...control} name="text" rows={20} value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="article-text-input" />
        )}
      </Field>
      <FormError error={error} shown={[format]} />
      {stale && (
        <div role="alert" className="form-error" data-testid="article-text-stale">
          <p>{t('stale', { revision: stale.revision })}</p>
          <button type="button" onClick={() => save(stale.version)} disabled={pending}>
            {t('saveAnyway')}
          </button>
        </div>
      )}
      <p>
        <button type="submit" disabled={pending} data-testid="article-text-save">
          {pending ? t('saving') : t('save')}
        </button>
      </p>
      <p role="status" data-testid="article-text-result">
        {result && (result.counts ? t('result', { revision: result.revision, ...result.counts }) : t('unchanged'))}
      </p>
    </form>
  );
}
