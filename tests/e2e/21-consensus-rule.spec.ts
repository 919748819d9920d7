import { expect, test, type Browser, type Page } from '@playwright/test';
import { createPerson, expectNoHorizontalScroll, expectNoViolations, giveVerdict, openClaimPanel, signIn } from './helpers';

// The consensus rule, per article: "Faux" against "Plutôt faux" is a tie, disputed by
// the plurality rule; an editor switches the article to the ordinal rule, and the same
// two verdicts read consensus on their median, "Plutôt faux". One reviewer alone shows
// no agreement percentage. The reviewer who reads the panel is on a phone (390 px).

const CLAIM = 'Les loyers ont doublé en dix ans à Lyon.';
const TEXT = `${CLAIM} L’adjoint au logement l’a affirmé en conseil municipal.\n\nL’observatoire local des loyers publie d’autres chiffres.`;

const tag = Date.now().toString(36);
const people = {
  editor: { name: `Élise Règle ${tag}`, email: `rule17-editor-${tag}@example.org`, role: 'editor' },
  rita: { name: `Rita Ordinal ${tag}`, email: `rule17-rita-${tag}@example.org`, role: 'reviewer' },
  remi: { name: `Rémi Médian ${tag}`, email: `rule17-remi-${tag}@example.org`, role: 'reviewer' },
} as const;
type Who = keyof typeof people;

async function seat(browser: Browser, who: Who, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const person = people[who];
  await createPerson({ email: person.email, role: person.role, name: person.name });
  const page = await (await browser.newContext({ viewport })).newPage();
  await signIn(page, person.email);
  return page;
}

const panel = (page: Page) => page.getByTestId('claim-panel');
const consensus = (page: Page) => panel(page).getByTestId('consensus');

const openClaim = (page: Page, articleId: string, claimId: string) => openClaimPanel(page, articleId, claimId, CLAIM);

test('an editor switches an article to the ordinal rule: "Faux" + "Plutôt faux", disputed by plurality, read consensus on "Plutôt faux"', async ({ browser }) => {
  const editor = await seat(browser, 'editor');
  const rita = await seat(browser, 'rita');
  const remi = await seat(browser, 'remi', { width: 390, height: 844 });

  const created = await editor.request.post('/api/v1/articles', { data: { text: TEXT, title: `Les loyers ${tag}`, language: 'fr' } });
  expect(created.status()).toBe(201);
  const article = (await created.json()) as { id: string; settings: { consensusRule: string; maxSpread: number } };
  expect(article.settings).toMatchObject({ consensusRule: 'plurality', maxSpread: 2 });
  const start = TEXT.indexOf(CLAIM);
  const marked = await rita.request.post(`/api/v1/articles/${article.id}/claims`, { data: { exact: CLAIM, start, end: start + CLAIM.length } });
  expect(marked.status()).toBe(201);
  const claimId = ((await marked.json()) as { id: string }).id;

  // One reviewer: needs review, the median and spread of one verdict, and no agreement percentage.
  await openClaim(rita, article.id, claimId);
  await giveVerdict(rita, 'Faux', 'L’observatoire relève +38 % sur la période.');
  await expect(consensus(rita)).toContainText('À examiner');
  await expect(consensus(rita).getByTestId('consensus-reviewers')).toHaveText('1');
  await expect(consensus(rita).getByTestId('consensus-agreement')).toHaveCount(0);
  await expect(consensus(rita)).not.toContainText('%');
  await expect(consensus(rita).getByTestId('consensus-median')).toHaveText('Faux');
  await expect(consensus(rita).getByTestId('consensus-rule')).toHaveText('Majorité');
  const alone = (await (await rita.request.get(`/api/v1/claims/${claimId}`)).json()) as { consensus: Record<string, unknown> };
  expect(alone.consensus).toMatchObject({ status: 'needs-review', reviewerCount: 1, agreement: null, independentAgreement: null, median: 'false' });

  // Rémi, on a phone: "Plutôt faux". Under the plurality rule, a tie: disputed, the tie named.
  await openClaim(remi, article.id, claimId);
  await expect(consensus(remi).getByText(/Vérification à l’aveugle/)).toBeVisible();
  await expect(consensus(remi).getByTestId('consensus-median')).toHaveCount(0);
  await giveVerdict(remi, 'Plutôt faux', 'Hausse forte, mais pas un doublement.');
  await expect(consensus(remi)).toContainText('Contestée');
  await expect(consensus(remi).getByTestId('consensus-leading')).toHaveText('Égalité : Faux et Plutôt faux');
  await expect(consensus(remi).getByTestId('consensus-agreement')).toHaveText('50 %');
  await expect(consensus(remi).getByTestId('consensus-final')).toHaveCount(0);
  const disputed = (await (await remi.request.get(`/api/v1/claims/${claimId}`)).json()) as { consensus: Record<string, unknown> };
  expect(disputed.consensus).toMatchObject({ status: 'disputed', rule: 'plurality', leadingRating: null, tie: ['false', 'mostly-false'], finalRating: null });

  // The editor switches the rule, with the keyboard only: the plurality's own settings go.
  await editor.goto(`/articles/${article.id}/edit`);
  const form = editor.getByTestId('review-settings');
  await expect(form.getByLabel('Majorité', { exact: true })).toBeChecked();
  await expect(form.getByLabel('Écart maximal (crans)')).toHaveValue('2');
  await form.getByLabel('Majorité', { exact: true }).focus();
  await editor.keyboard.press('ArrowDown');
  await expect(form.getByLabel('Ordinale', { exact: true })).toBeChecked();
  await expect(form.getByLabel('Seuil d’accord (%)')).toHaveCount(0);
  await expect(form.getByLabel('Écart maximal (crans)')).toHaveCount(0);
  await expectNoViolations(editor, 'the settings form with the ordinal rule');
  await editor.keyboard.press('Tab'); // minimum reviewers
  await editor.keyboard.press('Tab'); // save
  await expect(form.getByRole('button', { name: 'Enregistrer les paramètres' })).toBeFocused();
  await editor.keyboard.press('Enter');
  await expect(editor.getByTestId('review-settings-status')).toHaveText('Paramètres enregistrés.');
  const stored = (await (await editor.request.get(`/api/v1/articles/${article.id}`)).json()) as { settings: unknown };
  expect(stored.settings).toEqual({ blindReview: true, consensusRule: 'ordinal', minReviewers: 2, agreementThreshold: 0.6, maxSpread: 2 });

  // Through the REST API as today: a reviewer gets 403, a stale version 409, an unknown rule 422 naming the field.
  const patch = (page: Page, data: unknown) => page.request.patch(`/api/v1/articles/${article.id}`, { data });
  expect((await patch(rita, { settings: { consensusRule: 'plurality' }, version: 2 })).status()).toBe(403);
  const stale = await patch(editor, { settings: { consensusRule: 'plurality' }, version: 1 });
  expect(stale.status()).toBe(409);
  expect(((await stale.json()) as { error: { current: { settings: unknown } } }).error.current.settings).toMatchObject({ consensusRule: 'ordinal' });
  const refused = await patch(editor, { settings: { consensusRule: 'majority', maxSpread: 9 }, version: 2 });
  expect(refused.status()).toBe(422);
  const issues = ((await refused.json()) as { error: { issues: { path: string[] }[] } }).error.issues.map((i) => i.path.join('.'));
  expect(issues.sort()).toEqual(['settings.consensusRule', 'settings.maxSpread']);

  // The same two verdicts now agree on their median, leaning false.
  await openClaim(remi, article.id, claimId);
  await expect(consensus(remi)).toContainText('Consensus');
  await expect(consensus(remi).getByTestId('consensus-rule')).toHaveText('Ordinale');
  await expect(consensus(remi).getByTestId('consensus-final')).toHaveText('Plutôt faux');
  await expect(consensus(remi).getByTestId('consensus-median')).toHaveText('Plutôt faux');
  await expect(consensus(remi).getByTestId('consensus-spread')).toHaveText('de Faux à Plutôt faux (1 cran)');
  await expect(consensus(remi).getByTestId('consensus-leading')).toHaveText('Égalité : Faux et Plutôt faux');
  await expect(consensus(remi).getByTestId('consensus-agreement')).toHaveText('50 %');
  await expect(consensus(remi).getByTestId('consensus-independent-agreement')).toHaveText('50 %');
  await expect(panel(remi).getByRole('heading', { level: 2 })).toContainText('Consensus');
  await expectNoHorizontalScroll(remi, 'the claim panel at 390 px');
  await expectNoViolations(remi, 'the consensus block at 390 px', '[data-testid=consensus]');
  await consensus(remi).scrollIntoViewIfNeeded();
  await remi.screenshot({ path: 'tests/e2e/screenshots/consensus-ordinal-390.png' });

  // The API's claim, the list and the export say the same.
  const agreed = (await (await remi.request.get(`/api/v1/claims/${claimId}`)).json()) as { consensus: Record<string, unknown> };
  expect(agreed.consensus).toEqual({
    status: 'consensus',
    rule: 'ordinal',
    leadingRating: null,
    tie: ['false', 'mostly-false'],
    agreement: 0.5,
    independentAgreement: 0.5,
    counts: { false: 1, 'mostly-false': 1, mixed: 0, 'mostly-true': 0, true: 0, unverifiable: 0 },
    reviewerCount: 2,
    median: 'mostly-false',
    spread: { min: 'false', max: 'mostly-false', steps: 1 },
    finalRating: 'mostly-false',
  });
  const list = (await (await rita.request.get(`/api/v1/articles/${article.id}/claims`)).json()) as { claims: { id: string; consensus: unknown }[] };
  expect(list.claims.find((c) => c.id === claimId)?.consensus).toEqual(agreed.consensus);
  const exported = (await (await rita.request.get(`/api/v1/articles/${article.id}/export?format=json`)).json()) as { articles: { claims: { id: string; consensus: unknown }[] }[] };
  expect(exported.articles[0]!.claims.find((c) => c.id === claimId)?.consensus).toEqual(agreed.consensus);

  // Rita still has the article open: the change of rule reaches her live (article.updated), without
  // reloading; her list and the highlight read consensus.
  const row = rita.getByTestId('claims-list').locator(`[data-claim-id="${claimId}"]`);
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'consensus');
  await expect(row.getByTestId('claim-row-rating')).toHaveText('Plutôt faux');
  await expect(rita.locator(`[data-testid=article-text] [data-claim-id="${claimId}"]`).first()).toHaveClass(/claim-consensus/);
});
