import { expect, test } from '@playwright/test';
import path from 'node:path';
import { createPerson, expectNoHorizontalScroll, expectNoViolations, runCli, signIn } from './helpers';

// An editor imports an archive from another Crux (tests/e2e/fixtures/crux-archive.json:
// the French seed article with a second revision, three claims — one deleted —, four
// verdicts under blind review, comments, an adjudication revised and withdrawn). The
// page says what it imported; the article opens with its current revision and its
// claims. The same archive again, from the page or `npm run import`, changes nothing,
// and the page says so. Reviewers cannot import.

const ARCHIVE = path.join(import.meta.dirname, 'fixtures', 'crux-archive.json');
const tag = Date.now().toString(36);
const editor = { email: `import-editor-${tag}@example.org`, name: `Iris Import ${tag}` };
const reviewer = { email: `import-reviewer-${tag}@example.org`, name: `Rémi Relu ${tag}` };

test('an editor imports an archive; importing it again changes nothing', async ({ page }) => {
  await createPerson({ email: editor.email, role: 'editor', name: editor.name });
  await signIn(page, editor.email);
  await page.getByTestId('nav-import').click();
  await expect(page.getByRole('heading', { name: 'Importer une archive' })).toBeVisible();
  await expectNoViolations(page, 'the import page');

  // Something that is not an archive: refused, naming what is wrong, nothing imported.
  await page.getByLabel('Archive (fichier JSON)').setInputFiles({ name: 'autre.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"crux.article-export","version":1}') });
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-error')).toContainText('format');

  await page.getByLabel('Archive (fichier JSON)').setInputFiles(ARCHIVE);
  await page.getByTestId('import-submit').click();
  const result = page.getByTestId('import-result');
  await expect(result).toContainText('Importé : 1 article, 3 affirmations, 4 verdicts.');
  await expect(result).toContainText('4 personnes n’avaient pas de compte ici');
  await expect(result.getByRole('listitem')).toHaveText(/Sotchi : « une très bonne atmosphère » — importé/);

  // The article, as it was: its current (second) revision, its live claims.
  await result.getByRole('link', { name: 'Sotchi : « une très bonne atmosphère »' }).click();
  await expect(page.getByTestId('article-text')).toContainText('Post-scriptum ajouté.');
  await expect(page.getByTestId('article-text')).toContainText('« 42 % des élèves 🎓 réussissent »');
  await expect(page.getByTestId('claims-list').locator('[data-claim-id]')).toHaveCount(2);

  // Again, from the page: already present.
  await page.getByTestId('nav-import').click();
  await page.getByLabel('Archive (fichier JSON)').setInputFiles(ARCHIVE);
  await page.getByTestId('import-submit').click();
  await expect(result).toContainText('Rien de nouveau : tout ce que contient cette archive est déjà présent.');
  await expect(result).toContainText('Déjà présent : 1 article (3 affirmations), laissé tel quel.');
  await expect(result.getByRole('listitem')).toHaveText(/— déjà présent/);

  // And from the command line.
  const out = runCli('import', [ARCHIVE]);
  expect(out).toContain('articles: 0 created, 1 already present');
  expect(out).toContain('claims: 0 created, 3 already present');

  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoHorizontalScroll(page, 'the import page at 390 px');
});

test('reviewers cannot import', async ({ page }) => {
  await createPerson({ email: reviewer.email, role: 'reviewer', name: reviewer.name });
  await signIn(page, reviewer.email);
  await expect(page.getByTestId('nav-import')).toHaveCount(0);
  await page.goto('/import');
  await expect(page.getByTestId('forbidden')).toHaveText('Seuls les éditeurs et les administrateurs peuvent importer des archives.');
  const answer = await page.request.post('/api/v1/imports', { data: JSON.parse('{"format":"crux.archive","version":1,"exportedAt":"2026-01-01T00:00:00.000Z","articles":[],"users":[]}') as object });
  expect(answer.status()).toBe(403);
});
