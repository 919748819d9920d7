// A correction is one transaction: when anything fails after the claims were
// re-anchored (here, recording the event), nothing of it stays — no revision,
// the claims where they were, the article's version and revision unchanged.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createArticle, getArticle, updateArticle } from '../../lib/services/articles';
import { createClaim, getClaim } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { ctxFor, makeUser, useDatabase } from './support/database';

const failing = vi.hoisted(() => ({ on: false }));
vi.mock('../../lib/services/events', async (original) => {
  const real = await original<typeof import('../../lib/services/events')>();
  return {
    ...real,
    recordEvent: async (...args: Parameters<typeof real.recordEvent>) => {
      if (failing.on && args[1].type === 'article.updated') throw new Error('the disk is full');
      return real.recordEvent(...args);
    },
  };
});

describe('a correction that fails half-way', () => {
  const t = useDatabase();
  let editor: Actor;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor');
  });

  it('leaves the article, its revisions and its claims as they were', async () => {
    const text = 'Premier paragraphe.\n\nLe taux de chômage est de 7,3 % selon l’Insee.';
    const article = await createArticle(ctxFor(t.db, editor), { text });
    const claim = await createClaim(ctxFor(t.db, editor), article.id, { exact: 'Le taux de chômage est de 7,3 %' });
    failing.on = true;
    try {
      await expect(updateArticle(ctxFor(t.db, editor), article.id, { text: `Ajout.\n\n${text.replace('7,3', '7,5')}`, version: 1 })).rejects.toThrow('the disk is full');
    } finally {
      failing.on = false;
    }
    expect(await getArticle(ctxFor(t.db, editor), article.id)).toMatchObject({ revision: 1, version: 1, text });
    expect(await t.db.articleRevision.count({ where: { articleId: article.id } })).toBe(1);
    const after = await getClaim(ctxFor(t.db, editor), claim.id);
    expect(after).toMatchObject({ anchorState: 'exact', revision: 1, start: claim.start, end: claim.end, exact: claim.exact });
  });
});
