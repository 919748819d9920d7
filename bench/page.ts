// One page load in headless Chromium, timed from navigation start (the
// page's performance.now() origin) until everything we wait for is on screen.
import type { BrowserContext } from '@playwright/test';
import { round } from './stats';

export type PageTarget =
  /** A static HTML page of the same text: what the browser alone costs. */
  | { kind: 'static'; url: string; paragraphs: number }
  /** Crux's article page: done when every claim is painted. */
  | { kind: 'crux'; url: string; claims: number };

export interface PageSample {
  /** Navigation start → the frame after the last highlight (or paragraph) reached the DOM. */
  paintedMs: number;
  /** Navigation start → first byte of the HTML: the server's share. */
  responseStartMs: number;
  domContentLoadedMs: number;
  /** Longest main-thread task before `paintedMs` (Long Tasks API): how long the page could not answer input. */
  longestTaskMs: number;
  /** Sum of the parts of tasks beyond 50 ms before `paintedMs` (Total Blocking Time). */
  blockingMs: number;
  /** HTML document as transferred and as decoded. */
  htmlTransferBytes: number;
  htmlBytes: number;
  /** How completion was detected: the viewer's data-painted-claims signal, or counting highlight elements. */
  signal: 'static' | 'data-painted-claims' | 'count';
}

export class PageError extends Error {}

interface LongTaskWindow {
  __benchLongTasks?: { start: number; duration: number }[];
}

/** Records long tasks from the first script onwards; install once per browser context. */
export async function observeLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as LongTaskWindow;
    w.__benchLongTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__benchLongTasks!.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // No Long Tasks API: the figures stay at 0.
    }
  });
}

export async function loadPage(context: BrowserContext, target: PageTarget, timeoutMs: number): Promise<PageSample> {
  const page = await context.newPage();
  try {
    const response = await page.goto(target.url, { waitUntil: 'commit', timeout: timeoutMs });
    if (!response) throw new PageError('no response');
    if (response.status() >= 400) throw new PageError(`HTTP ${response.status()}`);
    if (new URL(page.url()).pathname !== new URL(target.url).pathname) throw new PageError(`redirected to ${page.url()}`);

    // Checked once per animation frame: the time returned is that of the first
    // frame in which everything is there.
    const done = await page
      .waitForFunction(
        (t) => {
          if (t.kind === 'static') {
            return document.readyState !== 'loading' && document.querySelectorAll('p').length === t.paragraphs
              ? { at: performance.now(), signal: 'static' as const }
              : false;
          }
          const root = document.querySelector('[data-testid="article-text"]');
          if (!root) return false;
          const painted = root.getAttribute('data-painted-claims');
          if (painted !== null) return Number(painted) === t.claims ? { at: performance.now(), signal: 'data-painted-claims' as const } : false;
          // Before the viewer sets the signal: distinct highlighted claims in the text.
          if (t.claims === 0) return (root.textContent ?? '').length > 0 ? { at: performance.now(), signal: 'count' as const } : false;
          const ids = new Set<string>();
          for (const el of root.querySelectorAll('[data-claim-id]')) ids.add(el.getAttribute('data-claim-id')!);
          return ids.size >= t.claims ? { at: performance.now(), signal: 'count' as const } : false;
        },
        target,
        { polling: 'raf', timeout: timeoutMs },
      )
      .catch((error: unknown) => {
        throw new PageError(error instanceof Error && error.name === 'TimeoutError' ? `not painted within ${timeoutMs / 1000} s` : String(error));
      });
    const value = await done.jsonValue();
    if (!value) throw new PageError('painted signal lost');
    const { at, signal } = value;

    const timing = await page.evaluate((until) => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const tasks = ((window as unknown as LongTaskWindow).__benchLongTasks ?? []).filter((task) => task.start < until);
      return {
        responseStart: nav?.responseStart ?? 0,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? 0,
        transferBytes: nav?.transferSize ?? 0,
        decodedBytes: nav?.decodedBodySize ?? 0,
        longest: tasks.reduce((max, task) => Math.max(max, task.duration), 0),
        blocking: tasks.reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0),
      };
    }, at);
    return {
      paintedMs: round(at, 1),
      responseStartMs: round(timing.responseStart, 1),
      domContentLoadedMs: round(timing.domContentLoaded, 1),
      longestTaskMs: round(timing.longest, 1),
      blockingMs: round(timing.blocking, 1),
      htmlTransferBytes: timing.transferBytes,
      htmlBytes: timing.decodedBytes,
      signal,
    };
  } finally {
    await page.close();
  }
}
