// Presence rows on real SQLite: one per open stream, renewed, removed, expired.
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESENCE_TTL_MS } from '../../lib/live/presence';
import { createArticle, type ArticleDetail } from '../../lib/services/articles';
import type { Actor } from '../../lib/services/context';
import { leavePresence, presentOn, touchPresence } from '../../lib/services/presence';
import { updateUser } from '../../lib/services/users';
import { ctxFor, makeUser, useDatabase } from './support/database';

describe('presence rows', () => {
  const t = useDatabase();
  let admin: Actor;
  let rita: Actor;
  let remi: Actor;
  let sami: Actor;
  let article: ArticleDetail;

  beforeAll(async () => {
    admin = await makeUser(t.db, 'admin', 'Ada');
    rita = await makeUser(t.db, 'reviewer', 'Rita');
    remi = await makeUser(t.db, 'reviewer', 'Rémi');
    sami = await makeUser(t.db, 'reviewer', 'Sami');
    article = await createArticle(ctxFor(t.db, admin), { text: 'Une affirmation à vérifier.' });
  });

  it('lists the others with a live stream, each once, and forgets a stream when it closes', async () => {
    const now = new Date();
    await touchPresence(t.db, { id: 's1', articleId: article.id, userId: rita.id }, now);
    await touchPresence(t.db, { id: 's2', articleId: article.id, userId: rita.id }, now); // a second tab
    await touchPresence(t.db, { id: 's3', articleId: article.id, userId: remi.id }, now);
    expect(await presentOn(t.db, article.id, remi.id, now)).toEqual([{ id: rita.id, name: 'Rita' }]);
    expect(await presentOn(t.db, article.id, sami.id, now)).toEqual([
      { id: remi.id, name: 'Rémi' },
      { id: rita.id, name: 'Rita' },
    ]);
    await leavePresence(t.db, 's1');
    expect(await presentOn(t.db, article.id, remi.id, now)).toEqual([{ id: rita.id, name: 'Rita' }]);
    await leavePresence(t.db, 's2');
    expect(await presentOn(t.db, article.id, remi.id, now)).toEqual([]);
    await leavePresence(t.db, 's3');
  });

  it('ignores a stream not renewed within the TTL (its instance went away), then clears it', async () => {
    const then = new Date(Date.now() - PRESENCE_TTL_MS - 1_000);
    await touchPresence(t.db, { id: 'stale', articleId: article.id, userId: rita.id }, then);
    expect(await presentOn(t.db, article.id, remi.id)).toEqual([]);
    // Renewed: counted again.
    await touchPresence(t.db, { id: 'stale', articleId: article.id, userId: rita.id });
    expect(await presentOn(t.db, article.id, remi.id)).toEqual([{ id: rita.id, name: 'Rita' }]);
    await touchPresence(t.db, { id: 'old', articleId: article.id, userId: sami.id }, then);
    await touchPresence(t.db, { id: 'fresh', articleId: article.id, userId: remi.id });
    expect(await t.db.presence.findUnique({ where: { id: 'old' } })).toBeNull();
    await leavePresence(t.db, 'stale');
    await leavePresence(t.db, 'fresh');
  });

  it('leaves out deactivated accounts', async () => {
    const gone = await makeUser(t.db, 'reviewer', 'Partant');
    await touchPresence(t.db, { id: 'g', articleId: article.id, userId: gone.id });
    expect(await presentOn(t.db, article.id, remi.id)).toEqual([{ id: gone.id, name: 'Partant' }]);
    await updateUser(ctxFor(t.db, admin), gone.id, { active: false });
    expect(await presentOn(t.db, article.id, remi.id)).toEqual([]);
  });
});
