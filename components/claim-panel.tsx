'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { deleteClaimAction, loadClaimAction, saveVerdictAction, updateClaimAction, withdrawVerdictAction } from '@/app/actions';
import { claimInConflict } from '@/lib/claims/conflict';
import { quoteParagraphs } from '@/lib/claims/quote';
import type { ClaimDetail, ClaimView, VerdictView } from '@/lib/services/claims';
import { draftFromVerdict, toVerdictInput } from '@/lib/verdict-draft';
import { callAction, useFailureText, type ActionFailure } from './action-call';
import { FailureAlert } from './failure-alert';
import { ConflictView, Empty } from './conflict-view';
import { ConsensusSummary, StatusBadge } from './consensus-summary';
import { Adjudication } from './adjudication';
import { ClaimComments, type CommentChange } from './claim-comments';
import { ClaimHistory } from './claim-history';
import { ClaimSources } from './claim-sources';
import { ConfirmDialog } from './modal-dialog';
import { RichText } from './rich-text';
import { VerdictForm, forgetDraft } from './verdict-form';
import { isHttpLink } from '@/lib/http-url';
import { characterCount } from '@/lib/unicode';

const NOTE_LIMIT = 2000;

/**
 * One claim: its quote, note, consensus, the other reviewers' verdicts and the
 * reviewer's own. Takes focus when it opens, so keyboard and screen-reader
 * users land in it; Escape (handled by the workspace) or Close leaves it.
 */
export function ClaimPanel({
  summary,
  refreshKey,
  live,
  liveRevision,
  commentChange,
  viewerId,
  canAdjudicate,
  language,
  onChanged,
  onDeleted,
  onClose,
  announce,
}: {
  /** The claim as the list knows it: shown at once while its verdicts load. */
  summary: ClaimView;
  /** Changes when someone else changed the claim, to reload it. */
  refreshKey: string;
  /** The claim as the live stream last sent it (as this viewer may see it), shown at once. */
  live: ClaimDetail | null;
  /** Bumped by every live event about the claim: its history is read again. */
  liveRevision: number;
  /** A comment of the claim's thread as the live stream last sent it. */
  commentChange: CommentChange | null;
  viewerId: string;
  /** Editors and admins settle claims (lib/permissions): they get the adjudication form and see every verdict's revisions. */
  canAdjudicate: boolean;
  /** The article's language, for the quote. */
  language: string;
  onChanged: (claim: ClaimDetail) => void;
  onDeleted: (claimId: string) => void;
  onClose: () => void;
  announce: (message: string) => void;
}) {
  const t = useTranslations('panel');
  const tHistory = useTranslations('history');
  const tRevisions = useTranslations('revisions');
  const ratings = useTranslations('ratings');
  const common = useTranslations('common');
  const announcements = useTranslations('workspace.announce');
  const format = useFormatter();
  const failureText = useFailureText();
  const claimId = summary.id;
  const [claim, setClaim] = useState<ClaimDetail | null>(null);
  const [loadFailure, setLoadFailure] = useState<ActionFailure | null>(null);
  // The history loads when asked for: it is read less often than the rest, and loading it
  // with every claim opened would shift the panel under the reviewer's pointer.
  const [historyOpen, setHistoryOpen] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // Bumped when the form must start afresh (withdrawn, or restored by Undo).
  const [formGeneration, setFormGeneration] = useState(0);
  const [withdrawn, setWithdrawn] = useState<VerdictView | null>(null);
  const [actionFailure, setActionFailure] = useState<{ failure: ActionFailure; retry: () => void } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [deleteFailure, setDeleteFailure] = useState<string | null>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'manual'>('idle');
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Focus moves into the panel whenever another claim opens in it.
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: false });
    setWithdrawn(null);
    setActionFailure(null);
    setCopy('idle');
    setDeleteFailure(null);
  }, [claimId]);

  useEffect(() => {
    let cancelled = false;
    callAction(() => loadClaimAction(claimId)).then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setClaim(result.data);
        setLoadFailure(null);
      } else setLoadFailure(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [claimId, refreshKey, attempt]);

  useEffect(() => {
    if (live && live.id === claimId) setClaim(live);
  }, [live, claimId]);

  const detail = claim && claim.id === claimId ? claim : null;
  const shown: ClaimView = detail ?? summary;
  const paragraphs = quoteParagraphs(shown.exact);
  const own = detail?.verdicts.find((v) => v.reviewer.id === viewerId) ?? null;
  const others = detail?.verdicts.filter((v) => v.reviewer.id !== viewerId) ?? [];

  // Shown first once the claim is settled, lower down before: the same key keeps it (and an
  // editor's draft in it) when a decision published meanwhile moves it to the top.
  const adjudication = detail && (
    <Adjudication key="adjudication" claim={detail} canAdjudicate={canAdjudicate} onChanged={applied} announce={announce} />
  );

  function applied(next: ClaimDetail) {
    setClaim(next);
    onChanged(next);
  }

  async function withdraw() {
    if (!own) return;
    setBusy(true);
    const result = await callAction(() => withdrawVerdictAction(claimId));
    setBusy(false);
    if (!result.ok) return setActionFailure({ failure: result.error, retry: () => void withdraw() });
    setActionFailure(null);
    forgetDraft(viewerId, claimId);
    setWithdrawn(own);
    setFormGeneration((n) => n + 1);
    applied(result.data);
    announce(announcements('verdictWithdrawn'));
  }

  async function undoWithdraw() {
    if (!withdrawn) return;
    const input = toVerdictInput(draftFromVerdict(withdrawn));
    if (!input) return;
    setBusy(true);
    const result = await callAction(() => saveVerdictAction(claimId, input));
    setBusy(false);
    if (!result.ok) return setActionFailure({ failure: result.error, retry: () => void undoWithdraw() });
    setActionFailure(null);
    setWithdrawn(null);
    setFormGeneration((n) => n + 1);
    applied(result.data);
    announce(t('undone'));
  }

  async function remove() {
    setBusy(true);
    const result = await callAction(() => deleteClaimAction(claimId));
    setBusy(false);
    if (!result.ok) {
      setDeleteFailure(result.error.key === 'claimHasOtherVerdicts' ? t('delete.conflict') : failureText(result.error));
      return;
    }
    setConfirmingDelete(false);
    forgetDraft(viewerId, claimId);
    onDeleted(claimId);
  }

  async function copyLink() {
    const url = permalink(claimId);
    try {
      await navigator.clipboard.writeText(url);
      setCopy('copied');
    } catch {
      setCopy('manual'); // no clipboard (insecure context, denied): show the link to copy by hand
    }
  }

  return (
    <aside className="claim-panel" data-testid="claim-panel" data-claim-id={claimId} aria-labelledby="claim-panel-heading">
      <header className="claim-panel-header">
        <h2 id="claim-panel-heading" ref={headingRef} tabIndex={-1}>
          {t('heading')} <StatusBadge status={shown.consensus.status} />
        </h2>
        <div className="claim-panel-tools">
          <button type="button" className="secondary" onClick={() => void copyLink()} data-testid="copy-link">
            {t('copyLink')}
          </button>
          <button type="button" className="secondary close-button" onClick={onClose} aria-label={t('closeLabel')} data-testid="close-panel">
            <span aria-hidden="true">×</span> <span className="close-word">{t('close')}</span>
          </button>
        </div>
      </header>
      {copy === 'copied' && (
        <p className="hint" role="status">
          {t('linkCopied')}
        </p>
      )}
      {copy === 'manual' && (
        <label className="manual-link">
          {t('copyManually')}
          <input type="text" readOnly value={permalink(claimId)} onFocus={(e) => e.currentTarget.select()} autoFocus />
        </label>
      )}
      {detail?.adjudication && adjudication}
      <blockquote lang={language} data-testid="claim-quote">
        {paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </blockquote>
      {paragraphs.length > 1 && <p className="meta">{t('paragraphs', { count: paragraphs.length })}</p>}
      <p className="meta">
        {t('markedBy', { name: shown.createdBy.name ?? t('someone'), date: format.dateTime(new Date(shown.createdAt), { dateStyle: 'medium' }) })}
      </p>
      <p className="meta" data-testid="claim-anchor" data-anchor-state={shown.anchorState}>
        {tRevisions('anchorLine', { state: tRevisions(`anchorStates.${shown.anchorState}`), revision: shown.revision })}
      </p>
      <NoteEditor claim={shown} onSaved={applied} />
      {loadFailure && !detail && <FailureAlert failure={loadFailure} describe={(reason) => `${t('loadFailed')} ${reason}`} onRetry={() => setAttempt((n) => n + 1)} />}
      <ConsensusSummary consensus={shown.consensus} hidden={!shown.verdictsVisible} />
      {detail && !detail.adjudication && adjudication}
      {others.length > 0 && (
        <section className="verdicts">
          <h3>{t('others')}</h3>
          <ul>
            {others.map((v) => (
              <li key={v.id} data-testid="other-verdict">
                <strong>{v.reviewer.name ?? t('reviewer')}</strong> <span className="verdict-rating">{ratings(v.rating)}</span>
                {canAdjudicate && v.revisedAfterReveal && <RevisedNote initialRating={v.initialRating} />}
                {v.rationaleDoc && <RichText doc={v.rationaleDoc} className="rationale" lang={language} testId="other-rationale" />}
                {v.sources.length > 0 && (
                  <ul className="source-links">
                    {v.sources.map((s, i) => (
                      <li key={i}>
                        <a href={isHttpLink(s.url) ? s.url : undefined} target="_blank" rel="noopener noreferrer nofollow">
                          {s.title ?? s.url}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {detail && <ClaimSources sources={detail.sources} language={language} />}
      {own?.revisedAfterReveal && (
        <p className="revised-own" data-testid="own-revised">
          <RevisedNote initialRating={own.initialRating} />
        </p>
      )}
      {detail ? (
        <VerdictForm
          key={`${claimId}:${formGeneration}`}
          claimId={claimId}
          userId={viewerId}
          own={own}
          onSave={async (input) => {
            const result = await callAction(() => saveVerdictAction(claimId, input));
            if (!result.ok) {
              // A stale save brings the claim as it is now: the panel shows it, the form compares.
              const current = claimInConflict(result.error, claimId);
              if (current) applied(current);
              return result.error;
            }
            setWithdrawn(null);
            applied(result.data);
            announce(announcements('verdictSaved'));
            return null;
          }}
        />
      ) : (
        !loadFailure && <p className="hint">{common('loading')}</p>
      )}
      {withdrawn && (
        <p className="undo" role="status" data-testid="withdrawn">
          {t('withdrawn')}{' '}
          <button type="button" className="secondary" onClick={() => void undoWithdraw()} disabled={busy}>
            {t('undo')}
          </button>
        </p>
      )}
      {actionFailure && <FailureAlert failure={actionFailure.failure} onRetry={actionFailure.retry} busy={busy} />}
      <div className="claim-panel-footer">
        {own && (
          <button type="button" className="link-button danger" onClick={() => void withdraw()} disabled={busy}>
            {t('withdraw')}
          </button>
        )}
        {shown.can.delete && (
          <button type="button" className="link-button danger" onClick={() => (setDeleteFailure(null), setConfirmingDelete(true))} data-testid="delete-claim">
            {t('delete.button')}
          </button>
        )}
      </div>
      {!shown.can.delete && shown.createdBy.id === viewerId && <p className="hint">{t('delete.notAllowed')}</p>}
      {deleteFailure && !confirmingDelete && (
        <p className="form-error" role="alert">
          {deleteFailure}
        </p>
      )}
      {detail && <ClaimComments claim={detail} viewerId={viewerId} announce={announce} change={commentChange} />}
      <details className="claim-history-toggle" onToggle={(event) => setHistoryOpen(event.currentTarget.open)} data-testid="claim-history-toggle">
        <summary>{tHistory('title')}</summary>
        {historyOpen && <ClaimHistory claimId={shown.id} refreshKey={`${shown.version}:${shown.lastActivityAt}:${shown.consensus.status}:${liveRevision}`} />}
      </details>
      <ConfirmDialog
        open={confirmingDelete}
        title={t('delete.title')}
        onClose={() => setConfirmingDelete(false)}
        testId="confirm-delete"
        error={deleteFailure}
        busy={busy}
        cancelLabel={t('note.cancel')}
        confirmLabel={t('delete.confirm')}
        busyLabel={t('delete.deleting')}
        onConfirm={() => void remove()}
      >
        <p>{t('delete.body')}</p>
        <blockquote lang={language} className="dialog-quote">
          {shown.exact}
        </blockquote>
      </ConfirmDialog>
    </aside>
  );
}

/** A verdict changed after its author saw the others': said in words, with the first, independent rating. */
function RevisedNote({ initialRating }: { initialRating: VerdictView['initialRating'] }) {
  const t = useTranslations('panel.revised');
  const ratings = useTranslations('ratings');
  return (
    <span className="revised-note" data-testid="revised-after-reveal">
      {t('label')} <span className="hint">{t('initial', { rating: ratings(initialRating) })}</span>
    </span>
  );
}

/** The claim's permalink: the article page with this claim open. */
function permalink(claimId: string): string {
  const url = new URL(window.location.href);
  url.searchParams.set('claim', claimId);
  url.hash = '';
  return url.toString();
}

/** The claim's note: shown to all, written by its author (and editors). */
function NoteEditor({ claim, onSaved }: { claim: ClaimView; onSaved: (claim: ClaimDetail) => void }) {
  const t = useTranslations('panel.note');
  const conflictT = useTranslations('conflict');
  const format = useFormatter();
  const failureText = useFailureText();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(claim.note ?? '');
  const length = characterCount(value);
  // The version the draft started from: a note changed meanwhile is a conflict, not overwritten.
  const [baseVersion, setBaseVersion] = useState(claim.version);
  /** Set when a save met a newer note: the claim as it is now. */
  const [conflict, setConflict] = useState<ClaimDetail | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    setEditing(false);
    setFailure(null);
    setConflict(null);
  }, [claim.id]);

  async function save(over?: number) {
    setSaving(true);
    const result = await callAction(() => updateClaimAction(claim.id, { note: value, version: over ?? baseVersion }));
    setSaving(false);
    if (!result.ok) {
      const now = claimInConflict(result.error, claim.id);
      setFailure(now ? null : result.error);
      setConflict(now);
      // The panel shows the claim as it is now; the draft stays in the form.
      if (now) onSaved(now);
      return;
    }
    setFailure(null);
    setConflict(null);
    setEditing(false);
    onSaved(result.data);
    // The form is gone: the keyboard goes on from the button that opens it again.
    requestAnimationFrame(() => editButton.current?.focus());
  }

  if (!editing) {
    return (
      <div className="claim-note" data-testid="claim-note">
        {claim.note ? <p className="note-text">{claim.note}</p> : claim.can.editNote ? null : <p className="hint">{t('none')}</p>}
        {claim.can.editNote && (
          <button
            ref={editButton}
            type="button"
            className="link-button"
            onClick={() => {
              setValue(claim.note ?? '');
              setBaseVersion(claim.version);
              setEditing(true);
            }}
          >
            {claim.note ? t('edit') : t('add')}
          </button>
        )}
      </div>
    );
  }
  const note = (text: string | null) => (text?.trim() ? <p className="note-text conflict-value">{text}</p> : <Empty />);
  return (
    <form
      className="claim-note"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label>
        {t('label')}
        <textarea rows={3} value={value} onChange={(e) => setValue(e.target.value)} autoFocus aria-describedby={`note-count-${claim.id}`} />
      </label>
      <p id={`note-count-${claim.id}`} className={`char-count${length > NOTE_LIMIT ? ' over' : ''}`}>
        {t('count', { count: length, limit: NOTE_LIMIT })}
      </p>
      {failure && (
        <p className="form-error" role="alert">
          {failureText(failure)}
        </p>
      )}
      {conflict && (
        <ConflictView
          testId="note-conflict"
          title={t('conflict.title')}
          intro={t('conflict.intro')}
          theirsMeta={conflictT('savedOn', { date: format.dateTime(new Date(conflict.updatedAt), { dateStyle: 'medium', timeStyle: 'short' }) })}
          revision={conflict.version}
          busy={saving}
          rows={[{ field: 'note', label: t('label'), theirs: note(conflict.note), yours: note(value), differs: (conflict.note ?? '') !== value.trim() }]}
          onKeepMine={() => void save(conflict.version)}
          onTakeTheirs={() => {
            setValue(conflict.note ?? '');
            setBaseVersion(conflict.version);
            setConflict(null);
          }}
          onDismiss={() => setConflict(null)}
        />
      )}
      <div className="form-actions">
        <button type="submit" disabled={saving || conflict !== null || length > NOTE_LIMIT}>
          {saving ? t('saving') : t('save')}
        </button>
        <button type="button" className="secondary" onClick={() => (setEditing(false), setConflict(null))}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
