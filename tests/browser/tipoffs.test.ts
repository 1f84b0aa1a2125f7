import { describe, expect, it } from 'vitest';
import { screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';

/**
 * 我要举报 and 举报查询: a visitor files a tip-off (the browser solving the proof of work) and checks it with the
 * code; the bureau sees it in 举报处理 without the reporter, and the assigned handler alone gets the contact button.
 */
const browserApp = useBrowserApp();
const PHONE = { width: 390, height: 844 } as const;
const MOBILE = '13700001111';
/** A photo the visitor attaches: a JPEG's first bytes, then a label. */
const PHOTO = (() => {
  const bytes = Buffer.alloc(2048, 0x20);
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  bytes.write('night shift at the main shaft', 8);
  return bytes;
})();

describe('public tip-offs', () => {
  it('a visitor files a tip-off and checks it with the code', async () => {
    const app = browserApp();
    // A lighter proof than the default, so the test does not wait on the machine's speed.
    const admin = app.runtime.tokens.bureau_admin!;
    const put = await fetch(`${app.runtime.url}/v1/policies/tipoffs`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 0, terms: { powDifficulty: 10 }, reason: '测试' }),
    });
    expect(put.status).toBe(200);

    const page = await app.open('/public/tipoff');
    await waitReady(page, 'public-tipoff');
    expect(await page.locator('[data-testid="nav-public-tipoff"]').count()).toBe(1);
    // The district, a level at a time: the link's default is 东山区, its province and city chosen with it. Another
    // district's mines follow its choice, and back.
    const choice = (depth: number) => page.locator(`[data-testid="tipoff-district-${depth}"]`);
    const chosen = async () => Promise.all([0, 1, 2].map((d) => choice(d).locator('option:checked').innerText()));
    await expect.poll(chosen).toEqual(['黑龙江省', '鹤岗市', '东山区']);
    expect(await page.locator('[data-testid="tipoff-district-name"]').innerText()).toBe('受理：黑龙江省鹤岗市东山区');
    const mineNames = () => page.locator('[data-testid="tipoff-mine"] option').allInnerTexts();
    await choice(2).selectOption({ label: '向阳区' });
    await expect.poll(mineNames).toContain('向阳演示一矿');
    expect(await mineNames()).not.toContain('东山演示十一矿');
    // Back to the city's choice: no district, no mines, the report cannot go yet.
    await choice(2).selectOption('');
    await expect.poll(mineNames).toEqual(['请选择', '不在列表中（手动填写）']);
    expect(await page.locator('[data-testid="tipoff-district-name"]').innerText()).toBe('被举报煤矿所在的区县');
    await choice(2).selectOption({ label: '东山区' });
    await expect.poll(mineNames).toContain('东山演示十一矿');
    await page.locator('[data-testid="tipoff-mine"]').selectOption({ label: '东山演示十一矿' });
    await page.locator('[data-testid="tipoff-subject"]').selectOption('illegal_production');
    await page.locator('[data-testid="tipoff-what"]').fill('停产整顿期间夜间组织井下生产，运煤车辆进出频繁。');
    await page.locator('[data-testid="tipoff-when"]').fill('近一周每晚');
    await page.locator('[data-testid="tipoff-where"]').fill('主井工业广场');
    await page.locator('[data-testid="tipoff-mobile"]').fill(MOBILE);
    await page.locator('[data-testid="tipoff-staff"]').selectOption('no');
    await page
      .locator('[data-testid="tipoff-files"]')
      .setInputFiles({ name: '夜间运煤.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await screenshot(page, 'public-tipoff-form');
    await page.setViewportSize(PHONE);
    const width = () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
        .scrollWidth;
    expect(await page.evaluate(width)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'public-tipoff-form-phone');
    await page.setViewportSize(VIEWPORT);

    await page.locator('[data-testid="tipoff-submit"]').click();
    const code = page.locator('[data-testid="tipoff-code"]');
    await code.waitFor({ timeout: 30_000 });
    const text = (await code.innerText()).trim();
    expect(text).toMatch(/^[2-9A-HJKMNP-Z]{24}$/);
    // The photo went to the bucket and was confirmed: it shows as received.
    const arrived = page.locator('[data-testid="tipoff-file"]');
    expect(await arrived.count()).toBe(1);
    expect(await arrived.getAttribute('data-received')).toBe('yes');
    expect(await arrived.innerText()).toContain('夜间运煤.jpg：已收到');
    await screenshot(page, 'public-tipoff-filed');

    await page.locator('[data-testid="tipoff-go-check"]').click();
    await waitReady(page, 'public-tipoff-check');
    await expect.poll(() => page.locator('[data-testid="tipoff-state-label"]').count()).toBe(1);
    expect(await page.locator('[data-testid="tipoff-state-label"]').innerText()).toBe('已收到，待受理');
    expect(await page.locator('[data-testid="tipoff-file"]').getAttribute('data-received')).toBe('yes');
    // Typed by hand on a fresh page, in lower case.
    const again = await app.open('/public/tipoff/check');
    await waitReady(again, 'public-tipoff-check');
    await again.locator('[data-testid="tipoff-check-code"]').fill(text.toLowerCase());
    await again.locator('[data-testid="tipoff-check-submit"]').click();
    await expect.poll(() => again.locator('[data-testid="tipoff-state-label"]').count()).toBe(1);
    expect(await again.locator('[data-testid="tipoff-answer"]').innerText()).toBe('尚未答复');
    await screenshot(again, 'public-tipoff-check');
    await again.setViewportSize(PHONE);
    await screenshot(again, 'public-tipoff-check-phone');
    expect(app.errors(page)).toEqual([]);
    expect(app.errors(again)).toEqual([]);

    // The bureau's list: the report, nothing of the reporter.
    const officer = await app.openAs('bureau_admin', '/tipoffs');
    await waitReady(officer, 'tipoffs');
    const rows = officer.locator('[data-testid="tipoffs-table"] [data-testid^="tipoff-row-"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await officer.locator('[data-testid="tipoffs-table"]').innerText()).not.toContain(MOBILE);
    await screenshot(officer, 'tipoffs-list');
    await rows.first().locator('a').first().click();
    await waitReady(officer, 'tipoff');
    // The admin is not an assigned handler: no contact button.
    expect(await officer.locator('[data-testid="tipoff-reveal-contact"]').count()).toBe(0);
    expect(await officer.locator('body').innerText()).not.toContain(MOBILE);
    // The admin may download the received photo: a link to the very bytes.
    expect(await officer.locator('[data-testid="tipoff-file-0"]').getAttribute('data-received')).toBe('yes');
    await officer.locator('[data-testid="tipoff-file-download-0"]').click();
    const link = officer.locator('[data-testid="tipoff-file-link-0"]');
    await link.waitFor();
    const downloaded = await fetch((await link.getAttribute('href'))!);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(PHOTO)).toBe(true);
    await screenshot(officer, 'tipoff-detail');
    await officer.setViewportSize(PHONE);
    await screenshot(officer, 'tipoff-detail-phone');
    expect(app.errors(officer)).toEqual([]);
  });
});
