import { verdictReveal } from '../blind-review';
import { conflict, notFound } from '../errors';
import type { Db, Tx } from '../db/client';
import { insertRows, newId } from '../db/insert-rows';
import { executeRows } from '../db/raw-rows';
import { Prisma } from '../generated/prisma/client';
import { isUniqueViolation } from '../db/errors';
import { sameSources } from '../sources';
import { parseInput, verdictSchema, type SourceInput, type VerdictInput } from '../validation';
import { loadClaimRecord } from './claim-record';
import { toClaimSnapshot, type ClaimDetail, type ClaimSnapshot, type VerdictView } from './claim-views';
import { loadClaim, loadClaimAfterChange } from './claims';
import { requireRole, type Actor, type ServiceContext } from './context';
import { verdictAdded, verdictRemoved } from './article-counts';
import { recordEvent } from './events';
import { notifyAbout } from './notifications';

function becameDisputed(before: ClaimSnapshot, after: ClaimSnapshot): boolean {
  return before.consensus.status !== 'disputed' && after.consensus.status === 'disputed';
}

/**
 * Creates or replaces the caller's own verdict on a claim, sources included.
 * `version`, when sent, must match the stored verdict, 0 for none (optimistic
 * concurrency: a reviewer editing in two tabs cannot silently overwrite a newer
 * verdict); a 409 carries the claim as the reviewer may see it now.
 * The first verdict reveals the claim to its author for good and keeps its
 * rating as their independent one; later saves are marked as revised after the
 * reveal (lib/blind-review).
 */
export async function upsertVerdict(ctx: ServiceContext, claimId: string, input: unknown): Promise<SavedVerdict> {
  const actor = requireRole(ctx, 'reviewer');
  const data = parseInput(verdictSchema, input);
  try {
    return await saveVerdict(ctx.db, actor, claimId, data);
  } catch (error) {
    // The same reviewer's first verdict sent twice at once (two tabs, a retry)
    // where both transactions read before either writes (PostgreSQL): the unique
    // (claim, reviewer) index refused the second. Saved again, it finds the
    // first and replaces it, or answers 409 when the version it was sent for is stale.
    if (!isUniqueViolation(error)) throw error;
    return saveVerdict(ctx.db, actor, claimId, data);
  }
}

type SavedVerdict = { verdict: VerdictView; claim: ClaimDetail; created: boolean };

/**
 * A verdict's sources, in their order, in one INSERT: Prisma's createMany (and
 * a nested create) compiles its query plan anew on every call, where the
 * client's other queries reuse theirs (lib/db/insert-rows.ts).
 */
function insertSources(tx: Tx, verdictId: string, sources: readonly SourceInput[]): Promise<void> {
  return insertRows(
    tx,
    'Source',
    sources.map((s, position) => ({
      id: newId(),
      verdictId,
      position,
      url: s.url,
      title: s.title,
      publisher: s.publisher,
      quote: s.quote,
      stance: s.stance,
      accessedAt: s.accessedAt,
      archiveUrl: s.archiveUrl,
    })),
  );
}

async function saveVerdict(db: Db, actor: Actor, claimId: string, data: VerdictInput): Promise<SavedVerdict> {
  return db.$transaction(async (tx) => {
    // One read before the change gives the claim, the caller's verdict and reveal, and the state the event starts from.
    const claim = await loadClaimRecord(tx, claimId);
    if (!claim) throw notFound('claim');
    const existing = claim.verdicts.find((v) => v.reviewerId === actor.id) ?? null;
    const stale = async () => {
      const now = await tx.verdict.findUnique({ where: { claimId_reviewerId: { claimId, reviewerId: actor.id } }, select: { version: true } });
      return conflict('staleVersion', 'Your verdict was changed elsewhere since you opened it: check the current version, then save again.', {
        params: { current: now?.version ?? 0, sent: data.version ?? existing?.version ?? 0 },
        issues: [{ path: ['version'], message: 'Your verdict was changed elsewhere since you opened it.', key: 'stale' }],
        // The claim as the reviewer may see it now, their own verdict (or none) included.
        current: await loadClaim(tx, claimId, actor),
      });
    };
    if (data.version !== undefined && data.version !== (existing?.version ?? 0)) throw await stale();
    const previous = toClaimSnapshot(claim, claim.settings);
    const before = existing ? previous.verdicts.find((v) => v.id === existing.id) ?? null : null;
    const reveal = claim.reveals.find((r) => r.userId === actor.id) ?? null;
    const { initialRating, revisedAfterReveal } = verdictReveal(reveal, data.rating);
    const now = new Date();
    if (!reveal) await insertRows(tx, 'ClaimReveal', [{ id: newId(), claimId, userId: actor.id, initialRating, createdAt: now }]);

    const rationaleDoc = data.rationaleDoc ? JSON.stringify(data.rationaleDoc) : null;
    let verdictId: string;
    if (existing) {
      // The version in the condition makes a concurrent save of the same verdict lose cleanly rather than overwrite.
      const count = await executeRows(
        tx,
        Prisma.sql`UPDATE "Verdict" SET "rating" = ${data.rating}, "rationale" = ${data.rationale}, "rationaleDoc" = ${rationaleDoc},
          "revisedAfterReveal" = ${revisedAfterReveal}, "version" = "version" + 1, "updatedAt" = ${now}
          WHERE "id" = ${existing.id} AND "version" = ${existing.version}`,
      );
      if (count === 0) throw await stale();
      verdictId = existing.id;
      // Sources sent back unchanged (a rating or a rationale changed) stay as they are: two statements fewer.
      if (!sameSources(existing.sources, data.sources)) {
        await executeRows(tx, Prisma.sql`DELETE FROM "Source" WHERE "verdictId" = ${existing.id}`);
        await insertSources(tx, verdictId, data.sources);
      }
    } else {
      verdictId = newId();
      await insertRows(tx, 'Verdict', [
        { id: verdictId, claimId, reviewerId: actor.id, rating: data.rating, rationale: data.rationale, rationaleDoc, version: 1, revisedAfterReveal, createdAt: now, updatedAt: now },
      ]);
      await verdictAdded(tx, claimId);
      await insertSources(tx, verdictId, data.sources);
    }
    const { record, snapshot, detail } = await loadClaimAfterChange(tx, claimId, actor);
    await notifyAbout(tx, record, { type: 'verdict', actorId: actor.id });
    if (becameDisputed(previous, snapshot)) await notifyAbout(tx, record, { type: 'disputed', actorId: actor.id });
    // The history keeps the verdicts as they are, unmasked (see ClaimSnapshot). Last (recordEvent).
    await recordEvent(tx, {
      articleId: claim.articleId,
      claimId,
      type: 'verdict.updated',
      entityId: verdictId,
      actorId: actor.id,
      payload: { before, after: snapshot.verdicts.find((v) => v.id === verdictId) ?? null, claim: snapshot },
    });
    const view = detail.verdicts.find((v) => v.id === verdictId)!;
    return { verdict: view, claim: detail, created: !existing };
  });
}

/**
 * Withdraws the caller's verdict; 404 when there is none. The claim stays
 * revealed to them: withdrawing does not make a reviewer blind again.
 */
export async function withdrawVerdict(ctx: ServiceContext, claimId: string): Promise<ClaimDetail> {
  const actor = requireRole(ctx, 'reviewer');
  return ctx.db.$transaction(async (tx) => {
    const claim = await loadClaimRecord(tx, claimId);
    const verdict = claim?.verdicts.find((v) => v.reviewerId === actor.id);
    if (!claim || !verdict) throw notFound('verdict');
    const previous = toClaimSnapshot(claim, claim.settings);
    const before = previous.verdicts.find((v) => v.id === verdict.id) ?? null;
    // A count rather than delete(): a withdrawal racing this one (PostgreSQL) is a 404, not a missing-row error.
    const { count } = await tx.verdict.deleteMany({ where: { id: verdict.id } });
    if (count === 0) throw notFound('verdict');
    await verdictRemoved(tx, claimId);
    const { record, snapshot, detail } = await loadClaimAfterChange(tx, claimId, actor);
    if (becameDisputed(previous, snapshot)) await notifyAbout(tx, record, { type: 'disputed', actorId: actor.id });
    await recordEvent(tx, {
      articleId: claim.articleId,
      claimId,
      type: 'verdict.updated',
      entityId: verdict.id,
      actorId: actor.id,
      payload: { before, after: null, withdrawn: verdict.id, claim: snapshot },
    });
    return detail;
  });
}
