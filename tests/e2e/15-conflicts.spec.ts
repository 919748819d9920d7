import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { createPerson, signIn } from './helpers';

// Nothing lost when two people (or one person in two tabs) edit the same thing:
// the second save is refused, both versions are shown side by side, and the
// second person keeps theirs (saved over the other, knowingly) or takes the
// other into the form. The verdict, the claim's note, the adjudication and the
// article's settings, each in two browser tabs or contexts.

const tag = Date.now().toString(36);
const CLAIMS = ['Le chômage a baissé de 2 % en 2024.', 'La dette atteint 110 % du PIB.', 'Le déficit sera de 5 % cette année.'];
const TEXT = `${CLAIMS[0]} Le ministre l’a répété lundi.\n\n${CLAIMS[1]} ${CLAIMS[2]} L’opposition conteste.`;

const people = {
  rita: { name: `Rita Onglets ${tag}`, email: `c15-rita-${tag}@example.org`, role: 'reviewer' },
  edith: { name: `Édith Conflit ${tag}`, email: `c15-edith-${tag}@example.org`, role: 'editor' },
  victor: { name: `Victor Conflit ${tag}`, email: `c15-victor-${tag}@example.org`, role: 'editor' },
} as const;
type Who = keyof typeof people;

let articleId = '';
const claimIds: string[] = [];

async function context(browser: Browser, who: Who, viewport = { width: 1400, height: 1000 }): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport });
  await signIn(await ctx.newPage(), people[who].email);
  return ctx;
}

const panel = (page: Page) => page.getByTestId('claim-panel');

async function openClaim(page: Page, index: number) {
  await page.goto(`/articles/${articleId}?claim=${claimIds[index]}`);
  await expect(panel(page).getByTestId('claim-quote')).toHaveText(CLAIMS[index]!);
  await expect(panel(page).getByTestId('verdict-form')).toBeVisible(); // the claim's details are loaded
}

/** The two cells of a conflict's row: theirs, then yours. */
const cells = (conflict: Locator, field: string) => conflict.locator(`tr[data-field="${field}"] td`);

test.beforeAll(async ({ browser }) => {
  for (const person of Object.values(people)) await createPerson({ email: person.email, role: person.role, name: person.name });
  const page = await (await context(browser, 'edith')).newPage();
  const created = await page.request.post('/api/v1/articles', { data: { text: TEXT, title: `Conflits ${tag}`, language: 'fr' } });
  expect(created.status()).toBe(201);
  articleId = ((await created.json()) as { id: string }).id;
  for (const exact of CLAIMS) {
    const start = TEXT.indexOf(exact);
    const marked = await page.request.post(`/api/v1/articles/${articleId}/claims`, { data: { exact, start, end: start + exact.length, note: 'Note de départ' } });
    expect(marked.status()).toBe(201);
    claimIds.push(((await marked.json()) as { id: string }).id);
  }
  await page.context().close();
});

test('the same reviewer in two tabs: the second save shows both verdicts; keep mine, take theirs; the draft survives a reload', async ({ browser }) => {
  const ctx = await context(browser, 'rita');
  const [tabA, tabB] = [await ctx.newPage(), await ctx.newPage()];
  await openClaim(tabA, 0);
  await openClaim(tabB, 0);
  const formA = panel(tabA).getByTestId('verdict-form');
  const formB = panel(tabB).getByTestId('verdict-form');

  // Tab B starts a draft; tab A gives a verdict first.
  await formB.getByLabel('Plutôt faux', { exact: true }).check();
  await formB.getByRole('textbox', { name: 'Justification' }).fill('Version B : la série révisée dit le contraire.');
  await formA.getByLabel('Vrai', { exact: true }).check();
  await formA.getByRole('textbox', { name: 'Justification' }).fill('Version A : le chiffre officiel.');
  await formA.getByRole('button', { name: 'Enregistrer le verdict' }).click();
  await expect(formA.getByRole('status')).toHaveText('Enregistré');
  // Tab A goes on writing: a draft based on the verdict it saved.
  await formA.getByRole('textbox', { name: 'Justification' }).fill('Version A2 : précisée.');

  // Tab B saves (its panel may have seen tab A's verdict meanwhile, hence either label): refused,
  // and both versions are shown side by side, the heading focused.
  await formB.getByRole('button', { name: /^(Enregistrer|Mettre à jour) le verdict$/ }).click();
  let conflict = panel(tabB).getByTestId('verdict-conflict');
  await expect(conflict.getByRole('heading', { name: 'Votre verdict a été modifié ailleurs' })).toBeFocused();
  await expect(conflict.getByRole('columnheader').first()).toContainText('Enregistrée ailleurs');
  await expect(cells(conflict, 'rating').nth(0)).toHaveText('Vrai');
  await expect(cells(conflict, 'rating').nth(1)).toHaveText('Plutôt faux');
  await expect(cells(conflict, 'rationale').nth(0)).toHaveText('Version A : le chiffre officiel.');
  await expect(cells(conflict, 'rationale').nth(1)).toHaveText('Version B : la série révisée dit le contraire.');
  await expect(conflict.locator('tbody.differs')).toHaveCount(2); // rating and rationale; no sources on either side
  await expect(formB.getByRole('button', { name: 'Mettre à jour le verdict' })).toBeDisabled();

  // Escape goes back to the draft (the panel stays open); nothing is lost, saving again asks again.
  await tabB.keyboard.press('Escape');
  await expect(conflict).toHaveCount(0);
  await expect(panel(tabB)).toBeVisible();
  await expect(formB.getByRole('textbox', { name: 'Justification' })).toHaveText('Version B : la série révisée dit le contraire.');

  // A reload keeps the draft, and what it was based on: saving it meets the conflict again.
  await tabB.reload();
  await expect(panel(tabB).getByTestId('draft-restored')).toBeVisible();
  await expect(formB.getByLabel('Plutôt faux', { exact: true })).toBeChecked();
  await formB.getByRole('button', { name: 'Mettre à jour le verdict' }).click();
  conflict = panel(tabB).getByTestId('verdict-conflict');
  await expect(conflict.getByRole('heading')).toBeFocused();

  // Keep mine, with the keyboard: it is saved over tab A's verdict.
  await tabB.keyboard.press('Tab');
  await expect(conflict.getByRole('button', { name: 'Garder ma version' })).toBeFocused();
  await tabB.keyboard.press('Enter');
  await expect(conflict).toHaveCount(0);
  await expect(formB.getByRole('status')).toHaveText('Enregistré');
  let verdict = await verdictOf(tabB);
  expect(verdict).toMatchObject({ rating: 'mostly-false', rationale: 'Version B : la série révisée dit le contraire.', version: 2 });

  // Tab A, still on its draft from version 1, saves: tab B's verdict is now the other one.
  await formA.getByRole('button', { name: 'Mettre à jour le verdict' }).click();
  conflict = panel(tabA).getByTestId('verdict-conflict');
  await expect(cells(conflict, 'rating').nth(0)).toHaveText('Plutôt faux');
  await expect(cells(conflict, 'rationale').nth(1)).toHaveText('Version A2 : précisée.');
  // Take theirs: the form holds tab B's verdict; nothing is saved.
  await conflict.getByRole('button', { name: 'Prendre l’autre version' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(formA.getByLabel('Plutôt faux', { exact: true })).toBeChecked();
  await expect(formA.getByRole('textbox', { name: 'Justification' })).toHaveText('Version B : la série révisée dit le contraire.');
  expect(await verdictOf(tabA)).toMatchObject({ version: 2 });
  // And it saves on the version it took.
  await formA.getByLabel('Mitigé', { exact: true }).check();
  await formA.getByRole('button', { name: 'Mettre à jour le verdict' }).click();
  await expect(formA.getByRole('status')).toHaveText('Enregistré');
  verdict = await verdictOf(tabA);
  expect(verdict).toMatchObject({ rating: 'mixed', rationale: 'Version B : la série révisée dit le contraire.', version: 3 });
  await ctx.close();
});

async function verdictOf(page: Page): Promise<{ rating: string; rationale: string; version: number }> {
  const claim = await (await page.request.get(`/api/v1/claims/${claimIds[0]}`)).json();
  return claim.verdicts.find((v: { reviewer: { name: string } }) => v.reviewer.name === people.rita.name);
}

test('the claim’s note on a phone (390 px), two editors: both notes side by side, keep mine, then take theirs', async ({ browser }) => {
  const phone = await (await context(browser, 'edith', { width: 390, height: 844 })).newPage();
  const desk = await (await context(browser, 'victor')).newPage();
  for (const page of [phone, desk]) {
    await openClaim(page, 1);
    await panel(page).getByTestId('claim-note').getByRole('button', { name: 'Modifier la note' }).click();
  }
  await panel(desk).getByRole('textbox', { name: 'Note' }).fill('Note de Victor : source Eurostat.');
  await panel(desk).getByRole('button', { name: 'Enregistrer la note' }).click();
  await expect(panel(desk).getByTestId('claim-note')).toContainText('Note de Victor');

  await panel(phone).getByRole('textbox', { name: 'Note' }).fill('Note d’Édith : chiffre de l’Insee.');
  await panel(phone).getByRole('button', { name: 'Enregistrer la note' }).click();
  const conflict = panel(phone).getByTestId('note-conflict');
  await expect(conflict.getByRole('heading', { name: 'Quelqu’un d’autre a modifié cette note' })).toBeFocused();
  await expect(cells(conflict, 'note').nth(0)).toHaveText('Note de Victor : source Eurostat.');
  await expect(cells(conflict, 'note').nth(1)).toHaveText('Note d’Édith : chiffre de l’Insee.');
  // Side by side within the phone's width: no sideways scrolling.
  const [theirs, yours] = [await cells(conflict, 'note').nth(0).boundingBox(), await cells(conflict, 'note').nth(1).boundingBox()];
  expect(theirs!.x + theirs!.width).toBeLessThanOrEqual(yours!.x + 1);
  expect(yours!.x + yours!.width).toBeLessThanOrEqual(390);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await conflict.scrollIntoViewIfNeeded();
  await phone.screenshot({ path: 'test-results/15-note-conflict-390.png' });

  // Victor starts correcting his own note again before Édith chooses.
  await panel(desk).getByTestId('claim-note').getByRole('button', { name: 'Modifier la note' }).click();
  await panel(desk).getByRole('textbox', { name: 'Note' }).fill('Note de Victor, corrigée.');

  await conflict.getByRole('button', { name: 'Garder ma version' }).click();
  await expect(panel(phone).getByTestId('claim-note')).toContainText('Note d’Édith : chiffre de l’Insee.');

  // Victor saves: Édith's note is the other one now; he takes it.
  await panel(desk).getByRole('button', { name: 'Enregistrer la note' }).click();
  const second = panel(desk).getByTestId('note-conflict');
  await expect(cells(second, 'note').nth(0)).toHaveText('Note d’Édith : chiffre de l’Insee.');
  await second.getByRole('button', { name: 'Prendre l’autre version' }).click();
  await expect(second).toHaveCount(0);
  await expect(panel(desk).getByRole('textbox', { name: 'Note' })).toHaveValue('Note d’Édith : chiffre de l’Insee.');
  const claim = await (await desk.request.get(`/api/v1/claims/${claimIds[1]}`)).json();
  expect(claim).toMatchObject({ note: 'Note d’Édith : chiffre de l’Insee.', version: 3 });
});

test('two editors adjudicate at once: the decision published meanwhile beside the draft; keep mine, take theirs', async ({ browser }) => {
  const edith = await (await context(browser, 'edith')).newPage();
  const victor = await (await context(browser, 'victor')).newPage();
  for (const page of [edith, victor]) {
    await openClaim(page, 2);
    await panel(page).getByTestId('adjudicate').click();
  }
  const formV = panel(victor).getByTestId('adjudication-form');
  await formV.getByLabel('Faux', { exact: true }).check();
  await formV.getByLabel('Motifs').fill('Motifs de Victor : la loi de finances dit 4,4 %.');
  const formE = panel(edith).getByTestId('adjudication-form');
  await formE.getByLabel('Plutôt vrai', { exact: true }).check();
  await formE.getByLabel('Motifs').fill('Motifs d’Édith : la prévision officielle.');
  await formE.getByRole('button', { name: 'Publier la décision' }).click();
  await expect(panel(edith).getByTestId('final-rating')).toHaveText('Plutôt vrai');
  // Édith starts revising her decision at once.
  await panel(edith).getByTestId('adjudicate').click();
  await formE.getByLabel('Motifs').fill('Motifs d’Édith, révisés.');

  // Victor publishes: refused, Édith's decision beside his draft — which moved nothing in his form.
  await formV.getByRole('button', { name: 'Publier la décision' }).click();
  const conflict = panel(victor).getByTestId('adjudication-conflict');
  await expect(conflict.getByRole('heading', { name: 'Une autre décision a été publiée entre-temps' })).toBeFocused();
  await expect(conflict.getByRole('columnheader').first()).toContainText(people.edith.name);
  await expect(cells(conflict, 'rating').nth(0)).toHaveText('Plutôt vrai');
  await expect(cells(conflict, 'rating').nth(1)).toHaveText('Faux');
  await expect(cells(conflict, 'rationale').nth(0)).toHaveText('Motifs d’Édith : la prévision officielle.');
  await expect(cells(conflict, 'rationale').nth(1)).toHaveText('Motifs de Victor : la loi de finances dit 4,4 %.');
  // The panel already shows the decision in force, and the draft is still there.
  await expect(panel(victor).getByTestId('final-rating')).toHaveText('Plutôt vrai');
  await expect(formV.getByLabel('Motifs')).toHaveValue('Motifs de Victor : la loi de finances dit 4,4 %.');

  await conflict.getByRole('button', { name: 'Garder ma version' }).click();
  await expect(panel(victor).getByTestId('final-rating')).toHaveText('Faux');
  await expect(panel(victor).getByTestId('adjudication-form')).toHaveCount(0);

  // Édith publishes her revision of her own decision, now replaced: she takes Victor's into her form.
  await formE.getByRole('button', { name: 'Publier la décision' }).click();
  const second = panel(edith).getByTestId('adjudication-conflict');
  await expect(cells(second, 'rating').nth(0)).toHaveText('Faux');
  await second.getByRole('button', { name: 'Prendre l’autre version' }).click();
  await expect(second).toHaveCount(0);
  await expect(formE.getByLabel('Faux', { exact: true })).toBeChecked();
  await expect(formE.getByLabel('Motifs')).toHaveValue('Motifs de Victor : la loi de finances dit 4,4 %.');
  const state = await (await edith.request.get(`/api/v1/claims/${claimIds[2]}/adjudication`)).json();
  expect(state.current).toMatchObject({ rating: 'false', editor: { name: people.victor.name } });
  expect(state.history).toHaveLength(2);

  // The REST API says the same: the superseded decision is stale, for revising and for withdrawing;
  // the 409 carries the claim as the editor reads it, with the decision in force.
  const superseded = state.history[1].id as string;
  const revise = await edith.request.post(`/api/v1/claims/${claimIds[2]}/adjudication`, { data: { rating: 'true', rationale: 'Par l’API.', replaces: superseded } });
  expect(revise.status()).toBe(409);
  const body = (await revise.json()).error;
  expect(body).toMatchObject({ key: 'staleVersion', issues: [{ path: ['replaces'], key: 'stale' }], current: { id: claimIds[2], adjudication: { id: state.current.id } } });
  expect(body.current).toEqual(await (await edith.request.get(`/api/v1/claims/${claimIds[2]}`)).json());
  const withdraw = await edith.request.delete(`/api/v1/claims/${claimIds[2]}/adjudication?adjudication=${superseded}`);
  expect(withdraw.status()).toBe(409);
  expect((await (await edith.request.get(`/api/v1/claims/${claimIds[2]}/adjudication`)).json()).current.id).toBe(state.current.id);
});

test('two editors on the review settings: theirs beside mine; a correction of the details after is no conflict', async ({ browser }) => {
  const edith = await (await context(browser, 'edith')).newPage();
  const victor = await (await context(browser, 'victor')).newPage();
  for (const page of [edith, victor]) await page.goto(`/articles/${articleId}/edit`);
  await victor.getByLabel('Nombre minimal de relecteurs').fill('3');
  await victor.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
  await expect(victor.getByTestId('review-settings-status')).toHaveText('Paramètres enregistrés.');

  await edith.getByLabel('Nombre minimal de relecteurs').fill('4');
  await edith.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
  const conflict = edith.getByTestId('settings-conflict');
  await expect(conflict.getByRole('heading')).toBeFocused();
  await expect(cells(conflict, 'minReviewers').nth(0)).toHaveText('3');
  await expect(cells(conflict, 'minReviewers').nth(1)).toHaveText('4');
  await expect(conflict.locator('tbody.differs')).toHaveCount(1);
  await conflict.getByRole('button', { name: 'Prendre l’autre version' }).click();
  await expect(edith.getByLabel('Nombre minimal de relecteurs')).toHaveValue('3');

  // Victor corrects the title on the page he loaded before his own settings change: the
  // article's version moved, but not its details, so it is saved without asking.
  await victor.getByLabel('Titre').fill(`Conflits résolus ${tag}`);
  await victor.getByRole('button', { name: 'Enregistrer les corrections' }).click();
  await expect(victor).toHaveURL(new RegExp(`/articles/${articleId}$`));
  const article = await (await victor.request.get(`/api/v1/articles/${articleId}`)).json();
  expect(article).toMatchObject({ title: `Conflits résolus ${tag}`, settings: { minReviewers: 3 } });
});
