import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOfNextMonth, previousMonth } from '#lib/reports/period.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, expectProblem, ok, startTestRuntime } from '../support/local-runtime.ts';

/**
 * Reports upward over HTTP on the demo city (鹤岗市): the city's statistics have a row for each of 东山区, 向阳区 and
 * 工农区, each equal to the district's own table, with totals that are their sum; 工农区's monthly report is
 * submitted, returned with comments, submitted again and accepted, its figures frozen at each submission; a district
 * accepting its own report, a return without comments, a stale version and another city's user are refused.
 */
const CITY = 'hlj/hegang';
const DISTRICTS = ['dongshan', 'xiangyang', 'gongnong'] as const;
const GONGNONG = `${CITY}/gongnong`;
const today = todayInShanghai();
const MONTH = previousMonth(today);
const YEAR = today.slice(0, 4);

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let city: string;
let gongnong: string;
let otherCity: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  city = rt.tokens.city_admin!;
  gongnong = await rt.token({ role: 'bureau_admin', jurisdiction: GONGNONG, sub: 'demo-gongnong-bureau_admin' });
  otherCity = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj/jixi', sub: 'jixi-admin' });
});
afterAll(async () => rt?.stop());

const FIGURES = [
  'inspections',
  'hazardsFound',
  'majorHazardsFound',
  'hazardsClosed',
  'majorHazardsSupervised',
  'violations',
  'penalties',
  'finesYuan',
  'suspensions',
  'blacklistEntries',
  'reviewAnomalies',
  'casesOpened',
] as const;

const statistics = (token: string, query: string) => http('GET', `/v1/reports/statistics?${query}`, { token });
const monthly = async (token: string, jurisdiction = GONGNONG) =>
  ok(await http('GET', `/v1/reports/monthly?jurisdiction=${jurisdiction}&month=${MONTH}`, { token })).items.find(
    (r: any) => r.jurisdiction === jurisdiction,
  );
const step = (token: string, action: string, body: Record<string, unknown>) =>
  http('POST', `/v1/reports/monthly/${MONTH}/${action}`, { token, body });

describe('the statistics of the demo city', () => {
  it.each([YEAR, MONTH])(
    '%s: a row per district equal to its own table, and totals that are their sum',
    async (period) => {
      const t = ok(await statistics(city, `jurisdiction=${CITY}&period=${period}`));
      expect(t.rows.map((r: any) => [r.jurisdiction, r.name])).toEqual([
        [`${CITY}/dongshan`, '东山区'],
        [`${CITY}/gongnong`, '工农区'],
        [`${CITY}/xiangyang`, '向阳区'],
      ]);
      for (const f of FIGURES) expect(t.totals[f], f).toBe(t.rows.reduce((sum: number, r: any) => sum + r[f], 0));
      for (const code of Object.keys(t.totals.violationsByCategory))
        expect(t.totals.violationsByCategory[code]).toBe(
          t.rows.reduce((sum: number, r: any) => sum + r.violationsByCategory[code], 0),
        );
      for (const d of DISTRICTS) {
        const own = ok(await statistics(city, `jurisdiction=${CITY}/${d}&period=${period}`));
        expect(own.rows).toHaveLength(1);
        expect(t.rows.find((r: any) => r.jurisdiction === `${CITY}/${d}`)).toEqual(own.rows[0]);
      }
    },
  );

  it('counts the demo district’s records of the year (its hazards, violations and penalties)', async () => {
    const t = ok(await statistics(city, `jurisdiction=${CITY}&period=${YEAR}`));
    const dongshan = t.rows.find((r: any) => r.jurisdiction === `${CITY}/dongshan`);
    expect(dongshan.hazardsFound).toBeGreaterThan(0);
    expect(dongshan.violations).toBeGreaterThan(0);
    expect(t.totals.hazardsFound).toBeGreaterThanOrEqual(dongshan.hazardsFound);
  });

  it.each(['2026-13', '11', 'abc'])('a period %j is 400 with a Chinese message', async (period) => {
    const r = await statistics(city, `jurisdiction=${CITY}&period=${period}`);
    expectProblem(r, 400, ['query.period']);
    expect(r.body.detail).toMatch(/统计期间.*须为年份（如 2026）或年月（如 2026-11）/);
  });

  it('another city’s user, and a district asking for its city, get 404', async () => {
    expectProblem(await statistics(otherCity, `jurisdiction=${CITY}&period=${MONTH}`), 404);
    expectProblem(await statistics(gongnong, `jurisdiction=${CITY}&period=${MONTH}`), 404);
    expectProblem(await statistics(gongnong, `jurisdiction=${CITY}/dongshan&period=${MONTH}`), 404);
    const own = ok(await statistics(gongnong, `period=${MONTH}`));
    expect(own.rows.map((r: any) => r.jurisdiction)).toEqual([GONGNONG]);
  });
});

describe('a district’s monthly report', () => {
  it('the demo city has 向阳区’s report submitted and the others due', async () => {
    const list = ok(await http('GET', `/v1/reports/monthly?month=${MONTH}`, { token: city }));
    expect(list.items.map((r: any) => [r.jurisdiction, r.state])).toEqual([
      [`${CITY}/dongshan`, 'due'],
      [`${CITY}/gongnong`, 'due'],
      [`${CITY}/xiangyang`, 'submitted'],
    ]);
    const own = ok(await http('GET', `/v1/reports/monthly?month=${MONTH}`, { token: gongnong }));
    expect(own.items.map((r: any) => r.jurisdiction)).toEqual([GONGNONG]);
  });

  it('is submitted, returned with comments, submitted again and accepted; refusals in Chinese', async () => {
    let r = await monthly(gongnong);
    expect(r.state).toBe('due');
    const first = ok(await step(gongnong, 'submit', { version: r.version, note: '首次报送' }));
    expect(first).toMatchObject({ state: 'submitted', stateLabel: '已报送' });
    const frozen = first.submissions[0].figures;
    expect(first.submissions[0].figures).toEqual(
      (({ jurisdiction: _j, name: _n, ...f }) => f)(ok(await statistics(gongnong, `period=${MONTH}`)).rows[0]),
    );

    // The district accepting (or returning) its own report: 422.
    const own = await step(gongnong, 'accept', { jurisdiction: GONGNONG, version: first.version });
    expectProblem(own, 422);
    expect(own.body.detail).toMatch(/区县局不能受理本局的月报/);
    // Another city's user: 404, as if it did not exist.
    expectProblem(await step(otherCity, 'accept', { jurisdiction: GONGNONG, version: first.version }), 404);
    // A return without comments: 400 naming the field.
    expectProblem(await step(city, 'return', { jurisdiction: GONGNONG, version: first.version }), 400, [
      'body.comments',
    ]);
    expectProblem(
      await step(city, 'return', { jurisdiction: GONGNONG, version: first.version, comments: '   ' }),
      400,
      ['body.comments'],
    );
    // A stale version: 409.
    expectProblem(await step(city, 'accept', { jurisdiction: GONGNONG, version: first.version - 1 }), 409, [
      'body.version',
    ]);
    // Submitted twice: 422.
    expectProblem(await step(gongnong, 'submit', { version: first.version }), 422);

    const returned = ok(
      await step(city, 'return', { jurisdiction: GONGNONG, version: first.version, comments: '罚款金额请与台账核对' }),
    );
    expect(returned).toMatchObject({ state: 'returned', stateLabel: '已退回' });

    // A violation of the month recorded after the first submission: the first keeps its figures.
    ok(
      await http('POST', '/v1/mines/m-gn01/violations', {
        token: city,
        body: {
          category: 'over_capacity',
          date: `${MONTH}-15`,
          description: '超能力组织生产（测试）',
          source: { kind: 'manual' },
        },
      }),
      201,
    );
    const again = ok(await step(gongnong, 'submit', { version: returned.version, note: '已核对' }));
    expect(again.submissions.map((s: any) => [s.no, s.returned?.comments ?? null, s.figures.violations])).toEqual([
      [1, '罚款金额请与台账核对', frozen.violations],
      [2, null, frozen.violations + 1],
    ]);

    const accepted = ok(await step(city, 'accept', { jurisdiction: GONGNONG, version: again.version }));
    expect(accepted).toMatchObject({ state: 'accepted', stateLabel: '已受理', version: again.version + 1 });
    expect(accepted.submissions[1].accepted.by.sub).toBe('dev-city_admin');
    // Accepted is final.
    expectProblem(await step(gongnong, 'submit', { version: accepted.version }), 422);
    expectProblem(
      await step(city, 'return', { jurisdiction: GONGNONG, version: accepted.version, comments: '再退' }),
      422,
    );
    r = await monthly(city);
    expect(r.state).toBe('accepted');
  });

  it('the city cannot submit a district’s report; a bad month is 400', async () => {
    const r = await monthly(city, `${CITY}/dongshan`);
    expectProblem(await step(city, 'submit', { jurisdiction: `${CITY}/dongshan`, version: r.version }), 422, [
      'body.jurisdiction',
    ]);
    expectProblem(
      await http('POST', '/v1/reports/monthly/2026-13/submit', { token: gongnong, body: { version: 0 } }),
      400,
      ['params.month'],
    );
  });
});

describe('the reporting deadline', () => {
  // This month's reports are not opened yet, so their deadline is read from the policy in force (an opened one keeps
  // the day it was opened with).
  const THIS_MONTH = today.slice(0, 7);
  const dueOnThisMonth = async () =>
    ok(
      await http('GET', `/v1/reports/monthly?jurisdiction=${GONGNONG}&month=${THIS_MONTH}`, { token: gongnong }),
    ).items.find((r: any) => r.jurisdiction === GONGNONG).dueOn;
  const policy = (token: string) => http('GET', '/v1/policies/reporting', { token });
  const setDueDay = async (token: string, dueDay: number) =>
    http('PUT', '/v1/policies/reporting', {
      token,
      body: { version: ok(await policy(token)).ownVersion, terms: { dueDay }, reason: '调整月报报送期限' },
    });

  it('a district setting its own reporting deadline is refused with 422 and the city’s stays in force', async () => {
    const cityDay = ok(await policy(city)).terms.dueDay;
    expect(await dueOnThisMonth()).toBe(dayOfNextMonth(THIS_MONTH, cityDay));
    // The district reads why it may not set it before it tries; the city may.
    expect(ok(await policy(gongnong)).notSettableHere).toMatch(/区县局不能自行设置/);
    expect(ok(await policy(city))).not.toHaveProperty('notSettableHere');

    const refused = await setDueDay(gongnong, cityDay === 28 ? 27 : 28);
    expectProblem(refused, 422, ['body.terms']);
    expect(refused.body.detail).toMatch(/月报报送期限由市局规定.*区县局不能自行设置/);
    // Nothing was stored: the district still reads the city's terms, and its report is due as before.
    expect(ok(await policy(gongnong))).toMatchObject({ ownVersion: 0, terms: { dueDay: cityDay } });
    expect(await dueOnThisMonth()).toBe(dayOfNextMonth(THIS_MONTH, cityDay));

    // The city's own setting is what moves its districts' deadline.
    const newDay = cityDay === 10 ? 11 : 10;
    expect(ok(await setDueDay(city, newDay))).toMatchObject({ definedAt: CITY, terms: { dueDay: newDay } });
    expect(await dueOnThisMonth()).toBe(dayOfNextMonth(THIS_MONTH, newDay));
    ok(await setDueDay(city, cityDay));
  });
});
