// PATCH /articles/:id with a new text: a new revision, the old one kept, every
// live claim anchored again (exact, moved, fuzzy or orphaned), in one
// transaction, with the version check; and reading the revisions.
import { beforeAll, describe, expect, it } from 'vitest';
import { getRevision, listRevisions } from '../../lib/services/article-revisions';
import { createArticle, getArticle, updateArticle } from '../../lib/services/articles';
import { createClaim, getClaim, listClaims } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { exportArticle } from '../../lib/services/exports';
import type { Archive } from '../../lib/export/archive-schema';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

const NBSP = '\u00a0';
const TEXT = [
  `Le ministre a déclaré${NBSP}: «${NBSP}L’économie française va très bien${NBSP}».`,
  'Selon l’Insee, la croissance était de 0,1 % au trimestre.',
  'Le taux de chômage est de 7,3 % selon l’Insee.',
  'La dette publique atteint 110 % du produit intérieur brut.',
].join('\n\n');

describe('updateArticle with a new text', () => {
  const t = useDatabase();
  let editor: Actor;
  let reviewer: Actor;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor');
    reviewer = await makeUser(t.db, 'reviewer');
  });

  async function articleWithClaims(text = TEXT, quotes = ['110 % du produit intérieur brut', 'Le taux de chômage est de 7,3 %', 'la croissance était de 0,1 %', 'L’économie française']) {
    const article = await createArticle(ctxFor(t.db, editor), { text, title: 'Correction' });
    const claims = [];
    for (const exact of quotes) claims.push(await createClaim(ctxFor(t.db, reviewer), article.id, { exact }));
    return { article, claims };
  }

  it('keeps the old revision, anchors each claim again and says how, in the answer and on each claim', async () => {
    const { article, claims } = await articleWithClaims();
    await upsertVerdict(ctxFor(t.db, reviewer), claims[2]!.id, { rating: 'false', rationale: 'Révisé depuis.' });
    const corrected = [
      'La dette publique atteint 110 % du produit intérieur brut.', // moved to the top
      `Le ministre a déclaré${NBSP}: «${NBSP}L’économie française va très bien${NBSP}».`,
      'Le taux de chômage est de 7,5 % selon l’Insee.', // reworded: fuzzy
      // the growth sentence removed: orphaned
    ].join('\n\n');
    const updated = await updateArticle(ctxFor(t.db, editor), article.id, { text: corrected, version: 1 });
    expect(updated).toMatchObject({ revision: 2, version: 2, text: corrected, reanchored: { exact: 1, moved: 1, fuzzy: 1, orphaned: 1 } });

    const [moved, fuzzy, orphaned, exact] = await Promise.all(claims.map((c) => getClaim(ctxFor(t.db, editor), c.id)));
    expect(moved).toMatchObject({ anchorState: 'moved', revision: 2, start: corrected.indexOf('110 %'), exact: '110 % du produit intérieur brut', prefix: 'La dette publique atteint ' });
    expect(fuzzy).toMatchObject({ anchorState: 'fuzzy', revision: 2, exact: 'Le taux de chômage est de 7,5 %', start: corrected.indexOf('Le taux') });
    expect(exact).toMatchObject({ anchorState: 'exact', revision: 2, start: corrected.indexOf('L’économie') });
    // Orphaned: its quote, offsets, revision and verdicts as they were.
    expect(orphaned).toMatchObject({ anchorState: 'orphaned', revision: 1, exact: claims[2]!.exact, start: claims[2]!.start, end: claims[2]!.end, prefix: claims[2]!.prefix });
    expect(orphaned!.verdicts).toHaveLength(1);
    for (const c of [moved!, fuzzy!, exact!]) expect(corrected.slice(c.start, c.end)).toBe(c.exact);

    // The old revision stays, readable.
    expect(await t.db.articleRevision.count({ where: { articleId: article.id } })).toBe(2);
    const old = await getRevision(ctxFor(t.db, reviewer), article.id, '1');
    expect(old).toMatchObject({ number: 1, text: TEXT, current: false, sourceFormat: 'text' });
    expect(old.text.slice(orphaned!.start, orphaned!.end)).toBe(orphaned!.exact);
    const list = await listRevisions(ctxFor(t.db, reviewer), article.id);
    expect(list.map((r) => [r.number, r.current, r.createdBy?.id ?? null])).toEqual([[2, true, editor.id], [1, false, editor.id]]);

    // One event, so that open pages refresh: the revision before → after, and the counts.
    const event = await t.db.event.findFirstOrThrow({ where: { articleId: article.id, type: 'article.updated' } });
    expect(JSON.parse(event.payload)).toEqual({ before: { revision: 1 }, after: { revision: 2 }, version: 2, reanchored: { exact: 1, moved: 1, fuzzy: 1, orphaned: 1 } });
    expect(await getArticle(ctxFor(t.db, reviewer), article.id)).toMatchObject({ revision: 2, text: corrected });
  });

  it('tries orphaned claims again on the next correction, by their quote', async () => {
    const { article, claims } = await articleWithClaims(TEXT, ['la croissance était de 0,1 %']);
    await updateArticle(ctxFor(t.db, editor), article.id, { text: TEXT.replace('Selon l’Insee, la croissance était de 0,1 % au trimestre.', 'Phrase retirée.'), version: 1 });
    expect((await getClaim(ctxFor(t.db, editor), claims[0]!.id)).anchorState).toBe('orphaned');
    const back = await updateArticle(ctxFor(t.db, editor), article.id, { text: TEXT, version: 2 });
    expect(back.reanchored).toEqual({ exact: 0, moved: 1, fuzzy: 0, orphaned: 0 });
    expect(await getClaim(ctxFor(t.db, editor), claims[0]!.id)).toMatchObject({ anchorState: 'moved', revision: 3, start: TEXT.indexOf('la croissance') });
  });

  it('orphans the second of two claims that land on one passage (one live claim per passage)', async () => {
    const text = 'Selon Paris, le chiffre est de 7,3 %. Selon Berlin, le chiffre est de 7,5 %.';
    const { article, claims } = await articleWithClaims(text, ['le chiffre est de 7,3 %', 'le chiffre est de 7,5 %']);
    const updated = await updateArticle(ctxFor(t.db, editor), article.id, { text: 'Selon Paris, le chiffre est de 7,3 %.', version: 1 });
    expect(updated.reanchored).toEqual({ exact: 1, moved: 0, fuzzy: 0, orphaned: 1 });
    const [first, second] = await Promise.all(claims.map((c) => getClaim(ctxFor(t.db, editor), c.id)));
    expect(first).toMatchObject({ anchorState: 'exact', revision: 2 });
    expect(second).toMatchObject({ anchorState: 'orphaned', revision: 1, exact: 'le chiffre est de 7,5 %' });
    // The list keeps both: the orphan is listed, not dropped.
    expect((await listClaims(ctxFor(t.db, reviewer), article.id)).map((c) => c.anchorState).sort()).toEqual(['exact', 'orphaned']);
    // The export carries both, the orphan apart (last) with its own revision, beside the article's.
    const exported = (JSON.parse((await exportArticle(ctxFor(t.db, editor), article.id, { format: 'json', scope: 'all' })).body) as Archive).articles[0]!;
    expect(exported.currentRevision).toBe(2);
    expect(exported.revisions.map((r) => r.number)).toEqual([1, 2]);
    expect(exported.claims.map((c) => [c.id, c.anchorState, c.revision])).toEqual([[claims[0]!.id, 'exact', 2], [claims[1]!.id, 'orphaned', 1]]);
  });

  it('a stale version is 409 and writes nothing: no revision, claims as they were', async () => {
    const { article, claims } = await articleWithClaims();
    await updateArticle(ctxFor(t.db, editor), article.id, { title: 'Titre corrigé', version: 1 });
    const error = await expectDomainError(updateArticle(ctxFor(t.db, editor), article.id, { text: 'Autre texte entièrement.', version: 1 }), 409, [['version']]);
    expect(error.key).toBe('staleVersion');
    expect(await t.db.articleRevision.count({ where: { articleId: article.id } })).toBe(1);
    expect((await getClaim(ctxFor(t.db, editor), claims[0]!.id)).anchorState).toBe('exact');
  });

  it('the same text again makes no revision and changes nothing', async () => {
    const { article } = await articleWithClaims();
    const same = await updateArticle(ctxFor(t.db, editor), article.id, { text: `${TEXT}\n`, version: 1 });
    expect(same).toMatchObject({ revision: 1, version: 1, reanchored: { exact: 4, moved: 0, fuzzy: 0, orphaned: 0 } });
    expect(await t.db.articleRevision.count({ where: { articleId: article.id } })).toBe(1);
  });

  it('reviewers get 403; an empty or oversized text is 422 naming text; a bad revision number 422, an unknown one 404', async () => {
    const { article } = await articleWithClaims();
    await expectDomainError(updateArticle(ctxFor(t.db, reviewer), article.id, { text: 'Nouveau texte.', version: 1 }), 403);
    await expectDomainError(updateArticle(ctxFor(t.db, editor), article.id, { text: '   ', version: 1 }), 422, [['text']]);
    await expectDomainError(updateArticle(ctxFor(t.db, editor), article.id, { text: 'x'.repeat(200_001), version: 1 }), 422, [['text']]);
    await expectDomainError(updateArticle(ctxFor(t.db, editor), article.id, { text: 42, version: 1 }), 422, [['text']]);
    for (const bad of ['deux', '0', '-1', '1.0', '']) {
      const error = await expectDomainError(getRevision(ctxFor(t.db, reviewer), article.id, bad), 422, [['number']]);
      expect(error.message).toBe('The revision number must be a whole number from 1, as the list of revisions gives it.');
    }
    await expectDomainError(getRevision(ctxFor(t.db, reviewer), article.id, '7'), 404);
    await expectDomainError(getRevision(ctxFor(t.db, null), article.id, '1'), 401);
    await expectDomainError(listRevisions(ctxFor(t.db, reviewer), 'nope'), 404);
  });
});
