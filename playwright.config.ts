import { defineConfig } from '@playwright/test';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Each run gets a fresh temporary database. Workers re-read this file, so the
// directory is chosen once and handed down through the environment.
process.env.CRUX_E2E_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'crux-e2e-'));
process.env.CRUX_E2E_PORT ??= String(3100 + Math.floor(Math.random() * 800));
const port = process.env.CRUX_E2E_PORT;
const databaseUrl = `file:${path.join(process.env.CRUX_E2E_DIR, 'crux.db')}`;
process.env.CRUX_E2E_DATABASE_URL = databaseUrl;
// Shared with tests that start a second instance on the same database (sessions signed alike).
process.env.CRUX_E2E_AUTH_SECRET ??= crypto.randomBytes(32).toString('base64url');

/**
 * Debian's Chromium where Playwright cannot download its own; CHROMIUM_PATH overrides. Its
 * headless shell first, the build Playwright itself runs headless: without the whole browser
 * around each page, the suite's tests took 308 s instead of 381 s here.
 */
function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && fs.existsSync(p));
}

const FIRST = '**/01-journey.spec.ts';
/**
 * Files that run one at a time after the others: those whose assertions are timings,
 * checked with the machine to themselves, and 13-invitations, which closes registration
 * to everyone for a while (05-workspace registers an account).
 */
const ALONE = ['**/08-scale.spec.ts', '**/13-invitations.spec.ts', '**/14-live.spec.ts', '**/17-durability.spec.ts', '**/19-adversarial-input.spec.ts'];

export default defineConfig({
  testDir: 'tests/e2e',
  // A guard against a test that hangs, not a measure of speed: the same test took 72 s in
  // one CI run and 96 s in the next (this machine's speed drifts), and tests of 50-60 s need room.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  // Two at a time: each test runs slower beside another (2 cores), but the suite took
  // 7.8 min instead of 10.4 here. Some files run after the others, one at a time (ALONE).
  workers: 2,
  forbidOnly: true,
  reporter: [['list']],
  globalTeardown: './tests/e2e/global-teardown.ts',
  projects: [
    // The first account registered becomes the admin: the journey registers it, before anyone else.
    { name: 'first', testMatch: FIRST },
    { name: 'app', testIgnore: [FIRST, ...ALONE], dependencies: ['first'] },
    { name: 'alone', testMatch: ALONE, dependencies: ['app'], workers: 1 },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'fr-FR',
    viewport: { width: 1400, height: 1000 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  // The production build, started the way `npm start` does it (migrations and seed included);
  // built without Next's own type check, which `npm test` ran before (tsc: next.config.mjs).
  webServer: {
    command: 'node --import tsx scripts/start.ts',
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: { DATABASE_URL: databaseUrl, PORT: port, AUTH_SECRET: process.env.CRUX_E2E_AUTH_SECRET, NODE_ENV: 'production', CRUX_BUILD_TYPECHECKED: '1' },
  },
});
