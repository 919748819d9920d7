// lib/notifications.ts (who is told what, blind review included) and the
// notifications service on real SQLite.
import { beforeAll, describe, expect, it } from 'vitest';
import { notificationsFor, type ClaimAudience } from '../../lib/notifications';
import type { Viewer } from '../../lib/permissions';
import { adjudicateClaim } from '../../lib/services/adjudications';
import { createArticle, type ArticleDetail } from '../../lib/services/articles';
import { createClaim, deleteClaim } from '../../lib/services/claims';
import { editComment, postComment } from '../../lib/services/comments';
import type { Actor } from '../../lib/services/context';
import { listNotifications, markNotificationsRead } from '../../lib/services/notifications';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

const people = new Map<string, Viewer>([
  ['author', { id: 'author', role: 'reviewer' }],
  ['rita', { id: 'rita', role: 'reviewer' }],
  ['remi', { id: 'remi', role: 'reviewer' }],
  ['ed', { id: 'ed', role: 'editor' }],
]);

describe('notificationsFor', () => {
  const blind: ClaimAudience = { createdById: 'author', reviewerIds: ['rita', 'remi'], revealedTo: ['rita', 'remi'], settings: { blindReview: true } };
  const open: ClaimAudience = { ...blind, settings: { blindReview: false } };

  it('a new verdict tells the claim’s author and reviewers, not its giver', () => {
    expect(notificationsFor({ type: 'verdict', actorId: 'remi' }, open, people)).toEqual([
      { userId: 'author', type: 'verdict' },
      { userId: 'rita', type: 'verdict' },
    ]);
  });

  it('under blind review, the author who has not rated hears nothing of verdicts, comments or a dispute', () => {
    expect(notificationsFor({ type: 'verdict', actorId: 'remi' }, blind, people)).toEqual([{ userId: 'rita', type: 'verdict' }]);
    expect(notificationsFor({ type: 'comment', actorId: 'remi', mentionedIds: [] }, blind, people)).toEqual([{ userId: 'rita', type: 'comment' }]);
    expect(notificationsFor({ type: 'disputed', actorId: 'remi' }, blind, people)).toEqual([]);
    // Revealed (a withdrawn verdict), the author hears again.
    expect(notificationsFor({ type: 'disputed', actorId: 'remi' }, { ...blind, revealedTo: ['author', 'rita', 'remi'] }, people)).toEqual([
      { userId: 'author', type: 'disputed' },
    ]);
  });

  it('a mention wins over "new comment", reaches editors, and respects blind review', () => {
    expect(notificationsFor({ type: 'comment', actorId: 'rita', mentionedIds: ['remi', 'ed', 'author'] }, blind, people)).toEqual([
      { userId: 'remi', type: 'mention' },
      { userId: 'ed', type: 'mention' },
    ]);
    expect(notificationsFor({ type: 'mention', actorId: 'rita', mentionedIds: ['author'] }, open, people)).toEqual([{ userId: 'author', type: 'mention' }]);
    expect(notificationsFor({ type: 'mention', actorId: 'rita', mentionedIds: ['rita'] }, open, people)).toEqual([]);
  });

  it('an adjudication is published: its author hears of it, blind or not; nobody unknown (deactivated) is told', () => {
    expect(notificationsFor({ type: 'adjudicated', actorId: 'ed' }, blind, people)).toEqual([{ userId: 'author', type: 'adjudicated' }]);
    expect(notificationsFor({ type: 'adjudicated', actorId: 'ed' }, { ...blind, createdById: 'gone' }, people)).toEqual([]);
  });
});

describe('notifications', () => {
  const t = useDatabase();
  let editor: Actor;
  let author: Actor;
  let rita: Actor;
  let remi: Actor;
  let article: ArticleDetail;
  let n = 0;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Édith');
    author = await makeUser(t.db, 'reviewer', 'Aurore');
    rita = await makeUser(t.db, 'reviewer', 'Rita');
    remi = await makeUser(t.db, 'reviewer', 'Rémi');
    article = await createArticle(ctxFor(t.db, editor), { text: Array.from({ length: 20 }, (_, i) => `Fait ${i} ici.`).join(' ') });
  });

  const typesFor = async (who: Actor, claimId: string) =>
    (await listNotifications(ctxFor(t.db, who))).notifications.filter((x) => x.claimId === claimId).map((x) => x.type);

  it('verdicts, a dispute, comments, mentions and an adjudication reach the right people, blind review holding', async () => {
    const claim = await createClaim(ctxFor(t.db, author), article.id, { exact: `Fait ${n++} ici` });
    await upsertVerdict(ctxFor(t.db, rita), claim.id, { rating: 'true' });
    // The author has not rated: under blind review (the default) they hear nothing of it.
    expect(await typesFor(author, claim.id)).toEqual([]);
    await upsertVerdict(ctxFor(t.db, remi), claim.id, { rating: 'true' });
    expect(await typesFor(rita, claim.id)).toEqual(['verdict']);
    expect(await typesFor(author, claim.id)).toEqual([]);

    await upsertVerdict(ctxFor(t.db, author), claim.id, { rating: 'true' });
    // The author's verdict reveals the claim; the others hear of it; then Rita's change makes it disputed.
    expect(await typesFor(rita, claim.id)).toEqual(['verdict', 'verdict']);
    await upsertVerdict(ctxFor(t.db, rita), claim.id, { rating: 'false' });
    expect((await typesFor(author, claim.id)).sort()).toEqual(['disputed', 'verdict']);

    const comment = await postComment(ctxFor(t.db, rita), claim.id, { body: '@Rémi, ta source ?' });
    expect((await typesFor(remi, claim.id))[0]).toBe('mention');
    expect((await typesFor(author, claim.id))[0]).toBe('comment');
    const mention = (await listNotifications(ctxFor(t.db, remi))).notifications[0]!;
    expect(mention).toMatchObject({ type: 'mention', claimId: claim.id, articleId: article.id, actor: { id: rita.id, name: 'Rita' }, commentId: comment.id, readAt: null });

    await editComment(ctxFor(t.db, rita), comment.id, { body: '@Rémi, ta source ? @Édith, un avis ?' });
    expect((await typesFor(editor, claim.id))[0]).toBe('mention');
    expect((await typesFor(remi, claim.id)).filter((x) => x === 'mention')).toHaveLength(1);

    await adjudicateClaim(ctxFor(t.db, editor), claim.id, { rating: 'mixed', rationale: 'Tranché.' });
    expect((await typesFor(author, claim.id))[0]).toBe('adjudicated');
  });

  it('a deactivated account is told nothing, the others are', async () => {
    const claim = await createClaim(ctxFor(t.db, author), article.id, { exact: `Fait ${n++} ici` });
    const leaving = await makeUser(t.db, 'reviewer', 'Léa');
    await upsertVerdict(ctxFor(t.db, leaving), claim.id, { rating: 'true' });
    await upsertVerdict(ctxFor(t.db, rita), claim.id, { rating: 'true' });
    await t.db.user.update({ where: { id: leaving.id }, data: { deactivatedAt: new Date() } });
    await upsertVerdict(ctxFor(t.db, remi), claim.id, { rating: 'true' });
    expect(await t.db.notification.count({ where: { userId: leaving.id, claimId: claim.id } })).toBe(1);
    expect(await typesFor(rita, claim.id)).toEqual(['verdict']);
  });

  it('mark some or all as read; the unread count follows; others’ notifications are untouched', async () => {
    const claim = await createClaim(ctxFor(t.db, author), article.id, { exact: `Fait ${n++} ici` });
    await upsertVerdict(ctxFor(t.db, rita), claim.id, { rating: 'true' });
    await upsertVerdict(ctxFor(t.db, remi), claim.id, { rating: 'true' });
    await upsertVerdict(ctxFor(t.db, editor), claim.id, { rating: 'true' });
    const before = await listNotifications(ctxFor(t.db, rita));
    expect(before.unreadCount).toBeGreaterThanOrEqual(2);
    const [first] = before.notifications;
    const afterOne = await markNotificationsRead(ctxFor(t.db, rita), { ids: [first!.id] });
    expect(afterOne.unreadCount).toBe(before.unreadCount - 1);
    const remiUnread = (await listNotifications(ctxFor(t.db, remi))).unreadCount;
    // Someone else's id is ignored.
    await markNotificationsRead(ctxFor(t.db, remi), { ids: [first!.id] });
    expect((await markNotificationsRead(ctxFor(t.db, rita), { all: true })).unreadCount).toBe(0);
    expect((await listNotifications(ctxFor(t.db, rita))).notifications.every((x) => x.readAt !== null)).toBe(true);
    expect((await listNotifications(ctxFor(t.db, remi))).unreadCount).toBe(remiUnread);
  });

  it('deleted claims leave the list; bad input 422; anonymous 401', async () => {
    const claim = await createClaim(ctxFor(t.db, author), article.id, { exact: `Fait ${n++} ici` });
    await upsertVerdict(ctxFor(t.db, rita), claim.id, { rating: 'true' });
    await upsertVerdict(ctxFor(t.db, remi), claim.id, { rating: 'true' });
    expect(await typesFor(rita, claim.id)).toEqual(['verdict']);
    await deleteClaim(ctxFor(t.db, editor), claim.id);
    expect(await typesFor(rita, claim.id)).toEqual([]);
    await expectDomainError(markNotificationsRead(ctxFor(t.db, rita), {}), 422, [['ids']]);
    await expectDomainError(markNotificationsRead(ctxFor(t.db, rita), { ids: ['a'], all: true }), 422, [['ids']]);
    await expectDomainError(markNotificationsRead(ctxFor(t.db, rita), { all: false }), 422);
    await expectDomainError(listNotifications(ctxFor(t.db, null)), 401);
  });
});
