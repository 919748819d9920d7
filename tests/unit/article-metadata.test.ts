// PATCH /articles/:id: editors correct an article's metadata and review
// settings without a new text revision, with optimistic concurrency, on the record.
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle, getArticle, listArticles, updateArticle } from '../../lib/services/articles';
import { createClaim, getClaim } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

describe('updateArticle', () => {
  const t = useDatabase();
  let editor: Actor;
  let admin: Actor;
  let reviewer: Actor;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor');
    admin = await makeUser(t.db, 'admin');
    reviewer = await makeUser(t.db, 'reviewer');
  });

  const fresh = () =>
    createArticle(ctxFor(t.db, editor), { text: 'date 2025-07\nLes présidents ont réaffirmé leur engagement pour une normalisation. Suite.', publisher: 'Agence' });

  it('an editor corrects the title and more: version bumps, no new revision, the text is untouched', async () => {
    const article = await fresh();
    const updated = await updateArticle(ctxFor(t.db, editor), article.id, {
      title: '  Sotchi : engagement pour la normalisation  ',
      publisher: 'Agence Anadolu',
      sourceUrl: 'https://www.aa.com.tr/fr/article',
      publishedAt: '2025-07-14',
      language: 'fr-FR',
      version: 1,
    });
    expect(updated).toMatchObject({
      title: 'Sotchi : engagement pour la normalisation',
      publisher: 'Agence Anadolu',
      sourceUrl: 'https://www.aa.com.tr/fr/article',
      publishedAt: '2025-07-14',
      language: 'fr-FR',
      version: 2,
      revision: 1,
      text: article.text,
    });
    expect(await getArticle(ctxFor(t.db, reviewer), article.id)).toEqual(updated);
    expect(await t.db.articleRevision.count({ where: { articleId: article.id } })).toBe(1);
    expect((await listArticles(ctxFor(t.db, reviewer))).find((a) => a.id === article.id)?.title).toBe(updated.title);
  });

  it('records article.updated with only what changed, before → after', async () => {
    const article = await fresh();
    await updateArticle(ctxFor(t.db, admin), article.id, { title: 'Nouveau titre', publisher: 'Agence', version: 1 });
    const events = await t.db.event.findMany({ where: { articleId: article.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['article.created', 'article.updated']);
    expect(events[1]).toMatchObject({ actorId: admin.id, entityId: article.id });
    expect(JSON.parse(events[1]!.payload)).toEqual({ before: { title: article.title }, after: { title: 'Nouveau titre' }, version: 2 });
  });

  it('null or blank clears the optional fields; absent ones stay', async () => {
    const article = await fresh();
    const cleared = await updateArticle(ctxFor(t.db, editor), article.id, { publisher: '  ', sourceUrl: null, publishedAt: null, version: 1 });
    expect(cleared).toMatchObject({ title: article.title, publisher: null, sourceUrl: null, publishedAt: null, language: 'fr', version: 2 });
  });

  it('nothing to change leaves the version and the history alone', async () => {
    const article = await fresh();
    const same = await updateArticle(ctxFor(t.db, editor), article.id, { title: article.title, version: 1 });
    expect(same.version).toBe(1);
    expect(await t.db.event.count({ where: { articleId: article.id } })).toBe(1);
  });

  it('a stale version is 409 with the current article; nothing is written', async () => {
    const article = await fresh();
    await updateArticle(ctxFor(t.db, editor), article.id, { title: 'Premier', version: 1 });
    const error = await expectDomainError(updateArticle(ctxFor(t.db, admin), article.id, { title: 'Second', version: 1 }), 409, [['version']]);
    expect(error.key).toBe('staleVersion');
    expect(error.current).toMatchObject({ id: article.id, title: 'Premier', version: 2 });
    expect((await getArticle(ctxFor(t.db, editor), article.id)).title).toBe('Premier');
  });

  it('version is required', async () => {
    const article = await fresh();
    const error = await expectDomainError(updateArticle(ctxFor(t.db, editor), article.id, { title: 'Sans version' }), 422, [['version']]);
    expect(error.issues[0]!.key).toBe('required');
  });

  it('a correction in Markdown or HTML keeps its structure; two texts at once are 422 naming the second, and write nothing', async () => {
    const article = await fresh();
    const markdown = await updateArticle(ctxFor(t.db, editor), article.id, { markdown: '# Bilan\n\nLe chômage a *baissé* de 3 %.', version: 1 });
    expect(markdown).toMatchObject({ revision: 2, sourceFormat: 'markdown', text: 'Bilan\n\nLe chômage a baissé de 3 %.' });
    expect(markdown.structure?.blocks[0]).toMatchObject({ kind: 'heading', start: 0, end: 5 });
    expect(markdown.structure?.marks).toEqual([expect.objectContaining({ kind: 'emphasis', start: 20, end: 26 })]);
    // The same words with the emphasis removed: a new revision, the structure is part of the text.
    const html = await updateArticle(ctxFor(t.db, editor), article.id, { html: '<h2>Bilan</h2><p>Le chômage a baissé de 3 %.</p><script>alert(1)</script>', version: 2 });
    expect(html).toMatchObject({ revision: 3, sourceFormat: 'html', text: 'Bilan\n\nLe chômage a baissé de 3 %.' });
    expect(html.structure?.marks).toEqual([]);
    const error = await expectDomainError(updateArticle(ctxFor(t.db, editor), article.id, { text: 'Autre.', markdown: 'Autre.', version: 3 }), 422, [['markdown']]);
    expect(error.issues[0]!.key).toBe('invalid');
    expect(await t.db.articleRevision.count({ where: { articleId: article.id } })).toBe(3);
  });

  it('reviewers get 403, anonymous callers 401, unknown articles 404; bad values 422 naming them', async () => {
    const article = await fresh();
    const denied = await expectDomainError(updateArticle(ctxFor(t.db, reviewer), article.id, { title: 'Non', version: 1 }), 403);
    expect(denied.key).toBe('forbidden');
    await expectDomainError(updateArticle(ctxFor(t.db, null), article.id, { title: 'Non', version: 1 }), 401);
    await expectDomainError(updateArticle(ctxFor(t.db, editor), 'no-such-article', { title: 'Non', version: 1 }), 404);
    await expectDomainError(updateArticle(ctxFor(t.db, editor), article.id, { title: '   ', version: 1 }), 422, [['title']]);
    await expectDomainError(updateArticle(ctxFor(t.db, editor), article.id, { sourceUrl: 'javascript:alert(1)', version: 1 }), 422, [['sourceUrl']]);
    await expectDomainError(updateArticle(ctxFor(t.db, editor), article.id, { publishedAt: 'juillet', version: 1 }), 422, [['publishedAt']]);
    await expectDomainError(updateArticle(ctxFor(t.db, editor), article.id, { language: 'français', version: 1 }), 422, [['language']]);
    await expectDomainError(updateArticle(ctxFor(t.db, editor), article.id, { language: null, version: 1 }), 422, [['language']]);
    await expectDomainError(updateArticle(ctxFor(t.db, editor), article.id, { bogus: 1, version: 1 }), 422);
    expect((await getArticle(ctxFor(t.db, editor), article.id)).version).toBe(1);
  });

  describe('review settings', () => {
    it('an editor turns blind review off and sets the thresholds; consensus follows; recorded before → after', async () => {
      const article = await fresh();
      expect(article.settings).toEqual({ blindReview: true, consensusRule: 'plurality', minReviewers: 2, agreementThreshold: 0.6, maxSpread: 2 });
      const updated = await updateArticle(ctxFor(t.db, editor), article.id, {
        settings: { blindReview: false, minReviewers: 3, agreementThreshold: 0.75 },
        version: 1,
      });
      expect(updated).toMatchObject({ settings: { blindReview: false, minReviewers: 3, agreementThreshold: 0.75 }, version: 2, title: article.title });
      expect((await getArticle(ctxFor(t.db, reviewer), article.id)).settings).toEqual(updated.settings);
      const events = await t.db.event.findMany({ where: { articleId: article.id, type: 'article.updated' } });
      expect(JSON.parse(events[0]!.payload)).toEqual({
        before: { settings: { blindReview: true, minReviewers: 2, agreementThreshold: 0.6 } },
        after: { settings: { blindReview: false, minReviewers: 3, agreementThreshold: 0.75 } },
        version: 2,
      });
    });

    it('only what changed is recorded, with metadata in the same change', async () => {
      const article = await fresh();
      await updateArticle(ctxFor(t.db, admin), article.id, { title: 'Titre', settings: { blindReview: true, minReviewers: 1 }, version: 1 });
      const event = await t.db.event.findFirstOrThrow({ where: { articleId: article.id, type: 'article.updated' } });
      expect(JSON.parse(event.payload)).toEqual({
        before: { title: article.title, settings: { minReviewers: 2 } },
        after: { title: 'Titre', settings: { minReviewers: 1 } },
        version: 2,
      });
      // The same settings again change nothing.
      const same = await updateArticle(ctxFor(t.db, admin), article.id, { settings: { minReviewers: 1 }, version: 2 });
      expect(same.version).toBe(2);
    });

    it('the claims follow the new settings at once', async () => {
      const article = await fresh();
      const claim = await createClaim(ctxFor(t.db, reviewer), article.id, { exact: 'Les présidents' });
      await upsertVerdict(ctxFor(t.db, editor), claim.id, { rating: 'false' });
      expect((await getClaim(ctxFor(t.db, reviewer), claim.id)).verdictsVisible).toBe(false);
      await updateArticle(ctxFor(t.db, editor), article.id, { settings: { blindReview: false, minReviewers: 1 }, version: 1 });
      expect((await getClaim(ctxFor(t.db, reviewer), claim.id)).consensus).toMatchObject({ status: 'consensus', finalRating: 'false' });
    });

    it('reviewers get 403 (another reviewer too), a stale version 409; nothing changes', async () => {
      const article = await fresh();
      for (const who of [reviewer, await makeUser(t.db, 'reviewer')]) {
        await expectDomainError(updateArticle(ctxFor(t.db, who), article.id, { settings: { blindReview: false }, version: 1 }), 403);
      }
      await updateArticle(ctxFor(t.db, editor), article.id, { settings: { minReviewers: 4 }, version: 1 });
      const stale = await expectDomainError(updateArticle(ctxFor(t.db, admin), article.id, { settings: { blindReview: false }, version: 1 }), 409, [['version']]);
      expect(stale.current).toMatchObject({ settings: { blindReview: true, minReviewers: 4 }, version: 2 });
      expect((await getArticle(ctxFor(t.db, editor), article.id)).settings.blindReview).toBe(true);
    });

    it.each([
      [{ minReviewers: 0 }, 'minReviewers', /at least 1/],
      [{ minReviewers: 51 }, 'minReviewers', /at most 50/],
      [{ minReviewers: 2.5 }, 'minReviewers', /whole number/],
      [{ agreementThreshold: 0 }, 'agreementThreshold', /more than 0/],
      [{ agreementThreshold: 1.01 }, 'agreementThreshold', /at most 1/],
      [{ agreementThreshold: '0.6' }, 'agreementThreshold', /a number/],
      [{ blindReview: 'yes' }, 'blindReview', /true or false/],
      [{ consensusRule: 'majority' }, 'consensusRule', /plurality.*ordinal/],
      [{ consensusRule: null }, 'consensusRule', /plurality.*ordinal/],
      [{ maxSpread: -1 }, 'maxSpread', /at least 0/],
      [{ maxSpread: 5 }, 'maxSpread', /at most 4/],
      [{ maxSpread: 1.5 }, 'maxSpread', /whole number/],
      [{ quorum: 2 }, 'quorum', /not a field/],
    ])('%j is 422 naming settings.%s and the limit', async (settings, field, message) => {
      const article = await fresh();
      const error = await expectDomainError(updateArticle(ctxFor(t.db, editor), article.id, { settings, version: 1 }), 422, [['settings', field]]);
      expect(error.message).toMatch(message);
      expect((await getArticle(ctxFor(t.db, editor), article.id)).version).toBe(1);
    });

    it('an editor switches to the ordinal rule: false + mostly-false, disputed by plurality, reads consensus on mostly-false', async () => {
      const article = await fresh();
      const claim = await createClaim(ctxFor(t.db, reviewer), article.id, { exact: 'Les présidents' });
      await upsertVerdict(ctxFor(t.db, reviewer), claim.id, { rating: 'false' });
      await upsertVerdict(ctxFor(t.db, editor), claim.id, { rating: 'mostly-false' });
      expect((await getClaim(ctxFor(t.db, reviewer), claim.id)).consensus).toMatchObject({ status: 'disputed', rule: 'plurality', tie: ['false', 'mostly-false'], finalRating: null });
      const updated = await updateArticle(ctxFor(t.db, editor), article.id, { settings: { consensusRule: 'ordinal' }, version: 1 });
      expect(updated.settings).toEqual({ blindReview: true, consensusRule: 'ordinal', minReviewers: 2, agreementThreshold: 0.6, maxSpread: 2 });
      expect((await getClaim(ctxFor(t.db, reviewer), claim.id)).consensus).toMatchObject({
        status: 'consensus',
        rule: 'ordinal',
        median: 'mostly-false',
        spread: { min: 'false', max: 'mostly-false', steps: 1 },
        agreement: 0.5,
        independentAgreement: 0.5,
        finalRating: 'mostly-false',
      });
      const event = await t.db.event.findFirstOrThrow({ where: { articleId: article.id, type: 'article.updated' } });
      expect(JSON.parse(event.payload)).toEqual({ before: { settings: { consensusRule: 'plurality' } }, after: { settings: { consensusRule: 'ordinal' } }, version: 2 });
    });

    it('the plurality rule’s maximum spread is the article’s: 4 lets false and true agree by majority', async () => {
      const article = await fresh();
      const claim = await createClaim(ctxFor(t.db, reviewer), article.id, { exact: 'Les présidents' });
      for (const [who, rating] of [[reviewer, 'true'], [editor, 'true'], [admin, 'false']] as const) await upsertVerdict(ctxFor(t.db, who), claim.id, { rating });
      expect((await getClaim(ctxFor(t.db, editor), claim.id)).consensus.status).toBe('disputed');
      await updateArticle(ctxFor(t.db, editor), article.id, { settings: { maxSpread: 4 }, version: 1 });
      expect((await getClaim(ctxFor(t.db, editor), claim.id)).consensus).toMatchObject({ status: 'consensus', finalRating: 'true' });
    });

    it('a threshold of exactly 1 and 50 reviewers are allowed', async () => {
      const article = await fresh();
      const updated = await updateArticle(ctxFor(t.db, editor), article.id, { settings: { agreementThreshold: 1, minReviewers: 50 }, version: 1 });
      expect(updated.settings).toMatchObject({ agreementThreshold: 1, minReviewers: 50 });
    });
  });
});
