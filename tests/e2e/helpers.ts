import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { KEEP_ALIVE_ARGS } from '../../scripts/prepare-app';
import { createDb, type Db } from '../../lib/db/client';
import { createToken } from '../../lib/services/tokens';
import { findActorByEmail, upsertUser } from '../../lib/services/users';
import type { Role } from '../../lib/permissions';

export const PASSWORD = 'correct horse battery';

// The suite runs in French (playwright.config.ts: locale fr-FR); a test may open an
// English context, so the helpers find the account forms by their labels in either.
const LABEL = {
  name: /^(Nom|Name)\b/,
  email: /^(Adresse e-mail|Email)$/,
  newPassword: /^(Mot de passe|Password) \(/,
  password: /^(Mot de passe|Password)$/,
  createAccount: /^(Créer le compte|Create account)$/,
  signIn: /^(Se connecter|Sign in)$/,
};

export async function register(page: Page, name: string, email: string): Promise<void> {
  await page.goto('/register');
  await page.getByLabel(LABEL.name).fill(name);
  await page.getByLabel(LABEL.email).fill(email);
  await page.getByLabel(LABEL.newPassword).fill(PASSWORD);
  await page.getByRole('button', { name: LABEL.createAccount }).click();
  await expect(page.getByTestId('current-user')).toContainText(name);
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(LABEL.email).fill(email);
  await page.getByLabel(LABEL.password).fill(PASSWORD);
  await page.getByRole('button', { name: LABEL.signIn }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** Opens the stored article from the articles list, by its title: other specs import articles that may come first. */
export async function openSeedArticle(page: Page): Promise<string> {
  await page.goto('/');
  await page.getByTestId('article-list').getByRole('link', { name: /Les présidents russes/ }).first().click();
  await expect(page.getByTestId('article-text')).toContainText('Les présidents russes');
  return page.url().split('/articles/')[1]!.split('?')[0]!;
}

/**
 * Viewport box of the `index`-th character of `needle` in the article text,
 * scrolled into view unless told not to (off-screen points cannot be hovered or clicked).
 */
export async function charRect(
  page: Page,
  needle: string,
  index: number,
  { scroll = true } = {},
): Promise<{ left: number; right: number; top: number; height: number }> {
  return page.getByTestId('article-text').evaluate(
    (root, [text, i, intoView]) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      let joined = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push(n as Text);
        joined += (n as Text).data;
      }
      const at = joined.indexOf(text as string);
      if (at < 0) throw new Error(`"${text}" is not in the article`);
      let rest = at + (i as number);
      for (const node of nodes) {
        if (rest < node.data.length) {
          if (intoView) node.parentElement!.scrollIntoView({ block: 'center' });
          const range = document.createRange();
          range.setStart(node, rest);
          range.setEnd(node, rest + 1);
          const { left, right, top, height } = range.getClientRects()[0]!;
          return { left, right, top, height };
        }
        rest -= node.data.length;
      }
      throw new Error('offset out of range');
    },
    [needle, index, scroll] as const,
  );
}

/** Viewport point in the middle of the `index`-th character of `needle` in the article text. */
export async function pointAt(page: Page, needle: string, index: number): Promise<{ x: number; y: number }> {
  const r = await charRect(page, needle, index);
  return { x: (r.left + r.right) / 2, y: r.top + r.height / 2 };
}

/**
 * Selects `needle` in the article with the mouse, as a reader would: press
 * just inside its first character, drag to just inside its last, release.
 */
export async function selectWithMouse(page: Page, needle: string): Promise<void> {
  const first = await charRect(page, needle, 0);
  const last = await charRect(page, needle, needle.length - 1, { scroll: false }); // measured where `first` scrolled to
  const box = { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 5 });
  await page.mouse.move(box.x2, box.y2, { steps: 5 });
  await page.mouse.up();
}

/**
 * Runs one of the project's npm CLIs against the e2e database; returns stdout.
 * user:create takes its password from CRUX_PASSWORD, never from the command line.
 * A process per call costs about 1.6 s: tests that only need people or tokens use
 * createPerson and createTokenFor.
 */
export function runCli(script: 'user:create' | 'token:create' | 'import', args: string[], options: { password?: string } = {}): string {
  return execFileSync('npm', ['run', '--silent', script, '--', ...args], {
    env: { ...process.env, DATABASE_URL: process.env.CRUX_E2E_DATABASE_URL!, ...(options.password ? { CRUX_PASSWORD: options.password } : {}) },
    encoding: 'utf8',
  });
}

let e2eDb: Db | undefined;
const peopleDb = (): Db => (e2eDb ??= createDb(process.env.CRUX_E2E_DATABASE_URL!));

/**
 * An account on the e2e database, made (or updated) by the service that
 * `npm run user:create` calls, in this process: the CLI itself is tested in
 * tests/unit/cli-env.test.ts, and 03-editor makes its people through it.
 */
export async function createPerson(person: { email: string; role: Role; name?: string }, password = PASSWORD): Promise<void> {
  await upsertUser(peopleDb(), { ...person, password });
}

/** A personal access token for an existing account, as `npm run token:create` makes it. */
export async function createTokenFor(email: string, name = 'e2e'): Promise<string> {
  const user = await findActorByEmail(peopleDb(), email);
  if (!user) throw new Error(`No account ${email}`);
  return (await createToken(peopleDb(), user.id, { name })).token;
}

/** axe finds no WCAG 2.1 A/AA or best-practice violation on the page (or within `include`). */
export async function expectNoViolations(page: Page, where: string, include?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const { violations } = await builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `axe on ${where}`,
  ).toEqual([]);
}

/** Nothing on the page scrolls sideways. */
export async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal scroll on ${where}`).toBeLessThanOrEqual(0);
}

// --- Other server processes -----------------------------------------------------------------

/** A TCP port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Instance {
  url: string;
  process: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>;
}

/**
 * Starts another instance with the e2e session secret: `next start` on the
 * existing build, or `npm start`'s script (scripts/start.ts), on the e2e
 * database unless told otherwise. Resolves once it answers /api/health.
 */
export async function startInstance(how: 'next start' | 'scripts/start.ts', databaseUrl = process.env.CRUX_E2E_DATABASE_URL!, env: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  const args = how === 'next start' ? ['node_modules/next/dist/bin/next', 'start', '--port', String(port), ...KEEP_ALIVE_ARGS] : ['--import', 'tsx', 'scripts/start.ts'];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: process.env.CRUX_E2E_AUTH_SECRET!,
      PORT: String(port),
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The instance exited:\n${output}`);
    const healthy = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`The instance did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, process: child, output: () => output, exited };
}

/** Stops an instance the way a service manager does (SIGTERM; SIGKILL after 15 s); nothing when it has exited already. */
export async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.process.exitCode !== null || instance.process.signalCode !== null) return;
  instance.process.kill('SIGTERM');
  const timer = setTimeout(() => instance.process.kill('SIGKILL'), 15_000);
  await instance.exited;
  clearTimeout(timer);
}

const claimPanel = (page: Page) => page.getByTestId('claim-panel');

/** Opens a claim by its permalink and waits until its panel shows `quote` and its details (the verdict form) are loaded. */
export async function openClaimPanel(page: Page, articleId: string, claimId: string, quote: string): Promise<void> {
  await page.goto(`/articles/${articleId}?claim=${claimId}`);
  await expect(claimPanel(page).getByTestId('claim-quote')).toHaveText(quote);
  await expect(claimPanel(page).getByTestId('verdict-form')).toBeVisible();
}

/** Gives (or updates) one's verdict in the open claim's panel, and waits until it is saved. */
export async function giveVerdict(page: Page, rating: string, rationale: string): Promise<void> {
  const form = claimPanel(page).getByTestId('verdict-form');
  await form.getByLabel(rating, { exact: true }).check();
  await form.getByRole('textbox', { name: 'Justification' }).fill(rationale);
  await form.getByRole('button', { name: /Enregistrer le verdict|Mettre à jour le verdict/ }).click();
  await expect(form.getByRole('status')).toHaveText('Enregistré');
}
