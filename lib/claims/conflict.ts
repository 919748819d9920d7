// A save refused because someone changed the thing meanwhile (409, key
// `staleVersion`) carries the claim as it is now, as the viewer may see it. It
// reaches the interface untyped (an error's `current`), so it is checked here
// before a form shows it beside the reviewer's draft.
import type { ClaimDetail } from '../services/claim-views';

/** What the interface knows of a refused save. */
export interface Refusal {
  key?: string;
  current?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The current claim a stale save sent back, when it is this claim with a claim's shape; null for any other refusal. */
export function claimInConflict(refusal: Refusal, claimId: string): ClaimDetail | null {
  if (refusal.key !== 'staleVersion' || !isObject(refusal.current)) return null;
  const claim = refusal.current;
  if (claim.id !== claimId || typeof claim.version !== 'number' || typeof claim.updatedAt !== 'string') return null;
  if (!(claim.note === null || typeof claim.note === 'string')) return null;
  if (!Array.isArray(claim.verdicts) || !claim.verdicts.every((v) => isObject(v) && isObject(v.reviewer) && typeof v.version === 'number')) return null;
  if (!(claim.adjudication === null || (isObject(claim.adjudication) && typeof claim.adjudication.id === 'string'))) return null;
  if (!Array.isArray(claim.sources) || !isObject(claim.consensus) || !isObject(claim.can)) return null;
  return claim as unknown as ClaimDetail;
}
