// The agreement report of an article, or of every article: loads the verdicts
// the figures use, applies who may see what (lib/agreement/visibility.ts),
// and feeds lib/agreement (agreementReport, dawidSkene) and the dashboard's
// sections (lib/agreement/dashboard.ts).
//
// Read with relation filters on the claims' own conditions, never with a list
// of ids: an article of 5,000 claims has 25,000 verdicts, and SQLite allows
// 999 bound parameters (see claim-rows.ts). The names of the reviewers, a
// handful, are read by id in slices.
import { agreementReport, type AgreementReport } from '../agreement/report';
import { dawidSkene, DAWID_SKENE } from '../agreement/dawid-skene';
import {
  agreementOverTime,
  attentionList,
  coverageMatrix,
  statusDistribution,
  weightedBesidePlain,
  type Coverage,
  type DashboardClaim,
  type UsedRating,
  type WeekAgreement,
  type WeightedBesidePlain,
} from '../agreement/dashboard';
import { ratingsMatrix } from '../agreement/matrix';
import { claimCountsFor, mayFilterByReviewer, pairsFor, ratingForAgreement, reliabilityFor, seesEveryReviewer, seesReviewer, type PairView } from '../agreement/visibility';
import type { ConsensusStatus } from '../consensus';
import { forbidden, notFound } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { groupBy } from '../group-by';
import { isRating } from '../ratings';
import { agreementQuerySchema, parseInput, type AgreementQuery } from '../validation';
import { reviewSettings } from './articles';
import { findByIds } from './claim-rows';
import { toClaimView, type ClaimSummaryRecord, type Person } from './claim-views';
import { requireActor, type ServiceContext, type Tx } from './context';

export interface ReliabilitySection {
  insufficientData: boolean;
  /** Null when there was too little data to run it. */
  converged: boolean | null;
  iterations: number | null;
  /** Claims rated by two reviewers or more, and reviewers, beside what Dawid–Skene needs. */
  sharedClaims: number;
  required: { reviewers: number; sharedClaims: number; reviewerSharedClaims: number };
  /** Per reviewer (the viewer's own only, for a reviewer): accuracy null below `required.reviewerSharedClaims`. */
  reviewers: { reviewer: string; claims: number; sharedClaims: number; accuracy: number | null }[];
  /** The reliability-weighted rating beside the plain consensus; null with too little data. */
  weighted: WeightedBesidePlain | null;
}

export interface AgreementView extends Omit<AgreementReport, 'cohenKappa'> {
  /** What was asked: one article or all, and the filters. Dates filter the verdicts (see agreementQuerySchema). */
  scope: { article: { id: string; title: string } | null; from: string | null; to: string | null; reviewer: string | null; dates: 'verdicts' };
  /**
   * True when the figures count only the claims revealed to the viewer (a
   * reviewer, under blind review): some claims of the scope were not revealed
   * to them, rated by others or not (which blind review does not say).
   */
  restricted: boolean;
  /** Pairs of reviewers; for a reviewer, their own, `b` null ("another reviewer"). */
  cohenKappa: PairView[];
  reliability: ReliabilitySection;
  /** Names of the reviewers the viewer may see figures about (editors: all; a reviewer: themselves). */
  people: Person[];
  /** The articles of the scope, for titles and links. */
  articles: { id: string; title: string }[];
  /** Claims per status, as the viewer sees them (blind review masks what they have not judged as needs-review). */
  statuses: Record<ConsensusStatus, number>;
  /** Disputed, then needs-review, then unreviewed claims, oldest first. */
  attention: { total: number; claims: DashboardClaim[] };
  coverage: Coverage & { claims: (Coverage['claims'][number] & { exact: string })[] };
  overTime: WeekAgreement[];
}

/** Claims' passages as the coverage rows show them: enough to recognise one. */
const COVERAGE_EXCERPT = 60;

const DAY_MS = 86_400_000;

type VerdictRow = { claimId: string; reviewerId: string; rating: string; createdAt: Date; updatedAt: Date };
type RevealRow = { claimId: string; userId: string; initialRating: string; createdAt: Date };


/** Every live claim of the scope with its verdicts, reveals and adjudication, and the articles' settings. */
async function loadScope(db: Tx, articleId: string | null) {
  const claimWhere: Prisma.ClaimWhereInput = { deletedAt: null, ...(articleId !== null ? { articleId } : {}) };
  const [articles, claims, verdicts, reveals, adjudications] = await Promise.all([
    db.article.findMany({ where: articleId !== null ? { id: articleId } : {}, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    db.claim.findMany({ where: claimWhere, orderBy: [{ articleId: 'asc' }, { start: 'asc' }, { end: 'desc' }, { createdAt: 'asc' }] }),
    db.verdict.findMany({ where: { claim: claimWhere }, select: { id: true, claimId: true, reviewerId: true, rating: true, createdAt: true, updatedAt: true } }),
    db.claimReveal.findMany({ where: { claim: claimWhere }, select: { claimId: true, userId: true, initialRating: true, createdAt: true } }),
    db.adjudication.findMany({ where: { claim: claimWhere, withdrawnAt: null }, select: { claimId: true, rating: true }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
  ]);
  return { articles, claims, verdicts, reveals, adjudications };
}

/** The rating the figures use for a verdict, and when it was given; null for a rating not on the scale. */
function usedRating(blindReview: boolean, verdict: VerdictRow, reveal: RevealRow | undefined): UsedRating | null {
  const rating = ratingForAgreement(blindReview, verdict, reveal?.initialRating ?? null);
  if (!isRating(rating)) return null;
  // Under blind review the rating is the first one, given when the claim was revealed.
  const at = blindReview ? (reveal?.createdAt ?? verdict.createdAt) : verdict.updatedAt;
  return { claimId: verdict.claimId, reviewerId: verdict.reviewerId, rating, at };
}

function inWindow(at: Date, query: AgreementQuery): boolean {
  const t = at.getTime();
  if (query.from !== undefined && t < Date.parse(`${query.from}T00:00:00Z`)) return false;
  if (query.to !== undefined && t >= Date.parse(`${query.to}T00:00:00Z`) + DAY_MS) return false;
  return true;
}

async function names(db: Tx, ids: readonly string[]): Promise<Person[]> {
  const people = await findByIds(ids, (slice) => db.user.findMany({ where: { id: { in: slice } }, select: { id: true, name: true } }));
  const byId = new Map(people.map((p) => [p.id, p.name]));
  return ids.map((id) => ({ id, name: byId.get(id) ?? null }));
}

/**
 * The report for one article (`articleId`) or all (null), as the viewer may
 * see it. Query: `from`, `to`, `reviewer` (agreementQuerySchema).
 */
export async function agreementFor(ctx: ServiceContext, articleId: string | null, input: unknown = {}): Promise<AgreementView> {
  const viewer = requireActor(ctx);
  const query = parseInput(agreementQuerySchema, input);
  if (query.reviewer !== undefined && !mayFilterByReviewer(viewer, query.reviewer)) {
    throw forbidden('Only editors and admins can see the figures of another reviewer’s claims; a reviewer may choose their own.', { role: 'editor' });
  }
  const rows = await loadScope(ctx.db, articleId);
  if (articleId !== null && rows.articles.length === 0) throw notFound('article');

  const settingsOf = new Map(rows.articles.map((a) => [a.id, reviewSettings(a)]));
  const verdictsByClaim = groupBy(rows.verdicts, (v) => v.claimId);
  const revealsByClaim = groupBy(rows.reveals, (r) => r.claimId);
  const adjudicationOf = new Map<string, { rating: string }>();
  for (const a of rows.adjudications) if (!adjudicationOf.has(a.claimId)) adjudicationOf.set(a.claimId, a);

  const views: DashboardClaim[] = [];
  const used: UsedRating[] = [];
  let restricted = false;
  for (const claim of rows.claims) {
    const settings = settingsOf.get(claim.articleId)!;
    const verdicts = verdictsByClaim.get(claim.id) ?? [];
    const reveals = revealsByClaim.get(claim.id) ?? [];
    const record: ClaimSummaryRecord = {
      ...claim,
      // The dashboard shows no author: the view's `createdBy` is not read.
      createdBy: { id: claim.createdById, name: null },
      verdicts: verdicts.map((v) => ({ id: v.id, claimId: v.claimId, reviewerId: v.reviewerId, rating: v.rating, updatedAt: v.updatedAt })),
      adjudication: adjudicationOf.get(claim.id) ?? null,
      reveals: reveals.map((r) => ({ claimId: r.claimId, userId: r.userId, initialRating: r.initialRating })),
    };
    // The same view as the claims list: consensus and blind review from lib/.
    const view = toClaimView(record, settings, viewer);
    views.push({
      id: claim.id,
      articleId: claim.articleId,
      exact: claim.exact,
      status: view.consensus.status,
      leadingRating: view.consensus.leadingRating,
      createdAt: view.createdAt,
      lastActivityAt: view.lastActivityAt,
    });
    const revealedTo = [...new Set([...reveals.map((r) => r.userId), ...verdicts.map((v) => v.reviewerId)])];
    if (!claimCountsFor(viewer, settings.blindReview, revealedTo)) {
      // Whether or not anyone rated it: that too is the others' judgement.
      restricted = true;
      continue;
    }
    const revealOf = new Map(reveals.map((r) => [r.userId, r]));
    for (const v of verdicts) {
      const r = usedRating(settings.blindReview, v, revealOf.get(v.reviewerId));
      if (r && inWindow(r.at, query)) used.push(r);
    }
  }

  // Filters: only the claims with a rating left, and of those, the reviewer's.
  const filtered = query.from !== undefined || query.to !== undefined || query.reviewer !== undefined;
  let ratings = used;
  if (query.reviewer !== undefined) {
    const theirs = new Set(used.filter((r) => r.reviewerId === query.reviewer).map((r) => r.claimId));
    ratings = used.filter((r) => theirs.has(r.claimId));
  }
  const rated = new Set(ratings.map((r) => r.claimId));
  const claims = filtered ? views.filter((c) => rated.has(c.id)) : views;

  const matrix = ratingsMatrix(ratings);
  const report = agreementReport(matrix);
  const ds = dawidSkene(matrix);
  const columns = seesEveryReviewer(viewer) ? [...matrix.coders] : [viewer.id];
  const coverage = coverageMatrix(claims, ratings, columns);
  const exactOf = new Map(claims.map((c) => [c.id, c.exact]));
  const article = articleId !== null ? rows.articles[0]! : null;

  return {
    scope: {
      article: article ? { id: article.id, title: article.title } : null,
      from: query.from ?? null,
      to: query.to ?? null,
      reviewer: query.reviewer ?? null,
      dates: 'verdicts',
    },
    restricted,
    ...report,
    cohenKappa: pairsFor(viewer, report.cohenKappa),
    reliability: {
      insufficientData: ds.insufficientData,
      converged: ds.insufficientData ? null : ds.converged,
      iterations: ds.insufficientData ? null : ds.iterations,
      sharedClaims: ds.insufficientData ? ds.sharedClaims : matrix.units.filter((_, u) => matrix.unitStart[u + 1]! - matrix.unitStart[u]! >= 2).length,
      required: { reviewers: DAWID_SKENE.minReviewers, sharedClaims: DAWID_SKENE.minSharedClaims, reviewerSharedClaims: DAWID_SKENE.minReviewerSharedClaims },
      reviewers: ds.insufficientData ? [] : reliabilityFor(viewer, ds.reviewers),
      weighted: weightedBesidePlain(ds, claims),
    },
    people: await names(
      ctx.db,
      [...new Set([...matrix.coders, viewer.id])].filter((id) => seesReviewer(viewer, id)),
    ),
    articles: rows.articles.map((a) => ({ id: a.id, title: a.title })),
    statuses: statusDistribution(claims),
    attention: attentionList(claims),
    coverage: { ...coverage, claims: coverage.claims.map((row) => ({ ...row, exact: (exactOf.get(row.id) ?? '').slice(0, COVERAGE_EXCERPT) })) },
    overTime: agreementOverTime(ratings),
  };
}
