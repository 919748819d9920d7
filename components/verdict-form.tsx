'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { RATINGS } from '@/lib/ratings';
import { plainText } from '@/lib/rich-text';
import type { VerdictView } from '@/lib/services/claims';
import {
  RATIONALE_LIMIT,
  draftFromVerdict,
  draftKey,
  emptySource,
  parseDraft,
  sameDraft,
  serializeDraft,
  toVerdictInput,
  type SourceDraft,
  type VerdictDraft,
  type VerdictInput,
} from '@/lib/verdict-draft';
import { isRetryable, useFailureText, useIssueSummary, useIssueText, type ActionFailure } from './action-call';
import { RationaleEditor } from './rationale-editor';
import { SourceRow } from './source-row';

/** Failures found before sending: their messages are already in the interface language. */
const LOCAL = 'local';
const localFailure = (path: string[], message: string): ActionFailure => ({ code: LOCAL, message, issues: [{ path, message, key: 'invalid' }] });

function readStored(key: string): VerdictDraft | null {
  try {
    return parseDraft(window.localStorage.getItem(key));
  } catch {
    return null; // storage disabled: the form still works, drafts just do not persist
  }
}

function writeStored(key: string, draft: VerdictDraft | null): void {
  try {
    if (draft) window.localStorage.setItem(key, serializeDraft(draft));
    else window.localStorage.removeItem(key);
  } catch {
    // Storage full or disabled: nothing more to do than keep the draft in memory.
  }
}

/** Forgets a claim's draft (after a withdrawal or a deletion). */
export function forgetDraft(userId: string, claimId: string): void {
  writeStored(draftKey(userId, claimId), null);
}

/**
 * The reviewer's own verdict: rating, rationale and sources. What is typed is
 * kept as a draft in this browser until it is saved, so a failed save, a reload
 * or leaving the page loses nothing.
 */
export function VerdictForm({
  claimId,
  userId,
  own,
  onSave,
}: {
  claimId: string;
  userId: string;
  own: VerdictView | null;
  /** Resolves to null once saved, else the failure to show. */
  onSave: (input: VerdictInput) => Promise<ActionFailure | null>;
}) {
  const t = useTranslations('verdict');
  const ratings = useTranslations('ratings');
  const failureText = useFailureText();
  const issueText = useIssueText();
  const issueSummary = useIssueSummary();
  const key = draftKey(userId, claimId);
  const saved = draftFromVerdict(own);
  const [draft, setDraft] = useState<VerdictDraft>(saved);
  const [restored, setRestored] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const counterId = useId();
  const rationaleLabelId = useId();
  // The editor starts from a document once: a new generation restarts it from a restored or discarded draft.
  const [editorGeneration, setEditorGeneration] = useState(0);
  const errorRef = useRef<HTMLParagraphElement>(null);

  // The stored draft is read after hydration (the server has no localStorage).
  useEffect(() => {
    const stored = readStored(key);
    if (stored && !sameDraft(stored, draftFromVerdict(own))) {
      setDraft(stored);
      setRestored(true);
      setEditorGeneration((n) => n + 1);
    }
    // Only when the form is (re)mounted for a claim: later changes of `own` are our own saves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  function change(next: VerdictDraft) {
    setDraft(next);
    setJustSaved(false);
    writeStored(key, sameDraft(next, saved) ? null : next);
  }

  const updateSource = (index: number, patch: Partial<SourceDraft>) =>
    change({ ...draft, sources: draft.sources.map((row, i) => (i === index ? { ...row, ...patch } : row)) });

  const length = plainText(draft.rationaleDoc).length;
  const tooLong = length > RATIONALE_LIMIT;

  async function save() {
    if (saving) return;
    const input = toVerdictInput(draft, own?.version);
    if (!input) {
      setFailure(localFailure(['rating'], t('chooseRating')));
      return;
    }
    if (tooLong) {
      const message = t('tooLong', { count: length, limit: RATIONALE_LIMIT });
      setFailure(localFailure(['rationale'], message));
      return;
    }
    setSaving(true);
    setJustSaved(false);
    let result: ActionFailure | null;
    try {
      result = await onSave(input);
    } finally {
      setSaving(false); // never stuck on "Saving…"
    }
    setFailure(result);
    if (result) {
      writeStored(key, draft); // keep it even if it equals the last saved verdict's shape
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    writeStored(key, null);
    setRestored(false);
    setJustSaved(true);
  }

  /** The first issue exactly at `path` (a source's field), in the interface language. */
  const issueAt = (path: (string | number)[]) => {
    const issue = failure?.issues.find((i) => i.path.join('.') === path.join('.'));
    if (!issue) return undefined;
    return failure?.code === LOCAL ? issue.message : issueText(issue);
  };

  const issueFor = (prefix: string) => {
    const issue = failure?.issues.find((i) => i.path.join('.').startsWith(prefix));
    if (!issue) return undefined;
    return failure?.code === LOCAL ? issue.message : issueText(issue);
  };

  return (
    <form
      className="verdict-form"
      data-testid="verdict-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {restored && (
        <p className="draft-note" data-testid="draft-restored">
          {t('draftRestored')}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              writeStored(key, null);
              setDraft(saved);
              setRestored(false);
              setEditorGeneration((n) => n + 1);
              setFailure(null);
            }}
          >
            {t('discardDraft')}
          </button>
        </p>
      )}
      <fieldset>
        <legend>{t('legend')}</legend>
        <div className="rating-options">
          {RATINGS.map((r) => (
            <label key={r} className={`rating-option rating-${r}`}>
              <input type="radio" name={`rating-${claimId}`} value={r} checked={draft.rating === r} onChange={() => change({ ...draft, rating: r })} />
              {ratings(r)}
            </label>
          ))}
        </div>
        {issueFor('rating') && <span className="field-error">{issueFor('rating')}</span>}
      </fieldset>
      <div className="rationale-field">
        <span id={rationaleLabelId} className="field-label">
          {t('rationale')}
        </span>
        <RationaleEditor
          key={editorGeneration}
          initial={draft.rationaleDoc}
          onChange={(rationaleDoc) => change({ ...draft, rationaleDoc })}
          labelId={rationaleLabelId}
          describedBy={counterId}
          invalid={tooLong}
          placeholder={t('rationalePlaceholder')}
        />
      </div>
      <p id={counterId} className={`char-count${tooLong ? ' over' : ''}`} data-testid="rationale-count">
        {t('count', { count: length, limit: RATIONALE_LIMIT })}
      </p>
      {issueFor('rationale') && <span className="field-error">{issueFor('rationale')}</span>}
      <fieldset className="sources">
        <legend>{t('sources')}</legend>
        {draft.sources.map((source, index) => (
          <SourceRow
            key={index}
            index={index}
            source={source}
            onChange={(patch) => updateSource(index, patch)}
            onRemove={draft.sources.length > 1 ? () => change({ ...draft, sources: draft.sources.filter((_, i) => i !== index) }) : undefined}
            errorFor={(field) => issueAt(field === null ? ['sources', index] : ['sources', index, field])}
          />
        ))}
        <button type="button" className="link-button" onClick={() => change({ ...draft, sources: [...draft.sources, emptySource()] })}>
          {t('addSource')}
        </button>
      </fieldset>
      {failure && (
        <div className="form-error" role="alert" data-testid="verdict-error">
          <p ref={errorRef} tabIndex={-1}>
            {failureText(failure)}
          </p>
          {failure.code !== LOCAL && failure.issues.length > 0 && (
            <ul>
              {failure.issues.map((issue, i) => (
                <li key={i}>{issueSummary(issue)}</li>
              ))}
            </ul>
          )}
          {isRetryable(failure) && (
            <>
              <p className="hint">{t('draftKept')}</p>
              <button type="button" onClick={() => void save()} disabled={saving}>
                {t('retry')}
              </button>
            </>
          )}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? t('saving') : own ? t('update') : t('save')}
        </button>
        {justSaved && (
          <span className="saved" role="status">
            {t('saved')}
          </span>
        )}
      </div>
    </form>
  );
}
