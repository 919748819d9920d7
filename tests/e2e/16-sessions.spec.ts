import { expect, test, type Browser, type BrowserContext, type Cookie } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createPerson, PASSWORD, signIn, startInstance, stopInstance } from './helpers';

// Sessions that can be ended, and sign-in behind a rate limit, as a person sees
// them: a copied session cookie stops working when its session ends.
const ALICE = 'sessions-alice@example.org';
const BOB = 'sessions-bob@example.org';
const ADMIN = 'sessions-admin@example.org';
const TARGET = 'sessions-target@example.org';

test.beforeAll(async () => {
  await createPerson({ email: ALICE, role: 'reviewer', name: 'Alice Sessions' });
  await createPerson({ email: BOB, role: 'reviewer', name: 'Bob Sessions' });
  await createPerson({ email: ADMIN, role: 'admin', name: 'Adam Sessions' });
  await createPerson({ email: TARGET, role: 'reviewer', name: 'Théo Sessions' });
});

async function signedIn(browser: Browser, email: string): Promise<{ context: BrowserContext; cookie: Cookie }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  const cookie = (await context.cookies()).find((c) => c.name.endsWith('authjs.session-token'));
  expect(cookie).toBeDefined();
  return { context, cookie: cookie! };
}

/** Another browser holding a copy of the cookie: what does the API say it is? */
async function whoIsCopy(browser: Browser, cookie: Cookie): Promise<number> {
  const thief = await browser.newContext();
  await thief.addCookies([cookie]);
  const status = (await thief.request.get('/api/v1/notifications')).status();
  await thief.close();
  return status;
}

test('the session cookie is httpOnly and SameSite=Lax; signing out ends the session itself, so a copied cookie stops working', async ({ browser }) => {
  const { context, cookie } = await signedIn(browser, ALICE);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false }); // plain http here: Secure only over HTTPS
  const second = await signedIn(browser, ALICE);
  expect(await whoIsCopy(browser, cookie)).toBe(200);

  const page = context.pages()[0]!;
  await page.getByRole('button', { name: /Se déconnecter|Sign out/ }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await whoIsCopy(browser, cookie)).toBe(401);
  // Only that session: the other browser is still signed in.
  expect(await whoIsCopy(browser, second.cookie)).toBe(200);
  await context.close();
  await second.context.close();
});

test('changing the password in Settings signs every other browser out; this one stays signed in; the new password works', async ({ browser }) => {
  const elsewhere = await signedIn(browser, BOB);
  const { context, cookie } = await signedIn(browser, BOB);
  const page = context.pages()[0]!;
  await page.goto('/settings');
  const form = page.getByTestId('password-form');
  await form.getByLabel('Mot de passe actuel').fill('not my password at all');
  await form.getByLabel(/^Nouveau mot de passe/).fill('azertyuiop');
  await form.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(form.getByText('Ce n’est pas votre mot de passe actuel.')).toBeVisible();
  await form.getByLabel('Mot de passe actuel').fill(PASSWORD);
  await form.getByLabel(/^Nouveau mot de passe/).fill('azertyuiop');
  await form.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(form.getByText(/Trop facile à deviner/)).toBeVisible();
  await form.getByLabel('Mot de passe actuel').fill(PASSWORD);
  await form.getByLabel(/^Nouveau mot de passe/).fill('une toute nouvelle phrase');
  await form.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(page.getByTestId('password-changed')).toBeVisible();

  expect(await whoIsCopy(browser, elsewhere.cookie)).toBe(401);
  expect(await whoIsCopy(browser, cookie)).toBe(401); // the old cookie of this browser too: it has a new one
  await page.reload();
  await expect(page.getByTestId('current-user')).toBeVisible();

  // "Sign out everywhere" ends this one as well.
  const kept = (await context.cookies()).find((c) => c.name.endsWith('authjs.session-token'))!;
  expect(await whoIsCopy(browser, kept)).toBe(200);
  await page.getByTestId('sign-out-everywhere').click();
  await expect(page).toHaveURL(/\/login/);
  expect(await whoIsCopy(browser, kept)).toBe(401);
  await context.close();
  await elsewhere.context.close();
});

test('an admin signs a person out everywhere from People', async ({ browser }) => {
  const target = await signedIn(browser, TARGET);
  const admin = await signedIn(browser, ADMIN);
  const page = admin.context.pages()[0]!;
  await page.goto('/users');
  await page.getByRole('button', { name: 'Déconnecter partout : Théo Sessions' }).click();
  await page.getByTestId('person-sign-out-button').click();
  await expect(page.getByTestId('people-status')).toContainText('Théo Sessions est déconnecté·e partout (1 session fermée)');
  expect(await whoIsCopy(browser, target.cookie)).toBe(401);
  await target.context.close();
  await admin.context.close();
});

test('wrong passwords in a row: then even the right one is refused, with a translated message saying how long to wait', async ({ browser }) => {
  for (const locale of ['fr-FR', 'en-US']) {
    const email = `sessions-guessed-${locale}@example.org`;
    await createPerson({ email, role: 'reviewer' });
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto('/login');
    const form = page.locator('form.auth-form');
    const submit = async (password: string) => {
      await form.locator('input[name=email]').fill(email);
      await form.locator('input[name=password]').fill(password);
      await form.locator('button[type=submit]').click();
      await expect(form.locator('button[type=submit]')).toBeEnabled();
    };
    for (let i = 0; i < 5; i++) {
      await submit('not the password');
      await expect(form.getByText(locale === 'fr-FR' ? 'Adresse e-mail ou mot de passe incorrect.' : 'Wrong email or password.')).toBeVisible();
    }
    await submit(PASSWORD);
    await expect(form.getByText(locale === 'fr-FR' ? /^Trop de tentatives\. Réessayez dans \d+ secondes\.$/ : /^Too many attempts\. Try again in \d+ seconds\.$/)).toBeVisible();
    await expect(page.getByTestId('current-user')).toHaveCount(0);
    await context.close();
  }
});

test('the log never holds a password or a token, and a failed sign-in is one line without a stack', async ({ browser }) => {
  const secretPassword = 'Unguessable-log-canary 7731';
  const wrongPassword = 'Wrong-log-canary 9922';
  const instance = await startInstance('scripts/start.ts');
  try {
    const created = execFileSync('npm', ['run', '--silent', 'user:create', '--', '--email', 'sessions-log@example.org', '--role', 'reviewer'], {
      env: { ...process.env, DATABASE_URL: process.env.CRUX_E2E_DATABASE_URL!, CRUX_PASSWORD: secretPassword },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(created).not.toContain(secretPassword);
    const context = await browser.newContext({ baseURL: instance.url });
    const page = await context.newPage();
    const before = instance.output().length;
    for (let i = 0; i < 3; i++) {
      await page.goto('/login');
      await page.locator('input[name=email]').fill('sessions-log@example.org');
      await page.locator('input[name=password]').fill(wrongPassword);
      await page.locator('form.auth-form button[type=submit]').click();
      await expect(page.getByText('Adresse e-mail ou mot de passe incorrect.')).toBeVisible();
    }
    const token = `crux_${'A'.repeat(43)}`;
    expect((await context.request.get('/api/v1/notifications', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
    await page.goto('/login');
    await page.locator('input[name=email]').fill('sessions-log@example.org');
    await page.locator('input[name=password]').fill(secretPassword);
    await page.locator('form.auth-form button[type=submit]').click();
    await expect(page.getByTestId('current-user')).toBeVisible();
    await context.close();
    await new Promise((r) => setTimeout(r, 500));
    const log = instance.output().slice(before);
    for (const secret of [secretPassword, wrongPassword, token, token.slice(5, 20)]) expect(log).not.toContain(secret);
    const refusals = log.split('\n').filter((line) => line.includes('sign-in refused'));
    expect(refusals).toHaveLength(3);
    expect(log).not.toMatch(/^\s+at /m);
    expect(log).not.toContain('CredentialsSignin');
  } finally {
    await stopInstance(instance);
  }
});
