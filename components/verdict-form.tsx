'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { claimInConflict } from '@/lib/claims/conflict';
import { RATINGS } from '@/lib/ratings';
import { plainText, type RichTextDoc } from '@/lib/rich-text';
import { characterCount } from '@/lib/unicode';
import type { VerdictView } from '@/lib/services/claims';
import {
  RATIONALE_LIMIT,
  draftDifferences,
  draftFromVerdict,
  draftKey,
  emptySource,
  filledSources,
  parseDraft,
  sameDraft,
  serializeDraft,
  toVerdictInput,
  type SourceDraft,
  type VerdictDraft,
  type VerdictInput,
} from '@/lib/verdict-draft';
import { isRetryable, useFailureText, useIssueSummary, useIssueText, type ActionFailure } from './action-call';
import { ConflictView, Empty } from './conflict-view';
import { RationaleEditor } from './rationale-editor';
import { RichText } from './rich-text';
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

/** The form's starting point from the reviewer's saved verdict, with the version it is based on (0: none). */
function startFrom(own: VerdictView | null): VerdictDraft {
  return { ...draftFromVerdict(own), baseVersion: own?.version ?? 0 };
}

/** Forgets a claim's draft (after a withdrawal or a deletion). */
export function forgetDraft(userId: string, claimId: string): void {
  writeStored(draftKey(userId, claimId), null);
}

/**
 * The reviewer's own verdict: rating, rationale and sources. What is typed is
 * kept as a draft in this browser until it is saved, so a failed save, a reload
 * or leaving the page loses nothing. The draft remembers the version of the
 * verdict it started from: when the verdict was saved meanwhile elsewhere (another
 * tab, another device), the save is refused and both versions are shown, for the
 * reviewer to keep theirs or take the other.
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
  const saved = startFrom(own);
  const [draft, setDraft] = useState<VerdictDraft>(saved);
  const [restored, setRestored] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  /** Set when a save met a newer verdict: the verdict as it is now (null: withdrawn meanwhile). */
  const [conflict, setConflict] = useState<{ theirs: VerdictView | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const counterId = useId();
  const rationaleLabelId = useId();
  // The editor starts from a document once: a new generation restarts it from a restored or discarded draft.
  const [editorGeneration, setEditorGeneration] = useState(0);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const latest = useRef({ draft, own });
  latest.current.draft = draft;

  // The stored draft is read after hydration (the server has no localStorage).
  useEffect(() => {
    const stored = readStored(key);
    if (stored && !sameDraft(stored, startFrom(own))) {
      // A draft stored before versions were kept is taken to start from the verdict as it is.
      setDraft({ ...stored, baseVersion: stored.baseVersion ?? own?.version ?? 0 });
      setRestored(true);
      setEditorGeneration((n) => n + 1);
    }
    // Only when the form is (re)mounted for a claim: later changes of `own` are handled below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  // The verdict changed under the form (our own save, or another tab's, seen on reload).
  // An untouched form follows it; a draft stays as it is, based on the version it
  // started from, so that saving it meets the conflict rather than overwriting.
  useEffect(() => {
    const previous = latest.current.own;
    latest.current.own = own;
    const current = latest.current.draft;
    if (sameDraft(current, startFrom(own))) {
      if (current.baseVersion !== (own?.version ?? 0)) setDraft({ ...current, baseVersion: own?.version ?? 0 });
    } else if (sameDraft(current, startFrom(previous)) && current.baseVersion === (previous?.version ?? 0)) {
      setDraft(startFrom(own));
      setEditorGeneration((n) => n + 1);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [own?.id, own?.version]);

  // Nothing left to choose once the draft says what the other version says (an untouched
  // form followed it, or the reviewer wrote the same): the conflict is over, on its version.
  useEffect(() => {
    if (!conflict || !sameDraft(draft, startFrom(conflict.theirs))) return;
    setConflict(null);
    setDraft((d) => ({ ...d, baseVersion: conflict.theirs?.version ?? 0 }));
  }, [conflict, draft]);

  function change(next: VerdictDraft) {
    setDraft(next);
    setJustSaved(false);
    writeStored(key, sameDraft(next, saved) ? null : next);
  }

  const updateSource = (index: number, patch: Partial<SourceDraft>) =>
    change({ ...draft, sources: draft.sources.map((row, i) => (i === index ? { ...row, ...patch } : row)) });

  const length = characterCount(plainText(draft.rationaleDoc));
  const tooLong = length > RATIONALE_LIMIT;

  /** Saves the draft; over `over` (the version of theirs, from "Keep mine") rather than the one it started from. */
  async function save(over?: number) {
    if (saving) return;
    const base = over ?? draft.baseVersion ?? own?.version ?? 0;
    const input = toVerdictInput(draft, base);
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
    const now = result && claimInConflict(result, claimId);
    if (now) {
      // Saved first elsewhere: both versions are shown, and the draft stays as it is, stored.
      writeStored(key, latest.current.draft);
      setFailure(null);
      setConflict({ theirs: now.verdicts.find((v) => v.reviewer.id === userId) ?? null });
      return;
    }
    setFailure(result);
    if (result) {
      writeStored(key, draft); // keep it even if it equals the last saved verdict's shape
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    writeStored(key, null);
    setConflict(null);
    setRestored(false);
    setJustSaved(true);
  }

  /** "Take theirs": the form holds the verdict as it is now; the draft is replaced, by choice. */
  function takeTheirs(theirs: VerdictView | null) {
    writeStored(key, null);
    setDraft(startFrom(theirs));
    setEditorGeneration((n) => n + 1);
    setConflict(null);
    setRestored(false);
    setFailure(null);
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
      {conflict && (
        <VerdictConflict
          theirs={conflict.theirs}
          yours={draft}
          busy={saving}
          onKeepMine={() => void save(conflict.theirs?.version ?? 0)}
          onTakeTheirs={() => takeTheirs(conflict.theirs)}
          onDismiss={() => setConflict(null)}
        />
      )}
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
        <button type="submit" disabled={saving || conflict !== null}>
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

/** The reviewer's verdict as saved elsewhere meanwhile, beside their draft. */
function VerdictConflict({
  theirs,
  yours,
  busy,
  onKeepMine,
  onTakeTheirs,
  onDismiss,
}: {
  theirs: VerdictView | null;
  yours: VerdictDraft;
  busy: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onDismiss: () => void;
}) {
  const t = useTranslations('verdict.conflict');
  const conflictT = useTranslations('conflict');
  const ratings = useTranslations('ratings');
  const format = useFormatter();
  const other = draftFromVerdict(theirs);
  const differs = draftDifferences(other, yours);
  const rating = (d: VerdictDraft) => (d.rating ? ratings(d.rating) : <Empty />);
  const rationale = (doc: RichTextDoc) => (plainText(doc).trim() ? <RichText doc={doc} className="conflict-value" /> : <Empty />);
  const sources = (d: VerdictDraft) => {
    const rows = filledSources(d);
    if (rows.length === 0) return <Empty />;
    return (
      <ul className="conflict-value">
        {rows.map((s, i) => (
          <li key={i}>{s.title.trim() ? `${s.title.trim()} — ${s.url.trim()}` : s.url.trim()}</li>
        ))}
      </ul>
    );
  };
  return (
    <ConflictView
      testId="verdict-conflict"
      title={theirs ? t('title') : t('withdrawnTitle')}
      intro={theirs ? t('intro') : t('withdrawnIntro')}
      theirsLabel={theirs ? t('theirs') : t('withdrawn')}
      theirsMeta={theirs ? conflictT('savedOn', { date: format.dateTime(new Date(theirs.updatedAt), { dateStyle: 'medium', timeStyle: 'short' }) }) : undefined}
      revision={theirs?.version ?? 0}
      busy={busy}
      onKeepMine={onKeepMine}
      onTakeTheirs={onTakeTheirs}
      onDismiss={onDismiss}
      rows={[
        { field: 'rating', label: t('rating'), theirs: rating(other), yours: rating(yours), differs: differs.includes('rating') },
        { field: 'rationale', label: t('rationale'), theirs: rationale(other.rationaleDoc), yours: rationale(yours.rationaleDoc), differs: differs.includes('rationale') },
        { field: 'sources', label: t('sources'), theirs: sources(other), yours: sources(yours), differs: differs.includes('sources') },
      ]}
    />
  );
}
