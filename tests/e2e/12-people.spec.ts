import { expect, test, type Browser, type Page } from '@playwright/test';
import { createPerson, expectNoHorizontalScroll, expectNoViolations, PASSWORD, signIn } from './helpers';

// The desk's people side: an admin manages accounts, the bell tells reviewers
// what needs them, editors set review rules and read an article's activity.
const ADMIN = 'people-admin@example.org';
const EDITOR = 'people-editor@example.org';
const NADIA = 'people-nadia@example.org';
const BRUNO = 'people-bruno@example.org';
const GONE = 'people-gone@example.org';

test.beforeAll(async () => {
  await createPerson({ email: ADMIN, role: 'admin', name: 'Adèle Admin' });
  await createPerson({ email: EDITOR, role: 'editor', name: 'Éric Éditeur' });
  await createPerson({ email: NADIA, role: 'reviewer', name: 'Nadia' });
  await createPerson({ email: BRUNO, role: 'reviewer', name: 'Bruno' });
  await createPerson({ email: GONE, role: 'reviewer', name: 'Gaston Parti' });
});

async function signedIn(browser: Browser, email: string, locale = 'fr-FR'): Promise<Page> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function newArticle(page: Page, text: string): Promise<{ id: string; version: number }> {
  const created = await page.request.post('/api/v1/articles', { data: { text } });
  expect(created.status()).toBe(201);
  return created.json();
}



test('an admin changes a role and deactivates an account: that person is signed out at once and refused; never their own', async ({ browser }) => {
  const gone = await signedIn(browser, GONE);
  const admin = await signedIn(browser, ADMIN);
  await admin.getByTestId('nav-users').click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Personnes');
  const row = admin.locator(`[data-testid="person"][data-email="${GONE}"]`);
  const own = admin.locator(`[data-testid="person"][data-email="${ADMIN}"]`);
  await expect(own.getByTestId('person-role')).toBeDisabled();
  await expect(own).toContainText('demandez à un autre administrateur');

  await row.getByRole('combobox', { name: 'Rôle de Gaston Parti' }).selectOption('editor');
  await expect(admin.getByTestId('people-status')).toHaveText('Enregistré : Gaston Parti.');
  await gone.reload();
  await expect(gone.getByTestId('current-user')).toContainText('éditeur');

  await row.getByRole('button', { name: 'Désactiver Gaston Parti' }).click();
  const dialog = admin.getByTestId('person-confirm');
  await expect(dialog.getByRole('heading')).toHaveText('Désactiver Gaston Parti ?');
  await dialog.getByTestId('person-confirm-button').click();
  await expect(row.getByTestId('person-status')).toHaveText('désactivé');

  // Signed out at once: the next page sends them to sign in, and signing in is refused.
  await gone.goto('/settings');
  await expect(gone).toHaveURL(/\/login/);
  await expect(gone.getByTestId('current-user')).toHaveCount(0);
  await gone.getByLabel(/^(Adresse e-mail|Email)$/).fill(GONE);
  await gone.getByLabel(/^(Mot de passe|Password)$/).fill(PASSWORD);
  await gone.getByRole('button', { name: /^(Se connecter|Sign in)$/ }).click();
  // Scoped to the form: Next's route announcer is an (empty) alert too.
  await expect(gone.locator('form').getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
  await expect(gone.getByTestId('current-user')).toHaveCount(0);

  // Reactivated after a confirmation, by keyboard.
  await row.getByRole('button', { name: 'Réactiver Gaston Parti' }).focus();
  await admin.keyboard.press('Enter');
  await admin.getByTestId('person-confirm-button').focus();
  await admin.keyboard.press('Enter');
  await expect(row.getByTestId('person-status')).toHaveText('actif');
  await signIn(gone, GONE);

  await admin.setViewportSize({ width: 390, height: 844 });
  await expectNoHorizontalScroll(admin, '/users at 390 px');
  await admin.screenshot({ path: 'tests/e2e/screenshots/people-390.png', fullPage: true });
  await admin.setViewportSize({ width: 1280, height: 800 });
  await expectNoViolations(admin, '/users (fr)');
  await admin.context().close();
  await gone.context().close();
});

test('a mention shows in the bell; it opens the claim and is marked read', async ({ browser }) => {
  const editor = await signedIn(browser, EDITOR);
  const article = await newArticle(editor, 'Le chômage a baissé de moitié en un an. Les prix sont stables.');
  const nadia = await signedIn(browser, NADIA);
  const bruno = await signedIn(browser, BRUNO);
  const claim = await (await nadia.request.post(`/api/v1/articles/${article.id}/claims`, { data: { exact: 'Le chômage a baissé de moitié en un an' } })).json();
  // Under blind review the thread opens with one's own verdict: both give one.
  expect((await nadia.request.put(`/api/v1/claims/${claim.id}/verdict`, { data: { rating: 'false' } })).ok()).toBe(true);
  expect((await bruno.request.put(`/api/v1/claims/${claim.id}/verdict`, { data: { rating: 'mostly-false' } })).ok()).toBe(true);
  await bruno.request.post('/api/v1/notifications/read', { data: { all: true } });
  await bruno.reload();
  const bell = bruno.getByTestId('notification-bell');
  await expect(bell).toHaveAccessibleName('Notifications : aucune non lue');

  expect((await nadia.request.post(`/api/v1/claims/${claim.id}/comments`, { data: { body: '@Bruno, ta source date de 2019.' } })).status()).toBe(201);
  await bruno.reload();
  await expect(bell).toHaveAccessibleName('Notifications : 1 non lue');
  await expect(bruno.getByTestId('notification-count')).toHaveText('1');
  await bell.click();
  const item = bruno.getByTestId('notification').filter({ hasText: 'Nadia vous a mentionné·e' });
  await expect(item).toHaveAttribute('data-read', 'false');
  await expect(item).toContainText('« Le chômage a baissé de moitié en un an »');
  await expectNoViolations(bruno, 'the notification panel (fr)');
  await bruno.screenshot({ path: 'tests/e2e/screenshots/notifications.png' });
  await item.getByRole('link').click();
  await expect(bruno).toHaveURL(new RegExp(`/articles/${article.id}\\?claim=${claim.id}`));
  await expect(bell).toHaveAccessibleName('Notifications : aucune non lue');
  const list = await (await bruno.request.get('/api/v1/notifications')).json();
  expect(list.notifications.find((n: { type: string }) => n.type === 'mention').readAt).not.toBeNull();
  for (const p of [editor, nadia, bruno]) await p.context().close();
});

test('an editor changes the review settings; the activity page lists the changes, filtered by person', async ({ browser }) => {
  const editor = await signedIn(browser, EDITOR);
  const article = await newArticle(editor, 'La dette atteint trois mille milliards. Le déficit recule.');
  const nadia = await signedIn(browser, NADIA);
  const claim = await (await nadia.request.post(`/api/v1/articles/${article.id}/claims`, { data: { exact: 'La dette atteint trois mille milliards' } })).json();
  await nadia.request.put(`/api/v1/claims/${claim.id}/verdict`, { data: { rating: 'true', rationale: 'Chiffre Insee' } });

  await editor.goto(`/articles/${article.id}/edit`);
  const form = editor.getByTestId('review-settings');
  await expect(form.getByLabel('Relecture à l’aveugle')).toBeChecked();
  await form.getByLabel('Relecture à l’aveugle').uncheck();
  await form.getByLabel('Nombre minimal de relecteurs').fill('3');
  await form.getByLabel('Seuil d’accord (%)').fill('75');
  await form.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
  await expect(editor.getByTestId('review-settings-status')).toHaveText('Paramètres enregistrés.');
  const stored = await (await editor.request.get(`/api/v1/articles/${article.id}`)).json();
  expect(stored.settings).toEqual({ blindReview: false, consensusRule: 'plurality', minReviewers: 3, agreementThreshold: 0.75, maxSpread: 2 });
  // Out of range: the browser holds the form back on the field (the server would refuse it too).
  const min = form.getByLabel('Nombre minimal de relecteurs');
  await min.fill('80');
  await form.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
  expect(await min.evaluate((el: HTMLInputElement) => el.validity.rangeOverflow)).toBe(true);
  expect((await (await editor.request.get(`/api/v1/articles/${article.id}`)).json()).settings.minReviewers).toBe(3);
  await expectNoViolations(editor, 'the settings form (fr)');

  await editor.goto(`/articles/${article.id}`);
  await editor.getByTestId('article-activity').click();
  await expect(editor.getByRole('heading', { level: 1 })).toContainText('Activité');
  const entries = editor.getByTestId('history-entry');
  await expect(entries.first()).toContainText('Éric Éditeur a modifié l’article');
  await expect(entries.first()).toContainText('Relecture à l’aveugle');
  await expect(entries.filter({ hasText: 'Nadia a donné un verdict' })).toContainText('Chiffre Insee');
  await editor.getByLabel('Personne').selectOption({ label: 'Nadia' });
  await editor.getByRole('button', { name: 'Afficher' }).click();
  await expect(editor).toHaveURL(/actor=/);
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('Nadia a donné un verdict');
  await expect(entries.nth(1)).toContainText('Nadia a marqué l’affirmation');
  await expectNoViolations(editor, 'the activity page (fr)');
  await editor.setViewportSize({ width: 390, height: 844 });
  await expectNoHorizontalScroll(editor, 'the activity page at 390 px');
  await editor.screenshot({ path: 'tests/e2e/screenshots/activity-390.png', fullPage: true });

  // The claim's history over the API, as the panel shows it.
  const history = await (await nadia.request.get(`/api/v1/claims/${claim.id}/history`)).json();
  expect(history.entries.map((e: { type: string }) => e.type)).toEqual(['verdict.updated', 'claim.created']);
  await editor.context().close();
  await nadia.context().close();
});

test('a reviewer cannot open the people or activity pages, nor read the activity over the API', async ({ browser }) => {
  const editor = await signedIn(browser, EDITOR);
  const article = await newArticle(editor, 'Une phrase à relire.');
  const bruno = await signedIn(browser, BRUNO, 'en-US');
  await expect(bruno.getByTestId('nav-users')).toHaveCount(0);
  await bruno.goto('/users');
  await expect(bruno.getByTestId('forbidden')).toHaveText('Only admins can manage people.');
  await bruno.goto(`/articles/${article.id}/activity`);
  await expect(bruno.getByTestId('forbidden')).toHaveText('Only editors and admins can see an article’s activity.');
  await expect(bruno.getByTestId('history-entry')).toHaveCount(0);
  expect((await bruno.request.get(`/api/v1/articles/${article.id}/activity`)).status()).toBe(403);
  await bruno.goto(`/articles/${article.id}`);
  await expect(bruno.getByTestId('article-activity')).toHaveCount(0);
  await expectNoViolations(bruno, 'the article page with the bell (en)');

  const admin = await signedIn(browser, ADMIN, 'en-US');
  await admin.goto('/users');
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('People');
  await expectNoViolations(admin, '/users (en)');
  await admin.goto(`/articles/${article.id}/activity`);
  await expectNoViolations(admin, 'the activity page (en)');
  for (const p of [editor, bruno, admin]) await p.context().close();
});
