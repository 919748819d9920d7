'use server';
// Server actions: the UI's door into the same service layer the REST API uses.
import { AuthError } from 'next-auth';
import { revalidatePath } from 'next/cache';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { SignInThrottled, currentActor, requestAddress, signIn, signOut } from '@/app/auth';
import { db } from '@/lib/db/client';
import { asDomainError } from '@/lib/db/errors';
import { notFound, rateLimited, type ErrorKey, type FieldIssue, type Params } from '@/lib/errors';
import type { LocalizableError } from '@/lib/i18n/error-message';
import { LOCALE_COOKIE, isLocale } from '@/lib/i18n/locale';
import type { RegistrationMode } from '@/lib/invitations';
import { adjudicateClaim, getAdjudication, withdrawAdjudication, type AdjudicationHistory } from '@/lib/services/adjudications';
import { createArticle, updateArticle, type ArticleDetail } from '@/lib/services/articles';
import { deleteComment, editComment, listComments, postComment, type CommentView } from '@/lib/services/comments';
import { createClaim, deleteClaim, getClaim, listClaims, updateClaim, type ClaimDetail, type ClaimView } from '@/lib/services/claims';
import { requireActor, type ServiceContext } from '@/lib/services/context';
import { createInvitation, revokeInvitation, setRegistrationMode, type InvitationView } from '@/lib/services/invitations';
import { REGISTRATION_PER_ADDRESS, WRITES_PER_USER } from '@/lib/security/rate-limits';
import { countAttempt } from '@/lib/services/rate-limits';
import { signOutEverywhere } from '@/lib/services/sessions';
import { signInWait } from '@/lib/services/sign-in';
import { createToken, revokeToken } from '@/lib/services/tokens';
import { articleActivity, claimHistory, type HistoryPage } from '@/lib/services/history';
import { listNotifications, markNotificationsRead, type NotificationView } from '@/lib/services/notifications';
import { changePassword, listUsers, registerUser, updateUser, type UserView } from '@/lib/services/users';
import { upsertVerdict, withdrawVerdict } from '@/lib/services/verdicts';

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

async function run<T>(fn: (ctx: ServiceContext) => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn({ db: db(), actor: await currentActor() }) };
  } catch (caught) {
    const error = asDomainError(caught);
    if (!error) throw caught;
    const { code, key, params, message, issues, claimId, current } = error;
    return {
      ok: false,
      error: { code, key, params, message, issues, ...(claimId !== undefined ? { claimId } : {}), ...(current !== undefined ? { current } : {}) },
    };
  }
}

/** `run` for an action that changes something: it counts against the person's writes (lib/security/rate-limits WRITES_PER_USER). */
async function runWrite<T>(fn: (ctx: ServiceContext) => Promise<T>): Promise<ActionResult<T>> {
  return run(async (ctx) => {
    if (ctx.actor) await countAttempt(ctx.db, WRITES_PER_USER, ctx.actor.id);
    return fn(ctx);
  });
}

export interface FormState {
  /** The error as the service layer names it; the form puts it in the reader's language. */
  error?: LocalizableError;
  /** What was submitted, so the form can show it again (React resets forms after an action). */
  values?: Record<string, string>;
}

export async function registerAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = {
    email: String(form.get('email') ?? ''),
    password: String(form.get('password') ?? ''),
    name: String(form.get('name') ?? ''),
    // The secret of the invitation link the page was opened with, if any.
    invitation: String(form.get('invitation') ?? ''),
  };
  const address = requestAddress(await headers());
  const result = await run(async (ctx) => {
    await countAttempt(ctx.db, REGISTRATION_PER_ADDRESS, address);
    return registerUser(ctx.db, input);
  });
  if (!result.ok) return { error: result.error, values: { email: input.email, name: input.name } };
  await signIn('credentials', { email: input.email, password: input.password, redirectTo: '/' });
  return {};
}

export async function loginAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get('email') ?? '');
  try {
    await signIn('credentials', {
      email,
      password: String(form.get('password') ?? ''),
      redirectTo: String(form.get('callbackUrl') || '/'),
    });
  } catch (error) {
    // signIn redirects by throwing; only authentication failures are ours to report.
    if (error instanceof SignInThrottled || (error instanceof AuthError && (error as { code?: string }).code === 'rate_limited')) {
      const wait = await signInWait(db(), { email }, requestAddress(await headers()));
      const { code, key, params, message } = rateLimited(wait);
      return { error: { code, key, params, message }, values: { email } };
    }
    if (error instanceof AuthError) {
      const wrong = { code: 'unauthenticated', key: 'wrongCredentials', message: 'Wrong email or password.' };
      return { error: wrong, values: { email: String(form.get('email') ?? '') } };
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
  const input = { currentPassword: String(form.get('currentPassword') ?? ''), newPassword: String(form.get('newPassword') ?? '') };
  const result = await run(async (ctx) => {
    await changePassword(ctx, input);
    return requireActor(ctx).email;
  });
  if (!result.ok) return { error: result.error };
  await signIn('credentials', { email: result.data, password: input.newPassword, redirect: false });
  // A redirect renders the page with the new cookie (this request still carries the ended session's).
  redirect('/settings?password=changed');
}

/** Settings: every session of mine ends, this one included; back to the sign-in page. */
export async function signOutEverywhereAction(): Promise<ActionResult<null>> {
  const result = await run(async (ctx) => {
    await signOutEverywhere(ctx, requireActor(ctx).id);
    return null;
  });
  if (!result.ok) return result;
  await signOut({ redirectTo: '/login' });
  return result;
}

/** People: an admin signs someone out of every browser (DELETE /users/:id/sessions). */
export async function endUserSessionsAction(userId: unknown): Promise<ActionResult<{ ended: number }>> {
  return runWrite((ctx) => {
    if (typeof userId !== 'string') throw notFound('user');
    return signOutEverywhere(ctx, userId);
  });
}

/** New article from the form; fields left empty are omitted so the import derives them. */
export async function createArticleAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input: Record<string, string> = {};
  for (const field of ['title', 'text', 'sourceUrl', 'publisher', 'publishedAt', 'language']) {
    const value = String(form.get(field) ?? '');
    if (value.trim()) input[field] = value;
  }
  input.text ??= '';
  const result = await runWrite((ctx) => createArticle(ctx, input));
  if (!result.ok) return { error: result.error, values: input };
  revalidatePath('/');
  redirect(`/articles/${result.data.id}`);
}

export async function updateArticleAction(articleId: string, input: unknown): Promise<ActionResult<ArticleDetail>> {
  const result = await runWrite((ctx) => updateArticle(ctx, articleId, input));
  // The title shows on the article list and in the page head.
  if (result.ok) revalidatePath('/');
  return result;
}

export async function listClaimsAction(articleId: string): Promise<ActionResult<ClaimView[]>> {
  return run((ctx) => listClaims(ctx, articleId));
}

export async function createClaimAction(articleId: string, selector: unknown): Promise<ActionResult<ClaimDetail>> {
  return runWrite((ctx) => createClaim(ctx, articleId, selector));
}

export async function loadClaimAction(claimId: string): Promise<ActionResult<ClaimDetail>> {
  return run((ctx) => getClaim(ctx, claimId));
}

export async function updateClaimAction(claimId: string, input: unknown): Promise<ActionResult<ClaimDetail>> {
  return runWrite((ctx) => updateClaim(ctx, claimId, input));
}

export async function deleteClaimAction(claimId: string): Promise<ActionResult<null>> {
  return runWrite(async (ctx) => {
    await deleteClaim(ctx, claimId);
    return null;
  });
}

export async function saveVerdictAction(claimId: string, verdict: unknown): Promise<ActionResult<ClaimDetail>> {
  return runWrite(async (ctx) => (await upsertVerdict(ctx, claimId, verdict)).claim);
}

export async function withdrawVerdictAction(claimId: string): Promise<ActionResult<ClaimDetail>> {
  return runWrite((ctx) => withdrawVerdict(ctx, claimId));
}

export async function adjudicateClaimAction(claimId: string, input: unknown): Promise<ActionResult<ClaimDetail>> {
  return runWrite(async (ctx) => (await adjudicateClaim(ctx, claimId, input)).claim);
}

/** GET /claims/:id/adjudication: the decision in force and every one before it. */
export async function getAdjudicationAction(claimId: unknown): Promise<ActionResult<AdjudicationHistory>> {
  return run((ctx) => {
    // An action's arguments come from the browser as they are: a claim id that is not a string names no claim.
    if (typeof claimId !== 'string') throw notFound('claim');
    return getAdjudication(ctx, claimId);
  });
}

export async function withdrawAdjudicationAction(claimId: string, input: unknown): Promise<ActionResult<ClaimDetail>> {
  return runWrite(async (ctx) => (await withdrawAdjudication(ctx, claimId, input)).claim);
}

export async function listCommentsAction(claimId: string): Promise<ActionResult<CommentView[]>> {
  return run((ctx) => listComments(ctx, claimId));
}

export async function postCommentAction(claimId: string, input: unknown): Promise<ActionResult<CommentView>> {
  return runWrite((ctx) => postComment(ctx, claimId, input));
}

export async function editCommentAction(commentId: string, input: unknown): Promise<ActionResult<CommentView>> {
  return runWrite((ctx) => editComment(ctx, commentId, input));
}

export async function deleteCommentAction(commentId: string): Promise<ActionResult<null>> {
  return runWrite(async (ctx) => {
    await deleteComment(ctx, commentId);
    return null;
  });
}

/** A claim's history as the viewer may read it, a page at a time (pass the previous page's `nextCursor`). */
export async function loadClaimHistoryAction(claimId: string, cursor?: number): Promise<ActionResult<HistoryPage>> {
  return run((ctx) => claimHistory(ctx, claimId, cursor === undefined ? {} : { cursor }));
}

export async function listUsersAction(): Promise<ActionResult<UserView[]>> {
  return run((ctx) => listUsers(ctx));
}

export async function updateUserAction(userId: string, input: unknown): Promise<ActionResult<UserView>> {
  return runWrite((ctx) => updateUser(ctx, userId, input));
}

/** PUT /registration: open registration, or by invitation only (admins). */
export async function setRegistrationModeAction(input: unknown): Promise<ActionResult<{ mode: RegistrationMode }>> {
  return runWrite((ctx) => setRegistrationMode(ctx, input));
}

/** POST /invitations: the invitation, and the registration page's path with its secret, shown once. */
export async function createInvitationAction(input: unknown): Promise<ActionResult<{ invitation: InvitationView; path: string }>> {
  return runWrite(async (ctx) => {
    const { invitation, path } = await createInvitation(ctx, input);
    return { invitation, path };
  });
}

export async function revokeInvitationAction(invitationId: unknown): Promise<ActionResult<null>> {
  return runWrite(async (ctx) => {
    // An action's arguments come from the browser as they are: an id that is not a string names no invitation.
    if (typeof invitationId !== 'string') throw notFound('invitation');
    await revokeInvitation(ctx, invitationId);
    return null;
  });
}

export async function listNotificationsAction(): Promise<ActionResult<{ notifications: NotificationView[]; unreadCount: number }>> {
  return run((ctx) => listNotifications(ctx));
}

export async function markNotificationsReadAction(input: unknown): Promise<ActionResult<{ unreadCount: number }>> {
  return runWrite((ctx) => markNotificationsRead(ctx, input));
}

export async function createTokenAction(_prev: { token?: string; error?: LocalizableError }, form: FormData): Promise<{ token?: string; error?: LocalizableError }> {
  const result = await runWrite(async (ctx) => createToken(ctx.db, requireActor(ctx).id, { name: String(form.get('name') ?? '') }));
  revalidatePath('/settings');
  return result.ok ? { token: result.data.token } : { error: result.error };
}

export async function revokeTokenAction(tokenId: string): Promise<ActionResult<null>> {
  const result = await runWrite(async (ctx) => {
    await revokeToken(ctx.db, requireActor(ctx).id, tokenId);
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
