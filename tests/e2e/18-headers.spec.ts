import { expect, test, type APIResponse, type BrowserContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPerson, createTokenFor, PASSWORD, signIn, startInstance, stopInstance, type Instance } from './helpers';

// Headers and errors (issue 8): every response carries the security headers, pages a
// Content-Security-Policy with a fresh nonce under which the whole app works without a
// single violation (sign-in, article with claims and live events, a rich-text verdict
// written and read, settings, people, forms); cookie-authenticated API changes from
// another site are refused (403) and so are non-JSON ones (415), server actions from
// another origin too (Next's own check); anonymous visitors learn nothing of an article.

const CLAIM = 'Le chômage a baissé de 2 % en 2024.';
const TEXT = `${CLAIM} Le ministre l’a répété lundi devant la presse.\n\nL’opposition conteste ces chiffres.`;
const tag = Date.now().toString(36);
const EVIL = 'https://evil.example';

const people = {
  admin: { email: `hdr-admin-${tag}@example.org`, role: 'admin', name: `Ada Headers ${tag}` },
  alice: { email: `hdr-alice-${tag}@example.org`, role: 'reviewer', name: `Alice Headers ${tag}` },
  bruno: { email: `hdr-bruno-${tag}@example.org`, role: 'reviewer', name: `Bruno Headers ${tag}` },
} as const;

test.beforeAll(async () => {
  for (const p of Object.values(people)) await createPerson({ email: p.email, role: p.role, name: p.name });
});

/** What a page reports: CSP violations (the DOM event) and the console's CSP and Permissions-Policy complaints. */
interface Watch {
  violations: string[];
}

async function watched(context: BrowserContext): Promise<Watch> {
  const watch: Watch = { violations: [] };
  await context.exposeBinding('__cspViolation', (_source, text: string) => {
    watch.violations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __cspViolation: (text: string) => void }).__cspViolation;
      void report(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
    });
  });
  context.on('console', (message) => {
    if (/Content.Security.Policy|Refused to|Permissions.Policy|permissions policy/i.test(message.text())) watch.violations.push(`console: ${message.text()}`);
  });
  return watch;
}

/** The nonce of every page loaded (each must differ). */
const nonces: string[] = [];

function expectSecurityHeaders(response: APIResponse | { headers(): Record<string, string>; url(): string }, kind: 'page' | 'other'): void {
  const headers = response.headers();
  const where = response.url();
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['x-frame-options'], where).toBe('DENY');
  expect(headers['referrer-policy'], where).toBe('same-origin');
  expect(headers['permissions-policy'], where).toContain('camera=()');
  expect(headers['permissions-policy'], where).toContain('microphone=()');
  expect(headers['permissions-policy'], where).toContain('geolocation=()');
  expect(headers['cross-origin-opener-policy'], where).toBe('same-origin');
  expect(headers['x-request-id'], where).toMatch(/^[0-9a-f-]{36}$/);
  // Plain HTTP here: no HSTS (browsers would ignore it anyway).
  expect(headers['strict-transport-security'], where).toBeUndefined();
  const policy = headers['content-security-policy'] ?? '';
  expect(policy, where).toContain("frame-ancestors 'none'");
  if (kind === 'page') {
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
    expect(nonce, where).toBeTruthy();
    expect(policy, where).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
    expect(policy, where).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(policy, where).toContain("connect-src 'self'");
    expect(nonces, `${where}: a fresh nonce`).not.toContain(nonce);
    nonces.push(nonce!);
  } else {
    expect(policy, where).toContain("default-src 'none'");
  }
}

/** Navigates, checks the document's headers, and waits until the page has hydrated. */
async function visit(page: Page, path: string, ready: (page: Page) => Promise<void>): Promise<void> {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  expectSecurityHeaders(response!, 'page');
  await ready(page);
}

async function signedIn(context: BrowserContext, who: keyof typeof people): Promise<Page> {
  const page = await context.newPage();
  await signIn(page, people[who].email);
  return page;
}

test('every page works under the Content-Security-Policy without one violation; every response has the security headers', async ({ browser }) => {
  // Anonymous: the sign-in and registration forms.
  const anonymous = await browser.newContext();
  const anonymousWatch = await watched(anonymous);
  const visitor = await anonymous.newPage();
  await visit(visitor, '/login', async (p) => expect(p.getByRole('button', { name: 'Se connecter' })).toBeVisible());
  await visit(visitor, '/register', async (p) => expect(p.getByRole('button', { name: 'Créer le compte' })).toBeVisible());
  await visit(visitor, `/nowhere-${tag}`, async (p) => expect(p.getByRole('heading', { level: 1 })).toBeVisible());

  // The admin imports an article through the form (a server action) and marks a claim.
  const adminContext = await browser.newContext();
  const adminWatch = await watched(adminContext);
  const admin = await signedIn(adminContext, 'admin');
  await visit(admin, '/', async (p) => expect(p.getByTestId('current-user')).toBeVisible());
  await visit(admin, '/articles/new', async (p) => expect(p.getByLabel('Texte')).toBeVisible());
  await admin.getByLabel('Titre', { exact: true }).fill(`Sous CSP ${tag}`);
  await admin.getByLabel('Texte').fill(TEXT);
  await admin.getByRole('button', { name: 'Importer l’article' }).click();
  await expect(admin.getByTestId('article-text')).toContainText(CLAIM);
  const articleId = admin.url().split('/articles/')[1]!.split('?')[0]!;
  const marked = await admin.request.post(`/api/v1/articles/${articleId}/claims`, { data: { exact: CLAIM } });
  expect(marked.status()).toBe(201);
  const claimId = ((await marked.json()) as { id: string }).id;
  await visit(admin, `/articles/${articleId}/edit`, async (p) => expect(p.getByRole('heading', { level: 1 })).toBeVisible());
  await visit(admin, `/articles/${articleId}/activity`, async (p) => expect(p.getByRole('heading', { level: 1 })).toBeVisible());
  await visit(admin, '/settings', async (p) => expect(p.getByRole('heading', { name: 'Jetons d’API' })).toBeVisible());
  await visit(admin, '/users', async (p) => expect(p.getByTestId('nav-users')).toBeVisible());

  // Alice writes a rich-text verdict in the claim panel (TipTap), with live events open.
  const aliceContext = await browser.newContext();
  const aliceWatch = await watched(aliceContext);
  const alice = await signedIn(aliceContext, 'alice');
  const streams: string[] = [];
  alice.on('response', (r) => {
    if (r.url().includes('/events')) streams.push(`${r.status()} ${r.headers()['content-type']}`);
  });
  await visit(alice, `/articles/${articleId}?claim=${claimId}`, async (p) => expect(p.getByTestId('rationale-editor')).toBeVisible());
  const panel = alice.getByTestId('claim-panel');
  await panel.getByLabel('Plutôt faux').check();
  const editor = panel.getByRole('textbox', { name: 'Justification' });
  await editor.click();
  await alice.keyboard.type('Le chiffre est ');
  await alice.keyboard.press('Control+b');
  await alice.keyboard.type('faux');
  await alice.keyboard.press('Control+b');
  await alice.keyboard.type(' selon l’Insee.');
  await expect(editor.locator('strong')).toHaveText('faux');
  // TipTap's base styles come from our stylesheet now (its injected <style> would be refused).
  expect(await editor.evaluate((el) => getComputedStyle(el).whiteSpace)).toMatch(/break-spaces|pre-wrap/);
  await panel.getByRole('button', { name: 'Enregistrer le verdict' }).click();
  await expect(panel.getByRole('status')).toHaveText('Enregistré');
  // The live event stream connected under connect-src 'self'.
  await expect.poll(() => streams.some((s) => s.startsWith('200 text/event-stream'))).toBe(true);

  // Bruno gives his own verdict, then reads Alice's formatted rationale.
  const brunoContext = await browser.newContext();
  const brunoWatch = await watched(brunoContext);
  const bruno = await signedIn(brunoContext, 'bruno');
  expect((await bruno.request.put(`/api/v1/claims/${claimId}/verdict`, { data: { rating: 'mixed', rationale: 'Je nuance.' } })).status()).toBe(201);
  await visit(bruno, `/articles/${articleId}?claim=${claimId}`, async (p) =>
    expect(p.getByTestId('other-verdict').filter({ hasText: people.alice.name }).getByTestId('other-rationale').locator('strong')).toHaveText('faux'),
  );
  // The claims list and consensus bars (style attributes set by React on the server).
  await expect(bruno.getByTestId('claim-panel')).toBeVisible();

  // Signing out is a server action too.
  await bruno.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(bruno).toHaveURL(/\/login/);

  // On a phone: the claim panel as a bottom sheet.
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phoneWatch = await watched(phoneContext);
  const phone = await signedIn(phoneContext, 'alice');
  await visit(phone, `/articles/${articleId}?claim=${claimId}`, async (p) => expect(p.getByTestId('claim-panel')).toBeVisible());
  await expect(phone.getByTestId('rationale-editor')).toBeVisible();

  for (const [who, watch] of Object.entries({ anonymous: anonymousWatch, admin: adminWatch, alice: aliceWatch, bruno: brunoWatch, phone: phoneWatch }))
    expect(watch.violations, `CSP violations for ${who}`).toEqual([]);
  console.log(`page loads checked under the CSP without violation: ${nonces.length} (${new Set(nonces).size} distinct nonces)`);

  // The API, the health check, an unknown endpoint, assets.
  const apiResponses = [
    await admin.request.get('/api/v1/articles'),
    await admin.request.get(`/api/v1/claims/${claimId}`),
    await visitor.request.get('/api/v1/articles'), // 401
    await visitor.request.get(`/api/v1/nothing-${tag}`), // 404
    await visitor.request.get('/api/health'),
    await visitor.request.get('/icon.svg'),
  ];
  const script = await admin.locator('script[src^="/_next/static/"]').first().getAttribute('src');
  const stylesheet = await admin.locator('link[rel="stylesheet"][href^="/_next/static/"]').first().getAttribute('href');
  apiResponses.push(await visitor.request.get(script!), await visitor.request.get(stylesheet!));
  for (const response of apiResponses) expectSecurityHeaders(response, 'other');
  console.log(`non-page responses checked for the security headers: ${apiResponses.length}`);

  // Behind a TLS proxy (X-Forwarded-Proto: https): HSTS, and insecure requests upgraded.
  const overHttps = await visitor.request.get('/login', { headers: { 'x-forwarded-proto': 'https' } });
  expect(overHttps.headers()['strict-transport-security']).toBe('max-age=31536000');
  expect(overHttps.headers()['content-security-policy']).toContain('upgrade-insecure-requests');
  expect((await visitor.request.get('/api/health', { headers: { 'x-forwarded-proto': 'https' } })).headers()['strict-transport-security']).toBe('max-age=31536000');

  // Error bodies carry the request id of their header; a sane one from the client is kept.
  const refused = await visitor.request.get('/api/v1/articles', { headers: { 'x-request-id': `probe-${tag}` } });
  expect(refused.headers()['x-request-id']).toBe(`probe-${tag}`);
  expect(((await refused.json()) as { error: { requestId: string } }).error.requestId).toBe(`probe-${tag}`);

  await Promise.all([anonymous.close(), adminContext.close(), aliceContext.close(), brunoContext.close(), phoneContext.close()]);
});

test('cookie-authenticated API changes: refused from another site (403) and without a JSON body (415); bearer tokens unaffected', async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const page = await signedIn(context, 'admin');
  const title = `Origine ${tag}`;
  const count = async () => ((await (await page.request.get('/api/v1/articles')).json()) as { articles: { title: string }[] }).articles.filter((a) => a.title === title).length;
  const body = JSON.stringify({ text: TEXT, title, language: 'fr' });
  const post = (headers: Record<string, string>) => page.request.post('/api/v1/articles', { headers, data: body });

  const refusals: [Record<string, string>, number, string][] = [
    [{ origin: EVIL, 'content-type': 'application/json' }, 403, 'crossOrigin'],
    [{ origin: 'null', 'content-type': 'application/json' }, 403, 'crossOrigin'],
    [{ 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, 403, 'crossOrigin'],
    [{ referer: `${EVIL}/page`, 'content-type': 'application/json' }, 403, 'crossOrigin'],
    [{ origin: baseURL!, 'content-type': 'text/plain' }, 415, 'unsupportedMediaType'],
    [{ origin: baseURL!, 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupportedMediaType'],
    [{ 'sec-fetch-site': 'same-origin', 'content-type': 'multipart/form-data; boundary=x' }, 415, 'unsupportedMediaType'],
  ];
  for (const [headers, status, key] of refusals) {
    const response = await post(headers);
    expect(response.status(), JSON.stringify(headers)).toBe(status);
    const error = ((await response.json()) as { error: { key: string; message: string; requestId: string } }).error;
    expect(error.key).toBe(key);
    expect(error.requestId).toBe(response.headers()['x-request-id']);
  }
  expect(await count()).toBe(0);

  // A change to someone else's claim from another site: refused before anything is read.
  expect((await page.request.delete(`/api/v1/claims/does-not-matter-${tag}`, { headers: { origin: EVIL } })).status()).toBe(403);

  // From Crux's own page, as JSON: accepted.
  expect((await post({ origin: baseURL!, 'content-type': 'application/json' })).status()).toBe(201);
  expect(await count()).toBe(1);

  // A bearer token is not sent by browsers on their own: no origin rule for it.
  const token = await createTokenFor(people.admin.email, 'headers');
  const viaToken = await context.request.post('/api/v1/articles', {
    headers: { authorization: `Bearer ${token}`, origin: EVIL, 'content-type': 'application/json' },
    data: body,
  });
  expect(viaToken.status()).toBe(201);
  expect(await count()).toBe(2);
  console.log(`cookie-authenticated cross-site or non-JSON changes refused: ${refusals.length + 1}`);
  await context.close();
});

test('a server action replayed from another origin is refused by Next and changes nothing', async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const page = await signedIn(context, 'admin');
  const title = `Action ${tag}`;
  const count = async () => ((await (await page.request.get('/api/v1/articles')).json()) as { articles: { title: string }[] }).articles.filter((a) => a.title === title).length;

  await page.goto('/articles/new');
  const captured = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
  await page.getByLabel('Titre', { exact: true }).fill(title);
  await page.getByLabel('Texte').fill(TEXT);
  await page.getByRole('button', { name: 'Importer l’article' }).click();
  const action = await captured;
  await expect(page.getByTestId('article-text')).toContainText(CLAIM);
  expect(await count()).toBe(1);
  const sent = await action.allHeaders();
  expect(sent['origin']).toBe(baseURL);

  // The captured request again, its Origin changed (the context adds the session cookie).
  const replay = (origin: string) => {
    const headers: Record<string, string> = { origin };
    for (const [name, value] of Object.entries(sent)) if (!/^(origin|cookie|host|content-length|:)/i.test(name)) headers[name] = value;
    return page.request.post(action.url(), { headers, data: action.postDataBuffer()!, maxRedirects: 0 });
  };
  // From another origin: Next compares Origin with the host and aborts the action.
  const foreign = await replay(EVIL);
  expect(foreign.status()).toBe(500);
  const foreignText = await foreign.text();
  expect(foreignText).not.toContain(title);
  // Nothing of the server's internals in the answer: no stack frame, no source path.
  expect(foreignText).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.tsx?:\d|\/work\//);
  expect(await count()).toBe(1);
  // The same request from Crux's own origin does run (so the refusal above was the origin's doing).
  const own = await replay(baseURL!);
  expect(own.status()).toBeLessThan(400);
  expect(await count()).toBe(2);
  await context.close();
});

test('anonymous visitors learn nothing of an article, not even whether it exists', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await signedIn(context, 'admin');
  const title = `Titre confidentiel ${tag}`;
  const created = await page.request.post('/api/v1/articles', { data: { text: TEXT, title, language: 'fr' } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  // Signed in: the page's title is the article's.
  await page.goto(`/articles/${id}`);
  await expect(page).toHaveTitle(new RegExp(title));

  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  const answer = async (articleId: string) => {
    const response = await visitor.request.get(`/articles/${articleId}`, { maxRedirects: 0 });
    const text = await response.text();
    return { status: response.status(), location: response.headers()['location']?.replace(articleId, 'ID'), text, id: articleId };
  };
  const existing = await answer(id);
  const missing = await answer(`c${'0'.repeat(24)}`);
  expect(existing.text).not.toContain(title);
  expect(existing.text).not.toContain('Titre confidentiel');
  expect(existing.status).toBe(missing.status);
  expect(existing.location).toBe(missing.location);
  // The same page, but for the id itself and the nonce.
  const normalise = (a: typeof existing) => a.text.replaceAll(a.id, 'ID').replace(/nonce-?[=\\"']*[A-Za-z0-9+/]{22}==/g, 'NONCE').replace(/"[A-Za-z0-9+/]{22}=="/g, '"NONCE"');
  expect(normalise(existing).length).toBe(normalise(missing).length);
  // Followed through to the sign-in page: nothing about the article either.
  await visitor.goto(`/articles/${id}`);
  await expect(visitor).toHaveURL(/\/login\?callbackUrl=/);
  expect(await visitor.title()).not.toContain(title);
  expect(await visitor.content()).not.toContain(title);
  await Promise.all([context.close(), anonymous.close()]);
});

test('the server log: a forced 500 answers with its request id and nothing else, logged whole under that id; a wrong password is one line, no stack', async ({ browser }) => {
  const token = await createTokenFor(people.alice.email, 'log');
  // A copy of the e2e database with one table gone, served by an instance of its own: a real fault.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-headers-'));
  const copy = path.join(dir, 'crux.db');
  const source = new Database(process.env.CRUX_E2E_DATABASE_URL!.slice('file:'.length), { readonly: true });
  await source.backup(copy);
  source.close();
  const broken = new Database(copy);
  broken.exec('ALTER TABLE "Notification" RENAME TO "NotificationGone"');
  broken.close();

  let instance: Instance | undefined;
  try {
    instance = await startInstance('next start', `file:${copy}`);
    const failed = await fetch(`${instance.url}/api/v1/notifications`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': `forced-500-${tag}` } });
    expect(failed.status).toBe(500);
    expect(failed.headers.get('x-request-id')).toBe(`forced-500-${tag}`);
    const text = await failed.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: 'internal_error', key: 'internal', message: 'Something went wrong on our side. Try again in a moment.', requestId: `forced-500-${tag}` },
    });
    for (const leak of ['Notification', 'no such table', 'Prisma', 'stack', '.ts', '.js']) expect(text).not.toContain(leak);

    // A wrong password on the sign-in form.
    const context = await browser.newContext({ baseURL: instance.url });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Adresse e-mail').fill(people.alice.email);
    await page.getByLabel('Mot de passe').fill('not the password at all');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.locator('form').getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect');
    await context.close();

    // The right password: the page after it fails to render (the header counts unread
    // notifications). The reader gets the error page with a reference, nothing of the cause.
    const reader = await browser.newContext({ baseURL: instance.url });
    const readerPage = await reader.newPage();
    await readerPage.goto('/login');
    await readerPage.getByLabel('Adresse e-mail').fill(people.alice.email);
    await readerPage.getByLabel('Mot de passe').fill(PASSWORD);
    await readerPage.getByRole('button', { name: 'Se connecter' }).click();
    await expect(readerPage.getByRole('heading', { name: 'Un problème est survenu' })).toBeVisible();
    const reference = /Référence : (\S+)/.exec((await readerPage.getByText(/^Référence :/).textContent()) ?? '')?.[1];
    expect(reference).toBeTruthy();
    const shown = await readerPage.content();
    for (const leak of ['no such table', 'NotificationGone', 'Prisma', 'node_modules']) expect(shown).not.toContain(leak);
    await reader.close();

    // Give the process a moment to write, then read its JSON lines.
    await expect.poll(() => instance!.output().includes('wrong email or password')).toBe(true);
    const output = instance.output();
    const lines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const fault = lines.filter((line) => line.requestId === `forced-500-${tag}`);
    expect(fault).toHaveLength(1);
    expect(fault[0]).toMatchObject({ level: 'error', msg: 'unexpected error', service: 'crux' });
    expect(JSON.stringify(fault[0]!.err)).toMatch(/NotificationGone|Notification/);
    expect((fault[0]!.err as { stack?: string }).stack).toBeTruthy();

    const renderFailure = lines.find((line) => line.msg === 'request failed' && line.digest === reference);
    expect(renderFailure).toMatchObject({ level: 'error', service: 'crux' });
    // Rendered after the sign-in action's redirect: as part of the action's answer, or on its own.
    expect(['render', 'action']).toContain(renderFailure!.routeType);
    expect(JSON.stringify(renderFailure!.err)).toContain('Notification');
    expect(typeof renderFailure!.requestId).toBe('string');

    const refusedSignIns = lines.filter((line) => line.msg === 'wrong email or password');
    expect(refusedSignIns).toHaveLength(1);
    expect(refusedSignIns[0]).toMatchObject({ level: 'info' });
    expect(JSON.stringify(refusedSignIns[0])).not.toMatch(/stack|InvalidLogin|CredentialsSignin|not the password/);
    // Nothing else about it: no stack trace anywhere in the output, no password.
    expect(output).not.toContain('not the password at all');
    expect(output).not.toMatch(/InvalidLogin|CredentialsSignin/);
    expect(output).not.toContain(token);
  } finally {
    await stopInstance(instance);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
