import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '#lib/disclosure/working-days.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { clickNav, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';
import { client, ok } from '../support/local-runtime.ts';

/** 执法公示 and 执法统计 for a visitor without an account: the demo district's published penalty, found by search. */
const browserApp = useBrowserApp();
const PHONE = { width: 390, height: 844 } as const;
const width = () =>
  (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
    .scrollWidth;

describe('the public disclosure pages', () => {
  it('list the demo penalty, find it by name and decision number, and open it with the person masked', async () => {
    const app = browserApp();
    const page = await app.open('/public');
    await waitReady(page, 'public-disclosures');
    expect(await page.title()).toContain('行政执法公示');
    const rows = page.locator('[data-testid="public-disclosures-table"] [data-testid^="public-disclosure-"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const demo = rows.filter({ hasText: '东山演示十矿' });
    await expect.poll(() => demo.count()).toBe(1);
    const text = await demo.innerText();
    expect(text).toContain('警告');
    expect(text).toContain('矿长赵某');
    expect(text).not.toMatch(/赵大勇|13900001111/);
    await screenshot(page, 'public-disclosures');

    await page.setViewportSize(PHONE);
    expect(await page.locator('[data-testid="public-disclosures-table-cards"] li.card').count()).toBe(
      await rows.count(),
    );
    expect(await page.evaluate(width)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'public-disclosures-phone');
    await page.setViewportSize(VIEWPORT);

    // Search by the enterprise's name, then by a name that has no decision.
    const search = async (q: string) => {
      await page.locator('[data-testid="public-search"]').fill(q);
      await page.locator('[data-testid="public-search-submit"]').click();
    };
    await search('东山演示十矿');
    await expect.poll(() => rows.count()).toBe(1);
    await search('不存在的企业');
    await expect.poll(() => rows.count()).toBe(0);
    expect(await page.locator('[data-testid="public-disclosures-table"]').innerText()).toContain(
      '没有符合条件的公示记录',
    );
    await search('');
    await expect.poll(() => demo.count()).toBe(1);

    await demo.locator('a[data-testid^="disclosure-link-"]').click();
    await waitReady(page, 'public-disclosure');
    const facts = await page.locator('[data-testid="disclosure-facts"]').innerText();
    expect(facts).toContain('矿长赵某');
    expect(facts).not.toContain('13900001111');
    await screenshot(page, 'public-disclosure-detail');
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(width)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'public-disclosure-detail-phone');
    expect(app.errors(page)).toEqual([]);
  });

  it('the statistics show the demo district’s year', async () => {
    const app = browserApp();
    const page = await app.open('/public/statistics');
    await waitReady(page, 'public-statistics');
    const row = page.locator('[data-testid="public-statistics-hlj-hegang-dongshan"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('东山区');
    await screenshot(page, 'public-statistics');
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(width)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'public-statistics-phone');
    expect(app.errors(page)).toEqual([]);
  });

  it('the bureau’s 执法公示 page shows each decision’s state; only the admin may withdraw', async () => {
    const app = browserApp();
    const page = await app.openAs('bureau_admin', '/');
    await waitReady(page, 'overview');
    await clickNav(page, 'disclosures');
    await waitReady(page, 'disclosures');
    const demo = page.locator('[data-testid="disclosures-table"] tr', { hasText: '东山演示十矿' });
    await expect.poll(() => demo.count()).toBe(1);
    expect(await demo.innerText()).toContain('已公示');
    await expect.poll(() => demo.locator('[data-testid^="disclosure-withdraw-"]').count()).toBe(1);
    await screenshot(page, 'disclosures-admin');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'disclosures-admin-phone');
    expect(app.errors(page)).toEqual([]);

    const inspector = await browserApp().openAs('inspector', '/disclosures');
    await waitReady(inspector, 'disclosures');
    const row = inspector.locator('[data-testid="disclosures-table"] tr', { hasText: '东山演示十矿' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('[data-testid^="disclosure-withdraw-"]').count()).toBe(0);
  });

  it('the bureau’s page shows a decision awaiting publication with its last working day and the days left', async () => {
    const app = browserApp();
    const http = client(app.runtime.url);
    const decided = ok(
      await http('POST', '/v1/mines/m-taiyuan/penalties', {
        token: app.runtime.tokens.inspector!,
        body: { kind: 'warning', description: '井下作业人员未按规定佩戴自救器', basis: '《煤矿安全规程》第十三条' },
      }),
      201,
    ) as { penaltyId: string };
    const today = todayInShanghai();
    const dueBy = addWorkingDays(today, 7);
    const page = await app.openAs('bureau_admin', '/disclosures');
    await waitReady(page, 'disclosures');
    const row = page.locator(`[data-testid="disclosure-${decided.penaltyId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator(`[data-testid="disclosure-state-${decided.penaltyId}"]`).innerText()).toContain('待公示');
    const due = await row.locator(`[data-testid="disclosure-due-${decided.penaltyId}"]`).innerText();
    expect(due).toContain(dueBy);
    expect(due).toMatch(/还有 \d+ 天/);
    expect(await page.locator('.page-subtitle').innerText()).toMatch(/\d+ 项待公示/);
    await screenshot(page, 'disclosures-pending');
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(width)).toBeLessThanOrEqual(PHONE.width);
    // On a phone each decision is a card, its deadline and state in view.
    const card = page.locator(`[data-testid="disclosure-${decided.penaltyId}-card"]`);
    expect(await card.isVisible()).toBe(true);
    expect(await card.innerText()).toContain(dueBy);
    expect(await card.innerText()).toContain('待公示');
    await screenshot(page, 'disclosures-pending-phone');
    expect(app.errors(page)).toEqual([]);
  });
});
