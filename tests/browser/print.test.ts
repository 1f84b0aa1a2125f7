import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { type BrowserApp, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';
import { client, ok } from '../support/local-runtime.ts';

/**
 * The printable documents in Chromium against the local runtime: an inspection of 泰源煤矿 started on site, a hazard
 * and a violation found on it, an on-site decision and the close; a penalty decided. Each document is opened from
 * its print route and kept as screenshots under test-output/screenshots/: on screen at desktop width, as printed
 * (print media on an A4-wide page: no top bar, no navigation, no 打印 button), and on a 390 px phone.
 */
const browserApp = useBrowserApp();
const MINE = 'm-taiyuan';
const today = todayInShanghai();
const year = today.slice(0, 4);

async function documents(app: BrowserApp) {
  const http = client(app.runtime.url);
  const token = app.runtime.tokens.inspector;
  const post = async (path: string, body: unknown, status = 201) => {
    const r = await http('POST', path, { token, body });
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };
  const i = await post(`/v1/mines/${MINE}/inspections`, {
    kind: 'started',
    startedOn: today,
    inspectors: [
      { userId: 'dev-inspector', name: '王建国（演示）' },
      { userId: 'u-demo-li', name: '李明（演示）' },
    ],
    leaderUserId: 'dev-inspector',
    purpose: '雨季“三防”专项执法检查',
    topics: ['water_control', 'ventilation_gas_dust', 'emergency'],
  });
  const h = await post(`/v1/mines/${MINE}/hazards`, {
    level: 'general',
    description: '中央水仓未按期清挖，有效容积不足设计容积的百分之五十',
    location: '-350m 中央水仓',
    deadline: today,
    source: 'inspection',
    inspectionId: i.inspectionId,
  });
  const v = await post(`/v1/mines/${MINE}/violations`, {
    category: 'over_capacity',
    date: today,
    description: '2101 综采工作面超核定能力组织生产',
    source: { kind: 'inspection', id: i.inspectionId },
  });
  const found = ok(await http('GET', `/v1/inspections/${i.inspectionId}`, { token }));
  const decided = await post(
    `/v1/inspections/${i.inspectionId}/actions`,
    {
      action: 'issue_decision',
      version: found.version,
      items: [
        { measure: 'rectify_by_deadline', deadline: today, hazardIds: [h.hazardId], description: '清挖中央水仓' },
        { measure: 'stop_work', violationIds: [v.violationId], description: '2101 综采工作面停止作业' },
      ],
    },
    200,
  );
  const closed = await post(
    `/v1/inspections/${i.inspectionId}/actions`,
    {
      action: 'close',
      version: decided.version,
      summary:
        '检查组对矿井防治水、一通三防和应急管理进行了检查，查阅了探放水设计、通风系统图和应急预案，并下井检查了中央水仓和 2101 综采工作面。',
    },
    200,
  );
  const penalty = await post(`/v1/mines/${MINE}/penalties`, {
    kind: 'warning',
    decisionNo: 'D-print-1',
    basis: '《中华人民共和国安全生产法》第一百一十二条',
    description: '你单位 2101 综采工作面超核定能力组织生产，经现场检查查实。',
    violationIds: [v.violationId],
  });
  return { inspection: closed, penalty };
}

/** The three views of a document: the screen at desktop width, as printed on A4, on a phone. */
async function shoot(page: Page, name: string) {
  await screenshot(page, `print-${name}-desktop`);
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  expect(await page.locator('.topbar').isVisible()).toBe(false);
  expect(await page.locator('.sidebar').isVisible()).toBe(false);
  expect(await page.locator('[data-testid="print"]').isVisible()).toBe(false);
  await screenshot(page, `print-${name}-a4`);
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => {
    const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
    return g.document.documentElement.scrollWidth - g.innerWidth;
  });
  expect(overflow).toBeLessThanOrEqual(1);
  await screenshot(page, `print-${name}-phone`);
  await page.setViewportSize(VIEWPORT);
}

describe('the printable documents', () => {
  it('现场检查记录, 现场处理决定书 and 行政处罚决定书 print with their numbers, parties, findings and remedy', async () => {
    const app = browserApp();
    const { inspection, penalty } = await documents(app);

    const record = await app.openAs('inspector', `/print/inspection/${inspection.inspectionId}`);
    await waitReady(record, 'print-inspection');
    const recordText = await record.locator('[data-testid="document"]').innerText();
    expect(recordText).toContain('现场检查记录');
    expect(recordText).toContain(`东山煤安检〔${year}〕`);
    expect(recordText).toContain('泰源煤矿');
    expect(recordText).toContain('王建国（演示）（带队负责人）');
    expect(recordText).toContain('防治水、一通三防、应急');
    expect(await record.locator('[data-testid="document-findings"] li').count()).toBe(2);
    await shoot(record, 'inspection-record');
    expect(app.errors(record)).toEqual([]);

    const decision = await app.openAs('inspector', `/print/decision/${inspection.inspectionId}/1`);
    await waitReady(decision, 'print-decision');
    const decisionText = await decision.locator('[data-testid="document"]').innerText();
    expect(decisionText).toContain(inspection.decisions[0].documentNo);
    expect(decisionText).toContain('责令限期整改');
    expect(decisionText).toContain('申请行政复议');
    await shoot(decision, 'onsite-decision');
    expect(app.errors(decision)).toEqual([]);

    const pen = await app.openAs('inspector', `/print/penalty/${penalty.penaltyId}`);
    await waitReady(pen, 'print-penalty');
    const penText = await pen.locator('[data-testid="document"]').innerText();
    expect(penText).toContain(penalty.documentNo);
    expect(penText).toContain('《中华人民共和国安全生产法》第一百一十二条');
    expect(await pen.locator('[data-testid="document-remedy"]').innerText()).toMatch(
      /六十日内依法申请行政复议.*六个月内依法向人民法院提起行政诉讼/,
    );
    await shoot(pen, 'penalty-decision');
    expect(app.errors(pen)).toEqual([]);

    // The mine reads its own documents too.
    const asMine = await app.openAs('mine_user', `/print/penalty/${penalty.penaltyId}`);
    await waitReady(asMine, 'print-penalty');
    expect(await asMine.locator('[data-testid="document-no"]').innerText()).toBe(penalty.documentNo);
  }, 240_000);
});
