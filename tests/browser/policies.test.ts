import { describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { type BrowserApp, clickNav, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';
import { client, ok } from '../support/local-runtime.ts';

/**
 * 策略设置 as the demo district's admin uses it, in Chromium against the local runtime: the electricity review's
 * thresholds opened as a form, the night-use threshold loosened, the preview showing the night-production mine's
 * changed days (m-demo11), then saved; a value out of range named beside its field; the credit preview's tier
 * counts. Screenshots at desktop width and at 390 px.
 */
const browserApp = useBrowserApp();
const NIGHT_MINE = 'm-demo11';
const yesterday = addDays(todayInShanghai(), -1);
const apiGet = async (app: BrowserApp, path: string): Promise<any> =>
  ok(await client(app.runtime.url)('GET', path, { token: app.runtime.tokens.bureau_admin }));

describe('the bureau admin’s policies', () => {
  it('previews a looser night-use threshold, sees the night-production mine’s days change, and saves it', async () => {
    const app = browserApp();
    const page = await app.openAs('bureau_admin', '/');
    await waitReady(page, 'overview');
    await clickNav(page, 'policies');
    await waitReady(page, 'policies');
    await page.locator('[data-testid="policy-tab-power-review"]').click();
    const night = page.locator('[data-testid="setting-nightShareFactor"]');
    await expect.poll(() => night.innerText()).toContain('夜间');
    expect(await night.innerText()).toContain('范围 1–5');

    // A value out of range: the API's message beside the field.
    await night.locator('input').fill('9');
    await page.locator('[data-testid="policy-preview"]').click();
    await expect
      .poll(() =>
        page
          .locator('[data-testid="setting-nightShareFactor-error"]')
          .innerText()
          .catch(() => ''),
      )
      .not.toBe('');

    await night.locator('input').fill('5');
    await page.locator('[data-testid="policy-preview"]').click();
    const headline = page.locator('[data-testid="preview-headline"]');
    await expect.poll(() => headline.innerText().catch(() => '')).toMatch(/过去30天：\d+ 个矿日的审查结果会改变/);
    const row = page.locator(`[data-testid="preview-row-${NIGHT_MINE}-${yesterday}"]`);
    await expect.poll(() => row.innerText().catch(() => '')).toContain('夜间');
    await screenshot(page, 'policies-power-preview');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'policies-power-preview-phone');
    const box = (await page.locator('[data-testid="policy-save"]').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.setViewportSize(VIEWPORT);

    await page.locator('[data-testid="policy-reason"]').fill('夜间检修负荷偏高，放宽夜间用电占比阈值');
    await page.locator('[data-testid="policy-save"]').click();
    await expect
      .poll(() =>
        page
          .locator('[data-testid="policy-saved"]')
          .innerText()
          .catch(() => ''),
      )
      .toContain('已保存');
    // The form reads the policy again: the new version is what is in force.
    await expect.poll(() => page.locator('[data-testid="policy-version"]').innerText()).toContain('第 1 版');
    await waitReady(page, 'policies');
    const saved = await apiGet(app, '/v1/policies/power-review');
    expect(saved.thresholds.nightShareFactor).toBe(5);
    expect(saved.definedAt).toBe('hlj/hegang/dongshan');
    expect(app.errors(page).filter((e) => !/\b400\b/.test(e))).toEqual([]);
  });

  it('previews a stricter C line for credit: the tiers before and after and the mines that move', async () => {
    const app = browserApp();
    const page = await app.openAs('bureau_admin', '/policies?policy=credit');
    await waitReady(page, 'policies');
    const floor = page.locator('[data-testid="setting-tierFloors-C"]');
    await expect.poll(() => floor.innerText()).toContain('C 级分数线');
    await floor.locator('input').fill('74.5');
    await page.locator('[data-testid="policy-preview"]').click();
    await expect
      .poll(() =>
        page
          .locator('[data-testid="preview-tiers"]')
          .innerText()
          .catch(() => ''),
      )
      .toContain('D 级');
    await expect
      .poll(() =>
        page
          .locator('[data-testid="preview-row-m-demo12"]')
          .innerText()
          .catch(() => ''),
      )
      .toContain('C 级 → D 级');
    await screenshot(page, 'policies-credit-preview');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'policies-credit-preview-phone');
    expect(app.errors(page)).toEqual([]);
  });

  it('opens 处罚, 名单, 提醒, 执法公示, 复工复产验收 and 区县月报 with their settings in words, saved without a preview', async () => {
    const app = browserApp();
    const page = await app.openAs('bureau_admin', '/policies?policy=penalty');
    await waitReady(page, 'policies');
    const expected: Record<string, string> = {
      penalty: '处罚决定履行期限（天）',
      blacklist: '列入名单期限（年）',
      reminders: '安全生产许可证到期：提前几天提醒',
      disclosure: '调休上班的周六、周日（计为工作日）',
      acceptance: '现场检查结论后审批办理期限（天）',
      reporting: '区县月报报送截止：次月第几日',
    };
    for (const [name, words] of Object.entries(expected)) {
      await page.locator(`[data-testid="policy-tab-${name}"]`).click();
      const form = page.locator(`[data-testid="policy-${name}"]`);
      await expect.poll(() => form.innerText().catch(() => '')).toContain(words);
      const text = await form.innerText();
      expect(text).not.toContain('[object Object]');
      expect(await page.locator('[data-testid="policy-preview"]').count()).toBe(0);
      // The district's monthly report is due when its city says: shown with the reason, not offered as a form.
      const notSettable = page.locator('[data-testid="policy-not-settable"]');
      if (name === 'reporting') {
        expect(await notSettable.innerText()).toContain('区县局不能自行设置');
        expect(await page.locator('[data-testid="policy-version"]').innerText()).not.toContain('本辖区尚未设定');
        expect(await page.locator('[data-testid="policy-save"]').count()).toBe(0);
      } else {
        expect(await notSettable.count()).toBe(0);
        expect(await page.locator('[data-testid="policy-save"]').count()).toBe(1);
      }
      await screenshot(page, `policies-${name}`);
      if (name === 'reporting') {
        await page.setViewportSize({ width: 390, height: 844 });
        await screenshot(page, 'policies-reporting-phone');
        await page.setViewportSize(VIEWPORT);
      }
    }
    expect(app.errors(page)).toEqual([]);
  });

  it('is not in an inspector’s navigation', async () => {
    const app = browserApp();
    const page = await app.openAs('inspector', '/');
    await waitReady(page, 'overview');
    expect(await page.locator('[data-testid="nav-policies"]').count()).toBe(0);
  });
});
