'use client';
// The upload of an archive (POST /api/v1/imports): the file is sent as it is, and
// the answer says what was imported and what was already there.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import type { LocalizableError } from '@/lib/i18n/error-message';
import { useErrorMessage } from './use-error-message';

interface Counts {
  created: number;
  present: number;
}

interface Summary {
  articles: Counts;
  claims: Counts;
  verdicts: Counts;
  users: Counts;
  results: { id: string; title: string; created: boolean }[];
}

type State = { kind: 'idle' } | { kind: 'sending' } | { kind: 'done'; summary: Summary } | { kind: 'failed'; error: LocalizableError | null; tooLarge?: boolean };

export function ArchiveImport({ maxBytes }: { maxBytes: number }) {
  const t = useTranslations('archiveImport');
  const errors = useErrorMessage();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const inputId = useId();
  const hintId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get('archive');
    if (!(file instanceof File) || file.size === 0) {
      setState({ kind: 'failed', error: { code: 'validation_failed', key: 'validation', message: t('chooseFile') } });
      return;
    }
    if (file.size > maxBytes) {
      setState({ kind: 'failed', error: null, tooLarge: true });
      return;
    }
    setState({ kind: 'sending' });
    try {
      const response = await fetch('/api/v1/imports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: await file.text() });
      const body = (await response.json()) as Summary | { error: LocalizableError };
      if ('error' in body) setState({ kind: 'failed', error: body.error, tooLarge: response.status === 413 });
      else setState({ kind: 'done', summary: body });
    } catch {
      setState({ kind: 'failed', error: null });
    }
  }

  return (
    <div className="archive-import">
      <form onSubmit={submit} aria-describedby={hintId}>
        <p>
          <label htmlFor={inputId}>{t('file')}</label>
          <br />
          <input id={inputId} name="archive" type="file" accept="application/json,.json" data-testid="import-file" aria-describedby={hintId} />
        </p>
        <p id={hintId} className="hint">
          {t('fileHint', { max: Math.round(maxBytes / 1_000_000) })}
        </p>
        <button type="submit" disabled={state.kind === 'sending'} data-testid="import-submit">
          {state.kind === 'sending' ? t('sending') : t('submit')}
        </button>
      </form>
      <div aria-live="polite">
        {state.kind === 'done' && <Result summary={state.summary} />}
        {state.kind === 'failed' && (
          <div role="alert" className="notice" data-testid="import-error">
            <p>{state.tooLarge ? t('tooLarge', { max: Math.round(maxBytes / 1_000_000) }) : state.error ? errors.message(state.error) : errors.network()}</p>
            {state.error?.issues && state.error.issues.length > 0 && (
              <ul>
                {state.error.issues.slice(0, 10).map((issue, i) => (
                  <li key={i}>
                    <code>{issue.path.join('.')}</code> — {errors.issue(issue)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

function Result({ summary }: { summary: Summary }) {
  const t = useTranslations('archiveImport');
  const nothingNew = summary.articles.created === 0;
  return (
    <div role="status" data-testid="import-result">
      <p>
        <strong>{nothingNew ? t('nothingNew') : t('imported', { articles: summary.articles.created, claims: summary.claims.created, verdicts: summary.verdicts.created })}</strong>
      </p>
      {summary.articles.present > 0 && <p>{t('present', { articles: summary.articles.present, claims: summary.claims.present })}</p>}
      {summary.users.created > 0 && <p>{t('peopleCreated', { count: summary.users.created })}</p>}
      <ul>
        {summary.results.map((r) => (
          <li key={r.id}>
            <Link href={`/articles/${r.id}`}>{r.title}</Link> — {r.created ? t('articleImported') : t('articlePresent')}
          </li>
        ))}
      </ul>
    </div>
  );
}
