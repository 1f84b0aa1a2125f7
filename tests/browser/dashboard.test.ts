import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, todayInShanghai } from '#lib/validators/business-date.ts';
import { creditCodeCheckChar } from '#lib/validators/credit-code.ts';
import { DEMO_MINES, demoResidentId } from '#local/seed/demo-district.ts';
import {
  type BrowserApp,
  clickNav,
  SCREENSHOT_DIR,
  screenshot,
  useBrowserApp,
  VIEWPORT,
  waitReady,
} from '../support/browser.ts';
import { client, mineBody, ok } from '../support/local-runtime.ts';

/**
 * The dashboard as bureau staff and a mine use it, in Chromium against the local runtime with the demo district:
 * the overview with real figures, last night's review with the planted night production (m-demo11, a stopped mine
 * producing at night), its mine's chart with the day marked, the case confirmed from the page, every list page,
 * the Excel export, the legal reviewer's view of the blacklist, and a mine user kept to its own mine. Each page is
 * kept as a screenshot under test-output/screenshots/.
 */
const browserApp = useBrowserApp();
const NIGHT_MINE = 'm-demo11';
const yesterday = addDays(todayInShanghai(), -1);
/** What the API says, to hold the page's figures against (checked against /openapi.json like every e2e answer). */
const apiGet = async (app: BrowserApp, path: string, user: string): Promise<any> =>
  ok(await client(app.runtime.url)('GET', path, { token: app.runtime.tokens[user] }));

describe('an inspector of the demo district', () => {
  it('sees the overview of the district in Chinese with the real figures', async () => {
    const app = browserApp();
    const page = await app.openAs('inspector', '/');
    await waitReady(page, 'overview');
    const apiMines = await apiGet(app, '/v1/mines?limit=200', 'inspector');
    const text = await page.locator('[data-testid="page-overview"]').innerText();
    expect(text).toContain('煤矿');
    // The district by name, not by its path.
    await expect.poll(() => page.locator('[data-testid="user-jurisdiction"]').innerText()).toBe('黑龙江省鹤岗市东山区');
    expect(text).toContain('定期工作提醒');
    expect(await page.locator('[data-testid="stat-mines-total"]').innerText()).toContain(String(apiMines.items.length));
    const tiers = await Promise.all(
      ['A', 'B', 'C', 'D'].map(async (t) =>
        Number((await page.locator(`[data-testid="stat-tier-${t}"]`).innerText()).match(/\d+/)?.[0]),
      ),
    );
    expect(tiers.reduce((a, b) => a + b, 0)).toBe(apiMines.items.length);
    await screenshot(page, 'overview-inspector');
    expect(app.errors(page)).toEqual([]);
  });

  it('opens last night’s review, the planted night production’s mine, sees the day marked, and confirms its case', async () => {
    const app = browserApp();
    const page = await app.openAs('inspector', `/review/${yesterday}`);
    await waitReady(page, 'review');
    const row = page.locator(`[data-testid="review-row-${NIGHT_MINE}"]`);
    await expect(row.innerText()).resolves.toContain('东山演示十一矿');
    // Every mine has its row, the normal ones with their verdict and the day's kWh.
    await expect(page.locator('[data-testid^="review-row-"]').count()).resolves.toBe(13);
    await expect(page.locator('[data-testid="verdict-m-taiyuan"]').innerText()).resolves.toBe('正常');
    await expect(page.locator('[data-testid="review-row-m-taiyuan"]').innerText()).resolves.toMatch(/\d{1,3}(,\d{3})+/);
    await screenshot(page, 'review');

    // The mine's file: the daily chart marks yesterday, the quarter-hour chart of that day shows the night.
    await row.locator(`[data-testid="mine-link-${NIGHT_MINE}"]`).click();
    await waitReady(page, 'mine');
    const chart = page.locator('[data-testid="daily-chart"]');
    await chart.waitFor({ state: 'visible' });
    await expect.poll(() => chart.getAttribute('data-anomaly-days')).toContain(yesterday);
    // The chart library loads on demand: the canvas comes after the chart's frame.
    await chart.locator('canvas').first().waitFor({ state: 'visible' });
    await screenshot(page, 'mine-night-production');
    await page.locator(`[data-testid="anomaly-day"][data-day="${yesterday}"]`).click();
    const quarter = page.locator('[data-testid="quarter-hour-chart"]');
    await expect.poll(() => quarter.getAttribute('data-day')).toBe(yesterday);
    await expect.poll(() => quarter.getAttribute('data-ready')).toBe('true');
    await screenshot(page, 'mine-quarter-hours');

    // Back to the review, into an open case of the mine, and through to 已认定.
    await page.goBack();
    await page.goBack();
    await waitReady(page, 'review');
    // The review links each finding to its case; one of the mine's cases is still open (the demo confirmed another).
    const linked = await page
      .locator(`[data-testid="review-row-${NIGHT_MINE}"] [data-testid^="case-link-"]`)
      .evaluateAll((as) => as.map((a) => a.getAttribute('data-testid')!.slice('case-link-'.length)));
    const cases = (await apiGet(app, `/v1/cases?mineId=${NIGHT_MINE}&status=open`, 'inspector')).items as {
      caseId: string;
    }[];
    const open = cases.find((c) => linked.includes(c.caseId));
    expect(open, `an open case among the review's links ${linked.join(', ')}`).toBeDefined();
    await page.locator(`[data-testid="review-row-${NIGHT_MINE}"] [data-testid="case-link-${open!.caseId}"]`).click();
    await waitReady(page, 'case');
    await expect(page.locator('[data-testid="case-status"]').innerText()).resolves.toContain('待核实');
    await page.locator('[data-testid="case-action-start"]').click();
    await expect.poll(() => page.locator('[data-testid="case-status"]').innerText()).toContain('核实中');
    await page.locator('[data-testid="case-note"]').fill('夜间突击检查发现提升机运行，属明停暗开');
    await page.locator('[data-testid="case-action-confirm"]').click();
    await expect.poll(() => page.locator('[data-testid="case-status"]').innerText()).toContain('已认定');
    await page.locator('[data-testid="case-violation"]').waitFor();
    await screenshot(page, 'case-confirmed');
    // What the case came to, on a phone too.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.locator('[data-testid="page-case"]').innerText()).resolves.toContain('认定结果');
    await screenshot(page, 'case-confirmed-phone');
    expect(app.errors(page)).toEqual([]);
  });

  it('exports the day’s review to an Excel workbook with a row per mine', async () => {
    const app = browserApp();
    const page = await app.openAs('inspector', `/review/${yesterday}`);
    await waitReady(page, 'review');
    const rows = await page.locator('[data-testid^="review-row-"]').count();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="export-xlsx"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']),
    );
    const sheet = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']);
    expect(sheet.match(/<row /g)?.length).toBe(rows + 1);
    expect(sheet).toContain('东山演示十一矿');
  });

  it.each([
    ['mines', '/mines'],
    ['cases', '/cases'],
    ['hazards', '/hazards'],
    ['credit', '/credit'],
    ['blacklist', '/blacklist'],
    ['notifications', '/notifications'],
  ])('opens the %s page from the navigation with its data', async (name, path) => {
    const app = browserApp();
    const page = await app.openAs('inspector', '/');
    await waitReady(page, 'overview');
    await clickNav(page, name);
    await waitReady(page, name);
    expect(page.url()).toContain(`#${path}`);
    await expect(page.locator('[data-testid="error"]').count()).resolves.toBe(0);
    expect((await page.locator(`[data-testid="page-${name}"]`).innerText()).length).toBeGreaterThan(20);
    await screenshot(page, `${name}-inspector`);
    expect(app.errors(page)).toEqual([]);
  });
});

describe('a mine producing on an expired licence (m-demo06)', () => {
  it('shows the licence as expired on its file, on a desktop and on a phone', async () => {
    const app = browserApp();
    const page = await app.openAs('inspector', '/mines/m-demo06');
    await waitReady(page, 'mine');
    const licences = page.locator('[data-testid="licence"]');
    await expect.poll(() => licences.count()).toBeGreaterThan(0);
    const texts = await licences.allInnerTexts();
    expect(texts.find((t) => t.includes('安全生产许可证'))).toMatch(/已过期 \d+ 天/);
    await screenshot(page, 'mine-expired-licence');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'mine-expired-licence-phone');
    // The days left stay in sight at the right edge of the phone, however wide the table.
    const expired = page.locator('[data-testid="licence"]', { hasText: '安全生产许可证' }).locator('td.due-note');
    const box = (await expired.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await expect(expired.innerText()).resolves.toMatch(/已过期/);
    // The licences section alone, as the phone shows it.
    await page
      .locator('section', { has: licences.first() })
      .last()
      .screenshot({ path: join(SCREENSHOT_DIR, 'mine-expired-licence-section-phone.png') });
    expect(app.errors(page)).toEqual([]);
  });
});

describe('the legal reviewer', () => {
  it('sees the proposal under legal review with the review actions', async () => {
    const app = browserApp();
    const entries = await apiGet(app, '/v1/blacklist?status=under_review', 'legal_reviewer');
    expect(entries.items.length).toBeGreaterThan(0);
    const page = await app.openAs('legal_reviewer', `/blacklist/${entries.items[0].entryId}`);
    await waitReady(page, 'blacklist-entry');
    await expect(page.locator('[data-testid="blacklist-action-approve"]').isVisible()).resolves.toBe(true);
    await screenshot(page, 'blacklist-entry-legal-reviewer');
    expect(app.errors(page)).toEqual([]);
  });
});

describe('revoking an early removal takes two people', () => {
  it('the leader proposes it (the entry stays removed, no approval offered to him); another legal reviewer approves it', async () => {
    const app = browserApp();
    const http = client(app.runtime.url);
    const token = (user: string) => app.runtime.tokens[user]!;
    const as = (user: string, path: string, body: unknown) => http('POST', path, { token: token(user), body });
    // An enterprise listed 13 months ago and removed early on repair evidence, through the API.
    const first17 = '91230407XK0000009';
    const mineId = 'm-br-revoke';
    ok(
      await as('bureau_admin', '/v1/mines', {
        ...mineBody(mineId, { name: '浏览器测试撤销矿', creditCode: first17 + creditCodeCheckChar(first17) }),
        enterpriseName: '浏览器测试撤销矿业有限公司',
      }),
      201,
    );
    const listedOn = addMonths(todayInShanghai(), -13);
    const entryId = ok(
      await as('inspector', '/v1/blacklist', {
        subjectType: 'enterprise',
        mineId,
        grounds: ['STOPPED_MINE_PRODUCING'],
        note: '明停暗开（演示）',
      }),
      201,
    ).entryId;
    const steps: [string, Record<string, unknown>][] = [
      ['inspector', { action: 'serve_notice', servedOn: addDays(listedOn, -10) }],
      ['inspector', { action: 'submit_review' }],
      ['legal_reviewer', { action: 'approve', decisionNo: '东煤管黑〔演示〕9号', listedOn }],
      ['inspector', { action: 'request_removal', reason: '已完成信用修复', evidence: ['信用修复承诺书'] }],
      ['legal_reviewer', { action: 'approve_removal' }],
    ];
    for (const [i, [user, body]] of steps.entries())
      ok(await as(user, `/v1/blacklist/${entryId}/actions`, { ...body, version: i + 1 }));

    // The first signature, on the page.
    const page = await app.openAs('bureau_admin', `/blacklist/${entryId}`);
    await waitReady(page, 'blacklist-entry');
    await page.locator('[data-testid="blacklist-action-revoke_removal"]').click();
    await page.locator('[data-testid="blacklist-field-reason"]').fill('修复材料系伪造');
    await page.locator('[data-testid="blacklist-field-evidence"]').fill('核查报告（演示）');
    await page.locator('[data-testid="blacklist-submit"]').click();
    await page.locator('[data-testid="revocation-request"]').waitFor({ state: 'visible' });
    await expect(page.locator('[data-testid="blacklist-status"]').innerText()).resolves.toContain('提前移出');
    await expect(page.locator('[data-testid="blacklist-action-approve_revocation"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="blacklist-action-revoke_removal"]').count()).resolves.toBe(0);
    await screenshot(page, 'blacklist-entry-revocation-proposed');
    expect(app.errors(page)).toEqual([]);

    // The second signature, by the legal reviewer.
    const review = await app.openAs('legal_reviewer', `/blacklist/${entryId}`);
    await waitReady(review, 'blacklist-entry');
    await expect(review.locator('[data-testid="revocation-request"]').innerText()).resolves.toContain('修复材料系伪造');
    await expect(review.locator('[data-testid="blacklist-action-reject_revocation"]').isVisible()).resolves.toBe(true);
    // On a phone the proposal and both of the reviewer's actions are there too.
    await review.setViewportSize({ width: 390, height: 844 });
    await expect(review.locator('[data-testid="blacklist-action-approve_revocation"]').isVisible()).resolves.toBe(true);
    await screenshot(review, 'blacklist-entry-revocation-phone');
    await review.setViewportSize(VIEWPORT);
    await review.locator('[data-testid="blacklist-action-approve_revocation"]').click();
    await review.locator('[data-testid="blacklist-submit"]').click();
    await expect.poll(() => review.locator('[data-testid="blacklist-status"]').innerText()).toBe('已列入并公示');
    await expect(review.locator('[data-testid="revocation-request"]').count()).resolves.toBe(0);
    await screenshot(review, 'blacklist-entry-revocation-approved');
    expect(app.errors(review)).toEqual([]);
  });
});

describe('a mine user', () => {
  it('lands on its own mine and cannot reach another mine', async () => {
    const app = browserApp();
    const page = await app.openAs('mine_user', '/');
    await waitReady(page, 'mine');
    expect(page.url()).toContain('#/mines/m-taiyuan');
    await expect(page.locator('[data-testid="page-mine"]').innerText()).resolves.toContain('泰源煤矿');
    await expect(page.locator('[data-testid="bureau-actions"]').count()).resolves.toBe(0);
    await screenshot(page, 'mine-user-own-mine');

    await page.evaluate(
      () => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/mines/m-shuyuan1'),
    );
    await waitReady(page, 'mine');
    await expect(page.locator('[data-testid="error"]').innerText()).resolves.toMatch(/未找到|不存在/);
    await expect(page.locator('[data-testid="page-mine"]').innerText()).resolves.not.toContain('蔬园一煤矿');
    await expect(page.locator('[data-testid="section-profile"]').count()).resolves.toBe(0);
    await screenshot(page, 'mine-user-other-mine');
  });
});

describe('a partner department', () => {
  const DEMO11_INDEX = DEMO_MINES.findIndex((m) => m.id === 'm-demo11');
  /** The fictional ID the demo registers for m-demo11's mine manager, who is listed. */
  const MANAGER_ID = demoResidentId(DEMO11_INDEX, 1);
  const masked = `${MANAGER_ID.slice(0, 6)}********${MANAGER_ID.slice(14)}`;

  const checkPerson = async (page: Page, name: string, residentId: string) => {
    await page.locator('[data-testid="check-subject-type"]').selectOption('person');
    await page.locator('[data-testid="check-name"]').fill(name);
    await page.locator('[data-testid="check-id"]').fill(residentId);
    await page.locator('[data-testid="check-submit"]').click();
    await page.locator('[data-testid="check-result"]').waitFor();
    return page.locator('[data-testid="check-result"]');
  };

  it('finds a listed person only by name and ID together, on a desktop and on a phone', async () => {
    const app = browserApp();
    const publicList = await ok(await client(app.runtime.url)('GET', '/v1/public/blacklist?limit=100'));
    const manager = publicList.items.find((e: { residentIdMasked?: string }) => e.residentIdMasked === masked);
    expect(manager, 'the demo lists m-demo11’s mine manager').toBeDefined();

    const page = await app.openAs('partner_dept', '/check');
    await waitReady(page, 'blacklist-check');
    const listed = await checkPerson(page, manager.name, MANAGER_ID);
    await expect(listed.getAttribute('data-restricted')).resolves.toBe('true');
    await expect(listed.innerText()).resolves.toContain(masked);
    await expect(listed.innerText()).resolves.not.toContain(MANAGER_ID);
    await screenshot(page, 'check-person-restricted');

    // The right ID under another name reads as a person never listed.
    const other = await checkPerson(page, '张某某', MANAGER_ID);
    await expect(other.getAttribute('data-restricted')).resolves.toBe('false');
    await expect(other.innerText()).resolves.not.toContain(masked);

    await page.setViewportSize({ width: 390, height: 844 });
    await checkPerson(page, manager.name, MANAGER_ID);
    await screenshot(page, 'check-person-restricted-phone');
    expect(app.errors(page)).toEqual([]);
  });
});
