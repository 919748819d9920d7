'use client';
import { useEffect, useState } from 'react';
import { loadClaimAction, saveVerdictAction, withdrawVerdictAction } from '@/app/actions';
import { ratingLabel } from '@/lib/format';
import type { ClaimDetail } from '@/lib/services/claims';
import { ConsensusSummary } from './consensus-summary';
import { VerdictForm } from './verdict-form';

/** Side panel for one claim: its quote, consensus, the verdicts so far and the reviewer's own. */
export function ClaimPanel({
  claimId,
  refreshKey,
  viewerId,
  language,
  onChanged,
  onClose,
}: {
  claimId: string;
  /** Changes when someone else changed the claim, to reload it. */
  refreshKey: string;
  viewerId: string;
  language: string;
  onChanged: (claim: ClaimDetail) => void;
  onClose: () => void;
}) {
  const [claim, setClaim] = useState<ClaimDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Bumped when the reviewer withdraws, to start the verdict form afresh.
  const [withdrawals, setWithdrawals] = useState(0);

  useEffect(() => {
    let cancelled = false;
    loadClaimAction(claimId).then((result) => {
      if (cancelled) return;
      if (result.ok) setClaim(result.data);
      else setLoadError(result.error.message);
    });
    return () => {
      cancelled = true;
    };
  }, [claimId, refreshKey]);

  if (loadError) return <aside className="claim-panel">{loadError}</aside>;
  if (!claim || claim.id !== claimId) return <aside className="claim-panel">Loading…</aside>;

  const own = claim.verdicts.find((v) => v.reviewer.id === viewerId) ?? null;
  const others = claim.verdicts.filter((v) => v.reviewer.id !== viewerId);

  return (
    <aside className="claim-panel" data-testid="claim-panel" data-claim-id={claim.id}>
      <header>
        <h2>Claim</h2>
        <button type="button" className="link-button" onClick={onClose} aria-label="Close the claim panel">
          Close
        </button>
      </header>
      <blockquote lang={language} data-testid="claim-quote">
        {claim.exact}
      </blockquote>
      <p className="meta">Marked by {claim.createdBy.name ?? 'a reviewer'}</p>
      <ConsensusSummary consensus={claim.consensus} language={language} hidden={!claim.verdictsVisible} />
      {others.length > 0 && (
        <section className="verdicts">
          <h3>Other reviewers</h3>
          <ul>
            {others.map((v) => (
              <li key={v.id} data-testid="other-verdict">
                <strong>{v.reviewer.name ?? 'Reviewer'}</strong>: {ratingLabel(v.rating, language)}
                {v.rationale && <p className="rationale">{v.rationale}</p>}
                {v.sources.length > 0 && (
                  <ul className="source-links">
                    {v.sources.map((s, i) => (
                      <li key={i}>
                        <a href={s.url} target="_blank" rel="noopener noreferrer nofollow">
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
      <VerdictForm
        key={`${claim.id}:${withdrawals}`}
        own={own}
        language={language}
        onSave={async (draft) => {
          const result = await saveVerdictAction(claim.id, draft);
          if (!result.ok) return { message: result.error.message, issues: result.error.issues };
          setClaim(result.data);
          onChanged(result.data);
          return null;
        }}
      />
      {own && (
        <button
          type="button"
          className="link-button withdraw"
          onClick={async () => {
            const result = await withdrawVerdictAction(claim.id);
            if (!result.ok) return setLoadError(result.error.message);
            setClaim(result.data);
            setWithdrawals((n) => n + 1);
            onChanged(result.data);
          }}
        >
          Withdraw my verdict
        </button>
      )}
    </aside>
  );
}
