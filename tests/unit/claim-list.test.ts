// The claims list's kept rows (lib/services/claim-list.ts): after
// every kind of change, from this client or another (another instance), the
// list read through them is the list read afresh; an unchanged article is
// answered without reading its rows again; a change that lands while the rows
// are being read is not hidden by them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../lib/db/client';
import { adjudicateClaim, withdrawAdjudication } from '../../lib/services/adjudications';
import { authorsOf, readClaimSummaries } from '../../lib/services/claim-rows';
import { listClaimViews, PATCH_LIMIT } from '../../lib/services/claim-list';
import { latestArticleEventId } from '../../lib/services/events';
import { toClaimView } from '../../lib/services/claim-views';
import { createClaim, deleteClaim, listClaims, updateClaim } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { createArticle, reviewSettings, updateArticle } from '../../lib/services/articles';
import { upsertVerdict, withdrawVerdict } from '../../lib/services/verdicts';
import { createTestDatabase, ctxFor, makeUser, type TestDatabase } from './support/database';

const TEXT = Array.from({ length: 30 }, (_, i) => `Selon l’Insee, le chiffre nº ${i} a « doublé » en un an.`).join(' ');
const verdict = (rating: string) => ({ rating, rationale: 'Vérifié d’après la source officielle.' });

/** The reads every list makes beside the claims' rows: the article's settings, its latest events, the authors' names. */
const LIST_SIDE_READS = /FROM "(Article|Event|User)" [a-z]\b/;

/**
 * A client that counts the queries of claims' rows it runs (in raw SQL, through `$queryRaw`
 * on a client that is not the process's own) and the rows they return, and can run something just after one.
 */
function watched(db: Db) {
  const state = { rowQueries: 0, rowsRead: 0, afterNextRowQuery: null as null | (() => Promise<unknown>) };
  const client = new Proxy(db, {
    get(target, prop) {
      if (prop !== '$queryRaw') return Reflect.get(target, prop, target);
      return async (...args: Parameters<Db['$queryRaw']>) => {
        const rows = await target.$queryRaw(...args);
        const query = args[0] as { sql?: string };
        if (LIST_SIDE_READS.test(query.sql ?? '')) return rows;
        state.rowQueries += 1;
        state.rowsRead += (rows as unknown[]).length;
        const after = state.afterNextRowQuery;
        state.afterNextRowQuery = null;
        if (after) await after();
        return rows;
      };
    },
  });
  return { client, state };
}

/** The list read afresh, every row from the database. */
async function fresh(db: Db, articleId: string, viewer: Actor) {
  const settings = reviewSettings(await db.article.findUniqueOrThrow({ where: { id: articleId } }));
  const summaries = await readClaimSummaries(db, articleId);
  const author = await authorsOf(db, summaries);
  return summaries.map((s) => toClaimView({ ...s, createdBy: author(s.createdById) }, settings, viewer));
}

/** The rows a client's kept list of the article counts toward KEPT_ROWS (its cache, kept on globalThis), beside a count afresh. */
async function keptRowCounts(db: Db, articleId: string) {
  const caches = (globalThis as unknown as { cruxClaimSummaries?: WeakMap<Db, Map<string, { rows: number }>> }).cruxClaimSummaries;
  const recount = (await readClaimSummaries(db, articleId)).reduce((rows, s) => rows + 1 + s.verdicts.length + s.reveals.length, 1);
  return { kept: caches?.get(db)?.get(articleId)?.rows, recount };
}

describe('the claims list’s kept rows', () => {
  let database: TestDatabase;
  let db: Db;
  let other: Db;
  let editor: Actor;
  let reviewers: Actor[];
  let n = 0;
  const passage = () => ({ exact: `le chiffre nº ${n++} a « doublé »` });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    // Another instance: a client of its own on the same database, with kept rows of its own.
    other = createDb(database.url);
    editor = await makeUser(db, 'editor', 'Éditrice');
    reviewers = await Promise.all(['Relectrice Une', 'Relecteur Deux', 'Relectrice Trois'].map((name) => makeUser(db, 'reviewer', name)));
  }, 60_000);

  afterAll(async () => {
    await Promise.all([db?.$disconnect(), other?.$disconnect()]);
    await database?.drop();
  });

  it('follow every change, from this instance or another, for every viewer', async () => {
    const article = await createArticle(ctxFor(db, editor), { text: TEXT });
    const [a, b, c] = reviewers as [Actor, Actor, Actor];
    const viewers = [editor, a, b, c];
    const expectFresh = async () => {
      for (const viewer of viewers) {
        for (const client of [db, other]) expect(await listClaims(ctxFor(client, viewer), article.id)).toEqual(await fresh(client, article.id, viewer));
      }
      // What they count toward the bound on kept rows, updated claim by claim, is their number.
      for (const client of [db, other]) {
        const { kept, recount } = await keptRowCounts(client, article.id);
        expect(kept).toBe(recount);
      }
    };
    await expectFresh();
    const steps: [string, (client: Db) => Promise<unknown>][] = [
      ['a claim marked', (client) => createClaim(ctxFor(client, a), article.id, passage())],
      ['another', (client) => createClaim(ctxFor(client, b), article.id, passage())],
      ['a first verdict', async (client) => upsertVerdict(ctxFor(client, a), (await listClaims(ctxFor(client, a), article.id))[0]!.id, verdict('false'))],
      ['a second', async (client) => upsertVerdict(ctxFor(client, b), (await listClaims(ctxFor(client, b), article.id))[0]!.id, verdict('true'))],
      ['a verdict replaced', async (client) => upsertVerdict(ctxFor(client, a), (await listClaims(ctxFor(client, a), article.id))[0]!.id, verdict('true'))],
      ['a verdict withdrawn', async (client) => withdrawVerdict(ctxFor(client, b), (await listClaims(ctxFor(client, b), article.id))[0]!.id)],
      ['a note changed', async (client) => updateClaim(ctxFor(client, a), (await listClaims(ctxFor(client, a), article.id))[0]!.id, { note: 'À recouper.' })],
      ['an adjudication', async (client) => adjudicateClaim(ctxFor(client, editor), (await listClaims(ctxFor(client, editor), article.id))[1]!.id, { rating: 'mixed', rationale: 'Tranché.' })],
      ['an adjudication withdrawn', async (client) => withdrawAdjudication(ctxFor(client, editor), (await listClaims(ctxFor(client, editor), article.id))[1]!.id)],
      ['blind review switched off', async (client) => {
        const { version } = await client.article.findUniqueOrThrow({ where: { id: article.id } });
        return updateArticle(ctxFor(client, editor), article.id, { version, settings: { blindReview: false } });
      }],
      ['a correction that moves every claim', async (client) => {
        const { version } = await client.article.findUniqueOrThrow({ where: { id: article.id } });
        return updateArticle(ctxFor(client, editor), article.id, { version, text: `Correctif : ${TEXT}` });
      }],
      ['a claim deleted', async (client) => deleteClaim(ctxFor(client, editor), (await listClaims(ctxFor(client, editor), article.id))[0]!.id)],
    ];
    const everyView = async () => JSON.stringify(await Promise.all(viewers.map((viewer) => listClaims(ctxFor(db, viewer), article.id))));
    for (const [i, [step, change]] of steps.entries()) {
      const before = await everyView();
      // Each step on one instance or the other, in turn.
      await change(i % 2 ? other : db);
      // The step changed what someone's list shows (else this test would prove nothing)…
      expect(await everyView(), step).not.toBe(before);
      // …and every viewer, on either instance, reads it as it is.
      await expectFresh();
    }
    expect((await listClaims(ctxFor(db, editor), article.id)).map((claim) => claim.start)).toEqual((await fresh(db, article.id, editor)).map((claim) => claim.start));
  }, 120_000);

  it('read an unchanged article’s rows once, then only the claims changed since, in their place in the text', async () => {
    const article = await createArticle(ctxFor(db, editor), { text: TEXT });
    const [a, b, c] = reviewers as [Actor, Actor, Actor];
    const claims = [];
    for (const i of [5, 6, 7]) claims.push(await createClaim(ctxFor(db, a), article.id, { exact: `le chiffre nº ${i} a « doublé »` }));
    for (const claim of claims) for (const reviewer of [a, b]) await upsertVerdict(ctxFor(db, reviewer), claim.id, verdict('false'));
    const { client, state } = watched(db);
    const first = await listClaims(ctxFor(client, editor), article.id);
    // 3 claims, 6 verdicts, no adjudication, 6 reveals.
    expect([state.rowQueries, state.rowsRead]).toEqual([4, 15]);
    expect(await listClaims(ctxFor(client, editor), article.id)).toEqual(first);
    expect(await listClaims(ctxFor(client, c), article.id)).toEqual(await fresh(db, article.id, c));
    expect([state.rowQueries, state.rowsRead]).toEqual([4, 15]);

    // A third verdict on the second claim, and a claim earlier in the text: only they are read.
    await upsertVerdict(ctxFor(db, c), claims[1]!.id, verdict('true'));
    const earlier = await createClaim(ctxFor(db, b), article.id, { exact: `le chiffre nº 2 a « doublé »` });
    const after = await listClaims(ctxFor(client, editor), article.id);
    expect(after).toEqual(await fresh(db, article.id, editor));
    expect(after.map((claim) => claim.id)).toEqual([earlier.id, ...claims.map((claim) => claim.id)]);
    expect(after[2]!.consensus.status).toBe('disputed');
    // 2 claims, 3 verdicts, 3 reveals.
    expect([state.rowQueries, state.rowsRead]).toEqual([8, 15 + 8]);
  });

  it('take many changes between two reads, each in its place: claims marked before, between and after the others, verdicts, a deletion', async () => {
    const article = await createArticle(ctxFor(db, editor), { text: TEXT });
    const [a, b, c] = reviewers as [Actor, Actor, Actor];
    const claims = [];
    for (const i of [4, 8, 12, 16]) claims.push(await createClaim(ctxFor(db, a), article.id, { exact: `le chiffre nº ${i} a « doublé »` }));
    const expectFresh = async () => {
      for (const viewer of [editor, a, b, c]) expect(await listClaims(ctxFor(db, viewer), article.id)).toEqual(await fresh(db, article.id, viewer));
      const { kept, recount } = await keptRowCounts(db, article.id);
      expect(kept).toBe(recount);
    };
    await expectFresh();

    // Marked and judged in one batch; one new claim judged too, one marked on the same sentence as another (a longer passage first).
    const marked = [];
    for (const exact of ['le chiffre nº 1 a', 'le chiffre nº 10 a', 'le chiffre nº 20 a', 'chiffre nº 8']) marked.push(await createClaim(ctxFor(db, b), article.id, { exact }));
    await upsertVerdict(ctxFor(db, c), claims[1]!.id, verdict('false'));
    await upsertVerdict(ctxFor(db, b), claims[3]!.id, verdict('true'));
    await upsertVerdict(ctxFor(db, a), marked[1]!.id, verdict('mixed'));
    await updateClaim(ctxFor(db, a), claims[2]!.id, { note: 'À recouper.' });
    await expectFresh();
    expect((await listClaims(ctxFor(db, editor), article.id)).map((claim) => claim.exact)).toEqual([
      'le chiffre nº 1 a', 'le chiffre nº 4 a « doublé »', 'le chiffre nº 8 a « doublé »', 'chiffre nº 8', 'le chiffre nº 10 a',
      'le chiffre nº 12 a « doublé »', 'le chiffre nº 16 a « doublé »', 'le chiffre nº 20 a',
    ]);

    // A deletion among verdicts and a new claim: the deleted claim leaves, the rest in place.
    await upsertVerdict(ctxFor(db, c), claims[0]!.id, verdict('true'));
    await deleteClaim(ctxFor(db, editor), claims[2]!.id);
    const last = await createClaim(ctxFor(db, c), article.id, { exact: 'le chiffre nº 13 a' });
    await expectFresh();
    const ids = (await listClaims(ctxFor(db, editor), article.id)).map((claim) => claim.id);
    expect(ids).not.toContain(claims[2]!.id);
    expect(ids).toContain(last.id);
  });

  it('read everything again after more than PATCH_LIMIT changes, or a change to the article itself', async () => {
    const article = await createArticle(ctxFor(db, editor), { text: Array.from({ length: PATCH_LIMIT + 10 }, (_, i) => `Fait nº ${i}.`).join(' ') });
    const { client, state } = watched(db);
    await listClaims(ctxFor(client, editor), article.id);
    // Marked from the end of the text backwards, each a change of its own.
    for (let i = PATCH_LIMIT + 5; i >= 0; i--) await createClaim(ctxFor(db, reviewers[i % 3]!), article.id, { exact: `Fait nº ${i}.` });
    const before = state.rowQueries;
    const listed = await listClaims(ctxFor(client, editor), article.id);
    expect(listed).toHaveLength(PATCH_LIMIT + 6);
    expect(listed).toEqual(await fresh(db, article.id, editor));
    expect(state.rowsRead).toBe(PATCH_LIMIT + 6);
    // Blind review off: an event on the article, so every claim is read again.
    await updateArticle(ctxFor(db, editor), article.id, { version: 1, settings: { blindReview: false } });
    expect(await listClaims(ctxFor(client, reviewers[0]!), article.id)).toEqual(await fresh(db, article.id, reviewers[0]!));
    expect([state.rowQueries - before, state.rowsRead]).toEqual([8, 2 * (PATCH_LIMIT + 6)]);
  }, 60_000);

  it('a list read with the settings of just before a change to them does not stay: the next read has the new ones', async () => {
    const article = await createArticle(ctxFor(db, editor), { text: TEXT });
    const claim = await createClaim(ctxFor(db, reviewers[0]!), article.id, passage());
    for (const [i, rating] of ['false', 'false', 'false'].entries()) await upsertVerdict(ctxFor(db, reviewers[i]!), claim.id, verdict(rating));
    const before = reviewSettings(await db.article.findUniqueOrThrow({ where: { id: article.id } }));
    expect((await listClaims(ctxFor(db, editor), article.id))[0]!.consensus.status).toBe('consensus');
    // A reader read the settings, then the rule changed, then they read the claims.
    await updateArticle(ctxFor(db, editor), article.id, { version: 1, settings: { minReviewers: 5 } });
    expect((await listClaimViews(db, article.id, before, editor))[0]!.consensus.status).toBe('consensus');
    const now = await listClaims(ctxFor(db, editor), article.id);
    expect(now[0]!.consensus.status).toBe('needs-review');
    expect(now).toEqual(await fresh(db, article.id, editor));
  });

  it('names are read afresh: a renamed author shows under the new name without any change to the article', async () => {
    const article = await createArticle(ctxFor(db, editor), { text: TEXT });
    const author = await makeUser(db, 'reviewer', 'Ancien Nom');
    await createClaim(ctxFor(db, author), article.id, passage());
    expect((await listClaims(ctxFor(db, editor), article.id))[0]!.createdBy.name).toBe('Ancien Nom');
    const mark = await latestArticleEventId(db, article.id);
    await db.user.update({ where: { id: author.id }, data: { name: 'Nouveau Nom' } });
    expect(await latestArticleEventId(db, article.id)).toBe(mark);
    expect((await listClaims(ctxFor(db, editor), article.id))[0]!.createdBy.name).toBe('Nouveau Nom');
  });

  it('a change that lands while the rows are read is not hidden by them', async () => {
    const article = await createArticle(ctxFor(db, editor), { text: TEXT });
    const claim = await createClaim(ctxFor(db, reviewers[0]!), article.id, passage());
    const { client, state } = watched(db);
    // Just after the claims are read (before their verdicts are), another instance saves a verdict.
    state.afterNextRowQuery = () => upsertVerdict(ctxFor(other, reviewers[1]!), claim.id, verdict('false'));
    await listClaims(ctxFor(client, editor), article.id);
    expect(state.afterNextRowQuery).toBeNull();
    const now = await listClaims(ctxFor(client, editor), article.id);
    expect(now[0]!.consensus.counts).toEqual((await fresh(db, article.id, editor))[0]!.consensus.counts);
    expect(now).toEqual(await fresh(db, article.id, editor));
  });
});
