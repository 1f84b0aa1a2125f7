import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, expectProblem, ok, startTestRuntime } from '../support/local-runtime.ts';

/**
 * The approved headcount (核定下井人数) over HTTP on the local runtime: the bureau sets it as dated versions kept as
 * history, the version in force on a day is the latest from on or before it, every change is audited with its
 * reason, and a mine reads its own limits but never sets them. The demo district starts with one version per mine,
 * set by the bureau a year before today (local/seed/demo-monitoring.ts): the versions here come after it.
 */
const MINE = 'm-taiyuan';
const PATH = `/v1/mines/${MINE}/headcount-limits`;

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let admin: string;
let inspector: string;
let mineUser: string;

const limits = (from: string, shifts: number[], dutyCrew: number[], extra: Record<string, unknown> = {}) => ({
  from,
  shifts: { night: shifts[0], morning: shifts[1], afternoon: shifts[2] },
  dutyCrew: { night: dutyCrew[0], morning: dutyCrew[1], afternoon: dutyCrew[2] },
  reason: '依据核定文件',
  ...extra,
});

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  admin = rt.tokens.bureau_admin!;
  inspector = rt.tokens.inspector!;
  mineUser = rt.tokens.mine_user!;
});
afterAll(async () => rt?.stop());

describe('approved headcount limits', () => {
  const DEMO_FROM = addDays(todayInShanghai(), -400);
  // The versions' days, after the demo's, whatever day the test runs.
  const [F1, F2, F3, F4] = [60, 210, 240, 270].map((d) => addDays(DEMO_FROM, d)) as [string, string, string, string];

  it('the demo’s limits are in force: one version, set by the bureau, nothing before its day', async () => {
    const view = ok(await http('GET', PATH, { token: mineUser }));
    expect(view).toMatchObject({ mineId: MINE, version: 1, inForce: { from: DEMO_FROM, shifts: { morning: 150 } } });
    expect(view.versions).toHaveLength(1);
    expect(view.versions[0].recordedBy).toMatchObject({ role: 'bureau_admin' });
    expect(ok(await http('GET', `${PATH}?asOf=${addDays(DEMO_FROM, -1)}`, { token: mineUser })).inForce).toBeNull();
  });

  it('a mine may not set its own headcount limit: 403, and nothing changes', async () => {
    expectProblem(await http('PUT', PATH, { token: mineUser, body: limits(F1, [500, 500, 500], [5, 5, 5]) }), 403);
    expect(ok(await http('GET', PATH, { token: admin })).versions).toHaveLength(1);
  });

  it('the bureau sets versions kept as history; the one in force on a day is the latest from on or before it', async () => {
    const first = ok(
      await http('PUT', PATH, { token: admin, body: limits(F1, [120, 150, 150], [5, 6, 6], { version: 1 }) }),
    );
    expect(first.version).toBe(2);
    expect(first.versions[1]).toMatchObject({
      from: F1,
      reason: '依据核定文件',
      recordedBy: { sub: 'dev-bureau_admin', role: 'bureau_admin' },
    });
    const second = ok(
      await http('PUT', PATH, {
        token: inspector,
        body: limits(F2, [100, 130, 130], [4, 4, 4], { version: 2, reason: '核减定员' }),
      }),
    );
    expect(second.versions.map((v: { from: string }) => v.from)).toEqual([DEMO_FROM, F1, F2]);

    const on = async (day: string) => ok(await http('GET', `${PATH}?asOf=${day}`, { token: mineUser })).inForce;
    expect(await on(addDays(F1, -1))).toMatchObject({ from: DEMO_FROM });
    expect(await on(F1)).toMatchObject({ from: F1, shifts: { night: 120 } });
    expect(await on(addDays(F2, -1))).toMatchObject({ from: F1, dutyCrew: { morning: 6 } });
    expect(await on(F2)).toMatchObject({ from: F2, shifts: { morning: 130 } });
  });

  it('each change is an audit event with its reason', async () => {
    const events = ok(await http('GET', `/v1/mines/${MINE}/audit?limit=50`, { token: admin })).items.filter(
      (e: { entityType: string }) => e.entityType === 'headcount',
    );
    expect(events.map((e: { action: string; reason: string }) => [e.action, e.reason])).toEqual([
      ['headcount.updated', '核减定员'],
      ['headcount.updated', '依据核定文件'],
      ['headcount.created', '安全生产许可证核定下井人数（演示）'],
    ]);
    expect(events[0].after).toMatchObject({ from: F2, shifts: { night: 100 } });
  });

  it.each([
    ['a count above 5,000', limits(F3, [5001, 100, 100], [0, 0, 0]), ['body.shifts.night']],
    ['a negative count', limits(F3, [100, 100, 100], [0, -1, 0]), ['body.dutyCrew.morning']],
    ['a fraction', limits(F3, [100, 100.5, 100], [0, 0, 0]), ['body.shifts.morning']],
    ['a date that is no calendar day', limits('2026-02-30', [100, 100, 100], [0, 0, 0]), ['body.from']],
    ['no reason', { ...limits(F3, [100, 100, 100], [0, 0, 0]), reason: undefined }, ['body.reason']],
    ['a duty crew above the shift’s limit', limits(F3, [100, 100, 10], [0, 0, 11]), ['body.dutyCrew.afternoon']],
  ])('refuses %s: 400 naming the field', async (_, body, fields) => {
    expectProblem(await http('PUT', PATH, { token: admin, body: { ...body, version: 3 } }), 400, fields);
  });

  it('accepts the bounds: 0 and 5,000, a duty crew equal to the limit', async () => {
    const r = ok(
      await http('PUT', PATH, {
        token: admin,
        body: limits(F3, [5000, 0, 10], [5000, 0, 10], { version: 3 }),
      }),
    );
    expect(r.version).toBe(4);
  });

  it('refuses a stale version (409) and a version dated before the latest (422)', async () => {
    expectProblem(
      await http('PUT', PATH, { token: admin, body: limits(F4, [100, 100, 100], [1, 1, 1], { version: 3 }) }),
      409,
      ['body.version'],
    );
    expectProblem(
      await http('PUT', PATH, {
        token: admin,
        body: limits(addDays(F3, -1), [100, 100, 100], [1, 1, 1], { version: 4 }),
      }),
      422,
      ['body.from'],
    );
  });
});
