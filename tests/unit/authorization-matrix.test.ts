// Who may do what: every API route and every server action, for each kind of
// caller, with the answer each must get. The tables below are the
// documentation: one row per route and method (per action), one column per
// caller. A route file, a method or an action added without a row fails the
// first tests. Object-level cases (another reviewer's verdict, comment, token,
// notifications; ids guessed into other people's things) come after.
//
// The callers: nobody (`anonymous`), Rita (`reviewer`, who owns the things a
// row acts on: her claim, her verdict, her comment), Rémi (`otherReviewer`,
// who has not reviewed her claims, so blind review hides her judgement from
// him), an editor, an admin, and a reviewer whose account an admin deactivated
// (`deactivated`; his token was made before).
//
// How they call: the routes' handlers are called in-process with a `Request`,
// first with each caller's bearer token (the API's way), then with their
// session cookie; a deactivated account's cookie is no session at all, so it
// gets what nobody gets. Server actions are called as functions with the
// session cookie. Auth.js's reading of the cookie is the one thing replaced
// (tests/unit/support/session.ts): from `currentActor` on, which re-reads the
// account on every call, everything runs as in production.
//
// Conventions checked here (lib/permissions.ts, lib/errors.ts): 401 for
// nobody; 403 when the caller may see the thing but their role or ownership
// does not let them change it; 404 for a thing that does not exist *for the
// caller* — another's token, a verdict they do not have, a comment in a
// thread blind review keeps closed to them — so that an id guessed into
// another's things tells nothing.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '../../lib/db/client';
import { liveServer } from '../../lib/live/server';
import { adjudicateClaim } from '../../lib/services/adjudications';
import { createArticle, type ArticleDetail } from '../../lib/services/articles';
import { createClaim, type ClaimDetail } from '../../lib/services/claims';
import { postComment } from '../../lib/services/comments';
import type { Actor } from '../../lib/services/context';
import { createInvitation } from '../../lib/services/invitations';
import { createToken } from '../../lib/services/tokens';
import { updateUser } from '../../lib/services/users';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, makeUser, testProvider, useProcessDatabase } from './support/database';
import { API_DIR, exportedMethods, routeFiles } from './support/routes';
import { signInAs } from './support/session';

vi.mock('next-auth', async (original) => (await import('./support/session')).mockNextAuth(await original()));
vi.mock('next/cache', async () => (await import('./support/session')).mockNextCache());
vi.mock('next/headers', async (original) => (await import('./support/session')).mockNextHeaders(await original()));

process.env.AUTH_SECRET ??= 'authorization-matrix-test-secret';
const actions: Record<string, (...args: never[]) => Promise<unknown>> = await import('../../app/actions');

const ROLES = ['anonymous', 'reviewer', 'otherReviewer', 'editor', 'admin', 'deactivated'] as const;
type Role = (typeof ROLES)[number];
type Expected = Record<Role, number>;
type ExpectedResult = Record<Role, string>;

// ---------------------------------------------------------------------------
// Who may, in the table's words.

/** Everyone, signed in or not: the same answer. */
const anyone = (status: number): Expected => ({ anonymous: status, reviewer: status, otherReviewer: status, editor: status, admin: status, deactivated: status });
/** Reviewers, editors and admins. */
const signedIn = (status: number): Expected => ({ anonymous: 401, reviewer: status, otherReviewer: status, editor: status, admin: status, deactivated: 401 });
/** Editors and admins. */
const editors = (status: number): Expected => ({ ...signedIn(status), reviewer: 403, otherReviewer: 403 });
/** Admins. */
const admins = (status: number): Expected => ({ ...editors(status), editor: 403 });

// The same, as action results: 'ok', or the error code.
const toResult = (expected: Expected): ExpectedResult =>
  Object.fromEntries(ROLES.map((role) => [role, ({ 200: 'ok', 201: 'ok', 204: 'ok', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict' } as Record<number, string>)[expected[role]]!])) as ExpectedResult;

// ---------------------------------------------------------------------------
// The world each row acts on: the people, an article under blind review, and
// for each cell things of its own, so that no cell depends on another.

interface World {
  people: Record<Exclude<Role, 'anonymous'>, Actor>;
  tokens: Record<Exclude<Role, 'anonymous'>, string>;
  article: ArticleDetail;
  /** A passage of the article nobody has claimed yet. */
  passage(): string;
  /** A claim of Rita's nobody has reviewed. */
  ritasClaim(): Promise<ClaimDetail>;
  /** A claim of Rita's with her verdict, so its thread is open to her (and hidden from Rémi). */
  reviewedClaim(): Promise<ClaimDetail>;
  /** Rita's comment on a claim she reviewed. */
  ritasComment(): Promise<{ id: string; claimId: string }>;
}

interface RouteRequest {
  path: string;
  body?: unknown;
}

interface RouteRow {
  /** The route file, under app/api, and the method. */
  route: string;
  method: string;
  /** What the row does, for people. */
  does: string;
  request: (world: World) => Promise<RouteRequest> | RouteRequest;
  expect: Expected;
}

const ROUTES: RouteRow[] = [
  { route: 'auth/[...nextauth]', method: 'GET', does: 'Auth.js: the sign-in providers', request: () => ({ path: '/api/auth/providers' }), expect: anyone(200) },
  { route: 'auth/[...nextauth]', method: 'POST', does: 'Auth.js: a sign-in without its CSRF token is turned back', request: () => ({ path: '/api/auth/callback/credentials', body: { email: 'x@example.org', password: 'x' } }), expect: anyone(302) },
  { route: 'health', method: 'GET', does: 'health, for load balancers', request: () => ({ path: '/api/health' }), expect: anyone(200) },
  // Public, and no credentials are even looked at: a deactivated account's token reads it too.
  { route: 'v1/openapi.json', method: 'GET', does: 'the OpenAPI document', request: () => ({ path: '/api/v1/openapi.json' }), expect: anyone(200) },
  ...['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => ({ route: 'v1/[...path]', method, does: 'an unknown API path', request: () => ({ path: '/api/v1/nothing/here' }), expect: anyone(404) })),
  { route: 'v1/articles', method: 'GET', does: 'list the articles', request: () => ({ path: '/api/v1/articles' }), expect: signedIn(200) },
  { route: 'v1/articles', method: 'POST', does: 'create an article', request: () => ({ path: '/api/v1/articles', body: { text: 'Un article.' } }), expect: editors(201) },
  { route: 'v1/articles/[id]', method: 'GET', does: 'read an article', request: (w) => ({ path: `/api/v1/articles/${w.article.id}` }), expect: signedIn(200) },
  {
    route: 'v1/articles/[id]',
    method: 'PATCH',
    does: 'correct an article’s details',
    request: async (w) => ({ path: `/api/v1/articles/${w.article.id}`, body: { version: (await db().article.findUniqueOrThrow({ where: { id: w.article.id } })).version, publisher: `Le Monde ${Math.random()}` } }),
    expect: editors(200),
  },
  { route: 'v1/agreement', method: 'GET', does: 'agreement across articles (a reviewer: over the claims revealed to them)', request: () => ({ path: '/api/v1/agreement' }), expect: signedIn(200) },
  { route: 'v1/articles/[id]/agreement', method: 'GET', does: 'an article’s agreement report, as CSV', request: (w) => ({ path: `/api/v1/articles/${w.article.id}/agreement?format=csv` }), expect: signedIn(200) },
  { route: 'v1/articles/[id]/activity', method: 'GET', does: 'an article’s activity', request: (w) => ({ path: `/api/v1/articles/${w.article.id}/activity` }), expect: editors(200) },
  { route: 'v1/articles/[id]/claims', method: 'GET', does: 'an article’s claims', request: (w) => ({ path: `/api/v1/articles/${w.article.id}/claims` }), expect: signedIn(200) },
  { route: 'v1/articles/[id]/claims', method: 'POST', does: 'mark a claim', request: (w) => ({ path: `/api/v1/articles/${w.article.id}/claims`, body: { exact: w.passage() } }), expect: signedIn(201) },
  { route: 'v1/articles/[id]/events', method: 'GET', does: 'follow an article live', request: (w) => ({ path: `/api/v1/articles/${w.article.id}/events` }), expect: signedIn(200) },
  { route: 'v1/articles/[id]/revisions', method: 'GET', does: 'list an article’s revisions', request: (w) => ({ path: `/api/v1/articles/${w.article.id}/revisions` }), expect: signedIn(200) },
  { route: 'v1/articles/[id]/revisions/[number]', method: 'GET', does: 'read an old revision’s text', request: (w) => ({ path: `/api/v1/articles/${w.article.id}/revisions/1` }), expect: signedIn(200) },
  { route: 'v1/articles/[id]/export', method: 'GET', does: 'export an article', request: (w) => ({ path: `/api/v1/articles/${w.article.id}/export?format=csv` }), expect: signedIn(200) },
  { route: 'v1/export', method: 'GET', does: 'export every article, as ClaimReview', request: () => ({ path: '/api/v1/export?format=claimreview&scope=all' }), expect: signedIn(200) },
  { route: 'v1/claims/[id]', method: 'GET', does: 'read a claim', request: async (w) => ({ path: `/api/v1/claims/${(await w.reviewedClaim()).id}` }), expect: signedIn(200) },
  {
    route: 'v1/claims/[id]',
    method: 'PATCH',
    does: 'change the note of Rita’s claim',
    request: async (w) => ({ path: `/api/v1/claims/${(await w.ritasClaim()).id}`, body: { note: 'Chiffre de 2023.' } }),
    expect: { ...signedIn(200), otherReviewer: 403 },
  },
  {
    route: 'v1/claims/[id]',
    method: 'DELETE',
    does: 'delete Rita’s claim, which nobody else reviewed',
    request: async (w) => ({ path: `/api/v1/claims/${(await w.ritasClaim()).id}` }),
    expect: { ...signedIn(204), otherReviewer: 403 },
  },
  { route: 'v1/claims/[id]/adjudication', method: 'GET', does: 'read a claim’s adjudications', request: async (w) => ({ path: `/api/v1/claims/${(await w.ritasClaim()).id}/adjudication` }), expect: signedIn(200) },
  {
    route: 'v1/claims/[id]/adjudication',
    method: 'POST',
    does: 'adjudicate a claim',
    request: async (w) => ({ path: `/api/v1/claims/${(await w.reviewedClaim()).id}/adjudication`, body: { rating: 'false', rationale: 'Démenti par l’INSEE.' } }),
    expect: editors(201),
  },
  {
    route: 'v1/claims/[id]/adjudication',
    method: 'DELETE',
    does: 'withdraw an adjudication',
    request: async (w) => {
      const claim = await w.reviewedClaim();
      await adjudicateClaim(ctxFor(db(), w.people.editor), claim.id, { rating: 'false', rationale: 'Démenti.' });
      return { path: `/api/v1/claims/${claim.id}/adjudication` };
    },
    expect: editors(200),
  },
  {
    route: 'v1/claims/[id]/comments',
    method: 'GET',
    does: 'read the thread of a claim Rita reviewed (closed to Rémi: blind review)',
    request: async (w) => ({ path: `/api/v1/claims/${(await w.reviewedClaim()).id}/comments` }),
    expect: { ...signedIn(200), otherReviewer: 403 },
  },
  {
    route: 'v1/claims/[id]/comments',
    method: 'POST',
    does: 'comment on a claim Rita reviewed (closed to Rémi: blind review)',
    request: async (w) => ({ path: `/api/v1/claims/${(await w.reviewedClaim()).id}/comments`, body: { body: 'Source ?' } }),
    expect: { ...signedIn(201), otherReviewer: 403 },
  },
  { route: 'v1/claims/[id]/history', method: 'GET', does: 'a claim’s history (masked by blind review)', request: async (w) => ({ path: `/api/v1/claims/${(await w.reviewedClaim()).id}/history` }), expect: signedIn(200) },
  {
    route: 'v1/claims/[id]/verdict',
    method: 'PUT',
    does: 'give one’s own verdict',
    request: async (w) => ({ path: `/api/v1/claims/${(await w.ritasClaim()).id}/verdict`, body: { rating: 'mixed', rationale: 'En partie.' } }),
    expect: signedIn(201),
  },
  {
    route: 'v1/claims/[id]/verdict',
    method: 'DELETE',
    does: 'withdraw one’s verdict on a claim only Rita reviewed: nobody withdraws hers',
    request: async (w) => ({ path: `/api/v1/claims/${(await w.reviewedClaim()).id}/verdict` }),
    expect: { ...signedIn(404), reviewer: 200 },
  },
  {
    route: 'v1/comments/[id]',
    method: 'PATCH',
    does: 'rewrite Rita’s comment (in a thread closed to Rémi)',
    request: async (w) => ({ path: `/api/v1/comments/${(await w.ritasComment()).id}`, body: { body: 'Corrigé.' } }),
    expect: { anonymous: 401, reviewer: 200, otherReviewer: 404, editor: 403, admin: 403, deactivated: 401 },
  },
  {
    route: 'v1/comments/[id]',
    method: 'DELETE',
    does: 'delete Rita’s comment (in a thread closed to Rémi)',
    request: async (w) => ({ path: `/api/v1/comments/${(await w.ritasComment()).id}` }),
    expect: { ...signedIn(204), otherReviewer: 404 },
  },
  {
    route: 'v1/imports',
    method: 'POST',
    does: 'import an archive (an empty one here)',
    request: () => ({ path: '/api/v1/imports', body: { format: 'crux.archive', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', articles: [], users: [] } }),
    expect: editors(200),
  },
  { route: 'v1/invitations', method: 'GET', does: 'the pending invitations', request: () => ({ path: '/api/v1/invitations' }), expect: admins(200) },
  { route: 'v1/invitations', method: 'POST', does: 'invite someone', request: () => ({ path: '/api/v1/invitations', body: { role: 'reviewer' } }), expect: admins(201) },
  {
    route: 'v1/invitations/[id]',
    method: 'DELETE',
    does: 'revoke an invitation',
    request: async (w) => ({ path: `/api/v1/invitations/${(await createInvitation(ctxFor(db(), w.people.admin), {})).invitation.id}` }),
    expect: admins(204),
  },
  { route: 'v1/notifications', method: 'GET', does: 'one’s notifications', request: () => ({ path: '/api/v1/notifications' }), expect: signedIn(200) },
  { route: 'v1/notifications/read', method: 'POST', does: 'mark one’s notifications read', request: () => ({ path: '/api/v1/notifications/read', body: { all: true } }), expect: signedIn(200) },
  // A deactivated account's token is refused before any route runs, even a public one (its cookie is no session: anonymous).
  { route: 'v1/registration', method: 'GET', does: 'how registration works', request: () => ({ path: '/api/v1/registration' }), expect: { ...anyone(200), deactivated: 401 } },
  { route: 'v1/registration', method: 'PUT', does: 'open registration to anyone', request: () => ({ path: '/api/v1/registration', body: { mode: 'open' } }), expect: admins(200) },
  { route: 'v1/users', method: 'GET', does: 'the people on the desk', request: () => ({ path: '/api/v1/users' }), expect: signedIn(200) },
  { route: 'v1/users/[id]/sessions', method: 'DELETE', does: 'sign someone else out everywhere', request: async () => ({ path: `/api/v1/users/${(await makeUser(db(), 'reviewer')).id}/sessions` }), expect: admins(200) },
  {
    route: 'v1/users/[id]',
    method: 'PATCH',
    does: 'change someone’s role',
    request: async () => ({ path: `/api/v1/users/${(await makeUser(db(), 'reviewer')).id}`, body: { role: 'editor' } }),
    expect: admins(200),
  },
];

interface ActionRow {
  action: string;
  does: string;
  call: (world: World, act: (...args: never[]) => Promise<unknown>) => Promise<unknown>;
  expect: ExpectedResult;
}

let registered = 0;
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
type Act = (...args: unknown[]) => Promise<unknown>;
const call = (act: (...args: never[]) => Promise<unknown>, ...args: unknown[]) => (act as Act)(...args);

const ACTIONS: ActionRow[] = [
  // Public: signing in, out, up, and the interface language.
  { action: 'registerAction', does: 'register (open registration)', call: (_w, a) => call(a, {}, form({ email: `new-${++registered}-${Date.now()}@example.org`, password: 'correct horse battery', name: '' })), expect: toResult(anyone(200)) },
  { action: 'loginAction', does: 'sign in (Auth.js checks the password)', call: (_w, a) => call(a, {}, form({ email: 'x@example.org', password: 'x' })), expect: toResult(anyone(200)) },
  { action: 'logoutAction', does: 'sign out', call: (_w, a) => call(a), expect: toResult(anyone(200)) },
  { action: 'setLocaleAction', does: 'choose the interface language', call: (_w, a) => call(a, 'en'), expect: toResult(anyone(200)) },
  // createArticleAction redirects to the new article: 'redirect' is its success.
  { action: 'createArticleAction', does: 'create an article', call: (_w, a) => call(a, {}, form({ body: 'Un article.' })), expect: { ...toResult(editors(201)), editor: 'redirect', admin: 'redirect' } },
  {
    action: 'updateArticleAction',
    does: 'correct an article’s details',
    call: async (w, a) => call(a, w.article.id, { version: (await db().article.findUniqueOrThrow({ where: { id: w.article.id } })).version, publisher: `AFP ${Math.random()}` }),
    expect: toResult(editors(200)),
  },
  { action: 'listClaimsAction', does: 'an article’s claims', call: (w, a) => call(a, w.article.id), expect: toResult(signedIn(200)) },
  { action: 'createClaimAction', does: 'mark a claim', call: (w, a) => call(a, w.article.id, { exact: w.passage() }), expect: toResult(signedIn(201)) },
  { action: 'loadClaimAction', does: 'read a claim', call: async (w, a) => call(a, (await w.reviewedClaim()).id), expect: toResult(signedIn(200)) },
  { action: 'updateClaimAction', does: 'change the note of Rita’s claim', call: async (w, a) => call(a, (await w.ritasClaim()).id, { note: 'Vu.' }), expect: toResult({ ...signedIn(200), otherReviewer: 403 }) },
  { action: 'deleteClaimAction', does: 'delete Rita’s claim, which nobody else reviewed', call: async (w, a) => call(a, (await w.ritasClaim()).id), expect: toResult({ ...signedIn(204), otherReviewer: 403 }) },
  { action: 'saveVerdictAction', does: 'give one’s own verdict', call: async (w, a) => call(a, (await w.ritasClaim()).id, { rating: 'true', rationale: 'Exact.' }), expect: toResult(signedIn(200)) },
  { action: 'withdrawVerdictAction', does: 'withdraw one’s verdict on a claim only Rita reviewed', call: async (w, a) => call(a, (await w.reviewedClaim()).id), expect: toResult({ ...signedIn(404), reviewer: 200 }) },
  { action: 'adjudicateClaimAction', does: 'adjudicate a claim', call: async (w, a) => call(a, (await w.reviewedClaim()).id, { rating: 'true', rationale: 'Confirmé.' }), expect: toResult(editors(201)) },
  { action: 'getAdjudicationAction', does: 'read a claim’s adjudications', call: async (w, a) => call(a, (await w.ritasClaim()).id), expect: toResult(signedIn(200)) },
  {
    action: 'withdrawAdjudicationAction',
    does: 'withdraw an adjudication',
    call: async (w, a) => {
      const claim = await w.reviewedClaim();
      await adjudicateClaim(ctxFor(db(), w.people.editor), claim.id, { rating: 'false', rationale: 'Démenti.' });
      return call(a, claim.id, {});
    },
    expect: toResult(editors(200)),
  },
  { action: 'listCommentsAction', does: 'read the thread of a claim Rita reviewed', call: async (w, a) => call(a, (await w.reviewedClaim()).id), expect: toResult({ ...signedIn(200), otherReviewer: 403 }) },
  { action: 'postCommentAction', does: 'comment on a claim Rita reviewed', call: async (w, a) => call(a, (await w.reviewedClaim()).id, { body: 'Source ?' }), expect: toResult({ ...signedIn(201), otherReviewer: 403 }) },
  {
    action: 'editCommentAction',
    does: 'rewrite Rita’s comment',
    call: async (w, a) => call(a, (await w.ritasComment()).id, { body: 'Corrigé.' }),
    expect: toResult({ anonymous: 401, reviewer: 200, otherReviewer: 404, editor: 403, admin: 403, deactivated: 401 }),
  },
  { action: 'deleteCommentAction', does: 'delete Rita’s comment', call: async (w, a) => call(a, (await w.ritasComment()).id), expect: toResult({ ...signedIn(204), otherReviewer: 404 }) },
  { action: 'loadClaimHistoryAction', does: 'a claim’s history', call: async (w, a) => call(a, (await w.reviewedClaim()).id), expect: toResult(signedIn(200)) },
  // Wrong current password: refused for whoever is signed in, and nothing changes.
  { action: 'changePasswordAction', does: 'change one’s password (with a wrong current one)', call: (_w, a) => call(a, {}, form({ currentPassword: 'not my password', newPassword: 'plume verte sous la pluie' })), expect: { ...toResult(signedIn(200)), reviewer: 'validation_failed', otherReviewer: 'validation_failed', editor: 'validation_failed', admin: 'validation_failed' } },
  { action: 'signOutEverywhereAction', does: 'sign out of every browser', call: (_w, a) => call(a), expect: toResult(signedIn(200)) },
  { action: 'endUserSessionsAction', does: 'sign someone else out everywhere', call: async (_w, a) => call(a, (await makeUser(db(), 'reviewer')).id), expect: toResult(admins(200)) },
  { action: 'listUsersAction', does: 'the people on the desk', call: (_w, a) => call(a), expect: toResult(signedIn(200)) },
  { action: 'updateUserAction', does: 'change someone’s role', call: async (_w, a) => call(a, (await makeUser(db(), 'reviewer')).id, { role: 'editor' }), expect: toResult(admins(200)) },
  { action: 'setRegistrationModeAction', does: 'open registration to anyone', call: (_w, a) => call(a, { mode: 'open' }), expect: toResult(admins(200)) },
  { action: 'createInvitationAction', does: 'invite someone', call: (_w, a) => call(a, { role: 'reviewer' }), expect: toResult(admins(201)) },
  {
    action: 'revokeInvitationAction',
    does: 'revoke an invitation',
    call: async (w, a) => call(a, (await createInvitation(ctxFor(db(), w.people.admin), {})).invitation.id),
    expect: toResult(admins(204)),
  },
  { action: 'listNotificationsAction', does: 'one’s notifications', call: (_w, a) => call(a), expect: toResult(signedIn(200)) },
  { action: 'markNotificationsReadAction', does: 'mark one’s notifications read', call: (_w, a) => call(a, { all: true }), expect: toResult(signedIn(200)) },
  { action: 'createTokenAction', does: 'create an API token', call: (_w, a) => call(a, {}, form({ name: 'Script' })), expect: toResult(signedIn(201)) },
  {
    action: 'revokeTokenAction',
    does: 'revoke one’s own token (for Rita: hers; for the others, hers too: 404)',
    call: async (w, a) => call(a, (await createToken(db(), w.people.reviewer.id, { name: 'Rita’s' })).info.id),
    expect: toResult({ ...signedIn(404), reviewer: 200 }),
  },
];

// ---------------------------------------------------------------------------


type Handler = (request: Request, route: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
const modules = new Map<string, Record<string, unknown>>();
async function routeModule(route: string): Promise<Record<string, unknown>> {
  if (!modules.has(route)) modules.set(route, (await import(path.join(API_DIR, route, 'route.ts'))) as Record<string, unknown>);
  return modules.get(route)!;
}

/** The params Next would give the handler, read from the path against the route's segments. */
function paramsFor(route: string, urlPath: string): Record<string, string | string[]> {
  const segments = route.split('/');
  const parts = urlPath.split('?')[0]!.split('/').slice(2);
  const params: Record<string, string | string[]> = {};
  segments.forEach((segment, i) => {
    const catchAll = /^\[\.\.\.(.+)\]$/.exec(segment);
    if (catchAll) params[catchAll[1]!] = parts.slice(i).map(decodeURIComponent);
    else if (/^\[(.+)\]$/.test(segment)) params[segment.slice(1, -1)] = decodeURIComponent(parts[i]!);
  });
  return params;
}

const BASE = 'http://crux.test';

let requests = 0;
/**
 * Each request from an address of its own: the deactivated account's refused
 * token would otherwise soon be rate-limited (429) per address, which
 * tests/unit/sign-in-limits.test.ts covers.
 */
function nextAddress(): string {
  requests += 1;
  return `198.51.${Math.floor(requests / 250) % 250}.${requests % 250}`;
}

async function callRoute(row: RouteRow, req: RouteRequest, headers: Record<string, string>): Promise<number> {
  const handler = (await routeModule(row.route))[row.method] as Handler;
  const controller = new AbortController();
  const request = new Request(`${BASE}${req.path}`, {
    method: row.method,
    headers: { 'x-forwarded-for': nextAddress(), ...headers, ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    signal: controller.signal,
    ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
  });
  const response = await handler(request, { params: Promise.resolve(paramsFor(row.route, req.path)) });
  // An event stream goes on until the client leaves: leave.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    controller.abort();
    await response.body?.cancel();
  } else {
    await response.arrayBuffer();
  }
  return response.status;
}

/** The route file a path goes to, as Next picks it: fixed segments before dynamic ones, catch-alls last. */
function routeOf(urlPath: string): string {
  const pathname = urlPath.split('?')[0]!.replace(/^\/api\//, '');
  const pattern = (route: string) =>
    new RegExp(`^${route.split('/').map((segment) => (/^\[\.\.\./.test(segment) ? '.+' : /^\[/.test(segment) ? '[^/]+' : segment)).join('/')}$`);
  const rank = (route: string) => (route.includes('[...') ? 2 : route.includes('[') ? 1 : 0);
  const route = routeFiles().sort((a, b) => rank(a) - rank(b)).find((r) => pattern(r).test(pathname));
  if (!route) throw new Error(`no route for ${urlPath}`);
  return route;
}

/** One API call, by the caller's bearer token: its status and its body as text. */
async function api(token: string | null, method: string, urlPath: string, body?: unknown): Promise<{ status: number; text: string; json: () => unknown }> {
  const route = routeOf(urlPath);
  const handler = (await routeModule(route))[method] as Handler;
  const request = new Request(`${BASE}${urlPath}`, {
    method,
    headers: {
      'x-forwarded-for': nextAddress(),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const response = await handler(request, { params: Promise.resolve(paramsFor(route, urlPath)) });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) as unknown };
}

/** What an action's answer says: 'ok', 'redirect', or the error's code. */
async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    const result = (await run()) as { ok?: boolean; error?: { code: string } } | undefined;
    if (result?.error) return result.error.code;
    if (result?.ok === false) throw new Error('a failed result without an error');
    return 'ok';
  } catch (error) {
    if (error instanceof Error && 'digest' in error && String(error.digest).startsWith('NEXT_REDIRECT')) return 'redirect';
    throw error;
  }
}

describe(`authorization matrix on ${testProvider}`, { timeout: 120_000 }, () => {
  let world: World;
  useProcessDatabase();

  beforeAll(async () => {
    // Auth.js logs the sign-in it turns back (no CSRF token) with a stack: expected here, and said by the status.
    const error = console.error.bind(console);
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (!(typeof args[0] === 'string' && args[0].startsWith('[auth]') && String(args[1]).includes('MissingCSRF'))) error(...args);
    });
    const admin = await makeUser(db(), 'admin', 'Ada Admin');
    const people = {
      admin,
      editor: await makeUser(db(), 'editor', 'Édith Roux'),
      reviewer: await makeUser(db(), 'reviewer', 'Rita Lopes'),
      otherReviewer: await makeUser(db(), 'reviewer', 'Rémi Petit'),
      deactivated: await makeUser(db(), 'reviewer', 'Denis Parti'),
    };
    const tokens = Object.fromEntries(await Promise.all(Object.entries(people).map(async ([role, p]) => [role, (await createToken(db(), p.id, { name: 'matrix' })).token]))) as World['tokens'];
    await updateUser(ctxFor(db(), admin), people.deactivated.id, { active: false });
    const text = Array.from({ length: 3000 }, (_, i) => `Phrase numéro ${i} à vérifier.`).join(' ');
    const article = await createArticle(ctxFor(db(), people.editor), { text, title: 'Article de la matrice' });
    let passages = 0;
    const passage = () => `Phrase numéro ${passages++} à vérifier`;
    const ritasClaim = () => createClaim(ctxFor(db(), people.reviewer), article.id, { exact: passage() });
    const reviewedClaim = async () => {
      const claim = await ritasClaim();
      return (await upsertVerdict(ctxFor(db(), people.reviewer), claim.id, { rating: 'false', rationale: 'Faux selon l’INSEE.' })).claim;
    };
    const ritasComment = async () => {
      const claim = await reviewedClaim();
      return postComment(ctxFor(db(), people.reviewer), claim.id, { body: 'Voir le rapport.' });
    };
    world = { people, tokens, article, passage, ritasClaim, reviewedClaim, ritasComment };
  }, 60_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    signInAs(null);
    await liveServer().shutdown();
  });

  it('has a row for every route file and every method it exports, and no other', async () => {
    const exported: string[] = [];
    for (const route of routeFiles()) {
      for (const method of exportedMethods(await routeModule(route))) exported.push(`${method} ${route}`);
    }
    expect(ROUTES.map((row) => `${row.method} ${row.route}`).sort()).toEqual(exported.sort());
  });

  it('has a row for every exported server action, and no other', () => {
    const exported = Object.entries(actions).filter(([, value]) => typeof value === 'function').map(([name]) => name);
    expect(ACTIONS.map((row) => row.action).sort()).toEqual(exported.sort());
  });

  it('prints its size', () => {
    const routeCells = ROUTES.length * ROLES.length;
    const actionCells = ACTIONS.length * ROLES.length;
    console.log(
      `${testProvider}: authorization matrix — ${routeFiles().length} route files, ${ROUTES.length} route methods × ${ROLES.length} callers = ${routeCells} cells, ` +
        `each by bearer token and by session cookie (${routeCells * 2} requests); ${ACTIONS.length} server actions × ${ROLES.length} callers = ${actionCells} cells`,
    );
    expect(routeCells).toBeGreaterThan(0);
  });

  it('answers every route, by bearer token, as the table says', async () => {
    const got: Record<string, Partial<Expected>> = {};
    const wanted: Record<string, Partial<Expected>> = {};
    signInAs(null);
    for (const row of ROUTES) {
      const key = `${row.method} ${row.route}`;
      for (const role of ROLES) {
        const headers: Record<string, string> = role === 'anonymous' ? {} : { authorization: `Bearer ${world.tokens[role]}` };
        (got[key] ??= {})[role] = await callRoute(row, await row.request(world), headers);
        (wanted[key] ??= {})[role] = row.expect[role];
      }
    }
    expect(got).toEqual(wanted);
  });

  it('answers every route, by session cookie, as the table says (a deactivated account’s cookie is no session)', async () => {
    const got: Record<string, Partial<Expected>> = {};
    const wanted: Record<string, Partial<Expected>> = {};
    for (const row of ROUTES) {
      const key = `${row.method} ${row.route}`;
      for (const role of ROLES) {
        signInAs(role === 'anonymous' ? null : world.people[role].id);
        (got[key] ??= {})[role] = await callRoute(row, await row.request(world), {});
        (wanted[key] ??= {})[role] = row.expect[role === 'deactivated' ? 'anonymous' : role];
      }
    }
    signInAs(null);
    expect(got).toEqual(wanted);
  });

  // -------------------------------------------------------------------------
  // Object level: another reviewer's things, and ids guessed into them.

  const RATIONALE = 'Faux selon l’INSEE.';
  const OBJECT_CASES: { does: string; check: (w: World) => Promise<void> }[] = [
    {
      does: 'another reviewer reads a claim Rita reviewed, its list entry, history and export: none of her judgement (blind review)',
      check: async (w) => {
        const claim = await w.reviewedClaim();
        const remi = w.tokens.otherReviewer;
        const detail = (await api(remi, 'GET', `/api/v1/claims/${claim.id}`)).json() as ClaimDetail;
        expect(detail.verdicts).toEqual([]);
        expect(detail.consensus).toMatchObject({ status: 'needs-review', reviewerCount: 0, leadingRating: null });
        const listed = ((await api(remi, 'GET', `/api/v1/articles/${w.article.id}/claims`)).json() as { claims: { id: string; consensus: { reviewerCount: number } }[] }).claims.find((c) => c.id === claim.id);
        expect(listed?.consensus.reviewerCount).toBe(0);
        for (const readPath of [`/api/v1/claims/${claim.id}`, `/api/v1/claims/${claim.id}/history`, `/api/v1/articles/${w.article.id}/export?scope=all`, `/api/v1/articles/${w.article.id}/export?scope=all&format=csv`, '/api/v1/export?scope=all&format=w3c', `/api/v1/export?scope=all&format=csv&reviewer=${w.people.reviewer.id}`]) {
          const read = await api(remi, 'GET', readPath);
          expect(read.status, readPath).toBe(200);
          expect(read.text, readPath).not.toContain(RATIONALE);
        }
        // The editor sees it: the rationale was there to hide.
        expect((await api(w.tokens.editor, 'GET', `/api/v1/claims/${claim.id}/history`)).text).toContain(RATIONALE);
        // Nor how many claims the others reviewed, in the article list.
        const reviewed = async (token: string) =>
          ((await api(token, 'GET', '/api/v1/articles')).json() as { articles: { id: string; reviewedClaimCount: number }[] }).articles.find((a) => a.id === w.article.id)!.reviewedClaimCount;
        expect(await reviewed(remi)).toBeLessThan(await reviewed(w.tokens.editor));
      },
    },
    {
      does: 'another reviewer’s agreement figures leave out the claims Rita judged and he did not, name nobody but him, and he may not narrow them to Rita’s claims',
      check: async (w) => {
        const claim = await w.reviewedClaim();
        const remi = w.tokens.otherReviewer;
        type Figures = { claims: number; restricted: boolean; people: { id: string }[]; coverage: { claims: { id: string }[] } };
        for (const path of [`/api/v1/articles/${w.article.id}/agreement`, '/api/v1/agreement']) {
          // (Earlier rows gave him verdicts of his own on other claims: those count.)
          const his = (await api(remi, 'GET', path)).json() as Figures;
          expect(his, path).toMatchObject({ restricted: true, people: [{ id: w.people.otherReviewer.id }] });
          expect(his.people, path).toHaveLength(1);
          expect(his.coverage.claims.map((c) => c.id), path).toContain(claim.id); // listed, as in the claims list, with his column only
          const editors = (await api(w.tokens.editor, 'GET', path)).json() as Figures;
          expect(his.claims, path).toBeLessThan(editors.claims);
        }
        for (const format of ['csv', 'json']) {
          const file = await api(remi, 'GET', `/api/v1/articles/${w.article.id}/agreement?format=${format}`);
          expect(file.status).toBe(200);
          expect(file.text, format).not.toContain('Rita Lopes');
          expect(file.text, format).not.toContain(w.people.reviewer.id);
        }
        expect((await api(remi, 'GET', `/api/v1/agreement?reviewer=${w.people.reviewer.id}`)).status).toBe(403);
        expect((await api(w.tokens.editor, 'GET', `/api/v1/agreement?reviewer=${w.people.reviewer.id}`)).status).toBe(200);
      },
    },
    {
      does: 'another reviewer cannot withdraw or overwrite Rita’s verdict: DELETE is 404 (he has none), PUT gives him his own',
      check: async (w) => {
        const claim = await w.reviewedClaim();
        expect((await api(w.tokens.otherReviewer, 'DELETE', `/api/v1/claims/${claim.id}/verdict`)).status).toBe(404);
        expect((await api(w.tokens.otherReviewer, 'PUT', `/api/v1/claims/${claim.id}/verdict`, { rating: 'true', rationale: 'Vrai.' })).status).toBe(201);
        const verdicts = await db().verdict.findMany({ where: { claimId: claim.id }, orderBy: { reviewerId: 'asc' } });
        expect(verdicts.map((v) => [v.reviewerId, v.rating, v.rationale]).sort()).toEqual(
          [
            [w.people.reviewer.id, 'false', RATIONALE],
            [w.people.otherReviewer.id, 'true', 'Vrai.'],
          ].sort(),
        );
      },
    },
    {
      does: 'another reviewer cannot change Rita’s claim note, nor delete her claim: 403, and both stay',
      check: async (w) => {
        const claim = await w.ritasClaim();
        expect((await api(w.tokens.otherReviewer, 'PATCH', `/api/v1/claims/${claim.id}`, { note: 'Réécrit.' })).status).toBe(403);
        expect((await api(w.tokens.otherReviewer, 'DELETE', `/api/v1/claims/${claim.id}`)).status).toBe(403);
        expect(await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({ note: null, deletedAt: null });
      },
    },
    {
      does: 'Rita’s comment: 404 to another reviewer while the thread is closed to him, 403 once open; an editor may delete but not rewrite it',
      check: async (w) => {
        const comment = await w.ritasComment();
        const path = `/api/v1/comments/${comment.id}`;
        expect((await api(w.tokens.otherReviewer, 'PATCH', path, { body: 'Réécrit.' })).status).toBe(404);
        expect((await api(w.tokens.otherReviewer, 'DELETE', path)).status).toBe(404);
        await upsertVerdict(ctxFor(db(), w.people.otherReviewer), comment.claimId, { rating: 'true' });
        expect((await api(w.tokens.otherReviewer, 'PATCH', path, { body: 'Réécrit.' })).status).toBe(403);
        expect((await api(w.tokens.otherReviewer, 'DELETE', path)).status).toBe(403);
        expect((await api(w.tokens.editor, 'PATCH', path, { body: 'Réécrit.' })).status).toBe(403);
        expect(await db().comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ body: 'Voir le rapport.', deletedAt: null, editedAt: null });
      },
    },
    {
      does: 'another reviewer revoking Rita’s token by its id: not found, and her token still works',
      check: async (w) => {
        const { token, info } = await createToken(db(), w.people.reviewer.id, { name: 'Rita’s script' });
        for (const role of ['otherReviewer', 'editor', 'admin'] as const) {
          signInAs(w.people[role].id);
          expect(await outcome(() => call(actions.revokeTokenAction!, info.id)), role).toBe('not_found');
        }
        signInAs(null);
        expect((await api(token, 'GET', '/api/v1/articles')).status).toBe(200);
        expect(await outcome(() => call(actions.revokeTokenAction!, 'no-such-token'))).toBe('unauthenticated');
      },
    },
    {
      does: 'another reviewer marking Rita’s notifications read by their ids: ignored (his own only), hers stay unread and out of his list',
      check: async (w) => {
        const claim = await w.reviewedClaim();
        await postComment(ctxFor(db(), w.people.editor), claim.id, { body: '@Rita Lopes, la source ?' });
        const ritas = await db().notification.findMany({ where: { userId: w.people.reviewer.id, claimId: claim.id } });
        expect(ritas).toHaveLength(1);
        const ids = ritas.map((n) => n.id);
        expect((await api(w.tokens.otherReviewer, 'POST', '/api/v1/notifications/read', { ids })).status).toBe(200);
        signInAs(w.people.otherReviewer.id);
        expect(await outcome(() => call(actions.markNotificationsReadAction!, { ids }))).toBe('ok');
        const listed = (await api(w.tokens.otherReviewer, 'GET', '/api/v1/notifications')).json() as { notifications: { id: string }[] };
        expect(listed.notifications.map((n) => n.id)).not.toContain(ids[0]);
        signInAs(null);
        expect(await db().notification.findUniqueOrThrow({ where: { id: ids[0]! } })).toMatchObject({ readAt: null });
      },
    },
    {
      does: 'invitation and account ids tell a non-admin nothing: 403 whether the id exists or not; an admin gets 404 for a missing one',
      check: async (w) => {
        const { invitation } = await createInvitation(ctxFor(db(), w.people.admin), {});
        const someone = await makeUser(db(), 'reviewer');
        for (const role of ['reviewer', 'editor'] as const) {
          for (const id of [invitation.id, 'no-such-invitation']) expect((await api(w.tokens[role], 'DELETE', `/api/v1/invitations/${id}`)).status, `${role} ${id}`).toBe(403);
          for (const id of [someone.id, 'no-such-user']) expect((await api(w.tokens[role], 'PATCH', `/api/v1/users/${id}`, { role: 'admin' })).status, `${role} ${id}`).toBe(403);
        }
        expect((await api(w.tokens.admin, 'DELETE', '/api/v1/invitations/no-such-invitation')).status).toBe(404);
        expect((await api(w.tokens.admin, 'PATCH', '/api/v1/users/no-such-user', { role: 'editor' })).status).toBe(404);
        expect(await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ revokedAt: null });
        expect(await db().user.findUniqueOrThrow({ where: { id: someone.id } })).toMatchObject({ role: 'reviewer' });
      },
    },
    {
      does: 'an admin cannot change their own role or deactivate themselves (403); another admin can',
      check: async (w) => {
        expect((await api(w.tokens.admin, 'PATCH', `/api/v1/users/${w.people.admin.id}`, { active: false })).status).toBe(403);
        expect((await api(w.tokens.admin, 'PATCH', `/api/v1/users/${w.people.admin.id}`, { role: 'reviewer' })).status).toBe(403);
        expect(await db().user.findUniqueOrThrow({ where: { id: w.people.admin.id } })).toMatchObject({ role: 'admin', deactivatedAt: null });
      },
    },
    {
      does: 'the people list gives names to everyone signed in, email addresses to admins only',
      check: async (w) => {
        for (const role of ['reviewer', 'editor'] as const) expect((await api(w.tokens[role], 'GET', '/api/v1/users')).text, role).not.toContain('@example.org');
        expect((await api(w.tokens.admin, 'GET', '/api/v1/users')).text).toContain(w.people.reviewer.email);
      },
    },
    {
      does: 'ids that name nothing are 404 to those allowed to look, whatever the thing',
      check: async (w) => {
        const token = w.tokens.editor;
        for (const [method, path] of [
          ['GET', '/api/v1/articles/nope'],
          ['GET', '/api/v1/articles/nope/claims'],
          ['GET', '/api/v1/articles/nope/export'],
          ['GET', '/api/v1/articles/nope/activity'],
          ['GET', '/api/v1/articles/nope/agreement'],
          ['GET', '/api/v1/articles/nope/events'],
          ['GET', '/api/v1/claims/nope'],
          ['GET', '/api/v1/claims/nope/comments'],
          ['GET', '/api/v1/claims/nope/history'],
          ['GET', '/api/v1/claims/nope/adjudication'],
          ['DELETE', '/api/v1/claims/nope'],
          ['DELETE', '/api/v1/claims/nope/verdict'],
          ['DELETE', '/api/v1/comments/nope'],
        ] as const) {
          expect((await api(token, method, path)).status, `${method} ${path}`).toBe(404);
        }
      },
    },
    {
      does: 'a deactivated account stops at once, by token and by session, and works again once reactivated',
      check: async (w) => {
        const denis = await makeUser(db(), 'reviewer');
        const { token } = await createToken(db(), denis.id, { name: 'Denis' });
        signInAs(denis.id);
        expect((await api(token, 'GET', '/api/v1/articles')).status).toBe(200);
        expect(await outcome(() => call(actions.listNotificationsAction!))).toBe('ok');
        await updateUser(ctxFor(db(), w.people.admin), denis.id, { active: false });
        expect((await api(token, 'GET', '/api/v1/articles')).status).toBe(401);
        expect((await api(null, 'GET', '/api/v1/articles')).status).toBe(401); // the cookie names an account that is no one now
        expect(await outcome(() => call(actions.listNotificationsAction!))).toBe('unauthenticated');
        const claim = await w.ritasClaim();
        expect(await outcome(() => call(actions.saveVerdictAction!, claim.id, { rating: 'true' }))).toBe('unauthenticated');
        await updateUser(ctxFor(db(), w.people.admin), denis.id, { active: true });
        expect((await api(token, 'GET', '/api/v1/articles')).status).toBe(200);
        // Deactivation ended the session for good: the old cookie stays signed out; signing in again works.
        expect(await outcome(() => call(actions.listNotificationsAction!))).toBe('unauthenticated');
        signInAs(denis.id);
        expect(await outcome(() => call(actions.listNotificationsAction!))).toBe('ok');
        signInAs(null);
      },
    },
  ];

  it('counts its object-level cases', () => {
    console.log(`${testProvider}: authorization matrix — ${OBJECT_CASES.length} object-level cases`);
    expect(OBJECT_CASES.length).toBeGreaterThan(0);
  });

  for (const { does, check } of OBJECT_CASES) it(does, () => check(world));

  it('answers every server action as the table says', async () => {
    const got: Record<string, Partial<ExpectedResult>> = {};
    const wanted: Record<string, Partial<ExpectedResult>> = {};
    for (const row of ACTIONS) {
      for (const role of ROLES) {
        signInAs(role === 'anonymous' ? null : world.people[role].id);
        (got[row.action] ??= {})[role] = await outcome(() => row.call(world, actions[row.action]!));
        (wanted[row.action] ??= {})[role] = row.expect[role];
      }
    }
    signInAs(null);
    expect(got).toEqual(wanted);
  });
});
