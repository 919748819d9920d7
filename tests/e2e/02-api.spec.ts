import { expect, test, type APIRequestContext } from '@playwright/test';
import { createPerson, createTokenFor } from './helpers';

// The REST API (README, "REST API"), driven with personal access tokens made by the CLIs.
function bearer(token: string) {
  return { Authorization: `Bearer ${token}` };
}

async function tokenFor(email: string, role: 'admin' | 'editor' | 'reviewer'): Promise<string> {
  await createPerson({ email, role, name: `${role} bot` }, 'long enough password');
  return createTokenFor(email);
}

async function errorOf(response: Awaited<ReturnType<APIRequestContext['get']>>) {
  const body = (await response.json()) as { error: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] } };
  expect(body.error.code).toEqual(expect.any(String));
  expect(body.error.message).toEqual(expect.any(String));
  return body.error;
}

test('health answers without authentication', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
});

test('the API refuses anonymous and unknown-token calls with 401', async ({ request }) => {
  const anonymous = await request.get('/api/v1/articles');
  expect(anonymous.status()).toBe(401);
  expect((await errorOf(anonymous)).code).toBe('unauthenticated');
  const forged = await request.get('/api/v1/articles', { headers: bearer('crux_not-a-real-token') });
  expect(forged.status()).toBe(401);
});

test('an editor creates an article from plain text; a reviewer may not', async ({ request }) => {
  const editor = await tokenFor('editor@example.org', 'editor');
  const reviewer = await tokenFor('reviewer@example.org', 'reviewer');
  const text = 'date 2025-03-14 Le ministre a affirmé que « le chômage a baissé de 3 % » l’an dernier.\n\nUn second paragraphe.';

  const denied = await request.post('/api/v1/articles', { headers: bearer(reviewer), data: { text } });
  expect(denied.status()).toBe(403);

  const created = await request.post('/api/v1/articles', { headers: bearer(editor), data: { text, publisher: 'Exemple' } });
  expect(created.status()).toBe(201);
  const article = await created.json();
  expect(article.publishedAt).toBe('2025-03-14');
  expect(article.text.startsWith('Le ministre a affirmé')).toBe(true);
  expect(article.title).toBe('Le ministre a affirmé que « le chômage a baissé de 3 % » l’an dernier');

  const list = await (await request.get('/api/v1/articles', { headers: bearer(reviewer) })).json();
  expect(list.articles.map((a: { id: string }) => a.id)).toContain(article.id);

  // Reviewer marks a claim by quote alone; the server finds its position.
  const quote = '« le chômage a baissé de 3 % »';
  const claimResponse = await request.post(`/api/v1/articles/${article.id}/claims`, { headers: bearer(reviewer), data: { exact: quote } });
  expect(claimResponse.status()).toBe(201);
  const claim = await claimResponse.json();
  expect(article.text.slice(claim.start, claim.end)).toBe(quote);
  expect(claim.prefix).toBe('Le ministre a affirmé que ');

  // A stale position with the right quote is re-anchored by the quote.
  const moved = await request.post(`/api/v1/articles/${article.id}/claims`, {
    headers: bearer(editor),
    data: { exact: 'Un second paragraphe', start: 0, end: 20 },
  });
  expect(moved.status()).toBe(201);
  expect((await moved.json()).start).toBe(article.text.indexOf('Un second paragraphe'));

  const duplicate = await request.post(`/api/v1/articles/${article.id}/claims`, { headers: bearer(editor), data: { exact: quote } });
  expect(duplicate.status()).toBe(409);

  const missing = await request.post(`/api/v1/articles/${article.id}/claims`, { headers: bearer(reviewer), data: { exact: 'absent du texte' } });
  expect(missing.status()).toBe(422);
  expect((await errorOf(missing)).issues?.[0]?.path).toEqual(['exact']);

  // Verdicts: create, replace with version, stale version refused.
  const first = await request.put(`/api/v1/claims/${claim.id}/verdict`, {
    headers: bearer(reviewer),
    data: { rating: 'mostly-false', rationale: 'INSEE : -1,2 %.', sources: [{ url: 'https://www.insee.fr/fr/statistiques', title: 'INSEE', stance: 'refutes' }] },
  });
  expect(first.status()).toBe(201);
  const verdict = await first.json();
  expect(verdict.version).toBe(1);
  expect(verdict.consensus.status).toBe('needs-review');

  const replaced = await request.put(`/api/v1/claims/${claim.id}/verdict`, { headers: bearer(reviewer), data: { rating: 'false', version: 1 } });
  expect(replaced.status()).toBe(200);
  expect((await replaced.json()).version).toBe(2);
  const stale = await request.put(`/api/v1/claims/${claim.id}/verdict`, { headers: bearer(reviewer), data: { rating: 'true', version: 1 } });
  expect(stale.status()).toBe(409);

  await request.put(`/api/v1/claims/${claim.id}/verdict`, { headers: bearer(editor), data: { rating: 'false' } });
  const detail = await (await request.get(`/api/v1/claims/${claim.id}`, { headers: bearer(reviewer) })).json();
  expect(detail.consensus).toMatchObject({ status: 'consensus', leadingRating: 'false', agreement: 1, reviewerCount: 2 });
  expect(detail.consensus.counts.false).toBe(2);
  expect(detail.verdicts).toHaveLength(2);

  const listed = await (await request.get(`/api/v1/articles/${article.id}/claims`, { headers: bearer(editor) })).json();
  expect(listed.claims).toHaveLength(2);

  const json = await request.get(`/api/v1/articles/${article.id}/export?format=json&scope=all`, { headers: bearer(editor) });
  expect(json.headers()['content-type']).toContain('application/json');
  expect((await json.json()).articles[0].claims).toHaveLength(2);
  const badFormat = await request.get(`/api/v1/articles/${article.id}/export?format=pdf`, { headers: bearer(editor) });
  expect(badFormat.status()).toBe(422);
  expect((await errorOf(badFormat)).issues?.[0]?.path).toEqual(['format']);

  const withdrawn = await request.delete(`/api/v1/claims/${claim.id}/verdict`, { headers: bearer(editor) });
  expect(withdrawn.status()).toBe(200);
  expect((await withdrawn.json()).consensus.status).toBe('needs-review');
});

test('bad input gets a 4xx naming the field, never a 500', async ({ request }) => {
  const editor = await tokenFor('editor2@example.org', 'editor');
  // Raw bytes, so that Playwright sends malformed JSON as is.
  const post = (body: string) =>
    request.post('/api/v1/articles', { headers: { ...bearer(editor), 'content-type': 'application/json' }, data: Buffer.from(body) });

  const malformed = await post('{"text": ');
  expect(malformed.status()).toBe(400);
  expect((await errorOf(malformed)).code).toBe('bad_request');

  const empty = await post(JSON.stringify({ text: '   ' }));
  expect(empty.status()).toBe(422);
  expect((await errorOf(empty)).issues?.[0]?.path).toEqual(['text']);

  const badUrl = await post(JSON.stringify({ text: 'Un texte.', sourceUrl: 'javascript:alert(1)' }));
  expect(badUrl.status()).toBe(422);
  expect((await errorOf(badUrl)).issues?.[0]?.path).toEqual(['sourceUrl']);

  const unknownField = await post(JSON.stringify({ text: 'Un texte.', bogus: 1 }));
  expect(unknownField.status()).toBe(422);

  const notAnObject = await post('[1, 2]');
  expect(notAnObject.status()).toBe(422);

  const huge = await post(JSON.stringify({ text: 'x'.repeat(1_100_000) }));
  expect(huge.status()).toBe(413);

  const list = await (await request.get('/api/v1/articles', { headers: bearer(editor) })).json();
  const articleId = list.articles[0].id;
  const claim = await (
    await request.post(`/api/v1/articles/${articleId}/claims`, { headers: bearer(editor), data: { exact: list.articles[0].title.slice(0, 12) } })
  ).json();
  const badRating = await request.put(`/api/v1/claims/${claim.id}/verdict`, { headers: bearer(editor), data: { rating: 'pants-on-fire' } });
  expect(badRating.status()).toBe(422);
  expect((await errorOf(badRating)).issues?.[0]?.path).toEqual(['rating']);
  const badSource = await request.put(`/api/v1/claims/${claim.id}/verdict`, {
    headers: bearer(editor),
    data: { rating: 'true', sources: [{ url: 'ftp://example.org/file' }] },
  });
  expect(badSource.status()).toBe(422);
  expect((await errorOf(badSource)).issues?.[0]?.path).toEqual(['sources', 0, 'url']);
  // Nothing was half-written: the claim still has no verdict.
  const after = await (await request.get(`/api/v1/claims/${claim.id}`, { headers: bearer(editor) })).json();
  expect(after.verdicts).toHaveLength(0);

  expect((await request.get('/api/v1/claims/does-not-exist', { headers: bearer(editor) })).status()).toBe(404);
  expect((await request.get('/api/v1/no-such-endpoint', { headers: bearer(editor) })).status()).toBe(404);
  // A NUL character, which PostgreSQL's text cannot hold: bad input on every database, never a 500.
  const nulAddress = await request.get('/api/v1/claims/abc%00def', { headers: bearer(editor) });
  expect(nulAddress.status()).toBe(400);
  const nulRationale = await request.put(`/api/v1/claims/${claim.id}/verdict`, { headers: bearer(editor), data: { rating: 'true', rationale: 'a\u0000b' } });
  expect(nulRationale.status()).toBe(422);
  expect((await errorOf(nulRationale)).issues?.[0]?.path).toEqual(['rationale']);
});

test('the review desk over the API: blind review that holds, settings, discussion, adjudication', async ({ request }) => {
  const editor = await tokenFor('desk-editor@example.org', 'editor');
  const rita = await tokenFor('desk-rita@example.org', 'reviewer');
  const remi = await tokenFor('desk-remi@example.org', 'reviewer');
  const article = await (
    await request.post('/api/v1/articles', { headers: bearer(editor), data: { text: 'Le déficit a été divisé par deux en un an. Autre phrase.' } })
  ).json();
  expect(article.settings.blindReview).toBe(true);
  const claim = await (await request.post(`/api/v1/articles/${article.id}/claims`, { headers: bearer(rita), data: { exact: 'Le déficit a été divisé par deux' } })).json();
  await request.put(`/api/v1/claims/${claim.id}/verdict`, { headers: bearer(rita), data: { rating: 'false', rationale: 'Raisonnement de Rita.' } });

  // Rémi has not rated: he sees nothing of Rita's judgement, and the thread is closed to him.
  const blind = await (await request.get(`/api/v1/claims/${claim.id}`, { headers: bearer(remi) })).json();
  expect(blind.consensus).toMatchObject({ status: 'needs-review', reviewerCount: 0, leadingRating: null });
  expect(blind.verdicts).toEqual([]);
  expect(JSON.stringify(blind)).not.toContain('Raisonnement de Rita');
  expect((await request.get(`/api/v1/claims/${claim.id}/comments`, { headers: bearer(remi) })).status()).toBe(403);
  const csv = await (await request.get(`/api/v1/articles/${article.id}/export?format=csv&scope=all`, { headers: bearer(remi) })).text();
  expect(csv).not.toContain('Raisonnement de Rita');

  // The withdraw trick: rate, read, withdraw — and the claim stays revealed.
  await request.put(`/api/v1/claims/${claim.id}/verdict`, { headers: bearer(remi), data: { rating: 'true' } });
  await request.delete(`/api/v1/claims/${claim.id}/verdict`, { headers: bearer(remi) });
  const after = await (await request.get(`/api/v1/claims/${claim.id}`, { headers: bearer(remi) })).json();
  expect(after.verdictsVisible).toBe(true);
  expect(after.verdicts.map((v: { rationale: string }) => v.rationale)).toEqual(['Raisonnement de Rita.']);
  const again = await (await request.put(`/api/v1/claims/${claim.id}/verdict`, { headers: bearer(remi), data: { rating: 'mostly-true' } })).json();
  expect(again).toMatchObject({ initialRating: 'true', revisedAfterReveal: true });

  // Settings: reviewers 403, editors with the version, 409 when stale.
  expect((await request.patch(`/api/v1/articles/${article.id}`, { headers: bearer(rita), data: { settings: { minReviewers: 3 }, version: 1 } })).status()).toBe(403);
  const changed = await request.patch(`/api/v1/articles/${article.id}`, { headers: bearer(editor), data: { settings: { agreementThreshold: 0.5 }, version: 1 } });
  expect(changed.status()).toBe(200);
  expect((await changed.json()).settings.agreementThreshold).toBe(0.5);
  expect((await request.patch(`/api/v1/articles/${article.id}`, { headers: bearer(editor), data: { settings: { minReviewers: 3 }, version: 1 } })).status()).toBe(409);
  const badSetting = await request.patch(`/api/v1/articles/${article.id}`, { headers: bearer(editor), data: { settings: { minReviewers: 0 }, version: 2 } });
  expect(badSetting.status()).toBe(422);
  expect((await errorOf(badSetting)).issues?.[0]?.path).toEqual(['settings', 'minReviewers']);

  // Discussion: post, edit own, others may not; editors delete.
  const posted = await request.post(`/api/v1/claims/${claim.id}/comments`, { headers: bearer(remi), data: { body: 'Voir le rapport de la Cour des comptes.' } });
  expect(posted.status()).toBe(201);
  const comment = await posted.json();
  expect((await request.patch(`/api/v1/comments/${comment.id}`, { headers: bearer(rita), data: { body: 'Non.' } })).status()).toBe(403);
  expect((await request.patch(`/api/v1/comments/${comment.id}`, { headers: bearer(remi), data: { body: 'Rapport 2025.' } })).status()).toBe(200);
  const thread = await (await request.get(`/api/v1/claims/${claim.id}/comments`, { headers: bearer(rita) })).json();
  expect(thread.comments.map((c: { body: string }) => c.body)).toEqual(['Rapport 2025.']);
  expect((await request.delete(`/api/v1/comments/${comment.id}`, { headers: bearer(editor) })).status()).toBe(204);

  // Adjudication: reviewers 403; the editor settles, everyone reads it; withdrawn, the history stays.
  expect((await request.post(`/api/v1/claims/${claim.id}/adjudication`, { headers: bearer(rita), data: { rating: 'false', rationale: 'x' } })).status()).toBe(403);
  const settled = await request.post(`/api/v1/claims/${claim.id}/adjudication`, { headers: bearer(editor), data: { rating: 'mostly-false', rationale: 'Chiffres de l’Insee.' } });
  expect(settled.status()).toBe(201);
  expect((await settled.json()).consensus).toMatchObject({ status: 'adjudicated', finalRating: 'mostly-false' });
  const read = await (await request.get(`/api/v1/claims/${claim.id}/adjudication`, { headers: bearer(rita) })).json();
  expect(read.current).toMatchObject({ rating: 'mostly-false', rationale: 'Chiffres de l’Insee.' });
  const withdrawn = await (await request.delete(`/api/v1/claims/${claim.id}/adjudication`, { headers: bearer(editor) })).json();
  expect(withdrawn.current).toBeNull();
  expect(withdrawn.history).toHaveLength(1);
});

test('people and notifications over the API: a mention is notified, a deactivated account’s token stops at once', async ({ request }) => {
  const named = async (email: string, role: 'admin' | 'editor' | 'reviewer', name: string) => {
    await createPerson({ email, role, name }, 'long enough password');
    return createTokenFor(email);
  };
  const admin = await named('people-admin@example.org', 'admin', 'Adèle Admin');
  const editor = await named('people-editor@example.org', 'editor', 'Éric Éditeur');
  const lina = await named('people-lina@example.org', 'reviewer', 'Lina Morel');
  const hugo = await named('people-hugo@example.org', 'reviewer', 'Hugo Blanc');

  const users = await (await request.get('/api/v1/users', { headers: bearer(lina) })).json();
  expect(users.users.map((u: { name: string }) => u.name)).toContain('Hugo Blanc');
  expect(JSON.stringify(users)).not.toContain('people-hugo@example.org');

  const article = await (await request.post('/api/v1/articles', { headers: bearer(editor), data: { text: 'La production a triplé depuis 2020. Fin.' } })).json();
  const claim = await (await request.post(`/api/v1/articles/${article.id}/claims`, { headers: bearer(lina), data: { exact: 'La production a triplé' } })).json();
  await request.put(`/api/v1/claims/${claim.id}/verdict`, { headers: bearer(lina), data: { rating: 'mostly-false' } });
  await request.put(`/api/v1/claims/${claim.id}/verdict`, { headers: bearer(hugo), data: { rating: 'mostly-false' } });
  await request.post(`/api/v1/claims/${claim.id}/comments`, { headers: bearer(lina), data: { body: '@Hugo Blanc, même source que moi ?' } });

  const inbox = await (await request.get('/api/v1/notifications', { headers: bearer(hugo) })).json();
  expect(inbox.unreadCount).toBeGreaterThan(0);
  expect(inbox.notifications[0]).toMatchObject({ type: 'mention', claimId: claim.id, actor: { name: 'Lina Morel' } });
  const read = await request.post('/api/v1/notifications/read', { headers: bearer(hugo), data: { all: true } });
  expect(await read.json()).toEqual({ unreadCount: 0 });

  const hugoId = users.users.find((u: { name: string }) => u.name === 'Hugo Blanc').id;
  expect((await request.patch(`/api/v1/users/${hugoId}`, { headers: bearer(editor), data: { active: false } })).status()).toBe(403);
  const off = await request.patch(`/api/v1/users/${hugoId}`, { headers: bearer(admin), data: { active: false } });
  expect(off.status()).toBe(200);
  expect((await request.get('/api/v1/notifications', { headers: bearer(hugo) })).status()).toBe(401);
  // His verdict stays, attributed.
  const detail = await (await request.get(`/api/v1/claims/${claim.id}`, { headers: bearer(editor) })).json();
  expect(detail.verdicts.map((v: { reviewer: { name: string } }) => v.reviewer.name)).toContain('Hugo Blanc');
  await request.patch(`/api/v1/users/${hugoId}`, { headers: bearer(admin), data: { active: true } });
  expect((await request.get('/api/v1/notifications', { headers: bearer(hugo) })).status()).toBe(200);
});
