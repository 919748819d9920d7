// The service layer (lib/services/*) against a real SQLite database: each
// describe block migrates a fresh temporary file with the project's own
// migrations, so these tests see the same schema, constraints and
// transactions as the app.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlainTextArticle } from '../../lib/articles/import';
import { CSV_COLUMNS } from '../../lib/export/csv';
import type { Archive } from '../../lib/export/archive-schema';
import type { Rating } from '../../lib/ratings';
import { seedDir, seedStoredArticles } from '../../lib/seed';
import { createArticle, getArticle, importArticleOnce, listArticles, type ArticleDetail } from '../../lib/services/articles';
import { createClaim, getClaim, listClaims, type ClaimDetail } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { exportArticle } from '../../lib/services/exports';
import { buildArticleExport } from './support/exports';
import { TOKEN_USE_INTERVAL_MS, authenticateToken, createToken, listTokens, revokeToken } from '../../lib/services/tokens';
import { TOKEN_OWNER_TTL_MS } from '../../lib/services/token-owners';
import { findActorByEmail, registerUser, updateUser, upsertUser, verifyCredentials } from '../../lib/services/users';
import { upsertVerdict, withdrawVerdict } from '../../lib/services/verdicts';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

// ---------------------------------------------------------------------------
// Helpers

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Lone surrogates would make prefix/suffix unreadable once serialised. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// French typography: curly apostrophes, « guillemets » with narrow no-break
// spaces, accents, and flag emoji (two surrogate pairs each) before the claims,
// so UTF-16 offsets differ from code point and byte offsets.
const NNBSP = '\u202f';
const FRENCH = [
  'date 2025-07-14',
  `L’Arménie 🇦🇲 et l’Azerbaïdjan 🇦🇿 ont réaffirmé leur engagement pour la paix, a déclaré Vladimir Poutine à Sotchi.`,
  '',
  `Selon le Kremlin, «${NNBSP}la paix est proche${NNBSP}» et, deux fois, «${NNBSP}la paix est proche${NNBSP}», a répété le porte-parole.`,
  '',
  'Le document évoque des «\u00a0contacts interparlementaires trilatéraux\u00a0» et la délimitation des frontières.',
].join('\n');

// ---------------------------------------------------------------------------

describe('users', () => {
  const t = useDatabase();

  it('the first registered account is admin, later ones reviewers', async () => {
    const first = await registerUser(t.db, { email: 'Founder@Example.org', password: 'long enough for sure', name: 'Ada' });
    expect(first).toMatchObject({ email: 'founder@example.org', name: 'Ada', role: 'admin' });
    expect(first.id).toEqual(expect.any(String));
    const second = await registerUser(t.db, { email: 'second@example.org', password: 'long enough for sure' });
    expect(second).toMatchObject({ email: 'second@example.org', name: null, role: 'reviewer' });
    const third = await registerUser(t.db, { email: 'third@example.org', password: 'long enough for sure' });
    expect(third.role).toBe('reviewer');
  });

  it('rejects a duplicate email with 409, whatever its case, and creates nothing', async () => {
    const before = await t.db.user.count();
    const error = await expectDomainError(registerUser(t.db, { email: ' SECOND@example.org ', password: 'another one entirely' }), 409, [['email']]);
    expect(error.code).toBe('conflict');
    expect(await t.db.user.count()).toBe(before);
  });

  it('rejects a bad email and a short password with 422 naming both fields', async () => {
    const before = await t.db.user.count();
    await expectDomainError(registerUser(t.db, { email: 'not an email', password: 'short' }), 422, [['email'], ['password']]);
    await expectDomainError(registerUser(t.db, { email: 'ok@example.org', password: '1234567' }), 422, [['password']]);
    await expectDomainError(registerUser(t.db, { email: 'ok@', password: '12345678' }), 422, [['email']]);
    expect(await t.db.user.count()).toBe(before);
  });

  it('stores passwords hashed with argon2id, never in plain text', async () => {
    const rows = await t.db.user.findMany();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
      expect(row.passwordHash).not.toContain('long enough for sure');
      expect(JSON.stringify(row)).not.toContain('long enough for sure');
    }
    // Salted: the same password gives different hashes.
    const hashes = rows.map((r) => r.passwordHash);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('verifyCredentials: right password, wrong password, unknown email, malformed input', async () => {
    const ok = await verifyCredentials(t.db, { email: 'founder@example.org', password: 'long enough for sure' });
    expect(ok).toMatchObject({ email: 'founder@example.org', role: 'admin' });
    // Emails are case-insensitive.
    expect(await verifyCredentials(t.db, { email: 'FOUNDER@example.org', password: 'long enough for sure' })).toMatchObject({ id: ok!.id });
    expect(await verifyCredentials(t.db, { email: 'founder@example.org', password: 'Long enough for sure' })).toBeNull();
    expect(await verifyCredentials(t.db, { email: 'nobody@example.org', password: 'long enough for sure' })).toBeNull();
    expect(await verifyCredentials(t.db, { email: 'founder@example.org' })).toBeNull();
    expect(await verifyCredentials(t.db, null)).toBeNull();
  });

  it('upsertUser creates an account with the given role, then updates role and password', async () => {
    const created = await upsertUser(t.db, { email: 'Editor@Example.org', password: 'first secret phrase', role: 'editor', name: 'Eve' });
    expect(created.created).toBe(true);
    expect(created.user).toMatchObject({ email: 'editor@example.org', role: 'editor', name: 'Eve' });

    const updated = await upsertUser(t.db, { email: 'editor@example.org', password: 'second secret phrase', role: 'admin' });
    expect(updated.created).toBe(false);
    expect(updated.user).toMatchObject({ id: created.user.id, role: 'admin', name: 'Eve' });
    expect(await verifyCredentials(t.db, { email: 'editor@example.org', password: 'first secret phrase' })).toBeNull();
    expect(await verifyCredentials(t.db, { email: 'editor@example.org', password: 'second secret phrase' })).toMatchObject({ role: 'admin' });
    expect(await t.db.user.count({ where: { email: 'editor@example.org' } })).toBe(1);
    const row = await t.db.user.findUniqueOrThrow({ where: { email: 'editor@example.org' } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('upsertUser rejects an unknown role', async () => {
    await expectDomainError(upsertUser(t.db, { email: 'x@example.org', password: 'long enough for sure', role: 'owner' }), 422, [['role']]);
    expect(await findActorByEmail(t.db, 'x@example.org')).toBeNull();
  });

  it('upsertUser does not make a CLI-created account change who is admin on registration', async () => {
    // Registration counts every account: the database is no longer empty.
    const later = await registerUser(t.db, { email: 'later@example.org', password: 'long enough for sure' });
    expect(later.role).toBe('reviewer');
  });
});

describe('registration on an empty database, concurrently', () => {
  const t = useDatabase();

  it('makes exactly one admin', async () => {
    const actors = await Promise.all(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((n) => registerUser(t.db, { email: `${n}@example.org`, password: 'long enough for sure' })),
    );
    expect(actors.filter((a) => a.role === 'admin')).toHaveLength(1);
    expect(actors.filter((a) => a.role === 'reviewer')).toHaveLength(7);
  });

  it('the same email registered twice at once: one account, the other 409', async () => {
    const results = await Promise.allSettled([1, 2].map(() => registerUser(t.db, { email: 'twice@example.org', password: 'long enough for sure' })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    await expectDomainError(Promise.reject(rejected.reason), 409, [['email']]);
    expect(await t.db.user.count({ where: { email: 'twice@example.org' } })).toBe(1);
  });
});

describe('tokens', () => {
  const t = useDatabase();
  let alice: Actor;
  let bob: Actor;
  let admin: Actor;

  beforeAll(async () => {
    alice = await makeUser(t.db, 'reviewer', 'Alice');
    bob = await makeUser(t.db, 'editor', 'Bob');
    admin = await makeUser(t.db, 'admin', 'Ada');
  });

  it('createToken returns a crux_ secret once and stores only its SHA-256', async () => {
    const { token, info } = await createToken(t.db, alice.id, { name: ' CI pipeline ' });
    expect(token).toMatch(/^crux_[A-Za-z0-9_-]{43}$/);
    expect(info).toMatchObject({ name: 'CI pipeline', prefix: token.slice(0, 12), lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(info)).not.toContain(token);

    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: info.id } });
    expect(row.tokenHash).toBe(sha256(token));
    expect(row.userId).toBe(alice.id);
    // The secret itself appears nowhere in the stored row.
    for (const value of Object.values(row)) {
      if (typeof value === 'string') expect(value.includes(token.slice(12))).toBe(false);
    }
  });

  it('each token is different', async () => {
    const a = await createToken(t.db, alice.id, { name: 'one' });
    const b = await createToken(t.db, alice.id, { name: 'two' });
    expect(a.token).not.toBe(b.token);
  });

  it('rejects a blank name with 422', async () => {
    await expectDomainError(createToken(t.db, alice.id, { name: '  ' }), 422, [['name']]);
  });

  it('authenticateToken finds the owner and records the use', async () => {
    const { token, info } = await createToken(t.db, alice.id, { name: 'auth' });
    const actor = await authenticateToken(t.db, token);
    expect(actor).toEqual({ id: alice.id, email: alice.email, name: 'Alice', role: 'reviewer' });
    const listed = (await listTokens(t.db, alice.id)).find((i) => i.id === info.id);
    expect(listed?.lastUsedAt).toEqual(expect.any(String));
  });

  it('records the use at most once a minute: reads within the interval write nothing', async () => {
    const { token, info } = await createToken(t.db, alice.id, { name: 'busy client' });
    const lastUsed = async () => (await t.db.apiToken.findUniqueOrThrow({ where: { id: info.id } })).lastUsedAt?.getTime();
    const first = new Date('2026-01-05T10:00:00Z');
    expect(await authenticateToken(t.db, token, first)).toMatchObject({ id: alice.id });
    expect(await lastUsed()).toBe(first.getTime());

    const rowBefore = await t.db.apiToken.findUniqueOrThrow({ where: { id: info.id } });
    for (const seconds of [1, 30, 59]) {
      expect(await authenticateToken(t.db, token, new Date(first.getTime() + seconds * 1000))).toMatchObject({ id: alice.id });
    }
    expect(await t.db.apiToken.findUniqueOrThrow({ where: { id: info.id } })).toEqual(rowBefore);

    const later = new Date(first.getTime() + TOKEN_USE_INTERVAL_MS);
    await Promise.all([authenticateToken(t.db, token, later), authenticateToken(t.db, token, new Date(later.getTime() + 5))]);
    // Requests arriving together record it once: the first to write wins, the other finds it recent.
    expect([later.getTime(), later.getTime() + 5]).toContain(await lastUsed());
  });

  it("a deactivated account's token authenticates no one, from the next request on", async () => {
    const carol = await makeUser(t.db, 'reviewer', 'Carol');
    const { token } = await createToken(t.db, carol.id, { name: 'leaver' });
    expect(await authenticateToken(t.db, token)).toMatchObject({ id: carol.id, role: 'reviewer' });
    await updateUser(ctxFor(t.db, admin), carol.id, { role: 'editor' });
    expect(await authenticateToken(t.db, token)).toMatchObject({ id: carol.id, role: 'editor' });
    await updateUser(ctxFor(t.db, admin), carol.id, { active: false });
    expect(await authenticateToken(t.db, token)).toBeNull();
  });

  it('an owner read is kept TOKEN_OWNER_TTL_MS: a change made straight in the database acts within it, and a wrong token is never kept', async () => {
    const dora = await makeUser(t.db, 'reviewer', 'Dora');
    const { token } = await createToken(t.db, dora.id, { name: 'kept' });
    expect(await authenticateToken(t.db, token)).toMatchObject({ id: dora.id, role: 'reviewer' });
    // Behind Crux's back (another instance's change reaches this one the same way).
    await t.db.user.update({ where: { id: dora.id }, data: { role: 'editor' } });
    const changed = Date.now();
    const kept = await authenticateToken(t.db, token);
    if (Date.now() - changed < TOKEN_OWNER_TTL_MS) expect(kept).toMatchObject({ role: 'reviewer' });
    await new Promise((resolve) => setTimeout(resolve, TOKEN_OWNER_TTL_MS + 50));
    expect(await authenticateToken(t.db, token)).toMatchObject({ id: dora.id, role: 'editor' });
    await t.db.user.update({ where: { id: dora.id }, data: { deactivatedAt: new Date() } });
    await new Promise((resolve) => setTimeout(resolve, TOKEN_OWNER_TTL_MS + 50));
    expect(await authenticateToken(t.db, token)).toBeNull();
    // Refused once, refused each time: nothing kept of a token that authenticates no one.
    await t.db.user.update({ where: { id: dora.id }, data: { deactivatedAt: null } });
    expect(await authenticateToken(t.db, token)).toMatchObject({ id: dora.id });
  });

  it('unknown and tampered tokens authenticate no one', async () => {
    const { token } = await createToken(t.db, alice.id, { name: 'tamper' });
    expect(await authenticateToken(t.db, `${token}x`)).toBeNull();
    expect(await authenticateToken(t.db, token.slice(0, -1))).toBeNull();
    expect(await authenticateToken(t.db, 'crux_unknown')).toBeNull();
    expect(await authenticateToken(t.db, '')).toBeNull();
    // The stored hash is not a token either.
    expect(await authenticateToken(t.db, sha256(token))).toBeNull();
  });

  it('revokeToken: the token stops working; revoking again is 404', async () => {
    const { token, info } = await createToken(t.db, alice.id, { name: 'to revoke' });
    await revokeToken(t.db, alice.id, info.id);
    expect(await authenticateToken(t.db, token)).toBeNull();
    expect((await listTokens(t.db, alice.id)).find((i) => i.id === info.id)?.revokedAt).toEqual(expect.any(String));
    await expectDomainError(revokeToken(t.db, alice.id, info.id), 404);
  });

  it("revoking another user's token is 404 and leaves it working", async () => {
    const { token, info } = await createToken(t.db, alice.id, { name: 'not yours' });
    const error = await expectDomainError(revokeToken(t.db, bob.id, info.id), 404);
    expect(error.code).toBe('not_found');
    expect(await authenticateToken(t.db, token)).toMatchObject({ id: alice.id });
    await expectDomainError(revokeToken(t.db, alice.id, 'no-such-token'), 404);
  });

  it("listTokens shows only the user's own tokens, newest first, without secrets", async () => {
    const mine = await listTokens(t.db, alice.id);
    expect(mine.length).toBeGreaterThanOrEqual(5);
    expect(await listTokens(t.db, bob.id)).toEqual([]);
    const times = mine.map((i) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    for (const info of mine) expect(Object.keys(info).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt']);
  });
});

describe('articles', () => {
  const t = useDatabase();
  let admin: Actor;
  let editor: Actor;
  let reviewer: Actor;

  beforeAll(async () => {
    admin = await makeUser(t.db, 'admin');
    editor = await makeUser(t.db, 'editor');
    reviewer = await makeUser(t.db, 'reviewer');
  });

  it('editors and admins create articles; reviewers get 403, anonymous callers 401', async () => {
    const byEditor = await createArticle(ctxFor(t.db, editor), { text: 'Un article court. Deux phrases.' });
    expect(byEditor).toMatchObject({ title: 'Un article court', text: 'Un article court. Deux phrases.', language: 'fr', revision: 1, version: 1 });
    expect(await createArticle(ctxFor(t.db, admin), { text: 'Par un admin.' })).toMatchObject({ title: 'Par un admin' });

    const before = await t.db.article.count();
    const forbidden = await expectDomainError(createArticle(ctxFor(t.db, reviewer), { text: 'Non.' }), 403);
    expect(forbidden.code).toBe('forbidden');
    const anonymous = await expectDomainError(createArticle(ctxFor(t.db, null), { text: 'Non.' }), 401);
    expect(anonymous.code).toBe('unauthenticated');
    expect(await t.db.article.count()).toBe(before);
  });

  it('returns the documented defaults and metadata, and records who created it', async () => {
    const article = await createArticle(ctxFor(t.db, editor), {
      text: 'Texte.',
      title: 'Un titre',
      sourceUrl: 'https://example.org/article',
      publisher: 'Agence',
      language: 'en',
    });
    expect(article).toMatchObject({
      title: 'Un titre',
      sourceUrl: 'https://example.org/article',
      publisher: 'Agence',
      language: 'en',
      publishedAt: null,
      settings: { blindReview: true, consensusRule: 'plurality', minReviewers: 2, agreementThreshold: 0.6, maxSpread: 2 },
    });
    expect(new Date(article.createdAt).toISOString()).toBe(article.createdAt);
    const row = await t.db.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(row.createdById).toBe(editor.id);
    expect(await getArticle(ctxFor(t.db, reviewer), article.id)).toEqual(article);
  });

  it('a leading "date YYYY-MM" header becomes publishedAt and leaves the text', async () => {
    const article = await createArticle(ctxFor(t.db, editor), { text: 'date 2025-07\nBakou et Erevan ont signé un accord.' });
    expect(article.publishedAt).toBe('2025-07');
    expect(article.text).toBe('Bakou et Erevan ont signé un accord.');
    expect(article.title).toBe('Bakou et Erevan ont signé un accord');
    const stored = await getArticle(ctxFor(t.db, reviewer), article.id);
    expect(stored.text).toBe('Bakou et Erevan ont signé un accord.');
    expect(stored.publishedAt).toBe('2025-07');
  });

  it('a full date header, and an explicit publishedAt winning over the header', async () => {
    expect((await createArticle(ctxFor(t.db, editor), { text: 'date 2025-07-14 Texte.' })).publishedAt).toBe('2025-07-14');
    const explicit = await createArticle(ctxFor(t.db, editor), { text: 'date 2025-07\nTexte.', publishedAt: '2024-01-02' });
    expect(explicit.publishedAt).toBe('2024-01-02');
    expect(explicit.text).toBe('Texte.');
  });

  it.each([
    ['markdown', { markdown: '# Le *déficit*\n\n- «\u00a0un\u00a0»\n- deux\n\n> cité' }],
    ['html', { html: '<h1>Le <em>déficit</em></h1><ul><li>«&nbsp;un&nbsp;»</li><li>deux</li></ul><blockquote>cité</blockquote><script>alert(1)</script>' }],
  ])('%s is imported to its canonical text and structure, the submission kept beside them', async (format, input) => {
    const article = await createArticle(ctxFor(t.db, editor), input);
    expect(article.text).toBe('Le déficit\n\n«\u00a0un\u00a0»\n\ndeux\n\ncité');
    expect(article.title).toBe('Le déficit');
    expect(article.sourceFormat).toBe(format);
    const stored = await getArticle(ctxFor(t.db, reviewer), article.id);
    expect(stored).toEqual(article);
    expect(stored.structure?.blocks.map((b) => b.kind)).toEqual(['heading', 'listItem', 'listItem', 'paragraph']);
    expect(stored.structure?.marks).toEqual([{ kind: 'emphasis', start: 3, end: 10 }]);
    const revision = await t.db.articleRevision.findFirstOrThrow({ where: { articleId: article.id } });
    expect(revision).toMatchObject({ sourceFormat: format, source: Object.values(input)[0] });
    // A claim across the emphasis edge counts in the canonical text.
    const claim = await createClaim(ctxFor(t.db, reviewer), article.id, { exact: 'Le déficit\n\n«\u00a0un', start: 0, end: 16 });
    expect([claim.start, claim.end, claim.exact]).toEqual([0, 16, article.text.slice(0, 16)]);
  });

  it('a structure that does not fit its text in the database is an error, never a misplaced highlight', async () => {
    const article = await createArticle(ctxFor(t.db, editor), { html: '<p>Un <em>deux</em></p>' });
    await t.db.articleRevision.updateMany({ where: { articleId: article.id }, data: { structure: JSON.stringify({ blocks: [{ start: 0, end: 99, kind: 'paragraph', depth: 0, quote: 0 }], marks: [] }) } });
    await expect(getArticle(ctxFor(t.db, reviewer), article.id)).rejects.toThrow(/does not fit/);
    await t.db.articleRevision.updateMany({ where: { articleId: article.id }, data: { structure: '{"blocks": "no"}' } });
    await expect(getArticle(ctxFor(t.db, reviewer), article.id)).rejects.toThrow();
  });

  it.each([
    ['markdown', { markdown: '>'.repeat(10_000) + ' x' }],
    ['html', { html: '<ul><li>'.repeat(10_000) }],
    ['html', { html: '<p>&nbsp;</p><script>alert(1)</script>' }],
    ['markdown', { text: 'x', markdown: '# x' }],
  ])('refuses with 422 naming %s: nesting too deep, nothing to read, two texts', async (field, input) => {
    const before = await t.db.article.count();
    const error = await expectDomainError(createArticle(ctxFor(t.db, editor), input), 422, [[field]]);
    expect(error.code).toBe('validation_failed');
    expect(await t.db.article.count()).toBe(before);
  });

  it.each([
    ['empty text', { text: '' }],
    ['blank text', { text: ' \n\t\n ' }],
    ['only a date header', { text: 'date 2025-07\n\n' }],
    ['no text at all', {}],
  ])('%s is 422 on ["text"]', async (_name, input) => {
    await expectDomainError(createArticle(ctxFor(t.db, editor), input), 422, [['text']]);
  });

  it('other invalid fields are 422 with their names and nothing is written', async () => {
    const before = await t.db.article.count();
    await expectDomainError(createArticle(ctxFor(t.db, editor), { text: 'x', sourceUrl: 'javascript:alert(1)' }), 422, [['sourceUrl']]);
    await expectDomainError(createArticle(ctxFor(t.db, editor), { text: 'x', publishedAt: 'July 2025' }), 422, [['publishedAt']]);
    expect(await t.db.article.count()).toBe(before);
  });

  it('getArticle: 401 without an actor, 404 for an unknown id', async () => {
    const article = await createArticle(ctxFor(t.db, editor), { text: 'Texte.' });
    await expectDomainError(getArticle(ctxFor(t.db, null), article.id), 401);
    await expectDomainError(getArticle(ctxFor(t.db, reviewer), 'missing'), 404);
  });

  it('importArticleOnce is idempotent per key', async () => {
    const first = await importArticleOnce(t.db, 'test:once', { text: 'Importé une fois.' });
    expect(first.created).toBe(true);
    const second = await importArticleOnce(t.db, 'test:once', { text: 'Importé une fois.' });
    expect(second.created).toBe(false);
    expect(second.article).toEqual(first.article);
    expect(await t.db.article.count({ where: { importKey: 'test:once' } })).toBe(1);
    expect(await t.db.articleRevision.count({ where: { articleId: first.article.id } })).toBe(1);
  });

  it('importArticleOnce called twice at once still keeps one article', async () => {
    const results = await Promise.all([
      importArticleOnce(t.db, 'test:race', { text: 'Deux imports simultanés.' }),
      importArticleOnce(t.db, 'test:race', { text: 'Deux imports simultanés.' }),
    ]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0]!.article.id).toBe(results[1]!.article.id);
    expect(await t.db.article.count({ where: { importKey: 'test:race' } })).toBe(1);
  });

  it('seedStoredArticles imports the stored article once, exactly as a plain-text submission', async () => {
    const file = '000_add87bbc9c27a4d0.txt';
    const raw = fs.readFileSync(path.join(seedDir, file), 'utf8');
    const expected = parsePlainTextArticle(raw);

    const first = await seedStoredArticles(t.db);
    const entry = first.find((s) => s.file === file);
    expect(entry).toMatchObject({ created: true });
    const article = await getArticle(ctxFor(t.db, reviewer), entry!.id);
    expect(article.text).toBe(expected.text);
    expect(article.title).toBe(expected.title);
    expect(article.publishedAt).toBe('2025-07');
    expect(article.language).toBe('fr');
    expect(article.text.startsWith('date')).toBe(false);
    const revision = await t.db.articleRevision.findFirstOrThrow({ where: { articleId: entry!.id } });
    expect(revision.source).toBe(raw);
    expect(revision.sourceFormat).toBe('text');
    const row = await t.db.article.findUniqueOrThrow({ where: { id: entry!.id } });
    expect(row.importKey).toBe(`seed:${file}`);
    expect(row.createdById).toBeNull();

    const count = await t.db.article.count();
    const second = await seedStoredArticles(t.db);
    expect(second.find((s) => s.file === file)).toEqual({ file, id: entry!.id, created: false });
    expect(await t.db.article.count()).toBe(count);
  });

  it('listArticles counts claims and reviewed claims; 401 without an actor', async () => {
    const article = await createArticle(ctxFor(t.db, editor), { text: 'Premier fait. Deuxième fait. Troisième fait.' });
    const c1 = await createClaim(ctxFor(t.db, reviewer), article.id, { exact: 'Premier fait' });
    await createClaim(ctxFor(t.db, reviewer), article.id, { exact: 'Deuxième fait' });
    await createClaim(ctxFor(t.db, reviewer), article.id, { exact: 'Troisième fait' });
    await upsertVerdict(ctxFor(t.db, reviewer), c1.id, { rating: 'true' });
    await upsertVerdict(ctxFor(t.db, editor), c1.id, { rating: 'true' });

    const summaries = await listArticles(ctxFor(t.db, reviewer));
    const summary = summaries.find((s) => s.id === article.id);
    expect(summary).toMatchObject({ title: 'Premier fait', language: 'fr', claimCount: 3, reviewedClaimCount: 1, revision: 1 });
    const empty = summaries.find((s) => s.title === 'Par un admin');
    expect(empty).toMatchObject({ claimCount: 0, reviewedClaimCount: 0 });
    // Newest first.
    const created = summaries.map((s) => s.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    await expectDomainError(listArticles(ctxFor(t.db, null)), 401);
  });
});

describe('claims', () => {
  const t = useDatabase();
  let editor: Actor;
  let reviewer: Actor;
  let article: ArticleDetail;
  let text: string;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor');
    reviewer = await makeUser(t.db, 'reviewer', 'Rita');
    article = await createArticle(ctxFor(t.db, editor), { text: FRENCH });
    // Open review: these tests are about anchoring, and the author sees the claim as it is.
    await t.db.article.update({ where: { id: article.id }, data: { blindReview: false } });
    text = article.text;
  });

  const create = (input: unknown, actor: Actor | null = reviewer, articleId = article.id) => createClaim(ctxFor(t.db, actor), articleId, input);

  function expectAnchoredAt(claim: ClaimDetail, start: number, exact: string) {
    expect(claim.start).toBe(start);
    expect(claim.end).toBe(start + exact.length);
    expect(claim.exact).toBe(exact);
    expect(text.slice(claim.start, claim.end)).toBe(exact);
    expect(claim.anchorState).toBe('exact');
  }

  it('the French text is stored as submitted, minus the date header', () => {
    expect(article.publishedAt).toBe('2025-07-14');
    expect(text.startsWith('L’Arménie 🇦🇲')).toBe(true);
    expect(text).toContain(`«${NNBSP}la paix est proche${NNBSP}»`);
  });

  it('by quote only: found, offsets in UTF-16 code units after emoji and accents', async () => {
    const exact = 'réaffirmé leur engagement';
    const claim = await create({ exact });
    const start = text.indexOf(exact);
    expectAnchoredAt(claim, start, exact);
    // The flags before the quote make UTF-16, code point and UTF-8 offsets differ.
    expect([...text.slice(0, start)].length).toBeLessThan(start);
    expect(Buffer.byteLength(text.slice(0, start), 'utf8')).toBeGreaterThan(start);
    expect(claim).toMatchObject({ articleId: article.id, revision: 1, createdBy: { id: reviewer.id, name: 'Rita' }, note: null });
    expect(claim.consensus).toMatchObject({ status: 'unreviewed', reviewerCount: 0, leadingRating: null });
    expect(claim.verdicts).toEqual([]);
  });

  it('a quote sent in decomposed Unicode (NFD) is matched against the NFC text', async () => {
    const exact = 'délimitation des frontières';
    const claim = await create({ exact: exact.normalize('NFD') });
    expectAnchoredAt(claim, text.indexOf(exact), exact);
  });

  it('stores prefix and suffix computed from the article text, not from the request', async () => {
    const exact = 'Vladimir Poutine';
    const claim = await create({ exact, prefix: 'forged prefix ', suffix: ' forged suffix' });
    const start = text.indexOf(exact);
    expectAnchoredAt(claim, start, exact);
    expect(claim.prefix).toBe(text.slice(start - 32, start));
    expect(claim.suffix).toBe(text.slice(start + exact.length, start + exact.length + 32));
    const row = await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(row).toMatchObject({ exact, prefix: claim.prefix, suffix: claim.suffix, start, end: start + exact.length, anchorState: 'exact' });
  });

  it('by position: a repeated quote lands where the position says', async () => {
    const exact = 'la paix est proche';
    const first = text.indexOf(exact);
    const second = text.indexOf(exact, first + 1);
    expect(second).toBeGreaterThan(first);
    const claim = await create({ exact, start: second, end: second + exact.length });
    expectAnchoredAt(claim, second, exact);
    expect(claim.prefix.endsWith(`deux fois, «${NNBSP}`)).toBe(true);
  });

  it('a repeated quote with only context lands on the occurrence the context matches', async () => {
    // "la paix" occurs three times; the suffix picks the one followed by ", a déclaré".
    const exact = 'la paix';
    const claim = await create({ exact, suffix: ', a déclaré' });
    expectAnchoredAt(claim, text.indexOf('la paix, a déclaré'), exact);
  });

  it('a wrong position with the right quote is re-anchored by the quote', async () => {
    const exact = 'à Sotchi';
    const claim = await create({ exact, start: 0, end: exact.length });
    expectAnchoredAt(claim, text.indexOf(exact), exact);
    // Out-of-range positions too.
    const other = await create({ exact: 'la délimitation des frontières', start: 5000, end: 5030 });
    expectAnchoredAt(other, text.indexOf('la délimitation des frontières'), 'la délimitation des frontières');
  });

  it('a quote absent from the text is 422 on ["exact"], and nothing is written', async () => {
    const claims = await t.db.claim.count();
    const events = await t.db.event.count();
    await expectDomainError(create({ exact: 'Emmanuel Macron' }), 422, [['exact']]);
    // Straight apostrophe where the text has a curly one.
    await expectDomainError(create({ exact: "l'Azerbaïdjan" }), 422, [['exact']]);
    // A position holding other words does not make a missing quote acceptable.
    await expectDomainError(create({ exact: 'Emmanuel Macron', start: 0, end: 15 }), 422, [['exact']]);
    expect(await t.db.claim.count()).toBe(claims);
    expect(await t.db.event.count()).toBe(events);
  });

  it('a range already marked is 409; overlapping claims are allowed', async () => {
    const exact = 'contacts interparlementaires trilatéraux';
    const claim = await create({ exact });
    const events = await t.db.event.count();
    const error = await expectDomainError(create({ exact }), 409, [['exact']]);
    // The error points at the existing claim (so the UI can open it) without putting an id in the sentence.
    expect(error).toMatchObject({ key: 'duplicateClaim', claimId: claim.id });
    expect(error.message).not.toContain(claim.id);
    // Also when another reviewer marks it, or by position.
    const other = await makeUser(t.db, 'reviewer');
    await expectDomainError(create({ exact, start: claim.start, end: claim.end }, other), 409);
    expect(await t.db.event.count()).toBe(events);

    const inner = await create({ exact: 'interparlementaires' });
    expect(inner.start).toBeGreaterThan(claim.start);
    expect(inner.end).toBeLessThan(claim.end);
    const sameStart = await create({ exact: 'contacts interparlementaires' });
    expect(sameStart.start).toBe(claim.start);
    const crossing = await create({ exact: 'trilatéraux\u00a0» et la délimitation' });
    expect(crossing.start).toBeLessThan(claim.end);
    expect(crossing.end).toBeGreaterThan(claim.end);
  });

  it('keeps quotes with guillemets and no-break spaces intact', async () => {
    const exact = `Selon le Kremlin, «${NNBSP}la paix`;
    const claim = await create({ exact });
    expectAnchoredAt(claim, text.indexOf(exact), exact);
  });

  it('prefix and suffix never cut an emoji in half', async () => {
    const emojiText = `${'😀'.repeat(20)} Bakou et Erevan ont signé. ${'🇦🇲'.repeat(10)}`;
    const emojiArticle = await createArticle(ctxFor(t.db, editor), { text: emojiText, title: 'Emoji' });
    const exact = 'Bakou et Erevan ont signé.';
    const claim = await create({ exact }, reviewer, emojiArticle.id);
    const start = emojiText.indexOf(exact);
    expect(claim.start).toBe(start);
    expect(emojiText.slice(claim.start, claim.end)).toBe(exact);
    // start - 32 and end + 32 both fall between the halves of a surrogate pair.
    expect(emojiText.charCodeAt(start - 32)).toBeGreaterThanOrEqual(0xdc00);
    expect(claim.prefix).not.toMatch(LONE_SURROGATE);
    expect(claim.suffix).not.toMatch(LONE_SURROGATE);
    expect(claim.prefix).toBe(emojiText.slice(start - 31, start));
    expect(claim.suffix.length).toBeLessThanOrEqual(32);
    expect(emojiText.slice(claim.end).startsWith(claim.suffix)).toBe(true);
  });

  it('keeps a note, trimmed', async () => {
    const claim = await create({ exact: 'a répété le porte-parole', note: '  Source ?  ' });
    expect(claim.note).toBe('Source ?');
  });

  it('needs a signed-in reviewer; unknown article is 404; bad input 422', async () => {
    await expectDomainError(create({ exact: 'Sotchi' }, null), 401);
    await expectDomainError(create({ exact: 'Sotchi' }, reviewer, 'no-such-article'), 404);
    await expectDomainError(create({ exact: '' }), 422, [['exact']]);
    await expectDomainError(create({ exact: 'Sotchi', start: 10, end: 4 }), 422, [['end']]);
  });

  it('listClaims returns every claim in text order; getClaim one with its verdicts', async () => {
    const claims = await listClaims(ctxFor(t.db, reviewer), article.id);
    expect(claims.length).toBeGreaterThanOrEqual(10);
    for (let i = 1; i < claims.length; i++) {
      const [a, b] = [claims[i - 1]!, claims[i]!];
      expect(a.start < b.start || (a.start === b.start && a.end >= b.end)).toBe(true);
    }
    for (const claim of claims) {
      expect(text.slice(claim.start, claim.end)).toBe(claim.exact);
      expect(claim).not.toHaveProperty('verdicts');
    }
    const one = await getClaim(ctxFor(t.db, reviewer), claims[0]!.id);
    expect(one).toMatchObject({ id: claims[0]!.id, verdicts: [], sources: [] });
    await expectDomainError(getClaim(ctxFor(t.db, reviewer), 'no-such-claim'), 404);
    await expectDomainError(listClaims(ctxFor(t.db, null), article.id), 401);
    await expectDomainError(listClaims(ctxFor(t.db, reviewer), 'no-such-article'), 404);
  });
});

describe('verdicts and consensus', () => {
  const t = useDatabase();
  let editor: Actor;
  let r1: Actor;
  let r2: Actor;
  let r3: Actor;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Ed');
    [r1, r2, r3] = await Promise.all([makeUser(t.db, 'reviewer', 'R1'), makeUser(t.db, 'reviewer', 'R2'), makeUser(t.db, 'reviewer', 'R3')]);
  });

  let n = 0;
  /** A new article under open review (blind review has its own tests below) with one claim on its only sentence. */
  async function freshClaim(): Promise<{ article: ArticleDetail; claim: ClaimDetail }> {
    n += 1;
    const article = await createArticle(ctxFor(t.db, editor), { text: `Le fait numéro ${n} est vérifiable.` });
    await t.db.article.update({ where: { id: article.id }, data: { blindReview: false } });
    const claim = await createClaim(ctxFor(t.db, r1), article.id, { exact: `Le fait numéro ${n}` });
    return { article, claim };
  }

  const rate = (actor: Actor, claimId: string, input: unknown) => upsertVerdict(ctxFor(t.db, actor), claimId, input);

  it('the first upsert creates version 1 with its sources, in order', async () => {
    const { claim } = await freshClaim();
    const result = await rate(r1, claim.id, {
      rating: 'mostly-false',
      rationale: '  Les chiffres officiels disent autre chose.  ',
      sources: [
        { url: 'https://example.org/a', title: 'Rapport', publisher: 'INSEE', quote: 'p. 12', stance: 'refutes' },
        { url: 'http://example.org/b' },
      ],
    });
    expect(result.created).toBe(true);
    expect(result.verdict).toMatchObject({
      claimId: claim.id,
      reviewer: { id: r1.id, name: 'R1' },
      rating: 'mostly-false',
      rationale: 'Les chiffres officiels disent autre chose.',
      version: 1,
      sources: [
        { url: 'https://example.org/a', title: 'Rapport', publisher: 'INSEE', quote: 'p. 12', stance: 'refutes' },
        { url: 'http://example.org/b', title: null, publisher: null, quote: null, stance: null },
      ],
    });
    expect(result.claim.myRating).toBe('mostly-false');
    expect(result.claim.verdicts).toHaveLength(1);
    expect(result.claim.sources.map((s) => s.url)).toEqual(['https://example.org/a', 'http://example.org/b']);
    expect(await t.db.verdict.count({ where: { claimId: claim.id } })).toBe(1);
  });

  it('a second upsert replaces the verdict: version 2, sources replaced, not appended', async () => {
    const { claim } = await freshClaim();
    const first = await rate(r1, claim.id, { rating: 'true', sources: [{ url: 'https://example.org/old-1' }, { url: 'https://example.org/old-2' }] });
    const second = await rate(r1, claim.id, { rating: 'mixed', rationale: 'Nuancé.', sources: [{ url: 'https://example.org/new' }], version: 1 });
    expect(second.created).toBe(false);
    expect(second.verdict).toMatchObject({ id: first.verdict.id, rating: 'mixed', rationale: 'Nuancé.', version: 2 });
    expect(second.verdict.sources.map((s) => s.url)).toEqual(['https://example.org/new']);
    expect(await t.db.verdict.count({ where: { claimId: claim.id } })).toBe(1);
    expect(await t.db.source.count({ where: { verdictId: first.verdict.id } })).toBe(1);
    // Without a version it replaces too (last write wins), and clears sources when none are sent.
    const third = await rate(r1, claim.id, { rating: 'false' });
    expect(third.verdict).toMatchObject({ version: 3, rating: 'false', rationale: '', sources: [] });
    expect(await t.db.source.count({ where: { verdictId: first.verdict.id } })).toBe(0);
  });

  it('a verdict saved again with its sources unchanged keeps their rows; a source changed in any field replaces them', async () => {
    const { claim } = await freshClaim();
    const sources = [
      { url: 'https://www.insee.fr/fr/statistiques/1', title: 'Taux de chômage', quote: '« 7,3 % »', stance: 'supports' as const, accessedAt: '2026-11-02' },
      { url: 'https://example.org/b' },
    ];
    const rows = () => t.db.source.findMany({ where: { verdict: { claimId: claim.id } }, orderBy: { position: 'asc' } });
    const first = await rate(r1, claim.id, { rating: 'true', sources });
    const before = await rows();
    // The URL as typed the first time, normalized to the same link: the same sources.
    const again = await rate(r1, claim.id, { rating: 'mixed', rationale: 'Nuancé.', version: 1, sources: [{ ...sources[0]!, url: 'HTTPS://WWW.INSEE.FR:443/fr/statistiques/1#t' }, sources[1]!] });
    expect(again.verdict).toMatchObject({ version: 2, rating: 'mixed' });
    expect(again.verdict.sources).toEqual(first.verdict.sources);
    expect(await rows()).toEqual(before);
    const quoteChanged = await rate(r1, claim.id, { rating: 'mixed', version: 2, sources: [{ ...sources[0]!, quote: '« 7,4 % »' }, sources[1]!] });
    expect(quoteChanged.verdict.sources.map((s) => s.quote)).toEqual(['« 7,4 % »', null]);
    const after = await rows();
    expect(after.map((s) => s.url)).toEqual(before.map((s) => s.url));
    expect(after.map((s) => s.id)).not.toEqual(before.map((s) => s.id));
  });
  it('the claim gathers its sources once per link, with who cited them, their stance, date consulted and archived copy', async () => {
    const { claim } = await freshClaim();
    await rate(r1, claim.id, {
      rating: 'false',
      sources: [{ url: 'https://www.insee.fr/fr/statistiques/1#t', title: 'Insee', stance: 'refutes', accessedAt: '2025-07-14', archiveUrl: 'https://archive.ph/abc' }],
    });
    const both = await rate(r2, claim.id, { rating: 'mixed', sources: [{ url: 'HTTPS://WWW.INSEE.FR:443/fr/statistiques/1', stance: 'context' }, { url: 'https://afp.com/x' }] });
    expect(both.verdict.sources[0]!.url).toBe('https://www.insee.fr/fr/statistiques/1');
    expect(both.claim.sources).toEqual([
      {
        url: 'https://www.insee.fr/fr/statistiques/1',
        title: 'Insee',
        publisher: null,
        citedBy: [
          { reviewer: { id: r1.id, name: 'R1' }, stance: 'refutes', quote: null, accessedAt: '2025-07-14', archiveUrl: 'https://archive.ph/abc' },
          { reviewer: { id: r2.id, name: 'R2' }, stance: 'context', quote: null, accessedAt: null, archiveUrl: null },
        ],
      },
      { url: 'https://afp.com/x', title: null, publisher: null, citedBy: [{ reviewer: { id: r2.id, name: 'R2' }, stance: null, quote: null, accessedAt: null, archiveUrl: null }] },
    ]);
  });

  it('a stale version is 409 on ["version"] and writes nothing', async () => {
    const { article, claim } = await freshClaim();
    await rate(r1, claim.id, { rating: 'true', sources: [{ url: 'https://example.org/kept' }] });
    await rate(r1, claim.id, { rating: 'mostly-true', version: 1, sources: [{ url: 'https://example.org/kept-2' }] });
    const events = await t.db.event.count({ where: { articleId: article.id } });

    const error = await expectDomainError(rate(r1, claim.id, { rating: 'false', sources: [{ url: 'https://example.org/lost' }], version: 1 }), 409, [['version']]);
    expect(error.code).toBe('conflict');
    const row = await t.db.verdict.findFirstOrThrow({ where: { claimId: claim.id, reviewerId: r1.id }, include: { sources: true } });
    expect(row).toMatchObject({ rating: 'mostly-true', version: 2 });
    expect(row.sources.map((s) => s.url)).toEqual(['https://example.org/kept-2']);
    expect(await t.db.event.count({ where: { articleId: article.id } })).toBe(events);

    // A version from the future is stale too, and so is one sent before any verdict exists.
    await expectDomainError(rate(r1, claim.id, { rating: 'false', version: 3 }), 409);
    await expectDomainError(rate(r2, claim.id, { rating: 'false', version: 1 }), 409);
    expect(await t.db.verdict.count({ where: { claimId: claim.id } })).toBe(1);
  });

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['ftp:', 'ftp://example.org/report.pdf'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
  ])('a %s source URL is 422 on ["sources", 0, "url"] with no partial write', async (_scheme, url) => {
    const { article, claim } = await freshClaim();
    await rate(r1, claim.id, { rating: 'true', sources: [{ url: 'https://example.org/original' }] });
    const events = await t.db.event.count({ where: { articleId: article.id } });
    const sources = await t.db.source.count();

    await expectDomainError(rate(r1, claim.id, { rating: 'false', sources: [{ url }] }), 422, [['sources', 0, 'url']]);
    // The second source is the bad one: the first is not stored alone.
    await expectDomainError(rate(r1, claim.id, { rating: 'false', sources: [{ url: 'https://ok.example' }, { url }] }), 422, [['sources', 1, 'url']]);
    // No verdict for a reviewer who had none either.
    await expectDomainError(rate(r2, claim.id, { rating: 'false', sources: [{ url }] }), 422, [['sources', 0, 'url']]);

    const rows = await t.db.verdict.findMany({ where: { claimId: claim.id }, include: { sources: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reviewerId: r1.id, rating: 'true', version: 1 });
    expect(rows[0]!.sources.map((s) => s.url)).toEqual(['https://example.org/original']);
    expect(await t.db.source.count()).toBe(sources);
    expect(await t.db.event.count({ where: { articleId: article.id } })).toBe(events);
  });

  it('other bad verdicts: 422 for the rating, 401 anonymous, 404 unknown claim', async () => {
    const { claim } = await freshClaim();
    await expectDomainError(rate(r1, claim.id, { rating: 'pants-on-fire' }), 422, [['rating']]);
    await expectDomainError(upsertVerdict(ctxFor(t.db, null), claim.id, { rating: 'true' }), 401);
    await expectDomainError(rate(r1, 'no-such-claim', { rating: 'true' }), 404);
    expect(await t.db.verdict.count({ where: { claimId: claim.id } })).toBe(0);
  });

  it('two submissions of the same new verdict at once give one verdict, not an error', async () => {
    const { claim } = await freshClaim();
    const results = await Promise.all([rate(r1, claim.id, { rating: 'true' }), rate(r1, claim.id, { rating: 'true' })]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(await t.db.verdict.count({ where: { claimId: claim.id } })).toBe(1);
  });

  it('verdicts of several reviewers on one claim, saved at once, are all kept', async () => {
    const { claim } = await freshClaim();
    const reviewers = [r1, r2, r3, ...(await Promise.all([1, 2, 3].map((i) => makeUser(t.db, 'reviewer', `Relecteur ${i}`))))];
    const saved = await Promise.all(reviewers.map((r) => rate(r, claim.id, { rating: 'mostly-true' })));
    expect(saved.every((s) => s.created)).toBe(true);
    expect(await t.db.verdict.count({ where: { claimId: claim.id } })).toBe(reviewers.length);
    expect(await t.db.event.count({ where: { claimId: claim.id, type: 'verdict.updated' } })).toBe(reviewers.length);
  });

  it('withdrawVerdict removes the caller’s verdict (and its sources) only; again is 404', async () => {
    const { claim } = await freshClaim();
    const mine = await rate(r1, claim.id, { rating: 'true', sources: [{ url: 'https://example.org/s' }] });
    await rate(r2, claim.id, { rating: 'true' });
    const after = await withdrawVerdict(ctxFor(t.db, r1), claim.id);
    expect(after.verdicts.map((v) => v.reviewer.id)).toEqual([r2.id]);
    expect(after.myRating).toBeNull();
    expect(after.consensus).toMatchObject({ status: 'needs-review', reviewerCount: 1 });
    expect(await t.db.source.count({ where: { verdictId: mine.verdict.id } })).toBe(0);
    await expectDomainError(withdrawVerdict(ctxFor(t.db, r1), claim.id), 404);
    await expectDomainError(withdrawVerdict(ctxFor(t.db, r3), claim.id), 404);
    await expectDomainError(withdrawVerdict(ctxFor(t.db, null), claim.id), 401);
    // A new verdict after withdrawal starts again at version 1.
    expect((await rate(r1, claim.id, { rating: 'mixed' })).verdict.version).toBe(1);
  });

  it('consensus with the default settings: unreviewed → needs-review → consensus', async () => {
    const { claim } = await freshClaim();
    expect(claim.consensus.status).toBe('unreviewed');
    const one = await rate(r1, claim.id, { rating: 'mostly-true' });
    expect(one.claim.consensus).toMatchObject({ status: 'needs-review', reviewerCount: 1, finalRating: null });
    const two = await rate(r2, claim.id, { rating: 'mostly-true' });
    expect(two.claim.consensus).toMatchObject({ status: 'consensus', leadingRating: 'mostly-true', agreement: 1, reviewerCount: 2, finalRating: 'mostly-true' });
    expect(two.claim.consensus.counts).toMatchObject({ 'mostly-true': 2, true: 0 });
    // What everyone reads agrees with what the writer was told.
    expect((await getClaim(ctxFor(t.db, r3), claim.id)).consensus).toEqual(two.claim.consensus);
  });

  it('consensus → disputed when a reviewer changes their mind, and 2 of 3 reaches the 0.6 threshold', async () => {
    const { claim } = await freshClaim();
    await rate(r1, claim.id, { rating: 'false' });
    await rate(r2, claim.id, { rating: 'false' });
    const changed = await rate(r2, claim.id, { rating: 'mixed' });
    expect(changed.claim.consensus).toMatchObject({ status: 'disputed', leadingRating: null, agreement: 0.5, finalRating: null });
    const third = await rate(r3, claim.id, { rating: 'false' });
    expect(third.claim.consensus.status).toBe('consensus');
    expect(third.claim.consensus.leadingRating).toBe('false');
    expect(third.claim.consensus.agreement).toBeCloseTo(2 / 3);
  });

  it('verdicts far apart on the scale are disputed even with a majority', async () => {
    const { claim } = await freshClaim();
    await rate(r1, claim.id, { rating: 'true' });
    await rate(r2, claim.id, { rating: 'true' });
    const third = await rate(r3, claim.id, { rating: 'false' });
    expect(third.claim.consensus).toMatchObject({ status: 'disputed', leadingRating: 'true' });
  });

  it("follows the article's own settings", async () => {
    const { article, claim } = await freshClaim();
    await rate(r1, claim.id, { rating: 'true' });
    await rate(r2, claim.id, { rating: 'true' });
    await rate(r3, claim.id, { rating: 'mostly-true' });
    expect((await getClaim(ctxFor(t.db, r1), claim.id)).consensus.status).toBe('consensus');

    await t.db.article.update({ where: { id: article.id }, data: { agreementThreshold: 0.7 } });
    expect((await getClaim(ctxFor(t.db, r1), claim.id)).consensus.status).toBe('disputed');
    await t.db.article.update({ where: { id: article.id }, data: { agreementThreshold: 0.6, minReviewers: 4 } });
    expect((await getClaim(ctxFor(t.db, r1), claim.id)).consensus.status).toBe('needs-review');
    expect((await listClaims(ctxFor(t.db, r1), article.id))[0]!.consensus.status).toBe('needs-review');

    // One reviewer is enough when the article says so.
    const { article: solo, claim: single } = await freshClaim();
    await t.db.article.update({ where: { id: solo.id }, data: { minReviewers: 1 } });
    expect((await rate(r1, single.id, { rating: 'unverifiable' })).claim.consensus).toMatchObject({ status: 'consensus', finalRating: 'unverifiable' });
  });

  describe('blind review', () => {
    let article: ArticleDetail;
    let claim: ClaimDetail;

    beforeAll(async () => {
      ({ article, claim } = await freshClaim());
      await t.db.article.update({ where: { id: article.id }, data: { blindReview: true } });
      await rate(r1, claim.id, { rating: 'false', rationale: 'Secret reasoning', sources: [{ url: 'https://example.org/secret' }] });
      await rate(editor, claim.id, { rating: 'false' });
    });

    const zeroCounts: Record<Rating, number> = { false: 0, 'mostly-false': 0, mixed: 0, 'mostly-true': 0, true: 0, unverifiable: 0 };

    it('the settings show blind review', async () => {
      expect((await getArticle(ctxFor(t.db, r2), article.id)).settings.blindReview).toBe(true);
    });

    it('a reviewer who has not rated sees nothing of the others: no verdicts, sources, tallies, count, or real status', async () => {
      const seen = await getClaim(ctxFor(t.db, r2), claim.id);
      expect(seen.verdictsVisible).toBe(false);
      expect(seen.verdicts).toEqual([]);
      expect(seen.sources).toEqual([]);
      expect(seen.myRating).toBeNull();
      // The others reached a consensus; r2 reads needs-review, with nobody counted.
      expect(seen.consensus).toEqual({ status: 'needs-review', leadingRating: null, tie: [], agreement: null, independentAgreement: null, median: null, spread: null, rule: 'plurality', finalRating: null, counts: zeroCounts, reviewerCount: 0 });
      expect(seen.lastActivityAt).toBe(seen.updatedAt);
      expect(JSON.stringify(seen)).not.toContain('Secret reasoning');

      const listed = (await listClaims(ctxFor(t.db, r2), article.id)).find((c) => c.id === claim.id)!;
      expect(listed.verdictsVisible).toBe(false);
      expect(listed.consensus).toEqual(seen.consensus);
    });

    it('the article list does not count the claims the others reviewed', async () => {
      const forR2 = (await listArticles(ctxFor(t.db, r2))).find((a) => a.id === article.id)!;
      const forR1 = (await listArticles(ctxFor(t.db, r1))).find((a) => a.id === article.id)!;
      const forEditor = (await listArticles(ctxFor(t.db, editor))).find((a) => a.id === article.id)!;
      expect([forR2.reviewedClaimCount, forR1.reviewedClaimCount, forEditor.reviewedClaimCount]).toEqual([0, 1, 1]);
    });

    it('the export hides them from that reviewer too, status and scope included', async () => {
      const data = await buildArticleExport(ctxFor(t.db, r2), article.id, 'all');
      expect(data.claims[0]!.verdicts).toEqual([]);
      expect(data.claims[0]!.consensus).toMatchObject({ status: 'needs-review', reviewerCount: 0, counts: zeroCounts });
      // 'reviewed' would say which claims the others reviewed.
      expect((await buildArticleExport(ctxFor(t.db, r2), article.id, 'reviewed')).claims).toEqual([]);
      const csv = await exportArticle(ctxFor(t.db, r2), article.id, { format: 'csv', scope: 'all' });
      expect(csv.body).not.toContain('Secret reasoning');
      expect(csv.body).not.toContain('https://example.org/secret');
      expect(csv.body).not.toMatch(/,consensus,/);
      expect(csv.body).toMatch(/,needs-review,/);
      const json = await exportArticle(ctxFor(t.db, r2), article.id, { format: 'json', scope: 'all' });
      expect(json.body).not.toContain('Secret reasoning');
      expect(json.body).not.toMatch(/"status":\s*"consensus"/);
    });

    it('an editor and an admin always see them', async () => {
      for (const viewer of [editor, await makeUser(t.db, 'admin')]) {
        const seen = await getClaim(ctxFor(t.db, viewer), claim.id);
        expect(seen.verdictsVisible).toBe(true);
        expect(seen.verdicts.map((v) => v.reviewer.id).sort()).toEqual([editor.id, r1.id].sort());
        expect(seen.consensus).toMatchObject({ status: 'consensus', leadingRating: 'false', finalRating: 'false', reviewerCount: 2 });
      }
    });

    it('a reviewer who has rated sees everyone’s verdicts', async () => {
      const seen = await getClaim(ctxFor(t.db, r1), claim.id);
      expect(seen.verdictsVisible).toBe(true);
      expect(seen.verdicts).toHaveLength(2);
      expect(seen.sources.map((s) => s.url)).toEqual(['https://example.org/secret']);
    });

    it('the withdraw trick does not work: once revealed, a claim stays revealed', async () => {
      const rated = await rate(r2, claim.id, { rating: 'mostly-false' });
      expect(rated.claim.verdictsVisible).toBe(true);
      expect(rated.claim.verdicts).toHaveLength(3);
      expect(rated.claim.consensus.counts).toMatchObject({ false: 2, 'mostly-false': 1 });
      expect(rated.verdict).toMatchObject({ initialRating: 'mostly-false', revisedAfterReveal: false });

      const withdrawn = await withdrawVerdict(ctxFor(t.db, r2), claim.id);
      expect(withdrawn.verdictsVisible).toBe(true);
      expect(withdrawn.verdicts).toHaveLength(2);
      expect(withdrawn.consensus).toMatchObject({ status: 'consensus', reviewerCount: 2 });
      expect((await getClaim(ctxFor(t.db, r2), claim.id)).verdictsVisible).toBe(true);
    });

    it('a verdict changed after the reveal is marked, and the first, independent rating is kept', async () => {
      // r2 already gave mostly-false (then withdrew it): the new verdict comes after seeing the others.
      const again = await rate(r2, claim.id, { rating: 'false' });
      expect(again.verdict).toMatchObject({ rating: 'false', initialRating: 'mostly-false', revisedAfterReveal: true });
      const changed = await rate(r1, claim.id, { rating: 'mixed' });
      expect(changed.verdict).toMatchObject({ rating: 'mixed', initialRating: 'false', revisedAfterReveal: true });
      // Everyone who may see the verdicts sees the marks.
      const seen = await getClaim(ctxFor(t.db, editor), claim.id);
      expect(seen.verdicts.find((v) => v.reviewer.id === editor.id)).toMatchObject({ initialRating: 'false', revisedAfterReveal: false });
    });
  });
});

describe('events', () => {
  const t = useDatabase();
  let editor: Actor;
  let reviewer: Actor;
  let article: ArticleDetail;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor');
    reviewer = await makeUser(t.db, 'reviewer');
    article = await createArticle(ctxFor(t.db, editor), { text: 'Une phrase à vérifier. Une autre.' });
  });

  const eventsOf = (articleId: string) => t.db.event.findMany({ where: { articleId }, orderBy: { id: 'asc' } });

  it('article creation appends article.created', async () => {
    const events = await eventsOf(article.id);
    expect(events.map((e) => e.type)).toEqual(['article.created']);
    expect(events[0]).toMatchObject({ entityId: article.id, actorId: editor.id });
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ id: article.id, title: article.title });
  });

  it('claim creation and each verdict change append claim.created / verdict.updated with JSON payloads', async () => {
    const claim = await createClaim(ctxFor(t.db, reviewer), article.id, { exact: 'Une phrase à vérifier' });
    const created = await upsertVerdict(ctxFor(t.db, reviewer), claim.id, { rating: 'true', sources: [{ url: 'https://example.org/1' }] });
    const replaced = await upsertVerdict(ctxFor(t.db, reviewer), claim.id, { rating: 'mixed', version: 1 });
    await withdrawVerdict(ctxFor(t.db, reviewer), claim.id);

    const events = await eventsOf(article.id);
    expect(events.map((e) => e.type)).toEqual(['article.created', 'claim.created', 'verdict.updated', 'verdict.updated', 'verdict.updated']);
    const ids = events.map((e) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);

    const [, claimEvent, v1, v2, withdrawn] = events;
    expect(claimEvent).toMatchObject({ entityId: claim.id, actorId: reviewer.id });
    const claimPayload = JSON.parse(claimEvent!.payload) as Record<string, unknown>;
    expect(claimPayload).toMatchObject({ id: claim.id, articleId: article.id, exact: 'Une phrase à vérifier', start: claim.start, end: claim.end });
    expect(claimPayload).toHaveProperty('consensus');

    expect(v1).toMatchObject({ entityId: created.verdict.id, actorId: reviewer.id });
    expect(JSON.parse(v1!.payload)).toMatchObject({
      before: null,
      after: { id: created.verdict.id, rating: 'true', version: 1, sources: [{ url: 'https://example.org/1' }] },
      claim: { id: claim.id, consensus: { reviewerCount: 1 } },
    });
    expect(JSON.parse(v2!.payload)).toMatchObject({
      before: { rating: 'true', version: 1 },
      after: { id: replaced.verdict.id, rating: 'mixed', version: 2, sources: [], initialRating: 'true', revisedAfterReveal: true },
    });
    expect(withdrawn).toMatchObject({ entityId: created.verdict.id });
    expect(JSON.parse(withdrawn!.payload)).toMatchObject({
      before: { rating: 'mixed' },
      after: null,
      withdrawn: created.verdict.id,
      claim: { id: claim.id, consensus: { status: 'unreviewed' } },
    });
    for (const e of events) expect(e.payload).not.toMatch(/"(can|myRating|verdictsVisible)"/);
    for (const e of events) expect(new Date(e.createdAt).getTime()).not.toBeNaN();
  });

  it('events store the claim unmasked whoever acted, so a live channel can mask them per viewer', async () => {
    // Blind review (the default): the second reviewer acts without seeing the first's verdict.
    const other = await makeUser(t.db, 'reviewer');
    const blindArticle = await createArticle(ctxFor(t.db, editor), { text: 'Un fait à vérifier en aveugle.' });
    const claim = await createClaim(ctxFor(t.db, reviewer), blindArticle.id, { exact: 'Un fait' });
    await upsertVerdict(ctxFor(t.db, reviewer), claim.id, { rating: 'false', rationale: 'Premier avis.' });
    await createClaim(ctxFor(t.db, other), blindArticle.id, { exact: 'en aveugle' });
    const second = await upsertVerdict(ctxFor(t.db, other), claim.id, { rating: 'true' });
    expect(second.claim.verdicts).toHaveLength(2);
    const events = await eventsOf(blindArticle.id);
    const last = JSON.parse(events.at(-1)!.payload) as { claim: { consensus: { reviewerCount: number }; verdicts: { rationale: string }[] } };
    expect(last.claim.consensus.reviewerCount).toBe(2);
    expect(last.claim.verdicts.map((v) => v.rationale)).toContain('Premier avis.');
    const created = JSON.parse(events.find((e) => e.type === 'claim.created' && e.actorId === other.id)!.payload) as { consensus: { status: string } };
    expect(created.consensus.status).toBe('unreviewed');
  });

  it('a failed change appends nothing', async () => {
    const before = (await eventsOf(article.id)).length;
    await expectDomainError(createClaim(ctxFor(t.db, reviewer), article.id, { exact: 'Une phrase à vérifier' }), 409);
    await expectDomainError(createClaim(ctxFor(t.db, reviewer), article.id, { exact: 'absent' }), 422);
    const claim = (await listClaims(ctxFor(t.db, reviewer), article.id))[0]!;
    await expectDomainError(upsertVerdict(ctxFor(t.db, reviewer), claim.id, { rating: 'true', version: 7 }), 409);
    expect((await eventsOf(article.id)).length).toBe(before);
  });
});

describe('exports', () => {
  const t = useDatabase();
  let editor: Actor;
  let reviewer: Actor;
  let article: ArticleDetail;
  let reviewed: ClaimDetail;
  let unreviewed: ClaimDetail;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Éditrice');
    reviewer = await makeUser(t.db, 'reviewer', 'Rémi');
    article = await createArticle(ctxFor(t.db, editor), {
      text: 'date 2025-07\nÉlection à Erevan : le taux de participation a doublé. Le scrutin s’est tenu dimanche.',
      publisher: 'Agence',
      sourceUrl: 'https://example.org/erevan',
    });
    // Open review: blind exports have their own tests (verdicts and consensus › blind review).
    await t.db.article.update({ where: { id: article.id }, data: { blindReview: false } });
    unreviewed = await createClaim(ctxFor(t.db, reviewer), article.id, { exact: 'Le scrutin s’est tenu dimanche' });
    reviewed = await createClaim(ctxFor(t.db, reviewer), article.id, { exact: 'le taux de participation a doublé' });
    await upsertVerdict(ctxFor(t.db, reviewer), reviewed.id, {
      rating: 'mostly-false',
      rationale: '=HYPERLINK("http://evil")',
      sources: [{ url: 'https://example.org/stats', stance: 'refutes' }],
    });
    await upsertVerdict(ctxFor(t.db, editor), reviewed.id, { rating: 'mostly-false' });
  });

  it("scope 'reviewed' keeps claims with a final rating (consensus or adjudicated); 'all' keeps every claim, in text order", async () => {
    const onlyReviewed = await buildArticleExport(ctxFor(t.db, reviewer), article.id, 'reviewed');
    expect(onlyReviewed.claims.map((c) => c.id)).toEqual([reviewed.id]);
    const all = await buildArticleExport(ctxFor(t.db, reviewer), article.id, 'all');
    expect(all.claims.map((c) => c.id)).toEqual([reviewed.id, unreviewed.id]);

    expect(all.archive).toMatchObject({ format: 'crux.archive', version: 1 });
    expect(all.article).toMatchObject({ id: article.id, title: article.title, publishedAt: '2025-07', publisher: 'Agence', sourceUrl: 'https://example.org/erevan', currentRevision: 1, language: 'fr' });
    expect(all.article.revisions.map((r) => r.text)).toEqual([article.text]);
    expect(new Date(all.archive.exportedAt).toISOString()).toBe(all.archive.exportedAt);
    const claim = all.claims[0]!;
    expect(article.text.slice(claim.start, claim.end)).toBe(claim.exact);
    expect(claim.consensus).toMatchObject({ status: 'consensus', finalRating: 'mostly-false', reviewerCount: 2 });
    expect(claim.verdicts).toHaveLength(2);
    expect(claim.verdicts[0]).toMatchObject({ reviewerId: reviewer.id, rating: 'mostly-false', sources: [{ url: 'https://example.org/stats', stance: 'refutes' }] });
    expect(all.archive.users.find((u) => u.id === reviewer.id)).toMatchObject({ name: 'Rémi' });
    expect(all.claims[1]).toMatchObject({ verdicts: [], consensus: { status: 'unreviewed' } });
  });

  it('json: content type, filename from the title, the export as pretty JSON', async () => {
    const file = await exportArticle(ctxFor(t.db, reviewer), article.id, { format: 'json' });
    expect(file.contentType).toBe('application/json; charset=utf-8');
    expect(file.filename).toBe('election-a-erevan-le-taux-de-participation-a-double.crux.json');
    expect(file.body.endsWith('\n')).toBe(true);
    const data = (JSON.parse(file.body) as Archive).articles[0]!;
    // Default scope: reviewed.
    expect(data.claims.map((c) => c.id)).toEqual([reviewed.id]);
    expect(data.claims[0]!.verdicts[0]!.rationale).toBe('=HYPERLINK("http://evil")');
  });

  it('defaults to json when no format is given', async () => {
    const file = await exportArticle(ctxFor(t.db, reviewer), article.id, {});
    expect(file.contentType).toMatch(/^application\/json/);
    expect(file.filename.endsWith('.crux.json')).toBe(true);
  });

  it('csv: content type, filename, BOM, header row and one row per claim', async () => {
    const file = await exportArticle(ctxFor(t.db, reviewer), article.id, { format: 'csv', scope: 'all' });
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.filename).toBe('election-a-erevan-le-taux-de-participation-a-double.crux.csv');
    expect(file.body.startsWith('\uFEFF')).toBe(true);
    const lines = file.body.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    // The reviewed claim and the other one.
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',consensus,mostly-false,');
    expect(file.body).toContain('https://example.org/stats');
    // Rationales are the JSON's: a row per claim has no room for each reviewer's.
    expect(file.body).not.toContain('HYPERLINK');
    const reviewedOnly = await exportArticle(ctxFor(t.db, reviewer), article.id, { format: 'csv' });
    expect(reviewedOnly.body.slice(1).trimEnd().split('\r\n')).toHaveLength(2);
  });

  it('a bad format or scope is 422 naming it; anonymous 401; unknown article 404', async () => {
    await expectDomainError(exportArticle(ctxFor(t.db, reviewer), article.id, { format: 'xml' }), 422, [['format']]);
    await expectDomainError(exportArticle(ctxFor(t.db, reviewer), article.id, { format: 'csv', scope: 'some' }), 422, [['scope']]);
    await expectDomainError(exportArticle(ctxFor(t.db, null), article.id, { format: 'json' }), 401);
    // Who is asking comes before what is asked: anonymous callers learn nothing from validation.
    await expectDomainError(exportArticle(ctxFor(t.db, null), article.id, { format: 'xml' }), 401);
    await expectDomainError(exportArticle(ctxFor(t.db, reviewer), 'no-such-article', { format: 'json' }), 404);
  });
});
