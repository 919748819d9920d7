// Every operation of the REST API, in one list: the OpenAPI document
// (lib/openapi/document.ts) and the reference page are built from it.
//
// ADDING A ROUTE: add one entry to OPERATIONS below — its path (OpenAPI form:
// `/api/v1/things/{id}`), method, tag, who may call it, the SAME Zod schemas the
// route validates with (lib/validation.ts: `query`, `body`) and what it answers.
// tests/unit/openapi.test.ts fails until every app/api/**/route.ts method has
// its entry, and fails for an entry without a route.
import { z } from '../zod';
import {
  adjudicationSchema,
  adjudicationWithdrawalSchema,
  agreementQuerySchema,
  articleCreateSchema,
  articleUpdateSchema,
  claimCreateSchema,
  claimUpdateSchema,
  commentSchema,
  eventStreamQuerySchema,
  exportQuerySchema,
  historyQuerySchema,
  invitationCreateSchema,
  notificationsReadSchema,
  registrationModeSchema,
  userUpdateSchema,
  verdictSchema,
} from '../validation';
import {
  adjudicationHistorySchema,
  agreementReportSchema,
  articleSchema,
  articleSummarySchema,
  articleUpdateResponseSchema,
  claimDetailSchema,
  claimSchema,
  commentResponseSchema,
  consensusSchema,
  healthSchema,
  historyPageSchema,
  importSummarySchema,
  invitationResponseSchema,
  notificationResponseSchema,
  registrationResponseSchema,
  revisionDetailSchema,
  revisionSummarySchema,
  userResponseSchema,
  verdictResponseSchema,
} from './responses';
import { archiveSchema } from '../export/archive-schema';

export const TAGS = ['articles', 'claims', 'verdicts', 'comments', 'adjudications', 'agreement', 'export', 'notifications', 'users', 'live events', 'service'] as const;
export type Tag = (typeof TAGS)[number];

/** Who may call an operation, before any rule about the thing itself (its author, blind review). */
export const ACCESS = ['anyone', 'signed in', 'editor or admin', 'admin'] as const;
export type Access = (typeof ACCESS)[number];

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Answer {
  description: string;
  /** The JSON body's schema; absent for an empty body (204) or a file. */
  schema?: z.ZodType;
  /** Other content types than JSON, for a body the schema does not describe (a download, an event stream). */
  contentTypes?: string[];
}

export interface Operation {
  method: Method;
  /** OpenAPI form, from the site's root: `/api/v1/claims/{id}`. Path parameters are ids (idSchema). */
  path: string;
  tag: Tag;
  operationId: string;
  /** One line, in the newsroom's words. */
  summary: string;
  description?: string;
  access: Access;
  /** More about who, when the thing itself matters ("its author, editors and admins"). */
  who?: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A body to start from, shown in the document and the page's curl (the tests parse it with `body`). */
  example?: Record<string, unknown>;
  /** The successful answers by status. */
  success: Record<number, Answer>;
  /** Refusals particular to this operation (the common ones are derived: see document.ts); an Answer when the body is not the error shape. */
  refusals?: Record<number, string | Answer>;
}

const verdictWithConsensus = verdictResponseSchema.extend({ consensus: consensusSchema }).meta({ id: 'VerdictWithConsensus', description: 'Your verdict, and the claim’s consensus after it.' });
const adjudicationDecision = adjudicationHistorySchema.extend({ consensus: consensusSchema }).meta({ id: 'AdjudicationDecision', description: 'The adjudication in force, the history, and the claim’s consensus after the change.' });

const EXPORT_CONTENT_TYPES = ['application/json', 'text/csv', 'application/ld+json'];

const json = (description: string, schema?: z.ZodType): Answer => (schema ? { description, schema } : { description });

export const OPERATIONS: Operation[] = [
  // -- service ---------------------------------------------------------------
  {
    method: 'get',
    path: '/api/health',
    tag: 'service',
    operationId: 'getHealth',
    summary: 'Is Crux up? For load balancers and monitoring.',
    access: 'anyone',
    success: { 200: json('The server and its database answer.', healthSchema) },
    refusals: { 503: json('The database is unreachable (the body says so).', healthSchema) },
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'service',
    operationId: 'getOpenApiDocument',
    summary: 'This document: the API described in OpenAPI 3.1.',
    access: 'anyone',
    success: { 200: json('The OpenAPI 3.1 document.', z.looseObject({ openapi: z.string() })) },
  },
  // -- articles --------------------------------------------------------------
  {
    method: 'get',
    path: '/api/v1/articles',
    tag: 'articles',
    operationId: 'listArticles',
    summary: 'The stored articles, with how many claims each has and how many are reviewed.',
    access: 'signed in',
    success: { 200: json('The articles.', z.strictObject({ articles: z.array(articleSummarySchema) })) },
  },
  {
    method: 'post',
    path: '/api/v1/articles',
    tag: 'articles',
    operationId: 'createArticle',
    summary: 'Import an article from its text.',
    description:
      'Exactly one of `text`, `markdown` and `html` (README, *Importing articles*). A leading `date YYYY-MM[-DD]` line of plain text becomes `publishedAt`; without a title, one is cut from the first sentence (at most 100 characters).',
    access: 'editor or admin',
    body: articleCreateSchema,
    example: { text: 'date 2025-07\nLe chômage a baissé de 2 % en un an, selon le ministre.', publisher: 'AFP', language: 'fr' },
    success: { 201: json('The article created.', articleSchema) },
  },
  {
    method: 'get',
    path: '/api/v1/articles/{id}',
    tag: 'articles',
    operationId: 'getArticle',
    summary: 'An article: its text, details and review settings.',
    access: 'signed in',
    success: { 200: json('The article.', articleSchema) },
  },
  {
    method: 'patch',
    path: '/api/v1/articles/{id}',
    tag: 'articles',
    operationId: 'updateArticle',
    summary: 'Correct an article’s details, change its review settings, or replace its text (a new revision).',
    description:
      '`version` is required: 409 with `current` (the article as it is now) when someone saved first. `null` clears an optional field. With one of `text`, `markdown` or `html`, the text becomes a new revision and every live claim is anchored again: the answer carries `reanchored` (README, *Revisions and re-anchoring*).',
    access: 'editor or admin',
    body: articleUpdateSchema,
    example: { version: 3, title: 'Chômage : ce que disent les chiffres', settings: { minReviewers: 3 } },
    success: { 200: json('The article as corrected; its `version` went up by one.', articleUpdateResponseSchema) },
    refusals: { 409: 'Stale `version`: someone changed the article since you read it (`current` is the article now).' },
  },
  {
    method: 'get',
    path: '/api/v1/articles/{id}/revisions',
    tag: 'articles',
    operationId: 'listRevisions',
    summary: 'Every text the article has had, newest first, without the texts.',
    access: 'signed in',
    success: { 200: json('The revisions.', z.strictObject({ revisions: z.array(revisionSummarySchema) })) },
  },
  {
    method: 'get',
    path: '/api/v1/articles/{id}/revisions/{number}',
    tag: 'articles',
    operationId: 'getRevision',
    summary: 'One revision of the article with its text: claims made on it count their offsets there.',
    access: 'signed in',
    success: { 200: json('The revision.', revisionDetailSchema) },
  },
  {
    method: 'get',
    path: '/api/v1/articles/{id}/activity',
    tag: 'articles',
    operationId: 'getArticleActivity',
    summary: 'Who changed what on an article, newest first, a page at a time.',
    access: 'editor or admin',
    query: historyQuerySchema,
    success: { 200: json('A page of entries; pass `nextCursor` as `cursor` for older ones.', historyPageSchema) },
  },
  // -- claims ----------------------------------------------------------------
  {
    method: 'get',
    path: '/api/v1/articles/{id}/claims',
    tag: 'claims',
    operationId: 'listClaims',
    summary: 'An article’s claims, in text order, each with its consensus as you may see it.',
    access: 'signed in',
    success: { 200: json('Every live claim of the article.', z.strictObject({ claims: z.array(claimSchema) })) },
  },
  {
    method: 'post',
    path: '/api/v1/articles/{id}/claims',
    tag: 'claims',
    operationId: 'createClaim',
    summary: 'Mark a passage of the article as a claim to check.',
    description: 'Anchored by position first (`start`, `end`), the quote as the check, else by the quote and its context (`prefix`, `suffix`).',
    access: 'signed in',
    body: claimCreateSchema,
    example: { exact: 'Le chômage a baissé de 2 %', start: 0, end: 26, note: 'Chiffre du ministre, à vérifier auprès de l’INSEE.' },
    success: { 201: json('The claim.', claimDetailSchema) },
    refusals: { 409: 'That passage already is a live claim: `claimId` names it.' },
  },
  {
    method: 'get',
    path: '/api/v1/claims/{id}',
    tag: 'claims',
    operationId: 'getClaim',
    summary: 'A claim with its verdicts, sources and adjudication, as blind review lets you see them.',
    access: 'signed in',
    success: { 200: json('The claim.', claimDetailSchema) },
  },
  {
    method: 'patch',
    path: '/api/v1/claims/{id}',
    tag: 'claims',
    operationId: 'updateClaimNote',
    summary: 'Change a claim’s note.',
    access: 'signed in',
    who: 'Its author, editors and admins.',
    body: claimUpdateSchema,
    example: { note: 'Source : INSEE, enquête Emploi.', version: 1 },
    success: { 200: json('The claim.', claimDetailSchema) },
    refusals: { 409: 'Stale `version`: `current` is the claim now.' },
  },
  {
    method: 'delete',
    path: '/api/v1/claims/{id}',
    tag: 'claims',
    operationId: 'deleteClaim',
    summary: 'Delete a claim: it leaves lists, exports and counts; who and when are recorded.',
    access: 'signed in',
    who: 'Its author while nobody else has a verdict on it; editors and admins always.',
    success: { 204: json('Deleted.') },
    refusals: { 409: 'Others have given a verdict on the claim: only an editor may delete it now.' },
  },
  {
    method: 'get',
    path: '/api/v1/claims/{id}/history',
    tag: 'claims',
    operationId: 'getClaimHistory',
    summary: 'A claim’s history, newest first; blind review hides others’ verdicts and comments until you have given yours.',
    access: 'signed in',
    query: historyQuerySchema,
    success: { 200: json('A page of entries; pass `nextCursor` as `cursor` for older ones.', historyPageSchema) },
  },
  // -- verdicts --------------------------------------------------------------
  {
    method: 'put',
    path: '/api/v1/claims/{id}/verdict',
    tag: 'verdicts',
    operationId: 'putVerdict',
    summary: 'Give your verdict on a claim, or change it: rating, rationale, sources.',
    description:
      'The rationale comes as a rich-text document (`rationaleDoc`) or as plain text (`rationale`); with a document, `rationale` is ignored. `version` is that of your verdict you started from, `0` when you had none.',
    access: 'signed in',
    body: verdictSchema,
    example: {
      rating: 'mostly-false',
      rationale: 'L’INSEE mesure une baisse de 0,3 point, pas de 2 %.',
      sources: [{ url: 'https://www.insee.fr/fr/statistiques', title: 'Chômage au sens du BIT', stance: 'refutes', accessedAt: '2025-07-14' }],
      version: 0,
    },
    success: {
      200: json('Your verdict replaced the one you had, with the claim’s consensus.', verdictWithConsensus),
      201: json('Your first verdict on the claim, with the claim’s consensus.', verdictWithConsensus),
    },
    refusals: { 409: 'Stale `version`: `current` is the claim as you may see it now.' },
  },
  {
    method: 'delete',
    path: '/api/v1/claims/{id}/verdict',
    tag: 'verdicts',
    operationId: 'withdrawVerdict',
    summary: 'Withdraw your verdict (under blind review the claim stays revealed to you).',
    access: 'signed in',
    success: { 200: json('Withdrawn, with the claim’s consensus now.', z.strictObject({ withdrawn: z.literal(true), consensus: consensusSchema })) },
  },
  // -- adjudications ---------------------------------------------------------
  {
    method: 'get',
    path: '/api/v1/claims/{id}/adjudication',
    tag: 'adjudications',
    operationId: 'getAdjudication',
    summary: 'The adjudication in force on a claim, and every one it has had. Published: blind review does not hide it.',
    access: 'signed in',
    success: { 200: json('The adjudication in force (or null) and the history, newest first.', adjudicationHistorySchema) },
  },
  {
    method: 'post',
    path: '/api/v1/claims/{id}/adjudication',
    tag: 'adjudications',
    operationId: 'adjudicateClaim',
    summary: 'Settle a claim with an editor’s final rating and its reasons, or revise the decision.',
    description: '`replaces` is the id of the adjudication in force you are revising, `null` when the claim has none.',
    access: 'editor or admin',
    body: adjudicationSchema,
    example: { rating: 'false', rationale: 'Démenti par les chiffres de l’INSEE.', replaces: null },
    success: { 201: json('The decision, the history and the consensus (`adjudicated`).', adjudicationDecision) },
    refusals: { 409: 'Another adjudication is in force by now: `current` is the claim.' },
  },
  {
    method: 'delete',
    path: '/api/v1/claims/{id}/adjudication',
    tag: 'adjudications',
    operationId: 'withdrawAdjudication',
    summary: 'Withdraw the adjudication in force: the status follows the verdicts again; the history stays.',
    access: 'editor or admin',
    query: adjudicationWithdrawalSchema,
    success: { 200: json('What is in force now (null), the history and the consensus.', adjudicationDecision) },
    refusals: { 409: 'The adjudication named is no longer the one in force: `current` is the claim.' },
  },
  // -- comments --------------------------------------------------------------
  {
    method: 'get',
    path: '/api/v1/claims/{id}/comments',
    tag: 'comments',
    operationId: 'listComments',
    summary: 'A claim’s discussion, oldest first.',
    access: 'signed in',
    who: 'Under blind review, once you have given your verdict on the claim (editors and admins always).',
    success: { 200: json('The comments.', z.strictObject({ comments: z.array(commentResponseSchema) })) },
  },
  {
    method: 'post',
    path: '/api/v1/claims/{id}/comments',
    tag: 'comments',
    operationId: 'postComment',
    summary: 'Comment on a claim; `@Name` mentions a colleague.',
    access: 'signed in',
    who: 'Under blind review, once you have given your verdict on the claim (editors and admins always).',
    body: commentSchema,
    example: { body: '@Rita Lopes, as-tu la source du ministère ?' },
    success: { 201: json('The comment.', commentResponseSchema) },
  },
  {
    method: 'patch',
    path: '/api/v1/comments/{id}',
    tag: 'comments',
    operationId: 'editComment',
    summary: 'Rewrite your comment (sets `editedAt`).',
    access: 'signed in',
    who: 'Its author only, editors included.',
    body: commentSchema,
    example: { body: 'Source ajoutée : le rapport de l’INSEE.' },
    success: { 200: json('The comment.', commentResponseSchema) },
  },
  {
    method: 'delete',
    path: '/api/v1/comments/{id}',
    tag: 'comments',
    operationId: 'deleteComment',
    summary: 'Delete a comment from the thread; who and when are recorded.',
    access: 'signed in',
    who: 'Its author, editors and admins.',
    success: { 204: json('Deleted.') },
  },
  // -- agreement -------------------------------------------------------------
  {
    method: 'get',
    path: '/api/v1/articles/{id}/agreement',
    tag: 'agreement',
    operationId: 'getArticleAgreement',
    summary: 'How far reviewers agree on an article’s claims, as you may see it.',
    description: 'A reviewer’s figures count only the claims revealed to them. `format=csv|json` makes it a download.',
    access: 'signed in',
    query: agreementQuerySchema,
    success: { 200: json('The agreement report (or, with `format`, a file).', agreementReportSchema) },
  },
  {
    method: 'get',
    path: '/api/v1/agreement',
    tag: 'agreement',
    operationId: 'getAgreement',
    summary: 'How far reviewers agree over every article, each under its own review settings.',
    access: 'signed in',
    query: agreementQuerySchema,
    success: { 200: json('The agreement report (or, with `format`, a file).', agreementReportSchema) },
  },
  // -- export ----------------------------------------------------------------
  {
    method: 'get',
    path: '/api/v1/articles/{id}/export',
    tag: 'export',
    operationId: 'exportArticle',
    summary: 'Download an article’s claims and verdicts as a file.',
    access: 'signed in',
    query: exportQuerySchema,
    success: { 200: { description: 'The file (`Content-Disposition: attachment`) in the `format` asked for: the archive (JSON), CSV, schema.org ClaimReview or W3C Web Annotation (JSON-LD).', contentTypes: EXPORT_CONTENT_TYPES } },
  },
  {
    method: 'get',
    path: '/api/v1/export',
    tag: 'export',
    operationId: 'exportEverything',
    summary: 'Download the claims of every article as one file, streamed, whatever their number.',
    access: 'signed in',
    query: exportQuerySchema,
    success: { 200: { description: 'The file, as for one article, over every article.', contentTypes: EXPORT_CONTENT_TYPES } },
  },
  {
    method: 'post',
    path: '/api/v1/imports',
    tag: 'export',
    operationId: 'importArchive',
    summary: 'Import an archive (a JSON export of another Crux): nothing lost, nothing imported twice.',
    description: 'At most 50 MB (413 beyond: use `npm run import`). People are matched by email or created deactivated (README, *Export and import: the archive*).',
    access: 'editor or admin',
    body: archiveSchema,
    example: { format: 'crux.archive', version: 1, exportedAt: '2025-07-14T09:30:00.000Z', articles: [], users: [] },
    success: { 200: json('What was created and what was already present.', importSummarySchema) },
  },
  // -- live events -----------------------------------------------------------
  {
    method: 'get',
    path: '/api/v1/articles/{id}/events',
    tag: 'live events',
    operationId: 'followArticle',
    summary: 'Follow an article’s changes as they happen (Server-Sent Events).',
    description:
      'Resume with the `Last-Event-ID` header or `lastEventId`; `0` replays the whole history. Events and their data: README, *Live updates (Server-Sent Events)*.',
    access: 'signed in',
    query: eventStreamQuerySchema,
    success: { 200: { description: 'The event stream; a `: heartbeat` comment every 20 s.', contentTypes: ['text/event-stream'] } },
  },
  // -- notifications ---------------------------------------------------------
  {
    method: 'get',
    path: '/api/v1/notifications',
    tag: 'notifications',
    operationId: 'listNotifications',
    summary: 'What needs you: mentions, new verdicts and comments on your claims, disputes, adjudications (your newest 100).',
    access: 'signed in',
    success: {
      200: json('Your notifications and how many are unread.', z.strictObject({ notifications: z.array(notificationResponseSchema), unreadCount: z.number().int() })),
    },
  },
  {
    method: 'post',
    path: '/api/v1/notifications/read',
    tag: 'notifications',
    operationId: 'markNotificationsRead',
    summary: 'Mark some of your notifications, or all, as read.',
    access: 'signed in',
    body: notificationsReadSchema,
    example: { all: true },
    success: { 200: json('How many are still unread.', z.strictObject({ unreadCount: z.number().int() })) },
  },
  // -- users -----------------------------------------------------------------
  {
    method: 'get',
    path: '/api/v1/users',
    tag: 'users',
    operationId: 'listUsers',
    summary: 'The people on the desk, by name (to mention them); admins also get emails and dates.',
    access: 'signed in',
    success: { 200: json('The people.', z.strictObject({ users: z.array(userResponseSchema) })) },
  },
  {
    method: 'patch',
    path: '/api/v1/users/{id}',
    tag: 'users',
    operationId: 'updateUser',
    summary: 'Change someone’s role, deactivate or reactivate their account (never your own).',
    access: 'admin',
    body: userUpdateSchema,
    example: { role: 'editor' },
    success: { 200: json('The person.', userResponseSchema) },
  },
  {
    method: 'delete',
    path: '/api/v1/users/{id}/sessions',
    tag: 'users',
    operationId: 'signOutEverywhere',
    summary: 'Sign someone out of every browser at once (their API tokens keep working).',
    access: 'signed in',
    who: 'Admins for anyone; everyone for themselves.',
    success: { 200: json('How many sessions ended.', z.strictObject({ ended: z.number().int() })) },
  },
  {
    method: 'get',
    path: '/api/v1/registration',
    tag: 'users',
    operationId: 'getRegistrationMode',
    summary: 'Whether anyone may register, or only with an invitation link.',
    access: 'anyone',
    success: { 200: json('The registration mode.', registrationResponseSchema) },
    refusals: { 401: 'A bearer token was sent, and it is unknown or revoked, or its account was deactivated (send none to read this).' },
  },
  {
    method: 'put',
    path: '/api/v1/registration',
    tag: 'users',
    operationId: 'setRegistrationMode',
    summary: 'Open registration to anyone, or to invitations only.',
    access: 'admin',
    body: registrationModeSchema,
    example: { mode: 'invitation' },
    success: { 200: json('The registration mode.', registrationResponseSchema) },
  },
  {
    method: 'get',
    path: '/api/v1/invitations',
    tag: 'users',
    operationId: 'listInvitations',
    summary: 'The pending invitations, soonest to expire first (never their secret).',
    access: 'admin',
    success: { 200: json('The invitations.', z.strictObject({ invitations: z.array(invitationResponseSchema) })) },
  },
  {
    method: 'post',
    path: '/api/v1/invitations',
    tag: 'users',
    operationId: 'createInvitation',
    summary: 'Invite someone: a registration link, shown once.',
    description: 'Defaults: anyone with the link, `reviewer`, 7 days. `role: "admin"` only with an `email`.',
    access: 'admin',
    body: invitationCreateSchema,
    example: { email: 'nouvelle@example.org', role: 'editor', expiresInDays: 7 },
    success: { 201: json('The invitation, its secret and the link carrying it: shown once.', z.strictObject({ invitation: invitationResponseSchema, token: z.string(), url: z.string() })) },
  },
  {
    method: 'delete',
    path: '/api/v1/invitations/{id}',
    tag: 'users',
    operationId: 'revokeInvitation',
    summary: 'Revoke an invitation: its link stops working at once.',
    access: 'admin',
    success: { 204: json('Revoked.') },
  },
];
