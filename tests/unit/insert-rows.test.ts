// Rows written with multi-row INSERTs (lib/db/insert-rows.ts) read back through
// Prisma's client exactly as written: text with accents and quotes, numbers,
// booleans, dates, nulls; in statements under SQLite's 999 bound parameters.
// On SQLite and PostgreSQL (both vitest projects).
import { describe, expect, it } from 'vitest';
import { insertRows, MAX_PARAMETERS, newId } from '../../lib/db/insert-rows';
import { useDatabase } from './support/database';

describe('newId', () => {
  it('gives 25-character ids like cuid()’s, each one greater than the one before, within a millisecond too', () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => newId(1_800_000_000_000 + Math.floor(i / 1_000)));
    expect(ids.every((id) => /^c[0-9a-z]{24}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // A clock that steps back keeps counting on from the latest time seen.
    expect(newId(1_000) > ids.at(-1)!).toBe(true);
  });
});

describe('insertRows', () => {
  const t = useDatabase();

  it('writes more rows than one statement holds, each read back as written, in the order written', async () => {
    const at = new Date('2026-03-01T08:30:00.123Z');
    const articles = Array.from({ length: 300 }, (_, i) => ({
      id: newId(),
      title: `Dépêche n° ${i} : « l’Insee » ; "quoted" \\ ${'é'.repeat(i % 7)}`,
      language: 'fr',
      publishedAt: i % 2 ? null : '2026-03',
      blindReview: i % 3 === 0,
      agreementThreshold: 0.6 + i / 1_000,
      minReviewers: i % 5,
      createdAt: at,
      updatedAt: new Date(at.getTime() + i),
    }));
    expect(articles.length * Object.keys(articles[0]!).length).toBeGreaterThan(MAX_PARAMETERS);
    await insertRows(t.db, 'Article', articles);
    const read = await t.db.article.findMany({ where: { id: { in: articles.map((a) => a.id) } }, orderBy: { id: 'asc' } });
    expect(read.map((a) => ({ id: a.id, title: a.title, language: a.language, publishedAt: a.publishedAt, blindReview: a.blindReview, agreementThreshold: a.agreementThreshold, minReviewers: a.minReviewers, createdAt: a.createdAt, updatedAt: a.updatedAt }))).toEqual(articles);
    // Columns left out take the database's defaults.
    expect(read.every((a) => a.consensusRule === 'plurality' && a.currentRevision === 1)).toBe(true);
  });

  it('leaves an autoincrement id to the database, in the order of the rows', async () => {
    const events = Array.from({ length: 400 }, (_, i) => ({ articleId: null, type: 'claim.created', entityId: `e${i}`, claimId: null, actorId: null, payload: JSON.stringify({ i }), createdAt: new Date(0) }));
    await insertRows(t.db, 'Event', events);
    const read = await t.db.event.findMany({ where: { entityId: { startsWith: 'e' } }, orderBy: { id: 'asc' } });
    expect(read.map((e) => e.entityId)).toEqual(events.map((e) => e.entityId));
  });

  it('writes nothing for no rows', async () => {
    await expect(insertRows(t.db, 'Article', [])).resolves.toBeUndefined();
  });

  it('refuses rows whose columns differ from the first’s, and names that are not names', async () => {
    await expect(insertRows(t.db, 'Article', [{ id: newId(), title: 'a' }, { title: 'b', id: newId() }])).rejects.toThrow('Row 1 for Article has the columns title, id, not id, title.');
    await expect(insertRows(t.db, 'Article"; DROP TABLE "User', [{ id: newId(), title: 'a' }])).rejects.toThrow('Not a table or column name');
    await expect(insertRows(t.db, 'Article', [{ id: newId(), 'title" ) --': 'a' }])).rejects.toThrow('Not a table or column name');
    expect(await t.db.article.count({ where: { title: { in: ['a', 'b'] } } })).toBe(0);
  });
});
