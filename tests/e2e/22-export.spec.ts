import fs from 'node:fs';
import { expect, test, type Browser, type Download, type Page } from '@playwright/test';
import { createPerson, expectNoHorizontalScroll, expectNoViolations, signIn } from './helpers';

// Exports from the UI: an editor downloads each format of an article, and
// every article from the list; French typography (« », ’) survives each one,
// the CSV is `;`-separated with a byte order mark by default in French, the
// ClaimReview carries the rating on the 1–5 scale, the Web Annotation's
// selectors point at the article's text. A reviewer under blind review, on a
// phone, exports all claims and gets nobody else's verdicts.

const CLAIM = '« près de 300 morts » selon l’agence';
const SECRET = 'Raisonnement de Rita, caché';
const TEXT = `Le ministre a évoqué ${CLAIM} en septembre.\n\nL’opposition conteste ce chiffre, qu’elle juge exagéré.`;
const SECOND = 'L’opposition conteste ce chiffre';

const tag = Date.now().toString(36);
const people = {
  editor: { name: `Élise Export ${tag}`, email: `export22-editor-${tag}@example.org`, role: 'editor' },
  rita: { name: `Rita Export ${tag}`, email: `export22-rita-${tag}@example.org`, role: 'reviewer' },
  remi: { name: `Rémi Export ${tag}`, email: `export22-remi-${tag}@example.org`, role: 'reviewer' },
} as const;

async function seat(browser: Browser, who: keyof typeof people, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const person = people[who];
  await createPerson({ email: person.email, role: person.role, name: person.name });
  const page = await (await browser.newContext({ viewport, acceptDownloads: true })).newPage();
  await signIn(page, person.email);
  return page;
}

async function download(page: Page, scope: string, format: string, options: { claims?: string } = {}): Promise<{ download: Download; text: string }> {
  const control = page.getByTestId(scope);
  if (!(await control.evaluate((d) => (d as HTMLDetailsElement).open))) await control.locator('summary').click();
  await control.getByTestId('export-format').selectOption(format);
  if (options.claims) await control.getByTestId('export-scope').selectOption(options.claims);
  const [file] = await Promise.all([page.waitForEvent('download'), control.getByTestId(`${scope}-download`).click()]);
  return { download: file, text: fs.readFileSync((await file.path())!, 'utf8') };
}

test('exports download from the UI in every format, French typography intact; blind review holds', async ({ browser }) => {
  const editor = await seat(browser, 'editor');
  const rita = await seat(browser, 'rita');
  const remi = await seat(browser, 'remi', { width: 390, height: 844 });

  const created = await editor.request.post('/api/v1/articles', { data: { text: TEXT, title: `Bilan « officiel » ${tag}`, language: 'fr', sourceUrl: 'https://example.org/bilan' } });
  expect(created.status()).toBe(201);
  const article = (await created.json()) as { id: string; text: string };
  const mark = async (exact: string) => {
    const start = article.text.indexOf(exact);
    const res = await rita.request.post(`/api/v1/articles/${article.id}/claims`, { data: { exact, start, end: start + exact.length } });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const agreed = await mark(CLAIM);
  const secret = await mark(SECOND);
  for (const page of [rita, editor]) {
    const res = await page.request.put(`/api/v1/claims/${agreed}/verdict`, { data: { rating: 'false', rationale: 'Le bilan officiel dit 30.', sources: [{ url: 'https://example.org/rapport', title: 'Rapport d’enquête' }] } });
    expect(res.status()).toBe(201);
  }
  expect((await rita.request.put(`/api/v1/claims/${secret}/verdict`, { data: { rating: 'mostly-true', rationale: SECRET } })).status()).toBe(201);

  await editor.goto(`/articles/${article.id}`);

  // JSON (the default): the reviewed claim, typography as characters.
  const json = await download(editor, 'export', 'json');
  expect(json.download.suggestedFilename()).toMatch(/\.crux\.json$/);
  // The archive (format crux.archive): the article with its revisions and its claims.
  const data = (JSON.parse(json.text) as { format: string; articles: { claims: { id: string; exact: string }[] }[] }).articles[0]!;
  expect(JSON.parse(json.text)).toMatchObject({ format: 'crux.archive', version: 1 });
  expect(data.claims.map((c) => c.id)).toEqual([agreed]);
  expect(data.claims[0]!.exact).toBe(CLAIM);

  // CSV: `;` and a byte order mark by default in French.
  await editor.getByTestId('export-format').selectOption('csv');
  await expect(editor.getByTestId('export-delimiter')).toHaveValue(';');
  await expect(editor.getByTestId('export-bom')).toBeChecked();
  const csv = await download(editor, 'export', 'csv', { claims: 'all' });
  expect(csv.download.suggestedFilename()).toMatch(/\.crux\.csv$/);
  expect(csv.text.startsWith('\uFEFFarticle_id;article_title;claim_id;quote;')).toBe(true);
  expect(csv.text).toContain(`;${CLAIM};`);
  expect(csv.text).toContain('Rapport d’enquête <https://example.org/rapport>');
  expect(csv.text.trimEnd().split('\r\n')).toHaveLength(3);

  // ClaimReview: rating 1 of 5, labelled in French.
  const reviews = JSON.parse((await download(editor, 'export', 'claimreview', { claims: 'reviewed' })).text) as { claimReviewed: string; reviewRating: Record<string, unknown>; url: string }[];
  expect(reviews).toHaveLength(1);
  expect(reviews[0]!.claimReviewed).toBe(CLAIM);
  expect(reviews[0]!.reviewRating).toMatchObject({ ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'Faux' });
  expect(reviews[0]!.url).toContain(`/articles/${article.id}?claim=${agreed}`);

  // Web Annotation: the selectors match the article's text.
  type Selector = { type: string; exact?: string; start?: number; end?: number };
  const collection = JSON.parse((await download(editor, 'export', 'w3c', { claims: 'all' })).text) as { type: string; total: number; first: { items: { target: { selector: Selector[] } }[] } };
  expect(collection).toMatchObject({ type: 'AnnotationCollection', total: 2 });
  for (const item of collection.first.items) {
    const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector')!;
    const position = item.target.selector.find((s) => s.type === 'TextPositionSelector')!;
    expect(article.text.slice(position.start, position.end)).toBe(quote.exact);
  }
  expect(collection.first.items.map((i) => i.target.selector[0]!.exact)).toEqual([CLAIM, SECOND]);

  // Every article, from the list.
  await editor.goto('/');
  const all = await download(editor, 'export-all', 'csv', { claims: 'all' });
  expect(all.download.suggestedFilename()).toMatch(/^all-articles-.*\.crux\.csv$/);
  expect(all.text).toContain(CLAIM);

  // Rémi, a reviewer who has given no verdict, on a phone with the keyboard: nothing of the others' judgement.
  await remi.goto(`/articles/${article.id}`);
  await remi.getByTestId('export').locator('summary').focus();
  await remi.keyboard.press('Enter');
  await expect(remi.getByTestId('export-format')).toBeVisible();
  await expectNoHorizontalScroll(remi, 'the export control at 390 px');
  await expectNoViolations(remi, 'the export control', '[data-testid=export]');
  const his = await download(remi, 'export', 'json', { claims: 'all' });
  expect(his.text).not.toContain(SECRET);
  expect(his.text).not.toContain('Le bilan officiel dit 30.');
  const hisClaims = (JSON.parse(his.text) as { articles: { claims: { verdicts: unknown[]; consensus: { status: string } }[] }[] }).articles[0]!.claims;
  expect(hisClaims).toHaveLength(2);
  for (const c of hisClaims) expect(c).toMatchObject({ verdicts: [], consensus: { status: 'needs-review' } });
  const hisAll = await remi.request.get('/api/v1/export?format=w3c&scope=all');
  expect(hisAll.status()).toBe(200);
  expect(await hisAll.text()).not.toContain(SECRET);
});
