// Zod schemas for every input that crosses the service boundary (REST API and
// server actions alike). Limits keep one request from filling the database.
import { z } from './zod';
import { RATINGS } from './ratings';
import { CONSENSUS_RULES, SCALE_STEPS, type ConsensusStatus } from './consensus';
import { CONSENSUS_STATUSES, EXPORT_SCOPES } from './export/filters';
import { CSV_DELIMITERS, EXPORT_FORMATS } from './export/format';
import { httpUrlSchema } from './http-url';
import { RATIONALE_LIMIT, docFromPlainText, plainText, richTextDocSchema } from './rich-text';
import { normalizeUrl } from './sources';
import { invalid, type DomainError, type FieldIssue, type IssueKey, type Params } from './errors';
import { MAX_COMBINING_MARKS, findString, hasTooManyCombiningMarks, isWellFormed } from './unicode';
import { MAX_ARTICLE_CHARS, SOURCE_FORMATS, isPublicationDate } from './articles/submission';
import { INVITATION_DAYS, REGISTRATION_MODES, invitationRoleAllowed } from './invitations';
import { ROLES } from './permissions';

/** The longest id Crux accepts (its own are 25-character cuids). */
export const MAX_ID_CHARS = 100;

/**
 * An id as a caller names a thing: the string a REST path carries, and what a
 * server action must be given in its place (an object there would reach the
 * database as a filter).
 */
export const idSchema = z.string().min(1).max(MAX_ID_CHARS);

const trimmed = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

// Messages are written by parseInput from each issue's key and the field's name
// (see ISSUE_MESSAGES below), so the schemas only state their rules.
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const passwordSchema = z.string().min(8).max(200);

const accountSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: optionalText(100),
});

/** Self-registration; `invitation` is the secret of an invitation link (lib/invitations). */
export const registerSchema = accountSchema.extend({ invitation: optionalText(200) });

export const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});

export const userUpsertSchema = accountSchema.extend({ role: z.enum(ROLES) });

/** Settings: the current password proves it is the account's owner at the keyboard. */
export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});

export { httpUrlSchema };

const publishedAt = z
  .string()
  .trim()
  .refine(isPublicationDate, { params: { key: 'invalidDate' } });
const publishedAtSchema = publishedAt.nullish().transform((v) => v ?? null);

/** Longer than any language tag in use (BCP 47 asks implementations to take 35 characters at least). */
export const MAX_LANGUAGE_TAG = 35;

const languageTag = z
  .string()
  .trim()
  .max(MAX_LANGUAGE_TAG)
  .refine((v) => /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(v), { params: { key: 'invalidLanguage' } });

/**
 * POST /articles: the text as plain text, Markdown or HTML (exactly one), each
 * at most MAX_ARTICLE_CHARS characters as sent; the canonical text it becomes
 * is held to the same limit when imported (lib/services/articles.ts).
 */
/** The fields an article's text may come in: at most one per request. The first one given is the text; each other one is the mistake to name. */
function atMostOneText(value: Partial<Record<(typeof SOURCE_FORMATS)[number], string>>, ctx: z.RefinementCtx): void {
  const given = SOURCE_FORMATS.filter((field) => value[field] !== undefined);
  for (const field of given.slice(1)) {
    ctx.addIssue({
      code: 'custom',
      path: [field],
      message: `Send the text once, as one of text, markdown or html: ${given.join(' and ')} were both sent.`,
      params: { key: 'invalid' },
    });
  }
}

export const articleCreateSchema = z
  .object({
    title: optionalText(300),
    text: z.string().max(MAX_ARTICLE_CHARS).optional(),
    markdown: z.string().max(MAX_ARTICLE_CHARS).optional(),
    html: z.string().max(MAX_ARTICLE_CHARS).optional(),
    sourceUrl: httpUrlSchema.nullish().transform((v) => v ?? null),
    publisher: optionalText(200),
    publishedAt: publishedAtSchema,
    language: languageTag.nullish().transform((v) => v ?? null),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!SOURCE_FORMATS.some((field) => value[field] !== undefined)) ctx.addIssue({ code: 'custom', path: ['text'], params: { key: 'required' } });
    atMostOneText(value, ctx);
  });
export type ArticleCreateInput = z.output<typeof articleCreateSchema>;

/** An optional field of a PATCH: absent leaves it alone, null or blank clears it. */
const clearableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v ? v : null));

export const MAX_MIN_REVIEWERS = 50;

/** An article's review settings (lib/consensus); each one optional in a change. */
export const reviewSettingsSchema = z
  .object({
    blindReview: z.boolean().optional(),
    consensusRule: z.enum(CONSENSUS_RULES).optional(),
    minReviewers: z.number().int().min(1).max(MAX_MIN_REVIEWERS).optional(),
    agreementThreshold: z.number().gt(0).max(1).optional(),
    maxSpread: z.number().int().min(0).max(SCALE_STEPS).optional(),
  })
  .strict();

/**
 * PATCH /articles/:id: corrections to the metadata and the review settings,
 * and a new text (a new revision, every claim re-anchored). `version` is required: all of
 * it is edited by hand, and two editors correcting the same title must not overwrite each other unseen.
 */
export const articleUpdateSchema = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    publisher: clearableText(200),
    sourceUrl: httpUrlSchema
      .or(z.literal(''))
      .nullable()
      .optional()
      .transform((v) => (v === undefined ? undefined : v || null)),
    publishedAt: publishedAt.nullable().optional(),
    language: languageTag.optional(),
    version: z.number().int().min(1),
    text: z.string().max(MAX_ARTICLE_CHARS).optional(),
    markdown: z.string().max(MAX_ARTICLE_CHARS).optional(),
    html: z.string().max(MAX_ARTICLE_CHARS).optional(),
    settings: reviewSettingsSchema.optional(),
  })
  .strict()
  .superRefine(atMostOneText);
export type ArticleUpdateInput = z.output<typeof articleUpdateSchema>;

/** GET /articles/:id/revisions/:number: a revision's number as the path carries it. */
const REVISION_NUMBER = /^[1-9][0-9]{0,8}$/;
export const revisionParamsSchema = z.object({
  number: z
    .string()
    // A rule with its own sentence (a regex's issue would only say "not valid"); its pattern still documented (lib/openapi).
    .refine((v) => REVISION_NUMBER.test(v), { params: { key: 'invalid' }, message: 'The revision number must be a whole number from 1, as the list of revisions gives it.' })
    .meta({ pattern: REVISION_NUMBER.source })
    .transform(Number),
});

/** Stored texts are NFC; quotes are compared in the same form. */
const nfc = (s: string) => s.normalize('NFC');

export const claimCreateSchema = z
  .object({
    exact: z.string().min(1).max(5000).transform(nfc),
    prefix: z.string().max(200).transform(nfc).optional(),
    suffix: z.string().max(200).transform(nfc).optional(),
    start: z.number().int().min(0).optional(),
    end: z.number().int().min(0).optional(),
    note: optionalText(2000),
  })
  .strict()
  .refine((v) => v.start === undefined || v.end === undefined || v.end > v.start, {
    path: ['end'],
    message: 'The end position must come after the start position.',
  });
export type ClaimCreateInput = z.output<typeof claimCreateSchema>;

/** PATCH /claims/:id: the note (null or blank clears it), with the version it was read at. */
export const claimUpdateSchema = z
  .object({
    // Required (null clears it): a PATCH without it is a mistake, not a request to erase the note.
    note: z
      .string()
      .trim()
      .max(2000)
      .nullable()
      .transform((v) => (v ? v : null)),
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type ClaimUpdateInput = z.output<typeof claimUpdateSchema>;

export const STANCES = ['supports', 'refutes', 'context'] as const;

/** A calendar day, YYYY-MM-DD, that exists. */
const calendarDay = z
  .string()
  .trim()
  .refine(
    (v) => {
      const day = new Date(`${v}T00:00:00Z`);
      // 2025-02-30 parses as March 2nd: the day must come back as written.
      return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(v);
    },
    { params: { key: 'invalidDay' } },
  );

export const sourceSchema = z
  .object({
    url: httpUrlSchema.transform(normalizeUrl),
    title: optionalText(300),
    publisher: optionalText(200),
    quote: optionalText(2000),
    stance: z.enum(STANCES).nullish().transform((v) => v ?? null),
    accessedAt: calendarDay.nullish().transform((v) => v ?? null),
    archiveUrl: httpUrlSchema.nullish().transform((v) => (v ? normalizeUrl(v) : null)),
  })
  .strict();
export type SourceInput = z.output<typeof sourceSchema>;

/**
 * PUT /claims/:id/verdict. The rationale comes as a rich-text document
 * (`rationaleDoc`, lib/rich-text) or as plain text (`rationale`, for API clients
 * that have no editor). With a document, the stored plain text is derived from
 * it and a `rationale` sent alongside is ignored: the document is the rationale,
 * and two versions of it could only disagree. With plain text alone, the
 * document is built from it (paragraphs at blank lines). An empty rationale
 * stores no document.
 */
export const verdictSchema = z
  .object({
    rating: z.enum(RATINGS),
    rationale: trimmed(RATIONALE_LIMIT).optional(),
    rationaleDoc: richTextDocSchema.nullish(),
    sources: z.array(sourceSchema).max(50).optional().default([]),
    // The version of your verdict you started from; 0 when you had none, so a verdict
    // given meanwhile (in another tab) is a conflict too.
    version: z.number().int().min(0).optional(),
  })
  .strict()
  .transform(({ rationale, rationaleDoc, ...rest }, ctx) => {
    const text = rationaleDoc ? plainText(rationaleDoc) : (rationale ?? '');
    if (rationaleDoc || !text) return { ...rest, rationale: text, rationaleDoc: rationaleDoc && text ? rationaleDoc : null };
    // The document built from plain text is held to a document's limits (its parts: a paragraph
    // or line each), and refused on the field the caller sent.
    const built = richTextDocSchema.safeParse(docFromPlainText(text));
    if (!built.success) {
      for (const issue of built.error.issues) {
        ctx.issues.push({ code: 'custom', path: ['rationale'], message: issue.message, input: rationale, ...(issue.code === 'custom' ? { params: issue.params } : {}) });
      }
      return z.NEVER;
    }
    return { ...rest, rationale: text, rationaleDoc: built.data };
  });
export type VerdictInput = z.output<typeof verdictSchema>;

const adjudicationId = z.string().trim().min(1).max(MAX_ID_CHARS);

/** POST /claims/:id/adjudication: an editor's final rating, with the reasons for it. */
export const adjudicationSchema = z
  .object({
    rating: z.enum(RATINGS),
    rationale: trimmed(10_000).min(1),
    // Adjudications are append-only rows, so the one in force is their version: the id of
    // the adjudication being revised, or null when settling a claim that has none.
    replaces: adjudicationId.nullable().optional(),
  })
  .strict();
export type AdjudicationInput = z.output<typeof adjudicationSchema>;

/** DELETE /claims/:id/adjudication?adjudication=<id>: the one the editor means to withdraw (optional). */
export const adjudicationWithdrawalSchema = z.object({ adjudication: adjudicationId.optional() }).strict();

/** PATCH /users/:id: an admin changes someone's role, or deactivates (active: false) and reactivates them. */
export const userUpdateSchema = z.object({ role: z.enum(ROLES).optional(), active: z.boolean().optional() }).strict();

/** PUT /registration: an admin opens registration to anyone, or to invitations only. */
export const registrationModeSchema = z.object({ mode: z.enum(REGISTRATION_MODES) }).strict();

/**
 * POST /invitations: for anyone holding the link, or for one email address;
 * the role the account gets (admin only for a named address, lib/invitations);
 * how many days the link works.
 */
export const invitationCreateSchema = z
  .object({
    // A form's empty email field means "anyone with the link".
    email: z
      .preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), emailSchema.nullish())
      .transform((v) => v ?? null),
    role: z.enum(ROLES).default('reviewer'),
    expiresInDays: z.number().int().min(INVITATION_DAYS.min).max(INVITATION_DAYS.max).default(INVITATION_DAYS.default),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!invitationRoleAllowed(value.role, value.email)) ctx.addIssue({ code: 'custom', path: ['email'], params: { key: 'requiredForAdmin' } });
  });
export type InvitationCreateInput = z.output<typeof invitationCreateSchema>;

/** POST /notifications/read: some notifications by id, or all of them. */
export const notificationsReadSchema = z
  .object({
    ids: z.array(idSchema).min(1).max(500).optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((v) => (v.ids === undefined) !== (v.all === undefined), {
    path: ['ids'],
    message: 'Send either "ids", the notifications to mark as read, or "all": true.',
  });

export const MAX_COMMENT_CHARS = 5_000;

/** POST /claims/:id/comments and PATCH /comments/:id. */
export const commentSchema = z.object({ body: trimmed(MAX_COMMENT_CHARS).min(1) }).strict();
export type CommentInput = z.output<typeof commentSchema>;


/** "a,b" (a query string's list) as ["a", "b"], each one of `values`. */
function commaList<T extends string>(values: readonly [T, ...T[]]) {
  return z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''))
    .pipe(z.array(z.enum(values)).min(1).max(values.length));
}

const queryFlag = z.enum(['true', 'false', '1', '0']);

/**
 * GET /articles/:id/export and /export (and `npm run export`): the format,
 * the scope (`reviewed`: consensus or adjudicated; `all`), filters on the
 * claim as the viewer sees it (lib/export/filters.ts): `status` and `rating`
 * as comma-separated lists, `reviewer` (an account id), `from` and `to`
 * (days, UTC, both included, on the claim's last activity); for CSV the
 * `delimiter` (`,` `;` or `tab`) and `bom` (true by default).
 */
export const exportQuerySchema = z
  .object({
    format: z.enum(EXPORT_FORMATS).default('json'),
    scope: z.enum(EXPORT_SCOPES).default('reviewed'),
    status: commaList(CONSENSUS_STATUSES as [ConsensusStatus, ...ConsensusStatus[]]).optional(),
    rating: commaList(RATINGS).optional(),
    reviewer: idSchema.optional(),
    from: calendarDay.optional(),
    to: calendarDay.optional(),
    delimiter: z.enum(CSV_DELIMITERS).default(','),
    bom: queryFlag.default('true').transform((v) => v === 'true' || v === '1'),
  })
  .superRefine((value, ctx) => {
    if (value.from !== undefined && value.to !== undefined && value.from > value.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `The end of the period (${value.to}) comes before its start (${value.from}).` });
    }
  });
export type ExportQuery = z.output<typeof exportQuerySchema>;

/**
 * GET /articles/:id/agreement and /agreement: `from` and `to` (days, UTC,
 * both included) keep the verdicts given in that window — under blind review
 * the day of the reviewer's first verdict on the claim, whose rating the
 * figures use; else the day the verdict was last saved. `reviewer` keeps the
 * claims that reviewer rated. `format` makes it a download.
 */
export const agreementQuerySchema = z
  .object({
    from: calendarDay.optional(),
    to: calendarDay.optional(),
    reviewer: idSchema.optional(),
    format: z.enum(['json', 'csv']).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.from !== undefined && value.to !== undefined && value.from > value.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `The end of the period (${value.to}) comes before its start (${value.from}).` });
    }
  });
export type AgreementQuery = z.output<typeof agreementQuerySchema>;

export const tokenCreateSchema = z.object({ name: trimmed(100).min(1) }).strict();

// ---------------------------------------------------------------------------
// From Zod issues to messages for people. This is the one place that maps Zod
// issue codes to the stable keys clients translate (lib/errors IssueKey), and
// words each one as a sentence naming the field and the limit.

/** Fields in words, as the middle of a sentence ("the rationale"). */
const FIELD_NAMES: Record<string, string> = {
  title: 'the title',
  text: 'the article text',
  markdown: 'the Markdown text',
  html: 'the HTML text',
  settings: 'the review settings',
  blindReview: 'blind review',
  minReviewers: 'the minimum number of reviewers',
  agreementThreshold: 'the agreement threshold',
  sourceUrl: 'the source link',
  publisher: 'the publisher',
  publishedAt: 'the publication date',
  language: 'the language',
  version: 'the version',
  replaces: 'the adjudication being revised',
  adjudication: 'the adjudication to withdraw',
  exact: 'the quoted passage',
  prefix: 'the text before the passage',
  suffix: 'the text after the passage',
  start: 'the start position',
  end: 'the end position',
  note: 'the note',
  rating: 'the rating',
  rationale: 'the rationale',
  body: 'the comment',
  sources: 'the list of sources',
  url: 'the link',
  quote: 'the quotation',
  accessedAt: 'the date consulted',
  archiveUrl: 'the archived copy’s link',
  stance: 'the stance',
  email: 'the email address',
  password: 'the password',
  currentPassword: 'the current password',
  newPassword: 'the new password',
  name: 'the name',
  role: 'the role',
  active: 'active',
  ids: 'the list of notifications',
  all: '“all”',
  lastEventId: 'the last event id',
  format: 'the export format',
  scope: 'the export scope',
  status: 'the status',
  delimiter: 'the CSV delimiter',
  bom: 'the byte order mark option',
  from: 'the start of the period',
  to: 'the end of the period',
  reviewer: 'the reviewer',
  mode: 'the registration mode',
  invitation: 'the invitation',
  expiresInDays: 'the number of days the invitation works',
  id: 'the id in the address',
  cursor: 'the cursor',
  number: 'the revision number',
  limit: 'the number of entries asked for',
  actor: 'the person whose changes are asked for',
  // A server action's arguments (app/actions.ts), where a REST route has its path.
  articleId: 'the article id',
  claimId: 'the claim id',
  commentId: 'the comment id',
  userId: 'the account id',
  tokenId: 'the token id',
  invitationId: 'the invitation id',
};

/** "Source 2: the link" for ['sources', 1, 'url']; "the rationale" for ['rationale']; the body for []. */
export function fieldLabel(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'the request body';
  const [first, index, ...rest] = path;
  if (first === 'sources' && typeof index === 'number') return rest.length > 0 ? `Source ${index + 1}: ${fieldLabel(rest)}` : `Source ${index + 1}`;
  // Inside the document, the rationale is what the reviewer knows; the path says where for programs.
  if (first === 'rationaleDoc') return path.includes('href') ? 'a link in the rationale' : 'the rationale';
  const last = [...path].reverse().find((p): p is string => typeof p === 'string');
  // Own names only: a field called "constructor" or "hasOwnProperty" is not the one every object inherits.
  return (last !== undefined && Object.hasOwn(FIELD_NAMES, last) && FIELD_NAMES[last]) || (last !== undefined ? `“${last}”` : 'this value');
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const number = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-US') : String(n));

/** The sentence for an issue key about a field. */
const ISSUE_MESSAGES: Record<IssueKey, (field: string, params: Params) => string> = {
  required: (f) => `${f} is required.`,
  tooLong: (f, p) => `${f} is too long: at most ${number(p.max)} characters.`,
  tooShort: (f, p) => `${f} is too short: at least ${number(p.min)} characters.`,
  tooMany: (f, p) => `${f} has too many entries: at most ${number(p.max)}.`,
  invalidUrl: (f) => `${f} must start with http:// or https://.`,
  invalidEmail: (f) => `${f} is not valid: write it like name@example.org.`,
  invalidDate: (f) => `${f} must be a date that exists, written YYYY, YYYY-MM or YYYY-MM-DD, for example 2025-07-14.`,
  invalidDay: (f) => `${f} must be a day written YYYY-MM-DD, for example 2025-07-14.`,
  invalidLanguage: (f) => `${f} must be a language code such as fr or en.`,
  invalidChoice: (f, p) => `${f} must be one of: ${Array.isArray(p.options) ? p.options.join(', ') : ''}.`,
  notFoundInText: (f) => `${f} was not found in the article text.`,
  alreadyClaimed: () => 'This passage is already marked as a claim.',
  alreadyRegistered: () => 'This email address is already registered.',
  stale: () => 'This was changed by someone else since you opened it.',
  notInvited: () => 'This invitation is for another email address.',
  requiredForAdmin: () => 'An invitation to be an admin must name the email address of the person invited.',
  commonPassword: (f) => `${f} is one of the most common passwords, found in lists of leaked ones: choose another.`,
  guessablePassword: (f) =>
    `${f} is too easy to guess (common words, a keyboard pattern, a repetition, or your own name or email address): choose a longer phrase of unrelated words.`,
  wrongPassword: () => 'The current password is not right.',
  invalid: (f) => `${f} is not valid.`,
};

/** A field's issue as a sentence: "The rationale is too long: at most 10,000 characters." */
export function issueMessage(path: readonly (string | number)[], key: IssueKey, params: Params = {}): string {
  const label = fieldLabel(path);
  // "Source 1: the link must …" keeps its lower case after the colon.
  const field = label.startsWith('Source ') ? label : capitalize(label);
  return ISSUE_MESSAGES[key](field, params);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a JSON object',
  array: 'a list',
};

const ISSUE_KEYS = new Set<string>(Object.keys(ISSUE_MESSAGES));
const isIssueKey = (value: unknown): value is IssueKey => typeof value === 'string' && ISSUE_KEYS.has(value);

type ZodIssue = z.core.$ZodIssue;

/** One Zod issue as FieldIssues (an unknown-keys issue names each key). */
function toFieldIssues(issue: ZodIssue): FieldIssue[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const make = (key: IssueKey, params?: Params, message = issueMessage(path, key, params)): FieldIssue => ({
    path,
    message,
    key,
    ...(params ? { params } : {}),
  });
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return [make('required')];
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      return [make('invalid', { expected: issue.expected }, `${capitalize(fieldLabel(path))} must be ${expected}.`)];
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return [make('tooLong', { max })];
      if (issue.origin === 'array') return [make('tooMany', { max })];
      return [make('invalid', { max }, `${capitalize(fieldLabel(path))} must be at most ${number(max)}.`)];
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return [min <= 1 ? make('required') : make('tooShort', { min })];
      if (issue.origin === 'array' && min <= 1) return [make('required')];
      const bound = issue.inclusive === false ? 'more than' : 'at least';
      return [make('invalid', { min }, `${capitalize(fieldLabel(path))} must be ${bound} ${number(min)}.`)];
    }
    case 'invalid_format':
      if (issue.format === 'email') return [make('invalidEmail')];
      if (issue.format === 'url') return [make('invalidUrl')];
      return [make('invalid')];
    case 'invalid_value':
      if (issue.input === undefined) return [make('required')];
      return [make('invalidChoice', { options: issue.values.map(String) })];
    case 'unrecognized_keys':
      return issue.keys.map((name) => ({
        path: [...path, name],
        message: `“${name}” is not a field this request accepts.`,
        key: 'invalid' as const,
      }));
    case 'custom': {
      const { key: named, ...params } = issue.params ?? {};
      const key = isIssueKey(named) ? named : 'invalid';
      // Rules with their own explanation keep it; the others are worded from their key (and its limit, if any).
      if (key === 'invalid') return [make(key, undefined, issue.message)];
      return [make(key, Object.keys(params).length > 0 ? (params as Params) : undefined)];
    }
    default:
      return [make('invalid')];
  }
}

/** The error's sentence: the one issue's message, or each in turn (the first few). */
/**
 * Issues listed in one refusal. Each names its field and limit; past a few dozen the
 * caller has the pattern, and a body of 60,000 unknown keys would get megabytes back.
 */
const MAX_LISTED_ISSUES = 50;

/** The refusal of these issues: one a field (the first: a number far too large broke two rules, one said), at most MAX_LISTED_ISSUES listed, every field counted. */
function refusal(all: FieldIssue[]): DomainError {
  const seen = new Set<string>();
  const issues = all.filter((issue) => {
    const key = JSON.stringify(issue.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return invalid(summary(issues), issues.slice(0, MAX_LISTED_ISSUES));
}

function summary(issues: FieldIssue[]): string {
  if (issues.length === 1) return issues[0]!.message;
  const shown = issues.slice(0, 3).map((i) => i.message);
  const more = issues.length - shown.length;
  return `${number(issues.length)} fields need correcting. ${shown.join(' ')}${more > 0 ? ` And ${number(more)} more.` : ''}`;
}

/**
 * Where the input holds text with a NUL character (U+0000): PostgreSQL's text
 * cannot store one (SQLite's can), so every database refuses it the same way,
 * as bad input. Walked without recursion: a request body may nest deeply.
 */
function nulCharacterPaths(input: unknown): (string | number)[][] {
  type Node = { value: unknown; key?: string | number; parent?: Node };
  const pathOf = (node: Node) => {
    const path: (string | number)[] = [];
    for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) path.push(n.key);
    return path.reverse();
  };
  const found: (string | number)[][] = [];
  const stack: Node[] = [{ value: input }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) found.push(pathOf(node));
    } else if (value !== null && typeof value === 'object') {
      // Pushed last first, so that the places come out in the input's order.
      const entries = Array.isArray(value) ? value.map((item, i) => [i, item] as const) : Object.entries(value);
      for (let k = entries.length - 1; k >= 0; k--) stack.push({ value: entries[k]![1], key: entries[k]![0], parent: node });
    }
  }
  return found;
}

/**
 * Refuses text that cannot be stored or normalised as sent, with a 422 naming
 * the first place it is (lib/unicode): a lone surrogate (a database stores
 * UTF-8, which cannot hold one, so the text read back would not be the text
 * acknowledged), or a run of more than 30 combining marks (NFC is quadratic in
 * such a run). The REST API applies it to every body, route and query
 * parameter; parseInput to every service input; server actions to their arguments.
 */
export function assertWellFormedText(input: unknown): void {
  const found = findString(input, (text) => !isWellFormed(text) || hasTooManyCombiningMarks(text));
  if (found === null) return;
  const field = capitalize(fieldLabel(found.path));
  const message = !isWellFormed(found.text)
    ? `${field} is not well-formed Unicode text: it holds a lone surrogate (such as \\ud800), which cannot be stored. Send UTF-8 or well-formed JSON escapes.`
    : `${field} holds more than ${MAX_COMBINING_MARKS} combining marks in a row: no language needs that many on one character. Remove the extra accents.`;
  throw invalid(message, [{ path: found.path, message, key: 'invalid', ...(isWellFormed(found.text) ? { params: { max: MAX_COMBINING_MARKS } } : {}) }]);
}

/** Parses input or throws a 422 DomainError naming each offending field in words. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  assertWellFormedText(input);
  const nul = nulCharacterPaths(input).map(
    (path): FieldIssue => ({ path, key: 'invalid', message: `${capitalize(fieldLabel(path))} contains a NUL character (U+0000), which text cannot hold: remove it.` }),
  );
  if (nul.length > 0) throw refusal(nul);
  // reportInput tells a missing field (required) from a wrong one.
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) {
    throw refusal(result.error.issues.flatMap(toFieldIssues));
  }
  return result.data;
}

/** The largest value of an Int column (32 bits on PostgreSQL): event ids, hence history cursors. */
const MAX_ID = 2_147_483_647;

/** GET /claims/:id/history and /articles/:id/activity: newest first, a page at a time. */
export const historyQuerySchema = z
  .object({
    /** The `nextCursor` of the previous page: entries older than it. */
    cursor: z.coerce.number().int().positive().max(MAX_ID).optional(),
    /** Only the changes this person made (their user id). */
    actor: idSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type HistoryQuery = z.output<typeof historyQuerySchema>;

/** GET /articles/:id/events: `lastEventId` (the Last-Event-ID header, or the query parameter) resumes after that event. */
export const eventStreamQuerySchema = z
  .object({
    lastEventId: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();
