import type { Consensus } from '@/lib/consensus';
import { formatShare, ratingLabel } from '@/lib/format';
import { RATINGS } from '@/lib/ratings';

const STATUS_LABELS: Record<Consensus['status'], string> = {
  unreviewed: 'Unreviewed',
  'needs-review': 'Needs review',
  consensus: 'Consensus',
  disputed: 'Disputed',
  adjudicated: 'Adjudicated',
};

export function StatusBadge({ status }: { status: Consensus['status'] }) {
  return (
    <span className={`status-badge status-${status}`} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}

/** Per-claim consensus: status, leading rating, agreement share and the count per rating. */
export function ConsensusSummary({ consensus, language, hidden }: { consensus: Consensus; language: string; hidden: boolean }) {
  const max = Math.max(1, ...Object.values(consensus.counts));
  return (
    <section className="consensus" data-testid="consensus">
      <h3>
        Consensus <StatusBadge status={consensus.status} />
      </h3>
      {hidden ? (
        <p className="hint">Blind review: the other reviewers&rsquo; verdicts show once you have given yours.</p>
      ) : (
        <>
          <dl className="consensus-figures">
            <dt>Reviewers</dt>
            <dd data-testid="consensus-reviewers">{consensus.reviewerCount}</dd>
            <dt>Leading rating</dt>
            <dd data-testid="consensus-leading">{consensus.leadingRating ? ratingLabel(consensus.leadingRating, language) : '—'}</dd>
            <dt>Agreement</dt>
            <dd data-testid="consensus-agreement">{formatShare(consensus.agreement)}</dd>
          </dl>
          <ul className="rating-counts">
            {RATINGS.map((rating) => (
              <li key={rating} data-rating={rating}>
                <span className="label">{ratingLabel(rating, language)}</span>
                <span className="bar" style={{ width: `${(consensus.counts[rating] / max) * 100}%` }} />
                <span className="count" data-testid={`count-${rating}`}>
                  {consensus.counts[rating]}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
