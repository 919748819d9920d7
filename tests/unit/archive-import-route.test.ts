// POST /api/v1/imports in-process: an editor's upload, its size limit (413
// beyond ARCHIVE_MAX_BYTES, not the 1 MB of other requests) and bad archives
// (422 naming the path, nothing written).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { POST } from '../../app/api/v1/imports/route';
import { createDb, db } from '../../lib/db/client';
import { MAX_BODY_BYTES } from '../../lib/http';
import { ARCHIVE_MAX_BYTES } from '../../lib/services/archive-import';
import type { Actor } from '../../lib/services/context';
import { createToken } from '../../lib/services/tokens';
import { archiveText, buildRichFixture } from './support/archive-fixture';
import { ctxFor, createTestDatabase, makeUser, useProcessDatabase } from './support/database';

vi.mock('next-auth', async (original) => (await import('./support/session')).mockNextAuth(await original()));
vi.mock('next/headers', async (original) => (await import('./support/session')).mockNextHeaders(await original()));
process.env.AUTH_SECRET ??= 'archive-import-route-test-secret';

let address = 0;
async function upload(token: string, body: string, headers: Record<string, string> = {}) {
  const request = new Request('http://localhost/api/v1/imports', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-forwarded-for': `10.9.0.${++address}`, ...headers },
    body,
  });
  const response = await POST(request, { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('POST /api/v1/imports', () => {
  useProcessDatabase();
  let editor: Actor;
  let token: string;
  let archive: string;

  beforeAll(async () => {
    // The archive comes from another instance.
    const other = await createTestDatabase();
    const otherDb = createDb(other.url);
    const fixture = await buildRichFixture(otherDb);
    archive = await archiveText(ctxFor(otherDb, fixture.editor));
    await otherDb.$disconnect();
    await other.drop();
    editor = await makeUser(db(), 'editor');
    token = (await createToken(db(), editor.id, { name: 'import' })).token;
  }, 60_000);

  it('imports, then answers that everything is already present', async () => {
    const first = await upload(token, archive);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ articles: { created: 1, present: 0 }, claims: { created: 3, present: 0 } });
    const second = await upload(token, archive);
    expect(second.body).toMatchObject({ articles: { created: 0, present: 1 }, claims: { created: 0, present: 3 }, verdicts: { created: 0, present: 4 } });
  });

  it('takes bodies over the usual 1 MB, and answers 413 beyond its own limit', async () => {
    // Over 1 MB: refused elsewhere, here checked as an archive (and refused for its content, not its size).
    const padded = JSON.stringify({ format: 'crux.archive', version: 1, exportedAt: 'x'.repeat(MAX_BODY_BYTES + 10), articles: [], users: [] });
    const big = await upload(token, padded);
    expect(big.status).toBe(422);
    const tooLarge = await upload(token, '{}', { 'content-length': String(ARCHIVE_MAX_BYTES + 1) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ error: { code: 'payload_too_large', params: { max: ARCHIVE_MAX_BYTES } } });
  });

  it('a bad archive: 422 naming the path, nothing written', async () => {
    const before = await db().article.count();
    const broken = JSON.parse(archive) as { articles: { id: string; claims: { start: unknown }[] }[] };
    broken.articles[0]!.id = 'cnewarticle00000000000000';
    broken.articles[0]!.claims[2]!.start = -1;
    const answer = await upload(token, JSON.stringify(broken));
    expect(answer.status).toBe(422);
    expect((answer.body.error as { issues: { path: unknown }[] }).issues.map((i) => i.path)).toEqual([['articles', 0, 'claims', 2, 'start']]);
    expect(await db().article.count()).toBe(before);
  });
});
