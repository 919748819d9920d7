// Every size the API takes has a limit, and a request past it is answered
// 413 (the body) or 422 naming the field and the limit, through the route
// handlers themselves: the table SECURITY.md lists is this test's table.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as articleClaims from '../../app/api/v1/articles/[id]/claims/route';
import * as articleActivity from '../../app/api/v1/articles/[id]/activity/route';
import * as article from '../../app/api/v1/articles/[id]/route';
import * as articles from '../../app/api/v1/articles/route';
import * as adjudication from '../../app/api/v1/claims/[id]/adjudication/route';
import * as claimComments from '../../app/api/v1/claims/[id]/comments/route';
import * as claimHistory from '../../app/api/v1/claims/[id]/history/route';
import * as claimRoute from '../../app/api/v1/claims/[id]/route';
import * as verdict from '../../app/api/v1/claims/[id]/verdict/route';
import * as invitations from '../../app/api/v1/invitations/route';
import * as notificationsRead from '../../app/api/v1/notifications/read/route';
import { db } from '../../lib/db/client';
import { MAX_BODY_BYTES } from '../../lib/http';
import { createArticle, type ArticleDetail } from '../../lib/services/articles';
import { createClaim, type ClaimDetail } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { createToken } from '../../lib/services/tokens';
import { registerUser } from '../../lib/services/users';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, expectDomainError, makeUser, testProvider, useProcessDatabase } from './support/database';

// No session cookie: callers are who their bearer token says, or nobody.
vi.mock('@/app/auth', async (original) => ({ ...(await original<typeof import('@/app/auth')>()), currentCaller: async () => null }));

// Each route's own params type; the test hands each the params it names.
type Handler = (request: Request, route: { params: Promise<never> }) => Promise<Response>;

const long = (n: number) => 'x'.repeat(n);
const source = (extra: Record<string, unknown>) => ({ url: 'https://example.org/', ...extra });

describe(`size limits through the API on ${testProvider}`, { timeout: 60_000 }, () => {
  let token: string;
  let editor: Actor;
  let text: ArticleDetail;
  let claim: ClaimDetail;
  useProcessDatabase();

  beforeAll(async () => {
    editor = await makeUser(db(), 'admin', 'Ada');
    token = (await createToken(db(), editor.id, { name: 'limits' })).token;
    text = await createArticle(ctxFor(db(), editor), { text: 'Le chômage a baissé. Les prix ont monté.' });
    claim = await createClaim(ctxFor(db(), editor), text.id, { exact: 'Le chômage' });
    await upsertVerdict(ctxFor(db(), editor), claim.id, { rating: 'true' });
  }, 60_000);

  async function call(handler: Handler, method: string, params: Record<string, string>, body?: unknown, query = '') {
    const request = new Request(`http://localhost/api/v1/x${query}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const response = await handler(request, { params: Promise.resolve(params) as Promise<never> });
    return { status: response.status, body: (await response.json()) as { error?: { message: string; issues?: { path: (string | number)[]; message: string; params?: { max?: number } }[] } } };
  }

  // [what, handler, method, params, body or query, the issue's path, the limit its message names]
  const over: [string, () => Handler, string, () => Record<string, string>, () => { body?: unknown; query?: string }, (string | number)[], string][] = [
    ['article text', () => articles.POST, 'POST', () => ({}), () => ({ body: { text: long(200_001) } }), ['text'], '200,000 characters'],
    ['article text once normalised (NFC lengthens U+FB2C)', () => articles.POST, 'POST', () => ({}), () => ({ body: { text: '\ufb2c'.repeat(70_000) } }), ['text'], '200,000 characters'],
    ['article title', () => articles.POST, 'POST', () => ({}), () => ({ body: { text: 'x', title: long(301) } }), ['title'], '300 characters'],
    ['article publisher', () => articles.POST, 'POST', () => ({}), () => ({ body: { text: 'x', publisher: long(201) } }), ['publisher'], '200 characters'],
    ['article source link', () => articles.POST, 'POST', () => ({}), () => ({ body: { text: 'x', sourceUrl: `https://a.org/${long(2_040)}` } }), ['sourceUrl'], '2,048 characters'],
    ['article language', () => articles.POST, 'POST', () => ({}), () => ({ body: { text: 'x', language: `fr${'-abc'.repeat(9)}` } }), ['language'], '35 characters'],
    ['article title (correction)', () => article.PATCH, 'PATCH', () => ({ id: text.id }), () => ({ body: { version: 1, title: long(301) } }), ['title'], '300 characters'],
    ['quoted passage', () => articleClaims.POST, 'POST', () => ({ id: text.id }), () => ({ body: { exact: long(5_001) } }), ['exact'], '5,000 characters'],
    ['text before the passage', () => articleClaims.POST, 'POST', () => ({ id: text.id }), () => ({ body: { exact: 'Les prix', prefix: long(201) } }), ['prefix'], '200 characters'],
    ['claim note', () => articleClaims.POST, 'POST', () => ({ id: text.id }), () => ({ body: { exact: 'Les prix', note: long(2_001) } }), ['note'], '2,000 characters'],
    ['claim note (correction)', () => claimRoute.PATCH, 'PATCH', () => ({ id: claim.id }), () => ({ body: { note: long(2_001) } }), ['note'], '2,000 characters'],
    ['rationale', () => verdict.PUT, 'PUT', () => ({ id: claim.id }), () => ({ body: { rating: 'true', rationale: long(10_001) } }), ['rationale'], '10,000 characters'],
    ['sources per verdict', () => verdict.PUT, 'PUT', () => ({ id: claim.id }), () => ({ body: { rating: 'true', sources: Array.from({ length: 51 }, () => source({})) } }), ['sources'], 'at most 50'],
    ['source link', () => verdict.PUT, 'PUT', () => ({ id: claim.id }), () => ({ body: { rating: 'true', sources: [{ url: `https://a.org/${long(2_040)}` }] } }), ['sources', 0, 'url'], '2,048 characters'],
    ['source title', () => verdict.PUT, 'PUT', () => ({ id: claim.id }), () => ({ body: { rating: 'true', sources: [source({ title: long(301) })] } }), ['sources', 0, 'title'], '300 characters'],
    ['source publisher', () => verdict.PUT, 'PUT', () => ({ id: claim.id }), () => ({ body: { rating: 'true', sources: [source({ publisher: long(201) })] } }), ['sources', 0, 'publisher'], '200 characters'],
    ['source quotation', () => verdict.PUT, 'PUT', () => ({ id: claim.id }), () => ({ body: { rating: 'true', sources: [source({ quote: long(2_001) })] } }), ['sources', 0, 'quote'], '2,000 characters'],
    ['source archived copy', () => verdict.PUT, 'PUT', () => ({ id: claim.id }), () => ({ body: { rating: 'true', sources: [source({ archiveUrl: `https://a.org/${long(2_040)}` })] } }), ['sources', 0, 'archiveUrl'], '2,048 characters'],
    ['adjudication reasons', () => adjudication.POST, 'POST', () => ({ id: claim.id }), () => ({ body: { rating: 'true', rationale: long(10_001) } }), ['rationale'], '10,000 characters'],
    ['comment', () => claimComments.POST, 'POST', () => ({ id: claim.id }), () => ({ body: { body: long(5_001) } }), ['body'], '5,000 characters'],
    ['invitation email', () => invitations.POST, 'POST', () => ({}), () => ({ body: { email: `${long(250)}@example.org` } }), ['email'], ''],
    ['notifications marked read at once', () => notificationsRead.POST, 'POST', () => ({}), () => ({ body: { ids: Array.from({ length: 501 }, (_, i) => `n${i}`) } }), ['ids'], 'at most 500'],
    ['combining marks in a row, in the article text', () => articles.POST, 'POST', () => ({}), () => ({ body: { text: 'e' + '\u0301\u0327'.repeat(100_000) } }), ['text'], '30 combining marks'],
    ['combining marks in a row, in a comment', () => claimComments.POST, 'POST', () => ({ id: claim.id }), () => ({ body: { body: 'e' + '\u0301'.repeat(31) } }), ['body'], '30 combining marks'],
    ['history page size', () => claimHistory.GET, 'GET', () => ({ id: claim.id }), () => ({ query: '?limit=201' }), ['limit'], 'at most 200'],
    ['history cursor', () => claimHistory.GET, 'GET', () => ({ id: claim.id }), () => ({ query: '?cursor=2147483648' }), ['cursor'], 'at most 2,147,483,647'],
    ['activity person', () => articleActivity.GET, 'GET', () => ({ id: text.id }), () => ({ query: `?actor=${long(101)}` }), ['actor'], '100 characters'],
  ];

  for (const [what, handler, method, params, input, path, limit] of over) {
    it(`${what}: 422 naming the field${limit ? ` and its limit (${limit})` : ''}`, async () => {
      const { body, query } = input();
      const response = await call(handler(), method, params(), body, query);
      expect(response.status).toBe(422);
      const issue = response.body.error!.issues!.find((i) => JSON.stringify(i.path) === JSON.stringify(path));
      expect(issue, JSON.stringify(response.body)).toBeDefined();
      if (limit) expect(issue!.message).toContain(limit);
    });
  }

  it('the body: 413 past 1 MB, naming the limit', async () => {
    const response = await call(articles.POST, 'POST', {}, JSON.stringify({ text: long(MAX_BODY_BYTES) }));
    expect(response.status).toBe(413);
    expect(response.body.error!.message).toBe('The request is too large: at most 1 MB.');
  });

  it('just at each limit, the same requests are taken', async () => {
    expect((await call(articles.POST, 'POST', {}, { text: long(200_000), title: long(300), language: `fr${'-abc'.repeat(8)}` })).status).toBe(201);
    expect((await call(claimComments.POST, 'POST', { id: claim.id }, { body: long(5_000) })).status).toBe(201);
    expect((await call(verdict.PUT, 'PUT', { id: claim.id }, { rating: 'true', rationale: long(10_000), sources: Array.from({ length: 50 }, (_, i) => source({ url: `https://example.org/${i}` })) })).status).toBe(200);
  });

  it('names, passwords and token names (accounts) have theirs', async () => {
    await expectDomainError(registerUser(db(), { email: 'n@example.org', password: 'long enough', name: long(101) }), 422, [['name']]);
    await expectDomainError(registerUser(db(), { email: 'p@example.org', password: long(201) }), 422, [['password']]);
    await expectDomainError(registerUser(db(), { email: `${long(250)}@example.org`, password: 'long enough' }), 422, [['email']]);
    await expectDomainError(createToken(db(), editor.id, { name: long(101) }), 422, [['name']]);
  });
});
