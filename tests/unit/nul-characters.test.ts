// PostgreSQL's text cannot hold a NUL character (U+0000); SQLite's can. Every
// service refuses one as bad input, naming the field, on both databases
// (lib/validation.ts parseInput), instead of a 500 on PostgreSQL only.
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle, type ArticleDetail } from '../../lib/services/articles';
import { createClaim } from '../../lib/services/claims';
import { postComment } from '../../lib/services/comments';
import type { Actor } from '../../lib/services/context';
import { registerUser } from '../../lib/services/users';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, expectDomainError, makeUser, testProvider, useDatabase } from './support/database';

describe(`text with a NUL character on ${testProvider}`, () => {
  const t = useDatabase();
  let editor: Actor;
  let article: ArticleDetail;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Édith');
    article = await createArticle(ctxFor(t.db, editor), { text: 'Le chômage a baissé. Les prix ont monté.' });
  });

  it('is refused with 422 naming the field, and nothing is written', async () => {
    const articles = await t.db.article.count();
    const error = await expectDomainError(createArticle(ctxFor(t.db, editor), { text: 'Une phrase\u0000.', title: 'Titre\u0000' }), 422, [['text'], ['title']]);
    expect(error.issues[0]!.message).toBe('The article text contains a NUL character (U+0000), which text cannot hold: remove it.');
    expect(await t.db.article.count()).toBe(articles);

    await expectDomainError(createClaim(ctxFor(t.db, editor), article.id, { exact: 'Le chômage', note: 'à\u0000' }), 422, [['note']]);
    const claim = await createClaim(ctxFor(t.db, editor), article.id, { exact: 'Les prix' });
    await expectDomainError(upsertVerdict(ctxFor(t.db, editor), claim.id, { rating: 'true', sources: [{ url: 'https://example.org/', title: 'a\u0000' }] }), 422, [
      ['sources', 0, 'title'],
    ]);
    await upsertVerdict(ctxFor(t.db, editor), claim.id, { rating: 'true' });
    await expectDomainError(postComment(ctxFor(t.db, editor), claim.id, { body: 'Vu\u0000' }), 422, [['body']]);
    await expectDomainError(registerUser(t.db, { email: 'nul@example.org', password: 'long enough for sure', name: 'N\u0000' }), 422, [['name']]);
    expect(await t.db.user.count({ where: { email: 'nul@example.org' } })).toBe(0);
  });

  // A lone surrogate cannot be stored as UTF-8 either (lib/unicode.ts): refused alike, on both databases.
  it('refuses a lone surrogate with 422 naming the field, and writes nothing', async () => {
    const articles = await t.db.article.count();
    const error = await expectDomainError(createArticle(ctxFor(t.db, editor), { text: 'Une phrase \ud800 coupée.' }), 422, [['text']]);
    expect(error.message).toMatch(/^The article text is not well-formed Unicode text/);
    expect(await t.db.article.count()).toBe(articles);
    await expectDomainError(createClaim(ctxFor(t.db, editor), article.id, { exact: 'Le chômage', note: '\udc00' }), 422, [['note']]);
    const claim = await createClaim(ctxFor(t.db, editor), article.id, { exact: 'Le chômage' });
    await expectDomainError(upsertVerdict(ctxFor(t.db, editor), claim.id, { rating: 'true', sources: [{ url: 'https://example.org/', quote: 'x\ud83d' }] }), 422, [
      ['sources', 0, 'quote'],
    ]);
    expect(await t.db.verdict.count({ where: { claimId: claim.id } })).toBe(0);
  });
});
