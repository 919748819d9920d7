import type { ClaimView } from '@/lib/services/claims';
import { formatShare, ratingLabel } from '@/lib/format';
import { StatusBadge } from './consensus-summary';

/** Every claim of the article in reading order, with its consensus at a glance. */
export function ClaimsList({
  claims,
  activeClaimId,
  language,
  onOpen,
}: {
  claims: ClaimView[];
  activeClaimId: string | null;
  language: string;
  onOpen: (id: string) => void;
}) {
  if (claims.length === 0) return <p className="hint">No claims yet. Select a passage in the article and mark it as a claim.</p>;
  return (
    <table className="claims-list" data-testid="claims-list">
      <thead>
        <tr>
          <th>Claim</th>
          <th>Status</th>
          <th>Rating</th>
          <th>Agreement</th>
          <th>Verdicts</th>
        </tr>
      </thead>
      <tbody>
        {claims.map((claim) => (
          <tr key={claim.id} className={claim.id === activeClaimId ? 'active' : undefined} data-claim-id={claim.id}>
            <td>
              <button type="button" className="link-button quote" onClick={() => onOpen(claim.id)} lang={language}>
                « {claim.exact.length > 90 ? `${claim.exact.slice(0, 90)}…` : claim.exact} »
              </button>
            </td>
            <td>
              <StatusBadge status={claim.consensus.status} />
            </td>
            <td>{claim.consensus.leadingRating ? ratingLabel(claim.consensus.leadingRating, language) : '—'}</td>
            <td>{formatShare(claim.consensus.agreement)}</td>
            <td>{claim.consensus.reviewerCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
