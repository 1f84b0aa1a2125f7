import { describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';
import { client, ok } from '../support/local-runtime.ts';

/**
 * 督办函件 in Chromium against the local runtime: the inspector issues a 督办函 from the list page, the mine user
 * answers the demo letter's open item on a phone, the inspector accepts both answers and the letter is closed; the
 * letter prints, and shows in the mine's file. Screenshots at desktop width and at 390 px under
 * test-output/screenshots/.
 */
const browserApp = useBrowserApp();
const MINE = 'm-taiyuan';
const PHONE = { width: 390, height: 844 };

describe('督办函件', () => {
  it('issued from the list, answered by the mine on a phone, accepted and closed by the bureau, printed', async () => {
    const app = browserApp();
    const http = client(app.runtime.url);
    const demo = ok(await http('GET', `/v1/mines/${MINE}/directives`, { token: app.runtime.tokens.inspector }))
      .items[0];
    expect(demo.items.map((i: any) => i.state)).toEqual(['replied', 'open']);

    // The bureau's list, with the demo letter; issue a new one from it.
    const list = await app.openAs('inspector', '/directives');
    await waitReady(list, 'directives');
    expect(await list.locator(`[data-testid="directive-row-${demo.directiveId}"]`).innerText()).toContain('泰源煤矿');
    await list.locator('[data-testid="directive-new"]').click();
    await list.locator(`[data-testid="directive-mine"] option[value="${MINE}"]`).waitFor({ state: 'attached' });
    await list.locator('[data-testid="directive-mine"]').selectOption(MINE);
    await list.locator('[data-testid="directive-kind"]').selectOption('supervision_opinion');
    await list.locator('[data-testid="directive-subject"]').fill('雨季“三防”工作监管监察意见');
    await list
      .locator('[data-testid="directive-items"]')
      .fill('报送雨季“三防”应急预案修订情况\n报送中央水仓清挖完成情况');
    await list.locator('[data-testid="directive-deadline"]').fill(addDays(todayInShanghai(), 10));
    await screenshot(list, 'directives-list-desktop');
    await list.locator('[data-testid="directive-issue"]').click();
    await waitReady(list, 'directive');
    expect(await list.locator('h1').innerText()).toMatch(/监管监察意见书 东山煤安意〔\d{4}〕\d+号/);
    expect(await list.locator('[data-testid="item-state-2"]').innerText()).toBe('待答复');
    expect(app.errors(list)).toEqual([]);

    // The mine answers the demo letter's open item on its phone.
    const mine = await app.openAs('mine_user', `/directives/${MINE}/${demo.directiveId}`);
    await mine.setViewportSize(PHONE);
    await waitReady(mine, 'directive');
    expect(await mine.locator('[data-testid="review-form-1"]').count()).toBe(0);
    await mine
      .locator('[data-testid="reply-text-2"]')
      .fill('通风系统调整已完成，抽采钻孔 12 个已施工，附瓦斯监测记录。');
    await mine.locator('[data-testid="reply-submit-2"]').click();
    await mine.locator('[data-testid="item-state-2"]', { hasText: '待审核' }).waitFor();
    const overflow = await mine.evaluate(() => {
      const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
      return g.document.documentElement.scrollWidth - g.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(mine, 'directive-mine-answered-phone');
    expect(app.errors(mine)).toEqual([]);

    // The bureau returns nothing here: it accepts both, and the letter is closed.
    const bureau = await app.openAs('inspector', `/directives/${MINE}/${demo.directiveId}`);
    await waitReady(bureau, 'directive');
    await screenshot(bureau, 'directive-review-desktop');
    await bureau.locator('[data-testid="review-accept-1"]').click();
    await bureau.locator('[data-testid="item-state-1"]', { hasText: '已采纳' }).waitFor();
    await bureau.locator('[data-testid="review-accept-2"]').click();
    await bureau.locator('[data-testid="directive-status"]', { hasText: '已办结' }).waitFor();
    await screenshot(bureau, 'directive-closed-desktop');
    await bureau.setViewportSize(PHONE);
    await screenshot(bureau, 'directive-closed-phone');
    await bureau.setViewportSize(VIEWPORT);
    expect(app.errors(bureau)).toEqual([]);

    // Printed as issued; and in the mine's file.
    const print = await app.openAs('inspector', `/print/directive/${MINE}/${demo.directiveId}`);
    await waitReady(print, 'print-directive');
    const text = await print.locator('[data-testid="document"]').innerText();
    expect(text).toContain(demo.documentNo);
    expect(text).toContain('泰源煤矿');
    expect(await print.locator('[data-testid="document-items"] li').count()).toBe(2);
    await screenshot(print, 'print-directive-desktop');
    await print.setViewportSize(PHONE);
    await screenshot(print, 'print-directive-phone');
    expect(app.errors(print)).toEqual([]);

    const file = await app.openAs('mine_user', `/mines/${MINE}`);
    await waitReady(file, 'mine');
    expect(await file.locator('[data-testid="records-directives"]').innerText()).toContain(demo.documentNo);
  }, 240_000);
});
