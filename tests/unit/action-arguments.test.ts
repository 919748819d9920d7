// Server actions take their arguments from the browser as they are: whatever
// JSON-like value a caller sends. They are checked like the API's (Zod, lib/
// validation.ts) before any service sees them; an object where an id belongs
// once reached Prisma as a filter.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '../../lib/db/client';
import { createArticle, type ArticleDetail } from '../../lib/services/articles';
import { createClaim, type ClaimDetail } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, makeUser, testProvider, useProcessDatabase } from './support/database';
import { signInAs } from './support/session';

vi.mock('next-auth', async (original) => (await import('./support/session')).mockNextAuth(await original()));
vi.mock('next/cache', async () => (await import('./support/session')).mockNextCache());
vi.mock('next/headers', async (original) => (await import('./support/session')).mockNextHeaders(await original()));

const actions = await import('../../app/actions');

/** A Prisma filter where an id belongs: it matches every id. */
const ANY_ID = { contains: '' } as unknown as string;

describe(`server action arguments on ${testProvider}`, { timeout: 30_000 }, () => {
  useProcessDatabase();
  let editor: Actor;
  let rita: Actor;
  let remi: Actor;
  let article: ArticleDetail;
  const claims: ClaimDetail[] = [];

  beforeAll(async () => {
    editor = await makeUser(db(), 'editor');
    rita = await makeUser(db(), 'reviewer');
    remi = await makeUser(db(), 'reviewer');
    article = await createArticle(ctxFor(db(), editor), { text: 'Un. Deux. Trois. Quatre.' });
    for (const exact of ['Un', 'Deux']) claims.push(await createClaim(ctxFor(db(), rita), article.id, { exact }));
    // Remi's claim, which nobody has reviewed.
    claims.push(await createClaim(ctxFor(db(), remi), article.id, { exact: 'Trois' }));
    await upsertVerdict(ctxFor(db(), rita), claims[1]!.id, { rating: 'true', rationale: 'Vérifié.' });
  }, 60_000);

  afterAll(async () => {
    signInAs(null);
  });

  it('refuses a filter as the claim id of a withdrawal (it reached Prisma, which chose the verdict to withdraw by it)', async () => {
    signInAs(rita.id);
    const result = await actions.withdrawVerdictAction(ANY_ID);
    expect(result).toMatchObject({ ok: false, error: { code: 'validation_failed', key: 'validation', issues: [{ path: ['claimId'], key: 'invalid' }] } });
    expect(await db().verdict.count({ where: { reviewerId: rita.id } })).toBe(1);
  });

  it('refuses a filter as the claim id of a deletion (it reached Prisma as a filter over every claim)', async () => {
    signInAs(rita.id);
    const result = await actions.deleteClaimAction(ANY_ID);
    expect(result).toMatchObject({ ok: false, error: { code: 'validation_failed', issues: [{ path: ['claimId'] }] } });
    expect(await db().claim.count({ where: { deletedAt: null } })).toBe(3);
  });

  it('refuses a lone surrogate in a body, naming the field, and stores nothing (as REST does)', async () => {
    signInAs(rita.id);
    const result = await actions.postCommentAction(claims[1]!.id, { body: 'Voir \ud800 ici' });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation_failed', issues: [{ path: ['input', 'body'] }] } });
    expect(await db().comment.count()).toBe(0);
  });

  it('refuses an id too long for an id, naming the argument and the limit, as a 422 result', async () => {
    signInAs(rita.id);
    const result = await actions.loadClaimAction('c'.repeat(101));
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'validation_failed',
        key: 'validation',
        params: {},
        message: 'The claim id is too long: at most 100 characters.',
        issues: [{ path: ['claimId'], key: 'tooLong', params: { max: 100 }, message: 'The claim id is too long: at most 100 characters.' }],
      },
    });
  });

  it('refuses every non-string id: numbers, arrays, null, an empty string', async () => {
    signInAs(editor.id);
    for (const bad of [42, [claims[0]!.id], null, '', { equals: claims[0]!.id }]) {
      const result = await actions.getAdjudicationAction(bad as unknown as string);
      expect(result, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'validation_failed', issues: [{ path: ['claimId'] }] } });
    }
    // Two arguments, two issues: each named.
    const result = await actions.editCommentAction(7 as unknown as string, undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'validation_failed', issues: [{ path: ['commentId'] }] } });
  });

  it('checks a body with the REST route’s schema: the same issues as PUT /claims/:id/verdict', async () => {
    signInAs(remi.id);
    const verdict = { rating: 'sure', rationale: 'x'.repeat(10_001), sources: [{ url: 'javascript:alert(1)' }], extra: true };
    const result = await actions.saveVerdictAction(claims[0]!.id, verdict);
    expect(result.ok).toBe(false);
    const { upsertVerdict: service } = await import('../../lib/services/verdicts');
    const direct = await service(ctxFor(db(), remi), claims[0]!.id, verdict).catch((e: { issues: unknown }) => e.issues);
    expect(!result.ok && result.error.issues).toEqual(direct);
    expect(!result.ok && result.error.issues.map((i) => i.path)).toEqual([['rating'], ['rationale'], ['sources', 0, 'url'], ['extra']]);
  });

  it('reads a form action’s fields as text: a file or no form at all gives empty fields, refused by the service', async () => {
    signInAs(editor.id);
    const form = new FormData();
    form.set('body', new Blob(['Un texte.']), 'article.txt');
    expect(await actions.createArticleAction({}, form)).toMatchObject({ error: { code: 'validation_failed', issues: [{ path: ['text'] }] } });
    expect(await actions.createArticleAction({}, { text: 'Un texte.' } as unknown as FormData)).toMatchObject({ error: { code: 'validation_failed' } });
    expect(await actions.createTokenAction({}, 'token' as unknown as FormData)).toMatchObject({ error: { code: 'validation_failed', issues: [{ path: ['name'] }] } });
  });
});
