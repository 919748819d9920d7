// Adjudication: an editor settles a claim with a final rating and the reasons
// for it. The claim's status becomes `adjudicated` whatever the verdicts say.
// Revising adds a row and withdrawing marks the rows, so the history stays.
// The rows are never changed but for that mark, so the adjudication in force is
// their version: an editor says which one they saw (`replaces`), and a
// different one in force by then means someone else decided meanwhile (409).
import { conflict, forbidden, notFound } from '../errors';
import { canAdjudicate } from '../permissions';
import { adjudicationSchema, adjudicationWithdrawalSchema, parseInput } from '../validation';
import { toAdjudicationView, type AdjudicationView, type ClaimDetail } from './claim-views';
import { loadClaim, loadClaimAfterChange } from './claims';
import { requireActor, type Actor, type ServiceContext, type Tx } from './context';
import { recordEvent } from './events';
import { notifyAbout } from './notifications';

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
 * The adjudication in force once this transaction holds it: a write to its row
 * (which changes nothing) makes a concurrent revision wait for ours and then
 * read the newer one, rather than both replacing the same decision.
 */
async function inForce(tx: Tx, claimId: string): Promise<AdjudicationView | null> {
  const seen = (await loadHistory(tx, claimId)).current;
  if (!seen) return null;
  await tx.adjudication.updateMany({ where: { id: seen.id, withdrawnAt: null }, data: { withdrawnAt: null } });
  return (await loadHistory(tx, claimId)).current;
}

/**
 * 409 when the adjudication in force is not the one the editor saw (`seen`: its
 * id, or null for none), with the claim as it is now, as the editor may see it.
 */
async function expectInForce(tx: Tx, claimId: string, actor: Actor, current: AdjudicationView | null, seen: string | null, field: string): Promise<void> {
  if (seen === (current?.id ?? null)) return;
  throw conflict('staleVersion', 'Another editor changed this claim’s adjudication since you opened it: check the decision in force, then save again.', {
    issues: [{ path: [field], message: 'The adjudication in force changed since you opened it.', key: 'stale' }],
    current: await loadClaim(tx, claimId, actor),
  });
}

/**
 * Settles a claim, or revises the adjudication in force (the new one replaces
 * it; the old one stays in the history). Editors and admins. With `replaces`
 * (the id of the adjudication in force the editor saw, null for none), a
 * different one in force is a 409 carrying the current claim.
 */
export async function adjudicateClaim(ctx: ServiceContext, claimId: string, input: unknown): Promise<AdjudicationHistory & { claim: ClaimDetail }> {
  const actor = requireAdjudicator(ctx);
  const data = parseInput(adjudicationSchema, input);
  return ctx.db.$transaction(async (tx) => {
    const { articleId } = await liveClaim(tx, claimId);
    const before = await inForce(tx, claimId);
    if (data.replaces !== undefined) await expectInForce(tx, claimId, actor, before, data.replaces, 'replaces');
    const row = await tx.adjudication.create({ data: { claimId, editorId: actor.id, rating: data.rating, rationale: data.rationale } });
    const result = await loadHistory(tx, claimId);
    const { record, snapshot, detail } = await loadClaimAfterChange(tx, claimId, actor);
    await notifyAbout(tx, record, { type: 'adjudicated', actorId: actor.id });
    await recordEvent(tx, {
      articleId,
      claimId,
      type: 'adjudication.updated',
      entityId: row.id,
      actorId: actor.id,
      payload: { before, after: result.current, claim: snapshot },
    });
    return { ...result, claim: detail };
  });
}

/**
 * Withdraws the adjudication in force (404 when there is none): the claim's
 * status follows its verdicts again. With `adjudication` (the id of the one the
 * editor means), a different one in force is a 409 carrying the current claim:
 * nobody withdraws a decision they have not read.
 */
export async function withdrawAdjudication(ctx: ServiceContext, claimId: string, input: unknown = {}): Promise<AdjudicationHistory & { claim: ClaimDetail }> {
  const actor = requireAdjudicator(ctx);
  const data = parseInput(adjudicationWithdrawalSchema, input);
  return ctx.db.$transaction(async (tx) => {
    const { articleId } = await liveClaim(tx, claimId);
    const before = await inForce(tx, claimId);
    if (data.adjudication !== undefined && before) await expectInForce(tx, claimId, actor, before, data.adjudication, 'adjudication');
    if (!before) throw notFound('adjudication');
    await tx.adjudication.updateMany({ where: { claimId, withdrawnAt: null }, data: { withdrawnAt: new Date(), withdrawnById: actor.id } });
    const result = await loadHistory(tx, claimId);
    const { snapshot, detail } = await loadClaimAfterChange(tx, claimId, actor);
    await recordEvent(tx, {
      articleId,
      claimId,
      type: 'adjudication.updated',
      entityId: before.id,
      actorId: actor.id,
      payload: { before, after: null, claim: snapshot },
    });
    return { ...result, claim: detail };
  });
}
