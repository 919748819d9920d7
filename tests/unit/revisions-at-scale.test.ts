// A correction of a 200,000-character article with 5,000 claims: every claim
// anchored again in batches, in seconds. Timed: runs alone (vitest.config.ts).
import { describe, expect, it } from 'vitest';
import { updateArticle } from '../../lib/services/articles';
import { listClaims } from '../../lib/services/claims';
import { CLAIM_BATCH } from '../../lib/services/revisions';
import { insertLargeArticle, largeArticleText, largeArticleUsers } from '../fixtures/large-article';
import { ctxFor, useDatabase } from './support/database';

describe('updateArticle with a new text, at newsroom size', () => {
  const t = useDatabase();

  it(`re-anchors 5,000 claims with 5 verdicts each on a 200,000-character article, in batches of ${CLAIM_BATCH}`, async () => {
    const users = await largeArticleUsers(t.db, 'irrelevant-password-1', 5, 'revisions');
    const text = largeArticleText();
    const large = await insertLargeArticle(t.db, users, { title: 'Grand article', text, claims: 5_000 });
    // Corrections in a few places: an insertion near the start, a deletion in the middle, a word changed near the end.
    const mid = Math.floor(large.text.length / 2);
    const corrected = `Mise à jour.\n\n${large.text.slice(0, mid)}${large.text.slice(mid + 40, -300)}${large.text.slice(-300).replace('a', 'à')}`;
    const started = performance.now();
    const updated = await updateArticle(ctxFor(t.db, users.editor), large.id, { text: corrected, version: 1 });
    const ms = performance.now() - started;
    const counts = updated.reanchored!;
    expect(counts.exact + counts.moved + counts.fuzzy + counts.orphaned).toBe(5_000);
    expect(counts.exact).toBeGreaterThan(4_900);
    // Generous (a shared 2-core machine, SQLite and PostgreSQL): seconds, not a timeout.
    expect(ms).toBeLessThan(25_000);
    const claims = await listClaims(ctxFor(t.db, users.editor), large.id);
    expect(claims).toHaveLength(5_000);
    for (const c of claims) {
      if (c.anchorState !== 'orphaned') expect(corrected.slice(c.start, c.end)).toBe(c.exact);
    }
    console.log(`re-anchored 5,000 claims in ${Math.round(ms)} ms: ${JSON.stringify(counts)}`);
  }, 120_000);
});
