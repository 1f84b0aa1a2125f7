import { describe, expect, it } from 'vitest';
import { screenshot, useBrowserApp, waitReady } from '../support/browser.ts';

/** The dashboard opens in a real browser: the sign-in page in Chinese, with a button per demo user. */
const browserApp = useBrowserApp();

describe('the dashboard in Chromium', () => {
  it('opens on the sign-in page, in Chinese, without a script error or a blocked request', async () => {
    const app = browserApp();
    const page = await app.open('/');
    await waitReady(page, 'sign-in');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const text = await page.locator('[data-testid="page-sign-in"]').innerText();
    expect(text).toMatch(/[\u4e00-\u9fff]{2,}/);
    expect(text).toContain('登录');
    await expect(page.locator('[data-testid="sign-in-inspector"]').isVisible()).resolves.toBe(true);
    const path = await screenshot(page, 'smoke-sign-in');
    expect(path).toMatch(/test-output\/screenshots\/smoke-sign-in\.png$/);
    expect(app.errors(page)).toEqual([]);
  });

  it('signs in as a demo user through the sign-in page and lands on a page of the app', async () => {
    const app = browserApp();
    const page = await app.openAs('inspector');
    const landed = page.locator('[data-testid^="page-"][data-ready="true"]').first();
    await landed.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await landed.getAttribute('data-testid')).not.toBe('page-sign-in');
    await screenshot(page, 'smoke-signed-in-inspector');
    expect(app.errors(page).filter((e) => e.startsWith('uncaught'))).toEqual([]);
  });
});
