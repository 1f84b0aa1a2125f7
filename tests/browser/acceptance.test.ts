import { describe, expect, it } from 'vitest';
import { type BrowserApp, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';

/**
 * 复工验收 in the dashboard: the demo admin opens the bureau's list, finds m-demo10's acceptance checked on site,
 * opens it and approves it (he neither led nor recorded the check); the mine's file shows it; the mine user of a
 * producing mine finds the application form on its own page. Each at desktop size and at 390 px under
 * test-output/screenshots/.
 */
const browserApp = useBrowserApp();
const PHONE = { width: 390, height: 844 } as const;
type Page = Awaited<ReturnType<BrowserApp['openAs']>>;

async function both(page: Page, name: string) {
  await page.setViewportSize(VIEWPORT);
  await screenshot(page, `acceptance-${name}`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `acceptance-${name}-phone`);
  await page.setViewportSize(VIEWPORT);
}

describe('复工验收', () => {
  it('the admin approves the demo acceptance from its page; the mine is producing from today', async () => {
    const app = browserApp();
    const admin = await app.openAs('bureau_admin', '/acceptances');
    await waitReady(admin, 'acceptances');
    const row = admin.locator('[data-testid^="acceptance-row-"]', { hasText: '东山演示十矿' });
    await row.waitFor();
    expect(await row.innerText()).toContain('待审批');
    await both(admin, 'list');
    await row.locator('[data-testid="acceptance-link"]').click();
    await waitReady(admin, 'acceptance');
    await admin.locator('[data-testid="acceptance-action-approve"]').waitFor();
    await both(admin, 'detail');
    await admin.locator('[data-testid="acceptance-action-approve"]').click();
    await admin.locator('[data-testid="acceptance-status"]', { hasText: '验收通过' }).waitFor();
    await admin.locator('[data-testid="acceptance-approved-on"]').waitFor();
    await both(admin, 'approved');
    await admin.goto(`${app.url}#/mines/m-demo10`);
    await waitReady(admin, 'mine');
    await admin.locator('[data-testid="mine-status-badge"]', { hasText: '生产' }).waitFor();
    await admin.locator('[data-testid="mine-acceptance"]').waitFor();
    expect(app.errors(admin)).toEqual([]);
  });

  it('a mine user finds the application form on its own page', async () => {
    const app = browserApp();
    const mine = await app.openAs('mine_user', '/acceptances');
    await waitReady(mine, 'acceptances');
    await mine.locator('[data-testid="acceptance-apply"]').waitFor();
    await both(mine, 'mine-apply');
    expect(app.errors(mine)).toEqual([]);
  });
});
