// Property-based fuzzing of the REST API, in process: every route handler of
// app/api/v1 (found on disk, so a new route is fuzzed too) is called with
// random and adversarial paths, query strings, headers and bodies — wrong
// types, huge strings, deep nesting, lone surrogates, NUL, RTL and combining
// marks, prototype-pollution keys, malformed escapes and JSON — by callers of
// every role. Whatever comes in, the answer is 2xx or 4xx, and every 4xx has
// the JSON error shape; never a 500. Afterwards the database is checked: every
// claim's offsets hold its quote in its article's text, no text holds a lone
// surrogate or a NUL, every stored value is within its limit, counts agree.
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '../../lib/db/client';
import { MAX_BODY_BYTES } from '../../lib/http';
import { RATIONALE_LIMIT, plainText, readStoredRichText } from '../../lib/rich-text';
import { createArticle, type ArticleDetail } from '../../lib/services/articles';
import { createClaim } from '../../lib/services/claims';
import { postComment } from '../../lib/services/comments';
import { createInvitation } from '../../lib/services/invitations';
import type { Actor } from '../../lib/services/context';
import { createToken } from '../../lib/services/tokens';
import { upsertVerdict } from '../../lib/services/verdicts';
import { isWellFormed } from '../../lib/unicode';
import { MAX_ARTICLE_CHARS } from '../../lib/articles/submission';
import { MAX_COMMENT_CHARS } from '../../lib/validation';
import { ctxFor, makeUser, testProvider, useProcessDatabase } from './support/database';

// Bearer tokens only: a session cookie would need Auth.js and a Next request scope.
// No session cookie: callers are who their bearer token says, or nobody.
vi.mock('@/app/auth', async (original) => ({ ...(await original<typeof import('@/app/auth')>()), currentCaller: async () => null }));

/**
 * Requests per database. Each case is one request; 2,500 keep the file under
 * a minute per database on a busy two-core machine (SQLite ~15 s, PostgreSQL
 * ~35 s) while reaching every route, method and role many times over.
 * SECURITY.md quotes it ("fuzz cases run").
 */
export const FUZZ_CASES = 2_500;

type Handler = (request: Request, route: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
interface Route {
  /** '/api/v1/articles/[id]/claims' */
  pattern: string;
  params: string[];
  catchAll: boolean;
  methods: Record<string, Handler>;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

async function loadRoutes(): Promise<Route[]> {
  const modules = import.meta.glob<Record<string, unknown>>('../../app/api/v1/**/route.ts');
  const routes: Route[] = [];
  for (const [file, load] of Object.entries(modules)) {
    const module = await load();
    const pattern = file.replace('../../app', '').replace(/\/route\.ts$/, '');
    const methods: Record<string, Handler> = {};
    for (const method of METHODS) if (typeof module[method] === 'function') methods[method] = module[method] as Handler;
    routes.push({ pattern, params: [...pattern.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!), catchAll: pattern.includes('[...'), methods });
  }
  return routes;
}

// ---------------------------------------------------------------------------
// Adversarial values

const ADVERSARIAL_STRINGS = [
  '',
  ' ',
  '\ud800',
  'a\udc00b',
  '\ud83d',
  '😀',
  '\u0000',
  'x\u0000y',
  '\u202eevil\u202c',
  'مرحبا بالعالم',
  'e' + '\u0301'.repeat(500),
  '\ufeff',
  '\u2028\u2029',
  '%',
  '%E0%A4%A',
  '%00',
  '%ud800',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'prototype',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'https://example.org/a',
  'HTTPS://EXAMPLE.ORG:443/#x',
  '<img src=x onerror=alert(1)>',
  "'; DROP TABLE \"Claim\"; --",
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  '2147483648',
  'true',
  'null',
  'Le chômage a baissé',
  'false',
  'admin',
  'reviewer',
  'editor',
  'supports',
  'all',
  'csv',
  'json',
  'invite',
  'open',
];

const bigString = fc.constantFrom(
  ' '.repeat(300_000),
  'a'.repeat(250_000),
  '\n'.repeat(250_000),
  'e' + '\u0301'.repeat(200_000),
  'e' + '\u0301\u0327'.repeat(100_000),
  'a' + ' '.repeat(199_998) + 'b',
  '😀'.repeat(120_000),
  'x'.repeat(10_001),
  'y'.repeat(5_001),
  'z'.repeat(2_049),
);

const unicodeString = fc.string({
  unit: fc.oneof(
    fc.constantFrom('a', 'é', ' ', '\n', '\t', '\u00a0', '\u0301', '\u202e', '\u200b', '\ud800', '\udfff', '\u0000', '«', '’', '%', '\\', '"'),
    fc.string({ unit: 'grapheme', maxLength: 2 }),
  ),
  maxLength: 60,
});

const anyString = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ADVERSARIAL_STRINGS) }, { weight: 4, arbitrary: unicodeString }, { weight: 1, arbitrary: bigString });

const anyNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2, 50, 51, 2_147_483_647, 2_147_483_648, Number.MAX_SAFE_INTEGER, 1e308, -0, 0.5, 1.5),
  fc.double(),
);

/** A JSON tree whose objects are lists of entries: keys may repeat and may be __proto__. */
type JsonTree = null | boolean | number | string | JsonTree[] | { entries: [string, JsonTree][] };

const FIELD_NAMES = [
  'title', 'text', 'markdown', 'html', 'sourceUrl', 'publisher', 'publishedAt', 'language', 'version', 'settings', 'blindReview',
  'minReviewers', 'agreementThreshold', 'exact', 'prefix', 'suffix', 'start', 'end', 'note', 'rating', 'rationale', 'rationaleDoc',
  'sources', 'url', 'quote', 'stance', 'accessedAt', 'archiveUrl', 'replaces', 'body', 'email', 'password', 'name', 'role', 'active',
  'mode', 'invitation', 'expiresInDays', 'ids', 'all', 'type', 'content', 'marks', 'attrs', 'href',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
];
const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FIELD_NAMES) }, { weight: 1, arbitrary: unicodeString });

const RATINGS = ['false', 'mostly-false', 'mixed', 'mostly-true', 'true', 'unverifiable'];

const { tree } = fc.letrec<{ tree: JsonTree; leaf: JsonTree }>((tie) => ({
  leaf: fc.oneof(fc.constant(null), fc.boolean(), anyNumber, anyString, fc.constantFrom(...RATINGS)),
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.array(tie('tree'), { maxLength: 5 }),
    fc.record({ entries: fc.array(fc.tuple(key, tie('tree')), { maxLength: 6 }) }),
  ),
}));

function stringify(value: JsonTree): string {
  if (Array.isArray(value)) return `[${value.map(stringify).join(',')}]`;
  if (value !== null && typeof value === 'object') return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${stringify(v)}`).join(',')}}`;
  // JSON has no NaN or Infinity: a non-finite number is written as JSON.stringify would (null).
  return JSON.stringify(value) ?? 'null';
}

const obj = (entries: [string, JsonTree][]): JsonTree => ({ entries });

/** Plausible bodies for the routes (so that requests get past the first checks), one field made adversarial at times. */
function plausible(pool: Pool): fc.Arbitrary<JsonTree> {
  const rating = fc.constantFrom(...RATINGS);
  const source = fc.record({ url: fc.oneof(fc.constant('https://example.org/source'), anyString), quote: anyString }).map((s) => obj([['url', s.url], ['quote', s.quote]]));
  const doc = fc.oneof(
    anyString.map((t) => obj([['type', 'doc'], ['content', [obj([['type', 'paragraph'], ['content', [obj([['type', 'text'], ['text', t || 'x']])]]])]]])),
    anyString.map((href) => obj([['type', 'doc'], ['content', [obj([['type', 'paragraph'], ['content', [obj([['type', 'text'], ['text', 'lien'], ['marks', [obj([['type', 'link'], ['attrs', obj([['href', href]])]])]]])]]])]]])),
    fc.nat({ max: 40 }).map((depth) => {
      let node: JsonTree = obj([['type', 'paragraph']]);
      for (let i = 0; i < depth; i++) node = obj([['type', 'blockquote'], ['content', [node]]]);
      return obj([['type', 'doc'], ['content', [node]]]);
    }),
  );
  const quote = fc.tuple(fc.nat({ max: pool.text.length - 2 }), fc.integer({ min: 1, max: 40 })).map(([s, n]) => pool.text.slice(s, Math.min(pool.text.length, s + n)));
  return fc.oneof(
    fc.record({ text: fc.oneof(anyString, fc.constant('Un texte. Une affirmation.')), title: fc.option(anyString), language: fc.option(anyString), sourceUrl: fc.option(anyString) }).map((r) =>
      obj(Object.entries(r).filter(([, v]) => v !== null) as [string, JsonTree][]),
    ),
    fc.record({ exact: fc.oneof(quote, anyString), note: anyString, prefix: fc.option(anyString), start: fc.option(anyNumber), end: fc.option(anyNumber) }).map((r) =>
      obj(Object.entries(r).filter(([, v]) => v !== null) as [string, JsonTree][]),
    ),
    fc.record({ rating, rationale: anyString, sources: fc.array(source, { maxLength: 3 }), version: fc.option(anyNumber) }).map((r) =>
      obj(Object.entries(r).filter(([, v]) => v !== null) as [string, JsonTree][]),
    ),
    fc.record({ rating, rationaleDoc: doc }).map((r) => obj(Object.entries(r) as [string, JsonTree][])),
    fc.record({ rating, rationale: anyString, replaces: fc.option(anyString) }).map((r) => obj(Object.entries(r).filter(([, v]) => v !== null) as [string, JsonTree][])),
    anyString.map((body) => obj([['body', body]])),
    fc.record({ note: fc.option(anyString), version: anyNumber }).map((r) => obj(Object.entries(r) as [string, JsonTree][])),
    fc.record({ version: fc.constantFrom(1, 2, 3), title: anyString, language: anyString, publisher: anyString, settings: fc.constant(obj([['minReviewers', 3]])) }).map((r) =>
      obj(Object.entries(r) as [string, JsonTree][]),
    ),
    fc.record({ email: fc.oneof(fc.constant(null), anyString), role: anyString, expiresInDays: anyNumber }).map((r) => obj(Object.entries(r) as [string, JsonTree][])),
    fc.record({ ids: fc.array(anyString, { maxLength: 3 }) }).map((r) => obj([['ids', r.ids]])),
    fc.constant(obj([['all', true]])),
    fc.constantFrom('open', 'invite', '__proto__', '\ud800').map((mode) => obj([['mode', mode]])),
    // A change of role or activity only for the people who are not fuzzing (see Pool.victims).
    fc.record({ role: fc.constantFrom('reviewer', 'editor', 'admin', 'root'), active: fc.oneof(fc.boolean(), anyString) }).map((r) => obj(Object.entries(r) as [string, JsonTree][])),
    // Prototype pollution: the keys JSON.parse makes own properties.
    fc.constant(obj([['__proto__', obj([['role', 'admin'], ['polluted', true]])], ['rating', 'true']])),
    fc.constant(obj([['constructor', obj([['prototype', obj([['polluted', true]])]])], ['body', 'x']])),
  );
}

/** A body this route and method accept (most of the time), with ordinary text. */
function validBody(pattern: string, method: string, pool: Pool): fc.Arbitrary<JsonTree> {
  const words = fc.constantFrom('Vérifié auprès de l’Insee.', 'Faux : « 3 % » et non 5.', 'مرحبا', 'Voir @Rita Lopes', 'e\u0301té 😀');
  const quote = fc.tuple(fc.nat({ max: pool.text.length - 2 }), fc.integer({ min: 1, max: 60 })).map(([s, n]) => pool.text.slice(s, Math.min(pool.text.length, s + n)).trim() || 'Affirmation');
  const rating = fc.constantFrom(...RATINGS);
  const source = fc.record({ url: fc.constantFrom('https://example.org/a', 'http://insee.fr/x?y=1#z'), title: words, stance: fc.constantFrom('supports', 'refutes', 'context') });
  const entries = (r: Record<string, JsonTree>) => obj(Object.entries(r));
  const key = `${method} ${pattern}`;
  if (key === 'POST /api/v1/articles') return fc.record({ text: fc.constantFrom('Un texte.   \n\n\n\nUne affirmation « vérifiable ».', 'date 2025-07\nLe chômage a baissé.'), title: words }).map(entries);
  if (key === 'PATCH /api/v1/articles/[id]') return fc.record({ version: fc.constantFrom(1, 2, 3, 4), title: words, language: fc.constantFrom('fr', 'en', 'fr-CA') }).map(entries);
  if (key === 'POST /api/v1/articles/[id]/claims') return fc.record({ exact: quote, note: words }).map(entries);
  if (key === 'PATCH /api/v1/claims/[id]') return fc.record({ note: words }).map(entries);
  if (key === 'PUT /api/v1/claims/[id]/verdict') return fc.record({ rating, rationale: words, sources: fc.array(source, { maxLength: 3 }) }).map((r) => entries({ ...r, sources: r.sources.map(entries) }));
  if (key === 'POST /api/v1/claims/[id]/adjudication') return fc.record({ rating, rationale: words }).map(entries);
  if (key === 'POST /api/v1/claims/[id]/comments' || key === 'PATCH /api/v1/comments/[id]') return words.map((body) => entries({ body }));
  if (key === 'POST /api/v1/invitations') return fc.record({ role: fc.constantFrom('reviewer', 'editor') }).map(entries);
  if (key === 'PUT /api/v1/registration') return fc.constantFrom('open', 'invite').map((mode) => entries({ mode }));
  if (key === 'POST /api/v1/notifications/read') return fc.constant(entries({ all: true }));
  if (key === 'PATCH /api/v1/users/[id]') return fc.record({ role: fc.constantFrom('reviewer', 'editor') }).map(entries);
  return plausible(pool);
}

/** Bodies as bytes on the wire: JSON from a tree, or text that is not JSON at all. */
function bodies(pool: Pool): fc.Arbitrary<string | Uint8Array | null> {
  const nested = fc.nat({ max: 200_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
  const nestedObjects = fc.nat({ max: 50_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
  return fc.oneof(
    { weight: 6, arbitrary: plausible(pool).map(stringify) },
    { weight: 3, arbitrary: tree.map(stringify) },
    { weight: 1, arbitrary: fc.constant(null) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        '   ',
        '{',
        '{"body": "x"',
        '{"body": "\\ud800"}',
        '{"body": "\\udc00\\ud800"}',
        '{"text": "\\u0000"}',
        '{"a": 1, "a": 2}',
        'null',
        '[]',
        '"x"',
        '1e400',
        '{"body": "\\x41"}',
        '{"body": "%E0%A4%A"}',
        '\ufeff{"body": "x"}',
        'body=x&rating=true',
        '<xml/>',
      ),
    },
    { weight: 1, arbitrary: nested },
    { weight: 1, arbitrary: nestedObjects },
    // Invalid UTF-8: a lone continuation byte, an overlong encoding, an encoded surrogate, a truncated sequence.
    { weight: 1, arbitrary: fc.constantFrom(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d]), new Uint8Array([0xc0, 0xaf]), new Uint8Array([0xed, 0xa0, 0x80]), new Uint8Array([0xe0, 0xa4])) },
    { weight: 1, arbitrary: fc.constant(`{"text": "${'a'.repeat(MAX_BODY_BYTES)}"}`) },
  );
}

// ---------------------------------------------------------------------------
// The world the fuzz runs in

interface Pool {
  text: string;
  ids: string[];
  /** Users whose role and activity the fuzz may change (not the ones holding tokens). */
  victims: string[];
  tokens: string[];
  /** Ids of each kind, growing as the fuzz creates things: a route's id is most often one of its kind. */
  live: Record<'articles' | 'claims' | 'comments' | 'invitations' | 'users', string[]>;
}

/** The kind of thing a route's id names. */
function kindOf(pattern: string): keyof Pool['live'] {
  const first = pattern.split('/')[3] ?? '';
  return first === 'articles' || first === 'claims' || first === 'comments' || first === 'invitations' ? first : 'users';
}

/** A parameter: a live id of the route's kind (resolved when the request is made), or any text. */
type Param = { live: number } | { raw: string };

const HEADER_TEXT = fc.oneof(fc.constantFrom('', ' ', 'x'.repeat(8_000), '\u00ff\u0080', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer crux_\u00e9'), fc.string({ unit: 'binary-ascii', maxLength: 40 }));

function requests(routes: Route[], pool: Pool) {
  const route = fc.constantFrom(...routes);
  const param: fc.Arbitrary<Param> = fc.oneof(
    { weight: 6, arbitrary: fc.nat().map((live) => ({ live })) },
    { weight: 1, arbitrary: fc.constantFrom(...pool.ids, ...pool.victims).map((raw) => ({ raw })) },
    { weight: 3, arbitrary: anyString.map((raw) => ({ raw })) },
  );
  const query = fc.oneof(
    fc.constant(''),
    fc.dictionary(fc.oneof(fc.constantFrom('cursor', 'limit', 'actor', 'format', 'scope', 'adjudication', 'lastEventId', '__proto__', 'constructor'), unicodeString), fc.oneof(anyString, anyNumber.map(String), fc.constantFrom(...pool.ids)), { maxKeys: 4 }).map((q) => `?${new URLSearchParams(q)}`),
    fc.constantFrom('?limit=%E0%A4%A', '?cursor=%ud800', '?limit=1&limit=2', '?%', '?actor=%00', '?limit=1e400', '?format=csv&scope=all'),
  );
  const authorization = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...pool.tokens).map((t) => `Bearer ${t}`) }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: HEADER_TEXT });
  const headers = fc.record(
    {
      'content-type': fc.oneof(fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'), HEADER_TEXT),
      'last-event-id': fc.oneof(fc.constantFrom('0', '-1', '1e400', '99999999999999999999', '2147483648', '9007199254740991', '1.5', 'NaN'), HEADER_TEXT),
      accept: HEADER_TEXT,
      'x-forwarded-for': HEADER_TEXT,
    },
    { requiredKeys: [] },
  );
  return route.chain((r) => {
    const method = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...Object.keys(r.methods)) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) });
    return method.chain((m) =>
      fc.record({
        route: fc.constant(r),
        method: fc.constant(m),
        params: fc.array(param, { minLength: 1, maxLength: 3 }),
        query,
        authorization,
        headers,
        // Half the bodies are what this route takes, so that writes get through and change the database.
        body: fc.oneof(validBody(r.pattern, m, pool).map(stringify), bodies(pool)),
      }),
    );
  });
}

/** The error shape every refusal has (README "REST API"): a code, a key and a sentence; issues naming fields. */
function expectErrorShape(body: unknown, context: string) {
  expect(body, context).toMatchObject({ error: { code: expect.any(String), key: expect.any(String), message: expect.any(String) } });
  const issues = (body as { error: { issues?: unknown } }).error.issues;
  if (issues !== undefined) {
    expect(Array.isArray(issues), context).toBe(true);
    for (const issue of issues as unknown[]) expect(issue, context).toMatchObject({ path: expect.any(Array), message: expect.any(String) });
  }
}

describe(`the REST API under fuzzing on ${testProvider}`, { timeout: 180_000 }, () => {
  let routes: Route[];
  let pool: Pool;
  let article: ArticleDetail;
  useProcessDatabase();

  beforeAll(async () => {
    routes = await loadRoutes();
    const actors: Actor[] = [
      await makeUser(db(), 'admin', 'Ada Admin'),
      await makeUser(db(), 'editor', 'Édith Roux'),
      await makeUser(db(), 'reviewer', 'Rita Lopes'),
      await makeUser(db(), 'reviewer', 'Rémi Petit'),
    ];
    const victims = [await makeUser(db(), 'reviewer', 'Victor Cible'), await makeUser(db(), 'editor', 'Vera Cible')];
    const tokens = await Promise.all(actors.map(async (a) => (await createToken(db(), a.id, { name: 'fuzz' })).token));
    const text = Array.from({ length: 40 }, (_, i) => `Affirmation ${i} : le chômage a baissé de ${i} % « selon l’Insee ». 😀 e\u0301`).join('\n\n');
    article = await createArticle(ctxFor(db(), actors[1]!), { text, title: 'Article fuzzé' });
    const claims = [];
    for (const exact of ['Affirmation 1 ', 'le chômage a baissé de 2', '« selon l’Insee »']) claims.push(await createClaim(ctxFor(db(), actors[2]!), article.id, { exact }));
    await upsertVerdict(ctxFor(db(), actors[2]!), claims[0]!.id, { rating: 'true', rationale: 'Vérifié.', sources: [{ url: 'https://example.org/' }] });
    await upsertVerdict(ctxFor(db(), actors[3]!), claims[0]!.id, { rating: 'false', rationale: 'Faux.' });
    const comment = await postComment(ctxFor(db(), actors[2]!), claims[0]!.id, { body: 'Vu, @Rémi Petit ?' });
    const { invitation } = await createInvitation(ctxFor(db(), actors[0]!), { role: 'reviewer' });
    pool = {
      text,
      ids: [article.id, ...claims.map((c) => c.id), ...actors.map((a) => a.id), comment.id, invitation.id],
      victims: victims.map((v) => v.id),
      tokens,
      live: { articles: [article.id], claims: claims.map((c) => c.id), comments: [comment.id], invitations: [invitation.id], users: victims.map((v) => v.id) },
    };
  }, 60_000);

  it(`answers ${FUZZ_CASES.toLocaleString('en-US')} random and adversarial requests with 2xx or a JSON 4xx, never a 500`, async () => {
    const statuses = new Map<number, number>();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(requests(routes, pool), async (r) => {
        const handler = r.route.methods[r.method] ?? Object.values(r.route.methods)[0]!;
        const method = r.route.methods[r.method] ? r.method : Object.keys(r.route.methods)[0]!;
        const live = pool.live[kindOf(r.route.pattern)];
        const values = r.params.map((p) => ('raw' in p ? p.raw : (live[p.live % live.length] ?? 'none')));
        const params: Record<string, string | string[]> = {};
        r.route.params.forEach((name, i) => (params[name] = r.route.catchAll ? values : values[i % values.length]!));
        const path = r.route.pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => [params[name]].flat().map((p) => encodeURIComponent(isWellFormed(p!) ? p! : 'x')).join('/'));
        const headers = new Headers();
        for (const [name, value] of Object.entries({ ...r.headers, authorization: r.authorization })) {
          try {
            if (value !== undefined) headers.set(name, value);
          } catch {
            // Not a header value a client can send (a line break, a character past U+00FF): left out.
          }
        }
        const withBody = method !== 'GET' && r.body !== null;
        const request = new Request(`http://localhost${path}${r.query}`, { method, headers, ...(withBody ? { body: r.body as BodyInit } : {}) });
        const context = `${method} ${r.route.pattern} ${JSON.stringify(params).slice(0, 200)} ${r.query.slice(0, 100)} ${typeof r.body === 'string' ? r.body.slice(0, 300) : String(r.body)}`;
        const response = await handler(request, { params: Promise.resolve(params) });
        sent += 1;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, context).toBeLessThan(500);
        if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
          await response.body?.cancel();
          return;
        }
        if (response.status >= 400) expectErrorShape(await response.json(), context);
        else if (response.status === 201) {
          // Something new: later requests may name it.
          const created = (await response.json()) as { id?: unknown; comment?: { id?: unknown }; invitation?: { id?: unknown } };
          const id = created.id ?? created.comment?.id ?? created.invitation?.id;
          const kind = r.route.pattern.endsWith('/claims') ? 'claims' : r.route.pattern.endsWith('/comments') ? 'comments' : kindOf(r.route.pattern);
          if (typeof id === 'string') pool.live[kind].push(id);
        } else await response.arrayBuffer();
      }),
      { numRuns: FUZZ_CASES, endOnFailure: true },
    );
    // Prototype pollution would show on every object.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    console.info(`fuzz on ${testProvider}: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    expect(sent).toBeGreaterThan(FUZZ_CASES * 0.9);
    // Most requests reached the services, not only the first checks.
    expect([...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(FUZZ_CASES / 10);
  });

  it('leaves the database consistent: offsets, well-formed text, limits, counts', async () => {
    const d = db();
    const revisions = await d.articleRevision.findMany();
    const textOf = new Map(revisions.map((r) => [`${r.articleId}#${r.number}`, r.text]));
    for (const r of revisions) expect(r.text.length).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
    const articles = await d.article.findMany();
    for (const a of articles) {
      expect(textOf.has(`${a.id}#${a.currentRevision}`), `article ${a.id} has its current revision`).toBe(true);
      expect(a.title.length).toBeLessThanOrEqual(300);
      expect(a.language.length).toBeLessThanOrEqual(35);
      if (a.sourceUrl) expect(new URL(a.sourceUrl).protocol).toMatch(/^https?:$/);
    }
    const claims = await d.claim.findMany();
    expect(claims.length).toBeGreaterThanOrEqual(3);
    for (const c of claims) {
      const text = textOf.get(`${c.articleId}#${c.revision}`);
      expect(text, `claim ${c.id} has its revision`).toBeDefined();
      expect(text!.slice(c.start, c.end), `claim ${c.id} offsets hold its quote`).toBe(c.exact);
      expect(text!.slice(0, c.start).endsWith(c.prefix)).toBe(true);
      expect(text!.slice(c.end).startsWith(c.suffix)).toBe(true);
      if (c.note) expect(c.note.length).toBeLessThanOrEqual(2_000);
    }
    const verdicts = await d.verdict.findMany({ include: { sources: true } });
    for (const v of verdicts) {
      expect(v.rationale.length).toBeLessThanOrEqual(RATIONALE_LIMIT);
      if (v.rationaleDoc) expect(plainText(readStoredRichText(v.rationaleDoc))).toBe(v.rationale);
      expect(v.sources.length).toBeLessThanOrEqual(50);
      for (const s of v.sources) for (const url of [s.url, s.archiveUrl]) if (url) expect(new URL(url).protocol).toMatch(/^https?:$/);
    }
    for (const c of await d.comment.findMany()) expect(c.body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    // Counts agree: one verdict per reviewer and claim, every reveal and source with its parent.
    const pairs = new Set(verdicts.map((v) => `${v.claimId}/${v.reviewerId}`));
    expect(pairs.size).toBe(verdicts.length);
    expect(await d.source.count()).toBe(verdicts.reduce((n, v) => n + v.sources.length, 0));
    // No stored text holds a lone surrogate or a NUL, in any table.
    const tables = [
      d.user.findMany(), d.invitation.findMany(), d.apiToken.findMany(), d.article.findMany(), d.articleRevision.findMany(), d.claim.findMany(),
      d.verdict.findMany(), d.claimReveal.findMany(), d.source.findMany(), d.comment.findMany(), d.adjudication.findMany(), d.notification.findMany(),
      d.event.findMany(), d.presence.findMany(), d.instanceSettings.findMany(),
    ];
    let strings = 0;
    for (const rows of await Promise.all(tables)) {
      for (const row of rows as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value !== 'string') continue;
          strings += 1;
          expect(isWellFormed(value), `${column} is well-formed`).toBe(true);
          expect(value.includes('\u0000'), `${column} holds no NUL`).toBe(false);
        }
      }
    }
    for (const e of await d.event.findMany()) expect(() => JSON.parse(e.payload)).not.toThrow();
    expect(strings).toBeGreaterThan(100);
  });
});
