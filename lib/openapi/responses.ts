// What the REST API answers, as Zod schemas: the OpenAPI document describes the
// responses with them (lib/openapi/operations.ts), and tests/unit/openapi.test.ts
// parses real answers of the routes with them, so the document cannot drift from
// what the services return. The services keep their TypeScript interfaces (the
// type each one builds); these schemas are the published description of the same
// shapes, checked against real responses rather than trusted.
import { z } from '../zod';
import { CONSENSUS_RULES } from '../consensus';
import { HISTORY_TYPES } from '../history';
import { REGISTRATION_MODES } from '../invitations';
import { NOTIFICATION_TYPES } from '../notifications';
import { ORDINAL_RATINGS, RATINGS } from '../ratings';
import { ROLES } from '../permissions';
import { STANCES } from '../validation';

import { articleStructureSchema } from '../articles/canonical';
import { SOURCE_FORMATS } from '../articles/submission';

const isoDate = z.string().meta({ description: 'An instant, ISO 8601 in UTC (`2025-07-14T09:30:00.000Z`).', format: 'date-time' });
const nullableIsoDate = isoDate.nullable();

export const ratingSchema = z.enum(RATINGS).meta({ id: 'Rating', description: 'A verdict’s rating: `false` … `true` on the scale (1–5), or `unverifiable`.' });
const ordinalRating = z.enum(ORDINAL_RATINGS);

export const personSchema = z.strictObject({ id: z.string(), name: z.string().nullable() }).meta({ id: 'Person', description: 'Someone on the desk, by id and name.' });

export const reviewSettingsResponseSchema = z
  .strictObject({
    blindReview: z.boolean(),
    consensusRule: z.enum(CONSENSUS_RULES),
    minReviewers: z.number().int(),
    agreementThreshold: z.number(),
    maxSpread: z.number().int(),
  })
  .meta({ id: 'ReviewSettings', description: 'An article’s review settings (README, *Consensus rules*).' });

export const consensusSchema = z
  .strictObject({
    status: z.enum(['unreviewed', 'needs-review', 'consensus', 'disputed', 'adjudicated']),
    leadingRating: ratingSchema.nullable(),
    tie: z.array(ratingSchema),
    agreement: z.number().nullable(),
    independentAgreement: z.number().nullable(),
    counts: z.record(ratingSchema, z.number().int()),
    reviewerCount: z.number().int(),
    median: ordinalRating.nullable(),
    spread: z.strictObject({ min: ordinalRating, max: ordinalRating, steps: z.number().int() }).nullable(),
    rule: z.enum(CONSENSUS_RULES),
    finalRating: ratingSchema.nullable(),
  })
  .meta({ id: 'Consensus', description: 'Where the verdicts stand on a claim (README, *Consensus rules*); masked under blind review until you have given yours.' });

export const articleSummarySchema = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    language: z.string(),
    publishedAt: z.string().nullable(),
    publisher: z.string().nullable(),
    revision: z.number().int(),
    claimCount: z.number().int(),
    reviewedClaimCount: z.number().int(),
    createdAt: isoDate,
  })
  .meta({ id: 'ArticleSummary' });

export const articleSchema = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    text: z.string().meta({ description: 'The article’s text; claims’ `start`/`end` count UTF-16 code units in it.' }),
    language: z.string(),
    publishedAt: z.string().nullable().meta({ description: '`YYYY`, `YYYY-MM` or `YYYY-MM-DD`.' }),
    sourceUrl: z.string().nullable(),
    publisher: z.string().nullable(),
    sourceFormat: z.enum(SOURCE_FORMATS).meta({ description: 'What the current revision was imported from.' }),
    structure: articleStructureSchema
      .nullable()
      .meta({ description: 'Markdown and HTML: headings, lists, quotations and inline marks as `[start, end)` ranges of `text`; null for plain text.' }),
    revision: z.number().int(),
    version: z.number().int().meta({ description: 'Send it back with a change (optimistic concurrency).' }),
    settings: reviewSettingsResponseSchema,
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'Article' });

const anchorStateCount = z.number().int().min(0);

export const articleUpdateResponseSchema = articleSchema
  .extend({
    reanchored: z
      .strictObject({ exact: anchorStateCount, moved: anchorStateCount, fuzzy: anchorStateCount, orphaned: anchorStateCount })
      .optional()
      .meta({ description: 'With a new text: how many live claims were anchored again in each state (README, *Revisions and re-anchoring*).' }),
  })
  .meta({ id: 'ArticleUpdate' });

export const revisionSummarySchema = z
  .strictObject({ number: z.number().int().min(1), createdAt: isoDate, createdBy: personSchema.nullable(), sourceFormat: z.enum(SOURCE_FORMATS), current: z.boolean() })
  .meta({ id: 'RevisionSummary', description: 'One of an article’s texts, without the text.' });

export const revisionDetailSchema = revisionSummarySchema
  .extend({
    articleId: z.string(),
    text: z.string().meta({ description: 'The canonical plain text: claims made on this revision count their offsets in it.' }),
    source: z.string().meta({ description: 'What was submitted, before conversion.' }),
  })
  .meta({ id: 'Revision' });

const importCounts = z.strictObject({ created: z.number().int().min(0), present: z.number().int().min(0) });

export const importSummarySchema = z
  .strictObject({
    articles: importCounts,
    claims: importCounts,
    verdicts: importCounts,
    users: importCounts,
    results: z.array(z.strictObject({ id: z.string(), title: z.string(), created: z.boolean() })),
  })
  .meta({ id: 'ImportSummary', description: 'What an archive import created and what was already present.' });

const richTextDocument = z
  .looseObject({ type: z.literal('doc'), content: z.array(z.unknown()) })
  .meta({ id: 'RichTextDoc', description: 'A TipTap (ProseMirror) document: README, *Rationales as rich text*.' });

export const sourceResponseSchema = z
  .strictObject({
    url: z.string(),
    title: z.string().nullable(),
    publisher: z.string().nullable(),
    quote: z.string().nullable(),
    stance: z.enum(STANCES).nullable(),
    accessedAt: z.string().nullable().meta({ description: 'The day consulted, `YYYY-MM-DD`.' }),
    archiveUrl: z.string().nullable(),
  })
  .meta({ id: 'Source' });

export const verdictResponseSchema = z
  .strictObject({
    id: z.string(),
    claimId: z.string(),
    reviewer: personSchema,
    rating: ratingSchema,
    rationale: z.string(),
    rationaleDoc: richTextDocument.nullable(),
    sources: z.array(sourceResponseSchema),
    version: z.number().int(),
    initialRating: ratingSchema,
    revisedAfterReveal: z.boolean(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'Verdict' });

export const adjudicationResponseSchema = z
  .strictObject({
    id: z.string(),
    claimId: z.string(),
    rating: ratingSchema,
    rationale: z.string(),
    editor: personSchema,
    createdAt: isoDate,
    withdrawnAt: nullableIsoDate,
    withdrawnBy: personSchema.nullable(),
  })
  .meta({ id: 'Adjudication' });

const claimFields = {
  id: z.string(),
  articleId: z.string(),
  revision: z.number().int(),
  anchorState: z.enum(['exact', 'moved', 'fuzzy', 'orphaned']),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  start: z.number().int().meta({ description: 'UTF-16 offset in the article’s text: `text.slice(start, end) === exact`.' }),
  end: z.number().int(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdBy: personSchema,
  createdAt: isoDate,
  updatedAt: isoDate,
  lastActivityAt: isoDate,
  consensus: consensusSchema,
  verdictsVisible: z.boolean(),
  myRating: ratingSchema.nullable(),
  can: z.strictObject({ editNote: z.boolean(), delete: z.boolean() }),
};

export const claimSchema = z.strictObject(claimFields).meta({ id: 'Claim', description: 'A claim as lists show it.' });

export const claimDetailSchema = z
  .strictObject({
    ...claimFields,
    verdicts: z.array(verdictResponseSchema),
    sources: z.array(
      z.strictObject({
        url: z.string(),
        title: z.string().nullable(),
        publisher: z.string().nullable(),
        citedBy: z.array(
          z.strictObject({
            reviewer: personSchema,
            stance: z.enum(STANCES).nullable(),
            quote: z.string().nullable(),
            accessedAt: z.string().nullable(),
            archiveUrl: z.string().nullable(),
          }),
        ),
      }),
    ),
    adjudication: adjudicationResponseSchema.nullable(),
  })
  .meta({ id: 'ClaimDetail', description: 'A claim with the verdicts you may see, their sources gathered, and the adjudication in force.' });

export const commentResponseSchema = z
  .strictObject({
    id: z.string(),
    claimId: z.string(),
    author: personSchema,
    body: z.string(),
    mentions: z.array(personSchema),
    createdAt: isoDate,
    editedAt: nullableIsoDate,
    can: z.strictObject({ edit: z.boolean(), delete: z.boolean() }),
  })
  .meta({ id: 'Comment' });

export const adjudicationHistorySchema = z
  .strictObject({ current: adjudicationResponseSchema.nullable(), history: z.array(adjudicationResponseSchema) })
  .meta({ id: 'AdjudicationHistory' });

export const notificationResponseSchema = z
  .strictObject({
    id: z.string(),
    type: z.enum(NOTIFICATION_TYPES),
    claimId: z.string(),
    claimQuote: z.string(),
    articleId: z.string(),
    actor: personSchema.nullable(),
    commentId: z.string().nullable(),
    createdAt: isoDate,
    readAt: nullableIsoDate,
  })
  .meta({ id: 'Notification' });

export const userResponseSchema = z
  .strictObject({
    id: z.string(),
    name: z.string().nullable(),
    role: z.enum(ROLES),
    active: z.boolean(),
    email: z.string().optional().meta({ description: 'Admins only.' }),
    createdAt: isoDate.optional().meta({ description: 'Admins only.' }),
    deactivatedAt: nullableIsoDate.optional().meta({ description: 'Admins only.' }),
  })
  .meta({ id: 'User' });

export const invitationResponseSchema = z
  .strictObject({
    id: z.string(),
    email: z.string().nullable(),
    role: z.enum(ROLES),
    expiresAt: isoDate,
    createdAt: isoDate,
    createdBy: personSchema.nullable(),
  })
  .meta({ id: 'Invitation' });

const historyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const historyPageSchema = z
  .strictObject({
    entries: z.array(
      z.strictObject({
        id: z.number().int(),
        type: z.enum(HISTORY_TYPES),
        action: z.enum(['created', 'changed', 'deleted']),
        actor: personSchema.nullable(),
        at: isoDate,
        claimId: z.string().nullable(),
        changes: z.array(z.strictObject({ field: z.string(), before: historyValue, after: historyValue })),
      }),
    ),
    nextCursor: z.number().int().nullable(),
  })
  .meta({ id: 'HistoryPage' });

/**
 * The agreement report: its main figures. It has many sections (README, *The agreement
 * report*); the document names them and leaves their inside open.
 */
export const agreementReportSchema = z
  .looseObject({
    scope: z.looseObject({ article: z.strictObject({ id: z.string(), title: z.string() }).nullable(), from: z.string().nullable(), to: z.string().nullable(), reviewer: z.string().nullable() }),
    restricted: z.boolean(),
    reviewers: z.number().int(),
    claims: z.number().int(),
    percentAgreement: z.number().nullable(),
    krippendorffAlpha: z.strictObject({ nominal: z.number().nullable(), ordinal: z.number().nullable(), interval: z.number().nullable() }),
    fleissKappa: z.unknown(),
    gwetAC1: z.number().nullable(),
    cohenKappa: z.array(z.looseObject({ kappa: z.number().nullable(), n: z.number().int() })),
    reliability: z.looseObject({ insufficientData: z.boolean() }),
    people: z.array(personSchema),
    articles: z.array(z.strictObject({ id: z.string(), title: z.string() })),
    statuses: z.record(z.string(), z.number().int()),
    attention: z.looseObject({ total: z.number().int() }),
    coverage: z.unknown(),
    overTime: z.unknown(),
  })
  .meta({ id: 'AgreementReport' });

export const registrationResponseSchema = z.strictObject({ mode: z.enum(REGISTRATION_MODES) }).meta({ id: 'Registration' });

export const healthSchema = z.strictObject({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'unreachable']) }).meta({ id: 'Health' });

/** The one error shape (lib/http.ts errorBody): `message` for people, `key` and `params` for programs. */
export const errorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.string().meta({ description: 'A stable code: `validation_failed`, `not_found`, `conflict`, …' }),
      key: z.string().meta({ description: 'The error key an interface translates (README, *REST API*).' }),
      message: z.string().meta({ description: 'A sentence for a person, naming the field and the limit.' }),
      params: z.record(z.string(), z.unknown()).optional(),
      issues: z
        .array(
          z.strictObject({
            path: z.array(z.union([z.string(), z.number()])),
            message: z.string(),
            key: z.string(),
            params: z.record(z.string(), z.unknown()).optional(),
          }),
        )
        .optional(),
      claimId: z.string().optional().meta({ description: 'On a duplicate claim: the claim already marking that passage.' }),
      current: z.unknown().optional().meta({ description: 'On a stale `version`: the thing as it is now, as you may see it.' }),
      requestId: z.string().optional().meta({ description: 'The request’s `X-Request-Id`, also in the server’s log.' }),
    }),
  })
  .meta({ id: 'Error' });
