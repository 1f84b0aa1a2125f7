import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { demoCreditCode } from '#local/seed/demo-district.ts';
import { DEMO_FEED_INCIDENTS } from '#local/seed/demo-monitoring.ts';
import { client, startTestRuntime } from '../support/local-runtime.ts';

/**
 * The monitoring feeds in over HTTP on the local runtime: a mine's own system posts both feeds of a day; the bureau
 * imports the networked supervision platform's file for that day (one bad row rejected by its number); the
 * platform's value is in force and the mine's is kept as its declaration; another mine's user cannot reach it.
 */
const OWN = 'm-taiyuan';
let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let mine: string;
let inspector: string;
let otherMine: string;
const DAY = addDays(todayInShanghai(), -120);

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  mine = rt.tokens.mine_user!;
  inspector = rt.tokens.inspector!;
  otherMine = await rt.token({ role: 'mine_user', mineId: 'm-shuyuan1', sub: 'dev-mine_user-m-shuyuan1' });
});
afterAll(async () => rt?.stop());

const personnel = (peak: number) => ({ shifts: { night: 4, morning: peak, afternoon: 10 }, peak });
const put = (feed: 'personnel' | 'gas', body: unknown, token = mine, mineId = OWN, date = DAY) =>
  http('PUT', `/v1/mines/${mineId}/monitoring/${date}/${feed}`, { token, body });

describe('monitoring feeds over HTTP', () => {
  it('a mine posts both feeds of a day, and the same body again changes nothing', async () => {
    const p = await put('personnel', personnel(20));
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    expect(p.body.day.personnel).toMatchObject({ peak: 20, provenance: { source: 'mine' } });
    const g = await put('gas', {
      events: [
        {
          sensorId: 'T0101',
          location: '1201 回风巷',
          peakPercent: 1.62,
          startedAt: '02:10',
          minutes: 14,
          powerCut: false,
        },
      ],
      outages: [{ sensorId: 'T0102', location: '主井', hoursOffline: 3.5 }],
    });
    expect(g.status, JSON.stringify(g.body)).toBe(201);
    expect(g.body.day.personnel.peak).toBe(20);
    const again = await put('personnel', personnel(20));
    expect(again.status).toBe(200);
    expect(again.body.kind).toBe('unchanged');
    expect(again.body.day.personnelRevisions).toBeUndefined();
  });

  it('a body out of bounds is a 400 naming the field', async () => {
    const r = await put('personnel', { shifts: { night: 4, morning: 30, afternoon: 10 }, peak: 29 });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(r.body)).toContain('peak');
  });

  it('a bureau imports the platform file with one bad row rejected by number; the platform value is in force', async () => {
    const csv = [
      'creditCode,date,night,morning,afternoon,peak',
      `${demoCreditCode(0)},${DAY},4,35,10,35`,
      `${demoCreditCode(0)},${addDays(todayInShanghai(), 3)},4,35,10,35`,
    ].join('\n');
    const imp = await http('POST', '/v1/power-imports?kind=personnel', {
      token: inspector,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imp.status, JSON.stringify(imp.body)).toBe(202);
    expect(imp.body.kind).toBe('personnel');
    await rt.queue.drain();
    const done = await http('GET', `/v1/power-imports/${imp.body.importId}`, { token: inspector });
    expect(done.body).toMatchObject({ kind: 'personnel', accepted: 1, rejected: 1, status: 'done' });
    expect(done.body.rejectedRows).toEqual([expect.objectContaining({ row: 3, field: 'date' })]);

    const read = await http('GET', `/v1/mines/${OWN}/monitoring?from=${DAY}&to=${DAY}`, { token: inspector });
    expect(read.status).toBe(200);
    const [day] = read.body.items;
    expect(day.personnel).toMatchObject({ peak: 35, provenance: { source: 'platform', importId: imp.body.importId } });
    expect(day.personnelDeclared).toMatchObject({ peak: 20 });
    expect(day.gas.events).toHaveLength(1);

    // The mine reporting again does not replace the platform's value: it is its declaration.
    const late = await put('personnel', personnel(18));
    expect(late.status).toBe(200);
    expect(late.body.kind).toBe('declared');
    expect(late.body.day.personnel.peak).toBe(35);
    expect(late.body.day.personnelDeclared.peak).toBe(18);
  });

  it('another mine user gets 404 for this mine, reading or writing', async () => {
    expect((await http('GET', `/v1/mines/${OWN}/monitoring`, { token: otherMine })).status).toBe(404);
    expect((await put('personnel', personnel(12), otherMine)).status).toBe(404);
  });

  it('a bureau user may not post a mine feed', async () => {
    expect((await put('personnel', personnel(12), inspector)).status).toBe(403);
  });
});

describe('last night’s review hears the demo’s monitoring feeds', () => {
  const yesterday = addDays(todayInShanghai(), -1);
  const reviewOf = async (mineId: string) =>
    (await http('GET', `/v1/mines/${mineId}/power-reviews?from=${yesterday}&to=${yesterday}`, { token: inspector }))
      .body.items[0];

  it('finds every planted incident: the crew of the night production, 超定员, gas without power cut-off', async () => {
    const report = (await http('GET', `/v1/power-reviews/${yesterday}`, { token: inspector })).body;
    for (const incident of DEMO_FEED_INCIDENTS) {
      const found = report.anomalies.find((a: any) => a.mineId === incident.mineId);
      expect(
        found?.findings.map((f: any) => f.rule),
        incident.mineId,
      ).toEqual(expect.arrayContaining([...incident.rules]));
    }
    expect((await reviewOf('m-demo03')).witnesses).toEqual({
      electricity: 'normal',
      personnel: 'anomaly',
      gas: 'normal',
    });
    expect((await reviewOf('m-demo07')).witnesses).toMatchObject({ gas: 'anomaly' });
    // A mine every witness calls normal.
    expect((await reviewOf('m-shuyuan1')).witnesses).toEqual({
      electricity: 'normal',
      personnel: 'normal',
      gas: 'normal',
    });
  });

  it('one case per act: the night production’s electricity and crew are one case with both as evidence', async () => {
    const cases = (await http('GET', '/v1/cases?mineId=m-demo11', { token: inspector })).body.items as any[];
    const production = cases.filter((c) =>
      ['PEOPLE_WHEN_STOPPED', 'SUSPENDED_OVER_MAINTENANCE', 'NIGHT_PRODUCTION', 'UNACCEPTED_PRODUCTION'].includes(
        c.rule,
      ),
    );
    expect(production.map((c) => c.rule)).toHaveLength(1);
    const detail = (await http('GET', `/v1/cases/${production[0].caseId}`, { token: inspector })).body;
    const witnesses = new Set(detail.evidence.map((e: any) => e.finding.rule));
    expect(witnesses.has('PEOPLE_WHEN_STOPPED')).toBe(true);
    expect(witnesses.has('SUSPENDED_OVER_MAINTENANCE') || witnesses.has('NIGHT_PRODUCTION')).toBe(true);

    for (const [mineId, rule] of [
      ['m-demo03', 'OVER_HEADCOUNT'],
      ['m-demo07', 'GAS_NO_POWER_CUT'],
    ] as const) {
      const own = (await http('GET', `/v1/cases?mineId=${mineId}`, { token: inspector })).body.items as any[];
      expect(
        own.filter((c) => c.rule === rule),
        mineId,
      ).toHaveLength(1);
    }
  });

  it('a platform file changing a reviewed day reviews it again: the change and the shift it shows over the limit are findings', async () => {
    const csv = [
      'creditCode,date,night,morning,afternoon,peak',
      // 泰源煤矿's yesterday, reported by the platform again with the morning shift over its approved 150.
      `${demoCreditCode(0)},${yesterday},40,163,120,163`,
    ].join('\n');
    const imp = await http('POST', '/v1/power-imports?kind=personnel', {
      token: inspector,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imp.status, JSON.stringify(imp.body)).toBe(202);
    await rt.queue.drain();
    const review = await reviewOf('m-taiyuan');
    const rules = review.findings.map((f: any) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['OVER_HEADCOUNT', 'PERSONNEL_REVISED_AFTER_REVIEW']));
    expect(review.witnesses.personnel).toBe('anomaly');
    const cases = (await http('GET', '/v1/cases?mineId=m-taiyuan', { token: inspector })).body.items as any[];
    expect(cases.filter((c) => c.rule === 'OVER_HEADCOUNT')).toHaveLength(1);
  });
});
