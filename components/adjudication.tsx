'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { adjudicateClaimAction, getAdjudicationAction, withdrawAdjudicationAction } from '@/app/actions';
import { RATINGS, type Rating } from '@/lib/ratings';
import type { AdjudicationView } from '@/lib/services/adjudications';
import type { ClaimDetail } from '@/lib/services/claims';
import { RATIONALE_LIMIT } from '@/lib/verdict-draft';
import { callAction, useFailureText, useIssueText, type ActionFailure } from './action-call';
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
  const [history, setHistory] = useState<AdjudicationView[] | null>(null);
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
  }, [claim.id]);

  async function withdraw() {
    setBusy(true);
    const result = await callAction(() => withdrawAdjudicationAction(claim.id, current ? { adjudication: current.id } : {}));
    setBusy(false);
    if (!result.ok) return setFailure(result.error);
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
          <button type="button" className={current ? 'secondary' : undefined} onClick={() => (setFailure(null), setEditing(true))} data-testid="adjudicate">
            {current ? t('revise') : t('settle')}
          </button>
          {current && (
            <button type="button" className="link-button danger" onClick={() => (setFailure(null), setConfirming(true))} data-testid="withdraw-adjudication">
              {t('withdraw')}
            </button>
          )}
        </div>
      )}
      {canAdjudicate && editing && (
        <AdjudicationForm
          key={currentId ?? 'new'}
          claimId={claim.id}
          current={current}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            onChanged(next);
            announce(t('saved'));
          }}
        />
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

/** Settle or revise: a final rating and the reasons (required). */
function AdjudicationForm({
  claimId,
  current,
  onCancel,
  onSaved,
}: {
  claimId: string;
  current: AdjudicationView | null;
  onCancel: () => void;
  onSaved: (claim: ClaimDetail) => void;
}) {
  const t = useTranslations('adjudication');
  const ratings = useTranslations('ratings');
  const failureText = useFailureText();
  const issueText = useIssueText();
  const id = useId();
  const [rating, setRating] = useState<Rating | null>(current?.rating ?? null);
  const [rationale, setRationale] = useState(current?.rationale ?? '');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [local, setLocal] = useState<{ rating?: string; rationale?: string }>({});
  const tooLong = rationale.length > RATIONALE_LIMIT;

  async function save() {
    const problems = {
      rating: rating ? undefined : t('chooseRating'),
      rationale: !rationale.trim() ? t('needRationale') : tooLong ? t('tooLong', { count: rationale.length, limit: RATIONALE_LIMIT }) : undefined,
    };
    setLocal(problems);
    if (problems.rating || problems.rationale || !rating) return;
    setSaving(true);
    const result = await callAction(() => adjudicateClaimAction(claimId, { rating, rationale }));
    setSaving(false);
    if (!result.ok) return setFailure(result.error);
    onSaved(result.data);
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
          {t('count', { count: rationale.length, limit: RATIONALE_LIMIT })}
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
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? t('saving') : t('save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
