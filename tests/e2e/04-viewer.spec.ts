import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { createPerson, openSeedArticle, pointAt, selectWithMouse, signIn } from './helpers';

// The article text as reviewers use it: overlapping claims told apart and
// chosen from a menu, a tooltip per point, a legend, and a claim made with the
// keyboard alone (caret, Shift+arrows, the selection toolbar).
const STATUSES = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'lib/i18n/messages/fr/statuses.json'), 'utf8'));
const RATINGS = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'lib/i18n/messages/fr/ratings.json'), 'utf8'));

const OUTER = 'Il a assuré que Moscou ferait tout pour un règlement définitif des différends';
const INNER = 'un règlement définitif';
const KEYBOARD_CLAIM = 'Les présidents russes';
const MOUSE_CLAIM = 'contacts interparlementaires trilatéraux';

async function createClaim(page: Page, articleId: string, text: string, exact: string): Promise<string> {
  const start = text.indexOf(exact);
  expect(start).toBeGreaterThanOrEqual(0);
  const response = await page.request.post(`/api/v1/articles/${articleId}/claims`, { data: { exact, start, end: start + exact.length } });
  expect(response.status()).toBe(201);
  return (await response.json()).id;
}

test('overlapping claims: legend, tooltip, chooser; a claim made with the keyboard only', async ({ page }) => {
  let articleId = '';
  let outerId = '';
  let innerId = '';

  await test.step('two nested claims, one with a verdict', async () => {
    // A reviewer whatever ran before (the first account of a database is its admin, who sees every verdict).
    await createPerson({ email: 'vera@example.org', role: 'reviewer', name: 'Vera Viewer' });
    await signIn(page, 'vera@example.org');
    articleId = await openSeedArticle(page);
    const article = await (await page.request.get(`/api/v1/articles/${articleId}`)).json();
    outerId = await createClaim(page, articleId, article.text, OUTER);
    innerId = await createClaim(page, articleId, article.text, INNER);
    const verdict = await page.request.put(`/api/v1/claims/${outerId}/verdict`, { data: { rating: 'false', rationale: 'Aucune source ne le confirme.' } });
    expect(verdict.ok()).toBe(true);
    await page.reload();
    const text = page.getByTestId('article-text');
    const claimCount = (await (await page.request.get(`/api/v1/articles/${articleId}/claims`)).json()).claims.length;
    await expect(text).toHaveAttribute('data-painted-claims', String(claimCount));
    // Nested highlights keep their own spans, on different underline levels.
    expect((await text.locator(`[data-claim-id="${outerId}"]`).allTextContents()).join('')).toBe(OUTER);
    expect((await text.locator(`[data-claim-id="${innerId}"]`).allTextContents()).join('')).toBe(INNER);
    await expect(text.locator(`[data-claim-id="${outerId}"]`).first()).toHaveClass(/claim-level-0/);
    await expect(text.locator(`[data-claim-id="${innerId}"]`).first()).toHaveClass(/claim-level-1/);
  });

  await test.step('the legend shows every status with its glyph', async () => {
    const legend = page.getByTestId('claim-legend');
    await expect(legend).toBeVisible();
    await expect(legend.locator('li')).toHaveCount(5);
    for (const label of Object.values(STATUSES) as string[]) await expect(legend).toContainText(label);
    for (const glyph of ['○', '◔', '✓', '⚠', '⚖']) await expect(legend).toContainText(glyph);
  });

  await test.step('hovering a claim shows one tooltip: status, leading rating, reviewers', async () => {
    const moscou = await pointAt(page, 'Moscou', 2);
    await page.mouse.move(moscou.x, moscou.y);
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toBeVisible();
    await expect(tooltip.locator('li')).toHaveCount(1);
    await expect(tooltip).toContainText(STATUSES['needs-review']);
    await expect(tooltip).toContainText(RATINGS.false);
    await expect(tooltip.getByTestId('tooltip-reviewers')).toContainText('1');
    // Where the claims overlap, the same single tooltip lists both, innermost first.
    const overlap = await pointAt(page, 'règlement', 3);
    await page.mouse.move(overlap.x, overlap.y);
    await expect(tooltip.locator('li')).toHaveCount(2);
    await expect(tooltip.locator('li').first()).toHaveAttribute('data-claim-id', innerId);
    // Blind review (on by default): a claim the reader has not reviewed reads "needs review", whatever others did.
    await expect(tooltip.locator('li').first()).toContainText(STATUSES['needs-review']);
    await expect(page.getByRole('tooltip')).toHaveCount(1);
  });

  await test.step('clicking where claims overlap opens a chooser; Escape closes it and returns focus', async () => {
    const overlap = await pointAt(page, 'règlement', 3);
    await page.mouse.click(overlap.x, overlap.y);
    const chooser = page.getByRole('menu');
    await expect(chooser).toBeVisible();
    const items = chooser.getByRole('menuitem');
    await expect(items).toHaveCount(2);
    await expect(items.first()).toBeFocused();
    await expect(items.first()).toContainText(INNER);
    await expect(items.nth(1)).toContainText(STATUSES['needs-review']);
    await page.keyboard.press('ArrowDown');
    await expect(items.nth(1)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(chooser).toBeHidden();
    await expect(page.getByTestId('article-text')).toBeFocused();
    await expect(page.getByTestId('claim-panel')).toBeHidden();
  });

  await test.step('Enter with the caret in both claims opens the chooser; picking the outer claim opens it, outlined as one shape', async () => {
    await page.keyboard.press('Enter');
    const items = page.getByRole('menu').getByRole('menuitem');
    await expect(items).toHaveCount(2);
    await page.keyboard.press('End');
    await expect(items.nth(1)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menu')).toBeHidden();
    await expect(page.getByTestId('claim-panel')).toHaveAttribute('data-claim-id', outerId);
    await expect(page.getByTestId('claim-quote')).toHaveText(OUTER);
    const text = page.getByTestId('article-text');
    await expect(text.locator(`[data-claim-id="${outerId}"]`).first()).toHaveClass(/claim-selected/);
    await expect(page.getByTestId('claim-outline')).toHaveAttribute('data-claim-id', outerId);
    await expect(page.getByTestId('claim-outline').locator('path')).toHaveCount(1);
  });

  await test.step('a click on a single claim opens it directly', async () => {
    const moscou = await pointAt(page, 'Moscou', 2);
    await page.mouse.click(moscou.x, moscou.y);
    await expect(page.getByRole('menu')).toBeHidden();
    await expect(page.getByTestId('claim-panel')).toHaveAttribute('data-claim-id', outerId);
  });

  await test.step('a mouse selection shows the toolbar at the selection; its button marks the claim, then the toolbar goes', async () => {
    await selectWithMouse(page, MOUSE_CLAIM);
    const toolbar = page.getByTestId('selection-toolbar');
    await expect(toolbar).toBeVisible();
    const end = await pointAt(page, MOUSE_CLAIM, 0);
    const box = (await toolbar.boundingBox())!;
    expect(Math.abs(box.y + box.height / 2 - end.y)).toBeLessThan(80); // next to the selection, not at the top of the page
    await toolbar.getByRole('button').click();
    await expect(page.getByTestId('claim-quote')).toHaveText(MOUSE_CLAIM);
    await expect(toolbar).toBeHidden();
  });

  await test.step('keyboard only: Tab to the text, typing changes nothing, Shift+arrows select, the toolbar marks the claim', async () => {
    await page.reload();
    const text = page.getByTestId('article-text');
    await expect(text).toHaveAttribute('aria-readonly', 'true');
    await expect(text).toHaveAttribute('inputmode', 'none');
    await expect(text).toHaveAccessibleName(/.+/);
    const before = await text.textContent();
    for (let i = 0; i < 40 && !(await text.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(text).toBeFocused();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('xy');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Delete');
    expect(await text.textContent()).toBe(before);
    for (let i = 0; i < KEYBOARD_CLAIM.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(KEYBOARD_CLAIM);
    const toolbar = page.getByTestId('selection-toolbar');
    await expect(toolbar).toBeVisible();
    await expect(toolbar.getByRole('button')).toContainText('m');
    await page.keyboard.press('Tab');
    await expect(toolbar.getByRole('button')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('claim-quote')).toHaveText(KEYBOARD_CLAIM);
    const id = await page.getByTestId('claim-panel').getAttribute('data-claim-id');
    await expect(text.locator(`[data-claim-id="${id}"]`)).toHaveText(KEYBOARD_CLAIM);
  });

  await test.step('the toolbar marks the selection as the browser has it, though the editor has not caught up with it', async () => {
    // The race CI met: the last Shift+arrows' `selectionchange` reached the editor only after Tab had taken the
    // focus to the toolbar, and the editor ignores a selection change once the focus has left the text; it knew
    // the selection five keys short. Here the last five characters are selected and the toolbar focused in one
    // task, so that their `selectionchange` comes after the focus has left, every time.
    const PASSAGE = 'La déclaration conjointe';
    const text = page.getByTestId('article-text');
    await text.evaluate((root, passage) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(passage);
        if (at < 0) continue;
        (root as HTMLElement).focus();
        window.getSelection()!.setBaseAndExtent(node, at, node, at + passage.length - 5);
        return;
      }
      throw new Error(`"${passage}" is not in one text node`);
    }, PASSAGE);
    const toolbar = page.getByTestId('selection-toolbar');
    await expect(toolbar).toBeVisible();
    await page.evaluate(() => {
      for (let i = 0; i < 5; i++) window.getSelection()!.modify('extend', 'forward', 'character');
      document.querySelector<HTMLElement>('[data-testid="selection-mark-claim"]')!.focus();
    });
    await expect(toolbar.getByRole('button')).toBeFocused();
    expect(await page.evaluate(() => window.getSelection()!.toString())).toBe(PASSAGE);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('claim-quote')).toHaveText(PASSAGE);
  });

  await test.step('on a 390 px phone the selection toolbar stays on screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    const text = page.getByTestId('article-text');
    await text.focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    for (let i = 0; i < 12; i++) await page.keyboard.press('Shift+ArrowLeft');
    const toolbar = page.getByTestId('selection-toolbar');
    await expect(toolbar).toBeVisible();
    const box = (await toolbar.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  });
});
