// One claim's record (lib/services/claim-record.ts): the raw-SQL reads give
// exactly what Prisma's nested query gives, on SQLite and PostgreSQL (the one
// joined statement on PostgreSQL only), and the app uses the five reads where
// they go straight to SQLite, the joined statement on PostgreSQL.
import { describe, expect, it } from 'vitest';
import { isPostgresqlClient } from '../../lib/db/client';
import { insertRows, newId } from '../../lib/db/insert-rows';
import { readsDirectly } from '../../lib/db/raw-rows';
import { Prisma } from '../../lib/generated/prisma/client';
import { claimRecordReaders, joinedClaimRecordSql, loadClaimRecord } from '../../lib/services/claim-record';
import { testProvider, useDatabase } from './support/database';
import { reviewedArticle } from './support/reviewed-article';

describe('claim-record', () => {
  const t = useDatabase();
  const { query, read, joined } = claimRecordReaders;
  // The joined statement gathers rows with PostgreSQL's JSON functions.
  const rawReaders = testProvider === 'postgresql' ? [read, joined] : [read];

  it('reads every claim exactly as Prisma’s nested query does: verdicts and their sources in order, names, the adjudication in force, reveals, settings', async () => {
    const { id, ids } = await reviewedArticle(t.db);
    // Settings other than the defaults, a fraction among them.
    await t.db.article.update({ where: { id }, data: { blindReview: false, consensusRule: 'ordinal', agreementThreshold: 0.75, minReviewers: 3 } });
    for (const claimId of ids) for (const reader of rawReaders) expect(await reader(t.db, claimId)).toEqual(await query(t.db, claimId));

    for (const reader of rawReaders) {
      const record = (await reader(t.db, ids[1]!))!;
      expect(record.verdicts.map((v) => [v.reviewer.name, v.rating, v.sources.map((s) => s.url)])).toEqual([
        ['Rita « la relectrice »', 'false', ['https://example.org/b', 'https://example.org/a']],
        [null, 'mostly-false', ['https://example.org/c']],
      ]);
      expect(record.verdicts[0]!.rationale).toBe('Démenti par l’Élysée.');
      expect(record.adjudication).toMatchObject({ rating: 'mostly-false', rationale: 'Second.', editor: { name: 'Éditrice' } });
      expect(record.reveals.map((r) => r.initialRating)).toEqual(['false', 'mostly-false']);
      expect(record.settings).toEqual({ blindReview: false, consensusRule: 'ordinal', minReviewers: 3, agreementThreshold: 0.75, maxSpread: 2 });
      expect(record.createdBy.name).toBe('Rita « la relectrice »');
      expect(record.createdAt).toBeInstanceOf(Date);
    }
  }, 30_000);

  it('reads no record for a deleted claim or an unknown id, either way', async () => {
    const { ids } = await reviewedArticle(t.db);
    for (const claimId of [ids[4]!, 'inconnue']) {
      for (const reader of rawReaders) expect(await reader(t.db, claimId)).toBeNull();
      expect(await query(t.db, claimId)).toBeNull();
      expect(await loadClaimRecord(t.db, claimId)).toBeNull();
    }
  });

  it('reads with raw SQL, five statements straight to SQLite or one joined on PostgreSQL (in a transaction too, seeing its changes)', async () => {
    const { ids } = await reviewedArticle(t.db);
    expect(readsDirectly(t.db)).toBe(testProvider === 'sqlite');
    expect(isPostgresqlClient(t.db)).toBe(testProvider === 'postgresql');
    expect(await loadClaimRecord(t.db, ids[1]!)).toEqual(await query(t.db, ids[1]!));
    await t.db.$transaction(async (tx) => {
      expect(readsDirectly(tx)).toBe(testProvider === 'sqlite');
      expect(isPostgresqlClient(tx)).toBe(testProvider === 'postgresql');
      await tx.claim.update({ where: { id: ids[1]! }, data: { note: 'Changée « en cours »' } });
      const record = await loadClaimRecord(tx, ids[1]!);
      expect(record?.note).toBe('Changée « en cours »');
      expect(record).toEqual(await query(tx, ids[1]!));
    });
  });

  it('reads a claim’s own sources among a thousand others, on PostgreSQL by their verdict’s index rather than a scan of every source', async () => {
    const { ids } = await reviewedArticle(t.db);
    const other = await t.db.verdict.findFirstOrThrow({ where: { claimId: ids[6]! } });
    const many = Array.from({ length: 1_000 }, (_, position) => ({ id: newId(), verdictId: other.id, position, url: `https://example.org/autre/${position}`, title: null, publisher: null, quote: null, stance: null, accessedAt: null, archiveUrl: null }));
    await insertRows(t.db, 'Source', many);
    for (const reader of rawReaders) {
      expect((await reader(t.db, ids[1]!))!.verdicts.map((v) => v.sources.map((s) => s.url))).toEqual([['https://example.org/b', 'https://example.org/a'], ['https://example.org/c']]);
      expect((await reader(t.db, ids[6]!))!.verdicts[0]!.sources).toHaveLength(1_000);
    }
    if (testProvider === 'postgresql') {
      // Before statistics are gathered and after: PostgreSQL's planner chose to hash the whole table either way.
      for (const analyze of [false, true]) {
        if (analyze) await t.db.$executeRawUnsafe('ANALYZE "Source"');
        const [row] = await t.db.$queryRaw<{ 'QUERY PLAN': unknown }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${joinedClaimRecordSql(ids[1]!)}`);
        const scanned: string[] = [];
        const walk = (node: { 'Node Type'?: string; 'Relation Name'?: string; Plans?: unknown[] }) => {
          if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) scanned.push(node['Relation Name']);
          for (const child of node.Plans ?? []) walk(child as typeof node);
        };
        for (const root of row!['QUERY PLAN'] as { Plan: Parameters<typeof walk>[0] }[]) walk(root.Plan);
        expect(scanned).not.toContain('Source');
      }
    }
  });
});
