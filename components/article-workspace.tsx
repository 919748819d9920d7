'use client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createClaimAction, listClaimsAction } from '@/app/actions';
import { describeRange, trimSelection } from '@/lib/anchoring/selectors';
import type { ClaimView } from '@/lib/services/claims';
import { ArticleViewer } from './article-viewer';
import { ClaimLegend } from './claim-legend';
import { ClaimPanel } from './claim-panel';
import { ClaimsList } from './claims-list';

const POLL_MS = 5000;

/** The article with its claims: select to mark, click to open, the panel and list beside it. */
export function ArticleWorkspace({
  article,
  initialClaims,
  viewer,
}: {
  article: { id: string; text: string; language: string };
  initialClaims: ClaimView[];
  viewer: { id: string; role: string };
}) {
  const [claims, setClaims] = useState<ClaimView[]>(initialClaims);
  const [activeClaimId, setActiveClaimId] = useState<string | null>(null);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const upsertClaim = useCallback((claim: ClaimView) => {
    setClaims((list) => {
      const rest = list.filter((c) => c.id !== claim.id);
      return [...rest, claim].sort((a, b) => a.start - b.start || b.end - a.end);
    });
  }, []);

  // Other reviewers' work shows up without a reload.
  useEffect(() => {
    const timer = setInterval(async () => {
      if (document.hidden) return;
      const result = await listClaimsAction(article.id);
      if (result.ok) setClaims(result.data);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [article.id]);

  const trimmed = useMemo(() => (selection ? trimSelection(article.text, selection.start, selection.end) : null), [article.text, selection]);
  const canMark = trimmed !== null && trimmed.end > trimmed.start;

  async function markClaim(range: { start: number; end: number } | null = selection) {
    const trimmed = range ? trimSelection(article.text, range.start, range.end) : null;
    if (!trimmed || trimmed.end <= trimmed.start) return;
    setBusy(true);
    setMessage(null);
    const result = await createClaimAction(article.id, describeRange(article.text, trimmed.start, trimmed.end));
    setBusy(false);
    if (!result.ok) {
      setMessage(result.error.message);
      return;
    }
    upsertClaim(result.data);
    setActiveClaimId(result.data.id);
    setSelection(null);
    window.getSelection()?.removeAllRanges();
  }

  const active = claims.find((c) => c.id === activeClaimId) ?? null;

  return (
    <div className="workspace">
      <div className="workspace-text">
        <div className="toolbar" role="toolbar" aria-label="Claim tools">
          <button type="button" onClick={() => markClaim()} disabled={!canMark || busy} data-testid="mark-claim">
            Mark as claim
          </button>
          <span className="hint">
            {canMark ? `${trimmed!.end - trimmed!.start} characters selected` : 'Select a passage that makes a checkable claim.'}
          </span>
          {message && (
            <span role="alert" className="form-error">
              {message}
            </span>
          )}
        </div>
        <ArticleViewer
          text={article.text}
          lang={article.language}
          claims={claims.map((c) => ({
            id: c.id,
            start: c.start,
            end: c.end,
            status: c.consensus.status,
            leadingRating: c.consensus.leadingRating,
            reviewerCount: c.consensus.reviewerCount,
          }))}
          selectedClaimId={activeClaimId}
          onOpenClaim={setActiveClaimId}
          onSelectionChange={setSelection}
          onMarkClaim={(range) => {
            setSelection(range);
            void markClaim(range);
          }}
          markBusy={busy}
        />
      </div>
      <div className="workspace-side">
        {active && (
          <ClaimPanel
            claimId={active.id}
            refreshKey={`${active.updatedAt}:${active.consensus.reviewerCount}:${JSON.stringify(active.consensus.counts)}`}
            viewerId={viewer.id}
            language={article.language}
            onChanged={upsertClaim}
            onClose={() => setActiveClaimId(null)}
          />
        )}
        <ClaimLegend />
        <section>
          <h2>Claims ({claims.length})</h2>
          <ClaimsList claims={claims} activeClaimId={activeClaimId} language={article.language} onOpen={setActiveClaimId} />
        </section>
      </div>
    </div>
  );
}
