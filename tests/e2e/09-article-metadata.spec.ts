import { expect, test } from '@playwright/test';
import { createPerson, signIn } from './helpers';

// Editors correct an article's details from its edit page; a save over someone
// else's newer correction is refused, shows their values, and loses nothing.
test('an editor corrects an article’s details, and a concurrent correction is shown, not overwritten', async ({ page }) => {
  await createPerson({ email: 'edith@example.org', role: 'editor', name: 'Edith' });
  await signIn(page, 'edith@example.org');
  const created = await page.request.post('/api/v1/articles', {
    data: { text: 'date 2025-07 Un titre coupé au milieu d’une phrase qui continue encore longtemps.\n\nLa suite.', title: 'Un titre coupé au milieu d’une' },
  });
  expect(created.status()).toBe(201);
  const article = await created.json();

  // Editors reach the form from the article's header.
  await page.goto(`/articles/${article.id}`);
  await page.getByTestId('edit-article').click();
  await expect(page).toHaveURL(new RegExp(`/articles/${article.id}/edit$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Corriger les informations de l’article');
  await expect(page.getByLabel('Titre')).toHaveValue('Un titre coupé au milieu d’une');
  await expect(page.getByLabel('Date de publication')).toHaveValue('2025-07');

  // Refused with the field named, in French.
  await page.getByLabel('URL de la source').fill('ftp://example.org');
  await page.getByRole('button', { name: 'Enregistrer les corrections' }).click();
  await expect(page.locator('.field-error')).toHaveText('Saisissez un lien commençant par http:// ou https://.');

  // Someone else corrects the publisher in the meantime (version 1 → 2).
  const other = await page.request.patch(`/api/v1/articles/${article.id}`, { data: { publisher: 'Le Quotidien', version: article.version } });
  expect(other.status()).toBe(200);

  await page.getByLabel('URL de la source').fill('https://example.org/article');
  await page.getByLabel('Titre').fill('Un titre coupé au milieu d’une phrase qui continue');
  await page.getByRole('button', { name: 'Enregistrer les corrections' }).click();
  const conflict = page.getByTestId('metadata-conflict');
  await expect(conflict.getByRole('heading')).toHaveText('Quelqu’un d’autre a modifié cet article pendant votre correction');
  await expect(conflict.getByRole('heading')).toBeFocused();
  await expect(conflict.locator('tr[data-field=publisher] td').first()).toHaveText('Le Quotidien');
  await expect(conflict.locator('tr[data-field=title] td').nth(1)).toHaveText('Un titre coupé au milieu d’une phrase qui continue');

  // Keeping one's own corrections saves them over theirs knowingly (with their version).
  await conflict.getByRole('button', { name: 'Garder ma version' }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${article.id}$`));
  await expect(page.getByTestId('article-title')).toHaveText('Un titre coupé au milieu d’une phrase qui continue');

  const stored = await (await page.request.get(`/api/v1/articles/${article.id}`)).json();
  expect(stored).toMatchObject({ title: 'Un titre coupé au milieu d’une phrase qui continue', sourceUrl: 'https://example.org/article', publisher: null, version: 3, revision: 1 });

  // Loading their version instead takes their values into the form.
  await page.goto(`/articles/${article.id}/edit`);
  await page.request.patch(`/api/v1/articles/${article.id}`, { data: { publisher: 'La Gazette', version: 3 } });
  await page.getByLabel('Langue de l’article').fill('fr-FR');
  await page.getByRole('button', { name: 'Enregistrer les corrections' }).click();
  await page.getByRole('button', { name: 'Prendre l’autre version' }).click();
  await expect(page.getByLabel('Média')).toHaveValue('La Gazette');
  await expect(page.getByLabel('Langue de l’article')).toHaveValue('fr');
});

test('reviewers cannot open the correction page', async ({ page }) => {
  await createPerson({ email: 'remi@example.org', role: 'reviewer', name: 'Rémi' });
  await signIn(page, 'remi@example.org');
  await page.goto('/');
  const href = await page.getByTestId('article-list').getByRole('link').first().getAttribute('href');
  await page.goto(`${href}/edit`);
  await expect(page).toHaveURL(new RegExp(`${href}$`));
});
