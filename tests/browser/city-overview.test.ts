import { describe, expect, it } from 'vitest';
import { screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';

/**
 * The city bureau's overview (鹤岗市): its figures, a ranking table of its three districts with a sparkline each,
 * sortable by a figure; a row opens that district's overview (its mines), whose breadcrumb leads back to the city.
 * Screenshots at a desktop's width and at a phone's (390 px).
 */
const browserApp = useBrowserApp();
const PHONE = { width: 390, height: 844 } as const;
const DISTRICTS = ['hlj/hegang/dongshan', 'hlj/hegang/gongnong', 'hlj/hegang/xiangyang'];

describe('the city bureau’s overview', () => {
  it('shows three district rows, sorts them, opens 东山区 and sees its mines, and goes back up', async () => {
    const app = browserApp();
    const page = await app.openAs('city_admin', '/');
    await waitReady(page, 'overview');
    await expect.poll(() => page.locator('[data-testid^="child-row-"]').count()).toBe(3);
    for (const d of DISTRICTS) await page.locator(`[data-testid="child-row-${d}"]`).waitFor();
    const total = Number((await page.locator('[data-testid="stat-mines-total"]').innerText()).replace(/[^\d]/g, ''));
    const rows = await page.locator('[data-testid="overview-children"] tbody tr').allInnerTexts();
    expect(rows.join('\n')).toContain('东山区');
    expect(total).toBeGreaterThanOrEqual(13);
    await expect(page.locator('[data-testid="spark-hlj/hegang/dongshan"]').count()).resolves.toBe(1);
    expect(await page.locator('[data-testid="overview-asof"]').innerText()).toContain('统计于');

    // Sorted by the number of mines, most first: 东山区 (the demo district, 13 mines) leads.
    await page.locator('[data-testid="col-mines"]').click();
    await page.locator('[data-testid="col-mines"]').click();
    await expect
      .poll(
        async () =>
          (await page.locator('[data-testid="overview-children"] tbody tr').first().innerText()).split('\t')[0],
      )
      .toContain('东山区');
    await screenshot(page, 'city-overview');

    await page.setViewportSize(PHONE);
    await screenshot(page, 'city-overview-phone');
    await page.setViewportSize(VIEWPORT);

    await page.locator('[data-testid="child-link-hlj/hegang/dongshan"]').click();
    await expect.poll(() => page.locator('h1').first().innerText()).toContain('东山区');
    await waitReady(page, 'overview');
    await page.locator('[data-testid="child-row-m-taiyuan"]').waitFor();
    expect(await page.locator('[data-testid="child-row-m-taiyuan"]').innerText()).toContain('泰源煤矿');
    expect(await page.locator('[data-testid="breadcrumb"]').innerText()).toContain('鹤岗市');
    await screenshot(page, 'city-overview-district');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'city-overview-district-phone');
    await page.setViewportSize(VIEWPORT);

    await page.locator('[data-testid="crumb-hlj/hegang"]').click();
    await expect.poll(() => page.locator('[data-testid^="child-row-"]').count()).toBe(3);
    expect(app.errors(page)).toEqual([]);
  });
});
