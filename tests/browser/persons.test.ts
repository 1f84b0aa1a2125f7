import { describe, expect, it } from 'vitest';
import { type BrowserApp, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';

/**
 * People are accountable, in Chromium against the local runtime on the demo district: 泰源煤矿's file lists its
 * certificates (valid, expiring within the reminder window, expired) and links each key person to their file; the
 * demo penalty of m-demo11 names its mine manager, whose file lists the penalty and the blacklist listing. Desktop
 * and 390 px screenshots under test-output/screenshots/.
 */
const browserApp = useBrowserApp();
const PHONE = { width: 390, height: 844 } as const;

type Page = Awaited<ReturnType<BrowserApp['openAs']>>;
async function both(page: Page, name: string) {
  await screenshot(page, `persons-${name}`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `persons-${name}-phone`);
  await page.setViewportSize(VIEWPORT);
}

describe('accountable people on the dashboard', () => {
  it("the mine's file shows certificates by standing, and a key person's name opens their file", async () => {
    const app = browserApp();
    const page = await app.openAs('inspector', '/mines/m-taiyuan');
    await waitReady(page, 'mine');
    const rows = page.locator('[data-testid="certificate"]');
    await rows.first().waitFor();
    const states = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect([...states].sort()).toEqual(['expired', 'expiring', 'valid', 'valid', 'valid']);
    await expect
      .poll(() => page.locator('[data-testid="certificate"][data-state="expiring"]').innerText())
      .toMatch(/即将到期，剩 20 天/);
    await page.locator('[data-testid="section-certificates"]').scrollIntoViewIfNeeded();
    await both(page, 'mine-certificates');

    await page.locator('[data-testid="person-file-link"]').first().click();
    await waitReady(page, 'person-file');
    await expect.poll(() => page.locator('h1').innerText()).toMatch(/^个人档案：/);
    expect(await page.locator('body').innerText()).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
    expect(app.errors(page)).toEqual([]);
  });

  it("a penalty's responsible person links to a file with the penalty and the listing", async () => {
    const app = browserApp();
    const page = await app.openAs('inspector', '/mines/m-demo11');
    await waitReady(page, 'mine');
    const responsible = page.locator('[data-testid="records-penalties"] [data-testid="responsible"] a').first();
    await expect.poll(() => responsible.innerText()).toMatch(/^矿长/);
    await responsible.click();
    await waitReady(page, 'person-file');
    await page.locator('[data-testid="named-penalty"]').first().waitFor();
    expect(await page.locator('[data-testid="person-blacklist"]').innerText()).toContain('已列入');
    await both(page, 'person-file');
    expect(app.errors(page)).toEqual([]);
  });

  it("a mine user opens the file of their own mine's person", async () => {
    const app = browserApp();
    const page = await app.openAs('mine_user', '/mines/m-taiyuan');
    await waitReady(page, 'mine');
    await page.locator('[data-testid="person-file-link"]').first().click();
    await waitReady(page, 'person-file');
    const mines = await page.locator('[data-testid="person-posts"] a').allInnerTexts();
    expect(mines.every((m) => m === '泰源煤矿')).toBe(true);
    expect(app.errors(page)).toEqual([]);
  });
});
