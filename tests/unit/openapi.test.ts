// lib/openapi: the OpenAPI 3.1 document of the REST API.
// - Every route file's every method is in the document, and nothing else is
//   (a route added without its entry in lib/openapi/operations.ts fails here).
// - The document is well-formed OpenAPI 3.1, checked structurally, and each of
//   its schemas compiles as JSON Schema 2020-12 (the dialect OpenAPI 3.1 uses).
//   The official OpenAPI 3.1 meta-schema is not shipped with any installed
//   package, so it is not used here.
// - Its request schemas are the routes' own (lib/validation.ts), not copies.
// - Real answers of the routes, called in process, match the response schemas
//   the document publishes, for their status.
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '../../lib/db/client';
import { liveServer } from '../../lib/live/server';
import { openApiDocument, refusalsOf } from '../../lib/openapi/document';
import { OPERATIONS, TAGS, type Operation } from '../../lib/openapi/operations';
import { referenceOf, schemasOf } from '../../lib/openapi/reference';
import { errorSchema } from '../../lib/openapi/responses';
import type { Actor } from '../../lib/services/context';
import { createToken } from '../../lib/services/tokens';
import { articleCreateSchema, claimCreateSchema, historyQuerySchema, verdictSchema } from '../../lib/validation';
import { makeUser, testProvider, useProcessDatabase } from './support/database';
import { API_DIR, exportedMethods, routeFiles } from './support/routes';

// Bearer tokens only: no session cookie in process (callers are who their token says, or nobody).
vi.mock('@/app/auth', async (original) => ({ ...(await original<typeof import('@/app/auth')>()), currentCaller: async () => null }));

/** Route files that are not the documented API, and why. */
const NOT_DOCUMENTED: Record<string, string> = {
  'auth/[...nextauth]': 'Auth.js’s own endpoints: the browser’s sign-in form, not an API for programs',
  'v1/[...path]': 'the catch-all that answers unknown API paths with a JSON 404',
};

/** `v1/articles/[id]` → `/api/v1/articles/{id}`. */
const openApiPath = (route: string) => `/api/${route.replace(/\[(\w+)\]/g, '{$1}')}`;

type Handler = (request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Record<string, unknown>;
const modules = new Map<string, RouteModule>();
async function routeModule(route: string): Promise<RouteModule> {
  if (!modules.has(route)) modules.set(route, (await import(path.join(API_DIR, route, 'route.ts'))) as RouteModule);
  return modules.get(route)!;
}

const doc = openApiDocument();
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
type OperationObject = { operationId?: string; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>; tags?: string[]; summary?: string; parameters?: unknown[]; requestBody?: unknown };
function documentOperations(): { method: string; path: string; op: OperationObject }[] {
  return Object.entries(doc.paths ?? {}).flatMap(([p, item]) =>
    METHODS.filter((m) => (item as Record<string, unknown>)[m]).map((m) => ({ method: m.toUpperCase(), path: p, op: (item as Record<string, OperationObject>)[m]! })),
  );
}

// Importing every route module and compiling every schema takes seconds on a busy two-core machine.
describe('the OpenAPI document', { timeout: 60_000 }, () => {
  it('has every method of every route file, and nothing else (add a route: add its entry in lib/openapi/operations.ts)', async () => {
    const routes: string[] = [];
    for (const route of routeFiles()) {
      if (Object.hasOwn(NOT_DOCUMENTED, route)) continue;
      // HEAD and OPTIONS Next answers by itself; a route that exports them on purpose is documented too.
      for (const method of exportedMethods(await routeModule(route))) routes.push(`${method} ${openApiPath(route)}`);
    }
    const documented = documentOperations().map(({ method, path: p }) => `${method} ${p}`);
    expect(documented.sort()).toEqual(routes.sort());
    // The exceptions still exist: an exception for a route that is gone would hide nothing, and mislead.
    for (const route of Object.keys(NOT_DOCUMENTED)) expect(routeFiles()).toContain(route);
  });

  it('is OpenAPI 3.1 in its structure: info, paths, unique operationIds, a 2xx for each, tags and security schemes declared', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    const declaredTags = new Set((doc.tags ?? []).map((t) => t.name));
    const schemes = new Set(Object.keys(doc.components?.securitySchemes ?? {}));
    expect(schemes).toEqual(new Set(['bearerToken', 'sessionCookie']));
    for (const requirement of doc.security ?? []) for (const name of Object.keys(requirement)) expect(schemes).toContain(name);
    const ids = new Set<string>();
    for (const { method, path: p, op } of documentOperations()) {
      const where = `${method} ${p}`;
      expect(op.operationId, where).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
      expect(ids.has(op.operationId!), `${where}: operationId ${op.operationId} twice`).toBe(false);
      ids.add(op.operationId!);
      expect(op.summary, where).toBeTruthy();
      expect(op.tags?.length, where).toBe(1);
      expect(declaredTags, where).toContain(op.tags![0]);
      const statuses = Object.keys(op.responses ?? {});
      expect(statuses.some((s) => /^2\d\d$/.test(s)), `${where} has a 2xx answer`).toBe(true);
      for (const s of statuses) expect(s, where).toMatch(/^[1-5]\d\d$/);
      // Every {name} in the path is a required path parameter, and there is no other.
      const names = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const pathParams = ((op.parameters ?? []) as { in: string; name: string; required?: boolean }[]).filter((param) => param.in === 'path');
      expect(pathParams.map((param) => param.name).sort(), where).toEqual(names.sort());
      for (const param of pathParams) expect(param.required, `${where} ${param.name}`).toBe(true);
    }
    expect(ids.size).toBe(OPERATIONS.length);
  });

  it('has no dangling $ref, and every schema in it is valid JSON Schema 2020-12', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: true });
    addFormats.default(ajv);
    // OpenAPI 3.1 extends the dialect with `example` and `discriminator`, and allows `x-` keys.
    ajv.addKeyword('example');
    ajv.addKeyword('discriminator');
    const components = doc.components?.schemas ?? {};
    const rewrite = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value), (key, v: unknown) => (key === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', 'crux:components#/$defs/') : v));
    ajv.addSchema(rewrite({ $id: 'crux:components', $defs: components }) as object);
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const name = /#\/components\/schemas\/([^"]+)"/.exec(ref)?.[1];
      expect(name && Object.hasOwn(components, name), ref).toBe(true);
    }
    let compiled = 0;
    const schemas: unknown[] = [];
    for (const { op } of documentOperations()) {
      for (const response of Object.values(op.responses ?? {})) for (const media of Object.values(response.content ?? {})) schemas.push(media.schema);
      const body = (op.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)?.content;
      for (const media of Object.values(body ?? {})) schemas.push(media.schema);
      for (const param of (op.parameters ?? []) as { schema?: unknown }[]) schemas.push(param.schema);
    }
    // Each distinct schema once (the error shape recurs in every operation).
    for (const schema of new Set(schemas.filter(Boolean).map((schema) => JSON.stringify(rewrite(schema))))) {
      expect(() => ajv.compile(JSON.parse(schema) as object), schema.slice(0, 200)).not.toThrow();
      compiled += 1;
    }
    expect(compiled).toBeGreaterThan(OPERATIONS.length);
  });

  it('describes requests with the schemas the routes validate with, not copies', () => {
    const find = (method: Operation['method'], p: string) => OPERATIONS.find((op) => op.method === method && op.path === p)!;
    expect(find('post', '/api/v1/articles').body).toBe(articleCreateSchema);
    expect(find('post', '/api/v1/articles/{id}/claims').body).toBe(claimCreateSchema);
    expect(find('put', '/api/v1/claims/{id}/verdict').body).toBe(verdictSchema);
    expect(find('get', '/api/v1/claims/{id}/history').query).toBe(historyQuerySchema);
    // And the limits reach the document as the schemas state them.
    const verdict = doc.paths!['/api/v1/claims/{id}/verdict']!.put!.requestBody as { content: Record<string, { schema: { properties: Record<string, { maxLength?: number; maxItems?: number }> } }> };
    const properties = verdict.content['application/json']!.schema.properties;
    expect(properties.rationale!.maxLength).toBe(10_000);
    expect(properties.sources!.maxItems).toBe(50);
    const claim = doc.paths!['/api/v1/articles/{id}/claims']!.post!.requestBody as typeof verdict;
    expect(claim.content['application/json']!.schema.properties.exact!.maxLength).toBe(5_000);
  });

  it('gives every operation that takes a body an example the body’s schema accepts', () => {
    for (const op of OPERATIONS.filter((o) => o.body)) {
      expect(op.example, op.operationId).toBeDefined();
      const parsed = op.body!.safeParse(op.example);
      expect(parsed.success ? [] : parsed.error.issues, op.operationId).toEqual([]);
    }
  });

  it('lists the refusals where they apply: 401 when signing in is needed, 404 with an id, 413 and 422 with a body, 429 on the API', () => {
    for (const op of OPERATIONS) {
      const statuses = Object.keys(refusalsOf(op)).map(Number);
      if (op.access !== 'anyone') expect(statuses, `${op.operationId} 401`).toContain(401);
      expect(statuses.includes(404), `${op.operationId} 404`).toBe(op.path.includes('{'));
      if (op.body) expect(statuses, op.operationId).toEqual(expect.arrayContaining([400, 413, 422]));
    }
    const claimCreate = doc.paths!['/api/v1/articles/{id}/claims']!.post!.responses as Record<string, unknown>;
    expect(Object.keys(claimCreate)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409', '413', '415', '422', '429']));
    expect(TAGS.every((tag) => OPERATIONS.some((op) => op.tag === tag))).toBe(true);
  });
});

describe('the reference page’s reading of the document (lib/openapi/reference.ts)', () => {
  const tags = referenceOf(doc);
  const operations = tags.flatMap((t) => t.operations);
  const find = (method: string, p: string) => operations.find((op) => op.method === method && op.path === p)!;

  it('shows every operation once, under its tag, in the tags’ order', () => {
    expect(operations.map((op) => op.id).sort()).toEqual(OPERATIONS.map((op) => op.operationId).sort());
    expect(tags.map((t) => t.tag)).toEqual(TAGS.filter((tag) => OPERATIONS.some((op) => op.tag === tag)));
    for (const { tag, operations: ops } of tags) for (const op of ops) expect(op.tag).toBe(tag);
  });

  it('flattens body fields with their types and limits, nested ones by dotted names', () => {
    const verdict = find('PUT', '/api/v1/claims/{id}/verdict');
    const field = (name: string) => verdict.body.find((f) => f.name === name);
    expect(field('rating')).toMatchObject({ required: true, type: 'string', limits: [{ kind: 'oneOf', values: ['false', 'mostly-false', 'mixed', 'mostly-true', 'true', 'unverifiable'] }] });
    expect(field('rationale')).toMatchObject({ required: false, limits: [{ kind: 'maxLength', value: 10_000 }] });
    expect(field('sources')).toMatchObject({ type: '[object]', limits: [{ kind: 'maxItems', value: 50 }] });
    expect(field('sources[].url')).toMatchObject({ required: true, type: 'string', limits: [{ kind: 'maxLength', value: 2048 }] });
    expect(field('sources[].stance')?.type).toBe('string | null');
    expect(field('rationaleDoc')).toMatchObject({ type: 'object | null', description: expect.stringContaining('TipTap') });
    const settings = find('PATCH', '/api/v1/articles/{id}').body.find((f) => f.name === 'settings.minReviewers');
    expect(settings).toMatchObject({ type: 'integer', limits: [{ kind: 'minimum', value: 1 }, { kind: 'maximum', value: 50 }] });
    expect(find('GET', '/api/v1/claims/{id}/history').queryParameters.find((p) => p.name === 'limit')).toMatchObject({ limits: expect.arrayContaining([{ kind: 'default', value: '50' }]) });
  });

  it('gives an example curl: the method, the path with placeholders, the token unless public, the example body', () => {
    const verdict = OPERATIONS.find((op) => op.operationId === 'putVerdict')!;
    expect(find('PUT', '/api/v1/claims/{id}/verdict').curl).toBe(
      ['curl -X PUT "$CRUX_URL/api/v1/claims/<id>/verdict"', '  -H "Authorization: Bearer $CRUX_TOKEN"', '  -H "Content-Type: application/json"', `  -d '${JSON.stringify(verdict.example)}'`].join(' \\\n'),
    );
    expect(find('GET', '/api/v1/registration').curl).toBe('curl "$CRUX_URL/api/v1/registration"');
    expect(find('PATCH', '/api/v1/articles/{id}').access).toBe('editor or admin');
    expect(find('PATCH', '/api/v1/claims/{id}').who).toBe('Its author, editors and admins.');
    expect(find('DELETE', '/api/v1/claims/{id}').responses.map((r) => r.status)).toEqual(['204', '401', '403', '404', '409', '422', '429', '503']);
    expect(find('GET', '/api/v1/articles').responses[0]).toMatchObject({ status: '200', schema: '{articles: [ArticleSummary]}', refs: ['ArticleSummary'], contentTypes: [] });
    expect(find('GET', '/api/v1/articles/{id}/export').responses[0]).toMatchObject({ status: '200', contentTypes: ['application/json', 'text/csv', 'application/ld+json'], refs: [] });
    expect(find('GET', '/api/health').responses.map((r) => r.status)).toEqual(['200', '503']);
  });

  it('describes the named objects the answers hold, field by field', () => {
    const schemas = schemasOf(doc);
    const claim = schemas.find((s) => s.name === 'ClaimDetail')!;
    expect(claim.fields.find((f) => f.name === 'consensus')).toMatchObject({ type: 'Consensus', required: true });
    expect(claim.fields.find((f) => f.name === 'verdicts')?.type).toBe('[Verdict]');
    expect(schemas.find((s) => s.name === 'Rating')).toMatchObject({ fields: [], type: 'string', limits: [{ kind: 'oneOf' }] });
    // Every name an answer refers to is described.
    const names = new Set(schemas.map((s) => s.name));
    for (const op of operations) for (const answer of op.responses) for (const ref of answer.refs) expect(names, `${op.id} → ${ref}`).toContain(ref);
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('serves the document to anyone, from any site, as JSON, cacheable, revalidated by its ETag', async () => {
    const { GET } = (await routeModule('v1/openapi.json')) as { GET: (request: Request) => Response };
    const response = GET(new Request('http://crux.test/api/v1/openapi.json'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(doc)));
    const again = GET(new Request('http://crux.test/api/v1/openapi.json', { headers: { 'if-none-match': response.headers.get('etag')! } }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});

// ---------------------------------------------------------------------------
// Real answers against the published response schemas.

describe(`the routes' answers match the document on ${testProvider}`, { timeout: 120_000 }, () => {
  useProcessDatabase();
  const people = {} as Record<'admin' | 'editor' | 'reviewer' | 'other', { actor: Actor; token: string }>;
  const checked = new Set<string>();
  let address = 0;

  beforeAll(async () => {
    for (const role of ['admin', 'editor', 'reviewer', 'other'] as const) {
      const actor = await makeUser(db(), role === 'other' ? 'reviewer' : role, `${role} Dupont`);
      people[role] = { actor, token: (await createToken(db(), actor.id, { name: 'openapi' })).token };
    }
  }, 60_000);

  afterAll(async () => {
    await liveServer().shutdown();
  });

  /** Calls the route as a program would (by bearer token), and checks the answer against the document's schema for its status. */
  async function call(who: keyof typeof people | null, method: Operation['method'], template: string, ids: Record<string, string> = {}, body?: unknown, query = ''): Promise<{ status: number; json: Record<string, unknown> }> {
    const op = OPERATIONS.find((o) => o.method === method && o.path === template);
    if (!op) throw new Error(`no operation ${method} ${template}`);
    const urlPath = template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
    const route = template.replace(/^\/api\//, '').replace(/\{(\w+)\}/g, '[$1]');
    const handler = (await routeModule(route))[method.toUpperCase()] as Handler;
    const headers: Record<string, string> = { 'x-forwarded-for': `192.0.2.${(address += 1) % 250}` };
    if (who) headers.authorization = `Bearer ${people[who].token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await handler(new Request(`http://crux.test${urlPath}${query}`, { method: method.toUpperCase(), headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) }), {
      params: Promise.resolve(ids),
    });
    const text = await response.text();
    const json = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const where = `${method.toUpperCase()} ${template} → ${response.status}`;
    if (response.status >= 400) {
      expect(Object.keys(refusalsOf(op)), `${where}: a refusal the document lists`).toContain(String(response.status));
      const parsed = errorSchema.safeParse(json);
      expect(parsed.success ? [] : parsed.error.issues, where).toEqual([]);
    } else {
      const answer = op.success[response.status];
      expect(answer, `${where}: a success the document lists`).toBeDefined();
      if (answer!.schema) {
        const parsed = answer!.schema.safeParse(json);
        expect(parsed.success ? [] : parsed.error.issues, where).toEqual([]);
      }
    }
    if (response.status < 400) checked.add(`${method} ${template}`);
    return { status: response.status, json };
  }

  it('for every JSON operation, successes and refusals alike', async () => {
    const health = (await routeModule('health')).GET as () => Promise<Response>;
    expect(OPERATIONS.find((o) => o.operationId === 'getHealth')!.success[200]!.schema!.safeParse(await (await health()).json()).success).toBe(true);
    checked.add('get /api/health');

    await call(null, 'get', '/api/v1/registration');
    await call('admin', 'put', '/api/v1/registration', {}, { mode: 'open' });
    const article = (await call('editor', 'post', '/api/v1/articles', {}, { text: 'date 2025-07\nLe chômage a baissé de 2 % en un an. La dette publique atteint 3 000 milliards.', publisher: 'AFP' })).json;
    const articleId = String(article.id);
    await call('reviewer', 'get', '/api/v1/articles');
    await call('reviewer', 'get', '/api/v1/articles/{id}', { id: articleId });
    await call('editor', 'patch', '/api/v1/articles/{id}', { id: articleId }, { version: article.version, settings: { minReviewers: 3 } });
    expect((await call('editor', 'patch', '/api/v1/articles/{id}', { id: articleId }, { version: 1, title: 'Ancien titre' })).status).toBe(409);
    expect((await call('reviewer', 'post', '/api/v1/articles', {}, { text: 'Non.' })).status).toBe(403);
    expect((await call(null, 'get', '/api/v1/articles')).status).toBe(401);
    expect((await call('editor', 'post', '/api/v1/articles', {}, { text: 'x'.repeat(10), language: 'pas une langue' })).status).toBe(422);

    const claim = (await call('reviewer', 'post', '/api/v1/articles/{id}/claims', { id: articleId }, { exact: 'Le chômage a baissé de 2 %', note: 'Chiffre INSEE ?' })).json;
    const claimId = String(claim.id);
    expect((await call('other', 'post', '/api/v1/articles/{id}/claims', { id: articleId }, { exact: 'Le chômage a baissé de 2 %' })).status).toBe(409);
    await call('reviewer', 'get', '/api/v1/articles/{id}/claims', { id: articleId });
    await call('reviewer', 'patch', '/api/v1/claims/{id}', { id: claimId }, { note: 'Source : INSEE.', version: claim.version });
    const rationaleDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Selon l’', marks: [{ type: 'bold' }] }, { type: 'text', text: 'INSEE', marks: [{ type: 'link', attrs: { href: 'https://insee.fr' } }] }] }] };
    await call('reviewer', 'put', '/api/v1/claims/{id}/verdict', { id: claimId }, { rating: 'mostly-false', rationaleDoc, sources: [{ url: 'https://insee.fr/a', title: 'Chômage', stance: 'refutes', accessedAt: '2025-07-14' }], version: 0 });
    await call('other', 'put', '/api/v1/claims/{id}/verdict', { id: claimId }, { rating: 'true', rationale: 'Confirmé.' });
    await call('other', 'put', '/api/v1/claims/{id}/verdict', { id: claimId }, { rating: 'false', rationale: 'Finalement non.', version: 1 });
    await call('reviewer', 'get', '/api/v1/claims/{id}', { id: claimId });
    expect((await call('reviewer', 'get', '/api/v1/claims/{id}', { id: 'nope' })).status).toBe(404);
    const comment = (await call('reviewer', 'post', '/api/v1/claims/{id}/comments', { id: claimId }, { body: '@other Dupont, une source ?' })).json;
    await call('reviewer', 'get', '/api/v1/claims/{id}/comments', { id: claimId });
    await call('reviewer', 'patch', '/api/v1/comments/{id}', { id: String(comment.id) }, { body: 'Une source ?' });
    await call('reviewer', 'get', '/api/v1/claims/{id}/history', { id: claimId }, undefined, '?limit=5');
    expect((await call('reviewer', 'get', '/api/v1/claims/{id}/history', { id: claimId }, undefined, '?limit=0')).status).toBe(422);
    await call('editor', 'get', '/api/v1/articles/{id}/activity', { id: articleId });
    const adjudication = (await call('editor', 'post', '/api/v1/claims/{id}/adjudication', { id: claimId }, { rating: 'false', rationale: 'Démenti par l’INSEE.', replaces: null })).json;
    await call('reviewer', 'get', '/api/v1/claims/{id}/adjudication', { id: claimId });
    await call('editor', 'delete', '/api/v1/claims/{id}/adjudication', { id: claimId }, undefined, `?adjudication=${String((adjudication.current as { id: string }).id)}`);
    await call('reviewer', 'get', '/api/v1/articles/{id}/agreement', { id: articleId });
    await call('editor', 'get', '/api/v1/agreement');
    await call('reviewer', 'get', '/api/v1/notifications');
    await call('reviewer', 'post', '/api/v1/notifications/read', {}, { all: true });
    await call('reviewer', 'delete', '/api/v1/comments/{id}', { id: String(comment.id) });
    await call('other', 'delete', '/api/v1/claims/{id}/verdict', { id: claimId });
    const spare = (await call('reviewer', 'post', '/api/v1/articles/{id}/claims', { id: articleId }, { exact: 'La dette publique' })).json;
    await call('reviewer', 'delete', '/api/v1/claims/{id}', { id: String(spare.id) });

    // A correction: a new revision, the claims anchored again; the old text still readable.
    const current = (await call('reviewer', 'get', '/api/v1/articles/{id}', { id: articleId })).json;
    const corrected = await call('editor', 'patch', '/api/v1/articles/{id}', { id: articleId }, { version: current.version, markdown: '# Bilan\n\nLe chômage a *baissé* de 2 % en un an.' });
    expect(corrected.json.reanchored).toEqual({ exact: 0, moved: 1, fuzzy: 0, orphaned: 0 });
    await call('reviewer', 'get', '/api/v1/articles/{id}/revisions', { id: articleId });
    await call('reviewer', 'get', '/api/v1/articles/{id}/revisions/{number}', { id: articleId, number: '1' });
    expect((await call('reviewer', 'get', '/api/v1/articles/{id}/revisions/{number}', { id: articleId, number: '9' })).status).toBe(404);
    // An archive of nothing imports nothing; reviewers may not import.
    const empty = { format: 'crux.archive', version: 1, exportedAt: new Date().toISOString(), articles: [], users: [] };
    await call('editor', 'post', '/api/v1/imports', {}, empty);
    expect((await call('reviewer', 'post', '/api/v1/imports', {}, empty)).status).toBe(403);

    await call('reviewer', 'get', '/api/v1/users');
    await call('admin', 'get', '/api/v1/users');
    await call('admin', 'patch', '/api/v1/users/{id}', { id: people.other.actor.id }, { role: 'editor' });
    await call('reviewer', 'delete', '/api/v1/users/{id}/sessions', { id: people.reviewer.actor.id });
    const invitation = (await call('admin', 'post', '/api/v1/invitations', {}, { email: 'nouvelle@example.org', role: 'editor', expiresInDays: 3 })).json;
    await call('admin', 'get', '/api/v1/invitations');
    await call('admin', 'delete', '/api/v1/invitations/{id}', { id: String((invitation.invitation as { id: string }).id) });

    // Every operation that answers JSON had a success checked against its schema here (downloads and the event stream have none).
    const json = OPERATIONS.filter((op) => Object.values(op.success).some((a) => a.schema) && op.path !== '/api/v1/openapi.json').map((op) => `${op.method} ${op.path}`);
    expect(json.filter((key) => !checked.has(key))).toEqual([]);
  });
});
