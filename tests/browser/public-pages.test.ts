import { describe, expect, it } from 'vitest';
import { clickNav, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';

/** 公开信息: the public pages, open to a visitor without an account, from the sign-in page's link. */
const browserApp = useBrowserApp();
const PHONE = { width: 390, height: 844 } as const;

describe('the public pages', () => {
  it('a visitor opens them from the sign-in page and finds the published blacklist entry by name', async () => {
    const app = browserApp();
    const page = await app.open('/');
    await waitReady(page, 'sign-in');
    await page.locator('[data-testid="public-link"]').click();
    // The public home is 执法公示; the blacklist is one click on.
    await waitReady(page, 'public-disclosures');
    expect(new URL(page.url()).hash).toBe('#/public/disclosures');
    await clickNav(page, 'public-blacklist');
    await waitReady(page, 'public-blacklist');
    expect(new URL(page.url()).hash).toBe('#/public/blacklist');
    expect(await page.title()).toContain('严重失信主体名单公示');
    // The visitor is not signed in: the way in, not the way back.
    expect(await page.locator('[data-testid="public-way-in"]').innerText()).toBe('工作人员登录');

    const rows = page.locator('[data-testid="public-blacklist-table"] [data-testid^="public-entry-"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const first = (await rows.first().locator('td').first().innerText()).trim();
    await screenshot(page, 'public-blacklist');
    // On a phone: one card per entry, the page no wider than the screen.
    await page.setViewportSize(PHONE);
    expect(await page.locator('[data-testid="public-blacklist-table-cards"] li.card').count()).toBe(await rows.count());
    const width = () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
        .scrollWidth;
    expect(await page.evaluate(width)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'public-blacklist-phone');
    await page.setViewportSize(VIEWPORT);

    await page.locator('[data-testid="public-search"]').fill(first.slice(0, 2));
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    await page.locator('[data-testid="public-search"]').fill('不存在的名称');
    await expect.poll(() => rows.count()).toBe(0);
    expect(await page.locator('[data-testid="public-blacklist-table"]').innerText()).toContain(
      '没有符合条件的公示记录',
    );
    expect(app.errors(page)).toEqual([]);
  });

  it('a signed-in officer reads the same page and goes back to the work pages', async () => {
    const app = browserApp();
    const page = await app.openAs('inspector', '/public');
    await waitReady(page, 'public-disclosures');
    const back = page.locator('[data-testid="public-way-in"]');
    expect(await back.innerText()).toBe('返回工作台');
    await back.click();
    await expect.poll(() => new URL(page.url()).hash).not.toContain('/public');
    expect(app.errors(page)).toEqual([]);
  });
});
