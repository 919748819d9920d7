// How claims are read from the database (lib/services/claim-rows.ts): the
// list's summaries give exactly the views the full records give, for every
// kind of viewer; sources and names are read by id, in slices, and only the
// article's own.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_SETTINGS } from '../../lib/consensus';
import { adjudicateClaim, withdrawAdjudication } from '../../lib/services/adjudications';
import { createArticle, type ArticleDetail } from '../../lib/services/articles';
import { loadClaimRecord } from '../../lib/services/claim-record';
import { claimSummarySql, findByIds, IDS_PER_QUERY, loadClaimRecords, readClaimSummaries, authorsOf } from '../../lib/services/claim-rows';
import { toClaimView } from '../../lib/services/claim-views';
import { createClaim, deleteClaim, getClaim, listClaims } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { upsertVerdict, withdrawVerdict } from '../../lib/services/verdicts';
import { ctxFor, makeUser, testProvider, useDatabase } from './support/database';

describe('findByIds', () => {
  it('asks once per slice of at most IDS_PER_QUERY distinct ids, and returns every answer', async () => {
    const ids = Array.from({ length: IDS_PER_QUERY * 2 + 3 }, (_, i) => `id-${i}`);
    const slices: string[][] = [];
    const found = await findByIds([...ids, ...ids.slice(0, 10)], async (slice) => {
      slices.push(slice);
      return slice.map((id) => ({ id }));
    });
    expect(slices.map((s) => s.length)).toEqual([IDS_PER_QUERY, IDS_PER_QUERY, 3]);
    expect(found.map((f) => f.id)).toEqual(ids);
  });

  it('asks nothing for no ids', async () => {
    let asked = 0;
    expect(await findByIds([], async () => (asked++, []))).toEqual([]);
    expect(asked).toBe(0);
  });
});

describe('claim rows', () => {
  const t = useDatabase();
  let editor: Actor;
  let author: Actor;
  let r1: Actor;
  let r2: Actor;
  let outsider: Actor;
  let article: ArticleDetail;
  let other: ArticleDetail;
  let deletedId: string;
  const text =
    'Le chômage a baissé de 3 % l’an dernier, selon l’INSEE. La dette atteint « 110 % du PIB ». ' +
    'Les émissions ont reculé de 5 %. Le budget de la santé a doublé en dix ans. Personne n’a rien dit.';

  const claimAt = (a: ArticleDetail, actor: Actor, exact: string) => createClaim(ctxFor(t.db, actor), a.id, { exact });
  const rate = (actor: Actor, claimId: string, rating: string, sources: { url: string; title?: string }[] = []) =>
    upsertVerdict(ctxFor(t.db, actor), claimId, { rating, rationale: `Raisons de ${actor.name}`, sources });

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Éditrice');
    author = await makeUser(t.db, 'reviewer', 'Autrice');
    r1 = await makeUser(t.db, 'reviewer', 'Relecteur Un');
    r2 = await makeUser(t.db, 'reviewer', 'Relectrice Deux');
    outsider = await makeUser(t.db, 'reviewer', 'Hors-champ');
    article = await createArticle(ctxFor(t.db, editor), { text, title: 'Lignes' });
    other = await createArticle(ctxFor(t.db, editor), { text, title: 'Autre article' });

    // Every case the list's consensus, blind review and permissions read:
    const unreviewed = await claimAt(article, author, 'Personne n’a rien dit.');
    void unreviewed;
    const agreed = await claimAt(article, author, 'Le chômage a baissé de 3 %');
    await rate(r1, agreed.id, 'false', [{ url: 'https://example.org/insee', title: 'INSEE' }, { url: 'https://example.org/dares' }]);
    await rate(r2, agreed.id, 'false');
    const disputed = await claimAt(article, r1, '« 110 % du PIB »');
    await rate(author, disputed.id, 'true');
    await rate(r2, disputed.id, 'false', [{ url: 'https://example.org/eurostat' }]);
    const settled = await claimAt(article, r2, 'Les émissions ont reculé de 5 %.');
    await rate(r1, settled.id, 'mixed');
    await rate(author, settled.id, 'true');
    await adjudicateClaim(ctxFor(t.db, editor), settled.id, { rating: 'mostly-true', rationale: 'Tranché.' });
    const unsettled = await claimAt(article, author, 'Le budget de la santé a doublé');
    await rate(r1, unsettled.id, 'false');
    await adjudicateClaim(ctxFor(t.db, editor), unsettled.id, { rating: 'false', rationale: 'Tranché.' });
    await withdrawAdjudication(ctxFor(t.db, editor), unsettled.id);
    // A reveal without a verdict: r2 rated, then withdrew.
    await rate(r2, unsettled.id, 'true');
    await withdrawVerdict(ctxFor(t.db, r2), unsettled.id);
    const deleted = await claimAt(article, author, 'en dix ans');
    await deleteClaim(ctxFor(t.db, author), deleted.id);
    deletedId = deleted.id;

    // The same passages on another article, rated by someone who never touched the first one.
    const elsewhere = await claimAt(other, outsider, 'Le chômage a baissé de 3 %');
    await rate(outsider, elsewhere.id, 'true', [{ url: 'https://example.org/ailleurs' }]);
  });

  it('the list gives, for every viewer, the views the full records give, in text order, deleted claims left out', async () => {
    const settings = DEFAULT_REVIEW_SETTINGS;
    for (const viewer of [editor, author, r1, r2, outsider]) {
      const full = (await loadClaimRecords(t.db, article.id)).map((r) => toClaimView(r, settings, viewer));
      const listed = await listClaims(ctxFor(t.db, viewer), article.id);
      expect(listed).toEqual(full);
      expect(listed.map((c) => c.exact)).toEqual([
        'Le chômage a baissé de 3 %',
        '« 110 % du PIB »',
        'Les émissions ont reculé de 5 %.',
        'Le budget de la santé a doublé',
        'Personne n’a rien dit.',
      ]);
    }
    // The cases are really there: blind review hides, and shows.
    const forOutsider = await listClaims(ctxFor(t.db, outsider), article.id);
    expect(forOutsider.map((c) => c.verdictsVisible)).toEqual([false, false, false, false, false]);
    expect(forOutsider.map((c) => c.consensus.status)).toEqual(['needs-review', 'needs-review', 'adjudicated', 'needs-review', 'needs-review']);
    const forEditor = await listClaims(ctxFor(t.db, editor), article.id);
    expect(forEditor.map((c) => c.consensus.status)).toEqual(['consensus', 'disputed', 'adjudicated', 'needs-review', 'unreviewed']);
    const forR2 = await listClaims(ctxFor(t.db, r2), article.id);
    expect(forR2.map((c) => [c.verdictsVisible, c.myRating])).toEqual([[true, 'false'], [true, 'false'], [false, null], [true, null], [false, null]]);
  });

  it('the summaries carry nothing the list does not show: no rationales or sources, and no names, read apart: the authors’', async () => {
    const summaries = await readClaimSummaries(t.db, article.id);
    const author = await authorsOf(t.db, summaries);
    const json = JSON.stringify(summaries);
    expect(json).not.toContain('Raisons de');
    expect(json).not.toContain('example.org');
    expect(summaries.flatMap((s) => s.verdicts.map((v) => Object.keys(v).sort()))).toContainEqual(['claimId', 'id', 'rating', 'reviewerId', 'updatedAt']);
    expect(json).not.toContain('Autrice');
    expect(summaries.map((s) => author(s.createdById).name)).toEqual(['Autrice', 'Relecteur Un', 'Relectrice Deux', 'Autrice', 'Autrice']);
  });

  it('claims asked for by id: those of the article, live, as the whole read gives them; found by id, not by walking the article', async () => {
    const all = await readClaimSummaries(t.db, article.id);
    const [elsewhere] = await readClaimSummaries(t.db, other.id);
    const asked = [all[3]!.id, elsewhere!.id, deletedId, all[1]!.id];
    expect(await readClaimSummaries(t.db, article.id, asked)).toEqual([all[1], all[3]]);
    if (testProvider === 'sqlite') {
      // Each statement starts from the ids (the claims' primary key), never from the article's index.
      for (const [name, sql] of Object.entries(claimSummarySql(article.id, asked))) {
        const plan = await t.db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql.sql}`, ...sql.values);
        expect(plan.map((step) => step.detail).join('; '), name).toMatch(/^SEARCH c USING INDEX sqlite_autoindex_Claim_1 \(id=\?\)/);
      }
    }
  });

  it('a claim’s record has its verdicts’ sources in order and everyone’s name, read alone or with its article, and nothing of the other article', async () => {
    const [agreed] = await loadClaimRecords(t.db, article.id);
    // One claim alone is read another way (lib/services/claim-record.ts): the same record, and its article's settings.
    const { settings, ...record } = (await loadClaimRecord(t.db, agreed!.id))!;
    expect(record).toEqual(agreed);
    expect(settings).toEqual({ blindReview: true, consensusRule: 'plurality', minReviewers: 2, agreementThreshold: 0.6, maxSpread: 2 });
    expect(record.verdicts.map((v) => [v.reviewer.name, v.sources.map((s) => [s.position, s.url])])).toEqual([
      ['Relecteur Un', [[0, 'https://example.org/insee'], [1, 'https://example.org/dares']]],
      ['Relectrice Deux', []],
    ]);
    const records = await loadClaimRecords(t.db, article.id);
    for (const each of records) expect({ ...(await loadClaimRecord(t.db, each.id)), settings: undefined }).toEqual({ ...each, settings: undefined });
    const settled = records[2]!;
    expect(settled.adjudication).toMatchObject({ rating: 'mostly-true', editor: { id: editor.id, name: 'Éditrice' } });
    // The adjudication withdrawn is not in force; a deleted claim is no record.
    expect(records[3]!.adjudication).toBeNull();
    expect(await loadClaimRecord(t.db, deletedId)).toBeNull();
    const all = JSON.stringify(await loadClaimRecords(t.db, article.id));
    expect(all).not.toContain('Hors-champ');
    expect(all).not.toContain('https://example.org/ailleurs');
  });

  it('sources beyond one slice of verdicts all come back, each verdict’s in order', async () => {
    const big = await createArticle(ctxFor(t.db, editor), { text, title: 'Beaucoup de relecteurs' });
    const claim = await claimAt(big, author, 'La dette atteint');
    // More verdicts than one query asks for: a reviewer each, straight into the database.
    const count = IDS_PER_QUERY + 20;
    const reviewers = Array.from({ length: count }, (_, i) => ({ id: `bulk-reviewer-${i}`, email: `bulk-${i}@example.org`, name: `Relecteur ${i}`, passwordHash: 'x', role: 'reviewer' }));
    await t.db.user.createMany({ data: reviewers });
    await t.db.verdict.createMany({ data: reviewers.map((r, i) => ({ id: `bulk-verdict-${String(i).padStart(4, '0')}`, claimId: claim.id, reviewerId: r.id, rating: 'mixed' })) });
    await t.db.source.createMany({
      data: reviewers.flatMap((_, i) => [1, 0].map((position) => ({ verdictId: `bulk-verdict-${String(i).padStart(4, '0')}`, position, url: `https://example.org/${i}/${position}` }))),
    });
    const record = (await loadClaimRecord(t.db, claim.id))!;
    expect(record.verdicts).toHaveLength(count);
    for (const [i, v] of record.verdicts.entries()) {
      expect(v.reviewer.name).toBe(`Relecteur ${i}`);
      expect(v.sources.map((s) => s.url)).toEqual([`https://example.org/${i}/0`, `https://example.org/${i}/1`]);
    }
    const detail = await getClaim(ctxFor(t.db, editor), claim.id);
    expect(detail.sources).toHaveLength(count * 2);
  });
});
