// Export → import into a fresh database → export: the same archive apart from
// the people's ids (each instance has its own accounts) and exportedAt; a second
// import changes nothing. On SQLite and PostgreSQL (both vitest projects).
import { beforeAll, describe, expect, it } from 'vitest';
import { archiveSchema, type Archive } from '../../lib/export/archive-schema';
import { importArchive, importArchiveAs } from '../../lib/services/archive-import';
import { createArticle, getArticle, listArticles } from '../../lib/services/articles';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';
import { archiveText, buildRichFixture, normalized, rowCounts, type RichFixture } from './support/archive-fixture';

/** A copy of the article under ids of its own (`tag` in each), as another article would have them. */
function withNewIds(article: Archive['articles'][number], tag: string): Archive['articles'][number] {
  const copy = structuredClone(article);
  copy.id = `c${tag}article`.padEnd(25, '0');
  for (const [i, c] of copy.claims.entries()) {
    c.id = `c${tag}claim${i}`;
    for (const v of c.verdicts) v.id = `${v.id}${tag}`;
    for (const m of c.comments) m.id = `${m.id}${tag}`;
    for (const j of c.adjudications) j.id = `${j.id}${tag}`;
  }
  return copy;
}

describe('archive round trip', () => {
  const source = useDatabase();
  const target = useDatabase();
  let fixture: RichFixture;
  let exported: string;

  beforeAll(async () => {
    fixture = await buildRichFixture(source.db);
    exported = await archiveText(ctxFor(source.db, fixture.editor));
  }, 60_000);

  it('the fixture exports everything: revisions, deleted claim, verdict history inputs, comments, adjudications, history', () => {
    const archive = archiveSchema.parse(JSON.parse(exported));
    const [article] = archive.articles;
    expect(article!.revisions.map((r) => [r.number, r.sourceFormat])).toEqual([
      [1, 'text'],
      [2, 'markdown'],
    ]);
    expect(article!.settings.blindReview).toBe(true);
    expect(article!.claims).toHaveLength(3);
    expect(article!.claims.filter((c) => c.deletedAt !== null)).toHaveLength(1);
    const quote = article!.claims.find((c) => c.exact.startsWith('«'))!;
    expect(quote.verdicts).toHaveLength(3);
    expect(quote.reveals.find((r) => r.userId === fixture.reviewers[0]!.id)?.initialRating).toBe('mostly-false');
    expect(quote.comments).toHaveLength(3);
    expect(quote.comments.filter((c) => c.deletedAt)).toHaveLength(1);
    expect(article!.claims.flatMap((c) => c.adjudications)).toHaveLength(3);
    expect(article!.history.length).toBeGreaterThan(10);
    expect(archive.users.every((u) => u.email !== null)).toBe(true);
  });

  it('imports into a fresh database and exports the same archive, apart from people’s ids and exportedAt', async () => {
    const importer = await makeUser(target.db, 'editor', 'Importer');
    const summary = await importArchiveAs(ctxFor(target.db, importer), JSON.parse(exported));
    expect(summary.articles).toEqual({ created: 1, present: 0 });
    expect(summary.claims).toEqual({ created: 3, present: 0 });
    expect(summary.verdicts).toEqual({ created: 4, present: 0 });
    expect(summary.users.created).toBe(4);

    // The article list counts the imported claims as the source's counted them.
    const counts = (list: Awaited<ReturnType<typeof listArticles>>) => list.map((a) => ({ title: a.title, claimCount: a.claimCount, reviewedClaimCount: a.reviewedClaimCount }));
    expect(counts(await listArticles(ctxFor(target.db, importer)))).toEqual(counts(await listArticles(ctxFor(source.db, fixture.editor))));

    const again = await archiveText(ctxFor(target.db, importer));
    expect(normalized(archiveSchema.parse(JSON.parse(again)))).toEqual(normalized(archiveSchema.parse(JSON.parse(exported))));
    // Offsets count the same text: each live claim's quote is where it says.
    const archive = archiveSchema.parse(JSON.parse(again));
    for (const c of archive.articles[0]!.claims) {
      const text = archive.articles[0]!.revisions.find((r) => r.number === c.revision)!.text;
      expect(text.slice(c.start, c.end)).toBe(c.exact);
    }
  });

  it('people created by the import cannot sign in: deactivated, without a password', async () => {
    const rita = await target.db.user.findUniqueOrThrow({ where: { email: fixture.reviewers[0]!.email } });
    expect(rita.deactivatedAt).not.toBeNull();
    expect(rita.passwordHash).toBe('');
  });

  it('importing the same file again changes nothing', async () => {
    const before = await rowCounts(target.db);
    const summary = await importArchive(target.db, JSON.parse(exported));
    expect(summary.articles).toEqual({ created: 0, present: 1 });
    expect(summary.claims).toEqual({ created: 0, present: 3 });
    expect(summary.users).toEqual({ created: 0, present: 4 });
    expect(await rowCounts(target.db)).toEqual(before);
  });

  it('importing into the instance it came from changes nothing', async () => {
    const before = await rowCounts(source.db);
    const summary = await importArchive(source.db, JSON.parse(exported));
    expect(summary.articles.present).toBe(1);
    expect(await rowCounts(source.db)).toEqual(before);
  });

  it('an invalid article writes nothing, not even the valid ones before it; the error names the path', async () => {
    const fresh = JSON.parse(exported) as Archive;
    const valid = withNewIds(fresh.articles[0]!, 'valid');
    const broken = structuredClone(fresh.articles[0]!);
    broken.id = 'cbrokenarticle000000000000';
    (broken.claims[1] as { end: unknown }).end = 'far';
    const before = await rowCounts(target.db);
    await expectDomainError(importArchive(target.db, { ...fresh, articles: [valid, broken] }), 422, [['articles', 1, 'claims', 1, 'end']]);
    const beyond = structuredClone(broken);
    beyond.claims[1]!.end = 10_000_000;
    await expectDomainError(importArchive(target.db, { ...fresh, articles: [valid, beyond] }), 422, [['articles', 1, 'claims', 1, 'end']]);
    const stranger = structuredClone(valid);
    stranger.claims[0]!.createdById = 'nobody-listed';
    await expectDomainError(importArchive(target.db, { ...fresh, articles: [stranger] }), 422, [['articles', 0, 'claims', 0, 'createdById']]);
    expect(await rowCounts(target.db)).toEqual(before);
  });

  it('a new article whose claims, verdicts, comments or adjudications have ids taken here by another article: 422 naming each, nothing written', async () => {
    // The archive as exported, under another article id: every id inside is already the imported article's.
    const fresh = JSON.parse(exported) as Archive;
    const clash = structuredClone(fresh.articles[0]!);
    clash.id = 'cclasharticle0000000000000';
    const before = await rowCounts(target.db);
    const error = await expectDomainError(importArchive(target.db, { ...fresh, articles: [clash] }), 422);
    const expected = clash.claims.flatMap((c, ci) => [
      ['articles', 0, 'claims', ci, 'id'],
      ...c.verdicts.map((_, vi) => ['articles', 0, 'claims', ci, 'verdicts', vi, 'id']),
      ...c.comments.map((_, mi) => ['articles', 0, 'claims', ci, 'comments', mi, 'id']),
      ...c.adjudications.map((_, ji) => ['articles', 0, 'claims', ci, 'adjudications', ji, 'id']),
    ]);
    expect(error.issues.map((i) => i.path)).toEqual(expected);
    expect(error.message).toMatch(/already the id of a claim of another article here/);
    expect(await rowCounts(target.db)).toEqual(before);
  });

  it('a claim whose offsets do not hold its quote in its revision, or a second live claim on one passage: 422 naming the paths, nothing written', async () => {
    const fresh = JSON.parse(exported) as Archive;
    const shifted = withNewIds(fresh.articles[0]!, 'shifted');
    const twin = structuredClone(shifted.claims.filter((c) => c.deletedAt === null).at(-1)!);
    twin.id = 'cshiftedtwin';
    twin.verdicts = [];
    twin.comments = [];
    twin.adjudications = [];
    twin.reveals = [];
    shifted.claims.push(twin);
    shifted.claims[0]!.end += 1;
    const before = await rowCounts(target.db);
    const error = await expectDomainError(importArchive(target.db, { ...fresh, articles: [shifted] }), 422, [
      ['articles', 0, 'claims', 0, 'exact'],
      ['articles', 0, 'claims', shifted.claims.length - 1, 'start'],
    ]);
    expect(error.message).toMatch(/not the text between its start and end/);
    expect(error.issues[1]!.message).toMatch(/Another live claim of this article marks the same passage/);
    expect(await rowCounts(target.db)).toEqual(before);
  });

  it('refuses what is not an archive, and reviewers', async () => {
    await expectDomainError(importArchive(target.db, { format: 'crux.article-export', version: 1 }), 422, [['format']]);
    const reviewer = await makeUser(target.db, 'reviewer');
    await expectDomainError(importArchiveAs(ctxFor(target.db, reviewer), JSON.parse(exported)), 403);
  });

  it('a reviewer’s archive: blind review hides the claims they have not reviewed, no history, no deleted claims, only their own address', async () => {
    const [, , anon] = fixture.reviewers;
    const archive = archiveSchema.parse(JSON.parse(await archiveText(ctxFor(source.db, anon!))));
    const [article] = archive.articles;
    expect(article!.history).toEqual([]);
    expect(article!.claims.filter((c) => c.deletedAt !== null)).toEqual([]);
    const second = article!.claims.find((c) => c.exact.startsWith('Zoë'))!;
    // Anon has not reviewed it: Rémi's verdict, the reveals and thread stay hidden; the adjudication is published.
    expect(second.verdicts).toEqual([]);
    expect(second.reveals).toEqual([]);
    expect(second.comments).toEqual([]);
    expect(second.consensus.status).toBe('adjudicated');
    expect(second.adjudications.length).toBe(3);
    const quote = article!.claims.find((c) => c.exact.startsWith('«'))!;
    expect(quote.verdicts).toHaveLength(3);
    expect(archive.users.filter((u) => u.email !== null).map((u) => u.id)).toEqual([anon!.id]);
    // …and it imports (people without an address become placeholders).
    const t2 = await importArchive(target.db, { ...archive, articles: [] });
    expect(t2.users.created).toBeGreaterThan(0);
  });

  it('keepClaim filters claims; articleId limits to one article', async () => {
    const archive = archiveSchema.parse(JSON.parse(await archiveText(ctxFor(source.db, fixture.editor), { articleId: fixture.articleId, keepClaim: (c) => c.deletedAt === null })));
    expect(archive.articles).toHaveLength(1);
    expect(archive.articles[0]!.claims).toHaveLength(2);
    const none = archiveSchema.parse(JSON.parse(await archiveText(ctxFor(source.db, fixture.editor), { articleId: 'missing' })));
    expect(none.articles).toEqual([]);
  });
});

describe('archive of a verdict written before rich text', () => {
  const t = useDatabase();

  it('keeps the rationale document as stored: none, not one built from the plain rationale', async () => {
    const fixture = await buildRichFixture(t.db);
    const plain = await t.db.verdict.findFirstOrThrow({ where: { rationale: { startsWith: 'Plain rationale' } } });
    await t.db.verdict.update({ where: { id: plain.id }, data: { rationaleDoc: null } });
    const archive = archiveSchema.parse(JSON.parse(await archiveText(ctxFor(t.db, fixture.editor))));
    const verdicts = archive.articles.flatMap((a) => a.claims.flatMap((c) => c.verdicts));
    expect(verdicts.find((v) => v.id === plain.id)!.rationaleDoc).toBeNull();
    const stored = new Map((await t.db.verdict.findMany()).map((v) => [v.id, v.rationaleDoc === null ? null : JSON.parse(v.rationaleDoc)]));
    expect(verdicts.filter((v) => v.rationaleDoc !== null)).not.toHaveLength(0);
    for (const v of verdicts) expect(v.rationaleDoc).toEqual(stored.get(v.id));
  }, 60_000);
});

describe('archive of Markdown and HTML articles', () => {
  const source = useDatabase();
  const target = useDatabase();

  it('imports their structure (headings, lists, emphasis, links) as the article import builds it from the source', async () => {
    const editor = await makeUser(source.db, 'editor', 'Éditrice');
    const markdown = await createArticle(ctxFor(source.db, editor), {
      markdown: '# Le chômage en France\n\nSelon l’**Insee**, il a *baissé* :\n\n- de 0,3 point ;\n- en mars.\n\n[La note](https://www.insee.fr/note) « détaillée ».',
      title: 'Markdown',
    });
    const html = await createArticle(ctxFor(source.db, editor), { html: '<h2>Dépêche</h2><p>Le <em>ministre</em> l’a <a href="https://example.org/x">dit</a>.</p><ol><li>un</li><li>deux</li></ol>', title: 'HTML' });
    expect(markdown.structure?.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'listItem', 'listItem', 'paragraph']);
    const exported = await archiveText(ctxFor(source.db, editor));

    const importer = await makeUser(target.db, 'editor', 'Importatrice');
    await importArchiveAs(ctxFor(target.db, importer), JSON.parse(exported));
    for (const article of [markdown, html]) {
      const imported = await getArticle(ctxFor(target.db, importer), article.id);
      expect(imported.text).toBe(article.text);
      expect(imported.structure).toEqual(article.structure);
    }

    // An archive edited to carry a hostile source: its structure is the sanitizer's, no javascript: link;
    // a source that does not give the archived text leaves the revision plain.
    const archive = JSON.parse(exported) as Archive;
    const [hostile, mismatched] = archive.articles.filter((a) => a.id === html.id || a.id === markdown.id).map((a) => structuredClone(a));
    hostile!.id = 'chostilearticle00000000000';
    hostile!.importKey = null;
    hostile!.revisions = [{ ...hostile!.revisions[0]!, sourceFormat: 'html', source: '<p><a href="javascript:alert(1)">Clic</a> <a href="https://example.org/ok">ici</a></p>', text: 'Clic ici' }];
    mismatched!.id = 'cmismatchedarticle00000000';
    mismatched!.importKey = null;
    mismatched!.revisions = [{ ...mismatched!.revisions[0]!, text: 'Un autre texte que la source.' }];
    await importArchiveAs(ctxFor(target.db, importer), { ...archive, articles: [hostile!, mismatched!] });
    expect((await getArticle(ctxFor(target.db, importer), hostile!.id)).structure?.marks).toEqual([{ start: 5, end: 8, kind: 'link', href: 'https://example.org/ok' }]);
    const plain = await getArticle(ctxFor(target.db, importer), mismatched!.id);
    expect([plain.text, plain.structure]).toEqual(['Un autre texte que la source.', null]);
  });
});
