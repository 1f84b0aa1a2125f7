import { createHash } from 'node:crypto';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { type BrowserApp, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';
import { client, ok } from '../support/local-runtime.ts';

/**
 * 现场检查 on a phone (390 px) in Chromium against the local runtime: the demo inspector starts an inspection of
 * 泰源煤矿, records a major hazard with its 五落实 and a photo, and closes it — the API then holds the hazard among the
 * findings with the photo on its 发现 step, byte for byte; with no signal a hazard and its photo wait on the phone
 * (kept across a reload) and reach the API once each when the signal is back, even when an answer is lost on the
 * way; a major hazard without its contingency plan comes back with the API's message beside that field.
 * Screenshots of each step at desktop and phone width under test-output/screenshots/.
 */
const browserApp = useBrowserApp();
const PHONE = { width: 390, height: 844 } as const;
const MINE = 'm-taiyuan';
const today = todayInShanghai();
/** A 1×1 JPEG: what the phone's camera hands the page. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const api = (app: BrowserApp) => {
  const http = client(app.runtime.url);
  const token = app.runtime.tokens.inspector;
  return {
    get: async (path: string): Promise<any> => ok(await http('GET', path, { token })),
    post: async (path: string, body: unknown): Promise<any> => ok(await http('POST', path, { token, body }), 201),
  };
};

/** The same step at the office's monitor and at the phone's width; the test goes on at the phone's. */
async function shots(page: Page, name: string) {
  await page.setViewportSize(VIEWPORT);
  await screenshot(page, `inspect-${name}-desktop`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `inspect-${name}-phone`);
}

/** An inspection of 泰源煤矿 started over the API, for the tests that begin on its page. */
async function started(app: BrowserApp, purpose: string): Promise<string> {
  const i = await api(app).post(`/v1/mines/${MINE}/inspections`, {
    kind: 'started',
    startedOn: today,
    inspectors: [{ userId: 'dev-inspector', name: '监管中队（演示）' }],
    leaderUserId: 'dev-inspector',
    purpose,
    topics: ['ventilation_gas_dust'],
  });
  return i.inspectionId as string;
}

async function fillMajorHazard(page: Page, options: { contingencyPlan: boolean }) {
  await page.locator('[data-testid="open-hazard"]').click();
  await page.locator('[data-testid="hazard-level"]').selectOption('major');
  await page.locator('[data-testid="hazard-description"]').fill('3102 回风巷瓦斯浓度达 1.2%，仍在作业');
  await page.locator('[data-testid="hazard-location"]').fill('3102 回风巷');
  await page.locator('[data-testid="hazard-category"]').selectOption('GAS_OVERLIMIT');
  await page.locator('[data-testid="hazard-measures"]').fill('立即停止作业、撤出人员，调整通风系统后检测合格方可恢复');
  await page.locator('[data-testid="hazard-deadline"]').fill(today);
  await page.locator('[data-testid="hazard-supervision-responsiblePerson-name"]').fill('赵志强');
  await page.locator('[data-testid="hazard-supervision-responsiblePerson-position"]').fill('通风副总');
  await page.locator('[data-testid="hazard-supervision-funds-amount"]').fill('120000');
  await page.locator('[data-testid="hazard-supervision-funds-source"]').fill('安全生产费用');
  if (options.contingencyPlan)
    await page
      .locator('[data-testid="hazard-supervision-contingencyPlan"]')
      .fill('瓦斯超限立即断电撤人，启动通风应急预案');
}

const photo = (name: string) => ({ name, mimeType: 'image/jpeg', buffer: JPEG });

/** Failing requests and the console's reports of them are what going offline means; anything else is a fault. */
const unexpected = (errors: string[]) =>
  errors.filter((e) => !/request failed|ERR_INTERNET_DISCONNECTED|ERR_FAILED|Failed to fetch|status of 4/.test(e));

describe('the inspector at the mine', () => {
  it('records a major hazard with a photo at a phone’s size, and closes the inspection', async () => {
    const app = browserApp();
    const page = await app.openAs('inspector', '/inspect');
    await page.setViewportSize(PHONE);
    await waitReady(page, 'inspect');
    await expect(page.locator('[data-testid="nav-inspect"]').innerText()).resolves.toBe('现场检查');
    await page.locator('[data-testid="start-mineId"]').selectOption(MINE);
    await expect(page.locator('[data-testid="start-startedOn"]').inputValue()).resolves.toBe(today);
    await page.locator('[data-testid="start-purpose"]').fill('一通三防和防治水专项执法检查');
    for (const topic of ['一通三防', '防治水', '应急'])
      await page.locator('[data-testid="start-topics"] label', { hasText: topic }).click();
    await shots(page, '1-start');
    await page.locator('[data-testid="start-submit"]').click();
    await page.waitForURL(/#\/inspect\/(?!local-)[^/]+$/);
    await waitReady(page, 'inspection');
    const inspectionId = decodeURIComponent(page.url().split('/').pop()!);
    const header = await page.locator('[data-testid="inspection-header"]').innerText();
    expect(header).toContain('一通三防');
    expect(header).toContain('监管中队（演示）');
    await shots(page, '2-inspection');

    // The page at a phone's width shows no horizontal scroll.
    await fillMajorHazard(page, { contingencyPlan: true });
    await page.locator('[data-testid="hazard-photos-input"]').setInputFiles([photo('3102回风巷.jpg')]);
    await expect(page.locator('[data-testid="hazard-photos"]').innerText()).resolves.toContain('3102回风巷.jpg');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
            .scrollWidth,
      ),
    ).toBeLessThanOrEqual(PHONE.width);
    await shots(page, '3-major-hazard');
    await page.locator('[data-testid="hazard-submit"]').click();
    await page.locator('[data-testid="finding-hazard"]').waitFor();
    await page.locator('[data-testid="record-notice"]', { hasText: '已保存隐患' }).waitFor();
    // The photo goes out behind the hazard; the list shows it once it is there.
    await page
      .locator('[data-testid="finding-hazard"] [data-testid="finding-photos"]', { hasText: '照片 1 张' })
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('[data-testid="outbox"]').count()).toBe(0);
    await shots(page, '4-findings');

    // 现场处理决定: the hazard to be rectified by today, numbered and printable.
    await page.locator('[data-testid="inspect-decision"] summary').click();
    await page.locator('[data-testid="decision-deadline"]').fill(today);
    await page.locator('[data-testid="decision-description"]').fill('停止 3102 回风巷作业，调整通风系统');
    await page.locator('[data-testid="decision-hazardIds"] input[type="checkbox"]').check();
    await page.locator('[data-testid="decision-submit"]').click();
    await page.locator('[data-testid="print-decision"]').waitFor();
    await expect(page.locator('[data-testid="print-decision"]').getAttribute('href')).resolves.toBe(
      `#/print/decision/${encodeURIComponent(inspectionId)}/1`,
    );

    await page
      .locator('[data-testid="close-summary"]')
      .fill('检查了 3102 回风巷和中央水仓，发现重大事故隐患一项，已挂牌督办。');
    await page.locator('[data-testid="close-submit"]').click();
    await page.locator('[data-testid="inspection-status"]', { hasText: '已检查' }).waitFor();
    await expect(page.locator('[data-testid="print-record"]').getAttribute('href')).resolves.toBe(
      `#/print/inspection/${encodeURIComponent(inspectionId)}`,
    );
    await shots(page, '5-closed');

    const inspection = await api(app).get(`/v1/inspections/${inspectionId}`);
    expect(inspection.status).toBe('done');
    expect(inspection.recordNo).toBeTruthy();
    expect(inspection.topics).toEqual(['ventilation_gas_dust', 'water_control', 'emergency']);
    expect(inspection.findings.hazardIds).toHaveLength(1);
    expect(inspection.decisions).toMatchObject([
      { n: 1, items: [{ measure: 'rectify_by_deadline', deadline: today, hazardIds: inspection.findings.hazardIds }] },
    ]);
    const hazardId = inspection.findings.hazardIds[0];
    const hazard = await api(app).get(`/v1/hazards/${hazardId}`);
    expect(hazard).toMatchObject({
      level: 'major',
      category: 'GAS_OVERLIMIT',
      inspectionId,
      supervision: {
        responsiblePerson: { name: '赵志强', position: '通风副总' },
        funds: { amount: 120000, source: '安全生产费用' },
        contingencyPlan: '瓦斯超限立即断电撤人，启动通风应急预案',
        official: { userId: 'dev-inspector' },
      },
    });
    const files = (await api(app).get(`/v1/mines/${MINE}/evidence/hazard/${hazardId}`)).items;
    expect(files.map((f: any) => [f.step, f.fileName, f.sha256])).toEqual([['found', '3102回风巷.jpg', sha256(JPEG)]]);
    expect(app.errors(page)).toEqual([]);
  });

  it('an inspection written offline arrives once after going online', async () => {
    const app = browserApp();
    const inspectionId = await started(app, '无信号时的记录');
    const page = await app.openAs('inspector', `/inspect/${inspectionId}`);
    await page.setViewportSize(PHONE);
    await waitReady(page, 'inspection');

    // Down the shaft: no signal. (The browser's offline switch alone does not stop requests the test's own
    // routing forwards, so the API is cut off for the page as well.)
    const noSignal = (route: Route) => route.abort('internetdisconnected');
    await page.route('**/v1/**', noSignal);
    await page.context().setOffline(true);
    await page.locator('[data-testid="open-hazard"]').click();
    await page.locator('[data-testid="hazard-description"]').fill('中央水仓有效容积不足');
    await page.locator('[data-testid="hazard-location"]').fill('-350m 中央水仓');
    await page.locator('[data-testid="hazard-deadline"]').fill(today);
    await page.locator('[data-testid="hazard-photos-input"]').setInputFiles([photo('水仓.jpg')]);
    await page.locator('[data-testid="hazard-submit"]').click();
    await page.locator('[data-testid="record-notice"]', { hasText: '当前无网络' }).waitFor();
    const banner = page.locator('[data-testid="outbox"]');
    await banner.locator('h2', { hasText: '待发送 2 条' }).waitFor();
    await expect.poll(() => banner.locator('[data-testid="outbox-entry"]').count()).toBe(2);
    await page.locator('[data-testid="finding-pending"]', { hasText: '待发送' }).waitFor();
    await expect(page.locator('[data-testid="close-submit"]').isDisabled()).resolves.toBe(true);
    await shots(page, '6-offline');
    expect((await api(app).get(`/v1/inspections/${inspectionId}`)).findings.hazardIds).toEqual([]);

    // Reloaded while the API still cannot be reached: the waiting list is kept on the phone.
    await page.context().setOffline(false);
    await page.reload();
    await waitReady(page, 'inspection');
    await expect.poll(() => page.locator('[data-testid="outbox-entry"]').count()).toBe(2);
    expect((await api(app).get(`/v1/inspections/${inspectionId}`)).findings.hazardIds).toEqual([]);
    await page.unroute('**/v1/**', noSignal);

    // Back online, and the first answer of the hazard lost on the way: sent again with the same key, made once.
    let lost = 0;
    await page.route(`**/v1/mines/${MINE}/hazards`, async (route) => {
      if (route.request().method() === 'POST' && lost === 0) {
        lost++;
        await route.fetch();
        return route.abort('internetdisconnected');
      }
      return route.fallback();
    });
    await page.locator('[data-testid="outbox"] button', { hasText: '立即发送' }).click();
    await expect.poll(() => lost).toBe(1);
    await page.locator('[data-testid="outbox"] button', { hasText: '立即发送' }).click();
    await banner.waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('[data-testid="finding-hazard"]').waitFor();
    await shots(page, '7-sent');

    await page.reload();
    await waitReady(page, 'inspection');
    await expect.poll(() => page.locator('[data-testid="finding-hazard"]').count()).toBe(1);
    const inspection = await api(app).get(`/v1/inspections/${inspectionId}`);
    expect(inspection.findings.hazardIds).toHaveLength(1);
    const all = (await api(app).get(`/v1/mines/${MINE}/hazards?limit=100`)).items.filter(
      (h: any) => h.inspectionId === inspectionId,
    );
    expect(all).toHaveLength(1);
    const files = (await api(app).get(`/v1/mines/${MINE}/evidence/hazard/${all[0].hazardId}`)).items;
    expect(files.map((f: any) => [f.step, f.sha256])).toEqual([['found', sha256(JPEG)]]);

    // Online, and the signal drops while the hazard is on its way (the API made it, its answer never came): the
    // outbox sends it again with the key of that first attempt, and the API answers with the one it made.
    let dropped = 0;
    await page.route(`**/v1/mines/${MINE}/hazards`, async (route) => {
      if (route.request().method() === 'POST' && dropped === 0) {
        dropped++;
        await route.fetch();
        return route.abort('internetdisconnected');
      }
      return route.fallback();
    });
    await page.locator('[data-testid="open-hazard"]').click();
    await page.locator('[data-testid="hazard-description"]').fill('局部通风机未挂牌管理');
    await page.locator('[data-testid="hazard-location"]').fill('2103 掘进工作面');
    await page.locator('[data-testid="hazard-deadline"]').fill(today);
    await page.locator('[data-testid="hazard-submit"]').click();
    await page.locator('[data-testid="record-notice"]', { hasText: '保存在本机' }).waitFor();
    expect(dropped).toBe(1);
    await expect.poll(() => page.locator('[data-testid="finding-hazard"]').count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => page.locator('[data-testid="outbox"]').count()).toBe(0);
    const made = (await api(app).get(`/v1/mines/${MINE}/hazards?limit=100`)).items.filter(
      (h: any) => h.location === '2103 掘进工作面' && h.inspectionId === inspectionId,
    );
    expect(made).toHaveLength(1);
    expect((await api(app).get(`/v1/inspections/${inspectionId}`)).findings.hazardIds).toHaveLength(2);
    expect(unexpected(app.errors(page))).toEqual([]);
  });

  it('an inspection started with no signal arrives once, with the major hazard and photo recorded on it', async () => {
    const app = browserApp();
    const purpose = `井下无信号时开始的检查 ${Date.now()}`;
    const page = await app.openAs('inspector', '/inspect');
    await page.setViewportSize(PHONE);
    await waitReady(page, 'inspect');
    const noSignal = (route: Route) => route.abort('internetdisconnected');
    await page.route('**/v1/**', noSignal);
    await page.context().setOffline(true);

    await page.locator('[data-testid="start-mineId"]').selectOption(MINE);
    await page.locator('[data-testid="start-purpose"]').fill(purpose);
    await page.locator('[data-testid="start-topics"] label', { hasText: '顶板' }).click();
    await page.locator('[data-testid="start-submit"]').click();
    await page.waitForURL(/#\/inspect\/local-/);
    await waitReady(page, 'inspection');
    await expect(page.locator('[data-testid="inspection-header"]').innerText()).resolves.toContain('顶板');
    // The standard's categories were read while the signal was there: a major hazard can be recorded down here.
    await fillMajorHazard(page, { contingencyPlan: true });
    await page.locator('[data-testid="hazard-photos-input"]').setInputFiles([photo('顶板.jpg')]);
    await page.locator('[data-testid="hazard-submit"]').click();
    await page.locator('[data-testid="outbox"] h2', { hasText: '待发送 3 条' }).waitFor();
    await page.locator('[data-testid="finding-pending"]', { hasText: '照片 1 张待发送' }).waitFor();
    await shots(page, '10-started-offline');
    const mine = async () =>
      (await api(app).get(`/v1/mines/${MINE}/inspections?status=in_progress&limit=100`)).items.filter(
        (i: any) => i.purpose === purpose,
      );
    expect(await mine()).toEqual([]);

    // Signal back: the start, then the hazard naming it, then the photo; the page moves to the inspection's own id.
    await page.unroute('**/v1/**', noSignal);
    await page.context().setOffline(false);
    await page.waitForURL(/#\/inspect\/(?!local-)[^/]+$/, { timeout: 30_000 });
    await waitReady(page, 'inspection');
    await page
      .locator('[data-testid="finding-hazard"] [data-testid="finding-photos"]', { hasText: '照片 1 张' })
      .waitFor({ timeout: 30_000 });
    const inspections = await mine();
    expect(inspections).toHaveLength(1);
    const inspection = await api(app).get(`/v1/inspections/${inspections[0].inspectionId}`);
    expect(inspection.findings.hazardIds).toHaveLength(1);
    const hazard = await api(app).get(`/v1/hazards/${inspection.findings.hazardIds[0]}`);
    expect(hazard).toMatchObject({ level: 'major', category: 'GAS_OVERLIMIT', inspectionId: inspection.inspectionId });
    const files = (await api(app).get(`/v1/mines/${MINE}/evidence/hazard/${hazard.hazardId}`)).items;
    expect(files.map((f: any) => [f.step, f.sha256])).toEqual([['found', sha256(JPEG)]]);
    await shots(page, '11-started-offline-sent');
    expect(unexpected(app.errors(page))).toEqual([]);
  });

  it('shows the API’s message beside the field when a major hazard has no contingency plan; then a violation and its penalty', async () => {
    const app = browserApp();
    const inspectionId = await started(app, '预案未填写');
    const page = await app.openAs('inspector', `/inspect/${inspectionId}`);
    await page.setViewportSize(PHONE);
    await waitReady(page, 'inspection');
    await fillMajorHazard(page, { contingencyPlan: false });
    await page.locator('[data-testid="hazard-submit"]').click();
    const error = page.locator('[data-testid="hazard-supervision-contingencyPlan-error"]');
    await error.waitFor();
    await expect(error.innerText()).resolves.toContain('预案');
    await expect(
      page.locator('[data-testid="hazard-supervision-contingencyPlan"]').getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    await shots(page, '8-validation');
    expect((await api(app).get(`/v1/inspections/${inspectionId}`)).findings.hazardIds).toEqual([]);
    // Nothing was queued: the form shows what to fix instead.
    await expect.poll(() => page.locator('[data-testid="outbox"]').count()).toBe(0);
    await page.locator('[data-testid="hazard-supervision-contingencyPlan"]').fill('断电撤人');
    await page.locator('[data-testid="hazard-submit"]').click();
    await page.locator('[data-testid="finding-hazard"]').waitFor();

    // A violation found on it, and a penalty proposed for it.
    await page.locator('[data-testid="open-violation"]').click();
    await page.locator('[data-testid="violation-category"]').selectOption('over_capacity');
    await page.locator('[data-testid="violation-description"]').fill('2101 综采工作面超核定能力组织生产');
    await page.locator('[data-testid="violation-submit"]').click();
    await page.locator('[data-testid="finding-violation"]').waitFor();
    await page.locator('[data-testid="inspect-penalty"] summary').click();
    await page.locator('[data-testid="penalty-basis"]').fill('《中华人民共和国安全生产法》第一百一十二条');
    await page.locator('[data-testid="penalty-description"]').fill('你单位 2101 综采工作面超核定能力组织生产。');
    await page.locator('[data-testid="penalty-decisionNo"]').fill('东山煤安罚〔2026〕9号');
    await page.locator('[data-testid="penalty-submit"]').click();
    await page.locator('[data-testid="penalty-print"]').waitFor();
    await shots(page, '9-penalty');
    const inspection = await api(app).get(`/v1/inspections/${inspectionId}`);
    expect(inspection.findings.violationIds).toHaveLength(1);
    const penalties = (await api(app).get(`/v1/mines/${MINE}/penalties?limit=100`)).items.filter((p: any) =>
      p.violationIds?.includes(inspection.findings.violationIds[0]),
    );
    expect(penalties.map((p: any) => p.kind)).toEqual(['warning']);
    expect(unexpected(app.errors(page))).toEqual([]);
  });
});
