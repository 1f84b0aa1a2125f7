/**
 * Browser tests of the web dashboard: Chromium (the system's, driven by playwright-core) against the local runtime.
 *
 *   const browserApp = useBrowserApp();                   // per file: local runtime with the demo district + Chromium
 *
 *   it('lists the mines', async () => {
 *     const app = browserApp();
 *     const page = await app.openAs('inspector', '/mines'); // signed in through the sign-in page, at #/mines
 *     await waitReady(page, 'mines');                       // [data-testid="page-mines"][data-ready="true"]
 *     await screenshot(page, 'mines-list');                 // test-output/screenshots/mines-list.png
 *     expect(app.errors(page)).toEqual([]);                 // no script error, no CSP violation, no failed request,
 *   });                                                     // no API answer that differs from /openapi.json
 *
 * Without Chromium the browser tests are not in the run (vitest.config.ts) unless BROWSER_TESTS=required, and then
 * every test fails with the command that installs it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { CHROMIUM_PATH, MISSING_CHROMIUM } from './browser-availability.ts';
import { startTestRuntime } from './local-runtime.ts';
import { publishedReference, responseProblems } from './response-check.ts';

export { CHROMIUM_PATH };

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-output/screenshots');
/** The size of a bureau office's monitor, so screenshots show the layout people see. */
export const VIEWPORT = { width: 1440, height: 900 } as const;

/** Chromium, headless. Root (as in CI) cannot use Chromium's sandbox, hence --no-sandbox. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(MISSING_CHROMIUM);
  try {
    return await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
  } catch (error) {
    throw new Error(`Chromium at ${CHROMIUM_PATH} did not start: ${(error as Error).message}\n${MISSING_CHROMIUM}`);
  }
}

/** A full-page PNG under test-output/screenshots/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Waits for a page of the app to have loaded its data: `[data-testid="page-<name>"][data-ready="true"]`. Up to 30 s:
 * with the whole suite sharing two cores and one DynamoDB Local, a mine's file (eight requests) can take a while.
 */
export async function waitReady(page: Page, name: string, options: { timeout?: number } = {}): Promise<void> {
  try {
    await page
      .locator(`[data-testid="page-${name}"][data-ready="true"]`)
      .waitFor({ state: 'visible', timeout: options.timeout ?? 30_000 });
  } catch (error) {
    // Say what the page showed instead, so a failure on a CI machine can be read without a rerun.
    const shown = await page
      .locator('body')
      .innerText({ timeout: 1_000 })
      .catch(() => '(no body)');
    throw new Error(`${(error as Error).message}\nat ${page.url()}, the page showed:\n${shown.slice(0, 800)}`);
  }
}

/**
 * Follows a link of the navigation (`data-testid="nav-<page>"`) as a person would: at a phone's width the links are
 * behind 菜单, which is opened first; at a desktop's they are in the sidebar.
 */
export async function clickNav(page: Page, name: string): Promise<void> {
  const link = page.locator(`[data-testid="nav-${name}"]`).first();
  await link.waitFor({ state: 'attached' });
  if (!(await link.isVisible())) {
    const menu = page.locator('[data-testid="nav-menu"]');
    if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  }
  await link.click();
}

export interface BrowserApp {
  readonly runtime: LocalRuntime;
  readonly browser: Browser;
  /** The dashboard's URL, `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** A fresh browser session (its own storage) at `#<hashPath>`, signed out. */
  open(hashPath?: string): Promise<Page>;
  /**
   * A fresh browser session signed in as a demo user (a key of `/local/demo-users`: bureau_admin, inspector,
   * legal_reviewer, mine_user, partner_dept, inspector_other_district) through the sign-in page, then at
   * `#<hashPath>`.
   */
  openAs(key: string, hashPath?: string): Promise<Page>;
  /**
   * What went wrong in a page so far: uncaught errors, console errors (CSP violations among them), failed requests,
   * and API answers that do not match their route's response schema in /openapi.json.
   */
  errors(page: Page): string[];
  stop(): Promise<void>;
}

const hash = (hashPath: string) => `#${hashPath.startsWith('/') ? hashPath : `/${hashPath}`}`;

/** The local runtime (its own table, demo district seeded) and Chromium, ready for pages. */
export async function startBrowserApp(options: { runtime?: LocalRuntime } = {}): Promise<BrowserApp> {
  // Before the runtime (tens of seconds with the demo seed): a machine without Chromium fails at once.
  if (!existsSync(CHROMIUM_PATH)) throw new Error(MISSING_CHROMIUM);
  const ownsRuntime = !options.runtime;
  const [launched, started] = await Promise.allSettled([
    launchBrowser(),
    options.runtime ? Promise.resolve(options.runtime) : startTestRuntime(),
  ]);
  if (launched.status === 'rejected' || started.status === 'rejected') {
    if (launched.status === 'fulfilled') await launched.value.close().catch(() => undefined);
    if (started.status === 'fulfilled' && ownsRuntime) await started.value.stop().catch(() => undefined);
    throw launched.status === 'rejected' ? launched.reason : (started as PromiseRejectedResult).reason;
  }
  const browser = launched.value;
  const runtime = started.value;
  const url = `${runtime.url}/`;
  const contexts: BrowserContext[] = [];
  const problems = new WeakMap<Page, string[]>();

  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({
      viewport: VIEWPORT,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      baseURL: url,
    });
    contexts.push(context);
    const list: string[] = [];
    // Each API answer is held against the published reference before the page gets it, so a mismatch is on the
    // list by the time the page shows what it read.
    await context.route(
      (u) => u.pathname.startsWith('/v1/') || u.pathname === '/openapi.json',
      async (route) => {
        const response = await route.fetch().catch(() => undefined);
        // The runtime gone (the file's tests over): the request fails as it would have without the check.
        if (!response) return route.abort().catch(() => undefined);
        // The page closed meanwhile (the test done with it): nothing is waiting for the answer.
        const text = await response.text().catch(() => undefined);
        if (text === undefined) return route.abort().catch(() => undefined);
        const contentType = response.headers()['content-type'] ?? null;
        const request = new URL(route.request().url());
        let body: unknown = text;
        try {
          if (/json/.test(contentType ?? '') && text) body = JSON.parse(text);
          const mismatches = responseProblems(publishedReference(), {
            method: route.request().method(),
            path: `${request.pathname}${request.search}`,
            status: response.status(),
            contentType,
            body,
          });
          list.push(...mismatches.map((m) => `response: ${m}`));
        } catch (error) {
          list.push(`response: ${route.request().method()} ${request.pathname}: ${(error as Error).message}`);
        }
        await route.fulfill({ response }).catch(() => undefined);
      },
    );
    const page = await context.newPage();
    problems.set(page, list);
    page.on('pageerror', (error) => list.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location().url;
      // Browsers ask for /favicon.ico on their own; the app does not name one.
      if (where.endsWith('/favicon.ico')) return;
      list.push(`console: ${message.text()}${where ? ` (${where})` : ''}`);
    });
    page.on('requestfailed', (request) =>
      list.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`),
    );
    return page;
  };

  const open = async (hashPath = '/'): Promise<Page> => {
    const page = await newPage();
    const response = await page.goto(`${url}${hash(hashPath)}`);
    // A dashboard that did not build is a 503 naming the build errors: say so rather than time out on a selector.
    if (response && !response.ok())
      throw new Error(`GET ${url} answered ${response.status()}: ${await response.text()}`);
    return page;
  };

  const openAs = async (key: string, hashPath = '/'): Promise<Page> => {
    const page = await open('/sign-in');
    await page.locator(`[data-testid="sign-in-${key}"]`).click();
    // Signed in once the sign-in page gives way to the app.
    await page.locator('[data-testid="page-sign-in"]').waitFor({ state: 'detached' });
    // And the redirects after it done (to `next`, then the role's landing page): a page of the app is shown. Moving
    // on earlier, a redirect still pending would overwrite the address set below.
    await page.waitForFunction(
      () =>
        !(globalThis as unknown as { location: { hash: string } }).location.hash.startsWith('#/sign-in') &&
        (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector(
          '[data-testid^="page-"]:not([data-testid="page-sign-in"])',
        ),
    );
    await page.evaluate((target) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = target;
    }, hash(hashPath));
    return page;
  };

  return {
    runtime,
    browser,
    url,
    open,
    openAs,
    errors: (page) => [...(problems.get(page) ?? [])],
    stop: async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      if (ownsRuntime) await runtime.stop();
    },
  };
}

/**
 * One browser app for the test file: started before its tests, stopped after them. Call the returned function in
 * each test; if the start failed (no Chromium, say), it throws that error, so every test fails with it.
 */
export function useBrowserApp(): () => BrowserApp {
  let app: BrowserApp | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      app = await startBrowserApp();
    } catch (error) {
      failure = error;
    }
  });
  afterAll(async () => app?.stop());
  return () => {
    if (!app)
      throw failure ?? new Error('The browser app is not started: call useBrowserApp() at the top of the test file');
    return app;
  };
}
