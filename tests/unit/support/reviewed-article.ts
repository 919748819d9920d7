// An article under review for the tests of the raw-SQL readers
// (archive-rows.ts, export-rows.ts): claims sharing a start, verdicts with
// sources (a stance, a date consulted), an adjudication withdrawn and one in
// force, a comment, a deleted claim, French typography throughout.
import type { Db } from '../../../lib/db/client';
import { adjudicateClaim, withdrawAdjudication } from '../../../lib/services/adjudications';
import { createArticle } from '../../../lib/services/articles';
import { createClaim, deleteClaim } from '../../../lib/services/claims';
import { postComment } from '../../../lib/services/comments';
import { upsertVerdict } from '../../../lib/services/verdicts';
import { ctxFor, makeUser } from './database';

/** The article's id, its claims' ids in the order marked (the fifth deleted), and viewers: the editor, a reviewer who gave verdicts, one who gave none. */
export async function reviewedArticle(db: Db) {
  const editor = await makeUser(db, 'editor', 'Éditrice');
  const rita = await makeUser(db, 'reviewer', 'Rita « la relectrice »');
  const sam = await makeUser(db, 'reviewer');
  const created = await createArticle(ctxFor(db, editor), { text: 'Un deux trois quatre cinq six sept. L’État a dit « 44 jours ».' });
  const ids: string[] = [];
  for (const exact of ['Un', 'Un deux', 'Un deux trois', 'quatre', 'cinq', 'six sept', '« 44 jours »']) ids.push((await createClaim(ctxFor(db, rita), created.id, { exact })).id);
  await upsertVerdict(ctxFor(db, rita), ids[1]!, { rating: 'false', rationale: 'Démenti par l’Élysée.', sources: [{ url: 'https://example.org/b', title: 'B' }, { url: 'https://example.org/a' }] });
  await upsertVerdict(ctxFor(db, sam), ids[1]!, { rating: 'mostly-false', sources: [{ url: 'https://example.org/c', stance: 'refutes', accessedAt: '2026-11-02' }] });
  await upsertVerdict(ctxFor(db, rita), ids[6]!, { rating: 'mostly-true' });
  await adjudicateClaim(ctxFor(db, editor), ids[1]!, { rating: 'false', rationale: 'Premier arbitrage.' });
  await withdrawAdjudication(ctxFor(db, editor), ids[1]!);
  await adjudicateClaim(ctxFor(db, editor), ids[1]!, { rating: 'mostly-false', rationale: 'Second.' });
  await postComment(ctxFor(db, sam), ids[1]!, { body: 'Vu « ailleurs ».' });
  await deleteClaim(ctxFor(db, rita), ids[4]!);
  const outsider = await makeUser(db, 'reviewer');
  return { id: created.id, ids, viewers: [editor, rita, outsider] };
}
