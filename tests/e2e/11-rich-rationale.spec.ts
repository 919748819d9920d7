import { expect, test, type Browser, type Page } from '@playwright/test';
import { createPerson, expectNoViolations, signIn } from './helpers';

// The rationale written as rich text: bold, a list and a link typed with the
// keyboard and the toolbar, a javascript: link refused, saved, and shown
// formatted to another reviewer once they have given their own verdict (blind
// review). axe on the panel with the editor.

const CLAIM = 'Le chômage a baissé de 2 % en 2024.';
const TEXT = `${CLAIM} Le ministre l’a répété lundi devant la presse.`;

let people = 0;

async function person(browser: Browser, role: 'editor' | 'reviewer', name: string) {
  people += 1;
  const email = `rich-${role}-${Date.now()}-${people}@example.org`;
  await createPerson({ email, role, name });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

/** An article of its own with one claim, blind review on (the default). */
async function articleWithClaim(page: Page): Promise<{ articleId: string; claimId: string }> {
  const article = await page.request.post('/api/v1/articles', { data: { text: TEXT, title: `Rationale ${Date.now()}`, language: 'fr' } });
  expect(article.status()).toBe(201);
  const { id: articleId } = (await article.json()) as { id: string };
  const claim = await page.request.post(`/api/v1/articles/${articleId}/claims`, { data: { exact: CLAIM, start: 0, end: CLAIM.length } });
  expect(claim.status()).toBe(201);
  return { articleId, claimId: ((await claim.json()) as { id: string }).id };
}

async function openClaim(page: Page, articleId: string, claimId: string) {
  await page.goto(`/articles/${articleId}?claim=${claimId}`);
  await expect(page.getByTestId('claim-panel')).toBeVisible();
  await expect(page.getByTestId('rationale-editor')).toBeVisible();
}


test('a formatted rationale: typed with the keyboard and the toolbar, saved, shown formatted to another reviewer after their own verdict', async ({ browser }) => {
  const desk = await person(browser, 'editor', 'Édith Rich');
  const { articleId, claimId } = await articleWithClaim(desk.page);
  const alice = await person(browser, 'reviewer', 'Alice Riche');
  const bruno = await person(browser, 'reviewer', 'Bruno Riche');

  const page = alice.page;
  await openClaim(page, articleId, claimId);
  const panel = page.getByTestId('claim-panel');
  const editor = panel.getByRole('textbox', { name: 'Justification' });
  const toolbar = panel.getByRole('toolbar', { name: 'Mise en forme' });
  await expect(editor).toHaveAttribute('aria-multiline', 'true');
  await expect(toolbar.getByRole('button')).toHaveCount(6);
  await expectNoViolations(page, 'the panel with the editor', '[data-testid="claim-panel"]');

  await panel.getByLabel('Plutôt faux').check();
  await editor.click();
  // Bold with Ctrl+B, on and off.
  await page.keyboard.type('Le chiffre est ');
  await page.keyboard.press('Control+b');
  await expect(toolbar.getByRole('button', { name: 'Gras' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.type('faux');
  await page.keyboard.press('Control+b');
  await expect(toolbar.getByRole('button', { name: 'Gras' })).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.type(', selon l’Insee.');

  // "l’Insee" selected with the keyboard, then the link button: a javascript: address is refused.
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 'l’Insee'.length; i += 1) await page.keyboard.press('Shift+ArrowLeft');
  await toolbar.getByRole('button', { name: 'Lien' }).click();
  const address = panel.getByLabel('Adresse du lien');
  await expect(address).toBeFocused();
  await expectNoViolations(page, 'the panel with the link prompt open', '[data-testid="claim-panel"]');
  await page.keyboard.type('javascript:alert(document.cookie)');
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('link-refused')).toContainText('http:// ou https://');
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.locator('a')).toHaveCount(0);
  await address.fill('https://www.insee.fr/');
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('link-prompt')).toHaveCount(0);
  await expect(editor.locator('a')).toHaveText('l’Insee');
  await expect(editor).toBeFocused();
  // The caret after the link, not the linked words still selected (the editor focuses a frame later).
  const caret = () =>
    page.evaluate(() => {
      const selection = document.getSelection();
      const inEditor = !!selection?.anchorNode && !!document.querySelector('[data-testid="rationale-editor"]')?.contains(selection.anchorNode);
      return inEditor && selection!.isCollapsed ? 'collapsed in the editor' : 'elsewhere';
    });
  await expect.poll(caret).toBe('collapsed in the editor');

  // A bulleted list from the toolbar, reached with Shift+Tab and the arrows.
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  await expect(toolbar.getByRole('button', { name: 'Lien' })).toBeFocused(); // the toolbar's one tab stop: the last button used
  await page.keyboard.press('ArrowRight');
  await expect(toolbar.getByRole('button', { name: 'Liste à puces' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(editor).toBeFocused();
  await page.keyboard.type('baisse de 0,3 point');
  await page.keyboard.press('Enter');
  await page.keyboard.type('chiffres de mars');
  await expect(toolbar.getByRole('button', { name: 'Liste à puces' })).toHaveAttribute('aria-pressed', 'true');
  const plain = 'Le chiffre est faux, selon l’Insee (https://www.insee.fr/).\n\n- baisse de 0,3 point\n- chiffres de mars';
  await expect(panel.getByTestId('rationale-count')).toContainText(`${plain.length} / 10 000`);

  await panel.getByRole('button', { name: 'Enregistrer le verdict' }).click();
  await expect(panel.getByRole('status')).toHaveText('Enregistré');

  const saved = (await (await page.request.get(`/api/v1/claims/${claimId}`)).json()) as {
    verdicts: { rationale: string; rationaleDoc: { content: { type: string }[] } }[];
  };
  expect(saved.verdicts[0]!.rationale).toBe(plain);
  expect(saved.verdicts[0]!.rationaleDoc.content.map((b) => b.type)).toEqual(['paragraph', 'bulletList']);
  expect(JSON.stringify(saved.verdicts[0]!.rationaleDoc)).toContain('{"type":"bold"}');

  // After a reload, the editor shows the saved rationale, formatted.
  await page.reload();
  await expect(editor.locator('strong')).toHaveText('faux');
  await expect(editor.locator('li')).toHaveCount(2);

  // Bruno, blind: nothing of Alice's rationale until his own verdict.
  const other = bruno.page;
  await openClaim(other, articleId, claimId);
  const otherPanel = other.getByTestId('claim-panel');
  await expect(otherPanel.getByTestId('other-verdict')).toHaveCount(0);
  expect(await other.content()).not.toContain('chiffres de mars');
  await otherPanel.getByLabel('Mitigé').check();
  await otherPanel.getByRole('textbox', { name: 'Justification' }).fill('Je nuance.');
  await otherPanel.getByRole('button', { name: 'Enregistrer le verdict' }).click();
  await expect(otherPanel.getByRole('status')).toHaveText('Enregistré');

  // Now he reads it as formatted text: bold, a list, a link that opens safely.
  const rationale = otherPanel.getByTestId('other-verdict').filter({ hasText: 'Alice Riche' }).getByTestId('other-rationale');
  await expect(rationale.locator('strong')).toHaveText('faux');
  await expect(rationale.locator('ul > li')).toHaveText(['baisse de 0,3 point', 'chiffres de mars']);
  const link = rationale.getByRole('link', { name: 'l’Insee' });
  await expect(link).toHaveAttribute('href', 'https://www.insee.fr/');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  await expect(link).toHaveAttribute('target', '_blank');
  await expectNoViolations(other, 'the panel with another reviewer’s formatted rationale');

  await Promise.all([desk.context.close(), alice.context.close(), bruno.context.close()]);
});

test('keys typed faster than the page reports the caret still apply where the caret is: End then Enter right after a link', async ({ browser }) => {
  // Chromium tells the editor of a caret moved by End only after the keys already queued:
  // without the editor reading the caret itself, Enter split the text before the period.
  const desk = await person(browser, 'editor', 'Édith Rapide');
  const { articleId, claimId } = await articleWithClaim(desk.page);
  const page = desk.page;
  await openClaim(page, articleId, claimId);
  const panel = page.getByTestId('claim-panel');
  const editor = panel.getByRole('textbox', { name: 'Justification' });
  await editor.click();
  for (let round = 1; round <= 3; round += 1) {
    await page.keyboard.type(`Source ${round} : l’Insee.`);
    await page.keyboard.press('ArrowLeft');
    for (let i = 0; i < 'l’Insee'.length; i += 1) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Control+k');
    await panel.getByLabel('Adresse du lien').fill('https://www.insee.fr/');
    await page.keyboard.press('Enter');
    await expect(editor.locator('a')).toHaveCount(round);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
  }
  await page.keyboard.type('Fin.');
  await expect(editor.locator('p')).toHaveText(['Source 1 : l’Insee.', 'Source 2 : l’Insee.', 'Source 3 : l’Insee.', 'Fin.']);
  await desk.context.close();
});

test('the API refuses a hostile rationale document with a 422 naming the field, and keeps plain rationales working', async ({ browser }) => {
  const desk = await person(browser, 'editor', 'Édith API');
  const { claimId } = await articleWithClaim(desk.page);
  const put = (data: unknown) => desk.page.request.put(`/api/v1/claims/${claimId}/verdict`, { data });

  const hostile = await put({
    rating: 'false',
    rationaleDoc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'clic', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] },
  });
  expect(hostile.status()).toBe(422);
  const { error } = (await hostile.json()) as { error: { message: string; issues: { path: (string | number)[]; key: string }[] } };
  expect(error.message).toBe('A link in the rationale must start with http:// or https://.');
  expect(error.issues[0]).toMatchObject({ path: ['rationaleDoc', 'content', 0, 'content', 0, 'marks', 0, 'attrs', 'href'], key: 'invalidUrl' });

  const styled = await put({ rating: 'false', rationaleDoc: { type: 'doc', content: [{ type: 'heading', content: [] }] } });
  expect(styled.status()).toBe(422);

  const plain = await put({ rating: 'false', rationale: 'Texte brut.\n\nDeuxième paragraphe.' });
  expect(plain.status()).toBe(201);
  expect(await plain.json()).toMatchObject({
    rationale: 'Texte brut.\n\nDeuxième paragraphe.',
    rationaleDoc: { type: 'doc', content: [{ type: 'paragraph' }, { type: 'paragraph' }] },
  });
  await desk.context.close();
});
