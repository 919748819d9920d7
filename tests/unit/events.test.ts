// The history as recordEvent writes it (lib/services/events.ts), on both
// databases: each payload JSON in ASCII (lib/ascii-json.ts), the same value as
// the change's snapshot, French typography included; ids in commit order.
import { describe, expect, it } from 'vitest';
import { createArticle } from '../../lib/services/articles';
import { createClaim } from '../../lib/services/claims';
import { latestArticleEventId } from '../../lib/services/events';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, makeUser, useDatabase } from './support/database';

const ASCII = /^[\u0000-\u007f]*$/;

describe('recordEvent', () => {
  const t = useDatabase();

  it('stores each payload as JSON in ASCII that reads back as the snapshot, accents and guillemets included', async () => {
    const editor = await makeUser(t.db, 'editor', 'Éditrice');
    const reviewer = await makeUser(t.db, 'reviewer', 'Relectrice');
    const article = await createArticle(ctxFor(t.db, editor), { title: 'Chômage : « la baisse » 🇫🇷', text: 'Le chômage a baissé d’après l’Insee. Il reste élevé.' });
    const claim = await createClaim(ctxFor(t.db, editor), article.id, { exact: 'Le chômage a baissé d’après l’Insee', note: 'À vérifier' });
    await upsertVerdict(ctxFor(t.db, reviewer), claim.id, { rating: 'mostly-true', rationale: 'Vrai d’après la série « A »', sources: [] });

    const events = await t.db.event.findMany({ where: { articleId: article.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['article.created', 'claim.created', 'verdict.updated']);
    for (const event of events) expect(event.payload).toMatch(ASCII);
    const [created, marked, judged] = events.map((e) => JSON.parse(e.payload) as Record<string, unknown>);
    expect(JSON.stringify(created)).toContain('Chômage : « la baisse » 🇫🇷');
    expect(marked).toMatchObject({ exact: 'Le chômage a baissé d’après l’Insee', note: 'À vérifier' });
    expect(judged).toMatchObject({ before: null, after: { rating: 'mostly-true', rationale: 'Vrai d’après la série « A »' } });
    expect(await latestArticleEventId(t.db, article.id)).toBe(events.at(-1)!.id);
  });
});
