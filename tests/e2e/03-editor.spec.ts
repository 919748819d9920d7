import { expect, test } from '@playwright/test';
import { PASSWORD, runCli, selectWithMouse, signIn } from './helpers';

// An editor imports an article by pasting plain text; offsets stay exact after
// characters that take two UTF-16 code units (emoji) and non-breaking spaces.
const TEXT = [
  'date 2025-03-14 Selon le ministre, « le chômage a baissé de 3 % » en 2024 🇫🇷.',
  '',
  'L’opposition conteste : « c’est faux », affirme-t-elle 😠 dans un communiqué.',
].join('\n');
const CLAIM = 'affirme-t-elle 😠 dans un communiqué';

test('an editor imports an article and a claim after emoji is anchored exactly', async ({ page }) => {
  runCli('user:create', ['--email', 'claire@example.org', '--role', 'editor', '--name', 'Claire Editor'], { password: PASSWORD });
  await signIn(page, 'claire@example.org');
  await page.getByTestId('new-article').click();

  await page.getByLabel('Texte', { exact: true }).fill(TEXT.replaceAll('« ', '«\u00a0').replaceAll(' »', '\u00a0»'));
  await page.getByLabel('URL de la source').fill('javascript:alert(1)');
  await page.getByRole('button', { name: 'Importer l’article' }).click();
  // Said in the interface's language, beside the field, which is marked invalid.
  await expect(page.locator('.field-error')).toHaveText('Saisissez un lien commençant par http:// ou https://.');
  await expect(page.getByLabel('URL de la source')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('form').getByRole('alert')).toHaveText('Certains champs sont à corriger.');

  await page.getByLabel('URL de la source').fill('https://example.org/article');
  await page.getByRole('button', { name: 'Importer l’article' }).click();
  await expect(page.getByTestId('article-title')).toHaveText('Selon le ministre, «\u00a0le chômage a baissé de 3 %\u00a0» en 2024 🇫🇷');
  await expect(page.getByTestId('article-date')).toHaveText('14 mars 2025');

  await selectWithMouse(page, CLAIM);
  await page.getByTestId('mark-claim').click();
  await expect(page.getByTestId('claim-quote')).toHaveText(CLAIM);
  const claimId = await page.getByTestId('claim-panel').getAttribute('data-claim-id');
  const articleId = page.url().split('/articles/')[1]!;
  const article = await (await page.request.get(`/api/v1/articles/${articleId}`)).json();
  const claim = await (await page.request.get(`/api/v1/claims/${claimId}`)).json();
  expect(article.text.slice(claim.start, claim.end)).toBe(CLAIM);
  // Counted in UTF-16 code units: each emoji before the claim counts for 2 or more.
  expect(claim.start).toBe(article.text.indexOf(CLAIM));
  expect(claim.start).toBeGreaterThan([...article.text.slice(0, claim.start)].length);
});

test('a token made on the settings page works as a bearer token until revoked', async ({ page, playwright }) => {
  runCli('user:create', ['--email', 'dora@example.org', '--role', 'reviewer', '--name', 'Dora'], { password: PASSWORD });
  await signIn(page, 'dora@example.org');
  await page.goto('/settings');
  await page.getByLabel('Nom du jeton').fill('newsroom pipeline');
  await page.getByRole('button', { name: 'Créer un jeton' }).click();
  const token = (await page.getByTestId('new-token').textContent())!;
  expect(token).toMatch(/^crux_/);

  // A fresh client with no cookies: only the token speaks for Dora.
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const headers = { Authorization: `Bearer ${token}` };
  expect((await api.get('/api/v1/articles', { headers })).status()).toBe(200);

  await page.getByRole('button', { name: 'Révoquer « newsroom pipeline »' }).click();
  await expect(page.locator('.token-list')).toContainText('révoqué');
  expect((await api.get('/api/v1/articles', { headers })).status()).toBe(401);
  await api.dispose();
});
