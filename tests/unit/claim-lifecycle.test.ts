// Claim lifecycle on real SQLite: editing the note, deleting (softly, on the
// record), marking a passage again, and the `version`/`can`/`lastActivityAt`
// every claim view carries.
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle, listArticles, type ArticleDetail } from '../../lib/services/articles';
import { createClaim, deleteClaim, getClaim, listClaims, updateClaim, type ClaimDetail } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { buildArticleExport } from './support/exports';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

describe('claim lifecycle', () => {
  const t = useDatabase();
  let editor: Actor;
  let admin: Actor;
  let author: Actor;
  let other: Actor;
  let article: ArticleDetail;
  let n = 0;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Éditrice');
    admin = await makeUser(t.db, 'admin');
    author = await makeUser(t.db, 'reviewer', 'Autrice');
    other = await makeUser(t.db, 'reviewer', 'Autre');
    const sentences = Array.from({ length: 40 }, (_, i) => `Phrase numéro ${i} à vérifier.`).join(' ');
    article = await createArticle(ctxFor(t.db, editor), { text: sentences });
    // Open review, unless a test says otherwise: blind review is the default for new articles.
    await t.db.article.update({ where: { id: article.id }, data: { blindReview: false } });
  });

  /** A new claim by `who` on a passage nobody marked yet. */
  async function freshClaim(who: Actor = author): Promise<ClaimDetail> {
    const exact = `Phrase numéro ${n++} à vérifier`;
    return createClaim(ctxFor(t.db, who), article.id, { exact, note: 'Première note' });
  }

  const eventsFor = (entityId: string) => t.db.event.findMany({ where: { entityId }, orderBy: { id: 'asc' } });

  describe('the claim view', () => {
    it('carries version, lastActivityAt and what the viewer may do', async () => {
      const claim = await freshClaim();
      expect(claim).toMatchObject({ version: 1, can: { editNote: true, delete: true } });
      expect(claim.lastActivityAt).toBe(claim.updatedAt);
      expect((await getClaim(ctxFor(t.db, other), claim.id)).can).toEqual({ editNote: false, delete: false });
      expect((await getClaim(ctxFor(t.db, editor), claim.id)).can).toEqual({ editNote: true, delete: true });
      const listed = (await listClaims(ctxFor(t.db, admin), article.id)).find((c) => c.id === claim.id);
      expect(listed).toMatchObject({ version: 1, can: { editNote: true, delete: true }, lastActivityAt: claim.updatedAt });
    });

    it("the author loses `delete` once someone else gives a verdict; their own verdict does not count", async () => {
      const claim = await freshClaim();
      await upsertVerdict(ctxFor(t.db, author), claim.id, { rating: 'true' });
      expect((await getClaim(ctxFor(t.db, author), claim.id)).can).toEqual({ editNote: true, delete: true });
      await upsertVerdict(ctxFor(t.db, other), claim.id, { rating: 'false' });
      expect((await getClaim(ctxFor(t.db, author), claim.id)).can).toEqual({ editNote: true, delete: false });
      expect((await getClaim(ctxFor(t.db, editor), claim.id)).can.delete).toBe(true);
    });

    it('lastActivityAt follows the latest verdict the viewer may see', async () => {
      const claim = await freshClaim();
      await new Promise((r) => setTimeout(r, 5));
      const rated = await upsertVerdict(ctxFor(t.db, other), claim.id, { rating: 'mixed' });
      const seen = await getClaim(ctxFor(t.db, author), claim.id);
      expect(seen.lastActivityAt).toBe(rated.verdict.updatedAt);
      expect(seen.lastActivityAt > claim.updatedAt).toBe(true);
    });

    it('under blind review, a hidden verdict does not show through lastActivityAt', async () => {
      // Blind review is the default for new articles.
      const blindArticle = await createArticle(ctxFor(t.db, editor), { text: 'Un fait caché. Un autre.' });
      const claim = await createClaim(ctxFor(t.db, author), blindArticle.id, { exact: 'Un fait caché' });
      await new Promise((r) => setTimeout(r, 5));
      await upsertVerdict(ctxFor(t.db, other), claim.id, { rating: 'false' });
      const seen = await getClaim(ctxFor(t.db, author), claim.id);
      expect(seen.verdictsVisible).toBe(false);
      expect(seen.lastActivityAt).toBe(seen.updatedAt);
      // `can.delete` does not give the other verdict away either: it reads as if nobody else had reviewed it…
      expect(seen.can).toEqual({ editNote: true, delete: true });
      // …but the server still refuses to delete someone else's work with it.
      const refused = await expectDomainError(deleteClaim(ctxFor(t.db, author), claim.id), 409);
      expect(refused.key).toBe('claimHasOtherVerdicts');
      expect(refused.message).not.toMatch(/verdict/i);
      expect((await getClaim(ctxFor(t.db, editor), claim.id)).id).toBe(claim.id);
    });
  });

  describe('updateClaim (the note)', () => {
    it('the author changes the note; version bumps; an event records before → after', async () => {
      const claim = await freshClaim();
      const updated = await updateClaim(ctxFor(t.db, author), claim.id, { note: '  Chiffre à recouper.  ', version: 1 });
      expect(updated).toMatchObject({ note: 'Chiffre à recouper.', version: 2 });
      expect((await getClaim(ctxFor(t.db, other), claim.id)).note).toBe('Chiffre à recouper.');
      const events = await eventsFor(claim.id);
      expect(events.map((e) => e.type)).toEqual(['claim.created', 'claim.updated']);
      expect(events[1]).toMatchObject({ actorId: author.id, articleId: article.id });
      expect(JSON.parse(events[1]!.payload)).toMatchObject({
        before: { note: 'Première note', version: 1 },
        after: { note: 'Chiffre à recouper.', version: 2 },
        claim: { id: claim.id, version: 2 },
      });
    });

    it('null or blank clears the note; without a version the last write wins', async () => {
      const claim = await freshClaim();
      expect((await updateClaim(ctxFor(t.db, author), claim.id, { note: null })).note).toBeNull();
      expect((await updateClaim(ctxFor(t.db, author), claim.id, { note: 'Retour' })).note).toBe('Retour');
      expect((await updateClaim(ctxFor(t.db, author), claim.id, { note: '   ' })).note).toBeNull();
    });

    it('editors and admins may change anyone’s note; another reviewer gets 403 and nothing changes', async () => {
      const claim = await freshClaim();
      expect((await updateClaim(ctxFor(t.db, editor), claim.id, { note: 'Par l’éditrice' })).note).toBe('Par l’éditrice');
      expect((await updateClaim(ctxFor(t.db, admin), claim.id, { note: 'Par l’admin' })).version).toBe(3);
      const error = await expectDomainError(updateClaim(ctxFor(t.db, other), claim.id, { note: 'Non' }), 403);
      expect(error.key).toBe('forbidden');
      expect((await getClaim(ctxFor(t.db, author), claim.id)).note).toBe('Par l’admin');
    });

    it('a stale version is 409 with the current claim, and writes nothing', async () => {
      const claim = await freshClaim();
      await updateClaim(ctxFor(t.db, editor), claim.id, { note: 'Plus récent', version: 1 });
      const events = (await eventsFor(claim.id)).length;
      const error = await expectDomainError(updateClaim(ctxFor(t.db, author), claim.id, { note: 'Ancien', version: 1 }), 409, [['version']]);
      expect(error.key).toBe('staleVersion');
      expect(error.current).toMatchObject({ id: claim.id, note: 'Plus récent', version: 2 });
      expect((await getClaim(ctxFor(t.db, author), claim.id)).note).toBe('Plus récent');
      expect((await eventsFor(claim.id)).length).toBe(events);
    });

    it('bad input is 422 naming the field; unknown or deleted claims 404; anonymous 401', async () => {
      const claim = await freshClaim();
      await expectDomainError(updateClaim(ctxFor(t.db, author), claim.id, { version: 1 }), 422, [['note']]);
      await expectDomainError(updateClaim(ctxFor(t.db, author), claim.id, { note: 'x'.repeat(2001) }), 422, [['note']]);
      await expectDomainError(updateClaim(ctxFor(t.db, author), claim.id, { note: 'x', exact: 'autre' }), 422);
      await expectDomainError(updateClaim(ctxFor(t.db, author), 'no-such-claim', { note: 'x' }), 404);
      await expectDomainError(updateClaim(ctxFor(t.db, null), claim.id, { note: 'x' }), 401);
      await deleteClaim(ctxFor(t.db, author), claim.id);
      await expectDomainError(updateClaim(ctxFor(t.db, author), claim.id, { note: 'x' }), 404);
    });
  });

  describe('deleteClaim', () => {
    it('the author deletes an unreviewed claim: recorded, and gone from every read path', async () => {
      const claim = await freshClaim();
      const before = (await listArticles(ctxFor(t.db, author))).find((a) => a.id === article.id)!.claimCount;
      await deleteClaim(ctxFor(t.db, author), claim.id);

      const row = await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } });
      expect(row.deletedById).toBe(author.id);
      expect(row.deletedAt).toBeInstanceOf(Date);
      const events = await eventsFor(claim.id);
      expect(events.map((e) => e.type)).toEqual(['claim.created', 'claim.deleted']);
      expect(events[1]).toMatchObject({ actorId: author.id, articleId: article.id });
      expect(JSON.parse(events[1]!.payload)).toMatchObject({ id: claim.id, deletedBy: author.id, exact: claim.exact });

      await expectDomainError(getClaim(ctxFor(t.db, author), claim.id), 404);
      expect((await listClaims(ctxFor(t.db, author), article.id)).map((c) => c.id)).not.toContain(claim.id);
      expect((await buildArticleExport(ctxFor(t.db, editor), article.id, 'all')).claims.map((c) => c.id)).not.toContain(claim.id);
      expect((await listArticles(ctxFor(t.db, author))).find((a) => a.id === article.id)!.claimCount).toBe(before - 1);
      // Deleting again, or rating it, is 404.
      await expectDomainError(deleteClaim(ctxFor(t.db, author), claim.id), 404);
      await expectDomainError(upsertVerdict(ctxFor(t.db, other), claim.id, { rating: 'true' }), 404);
    });

    it('the author may still delete a claim only they have rated', async () => {
      const claim = await freshClaim();
      await upsertVerdict(ctxFor(t.db, author), claim.id, { rating: 'true' });
      await deleteClaim(ctxFor(t.db, author), claim.id);
      await expectDomainError(getClaim(ctxFor(t.db, editor), claim.id), 404);
    });

    it('409 for the author once another reviewer has a verdict on it; an editor may still delete it', async () => {
      const claim = await freshClaim();
      await upsertVerdict(ctxFor(t.db, other), claim.id, { rating: 'false' });
      const error = await expectDomainError(deleteClaim(ctxFor(t.db, author), claim.id), 409);
      expect(error.key).toBe('claimHasOtherVerdicts');
      expect((await getClaim(ctxFor(t.db, author), claim.id)).id).toBe(claim.id);

      await deleteClaim(ctxFor(t.db, editor), claim.id);
      expect((await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).deletedById).toBe(editor.id);
      // Exports and reviewed counts forget it too.
      expect((await buildArticleExport(ctxFor(t.db, editor), article.id, 'reviewed')).claims.map((c) => c.id)).not.toContain(claim.id);
    });

    it("403 for another reviewer's claim, whether or not they reviewed it; admins may delete", async () => {
      const claim = await freshClaim();
      const error = await expectDomainError(deleteClaim(ctxFor(t.db, other), claim.id), 403);
      expect(error.key).toBe('forbidden');
      await upsertVerdict(ctxFor(t.db, other), claim.id, { rating: 'false' });
      await expectDomainError(deleteClaim(ctxFor(t.db, other), claim.id), 403);
      await expectDomainError(deleteClaim(ctxFor(t.db, null), claim.id), 401);
      await deleteClaim(ctxFor(t.db, admin), claim.id);
      await expectDomainError(getClaim(ctxFor(t.db, admin), claim.id), 404);
    });
  });

  describe('marking a passage again', () => {
    it('a live claim is 409 carrying its id; a deleted claim’s passage may be marked again', async () => {
      const claim = await freshClaim();
      const duplicate = await expectDomainError(createClaim(ctxFor(t.db, other), article.id, { exact: claim.exact }), 409, [['exact']]);
      expect(duplicate).toMatchObject({ key: 'duplicateClaim', claimId: claim.id });

      await deleteClaim(ctxFor(t.db, author), claim.id);
      const again = await createClaim(ctxFor(t.db, other), article.id, { exact: claim.exact });
      expect(again.id).not.toBe(claim.id);
      expect([again.start, again.end]).toEqual([claim.start, claim.end]);
      // The new claim is now the live one a duplicate points at.
      expect(await expectDomainError(createClaim(ctxFor(t.db, author), article.id, { exact: claim.exact }), 409)).toMatchObject({ claimId: again.id });
    });

    it('a passage marked, deleted and marked again several times: every deleted claim stays on the record, one is live', async () => {
      const first = await freshClaim();
      await deleteClaim(ctxFor(t.db, author), first.id);
      const second = await createClaim(ctxFor(t.db, other), article.id, { exact: first.exact });
      await deleteClaim(ctxFor(t.db, other), second.id);
      const third = await createClaim(ctxFor(t.db, author), article.id, { exact: first.exact });
      const rows = await t.db.claim.findMany({ where: { articleId: article.id, start: first.start, end: first.end }, orderBy: { createdAt: 'asc' } });
      expect(rows.map((r) => [r.id, r.deletedAt !== null])).toEqual([
        [first.id, true],
        [second.id, true],
        [third.id, false],
      ]);
      expect((await listClaims(ctxFor(t.db, author), article.id)).filter((c) => c.start === first.start).map((c) => c.id)).toEqual([third.id]);
    });
  });
});
