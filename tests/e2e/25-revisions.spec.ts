import { expect, test } from '@playwright/test';
import { createPerson, expectNoHorizontalScroll, expectNoViolations, openSeedArticle, signIn } from './helpers';

// An editor corrects the stored French article: one claim's paragraph moves
// to the top (moved), one claim's figure is corrected (fuzzy), one claim's
// sentence is removed (orphaned). Each shows as such; the old revision can be
// read; a correction over someone else's newer change is refused with a clear
// message, the draft kept.
test('an editor corrects the stored article: a claim moves, one is fuzzy, one orphaned; the old revision can be read', async ({ page, browser }) => {
  await createPerson({ email: 'rachid@example.org', role: 'reviewer', name: 'Rachid' });
  await createPerson({ email: 'corinne@example.org', role: 'editor', name: 'Corinne' });
  await signIn(page, 'corinne@example.org');
  const id = await openSeedArticle(page);
  const before = await (await page.request.get(`/api/v1/articles/${id}`)).json();
  const text: string = before.text;

  const quotes = {
    moved: 'avaient fait près de 300 morts en septembre dernier',
    fuzzy: 'Au terme de 44 jours de combats',
    orphaned: 'est célébré comme un triomphe en Azerbaïdjan',
  };
  const claims: Record<keyof typeof quotes, string> = { moved: '', fuzzy: '', orphaned: '' };
  for (const [key, exact] of Object.entries(quotes) as [keyof typeof quotes, string][]) {
    const created = await page.request.post(`/api/v1/articles/${id}/claims`, { data: { exact } });
    expect(created.status(), exact).toBe(201);
    claims[key] = (await created.json()).id;
  }

  // The correction: the paragraph on the clashes moved to the top, 44 → 45 days, the last sentence removed.
  const paragraphs = text.split('\n\n');
  const clashes = paragraphs.findIndex((p) => p.includes(quotes.moved));
  const [moved] = paragraphs.splice(clashes, 1);
  paragraphs.unshift(moved!);
  const last = paragraphs.length - 1;
  paragraphs[last] = paragraphs[last]!.replace('44 jours', '45 jours').replace(/\s*L.accord de paix est célébré comme un triomphe en Azerbaïdjan\./, '');
  const corrected = paragraphs.join('\n\n');
  expect(corrected).not.toContain(quotes.orphaned);

  // A reviewer has the article open meanwhile: the correction reaches him live.
  const other = await browser.newContext();
  const reader = await other.newPage();
  await signIn(reader, 'rachid@example.org');
  await reader.goto(`/articles/${id}`);
  await expect(reader.getByTestId('article-text')).toContainText('44 jours');

  await page.goto(`/articles/${id}`);
  await page.getByTestId('correct-text').click();
  await expect(page).toHaveURL(new RegExp(`/articles/${id}/text$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Corriger le texte de l’article');
  const field = page.getByLabel('Texte de l’article');
  await expect(field).toHaveValue(text);
  await field.fill(corrected);
  // By keyboard: Tab to the button, Enter.
  await field.press('Tab');
  await expect(page.getByTestId('article-text-save')).toBeFocused();
  await page.keyboard.press('Enter');
  const result = page.getByTestId('article-text-result');
  await expect(result).toContainText('Révision 2 enregistrée');
  await expect(result).toContainText(/1 déplacée/);
  await expect(result).toContainText(/1 approchée/);
  await expect(result).toContainText(/1 orpheline/);

  // Without reloading, the reviewer reads the new text, the orphan listed apart.
  await expect(reader.getByTestId('article-text')).toContainText('45 jours');
  await expect(reader.getByTestId('orphaned-claims')).toContainText(quotes.orphaned);
  await other.close();

  // Each claim as the API reads it.
  const read = async (claimId: string) => (await page.request.get(`/api/v1/claims/${claimId}`)).json();
  expect(await read(claims.moved)).toMatchObject({ anchorState: 'moved', revision: 2, exact: quotes.moved });
  expect(await read(claims.fuzzy)).toMatchObject({ anchorState: 'fuzzy', revision: 2, exact: 'Au terme de 45 jours de combats' });
  expect(await read(claims.orphaned)).toMatchObject({ anchorState: 'orphaned', revision: 1, exact: quotes.orphaned });

  // The page: the moved and fuzzy claims in the text, the orphan listed apart, never in the text.
  await page.goto(`/articles/${id}`);
  const textView = page.getByTestId('article-text');
  await expect(textView).toContainText('45 jours');
  await expect(textView.locator(`[data-claim-id="${claims.moved}"]`).first()).toBeVisible();
  await expect(textView.locator(`[data-claim-id="${claims.fuzzy}"]`).first()).toHaveText(/Au terme de 45 jours de combats/);
  await expect(textView.locator(`[data-claim-id="${claims.orphaned}"]`)).toHaveCount(0);
  const orphans = page.getByTestId('orphaned-claims');
  await expect(orphans.getByRole('heading')).toHaveText('Affirmations orphelines');
  await expect(orphans).toContainText(quotes.orphaned);
  await expect(orphans).toContainText('révision 1');
  await expectNoViolations(page, 'the orphaned claims', '[data-testid="orphaned-claims"]');

  // The panel says each claim's anchor and revision.
  await orphans.getByTestId('orphaned-claim').first().click();
  await expect(page.getByTestId('claim-anchor')).toHaveText('Ancrage : orphelin : passage introuvable dans le texte actuel · révision 1');
  await page.keyboard.press('Escape');
  await textView.locator(`[data-claim-id="${claims.fuzzy}"]`).first().click();
  await expect(page.getByTestId('claim-anchor')).toHaveText('Ancrage : approché (texte modifié) · révision 2');
  await page.keyboard.press('Escape');
  await textView.locator(`[data-claim-id="${claims.moved}"]`).first().click();
  await expect(page.getByTestId('claim-anchor')).toHaveText('Ancrage : déplacé · révision 2');
  await page.keyboard.press('Escape');

  // The old revision, read-only, from the picker.
  const picker = page.getByTestId('revision-picker');
  await expect(picker).toContainText('Révisions\u00a0: Révision 2 (actuelle) · Révision 1');
  await picker.getByRole('link', { name: 'Révision 1' }).click();
  await expect(page.getByTestId('revision-notice')).toContainText('Révision 1');
  await expect(page.getByTestId('revision-text')).toContainText('est célébré comme un triomphe en Azerbaïdjan');
  await expect(page.getByTestId('revision-text')).toContainText('44 jours');
  await expectNoViolations(page, 'an old revision');

  // A correction over someone else's newer change: refused, said so, the draft kept.
  await page.goto(`/articles/${id}/text`);
  const now = await (await page.request.get(`/api/v1/articles/${id}`)).json();
  expect((await page.request.patch(`/api/v1/articles/${id}`, { data: { publisher: 'Agence Anadolu', version: now.version } })).status()).toBe(200);
  await page.getByLabel('Texte de l’article').fill(`${corrected}\n\nUne phrase ajoutée.`);
  await page.getByTestId('article-text-save').click();
  await expect(page.getByTestId('article-text-stale')).toContainText('Quelqu’un d’autre a modifié cet article pendant votre correction');
  await expect(page.getByLabel('Texte de l’article')).toHaveValue(`${corrected}\n\nUne phrase ajoutée.`);
  const stale = await page.request.patch(`/api/v1/articles/${id}`, { data: { text: 'Autre texte.', version: now.version } });
  expect(stale.status()).toBe(409);

  await expectNoViolations(page, 'the text correction page');
  // On a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoHorizontalScroll(page, 'the text correction page at 390 px');
  await page.goto(`/articles/${id}`);
  await expect(page.getByTestId('orphaned-claims')).toBeAttached();
  await expectNoHorizontalScroll(page, 'the article page with orphaned claims at 390 px');
});
