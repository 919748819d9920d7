// npm run export: streams an export to a file, as an admin sees it; bad
// options exit 1 naming the option.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../lib/db/client';
import { createArticle } from '../../lib/services/articles';
import { createClaim } from '../../lib/services/claims';
import { upsertVerdict } from '../../lib/services/verdicts';
import { parseCsv } from './support/csv';
import { createTestDatabase, ctxFor, makeUser, testProvider, type TestDatabase } from './support/database';

const run = promisify(execFile);

describe(`npm run export (${testProvider})`, () => {
  let database: TestDatabase;
  let db: Db;
  let dir: string;
  let articleId: string;

  async function exportCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = { ...process.env, DATABASE_URL: database.url, CRUX_PUBLIC_URL: 'https://crux.example.org' };
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/export.ts', ...args], { env, encoding: 'utf8' });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-export-cli-'));
    const editor = await makeUser(db, 'editor', 'Éditrice');
    const reviewer = await makeUser(db, 'reviewer', 'Rita');
    const article = await createArticle(ctxFor(db, editor), { text: 'Le ministre parle de « 300 morts » en septembre. L’AFP dit 30.', title: 'Bilan : « 300 morts »' });
    articleId = article.id;
    const claim = await createClaim(ctxFor(db, reviewer), article.id, { exact: '« 300 morts »' });
    await createClaim(ctxFor(db, reviewer), article.id, { exact: 'L’AFP dit 30' });
    // Under blind review (the default), which the CLI's admin view sees through.
    await upsertVerdict(ctxFor(db, reviewer), claim.id, { rating: 'false', sources: [{ url: 'https://afp.example/30', title: 'Dépêche AFP' }] });
    await upsertVerdict(ctxFor(db, editor), claim.id, { rating: 'false' });
  }, 60_000);

  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a CSV with semicolons and a byte order mark, every claim with --scope all', async () => {
    const out = path.join(dir, 'claims.csv');
    const { code, stdout } = await exportCli('--format', 'csv', '--article', articleId, '--scope', 'all', '--delimiter', ';', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toContain(out);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFarticle_id;')).toBe(true);
    const rows = parseCsv(text.slice(1), ';');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain('« 300 morts »');
    expect(rows[1]).toContain('Dépêche AFP <https://afp.example/30>');
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
  }, 30_000);

  it('exports every article as ClaimReview, the reviewed claims only by default', async () => {
    const out = path.join(dir, 'reviews.jsonld');
    expect((await exportCli('--format', 'claimreview', '--out', out)).code).toBe(0);
    const reviews = JSON.parse(fs.readFileSync(out, 'utf8')) as { url: string; reviewRating: { ratingValue: number } }[];
    expect(reviews).toHaveLength(1);
    expect(reviews[0]!.url).toMatch(new RegExp(`^https://crux\\.example\\.org/articles/${articleId}\\?claim=`));
    expect(reviews[0]!.reviewRating.ratingValue).toBe(1);
  }, 30_000);

  it.each([
    [['--format', 'pdf', '--out', 'x'], '--format'],
    [['--format', 'csv'], '--out'],
    [['--out', 'x'], '--format'],
    [['--format', 'csv', '--delimiter', '|', '--out', 'x'], '--delimiter'],
    [['--format', 'csv', '--colour', 'red', '--out', 'x'], '--colour'],
    [['--format', 'csv', '--article', 'nope', '--out', 'x'], 'article'],
  ])('%j exits 1 naming %s, and writes nothing', async (args, named) => {
    const { code, stderr } = await exportCli(...args.map((a) => (a === 'x' ? path.join(dir, 'never.csv') : a)));
    expect(code).toBe(1);
    expect(stderr).toContain(named);
    expect(fs.existsSync(path.join(dir, 'never.csv'))).toBe(false);
  }, 30_000);
});
