import { conflict, notFound } from '../errors';
import { parseInput, verdictSchema } from '../validation';
import { toClaimView, type ClaimDetail, type VerdictView } from './claim-views';
import { loadClaim } from './claims';
import { requireRole, type ServiceContext } from './context';
import { recordEvent } from './events';

/**
 * Creates or replaces the caller's own verdict on a claim, sources included.
 * `version`, when sent, must match the stored verdict (optimistic concurrency:
 * a reviewer editing in two tabs cannot silently overwrite a newer verdict).
 */
export async function upsertVerdict(
  ctx: ServiceContext,
  claimId: string,
  input: unknown,
): Promise<{ verdict: VerdictView; claim: ClaimDetail; created: boolean }> {
  const actor = requireRole(ctx, 'reviewer');
  const data = parseInput(verdictSchema, input);
  return ctx.db.$transaction(async (tx) => {
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
    const sources = data.sources.map((s, position) => ({ ...s, position }));
    const fields = { rating: data.rating, rationale: data.rationale };
    const verdict = existing
      ? await tx.verdict.update({
          where: { id: existing.id },
          data: { ...fields, version: { increment: 1 }, sources: { deleteMany: {}, create: sources } },
        })
      : await tx.verdict.create({ data: { ...fields, claimId, reviewerId: actor.id, sources: { create: sources } } });
    const detail = await loadClaim(tx, claimId, actor);
    const view = detail.verdicts.find((v) => v.id === verdict.id)!;
    await recordEvent(tx, {
      articleId: claim.articleId,
      type: 'verdict.updated',
      entityId: verdict.id,
      actorId: actor.id,
      payload: { verdict: view, claim: toClaimView(detail) },
    });
    return { verdict: view, claim: detail, created: !existing };
  });
}

/** Withdraws the caller's verdict; 404 when there is none. */
export async function withdrawVerdict(ctx: ServiceContext, claimId: string): Promise<ClaimDetail> {
  const actor = requireRole(ctx, 'reviewer');
  return ctx.db.$transaction(async (tx) => {
    const verdict = await tx.verdict.findFirst({ where: { claimId, reviewerId: actor.id, claim: { deletedAt: null } }, include: { claim: true } });
    if (!verdict) throw notFound('verdict');
    await tx.verdict.delete({ where: { id: verdict.id } });
    const detail = await loadClaim(tx, claimId, actor);
    await recordEvent(tx, {
      articleId: verdict.claim.articleId,
      type: 'verdict.updated',
      entityId: verdict.id,
      actorId: actor.id,
      payload: { verdict: null, withdrawn: verdict.id, claim: toClaimView(detail) },
    });
    return detail;
  });
}
