// A rich article for the archive's tests: the French seed article with « » ’,
// emoji and combining characters added, blind review on, three reviewers and an
// editor, verdicts with rich rationales and sources, comments (one edited, one
// deleted), an adjudication revised and withdrawn, a deleted claim, two revisions.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../lib/db/client';
import type { Archive } from '../../../lib/export/archive-schema';
import { streamArchive } from '../../../lib/services/archive-export';
import { adjudicateClaim, withdrawAdjudication } from '../../../lib/services/adjudications';
import { importArticleOnce } from '../../../lib/services/articles';
import { createClaim, deleteClaim, updateClaim } from '../../../lib/services/claims';
import { deleteComment, editComment, postComment } from '../../../lib/services/comments';
import type { Actor, ServiceContext } from '../../../lib/services/context';
import { upsertVerdict } from '../../../lib/services/verdicts';
import { seedDir } from '../../../lib/seed';
import { ctxFor, makeUser } from './database';

export const EXTRA = '\n\nLe ministre l’a dit : « 42 % des élèves 🎓 réussissent » — Zoë (Zoe\u0308) 👩🏽‍🔬 confirme.';

export interface RichFixture {
  articleId: string;
  editor: Actor;
  reviewers: Actor[];
}

export async function buildRichFixture(db: Db): Promise<RichFixture> {
  const editor = await makeUser(db, 'editor', 'Édith Éditrice');
  const reviewers = [await makeUser(db, 'reviewer', 'Rita'), await makeUser(db, 'reviewer', 'Rémi 🦊'), await makeUser(db, 'reviewer', null)];
  const seedFile = fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort()[0]!;
  const seedText = fs.readFileSync(path.join(seedDir, seedFile), 'utf8');
  const { article } = await importArticleOnce(db, `seed:${seedFile}`, { text: seedText + EXTRA, title: 'Sotchi : « une très bonne atmosphère »', sourceUrl: 'https://example.org/sotchi', publisher: 'Agence’s', language: 'fr' });
  // A second revision, written as the revisions feature writes it (the same text with a line added).
  const first = await db.articleRevision.findFirstOrThrow({ where: { articleId: article.id, number: 1 } });
  await db.articleRevision.create({ data: { articleId: article.id, number: 2, text: `${first.text}\nPost-scriptum ajouté.`, sourceFormat: 'markdown', source: `${first.text}\n*Post-scriptum* ajouté.`, createdById: editor.id } });
  await db.article.update({ where: { id: article.id }, data: { currentRevision: 2, version: { increment: 1 }, createdById: editor.id } });

  const as = (a: Actor): ServiceContext => ctxFor(db, a);
  const [rita, remi, anon] = reviewers as [Actor, Actor, Actor];
  const quote = await createClaim(as(rita), article.id, { exact: '« 42 % des élèves 🎓 réussissent »', note: 'Chiffre à vérifier — Zoë' });
  const second = await createClaim(as(remi), article.id, { exact: 'Zoë (Zoe\u0308) 👩🏽‍🔬 confirme' });
  const gone = await createClaim(as(anon), article.id, { exact: 'Post-scriptum ajouté' });
  await deleteClaim(as(anon), gone.id);
  await updateClaim(as(rita), quote.id, { note: 'Chiffre à vérifier — Zoë ’', version: 1 });

  const doc = (text: string, href: string) => ({
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text, marks: [{ type: 'bold' }] }, { type: 'text', text: ' voir ' }, { type: 'text', text: 'la source', marks: [{ type: 'link', attrs: { href } }] }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Point « un » ’' }] }] }] },
    ],
  });
  const sources = [
    { url: 'https://insee.fr/fr/statistiques/1?x=1', title: 'Insee — « Réussite »', publisher: 'Insee', quote: '41,8 %', stance: 'refutes', accessedAt: '2025-07-02', archiveUrl: 'https://web.archive.org/web/2025/https://insee.fr/fr/statistiques/1' },
    { url: 'https://example.org/b', stance: 'context' },
  ];
  await upsertVerdict(as(rita), quote.id, { rating: 'mostly-false', rationaleDoc: doc('Faux à 🎓 près', 'https://insee.fr/'), sources });
  await upsertVerdict(as(remi), quote.id, { rating: 'false', rationale: 'Plain rationale\n\nsecond paragraph’s' });
  await upsertVerdict(as(anon), quote.id, { rating: 'mixed' });
  // Rita changes her mind after seeing the others: revisedAfterReveal, her first rating kept.
  await upsertVerdict(as(rita), quote.id, { rating: 'false', rationaleDoc: doc('Faux', 'https://insee.fr/b'), sources: sources.slice(0, 1), version: 1 });
  await upsertVerdict(as(remi), second.id, { rating: 'true' });

  const c1 = await postComment(as(rita), quote.id, { body: 'Je pense que « non » ’ 👍' });
  await postComment(as(remi), quote.id, { body: '@Rita d’accord' });
  const c3 = await postComment(as(editor), quote.id, { body: 'À supprimer' });
  await editComment(as(rita), c1.id, { body: 'Je pense que « non » ’ 👍 (édité)' });
  await deleteComment(as(editor), c3.id);

  const first1 = await adjudicateClaim(as(editor), second.id, { rating: 'mostly-true', rationale: 'Décision « provisoire »', replaces: null });
  const revised = await adjudicateClaim(as(editor), second.id, { rating: 'true', rationale: 'Décision finale ’', replaces: first1.current?.id ?? null });
  await withdrawAdjudication(as(editor), second.id, { adjudication: revised.current?.id });
  await adjudicateClaim(as(editor), second.id, { rating: 'true', rationale: 'Tranché.', replaces: null });
  return { articleId: article.id, editor, reviewers };
}

/** The whole archive as text. */
export async function archiveText(ctx: ServiceContext, options: Parameters<typeof streamArchive>[1] = {}): Promise<string> {
  let text = '';
  for await (const part of streamArchive(ctx, options)) text += part;
  return text;
}

/** The archive with every person's id replaced by their address, and no export time: what must survive a round trip. */
export function normalized(archive: Archive): unknown {
  const byId = new Map(archive.users.map((u) => [u.id, `user:${u.email}`]));
  const text = JSON.stringify({ ...archive, exportedAt: null, users: archive.users.map((u) => ({ ...u, id: null })).sort((a, b) => String(a.email).localeCompare(String(b.email))) });
  return JSON.parse(text.replace(/"([a-z0-9]{20,32})"/g, (whole, id: string) => (byId.has(id) ? JSON.stringify(byId.get(id)) : whole)));
}

export async function rowCounts(db: Db): Promise<Record<string, number>> {
  return {
    users: await db.user.count(),
    articles: await db.article.count(),
    revisions: await db.articleRevision.count(),
    claims: await db.claim.count(),
    verdicts: await db.verdict.count(),
    sources: await db.source.count(),
    reveals: await db.claimReveal.count(),
    comments: await db.comment.count(),
    adjudications: await db.adjudication.count(),
    events: await db.event.count(),
  };
}

