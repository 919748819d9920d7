import { expect, test, type Browser } from '@playwright/test';
import { createPerson, expectNoViolations, openSeedArticle, PASSWORD, signIn } from './helpers';

// Both interface languages, and axe (WCAG 2.1 A and AA rules) on every main page,
// signed out and signed in, the article workspace included.
const EDITOR = 'axe-editor@example.org';
const LOCALES = [
  { browser: 'fr-FR', lang: 'fr', heading: 'Articles', signIn: 'Se connecter' },
  { browser: 'en-US', lang: 'en', heading: 'Articles', signIn: 'Sign in' },
] as const;


async function contextIn(browser: Browser, locale: string) {
  return browser.newContext({ locale });
}

test.beforeAll(async () => {
  await createPerson({ email: EDITOR, role: 'editor', name: 'Éva Éditrice' });
});

for (const locale of LOCALES) {
  test(`axe finds nothing on the main pages in ${locale.lang}`, async ({ browser }) => {
    // Fourteen axe analyses, each of a whole page: 66 to 84 s in CI beside another test on the
    // two cores, near the suite's limit.
    test.setTimeout(180_000);
    const context = await contextIn(browser, locale.browser);
    const page = await context.newPage();

    for (const path of ['/', '/login', '/register', '/no-such-page']) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', locale.lang);
      await expectNoViolations(page, `${path} signed out (${locale.lang})`);
    }
    await page.goto('/login');
    await expect(page.getByRole('button', { name: locale.signIn, exact: true })).toBeVisible();

    await signIn(page, EDITOR);
    for (const path of ['/', '/settings', '/articles/new', '/articles/no-such-article']) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', locale.lang);
      await expectNoViolations(page, `${path} signed in (${locale.lang})`);
    }

    // The workspace: overlapping claims, one with a verdict, its panel, the chooser and the help dialog, wide and on a phone.
    const articleId = await openSeedArticle(page);
    const text: string = (await (await page.request.get(`/api/v1/articles/${articleId}`)).json()).text;
    const claimIds: string[] = [];
    for (const exact of ['Les présidents russes', 'présidents russes, azerbaïdjanais']) {
      const start = text.indexOf(exact);
      const created = await page.request.post(`/api/v1/articles/${articleId}/claims`, { data: { exact, start, end: start + exact.length } });
      // The same passages are marked once: the second language finds them already there.
      claimIds.push(created.status() === 201 ? (await created.json()).id : (await created.json()).error.claimId);
    }
    await page.request.put(`/api/v1/claims/${claimIds[0]}/verdict`, { data: { rating: 'mostly-true', rationale: 'Confirmé.' } });
    // Earlier specs mark claims on the stored article too: every one of them is painted.
    const claimCount: number = (await (await page.request.get(`/api/v1/articles/${articleId}/claims`)).json()).claims.length;
    for (const viewport of [{ width: 1400, height: 1000 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      await page.goto(`/articles/${articleId}?claim=${claimIds[0]}`);
      await expect(page.getByTestId('claim-panel')).toBeVisible();
      await expect(page.getByTestId('article-text')).toHaveAttribute('data-painted-claims', String(claimCount));
      await expectNoViolations(page, `the article with its claim panel at ${viewport.width} px (${locale.lang})`);
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.locator(`[data-testid="article-text"] [data-claim-id="${claimIds[1]}"] [data-claim-id="${claimIds[0]}"]`).first().click();
    await expect(page.getByTestId('claim-chooser')).toBeVisible();
    await expectNoViolations(page, `the claim chooser (${locale.lang})`);
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcuts-button').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoViolations(page, `the shortcuts help (${locale.lang})`);
    await page.goto(`/articles/${articleId}/edit`);
    await expectNoViolations(page, `the correction form (${locale.lang})`);
    await context.close();
  });
}

test('an unknown article id answers a styled 404 in the interface language', async ({ browser }) => {
  const context = await contextIn(browser, 'fr-FR');
  const page = await context.newPage();
  await signIn(page, EDITOR);
  const response = await page.goto('/articles/does-not-exist');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
  await page.getByRole('link', { name: 'Retour aux articles' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Articles');
  await context.close();
});

test('the browser’s preference picks the language; the switch changes it, and is remembered', async ({ browser }) => {
  const context = await contextIn(browser, 'en-US');
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Sign in' })).toBeVisible();

  await signIn(page, EDITOR);
  // An article of its own, so that other specs' claims do not change its counts.
  const created = await page.request.post('/api/v1/articles', { data: { text: 'date 2025-07-14 Un texte à vérifier.\n\nUn second paragraphe.', title: 'Pluriels' } });
  expect(created.status()).toBe(201);
  const article = await created.json();
  await page.request.post(`/api/v1/articles/${article.id}/claims`, { data: { exact: 'Un texte' } });
  await page.reload();
  const item = page.getByTestId('article-list').locator('li').filter({ has: page.getByRole('link', { name: 'Pluriels' }) });
  // Counts with plural rules, the date in the interface language, the title in its own.
  await expect(item.locator('.meta')).toHaveText('July 14, 2025 · 1 claim, none reviewed');
  await expect(item.getByRole('link')).toHaveAttribute('lang', 'fr');
  await page.request.post(`/api/v1/articles/${article.id}/claims`, { data: { exact: 'second paragraphe' } });

  await page.getByLabel('Language').selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Articles');
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  await expect(item.locator('.meta')).toHaveText('14 juillet 2025 · 2 affirmations, aucune examinée');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('link', { name: 'Paramètres' })).toBeVisible();
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paramètres');
  await expect(page.getByLabel('Langue')).toHaveValue('fr');

  await page.getByLabel('Langue').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await context.close();
});

test('refused forms speak the interface language and name the field', async ({ browser }) => {
  for (const { browser: locale, taken, short } of [
    { browser: 'fr-FR', taken: 'Un compte existe déjà avec cette adresse', short: '8 caractères au minimum.' },
    { browser: 'en-US', taken: 'An account with this email already exists', short: 'At least 8 characters.' },
  ]) {
    const context = await contextIn(browser, locale);
    const page = await context.newPage();
    await page.goto('/register');
    const form = page.locator('form');
    await form.locator('input[name=email]').fill(EDITOR);
    await form.locator('input[name=password]').fill('short');
    await form.getByRole('button').click();
    await expect(form.locator('input[name=password]')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.locator('.field-error')).toHaveText(short);
    await expect(form.locator('input[name=email]')).toHaveValue(EDITOR);

    await form.locator('input[name=password]').fill(PASSWORD);
    await form.getByRole('button').click();
    await expect(form.getByRole('alert')).toContainText(taken);
    await context.close();
  }
});
