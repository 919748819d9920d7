// The archive at newsroom size: 5,000 claims with 3 verdicts each (sources,
// reveals, a comment on every tenth) on a 200,000-character article, exported,
// imported into a fresh database and exported again, the same, in seconds.
import { beforeAll, describe, expect, it } from 'vitest';
import { insertRows, newId } from '../../lib/db/insert-rows';
import { archiveSchema } from '../../lib/export/archive-schema';
import { RATINGS } from '../../lib/ratings';
import { streamArchive } from '../../lib/services/archive-export';
import { importArchive } from '../../lib/services/archive-import';
import { createArticle } from '../../lib/services/articles';
import type { Actor } from '../../lib/services/context';
import { archiveText, normalized, rowCounts } from './support/archive-fixture';
import { ctxFor, makeUser, useDatabase } from './support/database';

const CLAIMS = 5_000;
const REVIEWERS = 3;
/**
 * Generous, for a shared 2-core machine: the point is seconds, not a refused query or a
 * quadratic blow-up. Measured on SQLite: export 0.5 s, import 1.7 s (9 s before the
 * import wrote with multi-row INSERTs, lib/db/insert-rows.ts).
 */
const EXPORT_BOUND_MS = 30_000;
const IMPORT_BOUND_MS = 30_000;

describe('archive round trip of 5,000 claims × 3 verdicts', () => {
  const source = useDatabase();
  const target = useDatabase();
  let editor: Actor;

  beforeAll(async () => {
    editor = await makeUser(source.db, 'editor', 'Éditrice');
    const reviewers: Actor[] = [];
    for (let i = 0; i < REVIEWERS; i++) reviewers.push(await makeUser(source.db, 'reviewer', `Relecteur ${i + 1}`));
    const sentence = 'Le ministre a déclaré que « le chômage a baissé de 3 % » l’an dernier, selon l’INSEE. ';
    const text = sentence.repeat(Math.ceil(200_000 / sentence.length)).slice(0, 199_999).trimEnd() + '.';
    const article = await createArticle(ctxFor(source.db, editor), { text, title: 'Article de taille rédaction' });
    const stride = Math.floor(article.text.length / CLAIMS);
    const claims = Array.from({ length: CLAIMS }, (_, i) => {
      const start = i * stride;
      const end = start + 30;
      return { id: newId(), articleId: article.id, revision: 1, exact: article.text.slice(start, end), prefix: article.text.slice(Math.max(0, start - 32), start), suffix: article.text.slice(end, end + 32), start, end, createdById: reviewers[i % REVIEWERS]!.id };
    });
    const now = new Date();
    await insertRows(source.db, 'Claim', claims.map((c) => ({ ...c, createdAt: now, updatedAt: now })));
    const ids = claims.map((c) => c.id); // in text order
    const verdicts = ids.flatMap((claimId, i) => reviewers.map((r, j) => ({ id: `v${i}x${j}`, claimId, reviewerId: r.id, rating: RATINGS[(i + j) % RATINGS.length]!, rationale: `Justification ${i}-${j} : chiffres de l’INSEE.` })));
    await insertRows(source.db, 'Verdict', verdicts.map((v) => ({ ...v, createdAt: now, updatedAt: now })));
    await insertRows(source.db, 'ClaimReveal', verdicts.map((v) => ({ id: newId(), claimId: v.claimId, userId: v.reviewerId, initialRating: v.rating, createdAt: now })));
    await insertRows(source.db, 'Source', verdicts.filter((_, k) => k % 2 === 0).map((v) => ({ id: newId(), verdictId: v.id, position: 0, url: `https://insee.fr/${v.id}`, title: 'Insee', stance: 'supports' })));
    await insertRows(source.db, 'Comment', ids.filter((_, i) => i % 10 === 0).map((claimId) => ({ id: newId(), claimId, authorId: editor.id, body: 'Vu ✓', createdAt: now })));
  }, 120_000);

  it('exports, imports and exports again the same archive; a second import changes nothing', async () => {
    let started = performance.now();
    const exported = await archiveText(ctxFor(source.db, editor));
    const exportMs = performance.now() - started;

    started = performance.now();
    const summary = await importArchive(target.db, JSON.parse(exported));
    const importMs = performance.now() - started;
    expect(summary.claims).toEqual({ created: CLAIMS, present: 0 });
    expect(summary.verdicts).toEqual({ created: CLAIMS * REVIEWERS, present: 0 });

    const importer = await target.db.user.findUniqueOrThrow({ where: { email: editor.email } });
    const again = await archiveText(ctxFor(target.db, { id: importer.id, email: importer.email, name: importer.name, role: 'editor' }));
    expect(normalized(archiveSchema.parse(JSON.parse(again)))).toEqual(normalized(archiveSchema.parse(JSON.parse(exported))));

    const before = await rowCounts(target.db);
    expect((await importArchive(target.db, JSON.parse(exported))).claims).toEqual({ created: 0, present: CLAIMS });
    expect(await rowCounts(target.db)).toEqual(before);
    console.log(`archive of ${CLAIMS} claims × ${REVIEWERS} verdicts (${(exported.length / 1e6).toFixed(1)} MB): export ${exportMs.toFixed(0)} ms, import ${importMs.toFixed(0)} ms`);
    expect(exportMs).toBeLessThan(EXPORT_BOUND_MS);
    expect(importMs).toBeLessThan(IMPORT_BOUND_MS);
  }, 400_000);

  it('streams a claim at a time: no piece holds more than one claim', async () => {
    const pieces: string[] = [];
    for await (const piece of streamArchive(ctxFor(source.db, editor))) pieces.push(piece);
    const archive = archiveSchema.parse(JSON.parse(pieces.join('')));
    // The claims as written (JSON.parse keeps the order of their fields, the schema's parse does not).
    const written = JSON.parse(pieces.join('')) as { articles: { claims: unknown[] }[] };
    const claims = written.articles[0]!.claims.map((claim) => JSON.stringify(claim));
    expect(claims).toHaveLength(CLAIMS);
    // Each claim is a piece of its own, and so is each comma between two.
    const first = pieces.indexOf(claims[0]!);
    expect(first).toBeGreaterThan(0);
    expect(pieces.slice(first, first + 2 * claims.length - 1)).toEqual(claims.flatMap((claim, i) => (i === 0 ? [claim] : [',', claim])));
    // The article's head and the people come whole.
    const longestClaim = Math.max(...claims.map((c) => c.length));
    const headAndPeople = JSON.stringify({ ...archive.articles[0], claims: [], history: [] }).length + JSON.stringify(archive.users).length;
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(Math.max(longestClaim, headAndPeople));
  }, 120_000);

  it('streams the history an event at a time: no piece holds more than one event', async () => {
    // Events as changes record them, each with a snapshot of several KB; more than one page of them (EVENTS_PER_PAGE).
    const article = await source.db.article.findFirstOrThrow();
    const claims = await source.db.claim.findMany({ take: 250, select: { id: true } });
    const recorded = await source.db.event.count({ where: { articleId: article.id } }); // the article's creation
    const payload = JSON.stringify({ before: null, after: null, claim: { note: 'Relu d’après l’INSEE. '.repeat(150) } });
    const now = new Date();
    await insertRows(source.db, 'Event', claims.map((c) => ({ articleId: article.id, claimId: c.id, type: 'claim.updated', entityId: c.id, actorId: editor.id, payload, createdAt: now })));
    const pieces: string[] = [];
    for await (const piece of streamArchive(ctxFor(source.db, editor))) pieces.push(piece);
    const written = JSON.parse(pieces.join('')) as { articles: { history: unknown[] }[] };
    const events = written.articles[0]!.history;
    expect(events).toHaveLength(recorded + claims.length);
    // Each event a piece of its own (its payload as stored, in ASCII: not JSON.stringify's text), and so is each comma between two.
    const first = pieces.findIndex((piece) => piece.startsWith('{"type":'));
    expect(first).toBeGreaterThan(0);
    const eventPieces = pieces.slice(first, first + 2 * events.length - 1);
    expect(eventPieces.filter((_, i) => i % 2 === 1)).toEqual(Array.from({ length: events.length - 1 }, () => ','));
    expect(eventPieces.filter((_, i) => i % 2 === 0).map((piece) => JSON.parse(piece) as unknown)).toEqual(events);
  }, 120_000);
});

