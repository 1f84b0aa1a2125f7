import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { creditCodeCheckChar } from '#lib/validators/credit-code.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, mineBody, ok, startTestRuntime } from '../support/local-runtime.ts';

/**
 * The previews of a policy change over HTTP on the demo district: what a changed threshold of the electricity review
 * would have changed over the last 30 days, and what a changed credit model would do to each mine's tier today,
 * with nothing stored; a change the PUT would refuse is refused the same way; another district's admin sees only
 * its own mines.
 */
let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let admin: string;
let otherAdmin: string;
const NIGHT_MINE = 'm-demo11';
const WATER_MINE = 'm-demo12';
const OTHER_MINE = 'm-xs-preview';
const yesterday = addDays(todayInShanghai(), -1);

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  admin = rt.tokens.bureau_admin!;
  otherAdmin = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj/hegang/xingshan', sub: 'xs-preview-admin' });
  // A mine of another district, so each side's preview has something of the other's to leave out.
  const root = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj', sub: 'province-preview-admin' });
  const first17 = '91230407XP0000003';
  ok(
    await http('POST', '/v1/mines', {
      token: root,
      body: mineBody(OTHER_MINE, {
        name: '兴山预览演示矿',
        creditCode: first17 + creditCodeCheckChar(first17),
        jurisdiction: 'hlj/hegang/xingshan',
      }),
    }),
    201,
  );
});
afterAll(async () => rt?.stop());

const powerChange = async (thresholds: Record<string, unknown>, token = admin) => {
  const inForce = ok(await http('GET', '/v1/policies/power-review', { token }));
  return { version: inForce.ownVersion, thresholds, reason: '预览调整' };
};
const reviewsOf = async (mineId: string) =>
  ok(await http('GET', `/v1/mines/${mineId}/power-reviews`, { token: admin })).items;

describe('POST /v1/policies/power-review/preview', () => {
  it('a looser night-use threshold drops the night-production mine’s finding, and no review or policy is stored', async () => {
    const storedBefore = await reviewsOf(NIGHT_MINE);
    const policyBefore = ok(await http('GET', '/v1/policies/power-review', { token: admin }));
    const preview = ok(
      await http('POST', '/v1/policies/power-review/preview', {
        token: admin,
        body: await powerChange({ nightShareFactor: 5 }),
      }),
    );
    expect(preview).toMatchObject({ from: addDays(yesterday, -29), to: yesterday, truncated: false });
    expect(preview.totals).toMatchObject({ mines: 13, mineDays: 13 * 30 });
    const last = preview.changes.find((c: any) => c.mineId === NIGHT_MINE && c.date === yesterday);
    expect(last.before.rules).toContain('NIGHT_PRODUCTION');
    expect(last.after.rules).not.toContain('NIGHT_PRODUCTION');
    expect(last.mineName).toBeTruthy();

    expect(await reviewsOf(NIGHT_MINE)).toEqual(storedBefore);
    expect(storedBefore.find((r: any) => r.date === yesterday).findings.map((f: any) => f.rule)).toContain(
      'NIGHT_PRODUCTION',
    );
    expect(ok(await http('GET', '/v1/policies/power-review', { token: admin }))).toEqual(policyBefore);
  });

  it('a tighter maintenance multiplier turns normal days into anomalies, counted by from → to', async () => {
    const preview = ok(
      await http('POST', '/v1/policies/power-review/preview', {
        token: admin,
        body: await powerChange({ maintenanceMultiplier: 1 }),
      }),
    );
    expect(preview.totals.byVerdict).toContainEqual(expect.objectContaining({ from: 'normal', to: 'anomaly' }));
    expect(preview.days).toHaveLength(30);
  });

  it('refuses a value outside its bounds with 400 naming the setting, as the PUT does', async () => {
    const body = await powerChange({ nightShareFactor: 9 });
    const preview = await http('POST', '/v1/policies/power-review/preview', { token: admin, body });
    const put = await http('PUT', '/v1/policies/power-review', { token: admin, body });
    expect(preview.status).toBe(400);
    expect(preview.body.errors.map((e: any) => e.field)).toContain('body.thresholds.nightShareFactor');
    expect(put.status).toBe(400);
    expect(preview.body.errors).toEqual(put.body.errors);
  });

  it('refuses an unknown setting and a stale version', async () => {
    const unknown = await http('POST', '/v1/policies/power-review/preview', {
      token: admin,
      body: await powerChange({ nightShare: 2 }),
    });
    expect(unknown.status).toBe(400);
    const stale = await http('POST', '/v1/policies/power-review/preview', {
      token: admin,
      body: { ...(await powerChange({ spikeZ: 6 })), version: 7 },
    });
    expect(stale.status).toBe(409);
  });

  it('another district’s admin previews its own mines only, and this district’s admin none of theirs', async () => {
    const theirs = ok(
      await http('POST', '/v1/policies/power-review/preview', {
        token: otherAdmin,
        body: await powerChange({ minHistoryDays: 3 }, otherAdmin),
      }),
    );
    expect(theirs.totals).toMatchObject({ mines: 1, mineDays: 30 });
    expect(JSON.stringify(theirs)).not.toContain('m-demo');
    const ours = ok(
      await http('POST', '/v1/policies/power-review/preview', {
        token: admin,
        body: await powerChange({ minHistoryDays: 3 }),
      }),
    );
    expect(ours.totals.mines).toBe(13);
    expect(JSON.stringify(ours)).not.toContain(OTHER_MINE);
    const credit = ok(
      await http('POST', '/v1/policies/credit/preview', {
        token: otherAdmin,
        body: { version: 0, thresholds: { missedReadingsCap: 30 }, reason: '预览' },
      }),
    );
    expect(credit.totals.mines).toBe(1);
  });

  it('is the admin’s alone', async () => {
    const body = await powerChange({ spikeZ: 6 });
    for (const role of ['inspector', 'legal_reviewer', 'mine_user', 'partner_dept'])
      expect((await http('POST', '/v1/policies/power-review/preview', { token: rt.tokens[role]!, body })).status).toBe(
        403,
      );
  });
});

describe('POST /v1/policies/credit/preview', () => {
  const creditChange = async (thresholds: Record<string, unknown>) => {
    const inForce = ok(await http('GET', '/v1/policies/credit', { token: admin }));
    return { version: inForce.ownVersion, thresholds, reason: '预览调整' };
  };

  it('a stricter D threshold moves the C mine to D, with the counts per tier before and after; nothing stored', async () => {
    const creditBefore = ok(await http('GET', `/v1/mines/${WATER_MINE}/credit`, { token: admin }));
    const preview = ok(
      await http('POST', '/v1/policies/credit/preview', {
        token: admin,
        body: await creditChange({ tierFloors: { C: 74.5 } }),
      }),
    );
    expect(preview.asOf).toBe(todayInShanghai());
    expect(preview.totals.mines).toBe(13);
    const moved = preview.changes.find((c: any) => c.mineId === WATER_MINE);
    expect(moved).toMatchObject({ before: { tier: 'C' }, after: { tier: 'D' } });
    expect(moved.before.score).toBe(creditBefore.score);
    const d = preview.tiers.find((t: any) => t.tier === 'D');
    expect(d.after).toBe(d.before + preview.changes.filter((c: any) => c.after.tier === 'D').length);
    expect(preview.tiers.reduce((n: number, t: any) => n + t.before, 0)).toBe(13);
    expect(preview.tiers.reduce((n: number, t: any) => n + t.after, 0)).toBe(13);
    expect(ok(await http('GET', `/v1/mines/${WATER_MINE}/credit`, { token: admin }))).toEqual(creditBefore);
  });

  it('refuses floors out of order with 400 naming them, as the PUT does', async () => {
    const body = await creditChange({ tierFloors: { C: 80 } });
    const preview = await http('POST', '/v1/policies/credit/preview', { token: admin, body });
    expect(preview.status).toBe(400);
    expect(preview.body.errors.map((e: any) => e.field).join(' ')).toContain('body.thresholds.tierFloors');
  });

  it('is the admin’s alone', async () => {
    const body = await creditChange({ missedReadingsCap: 12 });
    for (const role of ['inspector', 'legal_reviewer', 'mine_user', 'partner_dept'])
      expect((await http('POST', '/v1/policies/credit/preview', { token: rt.tokens[role]!, body })).status).toBe(403);
  });
});
