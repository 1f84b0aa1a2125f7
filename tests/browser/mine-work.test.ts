import { describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { type BrowserApp, clickNav, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';
import { client, ok } from '../support/local-runtime.ts';

/**
 * 本矿填报 as the demo mine's safety manager (泰源煤矿) uses it, in Chromium against the local runtime: a day's
 * readings of every meter, a month by CSV with one bad row refused by its line number and the rest reported, a
 * self-found hazard with its photo, a drill recorded with its record, the year's safety commitment, a request to
 * register a new meter. Each section at desktop size and at 390 px under test-output/screenshots/. An inspector
 * opens the same page for the mine and his readings count as the bureau's.
 */
const browserApp = useBrowserApp();
const PHONE = { width: 390, height: 844 } as const;
const MINE = 'm-taiyuan';
const today = todayInShanghai();
const apiGet = async (app: BrowserApp, path: string, user: string): Promise<any> =>
  ok(await client(app.runtime.url)('GET', path, { token: app.runtime.tokens[user] }));
/** Chromium reports every 4xx answer on the console; the CSV line the API refuses on purpose is not a fault. */
const unexpected = (errors: string[]) =>
  errors.filter((e) => !/status of 4(00|22) .*\/(power-readings|objections)\)$/.test(e));

type Page = Awaited<ReturnType<BrowserApp['openAs']>>;
async function both(page: Page, name: string) {
  await screenshot(page, `mine-work-${name}`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `mine-work-${name}-phone`);
  await page.setViewportSize(VIEWPORT);
}
async function openTab(page: Page, key: string, section: string) {
  await page.locator(`[data-testid="work-tab-${key}"]`).click();
  await page.locator(`[data-testid="work-${section}"][data-ready="true"]`).waitFor();
}
/** Waits for the element to show the text (a form's answer arrives after the click). */
const shows = (page: Page, testid: string, text: string | RegExp) =>
  page.locator(`[data-testid="${testid}"]`, { hasText: text }).first().waitFor();
const jpeg = (label: string, size = 4096) => {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  bytes.write(label, 8);
  return bytes;
};

describe('the mine user', () => {
  it('records readings, a month by CSV, a self-found hazard, a drill, the commitment and a register request', async () => {
    const app = browserApp();
    const meters = (await apiGet(app, `/v1/mines/${MINE}/meters`, 'mine_user')).items as { meterId: string }[];
    expect(meters.length).toBeGreaterThan(0);

    const page = await app.openAs('mine_user', '/');
    await clickNav(page, 'work');
    await waitReady(page, 'mine-work');
    await shows(page, 'work-mine', '泰源煤矿');
    await page.locator('[data-testid="work-readings"][data-ready="true"]').waitFor();

    // A day's readings: one per meter in force.
    const day = addDays(today, -2);
    await page.locator('[data-testid="day-date"]').fill(day);
    for (const [i] of meters.entries()) await page.locator(`[data-testid="day-readings-${i}-kwh"]`).fill(`${8000 + i}`);
    await page.locator('[data-testid="day-reason"]').fill('按电表抄见数补报');
    await page.locator('[data-testid="day-submit"]').click();
    await shows(page, 'day-result', /^已报送/);
    const series = await apiGet(app, `/v1/mines/${MINE}/power-readings?from=${day}&to=${day}`, 'mine_user');
    const stored = series.days[0].meters.find((m: { meterId: string }) => m.meterId === meters[0]!.meterId);
    // The mine's value is in force, or kept as its declaration beside a grid value.
    expect(stored.kwh === 8000 || stored.declared?.kwh === 8000).toBe(true);
    await both(page, 'readings');

    // A month by CSV: line 5 has a negative value, refused by its line number; the other lines go in.
    const month = addDays(`${today.slice(0, 8)}01`, -1).slice(0, 8);
    const lines = ['meterId,date,kwh,reason'];
    for (let d = 1; d <= 10; d++)
      lines.push(`${meters[0]!.meterId},${month}${String(d).padStart(2, '0')},${d === 4 ? -5 : 7000 + d},月度补报`);
    await page
      .locator('[data-testid="readings-csv"]')
      .setInputFiles({ name: 'readings.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await shows(page, 'csv-summary', '10 行读数');
    await page.locator('[data-testid="csv-send"]').click();
    const problem = page.locator('[data-testid="csv-problem"]');
    await problem.first().waitFor();
    await expect(problem.allInnerTexts()).resolves.toEqual([expect.stringMatching(/^第 5 行：电量：/)]);
    await shows(page, 'csv-send', '只报送其余 9 行');
    await both(page, 'readings-csv-rejected');
    await page.locator('[data-testid="csv-send"]').click();
    await shows(page, 'csv-result', /^已报送.*共 9 行/);
    const monthSeries = await apiGet(
      app,
      `/v1/mines/${MINE}/power-readings?from=${month}01&to=${month}10`,
      'mine_user',
    );
    const withMeter = monthSeries.days.filter((d: { meters: { meterId: string }[] }) =>
      d.meters.some((m) => m.meterId === meters[0]!.meterId),
    );
    expect(withMeter.map((d: { date: string }) => d.date)).not.toContain(`${month}04`);
    expect(withMeter.length).toBe(9);

    // A self-found hazard, then its photo on the step 发现.
    await openTab(page, 'self-hazard', 'self-hazard');
    await page.locator('[data-testid="self-description"]').fill('2 号煤仓上口护栏缺失');
    await page.locator('[data-testid="self-location"]').fill('2 号煤仓上口');
    await page.locator('[data-testid="self-deadline"]').fill(addDays(today, 7));
    await page.locator('[data-testid="self-measures"]').fill('补装护栏并设警示标志');
    await page.locator('[data-testid="self-hazard-submit"]').click();
    await page.locator('[data-testid="self-hazard-created"]').waitFor();
    await page
      .locator('[data-testid="evidence-input-found"]')
      .setInputFiles({ name: '煤仓上口.jpg', mimeType: 'image/jpeg', buffer: jpeg('found') });
    await page.locator('[data-testid="evidence-step-found"] [data-testid="evidence-file"]').waitFor();
    const hazards = (await apiGet(app, `/v1/mines/${MINE}/hazards`, 'mine_user')).items as {
      hazardId: string;
      source: string;
      location: string;
    }[];
    const own = hazards.find((h) => h.location === '2 号煤仓上口')!;
    expect(own.source).toBe('self_report');
    const files = await apiGet(app, `/v1/mines/${MINE}/evidence/hazard/${own.hazardId}`, 'mine_user');
    expect(files.items.map((f: { step: string }) => f.step)).toEqual(['found']);
    await both(page, 'self-hazard');

    await openTab(page, 'hazards', 'hazards');
    await expect(page.locator('[data-testid="hazard-item"]').allInnerTexts()).resolves.toContainEqual(
      expect.stringContaining('2 号煤仓上口'),
    );
    await both(page, 'hazards');

    // A drill with its record.
    await openTab(page, 'duties', 'duties');
    await page.locator('[data-testid="duty-duty"]').selectOption('onsite_response_drill');
    await page.locator('[data-testid="duty-lastDoneOn"]').fill(addDays(today, -3));
    await page.locator('[data-testid="duty-reference"]').fill('演练记录 2026-11');
    await page.locator('[data-testid="duty-note"]').fill('井下透水现场处置演练，参加 42 人，撤离用时 18 分钟');
    await page.locator('[data-testid="duty-submit"]').click();
    await shows(page, 'duty-success', '已登记');
    await page.locator('[data-testid="duty-onsite_response_drill"]', { hasText: addDays(today, -3) }).waitFor();
    // The drill's record as a file on the duty's `record` step.
    await page
      .locator('[data-testid="evidence-input-record"]')
      .setInputFiles({ name: '演练记录.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 演练记录') });
    await page.locator('[data-testid="evidence-step-record"] [data-testid="evidence-file"]').waitFor();
    const dutyFiles = await apiGet(app, `/v1/mines/${MINE}/evidence/duty/onsite_response_drill`, 'mine_user');
    expect(dutyFiles.items).toMatchObject([{ step: 'record', fileName: '演练记录.pdf', source: 'mine' }]);
    const duty = await apiGet(app, `/v1/mines/${MINE}/periodic-duties/onsite_response_drill`, 'mine_user');
    expect(duty).toMatchObject({ lastDoneOn: addDays(today, -3), reference: '演练记录 2026-11' });
    await both(page, 'duties');

    // The year's safety commitment.
    await openTab(page, 'commitment', 'commitment');
    await page.locator('[data-testid="commit-signedBy"]').fill('张建国（演示）');
    await page
      .locator('[data-testid="commit-content"]')
      .fill('严格落实安全生产主体责任，不超能力、超强度、超定员组织生产。');
    await page.locator('[data-testid="commitment-submit"]').click();
    await shows(page, 'commitment-success', '已保存');
    const commitments = (await apiGet(app, `/v1/mines/${MINE}/safety-commitments`, 'mine_user')).items;
    expect(commitments).toContainEqual(
      expect.objectContaining({ year: today.slice(0, 4), signedBy: '张建国（演示）' }),
    );
    await both(page, 'commitment');

    // A request to register a new meter, pending the bureau's approval, with a photo of the meter.
    await openTab(page, 'register', 'register');
    await page.locator('[data-testid="reg-itemId"]').fill('meter-new-01');
    await page.locator('[data-testid="reg-name"]').fill('新增 3 号变压器计量表');
    await page.locator('[data-testid="reg-reason"]').fill('新增 3 号变压器');
    await page.locator('[data-testid="register-submit"]').click();
    await shows(page, 'register-success', '待监管部门审批');
    await page
      .locator('[data-testid="evidence-input-request"]')
      .first()
      .setInputFiles({ name: '电表铭牌.jpg', mimeType: 'image/jpeg', buffer: jpeg('meter') });
    await page.locator('[data-testid="evidence-step-request"] [data-testid="evidence-file"]').first().waitFor();
    await shows(page, 'register-request', '待审批');
    const requests = (await apiGet(app, `/v1/mines/${MINE}/register-requests`, 'mine_user')).items;
    expect(requests[0]).toMatchObject({ kind: 'meter', itemId: 'meter-new-01', status: 'pending' });
    await both(page, 'register');

    await openTab(page, 'objection', 'objection');
    await page.locator('[data-testid="objection-none"]').waitFor();
    expect(unexpected(app.errors(page))).toEqual([]);
  });

  it('objects to a blacklist notice within its window, with a file, and the bureau sees the objection', async () => {
    const app = browserApp();
    const http = client(app.runtime.url);
    // The bureau proposes listing the mine and serves the notice today (over the API).
    const proposed = await http('POST', '/v1/blacklist', {
      token: app.runtime.tokens.inspector,
      body: {
        subjectType: 'enterprise',
        mineId: MINE,
        grounds: ['REFUSING_PENALTY'],
        scopes: ['safety_licence'],
        note: '拒不执行停产整顿决定（演示）',
      },
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const entryId = proposed.body.entryId as string;
    ok(
      await http('POST', `/v1/blacklist/${entryId}/actions`, {
        token: app.runtime.tokens.inspector,
        body: { action: 'serve_notice', version: 1, servedOn: today, noticeNo: '东山煤安告〔2026〕1号' },
      }),
    );
    const page = await app.openAs('mine_user', '/work');
    await waitReady(page, 'mine-work');
    await openTab(page, 'objection', 'objection');
    await shows(page, 'notice-days-left', '还有 8 天');
    await page.locator('[data-testid="objection-submit"]').click();
    await page.locator('[data-testid="objection-content-error"]').waitFor({ state: 'visible' });
    await page
      .locator('[data-testid="objection-content"]')
      .fill('本矿已于 11 月 20 日起停产整顿，附停产记录和整改报告');
    await page.locator('[data-testid="objection-submit"]').click();
    await page.locator('[data-testid="notice-objections"] li').first().waitFor();
    await page
      .locator('[data-testid="evidence-input-objection"]')
      .setInputFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 整改报告') });
    await page.locator('[data-testid="evidence-step-objection"] [data-testid="evidence-file"]').waitFor();
    const entry = await apiGet(app, `/v1/blacklist/${entryId}`, 'bureau_admin');
    expect(entry.objections).toMatchObject([
      {
        receivedOn: today,
        content: '本矿已于 11 月 20 日起停产整顿，附停产记录和整改报告',
        recordedBy: { role: 'mine_user' },
      },
    ]);
    await both(page, 'objection');
    expect(unexpected(app.errors(page))).toEqual([]);
  });

  it('an inspector records a reading on site for the mine: it counts as the bureau’s', async () => {
    const app = browserApp();
    const meters = (await apiGet(app, `/v1/mines/${MINE}/meters`, 'inspector')).items as { meterId: string }[];
    const page = await app.openAs('inspector', `/mines/${MINE}/work`);
    await waitReady(page, 'mine-work');
    await page.locator('[data-testid="work-readings"][data-ready="true"]').waitFor();
    await expect(page.locator('[data-testid="work-tab-self-hazard"]').count()).resolves.toBe(0);
    // Today: the grid company's file has not come yet (a bureau value may not replace the grid's).
    const day = today;
    await page.locator('[data-testid="day-date"]').fill(day);
    for (const [i] of meters.entries()) await page.locator(`[data-testid="day-readings-${i}-kwh"]`).fill(`${6100 + i}`);
    await page.locator('[data-testid="day-reason"]').fill('现场抄表');
    await page.locator('[data-testid="day-submit"]').click();
    await page.locator('[data-testid="day-result"]').waitFor();
    const series = await apiGet(app, `/v1/mines/${MINE}/power-readings?from=${day}&to=${day}`, 'inspector');
    const stored = series.days[0].meters.find((m: { meterId: string }) => m.meterId === meters[0]!.meterId);
    expect(stored).toMatchObject({ source: 'bureau', kwh: 6100 });
    await both(page, 'inspector-readings');
    expect(unexpected(app.errors(page))).toEqual([]);
  });
});
