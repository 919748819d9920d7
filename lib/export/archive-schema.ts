// The archive: Crux's full-fidelity JSON export (format 'crux.archive', version 1),
// the one format that imports back (lib/services/archive-import.ts). The same
// schema validates what the exporter writes (tests) and what an import reads, and
// its JSON Schema is committed beside it (crux-archive.schema.json; a test fails
// when the committed file differs from z.toJSONSchema of this one).
//
// People are referenced by id inside the document and listed once in `users`.
// An address is personal data: an archive exported by an editor or admin carries
// everyone's (an import maps people to accounts by it); one exported by a
// reviewer carries only the reviewer's own, and the others' `email` is null (an
// import then creates a placeholder account per person, see archive-import.ts).
//
// Bump `version` on any change an importer of version 1 could misread.
import { CONSENSUS_RULES } from '../consensus';
import { RATINGS } from '../ratings';
import { richTextDocSchema } from '../rich-text';
import { ROLES } from '../permissions';
import { MAX_MIN_REVIEWERS, STANCES, idSchema } from '../validation';
import { z } from '../zod';

export const ARCHIVE_FORMAT = 'crux.archive';
export const ARCHIVE_VERSION = 1;

const timestamp = z.iso.datetime({ offset: false }).describe('ISO 8601, UTC');
const nullableTimestamp = timestamp.nullable();
const text = (max: number) => z.string().max(max);
const nullableText = (max: number) => z.string().max(max).nullable();
const count = z.int().min(0);
const rating = z.enum(RATINGS);

export const archiveUserSchema = z
  .object({
    id: idSchema,
    /** Lowercase; null when the exporter may not see it (a reviewer's archive). */
    email: z.email().max(254).nullable(),
    name: nullableText(200),
    role: z.enum(ROLES),
  })
  .strict();

export const archiveSourceSchema = z
  .object({
    position: count,
    url: text(2_000),
    title: nullableText(500),
    publisher: nullableText(500),
    quote: nullableText(5_000),
    stance: z.enum(STANCES).nullable(),
    accessedAt: nullableText(10),
    archiveUrl: nullableText(2_000),
  })
  .strict();

export const archiveVerdictSchema = z
  .object({
    id: idSchema,
    reviewerId: idSchema,
    rating,
    /** Plain text, derived from rationaleDoc when there is one. */
    rationale: text(20_000),
    /** The rationale as a rich-text document (lib/rich-text); null for none. */
    rationaleDoc: richTextDocSchema.nullable(),
    version: z.int().min(1),
    revisedAfterReveal: z.boolean(),
    createdAt: timestamp,
    updatedAt: timestamp,
    sources: z.array(archiveSourceSchema),
  })
  .strict();

/** Someone has seen the others' verdicts on the claim (blind review); initialRating is their first, independent one. */
export const archiveRevealSchema = z.object({ userId: idSchema, initialRating: rating, createdAt: timestamp }).strict();

export const archiveCommentSchema = z
  .object({
    id: idSchema,
    authorId: idSchema,
    body: text(20_000),
    createdAt: timestamp,
    editedAt: nullableTimestamp,
    deletedAt: nullableTimestamp,
    deletedById: idSchema.nullable(),
  })
  .strict();

/** Every adjudication of the claim, oldest first: the newest not withdrawn is in force. */
export const archiveAdjudicationSchema = z
  .object({
    id: idSchema,
    editorId: idSchema,
    rating,
    rationale: text(20_000),
    createdAt: timestamp,
    withdrawnAt: nullableTimestamp,
    withdrawnById: idSchema.nullable(),
  })
  .strict();

/** Computed for readers from the verdicts the exporter may see; an import ignores it and computes its own. */
export const archiveConsensusSchema = z
  .object({
    status: z.enum(['unreviewed', 'needs-review', 'consensus', 'disputed', 'adjudicated']),
    leadingRating: rating.nullable(),
    tie: z.array(rating),
    agreement: z.number().min(0).max(1).nullable(),
    independentAgreement: z.number().min(0).max(1).nullable(),
    counts: z.record(rating, count),
    reviewerCount: count,
    median: rating.nullable(),
    spread: z.object({ min: rating, max: rating, steps: count }).strict().nullable(),
    rule: z.enum(CONSENSUS_RULES),
    finalRating: rating.nullable(),
  })
  .strict();

export const archiveClaimSchema = z
  .object({
    id: idSchema,
    /** The revision number the anchor refers to. */
    revision: z.int().min(1),
    anchorState: z.enum(['exact', 'moved', 'fuzzy', 'orphaned']),
    exact: text(200_000),
    prefix: text(1_000),
    suffix: text(1_000),
    /** UTF-16 code units in the revision's text; end exclusive. */
    start: count,
    end: count,
    note: nullableText(5_000),
    version: z.int().min(1),
    createdById: idSchema,
    createdAt: timestamp,
    updatedAt: timestamp,
    /** Deleted claims stay on the record, as in the database. */
    deletedAt: nullableTimestamp,
    deletedById: idSchema.nullable(),
    consensus: archiveConsensusSchema,
    verdicts: z.array(archiveVerdictSchema),
    reveals: z.array(archiveRevealSchema),
    comments: z.array(archiveCommentSchema),
    adjudications: z.array(archiveAdjudicationSchema),
  })
  .strict()
  .refine((c) => c.end > c.start, { path: ['end'], message: 'end must be greater than start' });

export const archiveRevisionSchema = z
  .object({
    number: z.int().min(1),
    /** Plain text (NFC, LF): what claim offsets count in. */
    text: text(1_000_000),
    sourceFormat: z.enum(['text', 'markdown', 'html']),
    /** The submitted document before conversion to plain text. */
    source: text(2_000_000),
    createdById: idSchema.nullable(),
    createdAt: timestamp,
  })
  .strict();

/** One change on the record (an Event row), in the order it happened. */
export const archiveEventSchema = z
  .object({
    type: text(100),
    entityId: idSchema,
    claimId: idSchema.nullable(),
    actorId: idSchema.nullable(),
    /** The JSON snapshot the change recorded. */
    payload: z.json(),
    createdAt: timestamp,
  })
  .strict();

export const archiveSettingsSchema = z
  .object({
    blindReview: z.boolean(),
    consensusRule: z.enum(CONSENSUS_RULES),
    minReviewers: z.int().min(1).max(MAX_MIN_REVIEWERS),
    agreementThreshold: z.number().min(0).max(1),
    maxSpread: z.int().min(0).max(4),
  })
  .strict();

export const archiveArticleSchema = z
  .object({
    id: idSchema,
    /** The article's own idempotency key where it has one (e.g. "seed:<file>"), else null. */
    importKey: nullableText(300),
    title: text(500),
    language: text(35),
    publishedAt: nullableText(10),
    sourceUrl: nullableText(2_000),
    publisher: nullableText(500),
    currentRevision: z.int().min(1),
    version: z.int().min(1),
    settings: archiveSettingsSchema,
    createdById: idSchema.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    /** Every revision, oldest first. */
    revisions: z.array(archiveRevisionSchema).min(1),
    /** In text order (start, the longer first, then creation), deleted ones included. */
    claims: z.array(archiveClaimSchema),
    /** The article's history, oldest first; only in an editor's or admin's archive (the snapshots hold every verdict). */
    history: z.array(archiveEventSchema),
  })
  .strict();

export const archiveSchema = z
  .object({
    format: z.literal(ARCHIVE_FORMAT),
    version: z.literal(ARCHIVE_VERSION),
    exportedAt: timestamp,
    articles: z.array(archiveArticleSchema),
    /** Everyone the articles refer to, once. */
    users: z.array(archiveUserSchema),
  })
  .strict();

export type Archive = z.output<typeof archiveSchema>;
export type ArchiveArticle = z.output<typeof archiveArticleSchema>;
export type ArchiveRevision = z.output<typeof archiveRevisionSchema>;
export type ArchiveVerdict = z.output<typeof archiveVerdictSchema>;
export type ArchiveClaim = z.output<typeof archiveClaimSchema>;
export type ArchiveUser = z.output<typeof archiveUserSchema>;
export type ArchiveEvent = z.output<typeof archiveEventSchema>;

/** The archive's JSON Schema (draft 2020-12), as committed in crux-archive.schema.json. */
export function archiveJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(archiveSchema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: 'https://crux.example/schemas/crux-archive-1.json', title: 'Crux archive, version 1', ...schema };
}

/** The committed file's text: the schema pretty-printed, ending with a newline. */
export function archiveJsonSchemaText(): string {
  return `${JSON.stringify(archiveJsonSchema(), null, 2)}\n`;
}
