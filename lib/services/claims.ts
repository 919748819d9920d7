import { anchorSelector, describeRange } from '../anchoring/selectors';
import type { ReviewSettings } from '../consensus';
import { conflict, invalidField, notFound } from '../errors';
import { claimCreateSchema, parseInput } from '../validation';
import { loadArticle, reviewSettings } from './articles';
import { loadClaimRecord, loadClaimRecords } from './claim-rows';
import { toClaimDetail, toClaimView, type ClaimDetail, type ClaimView } from './claim-views';
import { requireActor, requireRole, type Actor, type ServiceContext, type Tx } from './context';
import { recordEvent } from './events';

export type { ClaimDetail, ClaimView, Person, SourceView, VerdictView } from './claim-views';

async function articleSettings(db: Tx, articleId: string): Promise<ReviewSettings> {
  const article = await db.article.findUnique({ where: { id: articleId } });
  if (!article) throw notFound('Article');
  return reviewSettings(article);
}

/** Loads one live claim as the viewer may see it; 404 when missing or deleted. */
export async function loadClaim(db: Tx, id: string, viewer: Actor | null): Promise<ClaimDetail> {
  const record = await loadClaimRecord(db, id);
  if (!record) throw notFound('Claim');
  return toClaimDetail(record, await articleSettings(db, record.articleId), viewer);
}

/**
 * Marks a passage as a claim. The server anchors the quote in the current text
 * (position first, quote as the check) and stores selectors computed from its
 * own copy of the text, so clients cannot store a quote the text does not hold.
 */
export async function createClaim(ctx: ServiceContext, articleId: string, input: unknown): Promise<ClaimDetail> {
  const actor = requireRole(ctx, 'reviewer');
  const data = parseInput(claimCreateSchema, input);
  return ctx.db.$transaction(async (tx) => {
    const article = await loadArticle(tx, articleId);
    const anchor = anchorSelector(article.text, data);
    if (!anchor) throw invalidField('exact', 'The quoted passage was not found in the article text.');
    const duplicate = await tx.claim.findFirst({ where: { articleId, start: anchor.start, end: anchor.end, deletedAt: null } });
    if (duplicate) {
      throw conflict(`This passage is already claim ${duplicate.id}.`, [{ path: ['exact'], message: 'Already marked as a claim.' }]);
    }
    const selector = describeRange(article.text, anchor.start, anchor.end);
    const row = await tx.claim.create({
      data: {
        articleId,
        revision: article.revision,
        anchorState: 'exact',
        exact: selector.exact,
        prefix: selector.prefix,
        suffix: selector.suffix,
        start: selector.start,
        end: selector.end,
        note: data.note,
        createdById: actor.id,
      },
    });
    const detail = await loadClaim(tx, row.id, actor);
    await recordEvent(tx, { articleId, type: 'claim.created', entityId: row.id, actorId: actor.id, payload: toClaimView(detail) });
    return detail;
  });
}

/** The article's live claims in text order, as the viewer may see them. */
export async function listClaims(ctx: ServiceContext, articleId: string): Promise<ClaimView[]> {
  const viewer = requireActor(ctx);
  const settings = await articleSettings(ctx.db, articleId);
  const records = await loadClaimRecords(ctx.db, { articleId });
  return records.map((record) => toClaimView(toClaimDetail(record, settings, viewer)));
}

export async function getClaim(ctx: ServiceContext, id: string): Promise<ClaimDetail> {
  return loadClaim(ctx.db, id, requireActor(ctx));
}
