'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createClaimAction, listClaimsAction } from '@/app/actions';
import { describeRange, trimSelection } from '@/lib/anchoring/selectors';
import type { ArticleStructure } from '@/lib/articles/canonical';
import { NO_FILTER, findSamePassage, stepClaim, visibleClaims, type ClaimFilter, type ClaimSort, type ListedClaim } from '@/lib/claims/filter-sort';
import { FALLBACK_POLL_MS } from '@/lib/live/reconnect';
import type { PresentPerson } from '@/lib/live/presence';
import { summaryRating } from '@/lib/consensus';
import { canAdjudicate, type Viewer } from '@/lib/permissions';
import type { ClaimDetail, ClaimView } from '@/lib/services/claims';
import { callAction, type ActionFailure } from './action-call';
import { FailureAlert } from './failure-alert';
import { ArticleViewer, type ArticleViewerHandle, type TextRange, type ViewerClaim } from './article-viewer';
import { ClaimLegend } from './claim-legend';
import type { CommentChange } from './claim-comments';
import { ClaimPanel } from './claim-panel';
import { ClaimsList } from './claims-list';
import { PresenceList } from './presence-list';
import { SHORTCUTS } from './shortcuts';
import { ShortcutsHelp } from './shortcuts-help';
import { ACTIVITY_EVENT, useArticleEvents, type LiveHandlers } from './use-article-events';

/** Long quotes are cut in announcements: a screen reader should not read a paragraph. */
const shortQuote = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

function toListed(claim: ClaimView): ListedClaim & { view: ClaimView } {
  return {
    id: claim.id,
    start: claim.start,
    end: claim.end,
    status: claim.consensus.status,
    myRating: claim.myRating,
    lastActivityAt: claim.lastActivityAt,
    view: claim,
  };
}

/**
 * Keys typed into fields are text, not shortcuts. The article's own text is
 * the exception: it is read-only, and its caret is where shortcuts act.
 */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('input, textarea, select')) return true;
  if (target.closest('[data-testid="article-text"]')) return false;
  return target.isContentEditable;
}

/**
 * On narrow screens the panel is a bottom sheet: scroll the open claim into
 * the strip of text above it rather than behind it.
 */
function keepAboveSheet(claimId: string) {
  if (!window.matchMedia('(max-width: 60rem)').matches) return;
  requestAnimationFrame(() => {
    const sheet = document.querySelector('.claim-panel');
    const highlight = document.querySelector(`[data-testid="article-text"] [data-claim-id="${CSS.escape(claimId)}"]`);
    if (!sheet || !highlight) return;
    const top = highlight.getBoundingClientRect().top;
    const free = sheet.getBoundingClientRect().top;
    if (top < 0 || top > free - 48) window.scrollBy({ top: top - Math.max(16, free / 3) });
  });
}

/** Only one claim view per id, the newest wins. */
function upsert(list: readonly ClaimView[], claim: ClaimView): ClaimView[] {
  const index = list.findIndex((c) => c.id === claim.id);
  if (index < 0) return [...list, claim];
  const next = [...list];
  next[index] = claim;
  return next;
}

/** Strips a claim detail down to what the list keeps. */
function toView(detail: ClaimDetail): ClaimView {
  const { verdicts: _verdicts, sources: _sources, ...view } = detail;
  return view;
}

/**
 * The article page's workspace: the text with its highlights, the claim panel
 * and the claims list, kept in sync, with the keyboard shortcuts of
 * components/shortcuts.ts and a live region for what happened.
 */
export function ArticleWorkspace({
  article,
  initialClaims,
  initialClaimId,
  liveCursor,
  viewer,
}: {
  /** `revision`: the text's revision number; a newer one arriving live reloads the page's text. */
  article: { id: string; text: string; structure: ArticleStructure | null; language: string; revision: number };
  initialClaims: ClaimView[];
  /** The article's newest event when the page was rendered: the live stream starts after it. */
  liveCursor: number;
  /** From a permalink (?claim=…), already checked against this article's claims. */
  initialClaimId: string | null;
  viewer: Viewer;
}) {
  const t = useTranslations('workspace');
  const announcements = useTranslations('workspace.announce');
  const tLive = useTranslations('live');
  const tRevisions = useTranslations('revisions');
  const router = useRouter();
  const [claims, setClaims] = useState<ClaimView[]>(initialClaims);
  const [openId, setOpenId] = useState<string | null>(initialClaimId);
  const [selection, setSelection] = useState<TextRange | null>(null);
  const [markFailure, setMarkFailure] = useState<{ failure: ActionFailure; range: TextRange } | null>(null);
  const [marking, setMarking] = useState(false);
  const [filter, setFilter] = useState<ClaimFilter>(NO_FILTER);
  const [sort, setSort] = useState<ClaimSort>('position');
  const [helpOpen, setHelpOpen] = useState(false);
  const [announcement, setAnnouncement] = useState({ text: '', n: 0 });
  const [listOpen, setListOpen] = useState(true);
  const [present, setPresent] = useState<PresentPerson[]>([]);
  /** The latest claim the stream sent, for the panel when it shows that claim. */
  const [liveClaim, setLiveClaim] = useState<ClaimDetail | null>(null);
  /** Per claim, bumped by every live event about it: the panel reads its history again. */
  const [claimActivity, setClaimActivity] = useState<Record<string, number>>({});
  /** The latest comment the stream sent (or deleted), for the thread when it is open. */
  const [commentChange, setCommentChange] = useState<CommentChange | null>(null);
  const viewerRef = useRef<ArticleViewerHandle>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  /** The claim opened last, open or not (n/p step from it while the caret has not moved). */
  const lastOpened = useRef<string | null>(initialClaimId);
  /** Bumped by every local change, so a poll started before it cannot undo it. */
  const mutations = useRef(0);

  const announce = useCallback((text: string) => setAnnouncement((a) => ({ text, n: a.n + 1 })), []);

  // Orphaned claims have no passage in this text: never placed on it, listed apart.
  const placed = useMemo(() => claims.filter((c) => c.anchorState !== 'orphaned'), [claims]);
  const orphans = useMemo(() => claims.filter((c) => c.anchorState === 'orphaned'), [claims]);
  const listed = useMemo(() => placed.map(toListed), [placed]);
  const shown = useMemo(() => visibleClaims(listed, filter, sort), [listed, filter, sort]);
  const shownViews = useMemo(() => shown.map((c) => c.view), [shown]);
  const viewerClaims = useMemo<ViewerClaim[]>(
    () =>
      placed.map((c) => ({
        id: c.id,
        start: c.start,
        end: c.end,
        status: c.consensus.status,
        rating: summaryRating(c.consensus),
        reviewerCount: c.consensus.reviewerCount,
      })),
    [placed],
  );
  const active = openId === null ? null : (claims.find((c) => c.id === openId) ?? null);

  const changeClaims = useCallback((update: (list: ClaimView[]) => ClaimView[]) => {
    mutations.current += 1;
    setClaims(update);
  }, []);

  const refreshClaims = useCallback(async () => {
    const before = mutations.current;
    const result = await callAction(() => listClaimsAction(article.id));
    if (result.ok && mutations.current === before) setClaims(result.data);
  }, [article.id]);

  // Other reviewers' work arrives through the article's event stream, each
  // payload already as this viewer may see it (blind review).
  const live = useRef<LiveHandlers>({});
  const touched = (claimId: string) => {
    setClaimActivity((activity) => ({ ...activity, [claimId]: (activity[claimId] ?? 0) + 1 }));
    window.dispatchEvent(new Event(ACTIVITY_EVENT));
  };
  const received = (claim: ClaimDetail) => {
    changeClaims((list) => upsert(list, toView(claim)));
    setLiveClaim(claim);
    touched(claim.id);
  };
  live.current = {
    'claim.created': ({ claim }) => {
      const known = claims.some((c) => c.id === claim.id);
      received(claim);
      if (!known && claim.createdBy.id !== viewer.id) {
        announce(tLive('claimCreated', { name: claim.createdBy.name ?? tLive('unnamed'), quote: shortQuote(claim.exact) }));
      }
    },
    'claim.updated': ({ claim }) => received(claim),
    'verdict.updated': ({ claim }) => received(claim),
    'adjudication.updated': ({ claim }) => received(claim),
    'claim.deleted': ({ claimId }) => {
      changeClaims((list) => list.filter((c) => c.id !== claimId));
      touched(claimId);
    },
    'comment.created': ({ claimId, comment }) => {
      setCommentChange({ claimId, comment });
      touched(claimId);
    },
    'comment.updated': ({ claimId, comment }) => {
      setCommentChange({ claimId, comment });
      touched(claimId);
    },
    'comment.deleted': ({ claimId, commentId }) => {
      setCommentChange({ claimId, deletedId: commentId });
      touched(claimId);
    },
    // Settings (blind review on or off) change how every claim reads.
    // A new text (a correction): the page reads it again, and the claims re-anchored to it.
    'article.updated': ({ article: changed }) => {
      if (changed.revision !== article.revision) router.refresh();
      void refreshClaims();
    },
    presence: ({ people }) => setPresent(people),
  };
  const liveStatus = useArticleEvents(article.id, liveCursor, live.current);

  // While the stream is down, a slow poll keeps the claims roughly current.
  useEffect(() => {
    if (liveStatus !== 'down') return;
    const timer = setInterval(() => {
      if (!document.hidden) void refreshClaims();
    }, FALLBACK_POLL_MS);
    return () => clearInterval(timer);
  }, [liveStatus, refreshClaims]);

  // The address follows the open claim, so it can be copied or bookmarked as it is.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (openId) url.searchParams.set('claim', openId);
    else url.searchParams.delete('claim');
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
  }, [openId]);

  // A permalink's claim is revealed in the text once the editor exists.
  useEffect(() => {
    if (!initialClaimId) return;
    let frames = 0;
    let handle = 0;
    const tryReveal = () => {
      const viewerHandle = viewerRef.current;
      if (viewerHandle && viewerHandle.caretOffset() !== null) {
        viewerHandle.revealClaim(initialClaimId);
        return keepAboveSheet(initialClaimId);
      }
      if (frames++ < 600) handle = requestAnimationFrame(tryReveal);
    };
    handle = requestAnimationFrame(tryReveal);
    return () => cancelAnimationFrame(handle);
  }, [initialClaimId]);

  // A claim deleted elsewhere closes its panel at the next refresh.
  useEffect(() => {
    if (openId && !active) setOpenId(null);
  }, [openId, active]);

  const openClaim = useCallback(
    (id: string, options: { reveal?: boolean } = {}) => {
      const focused = document.activeElement;
      if (focused instanceof HTMLElement && focused !== document.body && !focused.closest('.claim-panel')) returnFocus.current = focused;
      setOpenId(id);
      // The panel loads the claim afresh; an older live copy must not stand in for it.
      setLiveClaim(null);
      lastOpened.current = id;
      if (options.reveal) viewerRef.current?.revealClaim(id);
      keepAboveSheet(id);
    },
    [],
  );

  const closePanel = useCallback(() => {
    setOpenId(null);
    const target = returnFocus.current;
    returnFocus.current = null;
    requestAnimationFrame(() => {
      if (target && target.isConnected) target.focus();
      else viewerRef.current?.focus();
    });
  }, []);

  const markClaim = useCallback(
    async (range: TextRange) => {
      const trimmed = trimSelection(article.text, range.start, range.end);
      if (!trimmed || trimmed.end <= trimmed.start) {
        announce(announcements('noSelection'));
        return;
      }
      // Marking a passage that already is a claim opens that claim.
      const existing = findSamePassage(placed, trimmed);
      if (existing) {
        openClaim(existing.id, { reveal: true });
        announce(announcements('alreadyClaim'));
        return;
      }
      setMarking(true);
      setMarkFailure(null);
      const result = await callAction(() => createClaimAction(article.id, describeRange(article.text, trimmed.start, trimmed.end)));
      setMarking(false);
      if (result.ok) {
        changeClaims((list) => upsert(list, toView(result.data)));
        openClaim(result.data.id);
        setSelection(null);
        announce(announcements('created', { quote: shortQuote(result.data.exact) }));
        return;
      }
      const duplicateId = result.error.claimId;
      if (duplicateId) {
        // Someone else marked it meanwhile: fetch the list so the claim is there to open.
        const refreshed = await callAction(() => listClaimsAction(article.id));
        if (refreshed.ok) changeClaims(() => refreshed.data);
        openClaim(duplicateId, { reveal: true });
        announce(announcements('alreadyClaim'));
        return;
      }
      setMarkFailure({ failure: result.error, range });
    },
    [announce, announcements, article.id, article.text, changeClaims, placed, openClaim],
  );

  const step = useCallback(
    (direction: 1 | -1) => {
      const caret = viewerRef.current?.caretOffset() ?? null;
      // After Escape the caret still sits where the last claim was revealed: step from that claim.
      const last = lastOpened.current ? claims.find((c) => c.id === lastOpened.current) : undefined;
      const from = openId ?? (last && caret === last.start ? last.id : null);
      const fromClaim = from ? claims.find((c) => c.id === from) : undefined;
      const inReadingOrder = visibleClaims(listed, filter, 'position');
      // A filtered-out open claim still gives its place in the text (just past its start).
      const id = stepClaim(inReadingOrder, { claimId: from, caret: fromClaim ? fromClaim.start + 1 : caret }, direction);
      if (!id) {
        announce(announcements(direction === 1 ? 'noNext' : 'noPrevious'));
        return;
      }
      openClaim(id, { reveal: true });
      const index = inReadingOrder.findIndex((c) => c.id === id);
      announce(announcements('opened', { index: index + 1, count: inReadingOrder.length, quote: shortQuote(inReadingOrder[index]!.view.exact) }));
    },
    [announce, announcements, claims, filter, listed, openClaim, openId],
  );

  // The workspace's shortcuts (the viewer handles arrows and Enter itself).
  const latest = useRef({ markClaim, step, closePanel, selection, openId, marking });
  latest.current = { markClaim, step, closePanel, selection, openId, marking };
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTypingTarget(event.target)) return;
      if (document.querySelector('dialog[open]')) return; // the dialog has the keyboard
      const now = latest.current;
      switch (event.key) {
        case SHORTCUTS.mark:
          if (event.repeat || now.marking) return;
          event.preventDefault();
          const range = viewerRef.current ? viewerRef.current.currentSelection() : now.selection;
          if (range) void now.markClaim(range);
          else announce(announcements('noSelection'));
          return;
        case SHORTCUTS.next:
          event.preventDefault();
          return now.step(1);
        case SHORTCUTS.previous:
          event.preventDefault();
          return now.step(-1);
        case SHORTCUTS.help:
          event.preventDefault();
          return setHelpOpen(true);
        case SHORTCUTS.close:
          if (!now.openId) return;
          event.preventDefault();
          return now.closePanel();
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [announce, announcements]);

  // On narrow screens the list starts folded: the text comes first.
  useEffect(() => {
    if (window.matchMedia('(max-width: 60rem)').matches) setListOpen(false);
  }, []);

  const trimmed = selection ? trimSelection(article.text, selection.start, selection.end) : null;
  const canMark = trimmed !== null && trimmed.end > trimmed.start;

  return (
    <div className={`workspace${active ? ' panel-open' : ''}`}>
      <div className="workspace-text">
        <div className="toolbar" role="toolbar" aria-label={t('toolbarLabel')}>
          <button
            type="button"
            onClick={() => selection && void markClaim(selection)}
            disabled={!canMark || marking}
            data-testid="mark-claim"
            aria-keyshortcuts={SHORTCUTS.mark}
          >
            {marking ? t('marking') : t('markClaim')} <kbd aria-hidden="true">{SHORTCUTS.mark}</kbd>
          </button>
          <span className="hint">{canMark ? t('selectionLength', { count: trimmed!.end - trimmed!.start }) : t('selectHint')}</span>
          {/* Who else is there is known only while the stream is up. */}
          <PresenceList people={liveStatus === 'live' ? present : []} status={liveStatus} />
          <button type="button" className="secondary help-button" onClick={() => setHelpOpen(true)} aria-keyshortcuts={SHORTCUTS.help} data-testid="shortcuts-button">
            <span aria-hidden="true">?</span> <span className="help-word">{t('shortcutsButton')}</span>
          </button>
        </div>
        {markFailure && (
          <FailureAlert
            failure={markFailure.failure}
            describe={(reason) => t('errors.markFailed', { reason })}
            onRetry={() => void markClaim(markFailure.range)}
            busy={marking}
            className="toolbar-error"
            testId="mark-error"
          />
        )}
        <ArticleViewer
          ref={viewerRef}
          text={article.text}
          structure={article.structure}
          lang={article.language}
          claims={viewerClaims}
          selectedClaimId={openId}
          onOpenClaim={(id) => openClaim(id)}
          onSelectionChange={setSelection}
          onMarkClaim={(range) => void markClaim(range)}
          markBusy={marking}
        />
      </div>
      <div className="workspace-side">
        {active && (
          <ClaimPanel
            summary={active}
            refreshKey={`${active.lastActivityAt}:${active.consensus.reviewerCount}`}
            live={liveClaim?.id === active.id ? liveClaim : null}
            liveRevision={claimActivity[active.id] ?? 0}
            commentChange={commentChange?.claimId === active.id ? commentChange : null}
            viewerId={viewer.id}
            canAdjudicate={canAdjudicate(viewer)}
            language={article.language}
            onChanged={(detail) => changeClaims((list) => upsert(list, toView(detail)))}
            onDeleted={(id) => {
              changeClaims((list) => list.filter((c) => c.id !== id));
              closePanel();
              announce(announcements('deleted'));
            }}
            onClose={closePanel}
            announce={announce}
          />
        )}
        <ClaimLegend />
        <details className="claims-section" open={listOpen} onToggle={(e) => setListOpen(e.currentTarget.open)}>
          <summary>
            <h2>{t('list.heading')}</h2>
          </summary>
          <ClaimsList
            claims={shownViews}
            total={claims.length}
            filter={filter}
            sort={sort}
            activeClaimId={openId}
            language={article.language}
            onFilterChange={setFilter}
            onSortChange={setSort}
            onOpen={(id) => openClaim(id, { reveal: true })}
          />
        </details>
        {orphans.length > 0 && (
          <section className="orphaned-claims" aria-labelledby="orphaned-claims-heading" data-testid="orphaned-claims">
            <h2 id="orphaned-claims-heading">{tRevisions('orphanedTitle')}</h2>
            <p className="hint">{tRevisions('orphanedHint')}</p>
            <ul>
              {orphans.map((c) => (
                <li key={c.id}>
                  <button type="button" className="link-button" onClick={() => openClaim(c.id)} aria-pressed={openId === c.id} data-testid="orphaned-claim">
                    <q lang={article.language}>{shortQuote(c.exact)}</q>
                  </button>{' '}
                  <span className="hint">({tRevisions('orphanedOn', { revision: c.revision })})</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="live-region">
        <span key={announcement.n}>{announcement.text}</span>
      </div>
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
