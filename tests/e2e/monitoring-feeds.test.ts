import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { demoCreditCode } from '#local/seed/demo-district.ts';
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
