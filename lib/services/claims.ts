import { anchorSelector, describeRange, type AnchorState } from '../anchoring/selectors';
import { computeConsensus, type Consensus, type ReviewSettings } from '../consensus';
import { conflict, invalidField, notFound } from '../errors';
import type { ExportedSource } from '../export/types';
import type { Rating } from '../ratings';
import { claimCreateSchema, parseInput } from '../validation';
import { reviewSettings, loadArticle } from './articles';
import { hasRole, requireActor, requireRole, type Actor, type ServiceContext, type Tx } from './context';
import { recordEvent } from './events';

export interface Person {
  id: string;
  name: string | null;
}

/** A verdict's source as the API and the exports show it. */
export type SourceView = ExportedSource;

export interface VerdictView {
  id: string;
  claimId: string;
  reviewer: Person;
  rating: Rating;
  rationale: string;
  sources: SourceView[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ClaimView {
  id: string;
  articleId: string;
  revision: number;
  anchorState: AnchorState;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  note: string | null;
  createdBy: Person;
  createdAt: string;
  updatedAt: string;
  consensus: Consensus;
  /** False while blind review hides the other reviewers' verdicts from the viewer. */
  verdictsVisible: boolean;
  /** The viewer's own rating, if any. */
  myRating: Rating | null;
}

export interface ClaimDetail extends ClaimView {
  verdicts: VerdictView[];
  sources: SourceView[];
}

/** Everything loaded with a claim to build its views. */
export const claimInclude = {
  createdBy: { select: { id: true, name: true } },
  verdicts: {
    orderBy: { createdAt: 'asc' },
    include: { reviewer: { select: { id: true, name: true } }, sources: { orderBy: { position: 'asc' } } },
  },
  adjudications: { orderBy: { createdAt: 'desc' }, take: 1 },
} as const;

type ClaimRow = NonNullable<Awaited<ReturnType<typeof findClaimRow>>>;

function findClaimRow(db: Tx, id: string) {
  return db.claim.findFirst({ where: { id, deletedAt: null }, include: claimInclude });
}

function toSourceView(s: { url: string; title: string | null; publisher: string | null; quote: string | null; stance: string | null }): SourceView {
  return { url: s.url, title: s.title, publisher: s.publisher, quote: s.quote, stance: s.stance as SourceView['stance'] };
}

export function toVerdictView(v: ClaimRow['verdicts'][number]): VerdictView {
  return {
    id: v.id,
    claimId: v.claimId,
    reviewer: v.reviewer,
    rating: v.rating as Rating,
    rationale: v.rationale,
    sources: v.sources.map(toSourceView),
    version: v.version,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

/**
 * Blind review: until reviewers have given their own verdict, they see neither
 * the others' verdicts nor the tallies (editors and admins always do).
 */
function canSeeVerdicts(settings: ReviewSettings, viewer: Actor | null, row: ClaimRow): boolean {
  if (!settings.blindReview) return true;
  if (!viewer) return false;
  return hasRole(viewer, 'editor') || row.verdicts.some((v) => v.reviewerId === viewer.id);
}

function maskConsensus(consensus: Consensus): Consensus {
  const counts = Object.fromEntries(Object.keys(consensus.counts).map((k) => [k, 0])) as Consensus['counts'];
  return { ...consensus, leadingRating: null, agreement: null, counts, finalRating: consensus.status === 'adjudicated' ? consensus.finalRating : null };
}

export function toClaimDetail(row: ClaimRow, settings: ReviewSettings, viewer: Actor | null): ClaimDetail {
  const visible = canSeeVerdicts(settings, viewer, row);
  const consensus = computeConsensus(
    row.verdicts.map((v) => v.rating as Rating),
    settings,
    (row.adjudications[0]?.rating as Rating | undefined) ?? null,
  );
  const verdicts = row.verdicts.filter((v) => visible || v.reviewerId === viewer?.id).map(toVerdictView);
  return {
    id: row.id,
    articleId: row.articleId,
    revision: row.revision,
    anchorState: row.anchorState as AnchorState,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    start: row.start,
    end: row.end,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    consensus: visible ? consensus : maskConsensus(consensus),
    verdictsVisible: visible,
    myRating: (row.verdicts.find((v) => v.reviewerId === viewer?.id)?.rating as Rating | undefined) ?? null,
    verdicts,
    sources: verdicts.flatMap((v) => v.sources),
  };
}

export function toClaimView(detail: ClaimDetail): ClaimView {
  const { verdicts: _verdicts, sources: _sources, ...view } = detail;
  return view;
}

async function articleSettings(db: Tx, articleId: string): Promise<ReviewSettings> {
  const article = await db.article.findUnique({ where: { id: articleId } });
  if (!article) throw notFound('Article');
  return reviewSettings(article);
}

/** Loads one claim as the viewer may see it. */
export async function loadClaim(db: Tx, id: string, viewer: Actor | null): Promise<ClaimDetail> {
  const row = await findClaimRow(db, id);
  if (!row) throw notFound('Claim');
  return toClaimDetail(row, await articleSettings(db, row.articleId), viewer);
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
      include: claimInclude,
    });
    const detail = toClaimDetail(row, article.settings, actor);
    await recordEvent(tx, { articleId, type: 'claim.created', entityId: row.id, actorId: actor.id, payload: toClaimView(detail) });
    return detail;
  });
}

export async function listClaims(ctx: ServiceContext, articleId: string): Promise<ClaimView[]> {
  const viewer = requireActor(ctx);
  const settings = await articleSettings(ctx.db, articleId);
  const rows = await ctx.db.claim.findMany({
    where: { articleId, deletedAt: null },
    orderBy: [{ start: 'asc' }, { end: 'desc' }],
    include: claimInclude,
  });
  return rows.map((row) => toClaimView(toClaimDetail(row, settings, viewer)));
}

export async function getClaim(ctx: ServiceContext, id: string): Promise<ClaimDetail> {
  return loadClaim(ctx.db, id, requireActor(ctx));
}
