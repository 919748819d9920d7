import { verdictReveal } from '../blind-review';
import { conflict, notFound } from '../errors';
import { parseInput, verdictSchema } from '../validation';
import type { ClaimDetail, ClaimSnapshot, VerdictView } from './claim-views';
import { loadClaim, loadClaimSnapshot } from './claims';
import { requireRole, type ServiceContext } from './context';
import { recordEvent } from './events';
import { notifyClaim } from './notifications';

function becameDisputed(before: ClaimSnapshot, after: ClaimSnapshot): boolean {
  return before.consensus.status !== 'disputed' && after.consensus.status === 'disputed';
}

/**
 * Creates or replaces the caller's own verdict on a claim, sources included.
 * `version`, when sent, must match the stored verdict (optimistic concurrency:
 * a reviewer editing in two tabs cannot silently overwrite a newer verdict).
 * The first verdict reveals the claim to its author for good and keeps its
 * rating as their independent one; later saves are marked as revised after the
 * reveal (lib/blind-review).
 */
export async function upsertVerdict(
  ctx: ServiceContext,
  claimId: string,
  input: unknown,
): Promise<{ verdict: VerdictView; claim: ClaimDetail; created: boolean }> {
  const actor = requireRole(ctx, 'reviewer');
  const data = parseInput(verdictSchema, input);
  const save = () => ctx.db.$transaction(async (tx) => {
    const claim = await tx.claim.findFirst({ where: { id: claimId, deletedAt: null } });
    if (!claim) throw notFound('claim');
    const existing = await tx.verdict.findUnique({ where: { claimId_reviewerId: { claimId, reviewerId: actor.id } } });
    if (data.version !== undefined && data.version !== (existing?.version ?? 0)) {
      throw conflict('staleVersion', 'Your verdict was changed elsewhere since you opened it: check the current version, then save again.', {
        params: { current: existing?.version ?? 0, sent: data.version },
        issues: [{ path: ['version'], message: 'Your verdict was changed elsewhere since you opened it.', key: 'stale' }],
        current: await loadClaim(tx, claimId, actor),
      });
    }
    const previous = await loadClaimSnapshot(tx, claimId);
    const before = existing ? previous.verdicts.find((v) => v.id === existing.id) ?? null : null;
    const reveal = await tx.claimReveal.findUnique({ where: { claimId_userId: { claimId, userId: actor.id } } });
    const { initialRating, revisedAfterReveal } = verdictReveal(reveal, data.rating);
    if (!reveal) await tx.claimReveal.create({ data: { claimId, userId: actor.id, initialRating } });

    const sources = data.sources.map((s, position) => ({ ...s, position }));
    const fields = {
      rating: data.rating,
      rationale: data.rationale,
      rationaleDoc: data.rationaleDoc ? JSON.stringify(data.rationaleDoc) : null,
      revisedAfterReveal,
    };
    const verdict = existing
      ? await tx.verdict.update({
          where: { id: existing.id },
          data: { ...fields, version: { increment: 1 }, sources: { deleteMany: {}, create: sources } },
        })
      : await tx.verdict.create({ data: { ...fields, claimId, reviewerId: actor.id, sources: { create: sources } } });
    const snapshot = await loadClaimSnapshot(tx, claimId);
    // The history keeps the verdicts as they are, unmasked (see ClaimSnapshot).
    await recordEvent(tx, {
      articleId: claim.articleId,
      claimId,
      type: 'verdict.updated',
      entityId: verdict.id,
      actorId: actor.id,
      payload: { before, after: snapshot.verdicts.find((v) => v.id === verdict.id) ?? null, claim: snapshot },
    });
    await notifyClaim(tx, claimId, { type: 'verdict', actorId: actor.id });
    if (becameDisputed(previous, snapshot)) await notifyClaim(tx, claimId, { type: 'disputed', actorId: actor.id });
    const detail = await loadClaim(tx, claimId, actor);
    const view = detail.verdicts.find((v) => v.id === verdict.id)!;
    return { verdict: view, claim: detail, created: !existing };
  });
  try {
    return await save();
  } catch (error) {
    // Two saves of a reviewer's first verdict at once (two tabs, a retried
    // request): on PostgreSQL both transactions can find no verdict and insert
    // one; the unique (claim, reviewer) refuses the second, rolled back. Saved
    // again, it finds the first and replaces it, as SQLite's one-writer-at-a-time
    // transactions do by themselves. (Not SERIALIZABLE: verdicts of different
    // reviewers on one claim, saved at once, would abort each other.)
    if ((error as { code?: unknown }).code !== 'P2002') throw error;
    return save();
  }
}

/**
 * Withdraws the caller's verdict; 404 when there is none. The claim stays
 * revealed to them: withdrawing does not make a reviewer blind again.
 */
export async function withdrawVerdict(ctx: ServiceContext, claimId: string): Promise<ClaimDetail> {
  const actor = requireRole(ctx, 'reviewer');
  return ctx.db.$transaction(async (tx) => {
    const verdict = await tx.verdict.findFirst({ where: { claimId, reviewerId: actor.id, claim: { deletedAt: null } }, include: { claim: true } });
    if (!verdict) throw notFound('verdict');
    const previous = await loadClaimSnapshot(tx, claimId);
    const before = previous.verdicts.find((v) => v.id === verdict.id) ?? null;
    await tx.verdict.delete({ where: { id: verdict.id } });
    const snapshot = await loadClaimSnapshot(tx, claimId);
    await recordEvent(tx, {
      articleId: verdict.claim.articleId,
      claimId,
      type: 'verdict.updated',
      entityId: verdict.id,
      actorId: actor.id,
      payload: { before, after: null, withdrawn: verdict.id, claim: snapshot },
    });
    if (becameDisputed(previous, snapshot)) await notifyClaim(tx, claimId, { type: 'disputed', actorId: actor.id });
    return loadClaim(tx, claimId, actor);
  });
}
