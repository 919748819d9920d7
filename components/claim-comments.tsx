'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { deleteCommentAction, editCommentAction, listCommentsAction, listUsersAction, postCommentAction } from '@/app/actions';
import { COMMENT_LIMIT, mentionSpans } from '@/lib/comment-text';
import { characterCount } from '@/lib/unicode';
import type { Named } from '@/lib/mentions';
import type { ClaimDetail } from '@/lib/services/claims';
import type { CommentView } from '@/lib/services/comments';
import { callAction, useFailureText, useIssueText, type ActionFailure } from './action-call';
import { FailureAlert } from './failure-alert';
import { MentionInput } from './mention-input';
import { ConfirmDialog } from './modal-dialog';

/** A comment posted, edited or deleted by someone, as the article's live stream tells it (already as this viewer may see it). */
export type CommentChange = { claimId: string; comment: CommentView } | { claimId: string; deletedId: string };

/** The thread with a change applied: a comment replaced or added in order (once, whether the live stream or the poster's own answer brings it first), or removed. */
function applyChange(list: CommentView[], change: CommentChange): CommentView[] {
  if ('deletedId' in change) return list.filter((c) => c.id !== change.deletedId);
  const others = list.filter((c) => c.id !== change.comment.id);
  return [...others, change.comment].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * The claim's discussion: the thread, oldest first, and a box to add to it
 * with @mentions. Under blind review it opens to a reviewer once they have
 * given a verdict (the server refuses the thread before: `verdictsVisible`
 * says so without asking). Authors edit their own comments; authors, editors
 * and admins delete them, after a confirmation.
 */
export function ClaimComments({
  claim,
  viewerId,
  announce,
  change,
}: {
  claim: ClaimDetail;
  viewerId: string;
  announce: (message: string) => void;
  /** The latest change the live stream reported on this claim's thread. */
  change: CommentChange | null;
}) {
  const t = useTranslations('comments');
  const failureText = useFailureText();
  const open = claim.verdictsVisible;
  const [comments, setComments] = useState<CommentView[] | null>(null);
  const [loadFailure, setLoadFailure] = useState<ActionFailure | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [people, setPeople] = useState<Named[]>([]);
  const [deleting, setDeleting] = useState<CommentView | null>(null);
  const [deleteFailure, setDeleteFailure] = useState<ActionFailure | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setComments(null);
  }, [claim.id]);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    callAction(() => listCommentsAction(claim.id)).then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setComments(result.data);
        setLoadFailure(null);
      } else setLoadFailure(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [claim.id, claim.lastActivityAt, open, attempt]);

  // Others' comments arrive through the live stream; a thread not loaded yet will include them.
  useEffect(() => {
    if (change && change.claimId === claim.id) setComments((list) => (list ? applyChange(list, change) : list));
  }, [change, claim.id]);

  // Everyone active with a name may be mentioned, but for the writer.
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    callAction(() => listUsersAction()).then((result) => {
      if (!cancelled && result.ok) setPeople(result.data.filter((u) => u.active && u.id !== viewerId && u.name));
    });
    return () => {
      cancelled = true;
    };
  }, [open, viewerId]);

  async function remove() {
    if (!deleting) return;
    setBusy(true);
    const result = await callAction(() => deleteCommentAction(deleting.id));
    setBusy(false);
    if (!result.ok) return setDeleteFailure(result.error);
    setComments((list) => list?.filter((c) => c.id !== deleting.id) ?? null);
    setDeleting(null);
    announce(t('deleted'));
  }

  return (
    <section className="claim-comments" data-testid="claim-comments" aria-labelledby="claim-comments-heading">
      <h3 id="claim-comments-heading">
        {t('heading')} {open && comments && <span className="count-badge">{t('count', { count: comments.length })}</span>}
      </h3>
      {!open ? (
        <p className="hint blind-note" data-testid="comments-blind">
          {t('blind')}
        </p>
      ) : (
        <>
          {loadFailure && <FailureAlert failure={loadFailure} describe={(reason) => `${t('loadFailed')} ${reason}`} onRetry={() => setAttempt((n) => n + 1)} />}
          {!comments && !loadFailure && <p className="hint">{t('loading')}</p>}
          {comments && comments.length === 0 && <p className="hint">{t('empty')}</p>}
          {comments && comments.length > 0 && (
            <ol className="comment-list">
              {comments.map((comment) => (
                <CommentItem
                  key={comment.id}
                  comment={comment}
                  viewerId={viewerId}
                  people={people}
                  onEdited={(next) => setComments((list) => list?.map((c) => (c.id === next.id ? next : c)) ?? null)}
                  onDelete={() => (setDeleteFailure(null), setDeleting(comment))}
                />
              ))}
            </ol>
          )}
          <CommentComposer
            claimId={claim.id}
            people={people}
            onPosted={(comment) => {
              setComments((list) => applyChange(list ?? [], { claimId: claim.id, comment }));
              announce(t('posted'));
            }}
          />
        </>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t('deleteTitle')}
        onClose={() => setDeleting(null)}
        testId="confirm-delete-comment"
        error={deleteFailure && failureText(deleteFailure)}
        busy={busy}
        cancelLabel={t('cancel')}
        confirmLabel={t('deleteConfirm')}
        busyLabel={t('deleting')}
        onConfirm={() => void remove()}
      >
        <p>{t('deleteBody')}</p>
        {deleting && <blockquote className="dialog-quote">{deleting.body}</blockquote>}
      </ConfirmDialog>
    </section>
  );
}

function CommentItem({
  comment,
  viewerId,
  people,
  onEdited,
  onDelete,
}: {
  comment: CommentView;
  viewerId: string;
  people: readonly Named[];
  onEdited: (comment: CommentView) => void;
  onDelete: () => void;
}) {
  const t = useTranslations('comments');
  const format = useFormatter();
  const [editing, setEditing] = useState(false);
  const when = format.dateTime(new Date(comment.createdAt), { dateStyle: 'medium', timeStyle: 'short' });
  const author = comment.author.name ?? t('someone');
  const mentionsMe = comment.mentions.some((p) => p.id === viewerId);
  return (
    <li className={`comment${mentionsMe ? ' mentions-me' : ''}`} data-testid="comment" data-comment-id={comment.id}>
      <p className="comment-head">
        <strong>{author}</strong>{' '}
        <time dateTime={comment.createdAt} className="hint">
          {when}
        </time>
        {comment.editedAt && <span className="hint"> · {t('edited')}</span>}
        {mentionsMe && <span className="mention-badge"> {t('mentionsYou')}</span>}
      </p>
      {editing ? (
        <CommentEditor
          comment={comment}
          people={people}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            onEdited(next);
          }}
        />
      ) : (
        <>
          <p className="comment-body">
            {mentionSpans(comment.body, comment.mentions).map((span, i) =>
              'mention' in span ? (
                <span key={i} className={`mention${span.mention === viewerId ? ' me' : ''}`}>
                  {span.text}
                </span>
              ) : (
                <span key={i}>{span.text}</span>
              ),
            )}
          </p>
          {(comment.can.edit || comment.can.delete) && (
            <p className="comment-tools">
              {comment.can.edit && (
                <button type="button" className="link-button" onClick={() => setEditing(true)} aria-label={t('editCommentLabel', { date: when })}>
                  {t('edit')}
                </button>
              )}
              {comment.can.delete && (
                <button type="button" className="link-button danger" onClick={onDelete} aria-label={t('deleteCommentLabel', { name: author, date: when })}>
                  {t('delete')}
                </button>
              )}
            </p>
          )}
        </>
      )}
    </li>
  );
}

/** The box and its counter, shared by posting and editing. */
function CommentBox({
  value,
  onChange,
  people,
  label,
  failure,
  autoFocus,
}: {
  value: string;
  onChange: (value: string) => void;
  people: readonly Named[];
  label: string;
  failure: ActionFailure | null;
  autoFocus?: boolean;
}) {
  const t = useTranslations('comments');
  const issueText = useIssueText();
  const id = useId();
  const length = characterCount(value);
  const tooLong = length > COMMENT_LIMIT;
  const issue = failure?.issues.find((i) => i.path[0] === 'body');
  const error = tooLong ? t('tooLong', { count: length, limit: COMMENT_LIMIT }) : issue ? issueText(issue) : undefined;
  return (
    <>
      <MentionInput
        value={value}
        onChange={onChange}
        people={people}
        label={label}
        rows={3}
        autoFocus={autoFocus}
        placeholder={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint ${id}-count${error ? ` ${id}-error` : ''}`}
        data-testid="comment-input"
      />
      <p className="comment-box-meta">
        <span className="hint" id={`${id}-hint`}>
          {t('hint')}
        </span>
        <span id={`${id}-count`} className={`char-count${tooLong ? ' over' : ''}`} data-testid="comment-count">
          {t('counter', { count: length, limit: COMMENT_LIMIT })}
        </span>
      </p>
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </>
  );
}

function CommentComposer({ claimId, people, onPosted }: { claimId: string; people: readonly Named[]; onPosted: (comment: CommentView) => void }) {
  const t = useTranslations('comments');
  const failureText = useFailureText();
  const [body, setBody] = useState('');
  const [posting, setPosting] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);

  useEffect(() => {
    setBody('');
    setFailure(null);
  }, [claimId]);

  async function post() {
    if (!body.trim() || characterCount(body) > COMMENT_LIMIT) return;
    setPosting(true);
    const result = await callAction(() => postCommentAction(claimId, { body }));
    setPosting(false);
    if (!result.ok) return setFailure(result.error);
    setFailure(null);
    setBody('');
    onPosted(result.data);
  }

  return (
    <form
      className="comment-form"
      data-testid="comment-form"
      onSubmit={(event) => {
        event.preventDefault();
        void post();
      }}
    >
      <CommentBox value={body} onChange={setBody} people={people} label={t('label')} failure={failure} />
      {failure && (
        <p className="form-error" role="alert">
          {failureText(failure)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={posting || !body.trim() || characterCount(body) > COMMENT_LIMIT} data-testid="post-comment">
          {posting ? t('posting') : t('post')}
        </button>
      </div>
    </form>
  );
}

function CommentEditor({
  comment,
  people,
  onCancel,
  onSaved,
}: {
  comment: CommentView;
  people: readonly Named[];
  onCancel: () => void;
  onSaved: (comment: CommentView) => void;
}) {
  const t = useTranslations('comments');
  const failureText = useFailureText();
  const [body, setBody] = useState(comment.body);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);

  async function save() {
    if (!body.trim() || characterCount(body) > COMMENT_LIMIT) return;
    setSaving(true);
    const result = await callAction(() => editCommentAction(comment.id, { body }));
    setSaving(false);
    if (!result.ok) return setFailure(result.error);
    onSaved(result.data);
  }

  return (
    <form
      className="comment-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <CommentBox value={body} onChange={setBody} people={people} label={t('editLabel')} failure={failure} autoFocus />
      {failure && (
        <p className="form-error" role="alert">
          {failureText(failure)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={saving || !body.trim() || characterCount(body) > COMMENT_LIMIT}>
          {saving ? t('saving') : t('save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
