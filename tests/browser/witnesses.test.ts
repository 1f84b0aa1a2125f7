import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { type BrowserApp, SCREENSHOT_DIR, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';
import { client, ok } from '../support/local-runtime.ts';

/**
 * The three witnesses on the mine's file and in the daily review, in Chromium against the local runtime with the demo
 * district: 泰源煤矿's own systems report people underground and gas for five days (one day left out), one
 * day has a gas alarm the system did not cut power for; the day's review, run again, flags it. The mine's file then
 * shows the electricity, the people and the gas on one axis of dates with that day marked and its rule named, for the
 * bureau and for the mine's own user; the review page lists each witness's verdict; the case it opened shows its
 * concentration in %, not in kWh. Desktop and 390 px screenshots under test-output/screenshots/.
 */
const browserApp = useBrowserApp();
const MINE = 'm-taiyuan';
const PHONE = { width: 390, height: 844 } as const;
const yesterday = addDays(todayInShanghai(), -1);
// Days before the demo's own month of platform feeds (local/seed/demo-monitoring.ts), which a mine's report would
// not replace: there the mine's systems are the only source.
/** The day with a gas alarm and no power cut. */
const FLAGGED = addDays(yesterday, -37);
/** The personnel feed's missing day: a gap on the chart. */
const GAP = addDays(yesterday, -38);
const FEED_DAYS = [36, 37, 38, 39, 40].map((k) => addDays(yesterday, -k));

type Page = Awaited<ReturnType<BrowserApp['openAs']>>;

let seeded: Promise<void> | undefined;
/** The feeds and the approved headcount through the API, as the mine's systems and the bureau send them; once. */
const seed = (app: BrowserApp): Promise<void> => {
  seeded ??= (async () => {
    const http = client(app.runtime.url);
    const token = (user: string) => app.runtime.tokens[user]!;
    const limits = ok(await http('GET', `/v1/mines/${MINE}/headcount-limits`, { token: token('bureau_admin') })) as {
      version: number;
      versions: { from: string }[];
    };
    const last = limits.versions.at(-1)?.from;
    const from = last && last > addDays(yesterday, -30) ? last : addDays(yesterday, -30);
    const set = await http('PUT', `/v1/mines/${MINE}/headcount-limits`, {
      token: token('bureau_admin'),
      body: {
        ...(limits.version > 0 ? { version: limits.version } : {}),
        from,
        shifts: { night: 30, morning: 80, afternoon: 60 },
        dutyCrew: { night: 5, morning: 5, afternoon: 5 },
        reason: '按核定生产能力核定下井人数（演示）',
      },
    });
    expect(set.status, JSON.stringify(set.body)).toBeLessThan(300);
    for (const [i, day] of FEED_DAYS.entries()) {
      const put = (feed: string, body: unknown) =>
        http('PUT', `/v1/mines/${MINE}/monitoring/${day}/${feed}`, { token: token('mine_user'), body });
      if (day !== GAP) {
        const peak = 52 + i * 3;
        ok(await put('personnel', { shifts: { night: 18, morning: peak, afternoon: 40 }, peak }), 201);
      }
      const flagged = day === FLAGGED;
      ok(
        await put('gas', {
          events: [
            {
              sensorId: 'T0101',
              location: '1201 回风巷',
              peakPercent: 1.12,
              startedAt: '09:20',
              minutes: 6,
              powerCut: true,
            },
            ...(flagged
              ? [
                  {
                    sensorId: 'T0103',
                    location: '1201 工作面',
                    peakPercent: 1.62,
                    startedAt: '02:10',
                    minutes: 14,
                    powerCut: false,
                  },
                ]
              : []),
          ],
          outages: flagged ? [{ sensorId: 'T0102', location: '主井', hoursOffline: 3.5 }] : [],
        }),
        201,
      );
    }
    ok(await http('POST', `/v1/power-reviews/${FLAGGED}/run`, { token: token('bureau_admin') }), 202);
    await app.runtime.queue.drain();
    const review = ok(
      await http('GET', `/v1/mines/${MINE}/power-reviews?from=${FLAGGED}&to=${FLAGGED}`, { token: token('inspector') }),
    ).items[0];
    expect(review.witnesses).toMatchObject({ gas: 'anomaly' });
    expect(review.findings.map((f: { rule: string }) => f.rule)).toContain('GAS_NO_POWER_CUT');
  })();
  return seeded;
};

/** The mine file's chart, every panel drawn. */
async function chartOf(page: Page) {
  await waitReady(page, 'mine');
  const chart = page.locator('[data-testid="daily-chart"]');
  await chart.waitFor({ state: 'visible' });
  for (const panel of ['kwh', 'people', 'alarms', 'offline'])
    await chart.locator(`[data-testid="chart-panel-${panel}"] canvas`).first().waitFor({ state: 'visible' });
  return chart;
}

/**
 * The mine file's section of the three witnesses alone, in a window tall enough to hold it unscrolled (scrolled, the
 * app's fixed top bar would cover part of it).
 */
async function sectionShot(page: Page, name: string) {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: 2400 });
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.locator('[data-testid="section-power"]').screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  await page.setViewportSize(size);
}

/** Hovers the day on a panel (the x scale runs from -0.5 to days-0.5) and returns the readout above the panels. */
async function hoverDay(page: Page, panel: string, day: string) {
  const chart = page.locator('[data-testid="daily-chart"]');
  const from = (await chart.getAttribute('data-from'))!;
  const to = (await chart.getAttribute('data-to'))!;
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  const index = Math.round((Date.parse(day) - Date.parse(from)) / 86_400_000);
  const over = chart.locator(`[data-testid="chart-panel-${panel}"] .u-over`);
  await over.scrollIntoViewIfNeeded();
  const box = (await over.boundingBox())!;
  await over.hover({ position: { x: ((index + 0.5) / days) * box.width, y: box.height / 2 } });
  const readout = page.locator('[data-testid="chart-readout"]');
  await expect.poll(() => readout.getAttribute('data-day')).toBe(day);
  return readout;
}

describe('the three witnesses on the mine’s file', () => {
  it('a bureau user sees kWh, people and gas on one axis, the flagged day marked with its rule', async () => {
    const app = browserApp();
    await seed(app);
    const page = await app.openAs('inspector', `/mines/${MINE}`);
    const chart = await chartOf(page);
    await expect.poll(() => chart.getAttribute('data-anomaly-days')).toContain(FLAGGED);
    // Four of the five days carry people (the gap day not), all five the gas feed, and the electricity its readings.
    expect(Number(await chart.getAttribute('data-people-days'))).toBeGreaterThanOrEqual(4);
    expect(Number(await chart.getAttribute('data-gas-days'))).toBeGreaterThanOrEqual(5);
    expect(Number(await chart.getAttribute('data-kwh-days'))).toBeGreaterThan(30);
    const legend = await page.locator('[data-testid="chart-legend"]').innerText();
    for (const name of [
      '日用电量 kWh',
      '井下人数峰值 人',
      '核定单班最多人数',
      '瓦斯超限报警 次',
      '其中未断电',
      '传感器最长断线 小时',
      '审查异常日',
    ])
      expect(legend).toContain(name);

    // The flagged day, hovered on the gas panel: its values and the rule, by the witness that found it.
    const readout = await hoverDay(page, 'alarms', FLAGGED);
    const text = await readout.innerText();
    expect(text).toContain('超限报警 2 次（未断电 1 次）');
    expect(text).toContain('最长 3.5 小时');
    await expect(readout.locator('[data-testid="chart-readout-rules"]').innerText()).resolves.toContain(
      '安全监控：瓦斯超限未断电',
    );
    // The day the personnel feed left out reads as no data, not as nobody underground.
    await expect((await hoverDay(page, 'people', GAP)).innerText()).resolves.toContain('人员 无数据');
    await expect(page.locator(`[data-testid="anomaly-day"][data-day="${FLAGGED}"]`).count()).resolves.toBe(1);
    await hoverDay(page, 'kwh', FLAGGED);
    await screenshot(page, 'witnesses-mine');
    await sectionShot(page, 'witnesses-mine-chart');
    await page.setViewportSize(PHONE);
    await chartOf(page);
    // A phone's day is two or three pixels wide: the readout keeps the day last hovered, and the chart still ends
    // with the latest day in sight (not cut off at the right edge).
    await expect(page.locator('[data-testid="chart-readout"]').getAttribute('data-day')).resolves.toBe(FLAGGED);
    const section = (await page.locator('[data-testid="section-power"]').boundingBox())!;
    const canvas = (await page.locator('[data-testid="chart-panel-kwh"] canvas').first().boundingBox())!;
    expect(canvas.x + canvas.width).toBeLessThanOrEqual(section.x + section.width);
    await screenshot(page, 'witnesses-mine-phone');
    await sectionShot(page, 'witnesses-mine-chart-phone');
    await page.setViewportSize(VIEWPORT);
    expect(app.errors(page)).toEqual([]);
  });

  it('the mine’s own user sees the same three series on its home page', async () => {
    const app = browserApp();
    await seed(app);
    const page = await app.openAs('mine_user', '/');
    const chart = await chartOf(page);
    expect(page.url()).toContain(`#/mines/${MINE}`);
    expect(Number(await chart.getAttribute('data-people-days'))).toBeGreaterThanOrEqual(4);
    await expect.poll(() => chart.getAttribute('data-anomaly-days')).toContain(FLAGGED);
    const readout = await hoverDay(page, 'offline', FLAGGED);
    await expect(readout.innerText()).resolves.toContain('瓦斯超限未断电');
    await sectionShot(page, 'witnesses-mine-user-chart');
    expect(app.errors(page)).toEqual([]);
  });
});

describe('the daily review', () => {
  it('lists every witness’s verdict per mine, and the case shows its finding in its own unit', async () => {
    const app = browserApp();
    await seed(app);
    const page = await app.openAs('inspector', `/review/${FLAGGED}`);
    await waitReady(page, 'review');
    const badges = page.locator(`[data-testid="witnesses-${MINE}"]`);
    const verdict = (witness: string) => badges.locator(`[data-witness="${witness}"]`).getAttribute('data-verdict');
    await expect(verdict('gas')).resolves.toBe('anomaly');
    await expect(verdict('personnel')).resolves.toMatch(/^(normal|anomaly)$/);
    await expect(verdict('electricity')).resolves.toMatch(/^(normal|anomaly|no_data)$/);
    const text = await badges.innerText();
    for (const name of ['用电量', '人员位置监测', '安全监控', '异常']) expect(text).toContain(name);
    // A mine whose systems sent nothing: its feeds are 无数据.
    const other = page.locator('[data-testid="witnesses-m-shuyuan1"]');
    await expect(other.locator('[data-witness="gas"]').getAttribute('data-verdict')).resolves.toBe('no_data');
    await expect(other.locator('[data-witness="personnel"]').innerText()).resolves.toContain('无数据');
    await screenshot(page, 'witnesses-review');
    await page.setViewportSize(PHONE);
    // On a phone a row is a card: nothing to scroll sideways, every verdict and witness in sight.
    const table = page.locator('[data-testid="review-table"]');
    const overflow = await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await expect(badges.innerText()).resolves.toContain('安全监控');
    // A card leaves out the lines with nothing to say (a normal mine's rules, findings and cases): no bare labels.
    const bareLabels = await table.evaluate((t) =>
      [...t.querySelectorAll('tbody td')]
        .filter((td) => td.getClientRects().length > 0 && !td.textContent?.trim())
        .map((td) => td.getAttribute('data-label')),
    );
    expect(bareLabels).toEqual([]);
    await screenshot(page, 'witnesses-review-phone');
    await page.setViewportSize(VIEWPORT);

    // The case the alarm opened, linked from the row: measured and threshold as concentrations.
    const cases = ok(
      await client(app.runtime.url)('GET', `/v1/cases?mineId=${MINE}`, { token: app.runtime.tokens.inspector }),
    ).items as { caseId: string; rule: string }[];
    const gasCase = cases.find((c) => c.rule === 'GAS_NO_POWER_CUT');
    expect(gasCase, 'the alarm without a power cut opened a case').toBeDefined();
    await page.locator(`[data-testid="review-row-${MINE}"] [data-testid="case-link-${gasCase!.caseId}"]`).click();
    await waitReady(page, 'case');
    const values = await page.locator('[data-testid="finding-values"]').innerText();
    expect(values).toMatch(/实测 1\.62%，阈值 1%/);
    expect(values).not.toContain('kWh');
    await screenshot(page, 'witnesses-case');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'witnesses-case-phone');
    expect(app.errors(page)).toEqual([]);
  });
});
