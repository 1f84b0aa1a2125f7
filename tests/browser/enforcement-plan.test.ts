import { describe, expect, it } from 'vitest';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { clickNav, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';
import { client, ok } from '../support/local-runtime.ts';

/**
 * 执法计划 as the demo district's leader uses it, in Chromium against the local runtime: the inspector has revised the
 * year's plan (one planned inspection moved to December); the leader opens the plan, sees the revision waiting with
 * who drafted it, approves it, and sees the progress per month and per team with the moved inspection in force. The
 * inspector, who drafted the revision, is told a leader approves it and is given no button. Screenshots at desktop
 * width and at 390 px.
 */
const browserApp = useBrowserApp();
const year = Number(todayInShanghai().slice(0, 4));

describe('the year’s enforcement plan', () => {
  it('the leader approves the inspector’s revision and sees the progress', async () => {
    const app = browserApp();
    const http = client(app.runtime.url);
    const inspector = app.runtime.tokens.inspector!;
    const plan = ok(await http('GET', `/v1/enforcement-plans?year=${year}`, { token: inspector })).items[0];
    const moved = plan.items.find((i: any) => i.state !== 'done' && i.month !== 12);
    ok(
      await http('PATCH', `/v1/enforcement-plans/${plan.planId}`, {
        token: inspector,
        body: {
          version: plan.version,
          changes: [{ itemId: moved.itemId, month: 12 }],
          reason: '该矿停产检修，检查顺延至12月',
        },
      }),
    );

    // The drafter of the revision sees it waiting, with no approval of his own.
    const own = await app.openAs('inspector', '/plan');
    await waitReady(own, 'plan');
    await expect.poll(() => own.locator('[data-testid="plan-status"]').innerText()).toContain('修订待审批');
    expect(await own.locator('[data-testid="plan-approve"]').count()).toBe(0);

    const page = await app.openAs('bureau_admin', '/');
    await waitReady(page, 'overview');
    await clickNav(page, 'plan');
    await waitReady(page, 'plan');
    const draft = page.locator('[data-testid="plan-draft"]');
    await expect.poll(() => draft.innerText()).toContain('该矿停产检修');
    expect(await draft.innerText()).toContain(`${moved.mineName}：${moved.month} 月 → 12 月`);
    expect(await draft.innerText()).toContain('监管中队（演示）');
    await screenshot(page, 'plan-revision');
    await page.locator('[data-testid="plan-approve"]').click();
    await expect.poll(() => page.locator('[data-testid="plan-status"]').innerText()).toContain('已审批');
    await waitReady(page, 'plan');
    expect(await page.locator('[data-testid="plan-draft"]').count()).toBe(0);

    const after = ok(await http('GET', `/v1/enforcement-plans/${plan.planId}`, { token: inspector }));
    expect(after).toMatchObject({
      status: 'approved',
      revision: plan.revision + 1,
      approvedBy: { sub: 'dev-bureau_admin' },
    });
    expect(after.items.find((i: any) => i.itemId === moved.itemId).month).toBe(12);
    const p = after.progress;
    expect(await page.locator('[data-testid="plan-done"]').innerText()).toBe(String(p.done));
    expect(await page.locator('[data-testid="plan-due"]').innerText()).toBe(String(p.due));
    expect(await page.locator('[data-testid="plan-overdue"]').innerText()).toBe(String(p.overdue));
    const december = await page.locator('[data-testid="plan-month-12"]').innerText();
    expect(december).toContain(String(p.byMonth[11].total));
    expect(await page.locator('[data-testid="plan-by-team"] tbody tr').count()).toBe(p.byTeam.length);
    expect(await page.locator(`[data-testid="plan-item-${moved.itemId}"]`).innerText()).toContain('12 月');
    await screenshot(page, 'plan-approved');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'plan-approved-phone');
    const box = (await page.locator('[data-testid="plan-progress"]').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.setViewportSize(VIEWPORT);
    expect(app.errors(page)).toEqual([]);
  });
});
