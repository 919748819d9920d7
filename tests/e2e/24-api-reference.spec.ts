import { expect, test } from '@playwright/test';
import { createPerson, expectNoHorizontalScroll, expectNoViolations, signIn } from './helpers';

// The API reference (issue 10): the OpenAPI document is public and the reference page
// renders every path of it, readable on a phone and with the keyboard; Settings, where
// tokens are made, links to it.

interface Document {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string }>>;
}

test('anyone reads the OpenAPI document at /api/v1/openapi.json', async ({ playwright, baseURL }) => {
  // A client with no cookie at all, as a program would call it.
  const anonymous = await playwright.request.newContext({ baseURL: baseURL! });
  const response = await anonymous.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/json; charset=utf-8');
  expect(response.headers()['cache-control']).toBe('public, max-age=3600');
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  const doc = (await response.json()) as Document;
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toContain('/api/v1/claims/{id}/verdict');
  // Revalidation: the same ETag, nothing sent again.
  const again = await anonymous.get('/api/v1/openapi.json', { headers: { 'if-none-match': response.headers()['etag']! } });
  expect(again.status()).toBe(304);
  await anonymous.dispose();
});

test('the reference page lists every path of the document, fits a 390 px phone, and works with the keyboard', async ({ page, request }) => {
  const doc = (await (await request.get('/api/v1/openapi.json')).json()) as Document;

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/docs/api');
  await expect(page.getByRole('heading', { level: 1, name: 'Référence de l’API' })).toBeVisible();
  const paths = await page.locator('.api-path').allTextContents();
  const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
  const shown = await page.locator('.api-operation-title').allTextContents();
  expect(shown.map((title) => title.replace(/\s+/g, ' ').trim()).sort()).toEqual(operations.sort());
  expect(new Set(paths)).toEqual(new Set(Object.keys(doc.paths)));
  // Who may call it, the limits of a body field, an example.
  const verdict = page.locator('#putVerdict');
  await expect(verdict).toContainText('Toute personne connectée');
  await expect(verdict).toContainText('sources[].url');
  await expect(verdict).toContainText(/10\s000 caractères au plus/);
  await expect(verdict.locator('.api-curl')).toContainText('curl -X PUT "$CRUX_URL/api/v1/claims/<id>/verdict"');
  await expectNoHorizontalScroll(page, 'the API reference at 390 px');
  await page.screenshot({ path: 'tests/e2e/screenshots/api-reference-390.png' });
  await verdict.screenshot({ path: 'tests/e2e/screenshots/api-reference-verdict-390.png' });
  // An answer's type links to the object's fields.
  await verdict.getByRole('link', { name: 'VerdictWithConsensus' }).first().click();
  await expect(page).toHaveURL(/#schema-VerdictWithConsensus$/);
  await expect(page.locator('#schema-VerdictWithConsensus')).toContainText('revisedAfterReveal');

  // The contents are links the keyboard reaches, and following one moves to its section.
  const contents = page.getByRole('navigation', { name: 'Sommaire' });
  const verdicts = contents.getByRole('link', { name: 'Verdicts' });
  await verdicts.focus();
  await expect(verdicts).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#tag-verdicts$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Verdicts' })).toBeInViewport();

  await page.setViewportSize({ width: 1280, height: 900 });
  await expectNoViolations(page, 'the API reference');
});

test('Settings links to the reference; its chrome follows the interface language', async ({ page, context, baseURL }) => {
  const email = `api-ref-${Date.now().toString(36)}@example.org`;
  await createPerson({ email, role: 'reviewer', name: 'Ana Reference' });
  await signIn(page, email);
  await page.goto('/settings');
  await page.getByTestId('api-reference-link').click();
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Référence de l’API' })).toBeVisible();
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();
  await expect(page.locator('#createClaim')).toContainText('Anyone signed in');
});
