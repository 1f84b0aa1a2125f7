import { describe, expect, it } from 'vitest';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { clickNav, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';
import { client, ok } from '../support/local-runtime.ts';

/**
 * 执法计划 as the demo district's leader uses it, in Chromium against the local runtime: the inspector has revised the
 * year's plan (one planned inspection moved to December); the leader opens the plan, sees the revision waiting with
 * who drafted it, approves it, and sees the progress per month and per team with the moved inspection in force. The
 * inspector, who drafted the revision, is told a leader approves it and is given no button. Then the inspector
 * changes a planned inspection's leader on the page, which makes a revision; the leader adds a member to it, is
 * refused its approval (four-eyes, the API's words on the page), and discards it: the approved plan stays in force.
 * Screenshots at desktop width and at 390 px.
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

  it('the inspector changes a leader on the page, the revision waits; the leader is refused its approval and discards it', async () => {
    const app = browserApp();
    const http = client(app.runtime.url);
    const inspector = app.runtime.tokens.inspector!;
    const before = ok(await http('GET', `/v1/enforcement-plans?year=${year}`, { token: inspector })).items[0];
    expect(before.status).toBe('approved');
    const item = before.items.find((i: any) => i.state !== 'done');

    const own = await app.openAs('inspector', '/plan');
    await waitReady(own, 'plan');
    const form = own.locator('[data-testid="plan-edit"]');
    expect(await form.innerText()).toContain('修订计划');
    await own.locator('[data-testid="plan-edit-item"]').selectOption(item.itemId);
    const leader = own.locator('[data-testid="plan-edit-leader"]');
    expect(await leader.inputValue()).toBe(item.leader.userId);
    const others = await leader
      .locator('option')
      .evaluateAll(
        (os, current) => os.map((o) => o.getAttribute('value') ?? '').filter((v) => v !== current),
        item.leader.userId,
      );
    expect(others.length).toBeGreaterThan(0);
    const next = others[0]!;
    await leader.selectOption(next);
    const nextName = (await leader.locator(`option[value="${next}"]`).innerText()).trim();
    // No revision of an approved plan without its reason.
    expect(await own.locator('[data-testid="plan-edit-save"]').isDisabled()).toBe(true);
    await own.locator('[data-testid="plan-edit-reason"]').fill('带队负责人调整');
    await screenshot(own, 'plan-edit-leader');
    await own.setViewportSize({ width: 390, height: 844 });
    await screenshot(own, 'plan-edit-leader-phone');
    const formBox = (await form.boundingBox())!;
    expect(formBox.x + formBox.width).toBeLessThanOrEqual(390);
    await own.setViewportSize(VIEWPORT);
    await own.locator('[data-testid="plan-edit-save"]').click();
    await expect.poll(() => own.locator('[data-testid="plan-status"]').innerText()).toContain('修订待审批');
    await waitReady(own, 'plan');
    expect(await own.locator('[data-testid="plan-draft"]').innerText()).toContain(
      `带队 ${item.leader.name} → ${nextName}`,
    );
    // The leader in force is still the approved one.
    expect(await own.locator(`[data-testid="plan-item-${item.itemId}"]`).innerText()).toContain(item.leader.name);
    expect(await own.locator('[data-testid="plan-discard"]').count()).toBe(0);
    expect(app.errors(own)).toEqual([]);

    // The leader adds a member to the revision, so is one of its editors: the approval is refused, in the API's words.
    const page = await app.openAs('bureau_admin', '/plan');
    await waitReady(page, 'plan');
    await page.locator('[data-testid="plan-edit-item"]').selectOption(item.itemId);
    expect(await page.locator('[data-testid="plan-edit-leader"]').inputValue()).toBe(next);
    const box = page.locator('[data-testid="plan-edit-members"] input[type="checkbox"]:not(:checked)').first();
    await box.check();
    await page.locator('[data-testid="plan-edit-save"]').click();
    await expect.poll(() => page.locator('[data-testid="plan-own-draft"]').count()).toBe(1);
    await waitReady(page, 'plan');
    expect(await page.locator('[data-testid="plan-draft"]').innerText()).toContain('成员');
    await page.locator('[data-testid="plan-approve"]').click();
    const refusal = page.locator('[data-testid="plan-draft"] [data-testid="error"]');
    await expect.poll(() => refusal.count()).toBe(1);
    expect(await refusal.innerText()).toContain('四眼原则');
    await screenshot(page, 'plan-revision-refused');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'plan-revision-refused-phone');
    const draftBox = (await page.locator('[data-testid="plan-draft"]').boundingBox())!;
    expect(draftBox.x + draftBox.width).toBeLessThanOrEqual(390);
    await page.setViewportSize(VIEWPORT);

    // Discarded, after the confirm: the approved plan as it was, nothing pending.
    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-testid="plan-discard"]').click();
    await expect.poll(() => page.locator('[data-testid="plan-status"]').innerText()).toContain('已审批');
    await waitReady(page, 'plan');
    expect(await page.locator('[data-testid="plan-draft"]').count()).toBe(0);
    expect(await page.locator(`[data-testid="plan-item-${item.itemId}"]`).innerText()).toContain(item.leader.name);
    await screenshot(page, 'plan-revision-discarded');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'plan-revision-discarded-phone');
    await page.setViewportSize(VIEWPORT);
    const after = ok(await http('GET', `/v1/enforcement-plans/${before.planId}`, { token: inspector }));
    expect(after).toMatchObject({ status: 'approved', revision: before.revision });
    expect(after.draft).toBeUndefined();
    expect(after.items.find((i: any) => i.itemId === item.itemId)).toMatchObject({
      month: item.month,
      leader: item.leader,
      members: item.members,
    });
    expect(after.steps.at(-1)).toMatchObject({ action: 'discard', by: { sub: 'dev-bureau_admin' } });
    // The refused approval is the only problem the page met.
    expect(app.errors(page).filter((e) => !/status of 422 .*\/approve\)$/.test(e))).toEqual([]);
  });
});
