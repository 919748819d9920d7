'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { adjudicateClaimAction, getAdjudicationAction, withdrawAdjudicationAction } from '@/app/actions';
import { claimInConflict } from '@/lib/claims/conflict';
import { RATINGS, type Rating } from '@/lib/ratings';
import { characterCount } from '@/lib/unicode';
import type { AdjudicationView } from '@/lib/services/adjudications';
import type { ClaimDetail } from '@/lib/services/claims';
import { RATIONALE_LIMIT } from '@/lib/verdict-draft';
import { callAction, useFailureText, useIssueText, type ActionFailure } from './action-call';
import { ConflictView, Empty } from './conflict-view';
import { ConfirmDialog } from './modal-dialog';

/**
 * The editor's final verdict, shown first in the panel once a claim is
 * settled: rating, reasons, who and when. It is published, so everyone sees
 * it whatever blind review hides. Editors and admins also get the form to
 * settle, revise or withdraw it, and the history of the decisions.
 */
export function Adjudication({
  claim,
  canAdjudicate,
  onChanged,
  announce,
}: {
  claim: ClaimDetail;
  canAdjudicate: boolean;
  onChanged: (claim: ClaimDetail) => void;
  announce: (message: string) => void;
}) {
  const t = useTranslations('adjudication');
  const ratings = useTranslations('ratings');
  const format = useFormatter();
  const failureText = useFailureText();
  const current = claim.adjudication;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  /** A withdrawal refused because the decision changed meanwhile: the new one is shown, to be read first. */
  const [staleWithdrawal, setStaleWithdrawal] = useState(false);
  const [history, setHistory] = useState<AdjudicationView[] | null>(null);
  const reviseButton = useRef<HTMLButtonElement>(null);
  const currentId = current?.id ?? null;

  // Editors see the history; it is read again whenever the decision in force changes.
  useEffect(() => {
    if (!canAdjudicate) return;
    let cancelled = false;
    callAction(() => getAdjudicationAction(claim.id)).then((result) => {
      if (!cancelled && result.ok) setHistory(result.data.history);
    });
    return () => {
      cancelled = true;
    };
  }, [canAdjudicate, claim.id, currentId]);

  useEffect(() => {
    setEditing(false);
    setFailure(null);
    setStaleWithdrawal(false);
  }, [claim.id]);

  async function withdraw() {
    setBusy(true);
    // Names the decision shown: one revised meanwhile is not withdrawn unread.
    const result = await callAction(() => withdrawAdjudicationAction(claim.id, current ? { adjudication: current.id } : {}));
    setBusy(false);
    if (!result.ok) {
      const now = claimInConflict(result.error, claim.id);
      if (!now) return setFailure(result.error);
      setConfirming(false);
      setStaleWithdrawal(true);
      onChanged(now);
      return;
    }
    setStaleWithdrawal(false);
    setFailure(null);
    setConfirming(false);
    onChanged(result.data);
    announce(t('withdrawn'));
  }

  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const past = history?.filter((a) => a.id !== currentId) ?? [];

  if (!current && !canAdjudicate) return null;
  return (
    <section className={`adjudication${current ? ' settled' : ''}`} data-testid="adjudication" aria-labelledby="adjudication-heading">
      {current && (
        <div className="adjudication-decision" data-testid="adjudication-current" data-rating={current.rating}>
          <h3 id="adjudication-heading">
            {t('heading')}{' '}
            <span className={`final-rating rating-${current.rating}`} data-testid="final-rating">
              {ratings(current.rating)}
            </span>
          </h3>
          <p className="adjudication-rationale">{current.rationale}</p>
          <p className="meta">{t('by', { name: current.editor.name ?? t('someone'), date: when(current.createdAt) })}</p>
        </div>
      )}
      {!current && (
        <h3 id="adjudication-heading" className="visually-hidden">
          {t('formHeading')}
        </h3>
      )}
      {canAdjudicate && !editing && (
        <div className="adjudication-tools">
          <button
            ref={reviseButton}
            type="button"
            className={current ? 'secondary' : undefined}
            onClick={() => (setFailure(null), setStaleWithdrawal(false), setEditing(true))}
            data-testid="adjudicate"
          >
            {current ? t('revise') : t('settle')}
          </button>
          {current && (
            <button type="button" className="link-button danger" onClick={() => (setFailure(null), setConfirming(true))} data-testid="withdraw-adjudication">
              {t('withdraw')}
            </button>
          )}
        </div>
      )}
      {/* Not keyed by the decision in force: one published meanwhile must not reset the draft. */}
      {canAdjudicate && editing && (
        <AdjudicationForm
          claimId={claim.id}
          current={current}
          onCancel={() => setEditing(false)}
          onConflict={onChanged}
          onSaved={(next) => {
            setEditing(false);
            setStaleWithdrawal(false);
            onChanged(next);
            announce(t('saved'));
            // The form is gone: the keyboard goes on from the button that opens it again.
            requestAnimationFrame(() => reviseButton.current?.focus());
          }}
        />
      )}
      {staleWithdrawal && (
        <p className="form-error" role="alert" data-testid="withdrawal-stale">
          {t('withdrawStale')}
        </p>
      )}
      {failure && !confirming && (
        <p className="form-error" role="alert">
          {failureText(failure)}
        </p>
      )}
      {canAdjudicate && past.length > 0 && (
        <details className="adjudication-history" data-testid="adjudication-history">
          <summary>{t('history', { count: history?.length ?? 0 })}</summary>
          <ol>
            {history!.map((a) => (
              <li key={a.id}>
                <span className={`final-rating rating-${a.rating}`}>{ratings(a.rating)}</span>{' '}
                <span className="hint">
                  {a.id === currentId ? t('inForce') : a.withdrawnAt ? t('withdrawnBy', { name: a.withdrawnBy?.name ?? t('someone'), date: when(a.withdrawnAt) }) : t('superseded')}
                </span>
                <p className="adjudication-rationale">{a.rationale}</p>
                <p className="meta">{t('by', { name: a.editor.name ?? t('someone'), date: when(a.createdAt) })}</p>
              </li>
            ))}
          </ol>
        </details>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('withdrawTitle')}
        onClose={() => setConfirming(false)}
        testId="confirm-withdraw-adjudication"
        error={failure && failureText(failure)}
        busy={busy}
        cancelLabel={t('cancel')}
        confirmLabel={t('withdrawConfirm')}
        busyLabel={t('withdrawing')}
        onConfirm={() => void withdraw()}
      >
        <p>{t('withdrawBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

/**
 * Settle or revise: a final rating and the reasons (required). The save names the
 * decision in force the editor started from (`replaces`); one published or
 * withdrawn meanwhile is shown beside the draft, to keep the draft or take it.
 */
function AdjudicationForm({
  claimId,
  current,
  onCancel,
  onConflict,
  onSaved,
}: {
  claimId: string;
  current: AdjudicationView | null;
  onCancel: () => void;
  /** The claim as it is now, after a save met a newer decision. */
  onConflict: (claim: ClaimDetail) => void;
  onSaved: (claim: ClaimDetail) => void;
}) {
  const t = useTranslations('adjudication');
  const ratings = useTranslations('ratings');
  const failureText = useFailureText();
  const issueText = useIssueText();
  const id = useId();
  const [rating, setRating] = useState<Rating | null>(current?.rating ?? null);
  const [rationale, setRationale] = useState(current?.rationale ?? '');
  /** The decision in force this draft started from (null: none), its version. */
  const [replaces, setReplaces] = useState<string | null>(current?.id ?? null);
  /** Set when a save met another decision: the one in force now (null: withdrawn). */
  const [conflict, setConflict] = useState<{ theirs: AdjudicationView | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [local, setLocal] = useState<{ rating?: string; rationale?: string }>({});
  const length = characterCount(rationale);
  const tooLong = length > RATIONALE_LIMIT;

  /** Publishes the draft; over `over` (the decision in force now, from "Keep mine") rather than the one it started from. */
  async function save(over?: string | null) {
    const problems = {
      rating: rating ? undefined : t('chooseRating'),
      rationale: !rationale.trim() ? t('needRationale') : tooLong ? t('tooLong', { count: length, limit: RATIONALE_LIMIT }) : undefined,
    };
    setLocal(problems);
    if (problems.rating || problems.rationale || !rating) return;
    setSaving(true);
    const result = await callAction(() => adjudicateClaimAction(claimId, { rating, rationale, replaces: over === undefined ? replaces : over }));
    setSaving(false);
    if (!result.ok) {
      const now = claimInConflict(result.error, claimId);
      if (!now) return setFailure(result.error);
      setFailure(null);
      setConflict({ theirs: now.adjudication });
      onConflict(now);
      return;
    }
    onSaved(result.data);
  }

  function takeTheirs(theirs: AdjudicationView | null) {
    setRating(theirs?.rating ?? null);
    setRationale(theirs?.rationale ?? '');
    setReplaces(theirs?.id ?? null);
    setLocal({});
    setConflict(null);
  }

  const serverIssue = (field: string) => {
    const issue = failure?.issues.find((i) => i.path[0] === field);
    return issue ? issueText(issue) : undefined;
  };
  const ratingError = local.rating ?? serverIssue('rating');
  const rationaleError = local.rationale ?? serverIssue('rationale');

  return (
    <form
      className="adjudication-form"
      data-testid="adjudication-form"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h4 id={`${id}-heading`}>{current ? t('reviseHeading') : t('formHeading')}</h4>
      <fieldset aria-describedby={ratingError ? `${id}-rating-error` : undefined}>
        <legend>{t('rating')}</legend>
        <div className="rating-options">
          {RATINGS.map((r) => (
            <label key={r} className={`rating-option rating-${r}`}>
              <input type="radio" name={`${id}-rating`} value={r} checked={rating === r} onChange={() => setRating(r)} autoFocus={r === (current?.rating ?? RATINGS[0])} />
              {ratings(r)}
            </label>
          ))}
        </div>
        {ratingError && (
          <span className="field-error" id={`${id}-rating-error`}>
            {ratingError}
          </span>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-rationale`}>{t('rationale')}</label>
        <textarea
          id={`${id}-rationale`}
          rows={4}
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          aria-invalid={rationaleError ? true : undefined}
          aria-describedby={`${id}-hint ${id}-count${rationaleError ? ` ${id}-rationale-error` : ''}`}
        />
        <span className="hint" id={`${id}-hint`}>
          {t('rationaleHint')}
        </span>
        <span id={`${id}-count`} className={`char-count${tooLong ? ' over' : ''}`}>
          {t('count', { count: length, limit: RATIONALE_LIMIT })}
        </span>
        {rationaleError && (
          <span className="field-error" id={`${id}-rationale-error`}>
            {rationaleError}
          </span>
        )}
      </div>
      {failure && (
        <p className="form-error" role="alert">
          {failureText(failure)}
        </p>
      )}
      {conflict && (
        <AdjudicationConflict
          theirs={conflict.theirs}
          yours={{ rating, rationale }}
          busy={saving}
          onKeepMine={() => void save(conflict.theirs?.id ?? null)}
          onTakeTheirs={() => takeTheirs(conflict.theirs)}
          onDismiss={() => setConflict(null)}
        />
      )}
      <div className="form-actions">
        <button type="submit" disabled={saving || conflict !== null}>
          {saving ? t('saving') : t('save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** The decision in force now beside the editor's draft. */
function AdjudicationConflict({
  theirs,
  yours,
  busy,
  onKeepMine,
  onTakeTheirs,
  onDismiss,
}: {
  theirs: AdjudicationView | null;
  yours: { rating: Rating | null; rationale: string };
  busy: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onDismiss: () => void;
}) {
  const t = useTranslations('adjudication');
  const conflictT = useTranslations('conflict');
  const ratings = useTranslations('ratings');
  const format = useFormatter();
  const rating = (r: Rating | null | undefined) => (r ? ratings(r) : <Empty />);
  const reasons = (text: string | undefined) => (text?.trim() ? <p className="adjudication-rationale conflict-value">{text}</p> : <Empty />);
  return (
    <ConflictView
      testId="adjudication-conflict"
      level={4}
      title={theirs ? t('conflict.title') : t('conflict.withdrawnTitle')}
      intro={theirs ? t('conflict.intro') : t('conflict.withdrawnIntro')}
      theirsLabel={theirs ? t('conflict.theirs') : t('conflict.withdrawn')}
      theirsMeta={
        theirs
          ? conflictT('savedBy', { name: theirs.editor.name ?? t('someone'), date: format.dateTime(new Date(theirs.createdAt), { dateStyle: 'medium', timeStyle: 'short' }) })
          : undefined
      }
      revision={theirs?.id ?? 'none'}
      busy={busy}
      onKeepMine={onKeepMine}
      onTakeTheirs={onTakeTheirs}
      onDismiss={onDismiss}
      rows={[
        { field: 'rating', label: t('rating'), theirs: rating(theirs?.rating), yours: rating(yours.rating), differs: (theirs?.rating ?? null) !== yours.rating },
        {
          field: 'rationale',
          label: t('rationale'),
          theirs: reasons(theirs?.rationale),
          yours: reasons(yours.rationale),
          differs: (theirs?.rationale ?? '').trim() !== yours.rationale.trim(),
        },
      ]}
    />
  );
}
