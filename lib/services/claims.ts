import { anchorSelector, describeRange } from '../anchoring/selectors';
import type { ReviewSettings } from '../consensus';
import { isUniqueViolation } from '../db/errors';
import { insertRows, newId } from '../db/insert-rows';
import { queryRows } from '../db/raw-rows';
import { Prisma } from '../generated/prisma/client';
import { conflict, forbidden, invalidField, notFound } from '../errors';
import { canEditClaimNote, claimDeletion, hasRole } from '../permissions';
import { claimCreateSchema, claimUpdateSchema, parseInput } from '../validation';
import { claimAdded, claimDeleted } from './article-counts';
import { readReviewSettings } from './articles';
import { currentText } from './current-text';
import { loadClaimRecord } from './claim-record';
import { listClaimViews } from './claim-list';
import { claimListBody } from './claim-list-body';
import { toClaimDetail, toClaimSnapshot, type ClaimDetail, type ClaimRecord, type ClaimSnapshot, type ClaimView } from './claim-views';
import { requireActor, requireRole, type Actor, type ServiceContext, type Tx } from './context';
import { recordEvent } from './events';

export type { ClaimDetail, ClaimSnapshot, ClaimView, Person, SourceView, VerdictView } from './claim-views';

/** Loads one live claim as the viewer may see it; 404 when missing or deleted. */
export async function loadClaim(db: Tx, id: string, viewer: Actor | null): Promise<ClaimDetail> {
  const record = await loadClaimRecord(db, id);
  if (!record) throw notFound('claim');
  return toClaimDetail(record, record.settings, viewer);
}

/**
 * After a change: the claim as it is (for the event and the notifications) and
 * as the viewer may see it (for the answer), from one read.
 */
export async function loadClaimAfterChange(
  db: Tx,
  id: string,
  viewer: Actor,
): Promise<{ record: ClaimRecord & { settings: ReviewSettings }; snapshot: ClaimSnapshot; detail: ClaimDetail }> {
  const record = await loadClaimRecord(db, id);
  if (!record) throw notFound('claim');
  return { record, snapshot: toClaimSnapshot(record, record.settings), detail: toClaimDetail(record, record.settings, viewer) };
}

const CLAIM_ID = { id: 'text' } as const;

type Passage = { articleId: string; revision: number; start: number; end: number };

/** The id of the live claim on this passage of the revision, if one is marked. */
async function liveClaimAt(db: Tx, { articleId, revision, start, end }: Passage): Promise<string | null> {
  const [claim] = await queryRows(
    db,
    'Claim',
    CLAIM_ID,
    Prisma.sql`SELECT "id" FROM "Claim" WHERE "articleId" = ${articleId} AND "revision" = ${revision} AND "start" = ${start} AND "end" = ${end} AND "deletedAt" IS NULL`,
  );
  return claim?.id ?? null;
}

const duplicateClaim = (claimId: string) =>
  conflict('duplicateClaim', 'This passage is already marked as a claim: open it to add your verdict.', {
    claimId,
    issues: [{ path: ['exact'], message: 'This passage is already marked as a claim.', key: 'alreadyClaimed' }],
  });

/**
 * Marks a passage as a claim. The server anchors the quote in the current text
 * (position first, quote as the check) and stores selectors computed from its
 * own copy of the text, so clients cannot store a quote the text does not hold.
 * One live claim per passage: the check below answers 409 with the claim
 * already there, and the database's unique index (Claim.liveKey) refuses the
 * insert of a request that raced past the check, answered the same way.
 */
export async function createClaim(ctx: ServiceContext, articleId: string, input: unknown): Promise<ClaimDetail> {
  const actor = requireRole(ctx, 'reviewer');
  const data = parseInput(claimCreateSchema, input);
  let passage: Passage | undefined;
  try {
    return await ctx.db.$transaction(async (tx) => {
      const { revision, text } = await currentText(tx, articleId);
      const anchor = anchorSelector(text, data);
      if (!anchor) throw invalidField('exact', 'The quoted passage was not found in the article text.', 'notFoundInText');
      passage = { articleId, revision, start: anchor.start, end: anchor.end };
      const duplicate = await liveClaimAt(tx, passage);
      if (duplicate) throw duplicateClaim(duplicate);
      const selector = describeRange(text, anchor.start, anchor.end);
      const id = newId();
      const now = new Date();
      await insertRows(tx, 'Claim', [
        {
          id,
          articleId,
          revision,
          anchorState: 'exact',
          exact: selector.exact,
          prefix: selector.prefix,
          suffix: selector.suffix,
          start: selector.start,
          end: selector.end,
          note: data.note ?? null,
          version: 1,
          createdById: actor.id,
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
          deletedById: null,
          liveKey: '',
          verdictCount: 0,
        },
      ]);
      await claimAdded(tx, articleId);
      const { snapshot, detail } = await loadClaimAfterChange(tx, id, actor);
      await recordEvent(tx, { articleId, claimId: id, type: 'claim.created', entityId: id, actorId: actor.id, payload: snapshot });
      return detail;
    });
  } catch (error) {
    if (!passage || !isUniqueViolation(error)) throw error;
    const winner = await liveClaimAt(ctx.db, passage);
    if (!winner) throw error;
    throw duplicateClaim(winner);
  }
}

/** The article's live claims in text order, as the viewer may see them. */
export async function listClaims(ctx: ServiceContext, articleId: string): Promise<ClaimView[]> {
  const viewer = requireActor(ctx);
  const settings = await readReviewSettings(ctx.db, articleId);
  return listClaimViews(ctx.db, articleId, settings, viewer);
}

/** listClaims as the API answers it: the JSON of `{claims}`, as UTF-8 bytes (claim-list-body.ts). */
export async function listClaimsBody(ctx: ServiceContext, articleId: string): Promise<Uint8Array<ArrayBuffer>> {
  const viewer = requireActor(ctx);
  const settings = await readReviewSettings(ctx.db, articleId);
  return claimListBody(ctx.db, articleId, settings, viewer);
}

export async function getClaim(ctx: ServiceContext, id: string): Promise<ClaimDetail> {
  return loadClaim(ctx.db, id, requireActor(ctx));
}

/**
 * Changes a claim's note: its author, editors and admins. `version`, when
 * sent, must be the claim's current one (409 with the current claim otherwise),
 * so a correction made in another tab is not silently overwritten.
 */
export async function updateClaim(ctx: ServiceContext, id: string, input: unknown): Promise<ClaimDetail> {
  const actor = requireRole(ctx, 'reviewer');
  const data = parseInput(claimUpdateSchema, input);
  return ctx.db.$transaction(async (tx) => {
    const before = await loadClaim(tx, id, actor);
    if (!canEditClaimNote(actor, { createdById: before.createdBy.id })) {
      throw forbidden('Only the claim’s author, editors and admins can change its note.');
    }
    // The 409 carries the claim as it is now, as the viewer may see it (blind review holds).
    const stale = (current: ClaimDetail) =>
      conflict('staleVersion', 'This claim was changed by someone else since you opened it: check its current note, then save again.', {
        issues: [{ path: ['version'], message: 'The claim was changed since you opened it.', key: 'stale' }],
        current,
      });
    if (data.version !== undefined && data.version !== before.version) throw stale(before);
    // The version in the condition makes a concurrent change lose cleanly rather than overwrite.
    const { count } = await tx.claim.updateMany({
      where: { id, deletedAt: null, version: before.version },
      data: { note: data.note, version: { increment: 1 } },
    });
    // Lost to a concurrent change (or deletion: then loadClaim's 404 is the answer).
    if (count === 0) throw stale(await loadClaim(tx, id, actor));
    const { snapshot, detail: after } = await loadClaimAfterChange(tx, id, actor);
    await recordEvent(tx, {
      articleId: after.articleId,
      claimId: id,
      type: 'claim.updated',
      entityId: id,
      actorId: actor.id,
      payload: {
        before: { note: before.note, version: before.version },
        after: { note: after.note, version: after.version },
        claim: snapshot,
      },
    });
    return after;
  });
}

/**
 * Deletes a claim, softly: it leaves lists, exports and counts, but the row,
 * its verdicts and who deleted it when stay for the record. Authors may
 * delete their own claim while nobody else has a verdict on it; editors and
 * admins any claim (lib/permissions).
 */
export async function deleteClaim(ctx: ServiceContext, id: string): Promise<void> {
  const actor = requireRole(ctx, 'reviewer');
  await ctx.db.$transaction(async (tx) => {
    const claim = await tx.claim.findFirst({ where: { id, deletedAt: null }, include: { verdicts: { select: { reviewerId: true } } } });
    if (!claim) throw notFound('claim');
    const decision = claimDeletion(actor, { createdById: claim.createdById, reviewerIds: claim.verdicts.map((v) => v.reviewerId) });
    if (decision === 'not-yours') throw forbidden('Only the claim’s author, editors and admins can delete it.');
    if (decision === 'others-have-verdicts') {
      throw conflict('claimHasOtherVerdicts', 'Other reviewers are working on this claim, so only an editor can delete it now.');
    }
    const deletedAt = new Date();
    // An author's deletion holds only while no one else has a verdict; the
    // condition re-checks it in the same statement as the write.
    const othersNone = hasRole(actor, 'editor') ? {} : { verdicts: { none: { reviewerId: { not: actor.id } } } };
    const { count } = await tx.claim.updateMany({
      where: { id, deletedAt: null, ...othersNone },
      // Its own id as liveKey takes it out of the one-live-claim-per-passage index, so the passage may be marked again.
      data: { deletedAt, deletedById: actor.id, liveKey: id },
    });
    if (count === 0) throw conflict('claimHasOtherVerdicts', 'Another reviewer has just given a verdict on this claim, so only an editor can delete it now.');
    await claimDeleted(tx, id);
    await recordEvent(tx, {
      articleId: claim.articleId,
      claimId: id,
      type: 'claim.deleted',
      entityId: id,
      actorId: actor.id,
      payload: { id, exact: claim.exact, start: claim.start, end: claim.end, deletedBy: actor.id, deletedAt: deletedAt.toISOString() },
    });
  });
}
