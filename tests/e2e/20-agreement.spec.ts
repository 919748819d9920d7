import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import { createPerson, createTokenFor, expectNoHorizontalScroll, expectNoViolations, signIn } from './helpers';

// The consensus dashboard on a multi-reviewer article: four reviewers rate 24
// claims through the API, each with their own token; a fifth judges two. The
// editor reads every figure, chart and text alternative and downloads the
// report; the fifth reviewer sees only what blind review lets her see.
const EDITOR = { email: 'agreement-editor@example.org', name: 'Élise Rédaction', role: 'editor' as const };
const REVIEWERS = [
  { email: 'agreement-anna@example.org', name: 'Anna Vérif', role: 'reviewer' as const },
  { email: 'agreement-bilal@example.org', name: 'Bilal Source', role: 'reviewer' as const },
  { email: 'agreement-chloe@example.org', name: 'Chloé Preuve', role: 'reviewer' as const },
  { email: 'agreement-david@example.org', name: 'David Chiffre', role: 'reviewer' as const },
];
const EVE = { email: 'agreement-eve@example.org', name: 'Ève Nouvelle', role: 'reviewer' as const };
const SCALE = ['false', 'mostly-false', 'mixed', 'mostly-true', 'true'] as const;
const CLAIMS = 24;
const sentence = (i: number) => `Affirmation numéro ${i} : le taux est de ${i} %`;

let articleId = '';
const tokens: Record<string, string> = {};

async function api(token: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
}

test.beforeAll(async () => {
  for (const p of [EDITOR, ...REVIEWERS, EVE]) {
    await createPerson({ email: p.email, role: p.role, name: p.name });
    tokens[p.email] = await createTokenFor(p.email, 'agreement');
  }
  const editor = await api(tokens[EDITOR.email]!);
  const text = Array.from({ length: CLAIMS }, (_, i) => `${sentence(i + 1)}.`).join(' ');
  const created = await editor.post('/api/v1/articles', { data: { text, title: 'Le baromètre de l’accord' } });
  expect(created.status()).toBe(201);
  articleId = ((await created.json()) as { id: string }).id;
  const claimIds: string[] = [];
  for (let i = 1; i <= CLAIMS; i++) {
    const claim = await editor.post(`/api/v1/articles/${articleId}/claims`, { data: { exact: sentence(i) } });
    expect(claim.status()).toBe(201);
    claimIds.push(((await claim.json()) as { id: string }).id);
  }
  // A desk that mostly agrees: Anna gives the true rating, Bilal errs one claim in five, Chloé one in three, David rates half.
  const rating = (who: number, i: number) => {
    const truth = i % SCALE.length;
    if (who === 1 && i % 5 === 0) return SCALE[(truth + 1) % SCALE.length]!;
    if (who === 2 && i % 3 === 0) return 'mixed';
    if (who === 3 && i % 4 === 0) return 'unverifiable';
    return SCALE[truth]!;
  };
  for (const [who, reviewer] of REVIEWERS.entries()) {
    const client = await api(tokens[reviewer.email]!);
    for (const [i, claimId] of claimIds.entries()) {
      if (who === 3 && i >= CLAIMS / 2) break;
      const saved = await client.put(`/api/v1/claims/${claimId}/verdict`, { data: { rating: rating(who, i), rationale: 'Vérifié auprès de la source.' } });
      expect(saved.status()).toBe(201);
    }
  }
  // Ève judges two claims only.
  const eve = await api(tokens[EVE.email]!);
  for (const claimId of claimIds.slice(0, 2)) expect((await eve.put(`/api/v1/claims/${claimId}/verdict`, { data: { rating: 'true' } })).status()).toBe(201);
});

async function signedIn(browser: Browser, email: string, viewport = { width: 1400, height: 1000 }): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test('an editor reads the dashboard of a multi-reviewer article: figures, charts and their tables, the heat map, reliability, coverage; downloads the report', async ({ browser }) => {
  const page = await signedIn(browser, EDITOR.email);
  await page.goto(`/articles/${articleId}`);
  await page.getByTestId('article-agreement').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accord sur « Le baromètre de l’accord »');

  await expect(page.getByTestId('figure-claims')).toHaveText('24');
  await expect(page.getByTestId('figure-reviewers')).toHaveText('5');
  await expect(page.getByTestId('figure-alpha-ordinal')).toHaveText(/^0,\d{2,3}$/);
  await expect(page.getByTestId('figure-gwet')).toHaveText(/^0,\d{2,3}$/);
  await expect(page.getByTestId('restricted')).toHaveCount(0);

  // Charts, each an image described in words, with its numbers in a table.
  const statusChart = page.getByTestId('status-chart');
  await expect(statusChart).toHaveAttribute('role', 'img');
  await expect(statusChart).toHaveAttribute('aria-label', /^24 affirmations : /);
  await expect(statusChart.locator('svg')).toBeVisible();
  await page.getByTestId('agreement-statuses').getByText('Les chiffres en tableau').click();
  await expect(page.getByTestId('status-table')).toContainText('Contestée');
  const overTime = page.getByTestId('over-time-chart');
  await expect(overTime).toHaveAttribute('aria-label', /semaine/);
  await page.getByTestId('agreement-over-time').getByText('Les chiffres en tableau').click();
  await expect(page.getByTestId('over-time-table').locator('tbody tr')).toHaveCount(1);

  // Cohen's kappa per pair, with names.
  const heatMap = page.getByTestId('heat-map');
  await expect(heatMap.getByRole('columnheader', { name: 'Anna Vérif' })).toBeVisible();
  await expect(heatMap).toContainText('n = 24');
  // Dawid–Skene beside the plain consensus: 24 claims rated twice or more is enough.
  await expect(page.getByTestId('reliability-insufficient')).toHaveCount(0);
  await expect(page.getByTestId('reliability-table').locator('tbody tr')).toHaveCount(5);
  await expect(page.getByTestId('weighted-summary')).toContainText('Même note en tête');
  // Who rated what: Anna all 24, David 12.
  await expect(page.getByTestId('coverage-summary')).toContainText('Anna Vérif');
  await expect(page.getByTestId('coverage-summary').getByRole('row', { name: /David Chiffre/ })).toContainText('12 sur 24');
  const matrix = page.getByTestId('coverage-matrix');
  await expect(matrix.getByRole('row')).not.toHaveCount(0);
  // The attention list opens claims by their permalink.
  const attention = page.getByTestId('agreement-attention');
  if ((await attention.getByRole('link').count()) > 0) await expect(attention.getByRole('link').first()).toHaveAttribute('href', new RegExp(`^/articles/${articleId}\\?claim=`));

  await expectNoViolations(page, 'the agreement dashboard');
  await page.screenshot({ path: 'tests/e2e/screenshots/agreement-dashboard.png', fullPage: true });

  // Keyboard: the coverage matrix scrolls with the arrow keys once focused.
  const body = matrix.locator('.coverage-body');
  await body.focus();
  await page.keyboard.press('PageDown');
  await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  // Tab reaches each claim's permalink in turn.
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAttribute('href', new RegExp(`^/articles/${articleId}\\?claim=`));
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAttribute('href', new RegExp(`^/articles/${articleId}\\?claim=`));
  // The focused row stays rendered wherever the box scrolls: scrolled to its end, the rows
  // near the top go, but not the one holding the focus, which is not dropped to the page.
  const focusedHref = (await page.locator(':focus').getAttribute('href'))!;
  await body.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(body.getByRole('row').last()).toHaveAttribute('aria-rowindex', '25');
  await expect(page.locator(':focus')).toHaveAttribute('href', focusedHref);

  // The report as CSV, as the page offers it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('agreement-csv').click()]);
  expect(download.suggestedFilename()).toBe('agreement-le-barometre-de-l-accord.crux.csv');
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('\uFEFFsection,measure,reviewer,other_reviewer,period,value,n');
  expect(csv).toContain('figures,claims,,,,24,');
  expect(csv).toMatch(/cohen_kappa,kappa,Anna Vérif,Bilal Source,,[-\d.]+,24/);

  // Across articles, from the nav (editors).
  await page.getByTestId('nav-agreement').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accord sur tous les articles');
  // A count, grouped in thousands the French way once other specs have stored thousands of claims.
  await expect(page.getByTestId('figure-claims')).toHaveText(/^\d{1,3}(?:[\u202f\u00a0 ]\d{3})*$/);
  // A filter that cannot apply is said, and everything shown.
  await page.goto('/agreement?from=2025-02-30');
  await expect(page.getByTestId('filter-error')).toContainText('2025-07-14');
  await page.context().close();
});

test('at 390 px the dashboard fits the screen, and works from the keyboard', async ({ browser }) => {
  const page = await signedIn(browser, EDITOR.email, { width: 390, height: 844 });
  await page.goto(`/articles/${articleId}/agreement`);
  await expect(page.getByTestId('figure-claims')).toHaveText('24');
  await expectNoHorizontalScroll(page, 'the agreement dashboard at 390 px');
  await page.screenshot({ path: 'tests/e2e/screenshots/agreement-390.png', fullPage: true });
  // The charts are images, not tab stops: from the downloads, Tab goes to the status table.
  await page.getByTestId('agreement-json').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('agreement-statuses').locator('summary')).toBeFocused();
  // The filter by the keyboard: a reviewer chosen, shown.
  await page.getByTestId('filter-reviewer').focus();
  await page.getByTestId('filter-reviewer').selectOption({ label: 'David Chiffre' });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Afficher' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/reviewer=/);
  await expect(page.getByTestId('figure-claims')).toHaveText('12');
  await page.context().close();
});

test('a reviewer sees only what blind review lets her: the claims she judged, her own figures, nobody named', async ({ browser }) => {
  const page = await signedIn(browser, EVE.email);
  await expect(page.getByTestId('nav-agreement')).toHaveCount(0);
  await page.goto(`/articles/${articleId}`);
  await page.getByTestId('article-agreement').click();
  await expect(page.getByTestId('restricted')).toBeVisible();
  await expect(page.getByTestId('figure-claims')).toHaveText('2');
  await expect(page.getByTestId('heat-map')).toHaveCount(0);
  await expect(page.getByTestId('own-pairs')).toContainText('un autre relecteur');
  await expect(page.getByTestId('reliability-insufficient')).toBeVisible();
  const text = await page.locator('main').innerText();
  for (const other of REVIEWERS) expect(text).not.toContain(other.name);
  // 22 claims she has not judged read as needing review, as in her claims list.
  await page.getByTestId('agreement-statuses').getByText('Les chiffres en tableau').click();
  await expect(page.getByTestId('status-table').getByRole('row', { name: /À examiner/ })).toContainText('22');
  await expectNoViolations(page, 'the agreement dashboard, as a reviewer');
  await page.screenshot({ path: 'tests/e2e/screenshots/agreement-reviewer.png', fullPage: true });

  // Nor through the API: no other reviewer's id, and no filtering by another.
  const eve = await api(tokens[EVE.email]!);
  const report = await eve.get(`/api/v1/articles/${articleId}/agreement`);
  expect(report.status()).toBe(200);
  const body = await report.text();
  expect(body).not.toContain('Anna Vérif');
  const anna = ((await (await eve.get('/api/v1/users')).json()) as { users: { id: string; name: string }[] }).users.find((u) => u.name === 'Anna Vérif')!;
  expect(body).not.toContain(anna.id);
  const refused = await eve.get(`/api/v1/articles/${articleId}/agreement?reviewer=${anna.id}`);
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  const bad = await eve.get(`/api/v1/agreement?to=2025-13-01`);
  expect(bad.status()).toBe(422);
  expect(((await bad.json()) as { error: { issues: { path: string[] }[] } }).error.issues[0]!.path).toEqual(['to']);
  await page.context().close();
});
