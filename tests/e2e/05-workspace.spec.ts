import { expect, test, type Browser, type Page } from '@playwright/test';
import { createPerson, register, selectWithMouse, signIn } from './helpers';

// The workspace around the article text: keyboard, phone, failures, list, permalinks, lifecycle.
// Each test imports its own article through the API as an editor, so tests do not share claims.

const FIRST = 'Le chômage a baissé de 2 % en 2024.';
const SECOND = 'La dette publique atteint 110 % du PIB.';
const THIRD = 'Les exportations ont doublé depuis 2020.';
const TEXT = [
  `${FIRST} Le ministre l’a répété lundi devant la presse.`,
  `Selon l’opposition, ${SECOND} Elle demande un audit.`,
  `Le gouvernement ajoute que ${THIRD} Les chiffres seront publiés en mars.`,
].join('\n\n');

let accounts = 0;

/** A signed-in editor (a fresh account each time) in a new context, and an article of their own. */
async function deskWith(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
  accounts += 1;
  const email = `desk-${Date.now()}-${accounts}@example.org`;
  await createPerson({ email, role: 'editor', name: `Éditrice ${accounts}` });
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, email);
  const response = await page.request.post('/api/v1/articles', { data: { text: TEXT, title: `Dépêche ${accounts}`, language: 'fr' } });
  expect(response.status()).toBe(201);
  const article = (await response.json()) as { id: string; text: string };
  return { context, page, email, articleId: article.id, text: article.text };
}

async function addClaim(page: Page, articleId: string, text: string, exact: string): Promise<string> {
  const start = text.indexOf(exact);
  const response = await page.request.post(`/api/v1/articles/${articleId}/claims`, { data: { exact, start, end: start + exact.length } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function openArticle(page: Page, articleId: string, claimId?: string) {
  await page.goto(`/articles/${articleId}${claimId ? `?claim=${claimId}` : ''}`);
  await expect(page.getByTestId('article-text')).toContainText(FIRST);
}

const panel = (page: Page) => page.getByTestId('claim-panel');
const liveRegion = (page: Page) => page.getByTestId('live-region');

/** Presses Tab until `predicate` holds for the focused element (keyboard only, as a user would). */
async function tabUntil(page: Page, predicate: string, max = 60) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((p) => new Function('el', `return ${p}`)(document.activeElement), predicate)) return;
  }
  throw new Error(`Tab never reached: ${predicate}`);
}

test('a claim and a verdict made with the keyboard only', async ({ browser }) => {
  const { context, page, articleId } = await deskWith(browser);
  await openArticle(page, articleId);

  // Into the text, to its start, then Shift+arrows over the first sentence; m marks it.
  await tabUntil(page, `el && el.matches('[data-testid="article-text"]')`);
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < FIRST.length; i += 1) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('m');
  await expect(panel(page)).toBeVisible();
  await expect(panel(page).getByTestId('claim-quote')).toHaveText(FIRST);
  await expect(liveRegion(page)).toContainText('Affirmation créée');
  // The panel took focus (its heading), and the address names the claim.
  await expect(panel(page).getByRole('heading', { level: 2 })).toBeFocused();
  const claimId = (await panel(page).getAttribute('data-claim-id'))!;
  expect(new URL(page.url()).searchParams.get('claim')).toBe(claimId);

  // The rating with the arrows of its radio group, the rationale typed, saved with Enter.
  await tabUntil(page, `el && el.type === 'radio'`);
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await expect(panel(page).getByLabel('Plutôt faux')).toBeChecked();
  await tabUntil(page, `el && el.getAttribute('role') === 'textbox' && el.isContentEditable`);
  await page.keyboard.type('L’Insee donne une baisse de 0,3 point seulement.');
  await expect(panel(page).getByTestId('rationale-count')).toContainText('48 / 10 000');
  await tabUntil(page, `el && el.type === 'submit' && el.closest('[data-testid="verdict-form"]')`);
  await page.keyboard.press('Enter');
  await expect(panel(page).getByRole('status')).toHaveText('Enregistré');
  await expect(liveRegion(page)).toContainText('Verdict enregistré');

  // Escape closes the panel and gives the keyboard back to the text.
  await page.keyboard.press('Escape');
  await expect(panel(page)).toHaveCount(0);
  await expect(page.getByTestId('article-text')).toBeFocused();
  expect(new URL(page.url()).searchParams.get('claim')).toBeNull();

  // ? shows the shortcuts; Escape closes the dialog only.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-help')).toBeVisible();
  await expect(page.getByTestId('shortcuts-help')).toContainText('Ouvrir l’affirmation suivante');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-help')).toBeHidden();

  // n opens the next claim in reading order, p the previous, from the caret.
  await page.request.post(`/api/v1/articles/${articleId}/claims`, {
    data: { exact: SECOND },
  });
  await page.reload();
  await tabUntil(page, `el && el.matches('[data-testid="article-text"]')`);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('n');
  await expect(panel(page)).toHaveAttribute('data-claim-id', claimId);
  await page.keyboard.press('n');
  await expect(panel(page).getByTestId('claim-quote')).toHaveText(SECOND);
  await expect(page.locator(`[data-testid=article-text] .claim-selected`).first()).toBeVisible();
  await page.keyboard.press('p');
  await expect(panel(page)).toHaveAttribute('data-claim-id', claimId);
  await page.keyboard.press('p');
  await expect(liveRegion(page)).toContainText('Aucune affirmation avant celle-ci');
  await context.close();
});

test('the journey on a 390×844 phone: the panel opens in view, nothing scrolls sideways', async ({ browser }) => {
  const { context, page, articleId, text } = await deskWith(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const claimId = await addClaim(page, articleId, text, THIRD);
  await openArticle(page, articleId);
  const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await scrollWidth()).toBeLessThanOrEqual(390);

  await page.locator(`[data-testid=article-text] [data-claim-id="${claimId}"]`).first().click();
  await expect(panel(page)).toBeVisible();
  const box = (await panel(page).boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeLessThan(844);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await scrollWidth()).toBeLessThanOrEqual(390);
  // The open claim is not hidden behind the sheet.
  const highlight = (await page.locator(`[data-testid=article-text] [data-claim-id="${claimId}"]`).first().boundingBox())!;
  expect(highlight.y + highlight.height).toBeLessThanOrEqual(box.y);

  await panel(page).getByLabel('Vrai', { exact: true }).check();
  await panel(page).getByLabel('Justification').fill('Les douanes confirment.');
  await panel(page).getByRole('button', { name: 'Enregistrer le verdict' }).click();
  await expect(panel(page).getByRole('status')).toHaveText('Enregistré');
  expect(await scrollWidth()).toBeLessThanOrEqual(390);

  // The claims list, unfolded, fits too.
  await page.getByRole('heading', { name: 'Affirmations', exact: true }).click();
  await expect(page.getByTestId('claims-list').locator('[data-claim-id]')).toHaveCount(1);
  expect(await scrollWidth()).toBeLessThanOrEqual(390);
  await page.screenshot({ path: 'tests/e2e/screenshots/phone-panel.png' });

  await panel(page).getByTestId('close-panel').click();
  await expect(panel(page)).toHaveCount(0);
  await context.close();
});

test('an offline save shows the error, keeps the draft across a reload, and succeeds on retry', async ({ browser }) => {
  const { context, page, articleId, text } = await deskWith(browser);
  const claimId = await addClaim(page, articleId, text, FIRST);
  await openArticle(page, articleId, claimId);
  const form = panel(page).getByTestId('verdict-form');
  await form.getByLabel('Mitigé').check();
  await form.getByLabel('Justification').fill('Baisse réelle mais plus faible.');
  await form.getByLabel('URL de la source 1').fill('https://www.insee.fr/fr/statistiques');

  await context.setOffline(true);
  await form.getByRole('button', { name: 'Enregistrer le verdict' }).click();
  await expect(form.getByTestId('verdict-error')).toContainText('Le serveur est injoignable');
  await expect(form.getByRole('button', { name: 'Enregistrer le verdict' })).toBeEnabled();
  await context.setOffline(false);

  // The draft survives a reload.
  await page.reload();
  await expect(panel(page).getByTestId('draft-restored')).toBeVisible();
  await expect(form.getByLabel('Mitigé')).toBeChecked();
  await expect(form.getByLabel('Justification')).toHaveText('Baisse réelle mais plus faible.');
  await expect(form.getByLabel('URL de la source 1')).toHaveValue('https://www.insee.fr/fr/statistiques');

  // Still offline at the next try; Retry once back online saves it.
  await context.setOffline(true);
  await form.getByRole('button', { name: 'Enregistrer le verdict' }).click();
  await expect(form.getByTestId('verdict-error')).toBeVisible();
  await context.setOffline(false);
  await form.getByTestId('verdict-error').getByRole('button', { name: 'Réessayer' }).click();
  await expect(form.getByRole('status')).toHaveText('Enregistré');
  await expect(form.getByTestId('verdict-error')).toHaveCount(0);

  // Saved: the draft is gone, the form shows the saved verdict.
  await page.reload();
  await expect(form.getByLabel('Mitigé')).toBeChecked();
  await expect(panel(page).getByTestId('draft-restored')).toHaveCount(0);
  const saved = await (await page.request.get(`/api/v1/claims/${claimId}`)).json();
  expect(saved.verdicts[0]).toMatchObject({ rating: 'mixed', rationale: 'Baisse réelle mais plus faible.' });
  await context.close();
});

test('offline, marking a passage and opening a claim say what failed and retry once back online', async ({ browser }) => {
  const { context, page, articleId, text } = await deskWith(browser);
  const claimId = await addClaim(page, articleId, text, FIRST);
  await openArticle(page, articleId);

  // Marking: the toolbar says the claim was not created, and why; the retry creates it.
  await context.setOffline(true);
  await selectWithMouse(page, SECOND);
  await page.getByTestId('selection-toolbar').getByRole('button', { name: /Marquer comme affirmation/ }).click();
  const markError = page.getByTestId('mark-error');
  await expect(markError).toContainText('L’affirmation n’a pas été créée : Le serveur est injoignable');
  await context.setOffline(false);
  await markError.getByRole('button', { name: 'Réessayer' }).click();
  await expect(panel(page).getByTestId('claim-quote')).toHaveText(SECOND);
  await expect(markError).toHaveCount(0);
  await page.getByRole('button', { name: /Fermer/ }).click();

  // Opening: the panel says the claim could not be loaded; the retry loads it.
  await context.setOffline(true);
  await page.locator(`[data-testid=article-text] [data-claim-id="${claimId}"]`).first().click();
  const loadError = panel(page).getByRole('alert');
  await expect(loadError).toContainText('Impossible de charger cette affirmation. Le serveur est injoignable');
  await context.setOffline(false);
  await loadError.getByRole('button', { name: 'Réessayer' }).click();
  await expect(panel(page).getByTestId('verdict-form')).toBeVisible();
  await expect(panel(page).getByRole('alert')).toHaveCount(0);
  const claims = (await (await page.request.get(`/api/v1/articles/${articleId}/claims`)).json()).claims as { exact: string }[];
  expect(claims.map((c) => c.exact).sort()).toEqual([FIRST, SECOND].sort());
  await context.close();
});

test('the claims list filters, sorts and follows the text both ways', async ({ browser }) => {
  const { context, page, articleId, text } = await deskWith(browser);
  const first = await addClaim(page, articleId, text, FIRST);
  const second = await addClaim(page, articleId, text, SECOND);
  const third = await addClaim(page, articleId, text, THIRD);
  // A verdict on the first claim: it needs review (one reviewer of two) and has the latest activity.
  await page.waitForTimeout(20);
  expect((await page.request.put(`/api/v1/claims/${first}/verdict`, { data: { rating: 'false' } })).status()).toBe(201);
  await openArticle(page, articleId);
  const list = page.getByTestId('claims-list');
  const rows = list.locator('[data-claim-id]');
  const order = () => rows.evaluateAll((els) => els.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map((e) => e.getAttribute('data-claim-id')));
  await expect(rows).toHaveCount(3);
  expect(await order()).toEqual([first, second, third]);
  await expect(page.getByTestId('claims-count')).toHaveText('3 affirmations');
  await expect(list.locator(`[data-claim-id="${first}"] [data-status]`)).toHaveAttribute('data-status', 'needs-review');

  await page.getByTestId('filter-needs-my-verdict').check();
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('claims-count')).toContainText('2 sur 3 affirmations');
  await page.getByTestId('filter-needs-my-verdict').uncheck();
  await page.getByTestId('filter-needs-review').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-claim-id', first);
  await page.getByTestId('filter-needs-review').click();
  await expect(rows).toHaveCount(3);

  await page.getByTestId('claims-sort').selectOption('status');
  await expect.poll(order).toEqual([first, second, third]);
  await page.getByTestId('claims-sort').selectOption('activity');
  await expect.poll(order).toEqual([first, third, second]);

  // List → text: the highlight is selected and the address follows.
  await list.getByRole('button', { name: SECOND }).click();
  await expect(panel(page)).toHaveAttribute('data-claim-id', second);
  await expect(page.locator(`[data-testid=article-text] [data-claim-id="${second}"].claim-selected`).first()).toBeVisible();
  expect(new URL(page.url()).searchParams.get('claim')).toBe(second);
  // Text → list: the row is marked as the open one.
  await page.locator(`[data-testid=article-text] [data-claim-id="${third}"]`).first().click();
  await expect(list.locator(`[data-claim-id="${third}"]`)).toHaveClass(/active/);
  await expect(list.locator(`[data-claim-id="${third}"] button`)).toHaveAttribute('aria-current', 'true');
  await context.close();
});

test('permalinks open their claim; an unknown claim says so; marking a claim again opens it', async ({ browser }) => {
  const { context, page, articleId, text } = await deskWith(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const claimId = await addClaim(page, articleId, text, SECOND);
  await openArticle(page, articleId, claimId);
  await expect(panel(page)).toHaveAttribute('data-claim-id', claimId);
  await expect(panel(page).getByTestId('claim-quote')).toHaveText(SECOND);

  await panel(page).getByTestId('copy-link').click();
  await expect(panel(page).getByText('Lien copié.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`/articles/${articleId}?claim=${claimId}`);

  await page.goto(`/articles/${articleId}?claim=nope-not-a-claim`);
  await expect(page.getByTestId('claim-not-found')).toContainText('n’existe pas dans cet article');
  await expect(panel(page)).toHaveCount(0);

  // Selecting the same passage and marking it opens the existing claim instead of failing.
  await selectWithMouse(page, SECOND);
  await page.getByTestId('mark-claim').click();
  await expect(panel(page)).toHaveAttribute('data-claim-id', claimId);
  await expect(liveRegion(page)).toContainText('déjà une affirmation');
  const claims = await (await page.request.get(`/api/v1/articles/${articleId}/claims`)).json();
  expect(claims.claims).toHaveLength(1);
  await context.close();
});

test('the author edits the note and deletes the claim after confirming; a reviewed claim says why not', async ({ browser }) => {
  // A reviewer (not an editor) may delete only their own claim, and only while nobody else reviewed it.
  const desk = await deskWith(browser); // first, so the author below is never the first (admin) account
  const reviewer = await browser.newContext();
  const page = await reviewer.newPage();
  await register(page, 'Autrice Test', `author-${Date.now()}@example.org`);
  await openArticle(page, desk.articleId);

  for (const passage of [FIRST, THIRD]) {
    await selectWithMouse(page, passage);
    // The toolbar floating at the selection, as a reader would use it.
    await page.getByTestId('selection-mark-claim').click();
    await expect(panel(page).getByTestId('claim-quote')).toHaveText(passage);
  }
  const third = (await panel(page).getAttribute('data-claim-id'))!;
  await page.getByTestId('claims-list').getByRole('button', { name: FIRST }).click();
  const first = (await panel(page).getAttribute('data-claim-id'))!;

  // The note.
  await panel(page).getByRole('button', { name: 'Ajouter une note' }).click();
  await panel(page).getByRole('textbox', { name: 'Note', exact: true }).fill('Vérifier la série corrigée des variations saisonnières.');
  await panel(page).getByRole('button', { name: 'Enregistrer la note' }).click();
  await expect(panel(page).getByTestId('claim-note')).toContainText('série corrigée');

  // Delete: cancel first, then confirm.
  await panel(page).getByTestId('delete-claim').click();
  const dialog = page.getByTestId('confirm-delete');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel(page)).toHaveAttribute('data-claim-id', first);
  await panel(page).getByTestId('delete-claim').click();
  await dialog.getByRole('button', { name: 'Supprimer', exact: true }).click();
  await expect(panel(page)).toHaveCount(0);
  await expect(liveRegion(page)).toContainText('Affirmation supprimée');
  await expect(page.locator(`[data-testid=article-text] [data-claim-id="${first}"]`)).toHaveCount(0);
  await expect(page.getByTestId('claims-list').locator('[data-claim-id]')).toHaveCount(1);
  expect((await page.request.get(`/api/v1/claims/${first}`)).status()).toBe(404);

  // Someone else reviews the other claim meanwhile: deleting it is refused, with the reason.
  await page.getByTestId('claims-list').getByRole('button', { name: THIRD }).click();
  await panel(page).getByTestId('delete-claim').click();
  await expect(dialog).toBeVisible();
  expect((await desk.page.request.put(`/api/v1/claims/${third}/verdict`, { data: { rating: 'true' } })).status()).toBe(201);
  await dialog.getByRole('button', { name: 'Supprimer', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('un autre vérificateur a donné son verdict');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  expect((await page.request.get(`/api/v1/claims/${third}`)).status()).toBe(200);
  // Blind review is on for new articles: the panel cannot say so beforehand without telling the author
  // that someone reviewed the claim, so it keeps the button and the refusal above is the explanation.
  await expect(panel(page)).toHaveAttribute('data-claim-id', third);
  await reviewer.close();
  await desk.context.close();
});
