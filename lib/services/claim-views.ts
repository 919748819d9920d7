// What the API, the UI and the exports show of a claim, built from the rows
// lib/services/claim-rows.ts loads. The rules (blind review, permissions,
// consensus) are pure functions from lib/; this file only applies them.
import type { AnchorState } from '../anchoring/selectors';
import { canSeeVerdicts, maskConsensus, visibleVerdicts } from '../blind-review';
import { computeConsensus, type Consensus, type ReviewSettings } from '../consensus';
import type { ExportedSource } from '../export/types';
import type { Adjudication, Claim, Source, Verdict } from '../generated/prisma/client';
import { canDeleteClaim, canEditClaimNote, type Viewer } from '../permissions';
import { isRating, type Rating } from '../ratings';
import { STANCES } from '../validation';

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

export interface ClaimDetail extends ClaimView {
  verdicts: VerdictView[];
  sources: SourceView[];
}

/** A claim row with everything its views need, assembled by claim-rows.ts. */
export type ClaimRecord = Claim & {
  createdBy: Person;
  verdicts: (Verdict & { reviewer: Person; sources: Source[] })[];
  /** The adjudication in force (the newest), if any. */
  adjudication: Adjudication | null;
};

const ANCHOR_STATES = ['exact', 'moved', 'fuzzy', 'orphaned'] as const satisfies readonly AnchorState[];

/** A value read from the database, checked against the values the schema documents. */
function checked<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`Unexpected ${what} in the database: ${JSON.stringify(value)}.`);
}

function rating(value: string): Rating {
  if (isRating(value)) return value;
  throw new Error(`Unexpected rating in the database: ${JSON.stringify(value)}.`);
}

function toSourceView(s: Source): SourceView {
  return {
    url: s.url,
    title: s.title,
    publisher: s.publisher,
    quote: s.quote,
    stance: s.stance === null ? null : checked(s.stance, STANCES, 'source stance'),
  };
}

function toVerdictView(v: ClaimRecord['verdicts'][number]): VerdictView {
  return {
    id: v.id,
    claimId: v.claimId,
    reviewer: v.reviewer,
    rating: rating(v.rating),
    rationale: v.rationale,
    sources: v.sources.map(toSourceView),
    version: v.version,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

/** The claim as `viewer` may see it, under the article's review settings. */
export function toClaimDetail(record: ClaimRecord, settings: ReviewSettings, viewer: Viewer | null): ClaimDetail {
  const reviewerIds = record.verdicts.map((v) => v.reviewerId);
  const visible = canSeeVerdicts(settings, viewer, reviewerIds);
  const consensus = computeConsensus(
    record.verdicts.map((v) => rating(v.rating)),
    settings,
    record.adjudication ? rating(record.adjudication.rating) : null,
  );
  const shown = visibleVerdicts(record.verdicts, visible, viewer);
  const verdicts = shown.map(toVerdictView);
  const mine = record.verdicts.find((v) => v.reviewerId === viewer?.id);
  const lastActivity = Math.max(record.updatedAt.getTime(), ...shown.map((v) => v.updatedAt.getTime()));
  const facts = { createdById: record.createdById, reviewerIds };
  return {
    id: record.id,
    articleId: record.articleId,
    revision: record.revision,
    anchorState: checked(record.anchorState, ANCHOR_STATES, 'anchor state'),
    exact: record.exact,
    prefix: record.prefix,
    suffix: record.suffix,
    start: record.start,
    end: record.end,
    note: record.note,
    version: record.version,
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    lastActivityAt: new Date(lastActivity).toISOString(),
    consensus: visible ? consensus : maskConsensus(consensus),
    verdictsVisible: visible,
    myRating: mine ? rating(mine.rating) : null,
    can: {
      editNote: viewer !== null && canEditClaimNote(viewer, facts),
      delete: viewer !== null && canDeleteClaim(viewer, facts),
    },
    verdicts,
    sources: verdicts.flatMap((v) => v.sources),
  };
}

/** The list form: the detail without verdicts and sources. */
export function toClaimView(detail: ClaimDetail): ClaimView {
  const { verdicts: _verdicts, sources: _sources, ...view } = detail;
  return view;
}
