// What the API, the UI and the exports show of a claim, built from the rows
// lib/services/claim-rows.ts loads. The rules (blind review, permissions,
// consensus) are pure functions from lib/; this file only applies them.
import type { AnchorState } from '../anchoring/selectors';
import { canSeeVerdicts, knownReviewerIds, maskConsensus, visibleVerdicts } from '../blind-review';
import { computeConsensus, type Consensus, type ReviewSettings } from '../consensus';
import type { Adjudication, Claim, ClaimReveal, Source, Verdict } from '../generated/prisma/client';
import { canDeleteClaim, canEditClaimNote, type Viewer } from '../permissions';
import { isRating, type Rating } from '../ratings';
import { docFromPlainText, readStoredRichText, type RichTextDoc } from '../rich-text';
import { gatherSources, type GatheredSource } from '../sources';
import { STANCES } from '../validation';
import type { ExportClaim } from '../export/format';
import type { IsoDated } from '../db/raw-rows';

export interface Person {
  id: string;
  name: string | null;
}

/** A verdict's source as the API and the exports show it. */
export interface SourceView {
  url: string;
  title: string | null;
  publisher: string | null;
  quote: string | null;
  stance: (typeof STANCES)[number] | null;
  /** The day the reviewer consulted it, YYYY-MM-DD. */
  accessedAt: string | null;
  archiveUrl: string | null;
}

export interface VerdictView {
  id: string;
  claimId: string;
  reviewer: Person;
  rating: Rating;
  /** The rationale as plain text (derived from `rationaleDoc`). */
  rationale: string;
  /** The rationale as a rich-text document (lib/rich-text); null when there is none. */
  rationaleDoc: RichTextDoc | null;
  sources: SourceView[];
  version: number;
  /** The reviewer's first rating, given before they could see the others' verdicts. */
  initialRating: Rating;
  /** True once the verdict was changed after its author could see the others'. */
  revisedAfterReveal: boolean;
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
  /** Optimistic-concurrency counter: send it back with a note change. */
  version: number;
  createdBy: Person;
  createdAt: string;
  updatedAt: string;
  /** The latest of the claim's own change and the verdicts the viewer may see. */
  lastActivityAt: string;
  consensus: Consensus;
  /** False while blind review hides the other reviewers' verdicts from the viewer. */
  verdictsVisible: boolean;
  /** The viewer's own rating, if any. */
  myRating: Rating | null;
  /** What the viewer may do with this claim (lib/permissions). */
  can: { editNote: boolean; delete: boolean };
}

/** An editor's final verdict on a claim: published, so never masked by blind review. */
export interface AdjudicationView {
  id: string;
  claimId: string;
  rating: Rating;
  rationale: string;
  editor: Person;
  createdAt: string;
  /** When it was withdrawn (and by whom); null while in force or superseded by a newer one. */
  withdrawnAt: string | null;
  withdrawnBy: Person | null;
}

export interface ClaimDetail extends ClaimView {
  verdicts: VerdictView[];
  /** Every source cited in the verdicts the viewer may see, once per link, with who cited it and how (lib/sources). */
  sources: GatheredSource<Person>[];
  /** The adjudication in force, if any. */
  adjudication: AdjudicationView | null;
}

/**
 * What the list form reads of a claim (toClaimView), assembled by
 * claim-rows.ts readClaimSummaries and authorsOf: the row, its author, and of its verdicts
 * and adjudication only what consensus, blind review and permissions need.
 */
export type ClaimSummaryRecord = Claim & {
  createdBy: Person;
  verdicts: Pick<Verdict, 'id' | 'claimId' | 'reviewerId' | 'rating' | 'updatedAt'>[];
  /** The rating of the adjudication in force, if any. */
  adjudication: Pick<Adjudication, 'rating'> | null;
  /** Everyone to whom the claim was revealed by their first verdict (lib/blind-review). */
  reveals: Pick<ClaimReveal, 'claimId' | 'userId' | 'initialRating'>[];
};

/** A summary without its author's name, which claim-rows.ts authorsOf reads apart. */
export type AuthorlessSummary = Omit<ClaimSummaryRecord, 'createdBy'>;

/** A claim row with everything its views need, assembled by claim-rows.ts. */
export type ClaimRecord = Claim & {
  createdBy: Person;
  verdicts: (Verdict & { reviewer: Person; sources: Source[] })[];
  /** The adjudication in force (the newest not withdrawn), if any. */
  adjudication: (Adjudication & { editor: Person }) | null;
  /** Everyone to whom the claim was revealed by their first verdict (lib/blind-review). */
  reveals: Pick<ClaimReveal, 'claimId' | 'userId' | 'initialRating'>[];
};

const ANCHOR_STATES = ['exact', 'moved', 'fuzzy', 'orphaned'] as const satisfies readonly AnchorState[];

/** A stored anchor state, checked. */
export function checkedAnchorState(value: string): AnchorState {
  return checked(value, ANCHOR_STATES, 'anchor state');
}

/** A stored source stance, checked. */
export function checkedStance(value: string): (typeof STANCES)[number] {
  return checked(value, STANCES, 'source stance');
}

/** A value read from the database, checked against the values the schema documents. */
function checked<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`Unexpected ${what} in the database: ${JSON.stringify(value)}.`);
}

/** A stored rating, checked. */
export function checkedRating(value: string): Rating {
  if (isRating(value)) return value;
  throw new Error(`Unexpected rating in the database: ${JSON.stringify(value)}.`);
}

/** A stored source as the API, the exports and the archive show it. */
export function toSourceView(s: Omit<Source, 'id' | 'verdictId' | 'position'>): SourceView {
  return {
    url: s.url,
    title: s.title,
    publisher: s.publisher,
    quote: s.quote,
    stance: s.stance === null ? null : checkedStance(s.stance),
    accessedAt: s.accessedAt,
    archiveUrl: s.archiveUrl,
  };
}

export function toAdjudicationView(a: Adjudication & { editor: Person; withdrawnBy?: Person | null }): AdjudicationView {
  return {
    id: a.id,
    claimId: a.claimId,
    rating: checkedRating(a.rating),
    rationale: a.rationale,
    editor: a.editor,
    createdAt: a.createdAt.toISOString(),
    withdrawnAt: a.withdrawnAt?.toISOString() ?? null,
    withdrawnBy: a.withdrawnBy ?? null,
  };
}

/** The stored document, checked; a verdict from before rich text gets one built from its plain rationale. */
function rationaleDoc(v: Pick<Verdict, 'rationale' | 'rationaleDoc'>): RichTextDoc | null {
  if (v.rationaleDoc !== null) return readStoredRichText(v.rationaleDoc);
  return v.rationale ? docFromPlainText(v.rationale) : null;
}

function toVerdictView(v: ClaimRecord['verdicts'][number], reveals: ClaimRecord['reveals']): VerdictView {
  const reveal = reveals.find((r) => r.userId === v.reviewerId);
  return {
    id: v.id,
    claimId: v.claimId,
    reviewer: v.reviewer,
    rating: checkedRating(v.rating),
    rationale: v.rationale,
    rationaleDoc: rationaleDoc(v),
    sources: v.sources.map(toSourceView),
    version: v.version,
    initialRating: checkedRating(reveal?.initialRating ?? v.rating),
    revisedAfterReveal: v.revisedAfterReveal,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

/** Everyone to whom the claim is revealed: whoever has a reveal, or a verdict (which always comes with one). */
function revealedTo(record: Judged): string[] {
  // A list searched rather than a Set: a claim has a handful of reviewers, and this runs for every claim of a list or an export.
  const ids: string[] = [];
  for (const r of record.reveals) if (!ids.includes(r.userId)) ids.push(r.userId);
  for (const v of record.verdicts) if (!ids.includes(v.reviewerId)) ids.push(v.reviewerId);
  return ids;
}

/** The consensus from the current verdicts, each with its reviewer's first rating (lib/blind-review) for the independent agreement. */
function consensusOf(record: Judged, settings: ReviewSettings): Consensus {
  return computeConsensus(
    record.verdicts.map((v) => checkedRating(v.rating)),
    settings,
    {
      adjudicated: record.adjudication ? checkedRating(record.adjudication.rating) : null,
      // A verdict always comes with its reveal; were one missing, its rating is the best stand-in.
      // Searched rather than mapped: a claim has a handful of reveals, and this runs for every claim of a list or an export.
      initialRatings: record.verdicts.map((v) => checkedRating(record.reveals.find((r) => r.userId === v.reviewerId)?.initialRating ?? v.rating)),
    },
  );
}

/** The fields every reader gets alike, but the author. */
function claimFields(record: AuthorlessSummary) {
  return {
    id: record.id,
    articleId: record.articleId,
    revision: record.revision,
    anchorState: checkedAnchorState(record.anchorState),
    exact: record.exact,
    prefix: record.prefix,
    suffix: record.suffix,
    start: record.start,
    end: record.end,
    note: record.note,
    version: record.version,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/** The latest of a claim's own change and its verdicts': Dates, or ISO text of one format (which sorts as its dates do). */
export function latestChange<T extends Date | string>(updatedAt: T, verdicts: readonly { updatedAt: T }[]): T {
  let latest = updatedAt;
  for (const v of verdicts) if (v.updatedAt > latest) latest = v.updatedAt;
  return latest;
}

function lastActivity(record: Pick<Claim, 'updatedAt'>, verdicts: readonly { updatedAt: Date }[]): string {
  return latestChange(record.updatedAt, verdicts).toISOString();
}

/** What a judgement reads of a claim: who rated it how, who it was revealed to with what first rating, the adjudication's rating. */
export interface Judged {
  verdicts: readonly Pick<Verdict, 'reviewerId' | 'rating'>[];
  reveals: readonly Pick<ClaimReveal, 'userId' | 'initialRating'>[];
  adjudication: Pick<Adjudication, 'rating'> | null;
}

/**
 * The others' judgement as `viewer` may see it: whether the verdicts are
 * visible, the consensus (masked when not), the verdicts shown and the
 * viewer's own. The archive export (archive-export.ts) reads it as is.
 */
export function judgement<R extends Judged>(record: R, settings: ReviewSettings, viewer: Viewer | null) {
  const visible = canSeeVerdicts(settings, viewer, revealedTo(record));
  const consensus = consensusOf(record, settings);
  const shown: R['verdicts'] = visibleVerdicts(record.verdicts, visible, viewer);
  const mine = record.verdicts.find((v) => v.reviewerId === viewer?.id);
  return { visible, consensus: visible ? consensus : maskConsensus(consensus), shown, mine };
}

/**
 * What every reader's view of a claim shares under the article's settings:
 * its fields, its consensus as it is and as blind review masks it, who it is
 * revealed to and who judged it, its last activity. The claims list keeps it
 * with the claim's rows (claim-list.ts), so that each reader only adds what
 * blind review and permissions make theirs (viewFromBasis).
 */
export interface ClaimBasis {
  fields: ReturnType<typeof claimFields>;
  revealedTo: readonly string[];
  reviewerIds: readonly string[];
  consensus: Consensus;
  masked: Consensus;
  lastActivityAt: string;
}

export function claimBasis(record: AuthorlessSummary, settings: ReviewSettings): ClaimBasis {
  const consensus = consensusOf(record, settings);
  return {
    fields: claimFields(record),
    revealedTo: revealedTo(record),
    reviewerIds: record.verdicts.map((v) => v.reviewerId),
    consensus,
    masked: maskConsensus(consensus),
    lastActivityAt: lastActivity(record, record.verdicts),
  };
}

/**
 * The claim as `viewer` may see it, without its verdicts: blind review and
 * permissions applied to its basis, for each reader. Its fields are written
 * out rather than spread from the basis: V8 builds `{ ...fields, more }`
 * through a slow path, a hundred times slower than this literal, and at 500
 * claims a list read spent most of its time there.
 */
export function viewFromBasis(record: AuthorlessSummary, createdBy: Person, basis: ClaimBasis, settings: ReviewSettings, viewer: Viewer | null): ClaimView {
  const own = viewerPart(record, basis, settings, viewer);
  const f = basis.fields;
  return {
    id: f.id,
    articleId: f.articleId,
    revision: f.revision,
    anchorState: f.anchorState,
    exact: f.exact,
    prefix: f.prefix,
    suffix: f.suffix,
    start: f.start,
    end: f.end,
    note: f.note,
    version: f.version,
    createdBy,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    lastActivityAt: own.lastActivityAt,
    consensus: own.verdictsVisible ? basis.consensus : basis.masked,
    verdictsVisible: own.verdictsVisible,
    myRating: own.myRating,
    can: own.can,
  };
}

/**
 * Whether the viewer's part of a claim's view (viewerPart) depends on who they
 * are beyond their role: they wrote the claim, or it is revealed to them (a
 * verdict always comes with its reveal). For everyone else of one role (and
 * for nobody signed in) blind review and permissions give the same part.
 */
export function viewerInvolved(record: Pick<AuthorlessSummary, 'createdById'>, basis: Pick<ClaimBasis, 'revealedTo'>, viewer: Viewer | null): boolean {
  return viewer !== null && (record.createdById === viewer.id || basis.revealedTo.includes(viewer.id));
}

/** What of a claim's view is the viewer's own: blind review and permissions applied to its basis. */
export function viewerPart(
  record: AuthorlessSummary,
  basis: ClaimBasis,
  settings: ReviewSettings,
  viewer: Viewer | null,
): Pick<ClaimView, 'lastActivityAt' | 'verdictsVisible' | 'myRating' | 'can'> {
  const visible = canSeeVerdicts(settings, viewer, basis.revealedTo);
  const mine = record.verdicts.find((v) => v.reviewerId === viewer?.id);
  // Only what the viewer may know of the others feeds the permission flags.
  const facts = { createdById: record.createdById, reviewerIds: knownReviewerIds(basis.reviewerIds, visible, viewer) };
  return {
    // Unseen, the others' verdicts leave the viewer's own (one at most) as the only activity beside the claim's.
    lastActivityAt: visible ? basis.lastActivityAt : mine ? lastActivity(record, [mine]) : basis.fields.updatedAt,
    verdictsVisible: visible,
    myRating: mine ? checkedRating(mine.rating) : null,
    can: {
      editNote: viewer !== null && canEditClaimNote(viewer, facts),
      delete: viewer !== null && canDeleteClaim(viewer, facts),
    },
  };
}

/** The claim as `viewer` may see it, without its verdicts, and the verdicts they may see. */
function viewWithVerdicts<R extends ClaimSummaryRecord>(record: R, settings: ReviewSettings, viewer: Viewer | null) {
  const view = viewFromBasis(record, record.createdBy, claimBasis(record, settings), settings, viewer);
  const shown: R['verdicts'] = visibleVerdicts(record.verdicts, view.verdictsVisible, viewer);
  return { view, shown };
}

/** The claim as `viewer` may see it, under the article's review settings. */
export function toClaimDetail(record: ClaimRecord, settings: ReviewSettings, viewer: Viewer | null): ClaimDetail {
  const { view, shown } = viewWithVerdicts(record, settings, viewer);
  const verdicts = shown.map((v) => toVerdictView(v, record.reveals));
  return {
    ...view,
    verdicts,
    sources: gatherSources(verdicts),
    adjudication: record.adjudication ? toAdjudicationView(record.adjudication) : null,
  };
}

/**
 * What the exports read of a claim (lib/services/export-rows.ts
 * exportRecordPage): a full record without what no export format writes —
 * the verdicts' rich-text documents, versions and creation dates, the
 * adjudication's withdrawal — its timestamps as the ISO text the formats
 * write (lib/db/raw-rows.ts isoDates).
 */
export type ExportRecord = IsoDated<Pick<Claim, 'id' | 'revision' | 'anchorState' | 'exact' | 'prefix' | 'suffix' | 'start' | 'end' | 'note' | 'createdById' | 'createdAt' | 'updatedAt'>> & {
  createdBy: Person;
  verdicts: (IsoDated<Pick<Verdict, 'id' | 'claimId' | 'reviewerId' | 'rating' | 'rationale' | 'updatedAt'>> & { reviewer: Person; sources: Omit<Source, 'id' | 'verdictId' | 'position'>[] })[];
  adjudication: (IsoDated<Pick<Adjudication, 'rating' | 'rationale' | 'createdAt'>> & { editor: Person }) | null;
  reveals: ClaimRecord['reveals'];
};

/**
 * The claim as `viewer` may export it (lib/export/format.ts ExportClaim): the
 * same judgement as the claim panel's (blind review, consensus), built
 * without the views no format writes. The claim's detail (toClaimDetail) was
 * a fifth of a CSV export's time; this is half that.
 */
export function toExportClaim(record: ExportRecord, settings: ReviewSettings, viewer: Viewer | null): ExportClaim {
  const { consensus, shown } = judgement(record, settings, viewer);
  const verdicts = shown.map((v) => ({ reviewer: v.reviewer, rationale: v.rationale, updatedAt: v.updatedAt, sources: v.sources.map(toSourceView) }));
  const adjudication = record.adjudication;
  return {
    id: record.id,
    revision: record.revision,
    anchorState: checkedAnchorState(record.anchorState),
    exact: record.exact,
    prefix: record.prefix,
    suffix: record.suffix,
    start: record.start,
    end: record.end,
    note: record.note,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    lastActivityAt: latestChange(record.updatedAt, shown),
    consensus,
    verdicts,
    sources: gatherSources(verdicts),
    adjudication: adjudication
      ? { rating: checkedRating(adjudication.rating), rationale: adjudication.rationale, editor: adjudication.editor, createdAt: adjudication.createdAt }
      : null,
  };
}

/**
 * The list form: the detail without verdicts, sources and adjudication. Built
 * without the verdicts' views, so a list of 5,000 claims does not check
 * 25,000 rationale documents it would then drop; it needs only a summary
 * record (a full one will do).
 */
export function toClaimView(record: ClaimSummaryRecord, settings: ReviewSettings, viewer: Viewer | null): ClaimView {
  return viewWithVerdicts(record, settings, viewer).view;
}

/**
 * The claim as it is, for the history (events): every verdict and the real
 * consensus, nobody's view. Stored so that a live channel can mask it per
 * viewer later; never served as is.
 */
export interface ClaimSnapshot extends Omit<ClaimView, 'verdictsVisible' | 'myRating' | 'can'> {
  verdicts: VerdictView[];
  adjudication: AdjudicationView | null;
}

export function toClaimSnapshot(record: ClaimRecord, settings: ReviewSettings): ClaimSnapshot {
  return {
    ...claimFields(record),
    createdBy: record.createdBy,
    lastActivityAt: lastActivity(record, record.verdicts),
    consensus: consensusOf(record, settings),
    verdicts: record.verdicts.map((v) => toVerdictView(v, record.reveals)),
    adjudication: record.adjudication ? toAdjudicationView(record.adjudication) : null,
  };
}
