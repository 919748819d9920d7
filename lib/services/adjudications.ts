// Adjudication: an editor settles a claim with a final rating and the reasons
// for it. The claim's status becomes `adjudicated` whatever the verdicts say.
// Revising adds a row and withdrawing marks the rows, so the history stays.
import { forbidden, notFound } from '../errors';
import { canAdjudicate } from '../permissions';
import { adjudicationSchema, parseInput } from '../validation';
import { toAdjudicationView, type AdjudicationView, type ClaimDetail } from './claim-views';
import { loadClaim, loadClaimSnapshot } from './claims';
import { requireActor, type Actor, type ServiceContext, type Tx } from './context';
import { recordEvent } from './events';
import { notifyClaim } from './notifications';

export type { AdjudicationView } from './claim-views';

export interface AdjudicationHistory {
  /** The adjudication in force, if any. */
  current: AdjudicationView | null;
  /** Every adjudication the claim has had, newest first, the withdrawn ones included. */
  history: AdjudicationView[];
}

function requireAdjudicator(ctx: ServiceContext): Actor {
  const actor = requireActor(ctx);
  if (!canAdjudicate(actor)) throw forbidden('Only editors and admins can adjudicate a claim.', { role: 'editor' });
  return actor;
}

async function liveClaim(db: Tx, claimId: string): Promise<{ articleId: string }> {
  const claim = await db.claim.findFirst({ where: { id: claimId, deletedAt: null }, select: { articleId: true } });
  if (!claim) throw notFound('claim');
  return claim;
}

async function loadHistory(db: Tx, claimId: string): Promise<AdjudicationHistory> {
  const rows = await db.adjudication.findMany({
    where: { claimId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: { editor: { select: { id: true, name: true } }, withdrawnBy: { select: { id: true, name: true } } },
  });
  const history = rows.map((row) => toAdjudicationView(row));
  // Withdrawal marks every row, so the newest unmarked one is the one in force.
  const current = history.find((a) => a.withdrawnAt === null) ?? null;
  return { current, history };
}

/** GET /claims/:id/adjudication: anyone signed in; an adjudication is published, so blind review does not hide it. */
export async function getAdjudication(ctx: ServiceContext, claimId: string): Promise<AdjudicationHistory> {
  requireActor(ctx);
  await liveClaim(ctx.db, claimId);
  return loadHistory(ctx.db, claimId);
}

/**
 * Settles a claim, or revises the adjudication in force (the new one replaces
 * it; the old one stays in the history). Editors and admins.
 */
export async function adjudicateClaim(ctx: ServiceContext, claimId: string, input: unknown): Promise<AdjudicationHistory & { claim: ClaimDetail }> {
  const actor = requireAdjudicator(ctx);
  const data = parseInput(adjudicationSchema, input);
  return ctx.db.$transaction(async (tx) => {
    const { articleId } = await liveClaim(tx, claimId);
    const before = (await loadHistory(tx, claimId)).current;
    const row = await tx.adjudication.create({ data: { claimId, editorId: actor.id, rating: data.rating, rationale: data.rationale } });
    const result = await loadHistory(tx, claimId);
    await recordEvent(tx, {
      articleId,
      claimId,
      type: 'adjudication.updated',
      entityId: row.id,
      actorId: actor.id,
      payload: { before, after: result.current, claim: await loadClaimSnapshot(tx, claimId) },
    });
    await notifyClaim(tx, claimId, { type: 'adjudicated', actorId: actor.id });
    return { ...result, claim: await loadClaim(tx, claimId, actor) };
  });
}

/** Withdraws the adjudication in force (404 when there is none): the claim's status follows its verdicts again. */
export async function withdrawAdjudication(ctx: ServiceContext, claimId: string): Promise<AdjudicationHistory & { claim: ClaimDetail }> {
  const actor = requireAdjudicator(ctx);
  return ctx.db.$transaction(async (tx) => {
    const { articleId } = await liveClaim(tx, claimId);
    const before = (await loadHistory(tx, claimId)).current;
    if (!before) throw notFound('adjudication');
    await tx.adjudication.updateMany({ where: { claimId, withdrawnAt: null }, data: { withdrawnAt: new Date(), withdrawnById: actor.id } });
    const result = await loadHistory(tx, claimId);
    await recordEvent(tx, {
      articleId,
      claimId,
      type: 'adjudication.updated',
      entityId: before.id,
      actorId: actor.id,
      payload: { before, after: null, claim: await loadClaimSnapshot(tx, claimId) },
    });
    return { ...result, claim: await loadClaim(tx, claimId, actor) };
  });
}
