// A claim's discussion on real SQLite: post, edit own, delete own (editors any),
// blind review keeping the thread closed until one's own verdict, mentions.
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle, type ArticleDetail } from '../../lib/services/articles';
import { createClaim, deleteClaim } from '../../lib/services/claims';
import { deleteComment, editComment, listComments, postComment } from '../../lib/services/comments';
import type { Actor } from '../../lib/services/context';
import { upsertVerdict, withdrawVerdict } from '../../lib/services/verdicts';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

describe('comments', () => {
  const t = useDatabase();
  let editor: Actor;
  let admin: Actor;
  let rita: Actor;
  let remi: Actor;
  let article: ArticleDetail;
  let n = 0;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Édith Roux');
    admin = await makeUser(t.db, 'admin', 'Ada');
    rita = await makeUser(t.db, 'reviewer', 'Rita Lopes');
    remi = await makeUser(t.db, 'reviewer', 'Rémi');
    const text = Array.from({ length: 30 }, (_, i) => `Point ${i} à discuter.`).join(' ');
    article = await createArticle(ctxFor(t.db, editor), { text }); // blind review, the default
  });

  /** A claim both reviewers have rated, so the thread is open to both. */
  async function openClaim(): Promise<string> {
    const claim = await createClaim(ctxFor(t.db, rita), article.id, { exact: `Point ${n++} à discuter` });
    await upsertVerdict(ctxFor(t.db, rita), claim.id, { rating: 'false' });
    await upsertVerdict(ctxFor(t.db, remi), claim.id, { rating: 'true' });
    return claim.id;
  }

  it('a reviewer posts; the thread lists it, oldest first, with its mentions and what each viewer may do', async () => {
    const claimId = await openClaim();
    const first = await postComment(ctxFor(t.db, rita), claimId, { body: '  @Rémi, ta source date de 2019.  ' });
    expect(first).toMatchObject({ claimId, author: { id: rita.id, name: 'Rita Lopes' }, body: '@Rémi, ta source date de 2019.', editedAt: null, can: { edit: true, delete: true } });
    expect(first.mentions).toEqual([{ id: remi.id, name: 'Rémi' }]);
    await postComment(ctxFor(t.db, remi), claimId, { body: 'Vu, je corrige. @Édith Roux pour arbitrage ?' });

    const forRemi = await listComments(ctxFor(t.db, remi), claimId);
    expect(forRemi.map((c) => c.author.id)).toEqual([rita.id, remi.id]);
    expect(forRemi.map((c) => c.can)).toEqual([
      { edit: false, delete: false },
      { edit: true, delete: true },
    ]);
    expect(forRemi[1]!.mentions.map((p) => p.id)).toEqual([editor.id]);
    const forEditor = await listComments(ctxFor(t.db, editor), claimId);
    expect(forEditor.map((c) => c.can)).toEqual([
      { edit: false, delete: true },
      { edit: false, delete: true },
    ]);
  });

  it('under blind review the thread opens to a reviewer only with their verdict, and stays open after withdrawing it', async () => {
    const claimId = await openClaim();
    await postComment(ctxFor(t.db, rita), claimId, { body: 'Je pense que c’est faux.' });
    const newcomer = await makeUser(t.db, 'reviewer', 'Nina');
    const closed = await expectDomainError(listComments(ctxFor(t.db, newcomer), claimId), 403);
    expect(closed.message).toMatch(/verdict/);
    await expectDomainError(postComment(ctxFor(t.db, newcomer), claimId, { body: 'Alors ?' }), 403);

    await upsertVerdict(ctxFor(t.db, newcomer), claimId, { rating: 'mixed' });
    expect((await listComments(ctxFor(t.db, newcomer), claimId)).map((c) => c.body)).toEqual(['Je pense que c’est faux.']);
    await withdrawVerdict(ctxFor(t.db, newcomer), claimId);
    expect(await listComments(ctxFor(t.db, newcomer), claimId)).toHaveLength(1);
    expect((await postComment(ctxFor(t.db, newcomer), claimId, { body: 'J’ai retiré mon avis.' })).author.id).toBe(newcomer.id);

    // Editors and admins read and write without a verdict.
    for (const who of [editor, admin]) expect((await listComments(ctxFor(t.db, who), claimId)).length).toBeGreaterThan(0);
    await postComment(ctxFor(t.db, admin), claimId, { body: 'Note de l’admin.' });
  });

  it('with blind review off, everyone signed in reads and writes', async () => {
    const open = await createArticle(ctxFor(t.db, editor), { text: 'Un point ouvert.' });
    await t.db.article.update({ where: { id: open.id }, data: { blindReview: false } });
    const claim = await createClaim(ctxFor(t.db, rita), open.id, { exact: 'Un point ouvert' });
    await postComment(ctxFor(t.db, remi), claim.id, { body: 'Sans verdict.' });
    expect(await listComments(ctxFor(t.db, rita), claim.id)).toHaveLength(1);
  });

  it('the author edits their comment (editedAt, recorded before → after); nobody else may, not even an editor', async () => {
    const claimId = await openClaim();
    const comment = await postComment(ctxFor(t.db, rita), claimId, { body: 'Premier jet.' });
    for (const who of [remi, editor, admin]) await expectDomainError(editComment(ctxFor(t.db, who), comment.id, { body: 'Réécrit.' }), 403);
    const edited = await editComment(ctxFor(t.db, rita), comment.id, { body: 'Version corrigée, @Rémi.' });
    expect(edited).toMatchObject({ body: 'Version corrigée, @Rémi.', editedAt: expect.any(String), mentions: [{ id: remi.id }] });
    const event = await t.db.event.findFirstOrThrow({ where: { type: 'comment.updated', entityId: comment.id } });
    expect(JSON.parse(event.payload)).toMatchObject({ claimId, before: { body: 'Premier jet.' }, after: { body: 'Version corrigée, @Rémi.' } });
    expect(event.actorId).toBe(rita.id);
  });

  it('authors delete their own, editors and admins any; another reviewer 403; soft and on the record', async () => {
    const claimId = await openClaim();
    const ritas = await postComment(ctxFor(t.db, rita), claimId, { body: 'À supprimer.' });
    const remis = await postComment(ctxFor(t.db, remi), claimId, { body: 'Hors sujet.' });
    const more = await postComment(ctxFor(t.db, remi), claimId, { body: 'Encore hors sujet.' });
    await expectDomainError(deleteComment(ctxFor(t.db, remi), ritas.id), 403);
    await deleteComment(ctxFor(t.db, rita), ritas.id);
    await deleteComment(ctxFor(t.db, editor), remis.id);
    await deleteComment(ctxFor(t.db, admin), more.id);
    expect(await listComments(ctxFor(t.db, rita), claimId)).toEqual([]);
    const rows = await t.db.comment.findMany({ where: { claimId }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => r.deletedById)).toEqual([rita.id, editor.id, admin.id]);
    expect(rows.every((r) => r.deletedAt !== null)).toBe(true);
    const events = await t.db.event.findMany({ where: { type: 'comment.deleted', entityId: { in: rows.map((r) => r.id) } } });
    expect(events).toHaveLength(3);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ claimId, before: { body: expect.any(String) }, deletedAt: expect.any(String) });
    // Gone: again is 404, and so is editing it.
    await expectDomainError(deleteComment(ctxFor(t.db, rita), ritas.id), 404);
    await expectDomainError(editComment(ctxFor(t.db, rita), ritas.id, { body: 'x' }), 404);
  });

  it('a comment in a thread blind review keeps closed to a reviewer does not exist for them: 404 to edit or delete, as a wrong id', async () => {
    const claim = await createClaim(ctxFor(t.db, rita), article.id, { exact: `Point ${n++} à discuter` });
    await upsertVerdict(ctxFor(t.db, rita), claim.id, { rating: 'false' });
    const comment = await postComment(ctxFor(t.db, rita), claim.id, { body: 'Source : INSEE.' });
    await expectDomainError(editComment(ctxFor(t.db, remi), comment.id, { body: 'Réécrit.' }), 404);
    await expectDomainError(deleteComment(ctxFor(t.db, remi), comment.id), 404);
    await expectDomainError(editComment(ctxFor(t.db, remi), 'no-such-comment', { body: 'Réécrit.' }), 404);
    // Once his own verdict opens the thread, he sees the comment: not his to change (403).
    await upsertVerdict(ctxFor(t.db, remi), claim.id, { rating: 'true' });
    await expectDomainError(editComment(ctxFor(t.db, remi), comment.id, { body: 'Réécrit.' }), 403);
    expect((await listComments(ctxFor(t.db, rita), claim.id)).map((c) => c.body)).toEqual(['Source : INSEE.']);
  });

  it('bad input is 422 naming the body and its limit; unknown or deleted claims 404; anonymous 401', async () => {
    const claimId = await openClaim();
    await expectDomainError(postComment(ctxFor(t.db, rita), claimId, { body: '   ' }), 422, [['body']]);
    const long = await expectDomainError(postComment(ctxFor(t.db, rita), claimId, { body: 'x'.repeat(5_001) }), 422, [['body']]);
    expect(long.message).toBe('The comment is too long: at most 5,000 characters.');
    expect((await postComment(ctxFor(t.db, rita), claimId, { body: 'x'.repeat(5_000) })).body).toHaveLength(5_000);
    await expectDomainError(postComment(ctxFor(t.db, rita), claimId, { body: 'ok', extra: 1 }), 422);
    await expectDomainError(postComment(ctxFor(t.db, rita), 'no-such-claim', { body: 'ok' }), 404);
    await expectDomainError(postComment(ctxFor(t.db, null), claimId, { body: 'ok' }), 401);
    await expectDomainError(listComments(ctxFor(t.db, null), claimId), 401);
    const comment = await postComment(ctxFor(t.db, rita), claimId, { body: 'Avant suppression.' });
    await deleteClaim(ctxFor(t.db, editor), claimId);
    await expectDomainError(listComments(ctxFor(t.db, editor), claimId), 404);
    await expectDomainError(editComment(ctxFor(t.db, rita), comment.id, { body: 'x' }), 404);
  });

  it('comment.created stores the comment with its mentions, for notifications', async () => {
    const claimId = await openClaim();
    const comment = await postComment(ctxFor(t.db, remi), claimId, { body: '@Rita Lopes regarde ça' });
    const event = await t.db.event.findFirstOrThrow({ where: { type: 'comment.created', entityId: comment.id } });
    expect(event).toMatchObject({ articleId: article.id, actorId: remi.id });
    expect(JSON.parse(event.payload)).toEqual({ claimId, after: { ...comment, can: undefined, mentions: [{ id: rita.id, name: 'Rita Lopes' }] } });
  });
});
