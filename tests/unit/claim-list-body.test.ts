// The claims list's bytes (lib/services/claim-list-body.ts), as GET
// /api/v1/articles/:id/claims sends them, are exactly JSON.stringify of the
// views (claim-list.ts), keys in the same order, for readers of every kind,
// blind review on and off, and after each change.
import { beforeAll, describe, expect, it } from 'vitest';
import { adjudicateClaim } from '../../lib/services/adjudications';
import { createArticle, reviewSettings, updateArticle } from '../../lib/services/articles';
import { listClaimViews } from '../../lib/services/claim-list';
import { claimListBody } from '../../lib/services/claim-list-body';
import { createClaim, deleteClaim, listClaimsBody, updateClaim } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, makeUser, useDatabase } from './support/database';

const TEXT = Array.from({ length: 12 }, (_, i) => `Selon l’Insee, le chiffre nº ${i} a « doublé » en un an — 😀 ${i}.`).join(' ');
const verdict = (rating: string, version?: number) => ({ rating, rationale: 'Vérifié d’après la source officielle.', version });
const decoder = new TextDecoder('utf-8', { fatal: true });

describe('the claims list as bytes', () => {
  const t = useDatabase();
  let editor: Actor;
  let admin: Actor;
  let reviewers: [Actor, Actor, Actor];
  let unnamed: Actor;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Éditrice « en chef »');
    admin = await makeUser(t.db, 'admin', 'Zoë');
    reviewers = (await Promise.all(['Relectrice Une', 'Relecteur Deux', 'Relectrice Trois'].map((name) => makeUser(t.db, 'reviewer', name)))) as [Actor, Actor, Actor];
    unnamed = await makeUser(t.db, 'reviewer');
  });

  /** For every viewer: the bytes decode to the very text JSON.stringify makes of the views. */
  async function expectSameAsViews(articleId: string) {
    const settings = reviewSettings(await t.db.article.findUniqueOrThrow({ where: { id: articleId } }));
    for (const viewer of [editor, admin, ...reviewers, unnamed, null]) {
      const views = await listClaimViews(t.db, articleId, settings, viewer);
      const text = decoder.decode(await claimListBody(t.db, articleId, settings, viewer));
      expect(text, `as ${viewer?.name ?? 'nobody'} sees it`).toBe(JSON.stringify({ claims: views }));
    }
  }

  it('is JSON.stringify of the views, for every reader, through every kind of change', async () => {
    const article = await createArticle(ctxFor(t.db, editor), { text: TEXT });
    const [a, b, c] = reviewers;
    const first = await createClaim(ctxFor(t.db, a), article.id, { exact: 'le chiffre nº 1 a « doublé »' });
    const second = await createClaim(ctxFor(t.db, unnamed), article.id, { exact: 'le chiffre nº 2 a « doublé » en un an — 😀 2' });
    await createClaim(ctxFor(t.db, b), article.id, { exact: 'chiffre nº 3' });
    await expectSameAsViews(article.id);

    // Verdicts: some readers now see the others' (blind review), the rest still do not.
    await upsertVerdict(ctxFor(t.db, a), first.id, verdict('false'));
    await upsertVerdict(ctxFor(t.db, b), first.id, verdict('mostly-false'));
    await upsertVerdict(ctxFor(t.db, c), second.id, verdict('true'));
    await expectSameAsViews(article.id);

    // A note with quotes and a line break; a changed verdict; an adjudication.
    await updateClaim(ctxFor(t.db, a), first.id, { note: 'À revoir : « source » ?\nVoir l’annexe.' });
    await upsertVerdict(ctxFor(t.db, a), first.id, verdict('mixed', 1));
    await adjudicateClaim(ctxFor(t.db, editor), first.id, { rating: 'false', rationale: 'Tranché.' });
    await expectSameAsViews(article.id);
    // Read again, each claim's JSON as each reader got it is reused: still the same text.
    await expectSameAsViews(article.id);

    // A reviewer made editor, with no event on the article: their next read gives them an editor's rights.
    const promoted: Actor = { ...c, role: 'editor' };
    const asReviewer = decoder.decode(await claimListBody(t.db, article.id, article.settings, c));
    await t.db.user.update({ where: { id: c.id }, data: { role: 'editor' } });
    const asEditor = decoder.decode(await claimListBody(t.db, article.id, article.settings, promoted));
    expect(asEditor).toBe(JSON.stringify({ claims: await listClaimViews(t.db, article.id, article.settings, promoted) }));
    expect(asReviewer).toContain('"can":{"editNote":false,"delete":false}');
    expect(asEditor).not.toContain('"can":{"editNote":false,"delete":false}');

    // An author renamed, with no event on the article: the next read has the new name.
    await t.db.user.update({ where: { id: a.id }, data: { name: 'Relectrice « Une » renommée' } });
    await expectSameAsViews(article.id);
    const renamed = decoder.decode(await claimListBody(t.db, article.id, article.settings, b));
    expect(renamed).toContain('"createdBy":{"id":"' + a.id + '","name":"Relectrice « Une » renommée"}');

    // Blind review off: every reader sees every verdict.
    const current = await t.db.article.findUniqueOrThrow({ where: { id: article.id } });
    await updateArticle(ctxFor(t.db, editor), article.id, { version: current.version, settings: { blindReview: false } });
    await expectSameAsViews(article.id);
  });

  it('after claims were added, changed and deleted around what a reader got last, is the list as it is now', async () => {
    const article = await createArticle(ctxFor(t.db, editor), { text: TEXT });
    const [a, b, c] = reviewers;
    const claims = [];
    for (const i of [1, 3, 5, 7, 9]) claims.push(await createClaim(ctxFor(t.db, i % 2 ? a : b), article.id, { exact: `chiffre nº ${i}` }));
    await upsertVerdict(ctxFor(t.db, c), claims[1]!.id, verdict('true'));
    const before = decoder.decode(await claimListBody(t.db, article.id, article.settings, c));
    await expectSameAsViews(article.id);

    // Before the first claim, between two, at the end; one deleted, one judged by another, one whose note changed.
    await createClaim(ctxFor(t.db, b), article.id, { exact: 'le chiffre nº 0' });
    await createClaim(ctxFor(t.db, b), article.id, { exact: 'chiffre nº 4' });
    await createClaim(ctxFor(t.db, a), article.id, { exact: 'chiffre nº 11' });
    await deleteClaim(ctxFor(t.db, a), claims[2]!.id);
    await upsertVerdict(ctxFor(t.db, b), claims[1]!.id, verdict('false'));
    await updateClaim(ctxFor(t.db, a), claims[3]!.id, { note: 'Revu.' });
    const after = decoder.decode(await claimListBody(t.db, article.id, article.settings, c));
    expect(after).toBe(JSON.stringify({ claims: await listClaimViews(t.db, article.id, article.settings, c) }));
    expect(after).not.toBe(before);
    expect((JSON.parse(after) as { claims: { exact: string }[] }).claims.map((x) => x.exact)).toEqual([
      'le chiffre nº 0', 'chiffre nº 1', 'chiffre nº 3', 'chiffre nº 4', 'chiffre nº 7', 'chiffre nº 9', 'chiffre nº 11',
    ]);
    await expectSameAsViews(article.id);
  });

  it('is what listClaimsBody answers the caller, and an empty list too', async () => {
    const empty = await createArticle(ctxFor(t.db, editor), { text: 'Rien à vérifier ici.' });
    expect(decoder.decode(await listClaimsBody(ctxFor(t.db, reviewers[0]), empty.id))).toBe('{"claims":[]}');
  });
});
