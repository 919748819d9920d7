'use server';
// Server actions: the UI's door into the same service layer the REST API uses.
import { AuthError } from 'next-auth';
import { revalidatePath } from 'next/cache';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { SignInThrottled, currentActor, requestAddress, signIn, signOut } from '@/app/auth';
import { db } from '@/lib/db/client';
import { asDomainError } from '@/lib/db/errors';
import { rateLimited, type ErrorKey, type FieldIssue, type Params } from '@/lib/errors';
import type { LocalizableError } from '@/lib/i18n/error-message';
import { LOCALE_COOKIE, isLocale } from '@/lib/i18n/locale';
import type { RegistrationMode } from '@/lib/invitations';
import { adjudicateClaim, getAdjudication, withdrawAdjudication, type AdjudicationHistory } from '@/lib/services/adjudications';
import { createArticle, updateArticle, type ArticleUpdate } from '@/lib/services/articles';
import { deleteComment, editComment, listComments, postComment, type CommentView } from '@/lib/services/comments';
import { createClaim, deleteClaim, getClaim, listClaims, updateClaim, type ClaimDetail, type ClaimView } from '@/lib/services/claims';
import { requireActor, type ServiceContext } from '@/lib/services/context';
import { createInvitation, revokeInvitation, setRegistrationMode, type InvitationView } from '@/lib/services/invitations';
import { REGISTRATION_PER_ADDRESS, WRITES_PER_USER } from '@/lib/security/rate-limits';
import { countAttempt } from '@/lib/services/rate-limits';
import { signOutEverywhere } from '@/lib/services/sessions';
import { signInWait } from '@/lib/services/sign-in';
import { createToken, revokeToken } from '@/lib/services/tokens';
import { claimHistory, type HistoryPage } from '@/lib/services/history';
import { listNotifications, markNotificationsRead, type NotificationView } from '@/lib/services/notifications';
import { changePassword, listUsers, registerUser, updateUser, type UserView } from '@/lib/services/users';
import { upsertVerdict, withdrawVerdict } from '@/lib/services/verdicts';
import { idSchema, parseInput } from '@/lib/validation';

/** What a refused action tells the UI: the message, and `key`/`params` to say it in the reader's language. */
export interface ActionError {
  code: string;
  key: ErrorKey;
  params: Params;
  message: string;
  issues: FieldIssue[];
  /** The claim already marking that passage (key 'duplicateClaim'), so the UI can open it. */
  claimId?: string;
  /**
   * What a stale `version` referred to, as it is now and as the viewer may see it
   * (key 'staleVersion'), so the UI can show it beside the draft: the claim for a
   * verdict, a note or an adjudication, the article for its details and settings —
   * the same shape as the action's `data`.
   */
  current?: unknown;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** A DomainError as the action's result; anything else is a server error, thrown on. */
function failure(caught: unknown): { ok: false; error: ActionError } {
  const error = asDomainError(caught);
  if (!error) throw caught;
  const { code, key, params, message, issues, claimId, current } = error;
  return {
    ok: false,
    error: { code, key, params, message, issues, ...(claimId !== undefined ? { claimId } : {}), ...(current !== undefined ? { current } : {}) },
  };
}

/**
 * The one way from an action into the service layer. Its arguments arrive from
 * the browser as they were sent, whatever the types say: named (so a refusal
 * names the argument, as a REST error names the field) and checked against
 * `schema` first — an id must be a bounded string, as in a REST path; a body is
 * passed on to the service, which parses it with the same schema as the REST
 * route (lib/validation.ts). Then `fn` runs as the caller; a DomainError (the
 * 422 of bad arguments included) becomes the ActionResult error.
 */
async function action<S extends z.ZodObject, T>(
  schema: S,
  args: Record<keyof z.input<S>, unknown>,
  fn: (ctx: ServiceContext, args: z.output<S>) => Promise<T>,
  { write = false } = {},
): Promise<ActionResult<T>> {
  try {
    // As REST checks a path and a body: well-formed Unicode, no NUL, then the schema, bodies included (as sent).
    const checked = parseInput(schema, args);
    const ctx = { db: db(), actor: await currentActor() };
    if (write && ctx.actor) await countAttempt(ctx.db, WRITES_PER_USER, ctx.actor.id);
    return { ok: true, data: await fn(ctx, checked) };
  } catch (caught) {
    return failure(caught);
  }
}

/** `action` for a change: it counts against the person's writes (lib/security/rate-limits WRITES_PER_USER). */
function change<S extends z.ZodObject, T>(schema: S, args: Record<keyof z.input<S>, unknown>, fn: (ctx: ServiceContext, args: z.output<S>) => Promise<T>): Promise<ActionResult<T>> {
  return action(schema, args, fn, { write: true });
}

/** What a REST route has in its path, an action takes as an argument: an id (lib/validation idSchema). */
const id = idSchema;
/** A request body: passed on as sent, the service parses it with the REST route's schema. */
const body = z.unknown();

const onArticle = z.object({ articleId: id }).strict();
const onArticleWith = z.object({ articleId: id, input: body }).strict();
const onClaim = z.object({ claimId: id }).strict();
const onClaimWith = z.object({ claimId: id, input: body }).strict();
const onComment = z.object({ commentId: id }).strict();
const onCommentWith = z.object({ commentId: id, input: body }).strict();
const withBody = z.object({ input: body }).strict();
const noArguments = z.object({}).strict();

/** A form's text fields: a file, or anything but a form, gives empty ones (the service then says what is missing). */
function formFields<F extends string>(form: unknown, names: readonly F[]): Record<F, string> {
  const read = (name: F) => {
    const value = form instanceof FormData ? form.get(name) : null;
    return typeof value === 'string' ? value : '';
  };
  return Object.fromEntries(names.map((name) => [name, read(name)])) as Record<F, string>;
}

export interface FormState {
  /** The error as the service layer names it; the form puts it in the reader's language. */
  error?: LocalizableError;
  /** What was submitted, so the form can show it again (React resets forms after an action). */
  values?: Record<string, string>;
}

export async function registerAction(_prev: FormState, form: FormData): Promise<FormState> {
  // `invitation`: the secret of the invitation link the page was opened with, if any.
  const input = formFields(form, ['email', 'password', 'name', 'invitation']);
  const address = requestAddress(await headers());
  const result = await action(withBody, { input }, async (ctx, { input }) => {
    await countAttempt(ctx.db, REGISTRATION_PER_ADDRESS, address);
    return registerUser(ctx.db, input);
  });
  if (!result.ok) return { error: result.error, values: { email: input.email, name: input.name } };
  await signIn('credentials', { email: input.email, password: input.password, redirectTo: '/' });
  return {};
}

export async function loginAction(_prev: FormState, form: FormData): Promise<FormState> {
  const { email, password, callbackUrl } = formFields(form, ['email', 'password', 'callbackUrl']);
  try {
    // Auth.js passes the credentials to app/auth.ts authorize, which parses them (credentialsSchema).
    await signIn('credentials', { email, password, redirectTo: callbackUrl || '/' });
  } catch (error) {
    // signIn redirects by throwing; only authentication failures are ours to report.
    if (error instanceof SignInThrottled || (error instanceof AuthError && (error as { code?: string }).code === 'rate_limited')) {
      const wait = await signInWait(db(), { email }, requestAddress(await headers()));
      const { code, key, params, message } = rateLimited(wait);
      return { error: { code, key, params, message }, values: { email } };
    }
    if (error instanceof AuthError) {
      const wrong = { code: 'unauthenticated', key: 'wrongCredentials', message: 'Wrong email or password.' };
      return { error: wrong, values: { email } };
    }
    throw error;
  }
  return {};
}

export async function logoutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}

/**
 * Settings: a new password. Every session of the account ends, this one too; this
 * browser is then signed in again with the new password, on a new session, and
 * back on Settings, which says the password was changed.
 */
export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = formFields(form, ['currentPassword', 'newPassword']);
  const result = await action(withBody, { input }, async (ctx, a) => {
    await changePassword(ctx, a.input);
    return requireActor(ctx).email;
  });
  if (!result.ok) return { error: result.error };
  await signIn('credentials', { email: result.data, password: input.newPassword, redirect: false });
  // A redirect renders the page with the new cookie (this request still carries the ended session's).
  redirect('/settings?password=changed');
}

/** Settings: every session of mine ends, this one included; back to the sign-in page. */
export async function signOutEverywhereAction(): Promise<ActionResult<null>> {
  const result = await action(noArguments, {}, async (ctx) => {
    await signOutEverywhere(ctx, requireActor(ctx).id);
    return null;
  });
  if (!result.ok) return result;
  await signOut({ redirectTo: '/login' });
  return result;
}

const onUser = z.object({ userId: id }).strict();

/** People: an admin signs someone out of every browser (DELETE /users/:id/sessions). */
export async function endUserSessionsAction(userId: string): Promise<ActionResult<{ ended: number }>> {
  return change(onUser, { userId }, (ctx, a) => signOutEverywhere(ctx, a.userId));
}

/**
 * New article from the form; fields left empty are omitted so the import derives them.
 * The body goes in as the field its format names (text, markdown or html), as the API takes it.
 */
export async function createArticleAction(_prev: FormState, form: FormData): Promise<FormState> {
  const fields = formFields(form, ['title', 'body', 'format', 'sourceUrl', 'publisher', 'publishedAt', 'language']);
  const { body, format, ...details } = fields;
  const input: Record<string, string> = Object.fromEntries(Object.entries(details).filter(([, value]) => value.trim()));
  input[format === 'markdown' || format === 'html' ? format : 'text'] = body;
  const result = await change(withBody, { input }, (ctx, { input }) => createArticle(ctx, input));
  if (!result.ok) return { error: result.error, values: input };
  revalidatePath('/');
  redirect(`/articles/${result.data.id}`);
}

export async function updateArticleAction(articleId: string, input: unknown): Promise<ActionResult<ArticleUpdate>> {
  const result = await change(onArticleWith, { articleId, input }, (ctx, a) => updateArticle(ctx, a.articleId, a.input));
  // The title shows on the article list and in the page head.
  if (result.ok) revalidatePath('/');
  return result;
}

export async function listClaimsAction(articleId: string): Promise<ActionResult<ClaimView[]>> {
  return action(onArticle, { articleId }, (ctx, a) => listClaims(ctx, a.articleId));
}

export async function createClaimAction(articleId: string, selector: unknown): Promise<ActionResult<ClaimDetail>> {
  return change(onArticleWith, { articleId, input: selector }, (ctx, a) => createClaim(ctx, a.articleId, a.input));
}

export async function loadClaimAction(claimId: string): Promise<ActionResult<ClaimDetail>> {
  return action(onClaim, { claimId }, (ctx, a) => getClaim(ctx, a.claimId));
}

export async function updateClaimAction(claimId: string, input: unknown): Promise<ActionResult<ClaimDetail>> {
  return change(onClaimWith, { claimId, input }, (ctx, a) => updateClaim(ctx, a.claimId, a.input));
}

export async function deleteClaimAction(claimId: string): Promise<ActionResult<null>> {
  return change(onClaim, { claimId }, async (ctx, a) => {
    await deleteClaim(ctx, a.claimId);
    return null;
  });
}

export async function saveVerdictAction(claimId: string, verdict: unknown): Promise<ActionResult<ClaimDetail>> {
  return change(onClaimWith, { claimId, input: verdict }, async (ctx, a) => (await upsertVerdict(ctx, a.claimId, a.input)).claim);
}

export async function withdrawVerdictAction(claimId: string): Promise<ActionResult<ClaimDetail>> {
  return change(onClaim, { claimId }, (ctx, a) => withdrawVerdict(ctx, a.claimId));
}

export async function adjudicateClaimAction(claimId: string, input: unknown): Promise<ActionResult<ClaimDetail>> {
  return change(onClaimWith, { claimId, input }, async (ctx, a) => (await adjudicateClaim(ctx, a.claimId, a.input)).claim);
}

/** GET /claims/:id/adjudication: the decision in force and every one before it. */
export async function getAdjudicationAction(claimId: string): Promise<ActionResult<AdjudicationHistory>> {
  return action(onClaim, { claimId }, (ctx, a) => getAdjudication(ctx, a.claimId));
}

export async function withdrawAdjudicationAction(claimId: string, input: unknown): Promise<ActionResult<ClaimDetail>> {
  return change(onClaimWith, { claimId, input }, async (ctx, a) => (await withdrawAdjudication(ctx, a.claimId, a.input)).claim);
}

export async function listCommentsAction(claimId: string): Promise<ActionResult<CommentView[]>> {
  return action(onClaim, { claimId }, (ctx, a) => listComments(ctx, a.claimId));
}

export async function postCommentAction(claimId: string, input: unknown): Promise<ActionResult<CommentView>> {
  return change(onClaimWith, { claimId, input }, (ctx, a) => postComment(ctx, a.claimId, a.input));
}

export async function editCommentAction(commentId: string, input: unknown): Promise<ActionResult<CommentView>> {
  return change(onCommentWith, { commentId, input }, (ctx, a) => editComment(ctx, a.commentId, a.input));
}

export async function deleteCommentAction(commentId: string): Promise<ActionResult<null>> {
  return change(onComment, { commentId }, async (ctx, a) => {
    await deleteComment(ctx, a.commentId);
    return null;
  });
}

const historyPage = z.object({ claimId: id, cursor: body }).strict();

/** A claim's history as the viewer may read it, a page at a time (pass the previous page's `nextCursor`). */
export async function loadClaimHistoryAction(claimId: string, cursor?: number): Promise<ActionResult<HistoryPage>> {
  // The cursor is parsed by the service like GET /claims/:id/history's query.
  return action(historyPage, { claimId, cursor }, (ctx, a) => claimHistory(ctx, a.claimId, a.cursor === undefined ? {} : { cursor: a.cursor }));
}

export async function listUsersAction(): Promise<ActionResult<UserView[]>> {
  return action(noArguments, {}, (ctx) => listUsers(ctx));
}

const onUserWith = z.object({ userId: id, input: body }).strict();

export async function updateUserAction(userId: string, input: unknown): Promise<ActionResult<UserView>> {
  return change(onUserWith, { userId, input }, (ctx, a) => updateUser(ctx, a.userId, a.input));
}

/** PUT /registration: open registration, or by invitation only (admins). */
export async function setRegistrationModeAction(input: unknown): Promise<ActionResult<{ mode: RegistrationMode }>> {
  return change(withBody, { input }, (ctx, a) => setRegistrationMode(ctx, a.input));
}

/** POST /invitations: the invitation, and the registration page's path with its secret, shown once. */
export async function createInvitationAction(input: unknown): Promise<ActionResult<{ invitation: InvitationView; path: string }>> {
  return change(withBody, { input }, async (ctx, a) => {
    const { invitation, path } = await createInvitation(ctx, a.input);
    return { invitation, path };
  });
}

const onInvitation = z.object({ invitationId: id }).strict();

export async function revokeInvitationAction(invitationId: string): Promise<ActionResult<null>> {
  return change(onInvitation, { invitationId }, async (ctx, a) => {
    await revokeInvitation(ctx, a.invitationId);
    return null;
  });
}

export async function listNotificationsAction(): Promise<ActionResult<{ notifications: NotificationView[]; unreadCount: number }>> {
  return action(noArguments, {}, (ctx) => listNotifications(ctx));
}

export async function markNotificationsReadAction(input: unknown): Promise<ActionResult<{ unreadCount: number }>> {
  return change(withBody, { input }, (ctx, a) => markNotificationsRead(ctx, a.input));
}

export async function createTokenAction(_prev: { token?: string; error?: LocalizableError }, form: FormData): Promise<{ token?: string; error?: LocalizableError }> {
  const input = formFields(form, ['name']);
  const result = await change(withBody, { input }, async (ctx, a) => createToken(ctx.db, requireActor(ctx).id, a.input));
  revalidatePath('/settings');
  return result.ok ? { token: result.data.token } : { error: result.error };
}

const onToken = z.object({ tokenId: id }).strict();

export async function revokeTokenAction(tokenId: string): Promise<ActionResult<null>> {
  const result = await change(onToken, { tokenId }, async (ctx, a) => {
    await revokeToken(ctx.db, requireActor(ctx).id, a.tokenId);
    return null;
  });
  revalidatePath('/settings');
  return result;
}

/** Remembers the interface language for a year; anything but a known locale is ignored. */
export async function setLocaleAction(locale: unknown): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' });
}
