import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createPerson, createTokenFor, PASSWORD, selectWithMouse, signIn, startInstance, stopInstance, type Instance } from './helpers';

// Live collaboration: two reviewers on one article see each other's work
// appear without reloading, as blind review lets each see it, and see who is
// there; a second server process on the same database passes events on in
// under a second; a server told to stop ends its event streams and finishes
// the requests in flight.

const CLAIM = 'Le chômage a baissé de 2 % en 2024.';
const TEXT = `${CLAIM} Le ministre l’a répété lundi devant la presse.\n\nL’opposition conteste ces chiffres et demande un audit.`;
const SECRET_RATIONALE = 'Selon l’Insee le taux est stable (justification de Rita).';
const SECRET_COMMENT = 'Rita : ma source est solide.';

const tag = Date.now().toString(36);
const people = {
  editor: { name: `Édith Live ${tag}`, email: `live14-editor-${tag}@example.org`, role: 'editor' },
  rita: { name: `Rita Live ${tag}`, email: `live14-rita-${tag}@example.org`, role: 'reviewer' },
  remi: { name: `Rémi Live ${tag}`, email: `live14-remi-${tag}@example.org`, role: 'reviewer' },
} as const;
type Who = keyof typeof people;
const tokens = {} as Record<Who, string>;

test.beforeAll(async () => {
  for (const who of Object.keys(people) as Who[]) {
    const p = people[who];
    await createPerson({ email: p.email, role: p.role, name: p.name });
    tokens[who] = await createTokenFor(p.email, 'live');
  }
});

const bearer = (who: Who) => ({ authorization: `Bearer ${tokens[who]}` });

async function newArticle(request: APIRequestContext, title: string): Promise<string> {
  const created = await request.post('/api/v1/articles', { headers: bearer('editor'), data: { text: TEXT, title: `${title} ${tag}`, language: 'fr' } });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

/** Signs in `who` in a context of their own and opens the article; records when claims and comments first appear. */
async function seat(browser: Browser, who: Who, articleId: string, baseURL?: string): Promise<Page> {
  const page = await (await browser.newContext(baseURL ? { baseURL } : {})).newPage();
  await signIn(page, people[who].email);
  await page.goto(`/articles/${articleId}`);
  await expect(page.getByTestId('article-text')).toContainText(CLAIM);
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as Window & { firstSeen?: Record<string, number> }).firstSeen = seen;
    const record = () => {
      for (const el of document.querySelectorAll('[data-testid="article-text"] [data-claim-id], [data-comment-id]')) {
        const id = el.getAttribute('data-claim-id') ?? el.getAttribute('data-comment-id')!;
        seen[id] ??= Date.now();
      }
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true });
    record();
  });
  return page;
}

/** When the page first showed the claim or comment `id` (its clock is this machine's). */
async function firstSeen(page: Page, id: string): Promise<number> {
  await expect.poll(() => page.evaluate((key) => (window as Window & { firstSeen?: Record<string, number> }).firstSeen?.[key] ?? null, id)).not.toBeNull();
  return page.evaluate((key) => (window as Window & { firstSeen?: Record<string, number> }).firstSeen![key]!, id);
}

const panel = (page: Page) => page.getByTestId('claim-panel');
const presence = (page: Page) => page.getByTestId('present-person');

test('two reviewers: each other’s claims, verdicts and comments appear within a second, masked under blind review; presence', async ({ browser, request }) => {
  const articleId = await newArticle(request, 'En direct');
  const rita = await seat(browser, 'rita', articleId);
  const remi = await seat(browser, 'remi', articleId);

  // Each sees the other, by name for screen readers and initials on screen.
  await expect(presence(rita)).toHaveCount(1);
  await expect(presence(rita)).toContainText(people.remi.name);
  await expect(presence(remi)).toContainText(people.rita.name);
  // "Rita Live <tag>": the first letters of her first and last names.
  await expect(presence(remi).locator('[aria-hidden="true"]')).toHaveText(`R${tag[0]!.toUpperCase()}`);

  // Rita marks the claim; it appears on Rémi's page without a reload, within a second of being stored.
  await selectWithMouse(rita, CLAIM);
  await rita.keyboard.press('m');
  await expect(panel(rita).getByTestId('claim-quote')).toHaveText(CLAIM);
  const claimId = (await panel(rita).getAttribute('data-claim-id'))!;
  const claim = (await (await request.get(`/api/v1/claims/${claimId}`, { headers: bearer('editor') })).json()) as { createdAt: string };
  const claimLatency = (await firstSeen(remi, claimId)) - Date.parse(claim.createdAt);
  console.log(`claim stored → shown on the other reviewer's page: ${claimLatency} ms`);
  expect(claimLatency).toBeLessThan(1_000);
  const remiItem = remi.getByTestId('claims-list').locator(`[data-claim-id="${claimId}"]`);
  await expect(remiItem).toContainText('À examiner');
  await expect(remi.getByTestId('live-region')).toContainText(`${people.rita.name} a marqué une affirmation`);

  // Rémi opens it (no reload) while Rita gives her verdict and comments.
  await remiItem.getByRole('button').click();
  await expect(panel(remi).getByTestId('verdict-form')).toBeVisible();
  const form = panel(rita).getByTestId('verdict-form');
  await form.getByLabel('Faux', { exact: true }).check();
  await form.getByRole('textbox', { name: 'Justification' }).fill(SECRET_RATIONALE);
  await form.getByRole('button', { name: 'Enregistrer le verdict' }).click();
  await expect(form.getByRole('status')).toHaveText('Enregistré');
  await panel(rita).getByTestId('comment-input').fill(SECRET_COMMENT);
  await panel(rita).getByTestId('post-comment').click();
  await expect(panel(rita).getByTestId('comment')).toHaveText(new RegExp(SECRET_COMMENT));
  // Then a note, which Rémi may see: once it shows, every earlier event has reached him.
  expect((await rita.request.patch(`/api/v1/claims/${claimId}`, { data: { note: 'Chiffre à sourcer' } })).status()).toBe(200);
  await expect(panel(remi)).toContainText('Chiffre à sourcer');

  // Nothing of Rita's judgement reached Rémi: blind, needs review, no verdict, no comment, not in the page at all.
  await expect(panel(remi).getByRole('heading', { level: 2 })).toContainText('À examiner');
  await expect(panel(remi).getByTestId('consensus').getByText(/Vérification à l’aveugle/)).toBeVisible();
  await expect(panel(remi).getByTestId('other-verdict')).toHaveCount(0);
  await expect(panel(remi).getByTestId('comment')).toHaveCount(0);
  await expect(remiItem).toContainText('À examiner');
  const remiHtml = await remi.content();
  expect(remiHtml).not.toContain('Insee');
  expect(remiHtml).not.toContain('ma source est solide');

  // Rémi's own verdict reveals the claim to him; Rita sees the dispute arise without a reload.
  const remiForm = panel(remi).getByTestId('verdict-form');
  await remiForm.getByLabel('Plutôt vrai', { exact: true }).check();
  await remiForm.getByRole('button', { name: 'Enregistrer le verdict' }).click();
  await expect(remiForm.getByRole('status')).toHaveText('Enregistré');
  await expect(panel(remi).getByTestId('other-verdict')).toContainText(people.rita.name);
  await expect(panel(remi).getByTestId('comment')).toContainText(SECRET_COMMENT);
  await expect(panel(rita).getByRole('heading', { level: 2 })).toContainText('Contestée', { timeout: 1_000 });
  await expect(panel(rita).getByTestId('other-verdict')).toContainText(people.remi.name);
  // Her bell hears of it at once (a verdict on her claim, and her claim disputed), not at its next poll 15 s later.
  await expect(rita.getByTestId('notification-count')).toHaveText('2', { timeout: 5_000 });

  // Rita answers in the thread: it appears in Rémi's open panel within a second.
  await panel(rita).getByTestId('comment-input').fill('Rémi, quelle série cite le ministre ?');
  await panel(rita).getByTestId('post-comment').click();
  const answer = panel(remi).getByTestId('comment').filter({ hasText: 'quelle série' });
  await expect(answer).toBeVisible();
  const commentId = (await answer.getAttribute('data-comment-id'))!;
  const comments = (await (await request.get(`/api/v1/claims/${claimId}/comments`, { headers: bearer('editor') })).json()) as { comments: { id: string; createdAt: string }[] };
  const stored = comments.comments.find((c) => c.id === commentId)!;
  const commentLatency = (await firstSeen(remi, commentId)) - Date.parse(stored.createdAt);
  console.log(`comment stored → shown in the other reviewer's thread: ${commentLatency} ms`);
  expect(commentLatency).toBeLessThan(1_000);

  // The editor settles it through the API: both panels say so without a reload.
  const settled = await request.post(`/api/v1/claims/${claimId}/adjudication`, { headers: bearer('editor'), data: { rating: 'mostly-false', rationale: 'Tranché par la rédaction en chef.' } });
  expect(settled.status()).toBe(201);
  for (const page of [rita, remi]) await expect(panel(page).getByRole('heading', { level: 2 })).toContainText('Arbitrée');

  // Rémi leaves: Rita sees him go.
  await remi.context().close();
  await expect(presence(rita)).toHaveCount(0);
  await rita.context().close();
});

// --- Other server processes on the same database ------------------------------------------

interface Frame {
  id?: number;
  event?: string;
  data?: unknown;
  at: number;
}

/** Follows an article's event stream from Node, as an API client would. */
async function follow(url: string, who: Who | { authorization: string }) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: typeof who === 'string' ? bearer(who) : who, signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const frames: Frame[] = [];
  let ended = false;
  const done = (async () => {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame: Frame = { at: Date.now() };
        for (const line of buffer.slice(0, end).split('\n')) {
          const colon = line.indexOf(': ');
          const [field, value] = colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 2)];
          if (field === 'id') frame.id = Number(value);
          if (field === 'event') frame.event = value;
          if (field === 'data') frame.data = JSON.parse(value);
        }
        buffer = buffer.slice(end + 2);
        frames.push(frame);
      }
    }
  })()
    .catch(() => {})
    .finally(() => (ended = true));
  return {
    frames,
    done,
    get ended() {
      return ended;
    },
    of: (type: string) => frames.filter((f) => f.event === type),
    close: () => controller.abort(),
  };
}

test('two instances on one database: an event written through one reaches the other’s streams in under a second', async ({ browser, request, baseURL }) => {
  const articleId = await newArticle(request, 'Deux instances');
  let second: Instance | undefined;
  try {
    second = await startInstance('next start');
    const onSecond = await follow(`${second.url}/api/v1/articles/${articleId}/events`, 'rita');
    // Rémi has the article open on the first instance, Rita's stream is on the second: presence crosses too.
    const remi = await seat(browser, 'remi', articleId);
    await expect(presence(remi)).toContainText(people.rita.name, { timeout: 10_000 });
    await expect.poll(() => JSON.stringify(onSecond.of('presence').at(-1)?.data ?? null), { timeout: 10_000 }).toContain(people.remi.name);

    // Claims written through the first instance, read on the second.
    const words = TEXT.split(' ').slice(0, 5);
    const latencies: number[] = [];
    for (const [i, word] of words.entries()) {
      const start = TEXT.indexOf(word);
      const response = await request.post(`/api/v1/articles/${articleId}/claims`, { headers: bearer('editor'), data: { exact: word, start, end: start + word.length } });
      const answered = Date.now();
      expect(response.status()).toBe(201);
      const { id } = (await response.json()) as { id: string };
      await expect.poll(() => onSecond.of('claim.created').length, { intervals: [10] }).toBe(i + 1);
      const frame = onSecond.of('claim.created').at(-1)!;
      expect(frame.data).toMatchObject({ claimId: id, claim: { exact: word, consensus: { status: 'needs-review' } } });
      latencies.push(frame.at - answered);
    }
    console.log(`written through instance A (answered) → on instance B's stream: ${latencies.join(', ')} ms`);
    expect(Math.max(...latencies)).toBeLessThan(1_000);

    // And the other way: a claim marked through the second instance shows on Rémi's page, served by the first.
    const start = TEXT.indexOf('L’opposition');
    const viaSecond = await fetch(`${second.url}/api/v1/articles/${articleId}/claims`, {
      method: 'POST',
      headers: { ...bearer('rita'), 'content-type': 'application/json' },
      body: JSON.stringify({ exact: 'L’opposition', start, end: start + 'L’opposition'.length }),
    });
    expect(viaSecond.status).toBe(201);
    const marked = (await viaSecond.json()) as { id: string; createdAt: string };
    const crossLatency = (await firstSeen(remi, marked.id)) - Date.parse(marked.createdAt);
    console.log(`stored through instance B → shown on a page of instance A: ${crossLatency} ms`);
    expect(crossLatency).toBeLessThan(1_000);
    expect(baseURL).not.toBe(second.url);
    onSecond.close();
    await remi.context().close();
  } finally {
    await stopInstance(second);
  }
});

test('a server told to stop ends its event streams at once, answers the request in flight, then exits', async () => {
  // Started the way `npm start` starts it (scripts/start.ts passes the signal on to `next start`),
  // on a database of its own: the script migrates before serving, which waits for no other server.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-e2e-shutdown-'));
  const databaseUrl = `file:${path.join(dir, 'crux.db')}`;
  const instance = await startInstance('scripts/start.ts', databaseUrl);
  try {
    const cli = (script: string, args: string[]) =>
      execFileSync('npm', ['run', '--silent', script, '--', ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, CRUX_PASSWORD: PASSWORD }, encoding: 'utf8' });
    cli('user:create', ['--email', people.rita.email, '--role', 'reviewer', '--name', people.rita.name]);
    const auth = { authorization: `Bearer ${cli('token:create', ['--email', people.rita.email]).trim().split('\n').at(-1)}` };
    // The stored article, imported by the script.
    const { articles } = (await (await fetch(`${instance.url}/api/v1/articles`, { headers: auth })).json()) as { articles: { id: string }[] };
    const articleId = articles[0]!.id;
    const stream = await follow(`${instance.url}/api/v1/articles/${articleId}/events`, auth);
    await expect.poll(() => stream.of('presence').length).toBeGreaterThan(0);

    const port = Number(new URL(instance.url).port);
    // An idle keep-alive connection, kept open longer than a proxy's idle timeout (scripts/start.ts):
    // it must not hold up the stop.
    const idle = new http.Agent({ keepAlive: true });
    const keepAlive = await new Promise<string | undefined>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: '/api/health', agent: idle }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers['keep-alive']?.toString()));
      }).on('error', reject);
    });
    expect(keepAlive).toBe('timeout=65');

    // A request in flight: its body is half sent when the signal comes.
    const body = JSON.stringify({ exact: 'Les présidents russes' });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: `/api/v1/articles/${articleId}/claims`, headers: { ...auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 1_500);
    });
    await new Promise((r) => setTimeout(r, 300));
    const signalled = Date.now();
    instance.process.kill('SIGTERM');

    await stream.done;
    const streamEnded = Date.now() - signalled;
    console.log(`SIGTERM → event stream ended: ${streamEnded} ms`);
    expect(streamEnded).toBeLessThan(1_000);
    // No new connections are taken while it finishes.
    await expect(fetch(`${instance.url}/api/health`)).rejects.toThrow();
    const { status, text } = await answer;
    expect(status, text).toBe(201);
    const code = await instance.exited;
    const exited = Date.now() - signalled;
    console.log(`SIGTERM → process exited (${code}): ${exited} ms`);
    expect(code).toBe(143); // 128 + SIGTERM: stopped by the signal, cleanly
    expect(exited).toBeLessThan(15_000); // the idle connection closed at once, not after its 65 s
    idle.destroy();
    // The stream's presence went with it.
    const db = new Database(path.join(dir, 'crux.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM Presence').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM Claim').get()).toEqual({ n: 1 });
    db.close();
  } finally {
    await stopInstance(instance);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
