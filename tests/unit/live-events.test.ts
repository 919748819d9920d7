// The article's event stream as each viewer reads it, on real SQLite: masked
// by blind review exactly as the REST API masks (the payloads come from the
// same functions), replayed after a cursor a batch at a time, ended for an
// account deactivated meanwhile.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SseFrame } from '../../lib/live/sse';
import { StreamEnd } from '../../lib/live/stream';
import { adjudicateClaim } from '../../lib/services/adjudications';
import { createArticle, updateArticle, type ArticleDetail } from '../../lib/services/articles';
import { createClaim, deleteClaim, getClaim, updateClaim } from '../../lib/services/claims';
import { deleteComment, postComment } from '../../lib/services/comments';
import type { Actor } from '../../lib/services/context';
import { latestArticleEventId } from '../../lib/services/events';
import { openArticleEvents, readArticleEvents } from '../../lib/services/live';
import { updateUser } from '../../lib/services/users';
import { upsertVerdict, withdrawVerdict } from '../../lib/services/verdicts';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

// Several services write per test, on a machine that may be busy: more than the default 5 s.
describe('the article’s events as each viewer may see them', { timeout: 30_000 }, () => {
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
    const text = Array.from({ length: 200 }, (_, i) => `Affirmation numéro ${i} à vérifier.`).join(' ');
    article = await createArticle(ctxFor(t.db, editor), { text }); // blind review, the default
  });

  /** Every event after `cursor`, read the way a stream reads them. */
  async function readAll(viewer: Actor, cursor: number): Promise<SseFrame[]> {
    const frames: SseFrame[] = [];
    for (;;) {
      const batch = await readArticleEvents(t.db, article.id, viewer.id, cursor);
      frames.push(...batch.frames);
      cursor = batch.cursor;
      if (!batch.more) return frames;
    }
  }
  const shown = (frames: SseFrame[]) => frames.filter((f) => f.event !== undefined);

  it('under blind review, a reviewer without a verdict gets the claim as needs-review and nothing of the others’ judgement; an editor gets everything', async () => {
    const start = await latestArticleEventId(t.db, article.id);
    const claim = await createClaim(ctxFor(t.db, rita), article.id, { exact: `Affirmation numéro ${n++} à vérifier` });
    await upsertVerdict(ctxFor(t.db, rita), claim.id, {
      rating: 'false',
      rationale: 'Les chiffres officiels disent le contraire.',
      sources: [{ url: 'https://insee.example/chiffres', title: 'Chiffres officiels' }],
    });
    await postComment(ctxFor(t.db, rita), claim.id, { body: 'Source solide, à mon avis.' });

    const forRemi = await readAll(remi, start);
    // Three events, each with its id; only the claim's creation is shown.
    expect(forRemi.map((f) => f.id)).toHaveLength(3);
    expect(shown(forRemi).map((f) => f.event)).toEqual(['claim.created']);
    const seen = forRemi[0]!.data as { claim: { consensus: unknown; verdicts: unknown[]; sources: unknown[]; verdictsVisible: boolean } };
    expect(seen.claim.verdictsVisible).toBe(false);
    expect(seen.claim.consensus).toMatchObject({ status: 'needs-review', reviewerCount: 0, leadingRating: null, agreement: null });
    expect(seen.claim.verdicts).toEqual([]);
    expect(seen.claim.sources).toEqual([]);
    const text = JSON.stringify(forRemi);
    for (const secret of ['contraire', 'insee', 'Source solide', '"rating":"false"', '"reviewerCount":1']) expect(text).not.toContain(secret);
    // Exactly what the REST API shows him.
    expect(seen.claim).toEqual(await getClaim(ctxFor(t.db, remi), claim.id));

    const forEditor = await readAll(editor, start);
    expect(shown(forEditor).map((f) => f.event)).toEqual(['claim.created', 'verdict.updated', 'comment.created']);
    const verdict = forEditor[1]!.data as { claimId: string; verdict: { rating: string; rationale: string }; claim: { consensus: { reviewerCount: number } } };
    expect(verdict).toMatchObject({ claimId: claim.id, verdict: { rating: 'false', rationale: 'Les chiffres officiels disent le contraire.' } });
    expect(verdict.claim.consensus.reviewerCount).toBe(1);
    expect(forEditor[2]!.data).toMatchObject({ claimId: claim.id, comment: { body: 'Source solide, à mon avis.', author: { id: rita.id }, can: { edit: false, delete: true } } });
    expect(await readAll(admin, start)).toEqual(forEditor);

    // The author sees their own verdict and comment.
    expect(shown(await readAll(rita, start)).map((f) => f.event)).toEqual(['claim.created', 'verdict.updated', 'comment.created']);

    // Once Rémi has given his verdict, the claim is revealed: a replay shows it as it is now, his and Rita's verdicts.
    await upsertVerdict(ctxFor(t.db, remi), claim.id, { rating: 'true' });
    const revealed = await readAll(remi, start);
    expect(shown(revealed).map((f) => f.event)).toEqual(['claim.created', 'verdict.updated', 'comment.created', 'verdict.updated']);
    const last = revealed.at(-1)!.data as { verdict: { reviewer: { id: string } }; claim: { consensus: { status: string; reviewerCount: number } } };
    expect(last.verdict.reviewer.id).toBe(remi.id);
    expect(last.claim.consensus).toMatchObject({ status: 'disputed', reviewerCount: 2 });
  });

  it('follows a claim through its note, adjudication, comment deletion and deletion', async () => {
    const claim = await createClaim(ctxFor(t.db, rita), article.id, { exact: `Affirmation numéro ${n++} à vérifier` });
    const start = await latestArticleEventId(t.db, article.id);
    await updateClaim(ctxFor(t.db, rita), claim.id, { note: 'Chiffre à sourcer' });
    await upsertVerdict(ctxFor(t.db, rita), claim.id, { rating: 'mixed' });
    const comment = await postComment(ctxFor(t.db, rita), claim.id, { body: 'Éphémère.' });
    await deleteComment(ctxFor(t.db, rita), comment.id);
    await adjudicateClaim(ctxFor(t.db, editor), claim.id, { rating: 'mostly-true', rationale: 'Tranché par la rédaction en chef.' });

    // Rémi, blind: the note and the published adjudication, the claim still masked but adjudicated.
    const forRemi = shown(await readAll(remi, start));
    expect(forRemi.map((f) => f.event)).toEqual(['claim.updated', 'adjudication.updated']);
    expect(forRemi[0]!.data).toMatchObject({ claim: { note: 'Chiffre à sourcer', consensus: { status: 'adjudicated', reviewerCount: 0 }, verdicts: [] } });
    expect(forRemi[1]!.data).toMatchObject({ adjudication: { rating: 'mostly-true', rationale: 'Tranché par la rédaction en chef.' }, claim: { consensus: { finalRating: 'mostly-true' } } });

    // Rita: the comment was deleted since, so its creation is not shown; its deletion is.
    const forRita = shown(await readAll(rita, start));
    expect(forRita.map((f) => f.event)).toEqual(['claim.updated', 'verdict.updated', 'comment.deleted', 'adjudication.updated']);
    expect(forRita[2]!.data).toEqual({ claimId: claim.id, commentId: comment.id });

    const before = await latestArticleEventId(t.db, article.id);
    await deleteClaim(ctxFor(t.db, editor), claim.id);
    const deleted = await readAll(remi, before);
    expect(deleted).toEqual([{ id: before + 1, event: 'claim.deleted', data: { claimId: claim.id } }]);
    // A replay from before: the events of a claim deleted since are only ids, then its deletion.
    expect(shown(await readAll(remi, start)).map((f) => f.event)).toEqual(['claim.deleted']);
  });

  it('tells of a withdrawn verdict with the claim as it is now', async () => {
    const claim = await createClaim(ctxFor(t.db, rita), article.id, { exact: `Affirmation numéro ${n++} à vérifier` });
    await upsertVerdict(ctxFor(t.db, rita), claim.id, { rating: 'true' });
    const start = await latestArticleEventId(t.db, article.id);
    await withdrawVerdict(ctxFor(t.db, rita), claim.id);
    const [frame] = await readAll(rita, start);
    expect(frame).toMatchObject({ event: 'verdict.updated', data: { verdict: null, claim: { myRating: null, consensus: { status: 'unreviewed' } } } });
  });

  it('tells of the article’s settings, without its text', async () => {
    const start = await latestArticleEventId(t.db, article.id);
    const current = await latestArticleEventId(t.db, article.id);
    await updateArticle(ctxFor(t.db, editor), article.id, { version: 1, settings: { minReviewers: 3 } });
    const [frame] = await readAll(remi, current);
    expect(frame).toMatchObject({ id: start + 1, event: 'article.updated', data: { article: { id: article.id, settings: { minReviewers: 3, blindReview: true } } } });
    expect(frame!.data).not.toHaveProperty('article.text');
  });

  it('replays a long history a batch at a time, in order, without gaps', async () => {
    const start = await latestArticleEventId(t.db, article.id);
    // Written straight into the table: what matters here is how many there are.
    await t.db.event.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({ articleId: article.id, claimId: `gone-${i}`, type: 'claim.deleted', entityId: `gone-${i}`, actorId: remi.id, payload: '{}' })),
    });
    const first = await readArticleEvents(t.db, article.id, editor.id, start);
    expect(first.frames).toHaveLength(100);
    expect(first.more).toBe(true);
    expect(first.cursor).toBe(first.frames.at(-1)!.id);
    const second = await readArticleEvents(t.db, article.id, editor.id, first.cursor);
    expect(second.frames).toHaveLength(20);
    expect(second.more).toBe(false);
    const ids = [...first.frames, ...second.frames].map((f) => f.id!);
    expect(ids).toEqual(Array.from({ length: 120 }, (_, i) => start + 1 + i));
    // Nothing new: an empty batch, the cursor where it was.
    expect(await readArticleEvents(t.db, article.id, editor.id, second.cursor)).toEqual({ frames: [], cursor: second.cursor, more: false });
  });

  it('ends the stream of an account deactivated meanwhile', async () => {
    const gone = await makeUser(t.db, 'reviewer', 'Partant');
    await updateUser(ctxFor(t.db, admin), gone.id, { active: false });
    const error = await readArticleEvents(t.db, article.id, gone.id, 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamEnd);
    expect((error as StreamEnd).frame).toMatchObject({ event: 'end', data: { error: { key: 'unauthenticated' } } });
  });

  it('answers 401, 404 and 422 before any stream starts', async () => {
    await expectDomainError(openArticleEvents(ctxFor(t.db, null), article.id, {}), 401);
    await expectDomainError(openArticleEvents(ctxFor(t.db, rita), 'no-such-article', {}), 404);
    const invalid = await expectDomainError(openArticleEvents(ctxFor(t.db, rita), article.id, { lastEventId: 'yesterday' }), 422, [['lastEventId']]);
    expect(invalid.message).toMatch(/last event id/);
    await expectDomainError(openArticleEvents(ctxFor(t.db, rita), article.id, { lastEventId: '-1' }), 422, [['lastEventId']]);
  });
});
