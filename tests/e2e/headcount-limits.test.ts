import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, expectProblem, ok, startTestRuntime } from '../support/local-runtime.ts';

/**
 * The approved headcount (核定下井人数) over HTTP on the local runtime: the bureau sets it as dated versions kept as
 * history, the version in force on a day is the latest from on or before it, every change is audited with its
 * reason, and a mine reads its own limits but never sets them.
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
  it('none recorded yet: nothing in force, no versions', async () => {
    expect(ok(await http('GET', PATH, { token: mineUser }))).toMatchObject({
      mineId: MINE,
      inForce: null,
      versions: [],
      version: 0,
    });
  });

  it('a mine may not set its own headcount limit: 403, and nothing changes', async () => {
    expectProblem(
      await http('PUT', PATH, { token: mineUser, body: limits('2026-01-01', [500, 500, 500], [5, 5, 5]) }),
      403,
    );
    expect(ok(await http('GET', PATH, { token: admin })).versions).toEqual([]);
  });

  it('the bureau sets versions kept as history; the one in force on a day is the latest from on or before it', async () => {
    const first = ok(await http('PUT', PATH, { token: admin, body: limits('2026-01-01', [120, 150, 150], [5, 6, 6]) }));
    expect(first.version).toBe(1);
    expect(first.versions[0]).toMatchObject({
      from: '2026-01-01',
      reason: '依据核定文件',
      recordedBy: { sub: 'dev-bureau_admin', role: 'bureau_admin' },
    });
    const second = ok(
      await http('PUT', PATH, {
        token: inspector,
        body: limits('2026-06-01', [100, 130, 130], [4, 4, 4], { version: 1, reason: '核减定员' }),
      }),
    );
    expect(second.versions.map((v: { from: string }) => v.from)).toEqual(['2026-01-01', '2026-06-01']);

    const on = async (day: string) => ok(await http('GET', `${PATH}?asOf=${day}`, { token: mineUser })).inForce;
    expect(await on('2025-12-31')).toBeNull();
    expect(await on('2026-01-01')).toMatchObject({ from: '2026-01-01', shifts: { night: 120 } });
    expect(await on('2026-05-31')).toMatchObject({ from: '2026-01-01', dutyCrew: { morning: 6 } });
    expect(await on('2026-06-01')).toMatchObject({ from: '2026-06-01', shifts: { morning: 130 } });
  });

  it('each change is an audit event with its reason', async () => {
    const events = ok(await http('GET', `/v1/mines/${MINE}/audit?limit=50`, { token: admin })).items.filter(
      (e: { entityType: string }) => e.entityType === 'headcount',
    );
    expect(events.map((e: { action: string; reason: string }) => [e.action, e.reason])).toEqual([
      ['headcount.updated', '核减定员'],
      ['headcount.created', '依据核定文件'],
    ]);
    expect(events[0].after).toMatchObject({ from: '2026-06-01', shifts: { night: 100 } });
  });

  it.each([
    ['a count above 5,000', limits('2026-07-01', [5001, 100, 100], [0, 0, 0]), ['body.shifts.night']],
    ['a negative count', limits('2026-07-01', [100, 100, 100], [0, -1, 0]), ['body.dutyCrew.morning']],
    ['a fraction', limits('2026-07-01', [100, 100.5, 100], [0, 0, 0]), ['body.shifts.morning']],
    ['a date that is no calendar day', limits('2026-02-30', [100, 100, 100], [0, 0, 0]), ['body.from']],
    ['no reason', { ...limits('2026-07-01', [100, 100, 100], [0, 0, 0]), reason: undefined }, ['body.reason']],
    [
      'a duty crew above the shift’s limit',
      limits('2026-07-01', [100, 100, 10], [0, 0, 11]),
      ['body.dutyCrew.afternoon'],
    ],
  ])('refuses %s: 400 naming the field', async (_, body, fields) => {
    expectProblem(await http('PUT', PATH, { token: admin, body: { ...body, version: 2 } }), 400, fields);
  });

  it('accepts the bounds: 0 and 5,000, a duty crew equal to the limit', async () => {
    const r = ok(
      await http('PUT', PATH, {
        token: admin,
        body: limits('2026-07-01', [5000, 0, 10], [5000, 0, 10], { version: 2 }),
      }),
    );
    expect(r.version).toBe(3);
  });

  it('refuses a stale version (409) and a version dated before the latest (422)', async () => {
    expectProblem(
      await http('PUT', PATH, { token: admin, body: limits('2026-08-01', [100, 100, 100], [1, 1, 1], { version: 2 }) }),
      409,
      ['body.version'],
    );
    expectProblem(
      await http('PUT', PATH, { token: admin, body: limits('2026-06-30', [100, 100, 100], [1, 1, 1], { version: 3 }) }),
      422,
      ['body.from'],
    );
  });
});
