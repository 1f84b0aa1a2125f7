import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { clickNav, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';

/**
 * 统计报表 in the browser: the city's admin opens the table of its three districts with the totals row, downloads it
 * as Excel (the totals row in the file), and accepts the district report the demo submitted; the district's admin
 * sees its own row and submits its month.
 */
const browserApp = useBrowserApp();
const PHONE = { width: 390, height: 844 } as const;
const width = () =>
  (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
    .scrollWidth;

describe('统计报表', () => {
  it('the city admin reads its districts with totals, downloads the Excel file and accepts a submitted report', async () => {
    const app = browserApp();
    const page = await app.openAs('city_admin', '/');
    await clickNav(page, 'reports');
    await waitReady(page, 'reports');
    const table = page.locator('[data-testid="report-table"]');
    for (const d of ['dongshan', 'xiangyang', 'gongnong', 'total'])
      await expect.poll(() => table.locator(`[data-testid="report-row-${d}"]`).count()).toBe(1);
    expect(await table.locator('[data-testid="report-row-total"]').innerText()).toContain('合计');
    expect(await table.innerText()).toContain('挂牌督办重大隐患');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="export-xlsx"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/执法统计.*\.xlsx$/);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const sheet = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']);
    // The header, three districts and the totals row; each category of the plan and each penalty kind a column.
    expect(sheet.match(/<row /g)?.length).toBe(5);
    for (const text of [
      '合计',
      '东山区',
      '向阳区',
      '工农区',
      '执法检查',
      '违法违规：4 超能力超强度超定员',
      '处罚：罚款',
    ])
      expect(sheet, text).toContain(text);

    // The year: the demo district's records of the year are in it.
    await page.locator('[data-testid="report-period"]').fill(todayInShanghai().slice(0, 4));
    await page.locator('[data-testid="report-query"]').click();
    await expect.poll(() => page.locator('.page-subtitle').innerText()).toMatch(/\d{4}年（/);
    await screenshot(page, 'reports-city');

    // 向阳区's report, submitted by the demo: the city accepts it.
    const monthly = page.locator('[data-testid="monthly-table"]');
    const state = monthly.locator('[data-testid="monthly-state-xiangyang"]');
    await expect.poll(() => state.innerText()).toBe('已报送');
    expect(await monthly.locator('[data-testid="monthly-state-gongnong"]').innerText()).toBe('待报送');
    await expect.poll(() => monthly.locator('[data-testid="monthly-return-xiangyang"]').isDisabled()).toBe(true);
    await monthly.locator('[data-testid="monthly-accept-xiangyang"]').click();
    await expect.poll(() => state.innerText()).toBe('已受理');
    await expect.poll(() => monthly.locator('[data-testid="monthly-accept-xiangyang"]').count()).toBe(0);
    expect(await monthly.locator('[data-testid="monthly-xiangyang"]').innerText()).toContain('受理');
    await page.locator('[data-testid="monthly-reports"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-city-monthly');

    await page.setViewportSize(PHONE);
    await page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0));
    expect(await page.evaluate(width)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'reports-city-phone');
    // A card per district on a phone.
    expect(await page.locator('[data-testid="monthly-table-cards"] li.card').count()).toBe(3);
    await page.locator('[data-testid="monthly-xiangyang-card"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-city-monthly-phone');
    await page.setViewportSize(VIEWPORT);
    expect(app.errors(page)).toEqual([]);
  });

  it('the district admin sees its own row and submits its month', async () => {
    const app = browserApp();
    const page = await app.openAs('bureau_admin', '/reports');
    await waitReady(page, 'reports');
    await expect.poll(() => page.locator('[data-testid^="report-row-"]').count()).toBe(2);
    expect(await page.locator('[data-testid="report-row-dongshan"]').count()).toBe(1);
    const monthly = page.locator('[data-testid="monthly-table"]');
    const state = monthly.locator('[data-testid="monthly-state-dongshan"]');
    await expect.poll(() => state.innerText()).toBe('待报送');
    await monthly.locator('[data-testid="monthly-note"]').fill('本月检查按计划完成');
    await monthly.locator('[data-testid="monthly-submit-dongshan"]').click();
    await expect.poll(() => state.innerText()).toBe('已报送');
    expect(await monthly.locator('[data-testid="monthly-dongshan"]').innerText()).toContain('本月检查按计划完成');
    await screenshot(page, 'reports-district');
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(width)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'reports-district-phone');
    expect(app.errors(page)).toEqual([]);
  });
});
