import { expect, test, type Page } from '@playwright/test';
import { createPerson, expectNoHorizontalScroll, expectNoViolations, selectWithMouse, signIn } from './helpers';

// An editor imports HTML (uploaded) and Markdown (pasted): the article shows
// their structure, nothing in them runs, and a claim marked across an
// emphasis edge has the exact offsets of the canonical text in the API.

const NBSP = '\u00a0';
const NNBSP = '\u202f';

const HTML = `<!doctype html><html><head><title>ignoré</title><style>body{display:none}</style></head><body>
<h1>Le déficit public en 2024</h1>
<p onclick="alert('clic')">Selon l’Insee, le déficit atteindrait <em>5,8${NNBSP}% du PIB</em>, «${'&nbsp;'}un record${'&nbsp;'}» 🇫🇷.</p>
<script>alert('script')</script>
<img src="x" onerror="alert('image')">
<ul><li>Dépenses&nbsp;: <strong>+3,9${NNBSP}%</strong></li><li>Recettes : +2,1${NNBSP}%</li></ul>
<blockquote><p>Nous n’avons jamais dit ça.</p></blockquote>
<p>Voir <a href="https://www.insee.fr/fr/statistiques" onmouseover="alert('survol')">la note de l’Insee</a> et <a href="javascript:alert('lien')">ceci</a>.</p>
</body></html>`;
const HTML_CLAIM = `atteindrait 5,8${NNBSP}%`; // "atteindrait " is plain, "5,8 %" is emphasised

const MARKDOWN = [
  '# Le chômage en 2024',
  '',
  `Le ministre affirme que «${NBSP}le chômage a **baissé de 3${NNBSP}%**${NBSP}» en un an.`,
  '',
  '1. premier point',
  '2. second point',
  '',
  '> Une citation [sourcée](https://exemple.fr/source).',
  '',
  '<script>alert("md")</script>',
].join('\n');
const MD_CLAIM = `chômage a baissé`; // "chômage a " is plain, "baissé" is strong

async function newEditor(page: Page, email: string): Promise<void> {
  await createPerson({ email, role: 'editor', name: email.split('@')[0]! });
  await signIn(page, email);
  await page.getByTestId('new-article').click();
}

/** Marks `quote` with the mouse and checks the API's claim counts in the canonical text. */
async function markAndCheck(page: Page, quote: string): Promise<void> {
  await selectWithMouse(page, quote);
  await page.getByTestId('mark-claim').click();
  await expect(page.getByTestId('claim-quote')).toHaveText(quote);
  const claimId = await page.getByTestId('claim-panel').getAttribute('data-claim-id');
  const articleId = page.url().split('/articles/')[1]!.split('?')[0]!;
  const article = await (await page.request.get(`/api/v1/articles/${articleId}`)).json();
  const claim = await (await page.request.get(`/api/v1/claims/${claimId}`)).json();
  expect(article.text.slice(claim.start, claim.end)).toBe(quote);
  expect(claim.start).toBe(article.text.indexOf(quote));
  // The quote crosses a mark's edge: some of it is marked, some is not.
  const mark = article.structure.marks.find((m: { start: number; end: number }) => m.start > claim.start && m.start < claim.end);
  expect(mark, 'a mark starts inside the claim').toBeTruthy();
}

test('an editor uploads an HTML file: its structure shows, nothing in it runs, a claim across emphasis is exact', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await newEditor(page, 'helene@example.org');
  await page.getByLabel('Fichier').setInputFiles({ name: 'deficit.html', mimeType: 'text/html', buffer: Buffer.from(HTML, 'utf8') });
  await expect(page.getByTestId('article-file-status')).toContainText('« deficit.html » chargé');
  await expect(page.getByLabel('HTML (.html)')).toBeChecked();
  await page.getByLabel('Média').fill('Le Quotidien');
  await page.getByRole('button', { name: 'Importer l’article' }).click();

  await expect(page.getByTestId('article-title')).toHaveText('Le déficit public en 2024');
  const text = page.getByTestId('article-text');
  await expect(text.locator('h2')).toHaveText('Le déficit public en 2024');
  await expect(text.locator('em')).toHaveText(`5,8${NNBSP}% du PIB`);
  await expect(text.locator('[data-list-item="bullet"]')).toHaveCount(2);
  await expect(text.locator('[data-list-item="bullet"]').first()).toHaveText(`Dépenses${NBSP}: +3,9${NNBSP}%`);
  await expect(text.locator('[data-quote]')).toHaveText('Nous n’avons jamais dit ça.');
  const link = text.locator('a.article-link');
  await expect(link).toHaveCount(1);
  await expect(link).toHaveAttribute('href', 'https://www.insee.fr/fr/statistiques');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', /noopener/);
  await expect(text).not.toContainText('ignoré');
  await expect(page.locator('[data-testid="article-text"] :is(script, img, style, [onclick], [onmouseover])')).toHaveCount(0);

  // A plain click on the link puts the caret there: the page stays.
  const url = page.url();
  await link.click();
  await expect(page).toHaveURL(url);
  await link.hover();
  expect(page.context().pages()).toHaveLength(1);

  await markAndCheck(page, HTML_CLAIM);
  expect(dialogs).toEqual([]);
});

test('an editor pastes Markdown: its structure shows, a claim across strong text is exact, and the text is corrected as Markdown', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await newEditor(page, 'ines@example.org');
  await page.getByLabel('Markdown (.md)').check();
  await page.getByLabel('Texte', { exact: true }).fill(MARKDOWN);
  await page.getByLabel('Date de publication').fill('2025-01-15');
  await page.getByRole('button', { name: 'Importer l’article' }).click();

  await expect(page.getByTestId('article-title')).toHaveText('Le chômage en 2024');
  const text = page.getByTestId('article-text');
  await expect(text.locator('h2')).toHaveText('Le chômage en 2024');
  await expect(text.locator('strong')).toHaveText(`baissé de 3${NNBSP}%`);
  await expect(text.locator('[data-list-item="ordered"]')).toHaveCount(2);
  await expect(text.locator('[data-list-item="ordered"]').nth(1)).toHaveAttribute('data-number', '2.');
  await expect(text.locator('[data-quote] a.article-link')).toHaveAttribute('href', 'https://exemple.fr/source');
  await markAndCheck(page, MD_CLAIM);

  // Corrected as it was submitted: the Markdown itself, and the structure survives the correction.
  const articleUrl = page.url().split('?')[0]!;
  await page.getByTestId('correct-text').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Corriger le texte de l’article');
  const field = page.getByTestId('article-text-input');
  await expect(field).toHaveValue(MARKDOWN);
  await field.fill(MARKDOWN.replace('1. premier point', '1. premier point corrigé'));
  await page.getByTestId('article-text-save').click();
  await expect(page.getByTestId('article-text-result')).toContainText('Révision 2 enregistrée');
  await page.goto(articleUrl);
  await expect(text.locator('[data-list-item="ordered"]').first()).toHaveText('premier point corrigé');
  await expect(text.locator('strong')).toHaveText(`baissé de 3${NNBSP}%`);
  expect(dialogs).toEqual([]);
});

test('the import page on a phone: a file too long is refused with a message, by keyboard, nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await newEditor(page, 'jules@example.org');
  await expectNoHorizontalScroll(page, 'the import page at 390 px');
  await expectNoViolations(page, 'the import page', 'form');
  await page.getByLabel('Fichier').setInputFiles({ name: 'long.md', mimeType: 'text/markdown', buffer: Buffer.from('a'.repeat(200_001)) });
  await expect(page.getByTestId('article-file-status')).toContainText('« long.md » est trop long');
  await expect(page.getByLabel('Brut (.txt)')).toBeChecked();
  // The format is a radio group: arrows move through it.
  await page.getByLabel('Brut (.txt)').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByLabel('Markdown (.md)')).toBeChecked();
  await expect(page.getByLabel('Texte', { exact: true })).toHaveAttribute('placeholder', /# Titre/);
});
