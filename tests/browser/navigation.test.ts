import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickNav, SCREENSHOT_DIR, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';

/**
 * The navigation at a desktop's width and at a phone's (390 px): on a desktop the grouped links are in the sidebar;
 * on a phone the page's title and 菜单 take one bar, the button opens the grouped links (saying so with
 * aria-expanded), a chosen link closes them, and Esc closes them with the focus back on the button. Screenshots of
 * each shell, closed and open, under test-output/screenshots/nav-*.png.
 */
const browserApp = useBrowserApp();
const PHONE = { width: 390, height: 844 } as const;

const scrollWidth = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
        .scrollWidth,
  );
const focusedTestId = (page: Page) =>
  page.evaluate(
    () =>
      (
        globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }
      ).document.activeElement?.getAttribute('data-testid') ?? null,
  );
/** What the phone's screen shows (the open menu lies over the page's top, so the whole page would hide it). */
const phoneShot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
const groupLabels = (page: Page) => page.locator('[data-testid^="nav-group-"] .nav-heading').allInnerTexts();

const CASES = [
  {
    role: 'bureau_admin',
    landing: 'overview',
    title: '总览',
    groups: ['日常', '执法', '企业', '管理'],
    go: { link: 'plan', page: 'plan', title: '执法计划' },
  },
  {
    role: 'inspector',
    landing: 'overview',
    title: '总览',
    groups: ['日常', '执法', '企业'],
    go: { link: 'inspect', page: 'inspect', title: '现场检查' },
  },
  {
    role: 'mine_user',
    landing: 'mine',
    title: '一矿一档',
    groups: ['本矿', '监管事项'],
    go: { link: 'work', page: 'mine-work', title: '本矿填报' },
  },
] as const;

describe('the navigation', () => {
  it.each(CASES)('for the $role: a grouped sidebar on a desktop, 菜单 on a phone', async (c) => {
    const app = browserApp();
    const page = await app.openAs(c.role, '/');
    await waitReady(page, c.landing);
    const menu = page.locator('[data-testid="nav-menu"]');
    const link = page.locator(`[data-testid="nav-${c.go.link}"]`);

    // Desktop: every link in sight under its group's heading; no menu button.
    expect(await groupLabels(page)).toEqual(c.groups);
    expect(await link.isVisible()).toBe(true);
    expect(await menu.isVisible()).toBe(false);
    await screenshot(page, `nav-${c.role}-desktop`);

    // Phone: one bar with the page's title and 菜单; the links are out of sight until it is pressed.
    await page.setViewportSize(PHONE);
    expect(await menu.isVisible()).toBe(true);
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('[data-testid="nav-title"]').innerText()).toBe(c.title);
    expect(await link.isVisible()).toBe(false);
    const bar = (await page.locator('nav.sidebar').boundingBox())!;
    expect(bar.height).toBeLessThan(60);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await phoneShot(page, `nav-${c.role}-phone-closed`);

    await menu.click();
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true');
    expect(await link.isVisible()).toBe(true);
    expect(await groupLabels(page)).toEqual(c.groups);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await phoneShot(page, `nav-${c.role}-phone-open`);

    // A link chosen: its page, and the menu closed.
    await link.click();
    await waitReady(page, c.go.page);
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    expect(await link.isVisible()).toBe(false);
    expect(await link.getAttribute('aria-current')).toBe('page');
    expect(await page.locator('[data-testid="nav-title"]').innerText()).toBe(c.go.title);

    // From the keyboard: Enter opens, Tab reaches the first link, Esc closes and gives the focus back to 菜单.
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedTestId(page)).toMatch(/^nav-/);
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => focusedTestId(page)).toBe('nav-menu');

    // A tap outside the menu (here on the top bar's role) closes it too.
    await menu.click();
    await page.locator('[data-testid="user-role"]').click();
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    await page.setViewportSize(VIEWPORT);
    expect(app.errors(page)).toEqual([]);
  });

  it('gives the public pages the same 菜单 on a phone, one click away for the shared helper', async () => {
    const app = browserApp();
    const page = await app.open('/public/disclosures');
    await waitReady(page, 'public-disclosures');
    await screenshot(page, 'nav-public-desktop');
    await page.setViewportSize(PHONE);
    const menu = page.locator('[data-testid="nav-menu"]');
    expect(await menu.isVisible()).toBe(true);
    expect(await page.locator('[data-testid="nav-public-tipoff"]').isVisible()).toBe(false);
    await phoneShot(page, 'nav-public-phone-closed');
    await menu.click();
    await phoneShot(page, 'nav-public-phone-open');
    await page.locator('[data-testid="nav-public-tipoff"]').click();
    await waitReady(page, 'public-tipoff');
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    // The helper the other browser tests use opens the menu when the link is behind it.
    await clickNav(page, 'public-statistics');
    await waitReady(page, 'public-statistics');
    await page.setViewportSize(VIEWPORT);
    expect(app.errors(page)).toEqual([]);
  });
});
