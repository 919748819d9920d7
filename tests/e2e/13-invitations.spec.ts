import { expect, test, type Browser, type Page } from '@playwright/test';
import { createDb, type Db } from '../../lib/db/client';
import { createInvitation, setRegistrationMode } from '../../lib/services/invitations';
import { findActorByEmail } from '../../lib/services/users';
import { createPerson, expectNoHorizontalScroll, expectNoViolations, PASSWORD, signIn } from './helpers';

// Registration by invitation: an admin closes open registration, invites
// someone with a role, and the link works once, until it expires or is revoked.
// Specs share one database and run in file order: registration is open again
// at the end, whatever happens here (afterAll).
const ADMIN = 'invite-admin@example.org';
const REVIEWER = 'invite-reviewer@example.org';
const INES = 'invite-ines@example.org';
const PHONE = { width: 390, height: 844 };
const DAY = 86_400_000;

let db: Db;

test.beforeAll(async () => {
  await createPerson({ email: ADMIN, role: 'admin', name: 'Adèle Admin' });
  await createPerson({ email: REVIEWER, role: 'reviewer', name: 'Rémi Relecteur' });
  db = createDb(process.env.CRUX_E2E_DATABASE_URL);
});

test.afterAll(async () => {
  const admin = await findActorByEmail(db, ADMIN);
  if (admin) await setRegistrationMode({ db, actor: admin }, { mode: 'open' });
  await db.$disconnect();
});

async function visitor(browser: Browser, locale = 'fr-FR'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: PHONE });
  return context.newPage();
}



test('invitation only: refused without a link; an invitation registers its invitee once, with its role; expired and revoked links are refused', async ({ browser }) => {
  const adminContext = await browser.newContext({ locale: 'fr-FR', viewport: PHONE });
  await adminContext.grantPermissions(['clipboard-read', 'clipboard-write']);
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  await admin.getByTestId('nav-users').click();
  const invitations = admin.getByTestId('invitations');
  await expect(invitations.getByRole('heading', { level: 2 })).toHaveText('Inscriptions et invitations');

  // The switch, with the keyboard.
  const mode = admin.getByRole('switch', { name: 'Sur invitation seulement' });
  await expect(mode).not.toBeChecked();
  await mode.focus();
  await admin.keyboard.press('Space');
  await expect(admin.getByTestId('registration-mode-status')).toHaveText('Les inscriptions se font désormais sur invitation seulement.');
  await expect(mode).toBeChecked();
  expect(await (await admin.request.get('/api/v1/registration')).json()).toEqual({ mode: 'invitation' });

  // A visitor without a link is told, before typing anything.
  const walkIn = await visitor(browser);
  await walkIn.goto('/register');
  await expect(walkIn.getByTestId('registration-refused')).toHaveText(
    'Sur ce Crux, on ne crée un compte que sur invitation : demandez un lien d’invitation à un administrateur.',
  );
  await expect(walkIn.getByRole('button', { name: 'Créer le compte' })).toHaveCount(0);
  await expectNoHorizontalScroll(walkIn, '/register refused at 390 px');
  await walkIn.screenshot({ path: 'tests/e2e/screenshots/register-invitation-only-390.png', fullPage: true });

  // An editor's invitation for one address, made with the keyboard.
  const form = admin.getByTestId('invitation-form');
  await form.getByLabel('Adresse e-mail (facultative)').fill('Invite-Ines@Example.org');
  await form.getByLabel('Rôle').selectOption('editor');
  await expect(form.getByLabel('Valable')).toHaveValue('7');
  await form.getByRole('button', { name: 'Créer le lien d’invitation' }).focus();
  await admin.keyboard.press('Enter');
  const link = admin.getByTestId('invitation-link');
  await expect(link).toBeFocused();
  const url = await link.inputValue();
  expect(url).toMatch(/\/register\?invitation=[A-Za-z0-9_-]{43}$/);
  await expect(admin.getByTestId('new-invitation')).toContainText('Il crée un compte éditeur, une seule fois');
  await admin.getByTestId('invitation-copy').click();
  await expect(admin.getByTestId('invitation-copy-status')).toHaveText('Lien copié.');
  expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(url);
  const pending = admin.locator(`[data-testid="invitation"][data-email="${INES}"]`);
  await expect(pending).toContainText('éditeur');
  await expect(pending).toContainText(/expire le \d+ \S+ \d{4}, \d\d:\d\d UTC/);
  await expect(pending).toContainText('par Adèle Admin');
  await expectNoHorizontalScroll(admin, '/users with invitations at 390 px');
  await admin.screenshot({ path: 'tests/e2e/screenshots/invitations-390.png', fullPage: true });

  // The invitee, in English, registers through it: the address is the invitation's; they land signed in, as editor.
  const ines = await visitor(browser, 'en-US');
  await ines.goto(url);
  await expect(ines.getByTestId('registration-terms')).toContainText('You are invited to join this Crux as editor. The invitation works once, until');
  const email = ines.getByLabel('Email');
  await expect(email).toHaveValue(INES);
  await expect(email).toHaveAttribute('readonly', '');
  await expectNoViolations(ines, '/register with an invitation (en)');
  await ines.screenshot({ path: 'tests/e2e/screenshots/register-invited-390.png', fullPage: true });
  await ines.getByLabel(/^Name/).fill('Inès Invitée');
  await ines.getByLabel(/^Password \(/).fill(PASSWORD);
  await ines.getByLabel(/^Password \(/).press('Enter');
  await expect(ines.getByTestId('current-user')).toContainText('Inès Invitée');
  await expect(ines.getByTestId('current-user')).toContainText('editor');
  await expect(ines).toHaveURL(/\/$/);

  // Used: gone from the pending list, the person is on the desk, and the link cannot be used again.
  await admin.reload();
  await expect(pending).toHaveCount(0);
  await expect(admin.locator(`[data-testid="person"][data-email="${INES}"]`).getByTestId('person-role')).toHaveValue('editor');
  const again = await visitor(browser);
  await again.goto(url);
  await expect(again.getByTestId('registration-refused')).toHaveText(
    'Ce lien d’invitation a déjà servi : une invitation crée un seul compte. Connectez-vous, ou demandez un nouveau lien à un administrateur.',
  );
  await expect(again.getByRole('button', { name: 'Créer le compte' })).toHaveCount(0);

  // Expired: an invitation made eight days ago for seven.
  const adminActor = (await findActorByEmail(db, ADMIN))!;
  const old = await createInvitation({ db, actor: adminActor }, { role: 'reviewer', expiresInDays: 7 }, new Date(Date.now() - 8 * DAY));
  await again.goto(old.path);
  await expect(again.getByTestId('registration-refused')).toHaveText('Ce lien d’invitation a expiré : demandez-en un nouveau à un administrateur.');

  // Revoked while someone has the form open: their submission is refused with the reason, not a server error.
  await form.getByLabel('Rôle').selectOption('reviewer');
  await form.getByRole('button', { name: 'Créer le lien d’invitation' }).click();
  await expect(link).not.toHaveValue(url);
  const second = await link.inputValue();
  const late = await visitor(browser);
  await late.goto(second);
  await expect(late.getByTestId('registration-terms')).toContainText('en tant que vérificateur');
  const anyone = admin.locator('[data-testid="invitation"][data-email=""]');
  await anyone.getByRole('button', { name: 'Révoquer l’invitation pour toute personne qui a le lien' }).click();
  const dialog = admin.getByTestId('invitation-confirm');
  await expect(dialog.getByRole('heading')).toHaveText('Révoquer l’invitation pour toute personne qui a le lien ?');
  await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await admin.keyboard.press('Tab');
  await admin.keyboard.press('Enter');
  await expect(admin.getByTestId('invitations-status')).toHaveText('Invitation révoquée : toute personne qui a le lien.');
  await expect(anyone).toHaveCount(0);
  await expect(admin.getByTestId('new-invitation')).toHaveCount(0);
  await late.getByLabel('Adresse e-mail').fill('invite-late@example.org');
  await late.getByLabel(/^Mot de passe \(/).fill(PASSWORD);
  await late.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(late.locator('form').getByRole('alert')).toHaveText('Ce lien d’invitation a été révoqué : demandez-en un nouveau à un administrateur.');
  await expect(late.getByTestId('current-user')).toHaveCount(0);
  await late.goto(second);
  await expect(late.getByTestId('registration-refused')).toContainText('a été révoqué');
  await expectNoViolations(late, '/register with a revoked link (fr)');

  await admin.setViewportSize({ width: 1280, height: 800 });
  await expectNoViolations(admin, '/users with invitations (fr)');

  // Open again, with the mouse: anyone registers (as a reviewer), as the later specs expect.
  await mode.click();
  await expect(admin.getByTestId('registration-mode-status')).toHaveText('Les inscriptions sont désormais ouvertes à tous.');
  await expect(mode).not.toBeChecked();
  await walkIn.goto('/register');
  await expect(walkIn.getByTestId('registration-refused')).toHaveCount(0);
  await expect(walkIn.getByRole('button', { name: 'Créer le compte' })).toBeVisible();
  for (const page of [admin, walkIn, ines, again, late]) await page.context().close();
});

test('the REST API: admins only; the link is in the answer once; open registration still honours an invitation’s role', async ({ browser }) => {
  const reviewerPage = await visitor(browser);
  await signIn(reviewerPage, REVIEWER);
  for (const [method, path] of [
    ['get', '/api/v1/invitations'],
    ['post', '/api/v1/invitations'],
    ['delete', '/api/v1/invitations/whatever'],
    ['put', '/api/v1/registration'],
  ] as const) {
    const response = await reviewerPage.request[method](path, method === 'get' || method === 'delete' ? {} : { data: { mode: 'invitation' } });
    expect(response.status(), `${method} ${path}`).toBe(403);
  }
  expect(await (await reviewerPage.request.get('/api/v1/registration')).json()).toEqual({ mode: 'open' });

  const admin = await visitor(browser);
  await signIn(admin, ADMIN);
  for (const [data, field, key] of [
    [{ expiresInDays: 90 }, 'expiresInDays', 'invalid'],
    [{ role: 'admin' }, 'email', 'requiredForAdmin'],
  ] as const) {
    const refused = await admin.request.post('/api/v1/invitations', { data });
    expect(refused.status()).toBe(422);
    expect((await refused.json()).error.issues.map((i: { path: string[]; key: string }) => [i.path.join('.'), i.key])).toEqual([[field, key]]);
  }
  const created = await admin.request.post('/api/v1/invitations', { data: { role: 'editor', expiresInDays: 1 } });
  expect(created.status()).toBe(201);
  const { invitation, token, url } = await created.json();
  expect(url).toMatch(new RegExp(`/register\\?invitation=${token}$`));
  const listed = await (await admin.request.get('/api/v1/invitations')).json();
  expect(listed.invitations.find((i: { id: string }) => i.id === invitation.id)).toEqual(invitation);
  expect(JSON.stringify(listed)).not.toContain(token);

  const newcomer = await visitor(browser);
  await newcomer.goto(new URL(url).pathname + new URL(url).search);
  await newcomer.getByLabel('Adresse e-mail').fill('invite-open@example.org');
  await newcomer.getByLabel(/^Mot de passe \(/).fill(PASSWORD);
  await newcomer.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(newcomer.getByTestId('current-user')).toContainText('éditeur');
  expect((await admin.request.delete(`/api/v1/invitations/${invitation.id}`)).status()).toBe(404);
  for (const page of [reviewerPage, admin, newcomer]) await page.context().close();
});
