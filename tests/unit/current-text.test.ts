// The text claims anchor against (lib/services/current-text.ts): the current
// revision's, kept in the process by revision id, the database asked every
// time which revision is current.
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle, updateArticle } from '../../lib/services/articles';
import { createClaim } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { currentText } from '../../lib/services/current-text';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

const TEXT = 'Selon l’Insee, le chômage a « baissé » de 0,3 point au trimestre. Le ministre s’en félicite.';
const CORRECTED = 'Selon l’Insee, le chômage a « baissé » de 0,2 point au trimestre. Le ministre s’en félicite.';

describe('the current text of an article', () => {
  const t = useDatabase();
  let editor: Actor;
  let reviewer: Actor;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Éditrice');
    reviewer = await makeUser(t.db, 'reviewer', 'Relectrice');
  });

  it('is the current revision’s, read again after a correction, which marking a claim anchors against', async () => {
    const article = await createArticle(ctxFor(t.db, editor), { text: TEXT });
    expect(await currentText(t.db, article.id)).toEqual({ revision: 1, text: TEXT });
    expect(await currentText(t.db, article.id)).toEqual({ revision: 1, text: TEXT });

    await updateArticle(ctxFor(t.db, editor), article.id, { text: CORRECTED, version: 1 });
    expect(await currentText(t.db, article.id)).toEqual({ revision: 2, text: CORRECTED });
    // The passage that only the corrected text holds is found, at its place in it.
    const claim = await createClaim(ctxFor(t.db, reviewer), article.id, { exact: '0,2 point' });
    expect(claim).toMatchObject({ revision: 2, start: CORRECTED.indexOf('0,2 point') });
    const missing = await expectDomainError(createClaim(ctxFor(t.db, reviewer), article.id, { exact: '0,3 point' }), 422, [['exact']]);
    expect(missing.issues[0]?.key).toBe('notFoundInText');
  });

  it('is sent by the database only when it is not the revision already kept', async () => {
    const article = await createArticle(ctxFor(t.db, editor), { text: TEXT });
    await currentText(t.db, article.id);
    // A stored revision's text never changes in Crux: changed here behind its back, only to
    // tell which copy a read gives. The kept one, as the revision is the same.
    await t.db.articleRevision.updateMany({ where: { articleId: article.id }, data: { text: 'Autre texte.' } });
    expect(await currentText(t.db, article.id)).toEqual({ revision: 1, text: TEXT });
    // A new revision is read, wherever it was written: nothing tells the process, the database does.
    await t.db.$transaction([
      t.db.articleRevision.create({ data: { articleId: article.id, number: 2, text: CORRECTED, source: CORRECTED } }),
      t.db.article.update({ where: { id: article.id }, data: { currentRevision: 2 } }),
    ]);
    expect(await currentText(t.db, article.id)).toEqual({ revision: 2, text: CORRECTED });
  });

  it('is 404 for an article that does not exist', async () => {
    await expectDomainError(currentText(t.db, 'no-such-article'), 404);
  });
});
