import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { PASSWORD, openSeedArticle, register, selectWithMouse, signIn } from './helpers';

const SEED = fs.readFileSync(path.join(process.cwd(), 'prisma/seed/000_add87bbc9c27a4d0.txt'), 'utf8');
const CLAIM = 'D’un commun accord, cette réunion a été très utile';
const WIDER = 'a déclaré le président russe Vladimir Poutine à l\'issue de la réunion';
const OVERLAP = 'très utile. À mon avis, elle a créé une très bonne atmosphère';

test('two reviewers mark, review and export a claim on the stored article', async ({ browser }) => {
  const alice = await browser.newContext();
  const bob = await browser.newContext();
  const a = await alice.newPage();
  const b = await bob.newPage();
  let articleId = '';
  let claimId = '';

  await test.step('the first account becomes admin; sign out and back in', async () => {
    await register(a, 'Alice Martin', 'alice@example.org');
    await expect(a.getByTestId('current-user')).toContainText('admin');
    await a.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(a.getByRole('link', { name: 'Se connecter' })).toBeVisible();
    // A wrong password is refused with a message, not an error page.
    await a.goto('/login');
    await a.getByLabel('Adresse e-mail').fill('alice@example.org');
    await a.getByLabel('Mot de passe').fill('not the password');
    await a.getByRole('button', { name: 'Se connecter' }).click();
    await expect(a.locator('form [role=alert]')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
    await signIn(a, 'alice@example.org');
  });

  await test.step('the article shows a title and its date, not the date header', async () => {
    articleId = await openSeedArticle(a);
    await expect(a.getByTestId('article-title')).toContainText('Les présidents russes, azerbaïdjanais');
    await expect(a.getByTestId('article-date')).toHaveText('juillet 2025');
    await expect(a.getByTestId('article-date')).toHaveAttribute('datetime', '2025-07');
    await expect(a.getByTestId('article-text')).not.toContainText('date 2025-07');
    await expect(a.getByTestId('article-text')).toContainText('"D’un commun accord');
    await expect(a.locator('[data-testid=article-text] p')).toHaveCount(SEED.split(/\n{2,}/).length);
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
  });

  await test.step('select a passage with the mouse and mark it as a claim', async () => {
    await selectWithMouse(a, CLAIM);
    await expect(a.getByTestId('mark-claim')).toBeEnabled();
    await a.getByTestId('mark-claim').click();
    await expect(a.getByTestId('claim-panel')).toBeVisible();
    await expect(a.getByTestId('claim-quote')).toHaveText(CLAIM);
    claimId = (await a.getByTestId('claim-panel').getAttribute('data-claim-id'))!;
  });

  await test.step('the claim is stored with exact W3C selectors', async () => {
    const article = await (await a.request.get(`/api/v1/articles/${articleId}`)).json();
    const claim = await (await a.request.get(`/api/v1/claims/${claimId}`)).json();
    expect(claim.exact).toBe(CLAIM);
    expect(article.text.slice(claim.start, claim.end)).toBe(CLAIM);
    expect(claim.start).toBe(article.text.indexOf(CLAIM));
    expect(claim.prefix).toBe(article.text.slice(Math.max(0, claim.start - 32), claim.start));
    expect(claim.suffix).toBe(article.text.slice(claim.end, claim.end + 32));
    expect(claim.anchorState).toBe('exact');
    expect(claim.consensus.status).toBe('unreviewed');
  });

  await test.step('claims can overlap and highlights survive a reload', async () => {
    await selectWithMouse(a, OVERLAP);
    await a.getByTestId('mark-claim').click();
    await expect(a.getByTestId('claim-quote')).toHaveText(OVERLAP);
    await selectWithMouse(a, WIDER);
    await a.getByTestId('mark-claim').click();
    await expect(a.getByTestId('claim-quote')).toHaveText(WIDER);
    await a.reload();
    const highlights = a.locator('[data-testid=article-text] [data-claim-id]');
    await expect(a.locator(`[data-testid=article-text] [data-claim-id="${claimId}"]`).first()).toBeVisible();
    const texts = await a.locator(`[data-testid=article-text] [data-claim-id="${claimId}"]`).allTextContents();
    expect(texts.join('')).toBe(CLAIM);
    expect(await highlights.count()).toBeGreaterThanOrEqual(3);
    await expect(a.getByTestId('claims-list').locator('[data-claim-id]')).toHaveCount(3);
  });

  await test.step('reviewer one gives a verdict with a rationale and a source', async () => {
    await a.getByTestId('claims-list').getByRole('button', { name: new RegExp(CLAIM.slice(0, 20)) }).click();
    const panel = a.getByTestId('claim-panel');
    await expect(panel.getByTestId('claim-quote')).toHaveText(CLAIM);
    await panel.getByLabel('Plutôt vrai').check();
    await panel.getByLabel('Justification').fill('Le communiqué du Kremlin rapporte bien ces propos de Vladimir Poutine.');
    // A javascript: link is refused, naming the field.
    await panel.getByLabel('URL de la source 1').fill('javascript:alert(1)');
    await panel.getByLabel('Titre de la source 1').fill('Piège');
    await panel.getByRole('button', { name: 'Enregistrer le verdict' }).click();
    await expect(panel.getByRole('alert')).toContainText('Source 1');
    await expect(panel.getByRole('alert')).toContainText('http:// ou https://');
    await panel.getByLabel('URL de la source 1').fill('http://kremlin.ru/events/president/news/64412');
    await panel.getByLabel('Titre de la source 1').fill('Déclaration conjointe, présidence russe');
    await panel.getByRole('button', { name: 'Enregistrer le verdict' }).click();
    await expect(panel.getByRole('status')).toHaveText('Enregistré');
    await expect(panel.getByTestId('consensus')).toContainText('À examiner');
    await expect(panel.getByTestId('consensus-reviewers')).toHaveText('1');
  });

  await test.step('reviewer two, in another browser, reviews the same claim', async () => {
    await register(b, 'Bruno Petit', 'bruno@example.org');
    await expect(b.getByTestId('current-user')).toContainText('vérificateur');
    await openSeedArticle(b);
    await b.locator(`[data-testid=article-text] [data-claim-id="${claimId}"]`).first().click();
    const panel = b.getByTestId('claim-panel');
    await expect(panel.getByTestId('claim-quote')).toHaveText(CLAIM);
    // Blind review (on for the stored article): Alice's verdict stays hidden until Bruno gives his own.
    await expect(panel.getByTestId('other-verdict')).toHaveCount(0);
    await panel.getByLabel('Plutôt vrai').check();
    await panel.getByLabel('Justification').fill('Propos confirmés par la transcription officielle.');
    await panel.getByLabel('URL de la source 1').fill('https://www.tass.com/politics/1538211');
    await panel.getByLabel('Titre de la source 1').fill('TASS');
    await panel.getByRole('button', { name: 'Enregistrer le verdict' }).click();
    await expect(panel.getByTestId('consensus')).toContainText('Consensus');
    await expect(panel.getByTestId('other-verdict')).toContainText('Alice Martin');
    await expect(panel.getByTestId('other-verdict')).toContainText('Plutôt vrai');
    await expect(panel.getByTestId('consensus-leading')).toHaveText('Plutôt vrai');
    await expect(panel.getByTestId('consensus-agreement')).toHaveText('100 %');
    await expect(panel.getByTestId('count-mostly-true')).toHaveText('2');
    const row = b.getByTestId('claims-list').locator(`[data-claim-id="${claimId}"]`);
    await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'consensus');
  });

  await test.step('reviewer one sees the consensus appear without reloading', async () => {
    const row = a.getByTestId('claims-list').locator(`[data-claim-id="${claimId}"]`);
    await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'consensus');
    await expect(row).toContainText('100 %');
    await a.locator(`[data-testid=article-text] [data-claim-id="${claimId}"]`).first().click();
    await expect(a.getByTestId('claim-panel').getByTestId('other-verdict')).toContainText('Bruno Petit');
    await a.screenshot({ path: 'tests/e2e/screenshots/article-page.png', fullPage: false });
  });

  await test.step('a disagreeing pair of verdicts makes a claim disputed', async () => {
    for (const [page, rating] of [[a, 'Faux'], [b, 'Vrai']] as const) {
      await page.reload();
      await page.getByTestId('claims-list').getByRole('button', { name: new RegExp(OVERLAP.slice(0, 15)) }).click();
      const panel = page.getByTestId('claim-panel');
      await expect(panel.getByTestId('claim-quote')).toHaveText(OVERLAP);
      await panel.getByLabel(rating, { exact: true }).check();
      await panel.getByRole('button', { name: 'Enregistrer le verdict' }).click();
      await expect(panel.getByRole('status')).toHaveText('Enregistré');
    }
    await expect(b.getByTestId('claim-panel').getByTestId('consensus')).toContainText('Contestée');
    // Bruno takes his verdict back: the claim needs a review again, the form is empty.
    await b.getByTestId('claim-panel').getByRole('button', { name: 'Retirer mon verdict' }).click();
    await expect(b.getByTestId('claim-panel').getByTestId('consensus')).toContainText('À examiner');
    await expect(b.getByTestId('claim-panel').getByLabel('Vrai', { exact: true })).not.toBeChecked();
    await b.getByTestId('claim-panel').getByLabel('Vrai', { exact: true }).check();
    await b.getByTestId('claim-panel').getByRole('button', { name: 'Enregistrer le verdict' }).click();
    await expect(b.getByTestId('claim-panel').getByTestId('consensus')).toContainText('Contestée');
  });

  await test.step('export the reviewed claims as JSON and CSV', async () => {
    await a.getByTestId('export').locator('summary').click();
    const [jsonDownload] = await Promise.all([a.waitForEvent('download'), a.getByTestId('export-download').click()]);
    expect(jsonDownload.suggestedFilename()).toMatch(/\.crux\.json$/);
    const data = JSON.parse(fs.readFileSync((await jsonDownload.path())!, 'utf8')).articles[0];
    expect(data.id).toBe(articleId);
    // Scope "reviewed": the claim with a consensus; not the disputed one, nor the one nobody reviewed.
    expect(data.claims).toHaveLength(1);
    const reviewed = data.claims.find((c: { id: string }) => c.id === claimId);
    expect(reviewed.exact).toBe(CLAIM);
    expect(reviewed.consensus).toMatchObject({ status: 'consensus', leadingRating: 'mostly-true', agreement: 1 });
    expect(reviewed.verdicts.map((v: { sources: { url: string }[] }) => v.sources[0]!.url).sort()).toEqual([
      'http://kremlin.ru/events/president/news/64412',
      'https://www.tass.com/politics/1538211',
    ]);

    await a.getByTestId('export-format').selectOption('csv');
    const [csvDownload] = await Promise.all([a.waitForEvent('download'), a.getByTestId('export-download').click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/\.crux\.csv$/);
    const csv = fs.readFileSync((await csvDownload.path())!, 'utf8');
    expect(csv).toContain(CLAIM);
    // One row per claim: the consensus, not each reviewer's verdict.
    expect(csv).toContain('mostly-true');

    const response = await b.request.get(`/api/v1/articles/${articleId}/export?format=csv`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
    expect(response.headers()['content-disposition']).toContain('attachment');
  });

  await alice.close();
  await bob.close();
  void PASSWORD;
});
