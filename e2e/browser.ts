/**
 * Browser helpers for the e2e tests: Debian's Chromium driven by playwright-core (never a downloaded
 * browser), one fresh profile per launch, the base URL from `E2E_BASE_URL` (set by e2e/run.mjs),
 * screenshots of failed tests, and TOTP codes for MFA enrolment.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { stepAt, totpAt } from '../apps/server/src/platform/auth/totp';

export const CHROMIUM_PATH = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Flags this machine needs; `--user-data-dir` comes from launchPersistentContext (a fresh temp dir). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // A runaway render loop then crashes the tab in seconds, not after minutes of GC at ~4 GB.
  '--js-flags=--max-old-space-size=1024',
];

/** Where failure screenshots go (`test-results/` is gitignored). e2e/run.mjs sets it too. */
export const RESULTS_DIR = resolve(process.env.E2E_RESULTS_DIR ?? join(dirname(fileURLToPath(import.meta.url)), 'test-results'));

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run the e2e tests with `npm run test:e2e` (e2e/run.mjs starts the server)');
  return url.replace(/\/$/, '');
}

export interface E2EBrowser {
  context: BrowserContext;
  /** A new tab; relative URLs in page.goto resolve against the base URL. */
  newPage(path?: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** UI language of the browser (Accept-Language, navigator.language). Default en-US. */
  locale?: string;
}

/**
 * Launches Chromium with a fresh `--user-data-dir` (launchPersistentContext's directory), so no
 * cookies, storage or first-run state leak between launches; close() removes the directory.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<E2EBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'mamori-e2e-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      baseURL: baseUrl(),
      locale: options.locale ?? 'en-US',
      viewport: { width: 1280, height: 900 },
      timeout: 30_000,
    });
  } catch (err) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  let closed = false;
  return {
    context,
    async newPage(path) {
      // A persistent context opens with one blank tab: use it first.
      const blank = context.pages().find((p) => p.url() === 'about:blank');
      const page = blank ?? (await context.newPage());
      if (path !== undefined) await page.goto(path);
      return page;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Saves a full-page screenshot to RESULTS_DIR and returns its path (never throws). */
export async function saveScreenshot(page: Page, name: string): Promise<string | undefined> {
  try {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '_').slice(0, 120)}-${Date.now()}.png`);
    await page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
    return file;
  } catch {
    return undefined;
  }
}

/**
 * Vitest fixture for one test file: a browser for the whole file (beforeAll/afterAll), a screenshot of
 * the current page when a test fails, and — for scenario files whose tests build on each other — once
 * a test has failed, the following tests are skipped instead of failing with confusing errors.
 */
export function useBrowser(options: LaunchOptions & { sequentialScenario?: boolean } = {}) {
  const state: { browser?: E2EBrowser; page?: Page; failed: boolean; log: string[] } = { failed: false, log: [] };
  beforeAll(async () => {
    state.browser = await launchBrowser(options);
    state.page = await state.browser.newPage();
    // What the page said while a test ran; printed when the test fails.
    const note = (line: string) => state.log.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    state.page.on('crash', () => note('TAB CRASHED (usually a JavaScript out-of-memory: a render or request loop in the app)'));
    state.page.on('pageerror', (err) => note(`uncaught error: ${err.message}`));
    state.page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') note(`console.${msg.type()}: ${msg.text()}`);
    });
    state.page.on('framenavigated', (frame) => {
      if (frame === state.page?.mainFrame()) note(`navigated to ${frame.url()}`);
    });
  });
  afterAll(async () => {
    await state.browser?.close();
  });
  beforeEach((ctx) => {
    if (options.sequentialScenario && state.failed) {
      ctx.skip('an earlier step of this scenario failed');
      return;
    }
    state.log = [];
    ctx.onTestFailed(async ({ task }) => {
      state.failed = true;
      if (!state.page) return;
      if (state.log.length) console.error(`[e2e] the page during "${task.name}":\n  ${state.log.slice(-30).join('\n  ')}`);
      const file = await saveScreenshot(state.page, task.name);
      if (file) console.error(`[e2e] screenshot of the failed test "${task.name}" (at ${state.page.url()}): ${file}`);
    });
  });
  return {
    get browser(): E2EBrowser {
      if (!state.browser) throw new Error('browser not launched (useBrowser must be called at the top of the file)');
      return state.browser;
    },
    get page(): Page {
      if (!state.page) throw new Error('page not open (useBrowser must be called at the top of the file)');
      return state.page;
    },
  };
}

/** The current TOTP code (RFC 6238, SHA-1, 30 s, 6 digits) for a base32 secret. */
export function totp(secret: string, atMs = Date.now()): string {
  return totpAt(secret, stepAt(atMs));
}

/**
 * A TOTP code from a time step later than `afterStep`, waiting for the next 30 s step if needed.
 * The server refuses a code of an already used step (replay), so a second code within one step —
 * enrol, then sign in — must wait. Returns the code and its step.
 */
export async function nextTotp(secret: string, afterStep: number | null = null): Promise<{ code: string; step: number }> {
  let step = stepAt(Date.now());
  if (afterStep !== null && step <= afterStep) {
    const waitMs = (afterStep + 1) * 30_000 - Date.now() + 250;
    await new Promise((r) => setTimeout(r, Math.max(0, waitMs)));
    step = stepAt(Date.now());
  }
  return { code: totpAt(secret, step), step };
}

/** fetch() from inside the page (same origin, the page's cookies), returning status and parsed body. */
export async function pageFetch<T = unknown>(
  page: Page,
  path: string,
  init: { method?: string; body?: unknown; csrfToken?: string } = {},
): Promise<{ status: number; contentType: string; body: T }> {
  return page.evaluate(
    async ({ path, init }) => {
      const headers: Record<string, string> = {};
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      if (init.csrfToken) headers['x-csrf-token'] = init.csrfToken;
      const res = await fetch(path, {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        credentials: 'same-origin',
      });
      const contentType = res.headers.get('content-type') ?? '';
      const text = await res.text();
      let body: unknown = text;
      if (/json/.test(contentType) && text) body = JSON.parse(text);
      return { status: res.status, contentType, body: body as T };
    },
    { path, init },
  );
}
