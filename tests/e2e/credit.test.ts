import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CREDIT_THRESHOLDS } from '#lib/credit/policy.ts';
import { addDays, addMonths, daysInMonth, todayInShanghai } from '#lib/validators/business-date.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, expectProblem, mineBody, ok, startTestRuntime } from '../support/local-runtime.ts';
import { creditCodeFor } from '../support/registry-fixtures.ts';

/**
 * Safety credit (安全信用分类监管) over HTTP on the local runtime: violations drop a mine to D and the nightly job
 * records the change once (snapshot, notification, blacklist proposal); overrides need a second person; what-ifs
 * store nothing; the inspection plan follows the tier; the policy is versioned per jurisdiction; a mine sees only
 * its own credit; another district sees none of it.
 *
 * The tests of this file run in order on one runtime: the classification of one is the starting point of the next.
 * The policy change (which raises the A floor for the whole district) comes last.
 */
const DEMO = 'hlj/hegang/dongshan';
const JOB = 'credit-classification';

/** Mines of this file, created in the demo district so no other test moves their credit. */
const DROP = 'm-credit-drop';
const OVR = 'm-credit-ovr';
const SIM = 'm-credit-sim';
const EDGE = 'm-credit-edge';
const PLAN = 'm-credit-plan';
const MINES = [DROP, OVR, SIM, EDGE, PLAN];
const CODES: Record<string, string> = Object.fromEntries(MINES.map((m) => [m, creditCodeFor(m)]));

const today = todayInShanghai();
const yesterday = addDays(today, -1);
const daysAgo = (n: number) => addDays(today, -n);
const thisMonth = today.slice(0, 7);
const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let admin: string;
let inspector: string;
let legal: string;
let mineUser: string;
let otherDistrict: string;
const mineVersions: Record<string, number> = {};

const credit = async (mineId: string, token = admin) => ok(await http('GET', `/v1/mines/${mineId}/credit`, { token }));
const violation = (mineId: string, category: string, date: string, token = inspector) =>
  http('POST', `/v1/mines/${mineId}/violations`, {
    token,
    body: { category, date, description: `信用测试：${category}`, source: { kind: 'manual' } },
  });
const notificationsOf = async (mineId: string, token = admin) =>
  ok(await http('GET', `/v1/notifications?mineId=${mineId}&limit=200`, { token })).items as any[];
const proposalsFor = async (creditCode: string, token = admin) =>
  (ok(await http('GET', '/v1/blacklist?status=proposed&limit=200', { token })).items as any[]).filter(
    (e) => e.creditCode === creditCode,
  );

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  admin = rt.tokens.bureau_admin!;
  inspector = rt.tokens.inspector!;
  legal = rt.tokens.legal_reviewer!;
  mineUser = rt.tokens.mine_user!;
  otherDistrict = rt.tokens.inspector_other_district!;
  for (const [i, mineId] of MINES.entries()) {
    const mine = ok(
      await http('POST', '/v1/mines', {
        token: admin,
        body: mineBody(mineId, { name: `信用测试${i + 1}矿`, creditCode: CODES[mineId]! }),
      }),
      201,
    );
    mineVersions[mineId] = mine.version;
  }
  // 100 − 5 − 3 = 92: A under the default floors (90), B once the A floor is raised to 95.
  ok(await violation(EDGE, 'responsibility_not_fulfilled', daysAgo(10)), 201);
  ok(await violation(EDGE, 'regulations_mismatch', daysAgo(10)), 201);
});
afterAll(async () => rt?.stop());

describe('a mine dropping to D (the issue’s "must show")', () => {
  it('violations drop the mine to D; the job records the day, tells the mine and its official, and proposes the enterprise for the blacklist, once', async () => {
    // The starting tier: yesterday's classification.
    await rt.runJob(JOB, yesterday);
    const start = await credit(DROP);
    expect(start).toMatchObject({
      mineId: DROP,
      asOf: yesterday,
      tier: 'A',
      score: 100,
      previousTier: null,
      policy: { version: 0, definedAt: null },
    });
    expect(start.provisional).toBeUndefined();

    // The official the mine is assigned: an inspector of the district's user directory.
    const created = ok(
      await http('POST', '/v1/users', {
        token: admin,
        body: { role: 'inspector', name: '包保干部（信用测试）', email: 'credit-official@example.org' },
      }),
      201,
    );
    const official = { userId: created.userId, name: created.name };
    ok(
      await http('PUT', `/v1/mines/${DROP}/assigned-official`, {
        token: admin,
        body: { version: mineVersions[DROP], ...official },
      }),
    );

    // Violations one at a time until the mine's live classification is D.
    const recorded: { id: string; date: string; points: number }[] = [];
    const liveTiers: string[] = [];
    for (const [category, points, date] of [
      ['over_capacity', 20, daysAgo(3)],
      ['banned_mining_method', 20, daysAgo(2)],
      ['monitoring_failure', 15, daysAgo(1)],
    ] as const) {
      const v = ok(await violation(DROP, category, date), 201);
      recorded.push({ id: v.violationId, date, points });
      const live = ok(await http('POST', `/v1/mines/${DROP}/credit/simulate`, { token: admin, body: {} }));
      liveTiers.push(`${live.current.score}${live.current.tier}`);
    }
    expect(liveTiers).toEqual(['80B', '60C', '45D']);
    // Nothing is classified until the job runs: the stored credit is still yesterday's A.
    expect(await credit(DROP)).toEqual(start);

    await rt.runJob(JOB);
    const d = await credit(DROP);
    expect(d).toMatchObject({
      mineId: DROP,
      asOf: today,
      score: 45,
      scoreTier: 'D',
      tier: 'D',
      tierLabel: '严重失信',
      previousTier: 'A',
      tierSince: today,
      forced: [],
      override: null,
      deductions: 55,
      bonuses: 0,
      inspectionsPerYear: 26,
      policy: { version: 0, definedAt: null },
    });
    // The breakdown: each violation by its record id, with its points and the day it stops counting (36 months: serious).
    const byId = (a: { recordId: string }, b: { recordId: string }) => a.recordId.localeCompare(b.recordId);
    expect(
      d.items
        .map((i: any) => ({
          recordKind: i.recordKind,
          recordId: i.recordId,
          date: i.date,
          points: i.points,
          stopsCountingOn: i.stopsCountingOn,
          serious: i.serious,
        }))
        .sort(byId),
    ).toEqual(
      recorded
        .map((r) => ({
          recordKind: 'violation',
          recordId: r.id,
          date: r.date,
          points: -r.points,
          stopsCountingOn: addMonths(r.date, 36),
          serious: true,
        }))
        .sort(byId),
    );
    expect(d.nextRepairOn).toBe(addMonths(daysAgo(3), 36));

    // History: the day of the change, from A to D.
    const changes = ok(await http('GET', `/v1/mines/${DROP}/credit/history?changesOnly=true`, { token: inspector }))
      .items as any[];
    expect(changes[0]).toMatchObject({ asOf: today, previousTier: 'A', tier: 'D', score: 45 });
    // Only days whose tier differs from the one before (the first classification has none before it).
    expect(changes.filter((c) => c.previousTier !== null).map((c) => [c.asOf, c.previousTier, c.tier])).toEqual([
      [today, 'A', 'D'],
    ]);
    expect(changes.every((c) => c.previousTier !== c.tier)).toBe(true);
    const all = ok(await http('GET', `/v1/mines/${DROP}/credit/history`, { token: inspector })).items as any[];
    expect(all.map((c) => [c.asOf, c.tier])).toEqual([
      [today, 'D'],
      [yesterday, 'A'],
    ]);

    // The notification, delivered by the dispatcher, to the mine, its assigned official and the district's leaders.
    const notes = (await notificationsOf(DROP)).filter((n) => n.kind === 'credit.tier_changed');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      mineId: DROP,
      jurisdiction: DEMO,
      status: 'sent',
      severity: 'critical',
      ref: { entityType: 'credit', entityId: `${DROP}@${today}` },
    });
    expect(notes[0].title).toContain('D级');
    expect(notes[0].recipients).toEqual(
      expect.arrayContaining([
        { type: 'mine', mineId: DROP },
        { type: 'user', ...official },
        { type: 'leaders', jurisdiction: DEMO },
      ]),
    );

    // The blacklist proposal for the enterprise's credit code.
    const proposals = await proposalsFor(CODES[DROP]!);
    expect(proposals).toHaveLength(1);
    const entry = proposals[0];
    expect(entry).toMatchObject({
      mineId: DROP,
      subjectType: 'enterprise',
      status: 'proposed',
      jurisdiction: DEMO,
      source: { kind: 'credit', date: today, tier: 'D' },
    });
    expect(entry.grounds.map((g: any) => g.code)).toEqual(['CREDIT_TIER_D']);
    expect(entry.source.reasons).toHaveLength(1);
    expect(entry.source.reasons[0]).toContain('45');
    expect(ok(await http('GET', `/v1/blacklist/${entry.entryId}`, { token: legal }))).toEqual(entry);
    expectProblem(await http('GET', '/v1/blacklist/bl-none', { token: admin }), 404);

    // The same day again: the same classification, no second notification, no second proposal.
    await rt.runJob(JOB);
    expect(await credit(DROP)).toMatchObject({ asOf: today, tier: 'D', previousTier: 'A', tierSince: today });
    const notesAgain = (await notificationsOf(DROP)).filter((n) => n.kind === 'credit.tier_changed');
    expect(notesAgain.map((n) => n.notificationId)).toEqual([notes[0].notificationId]);
    expect((await proposalsFor(CODES[DROP]!)).map((e) => e.entryId)).toEqual([entry.entryId]);
    expect(
      ok(await http('GET', `/v1/mines/${DROP}/credit/history?changesOnly=true`, { token: inspector })).items.filter(
        (c: any) => c.asOf === today,
      ),
    ).toHaveLength(1);

    // A mine whose tier stayed the same has a snapshot today, but no change today.
    const same = ok(await http('GET', `/v1/mines/${SIM}/credit/history`, { token: inspector })).items as any[];
    expect(same.map((c) => [c.asOf, c.previousTier, c.tier])).toEqual([
      [today, 'A', 'A'],
      [yesterday, null, 'A'],
    ]);
    const sameChanges = ok(await http('GET', `/v1/mines/${SIM}/credit/history?changesOnly=true`, { token: inspector }))
      .items as any[];
    expect(sameChanges.map((c) => c.asOf)).not.toContain(today);
  });
});

describe('a past night run again', () => {
  it('rewrites that day’s snapshot only: the current classification, the notifications and the proposals stay as they are', async () => {
    const list = async () => ok(await http('GET', '/v1/credit?limit=200', { token: admin })).items as any[];
    const log = async () =>
      (ok(await http('GET', '/v1/notifications?limit=200', { token: admin })).items as any[])
        .map((n) => n.notificationId)
        .sort();
    const blacklist = async () =>
      (ok(await http('GET', '/v1/blacklist?limit=200', { token: admin })).items as any[]).map((e) => e.entryId).sort();
    const [creditBefore, logBefore, blacklistBefore] = [await list(), await log(), await blacklist()];
    expect(creditBefore.every((c) => c.asOf === today)).toBe(true);

    await rt.runJob(JOB, yesterday);
    expect(await list()).toEqual(creditBefore);
    expect(await credit(DROP)).toMatchObject({ asOf: today, tier: 'D', previousTier: 'A' });
    expect(await log()).toEqual(logBefore);
    expect(await blacklist()).toEqual(blacklistBefore);
    // Yesterday as the records now known classify it: the violations of yesterday and before count.
    const history = ok(
      await http('GET', `/v1/mines/${DROP}/credit/history?from=${yesterday}&to=${yesterday}`, { token: admin }),
    ).items as any[];
    expect(history.map((c) => [c.asOf, c.tier, c.score])).toEqual([[yesterday, 'D', 45]]);
  });
});

describe('overrides: four eyes', () => {
  it('an admin proposes, the credit does not move; the proposer may not approve; a legal reviewer approves and the tier is the override’s', async () => {
    const before = await credit(OVR);
    expect(before).toMatchObject({ asOf: today, tier: 'A', override: null });
    const endsOn = addDays(today, 30);
    const propose = (body: Record<string, unknown>, token = admin) =>
      http('POST', `/v1/mines/${OVR}/credit/overrides`, {
        token,
        body: { tier: 'C', reason: '群众举报，待核实期间加强监管', endsOn, ...body },
      });

    expectProblem(await propose({ endsOn: today }), 400, ['body.endsOn']);
    expectProblem(await propose({ tier: 'E' }), 400, ['body.tier']);
    expectProblem(await propose({}, inspector), 403);
    const o = ok(await propose({}), 201);
    expect(o).toMatchObject({
      mineId: OVR,
      tier: 'C',
      endsOn,
      status: 'proposed',
      version: 1,
      proposedBy: { sub: 'dev-bureau_admin', role: 'bureau_admin' },
    });
    // One admin alone changes nothing.
    expect(await credit(OVR)).toEqual(before);

    const decide = (action: 'approve' | 'reject', body: Record<string, unknown>, token = legal) =>
      http('POST', `/v1/mines/${OVR}/credit/overrides/${o.overrideId}/${action}`, { token, body });
    expectProblem(await decide('approve', { version: 1 }, admin), 403);
    // A legal reviewer who is the proposer (same person, another role) is refused too.
    const proposerAsReviewer = await rt.token({
      role: 'legal_reviewer',
      jurisdiction: DEMO,
      sub: 'dev-bureau_admin',
      name: '同一人',
    });
    expectProblem(await decide('approve', { version: 1 }, proposerAsReviewer), 422, ['principal']);
    expectProblem(await decide('reject', { version: 1 }), 400, ['body.reason']);
    expectProblem(await decide('approve', { version: 2 }), 409, ['body.version']);
    expect(await credit(OVR)).toEqual(before);

    const approved = ok(await decide('approve', { version: 1 }));
    expect(approved).toMatchObject({
      status: 'approved',
      version: 2,
      approvedOn: today,
      decidedBy: { sub: 'dev-legal_reviewer', role: 'legal_reviewer' },
    });
    const after = await credit(OVR);
    expect(after).toMatchObject({
      tier: 'C',
      scoreTier: 'A',
      score: before.score,
      previousTier: 'A',
      inspectionsPerYear: 12,
      override: { overrideId: o.overrideId, tier: 'C', endsOn, reason: '群众举报，待核实期间加强监管' },
    });
    const note = (await notificationsOf(OVR)).filter((n) => n.kind === 'credit.tier_changed');
    expect(note.map((n) => [n.severity, n.recipients[0]])).toEqual([['warning', { type: 'mine', mineId: OVR }]]);

    expectProblem(await decide('approve', { version: 2 }), 422, ['path.overrideId']);
    expectProblem(await decide('reject', { version: 2, reason: '重复' }), 422, ['path.overrideId']);
    expectProblem(
      await http('POST', `/v1/mines/${OVR}/credit/overrides/ovr-none/approve`, { token: legal, body: { version: 1 } }),
      404,
    );

    // A second proposal rejected with a reason: the credit keeps the approved override.
    // Proposed once however often the request is retried with the same key.
    const retry = () =>
      http('POST', `/v1/mines/${OVR}/credit/overrides`, {
        token: admin,
        body: { tier: 'A', reason: '申请恢复A级', endsOn },
        headers: { 'idempotency-key': 'credit-override-0002' },
      });
    const second = ok(await retry(), 201);
    const replay = await retry();
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(replay.body.overrideId).toBe(second.overrideId);
    const rejected = ok(
      await http('POST', `/v1/mines/${OVR}/credit/overrides/${second.overrideId}/reject`, {
        token: legal,
        body: { version: 1, reason: '核实期未满' },
      }),
    );
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: '核实期未满', version: 2 });
    expect(rejected.approvedOn).toBeUndefined();
    expect(await credit(OVR)).toEqual(after);
    const list = ok(await http('GET', `/v1/mines/${OVR}/credit/overrides`, { token: inspector })).items as any[];
    expect(list.map((x) => [x.overrideId, x.status]).sort()).toEqual(
      [
        [o.overrideId, 'approved'],
        [second.overrideId, 'rejected'],
      ].sort(),
    );

    // The nightly run keeps the approved override.
    await rt.runJob(JOB);
    expect(await credit(OVR)).toMatchObject({ tier: 'C', override: { overrideId: o.overrideId } });
  });
});

describe('overrides: a forced D', () => {
  it('the demo’s 明停暗开 mine (m-demo11, forced D) cannot be overridden to another tier: 422 naming why', async () => {
    const d = await credit('m-demo11');
    expect(d.tier).toBe('D');
    expect(d.forced.map((f: { rule: string }) => f.rule)).toContain('violation.stopped_mine_producing');
    for (const tier of ['A', 'B', 'C']) {
      const r = await http('POST', '/v1/mines/m-demo11/credit/overrides', {
        token: admin,
        body: { tier, reason: '已整改，申请调整', endsOn: addDays(today, 30) },
      });
      expectProblem(r, 422, ['body.tier']);
      expect(JSON.stringify(r.body)).toContain('明停暗开');
    }
    expect(ok(await http('GET', '/v1/mines/m-demo11/credit/overrides', { token: admin })).items).toEqual([]);
  });
});

describe('simulate: what-if, nothing stored', () => {
  it('adding a revived closed mine forces D; removing a record raises the score; unknown ids are named', async () => {
    const before = await credit(SIM);
    expect(before).toMatchObject({ tier: 'A', score: 100 });
    const sim = ok(
      await http('POST', `/v1/mines/${SIM}/credit/simulate`, {
        token: inspector,
        body: { add: [{ kind: 'violation', date: today, category: 'closed_mine_revived' }] },
      }),
    );
    expect(sim.current).toEqual({ score: 100, tier: 'A' });
    expect(sim.simulated).toMatchObject({
      tier: 'D',
      forced: [{ rule: 'violation.closed_mine_revived', recordIds: ['sim-1'] }],
    });
    expect(sim.simulated.items.find((i: any) => i.recordId === 'sim-1')).toMatchObject({
      points: -40,
      stopsCountingOn: addMonths(today, 36),
    });
    expect(sim.unknownRecordIds).toEqual([]);
    // Nothing stored: the credit, the history and the violations are as they were.
    expect(await credit(SIM)).toEqual(before);
    expect(ok(await http('GET', `/v1/mines/${SIM}/violations`, { token: inspector })).items).toEqual([]);
    expect(
      ok(await http('GET', `/v1/mines/${SIM}/credit/history`, { token: inspector })).items.map((c: any) => c.tier),
    ).not.toContain('D');

    const drop = await credit(DROP);
    const overCapacity = drop.items.find((i: any) => i.rule === 'violation.over_capacity');
    const removed = ok(
      await http('POST', `/v1/mines/${DROP}/credit/simulate`, {
        token: admin,
        body: { remove: [overCapacity.recordId, 'v-not-a-record'] },
      }),
    );
    expect(removed.current).toEqual({ score: 45, tier: 'D' });
    expect(removed.simulated).toMatchObject({ score: 65, tier: 'C' });
    expect(removed.simulated.items.map((i: any) => i.recordId)).not.toContain(overCapacity.recordId);
    expect(removed.unknownRecordIds).toEqual(['v-not-a-record']);
    expect(await credit(DROP)).toEqual(drop);
  });

  it('refuses a bad what-if with a 400 naming the field', async () => {
    const post = (body: unknown) => http('POST', `/v1/mines/${SIM}/credit/simulate`, { token: admin, body });
    expectProblem(await post({ add: [{ kind: 'speeding', date: today }] }), 400, ['body.add.0.kind']);
    expectProblem(await post({ add: [{ kind: 'violation', date: '2026-02-30', category: 'over_capacity' }] }), 400, [
      'body.add.0.date',
    ]);
    expectProblem(await post({ add: [{ kind: 'violation', date: today, category: 'speeding' }] }), 400, [
      'body.add.0.category',
    ]);
    expectProblem(await post({ asOf: '2026/11/30' }), 400, ['body.asOf']);
    expectProblem(await post({ remove: [''] }), 400, ['body.remove.0']);
    expectProblem(await post({ extra: true }), 400);
    expectProblem(await http('POST', '/v1/mines/m-xingshan-none/credit/simulate', { token: admin, body: {} }), 404);
  });
});

describe('the inspection plan (差异化监管)', () => {
  it('lists the classified mines due this month or overdue, with their tier and inspections a year; an inspection done today takes a mine off', async () => {
    const plan = ok(await http('GET', `/v1/inspection-plan?month=${thisMonth}`, { token: inspector }));
    expect(plan.month).toBe(thisMonth);
    const items = plan.items as any[];
    for (const i of items) {
      expect(i.dueOn <= monthEnd(thisMonth), JSON.stringify(i)).toBe(true);
      expect(i.dueOn >= `${thisMonth}-01` || i.overdue, JSON.stringify(i)).toBe(true);
      expect(i.overdue).toBe(i.dueOn < today);
    }
    expect(items.map((i) => i.dueOn)).toEqual(items.map((i) => i.dueOn).sort());
    const of = (mineId: string) => items.find((i) => i.mineId === mineId);
    // Never inspected: due at once, at the frequency of its tier.
    expect(of(DROP)).toMatchObject({
      tier: 'D',
      inspectionsPerYear: 26,
      lastInspectionOn: null,
      dueOn: today,
      overdue: false,
      jurisdiction: DEMO,
    });
    expect(of(OVR)).toMatchObject({ tier: 'C', inspectionsPerYear: 12, dueOn: today });
    expect(of(SIM)).toMatchObject({ tier: 'A', inspectionsPerYear: 4, dueOn: today });
    expect(of(PLAN)).toMatchObject({ tier: 'A', inspectionsPerYear: 4, dueOn: today });

    // 泰源 was inspected 30 days ago: due that many days later as its tier says, in the plan of that month.
    const taiyuan = await credit('m-taiyuan');
    expect(taiyuan.lastInspectionOn).toBe(daysAgo(30));
    const interval = Math.round(365 / taiyuan.inspectionsPerYear);
    const due = addDays(daysAgo(30), interval);
    const dueMonth = due < today ? thisMonth : due.slice(0, 7);
    const taiyuanPlan = ok(await http('GET', `/v1/inspection-plan?month=${dueMonth}`, { token: admin })).items as any[];
    expect(taiyuanPlan.find((i) => i.mineId === 'm-taiyuan')).toMatchObject({
      tier: taiyuan.tier,
      lastInspectionOn: daysAgo(30),
      dueOn: due,
      overdue: due < today,
    });

    ok(
      await http('POST', `/v1/mines/${PLAN}/inspections`, {
        token: inspector,
        body: {
          kind: 'done',
          doneOn: today,
          inspectors: [{ userId: 'u-wang', name: '王检查' }],
          summary: '按信用等级例行检查',
        },
      }),
      201,
    );
    const after = ok(await http('GET', `/v1/inspection-plan?month=${thisMonth}`, { token: inspector })).items as any[];
    expect(after.map((i) => i.mineId)).not.toContain(PLAN);
    expect(after.map((i) => i.mineId)).toContain(SIM);
    const next = addDays(today, Math.round(365 / 4));
    const later = ok(await http('GET', `/v1/inspection-plan?month=${next.slice(0, 7)}`, { token: inspector }))
      .items as any[];
    expect(later.find((i) => i.mineId === PLAN)).toMatchObject({
      lastInspectionOn: today,
      dueOn: next,
      overdue: false,
    });
  });

  it('refuses a month that is not YYYY-MM', async () => {
    expectProblem(await http('GET', '/v1/inspection-plan?month=2026-13', { token: inspector }), 400, ['query.month']);
    expectProblem(await http('GET', '/v1/inspection-plan', { token: inspector }), 400, ['query.month']);
    expectProblem(await http('GET', `/v1/inspection-plan?month=${thisMonth}`, { token: mineUser }), 403);
  });
});

describe('a mine user', () => {
  it('reads its own credit and breakdown, not another mine’s', async () => {
    const own = await credit('m-taiyuan', mineUser);
    expect(own).toMatchObject({ mineId: 'm-taiyuan', mineName: '泰源煤矿', asOf: today });
    expect(own.items.find((i: any) => i.rule === 'hazard.major')).toMatchObject({
      recordKind: 'hazard',
      points: -10,
      stopsCountingOn: addMonths(daysAgo(6), 12),
    });
    expect(
      ok(await http('GET', '/v1/mines/m-taiyuan/credit/history', { token: mineUser })).items.length,
    ).toBeGreaterThan(0);
    expectProblem(await http('GET', '/v1/mines/m-shuyuan1/credit', { token: mineUser }), 404);
    expectProblem(await http('GET', '/v1/mines/m-shuyuan1/credit/history', { token: mineUser }), 404);
    expectProblem(await http('POST', '/v1/mines/m-shuyuan1/credit/simulate', { token: mineUser, body: {} }), 404);
    expectProblem(await http('GET', '/v1/credit', { token: mineUser }), 403);
    expectProblem(
      await http('POST', '/v1/mines/m-taiyuan/credit/overrides', {
        token: mineUser,
        body: { tier: 'A', reason: '自评', endsOn: addDays(today, 10) },
      }),
      403,
    );
  });

  it('files its safety commitment, which earns the bonus at the next classification; not one filed in the future', async () => {
    const year = Number(today.slice(0, 4));
    const put = (body: Record<string, unknown>, mineId = 'm-taiyuan', y: number | string = year) =>
      http('PUT', `/v1/mines/${mineId}/safety-commitments/${y}`, {
        token: mineUser,
        body: { filedOn: today, signedBy: '矿长（演示）', ...body },
      });
    expectProblem(await put({ filedOn: addDays(today, 1) }), 400, ['body.filedOn']);
    expectProblem(await put({}, 'm-taiyuan', year + 2), 400, ['path.year']);
    expectProblem(await put({ signedBy: '' }), 400, ['body.signedBy']);
    expectProblem(await put({}, 'm-shuyuan1'), 404);

    const before = await credit('m-taiyuan', mineUser);
    expect(before.items.map((i: any) => i.rule)).not.toContain('bonus.safety_commitment');
    // Grade 2 (3 points), no clean year: below the cap of 8, so the commitment's 2 points show in the score.
    expect(before.bonuses).toBe(3);
    const filed = ok(await put({}), 201);
    expect(filed).toMatchObject({ mineId: 'm-taiyuan', year: String(year), filedOn: today, version: 1 });
    expectProblem(await put({}), 409, ['body.version']);
    // Classified again only by the job.
    expect(await credit('m-taiyuan', mineUser)).toEqual(before);

    await rt.runJob(JOB);
    const after = await credit('m-taiyuan', mineUser);
    expect(after.items.find((i: any) => i.rule === 'bonus.safety_commitment')).toEqual({
      recordKind: 'commitment',
      recordId: String(year),
      date: today,
      rule: 'bonus.safety_commitment',
      label: `${year} 年度安全承诺已报备`,
      points: 2,
      stopsCountingOn: addMonths(today, 12),
      serious: false,
    });
    expect(after.bonuses).toBe(5);
    expect(after.score).toBe(Math.min(100, before.score + 2));
  });
});

describe('the jurisdiction’s list', () => {
  it('filters by tier; another district sees none of it', async () => {
    const d = ok(await http('GET', '/v1/credit?tier=D&limit=200', { token: inspector })).items as any[];
    expect(d.length).toBeGreaterThan(0);
    expect(d.every((c) => c.tier === 'D')).toBe(true);
    expect(d.map((c) => c.mineId)).toContain(DROP);
    const all = ok(await http('GET', '/v1/credit?limit=200', { token: inspector })).items as any[];
    expect(all.map((c) => c.mineId)).toEqual(expect.arrayContaining(['m-taiyuan', 'm-shuyuan1', 'm-demo13', ...MINES]));
    expect(all).toHaveLength(13 + MINES.length);
    expect(
      all
        .filter((c) => c.tier === 'D')
        .map((c) => c.mineId)
        .sort(),
    ).toEqual(d.map((c) => c.mineId).sort());
    expect(new Set(all.map((c) => c.tier)).size).toBeGreaterThan(1);
    // A line per mine: its score and tier as its own classification has them, without the records counted.
    const drop = all.find((c) => c.mineId === DROP);
    const own = ok(await http('GET', `/v1/mines/${DROP}/credit`, { token: inspector }));
    const { items, ...summary } = own;
    expect(items.length).toBeGreaterThan(0);
    expect(drop).toEqual(summary);
    expectProblem(await http('GET', '/v1/credit?tier=E', { token: inspector }), 400, ['query.tier']);

    // A mine the job has not classified yet: computed now, marked provisional, stored nowhere.
    ok(
      await http('POST', '/v1/mines', {
        token: admin,
        body: mineBody('m-credit-new', {
          name: '信用测试新矿',
          creditCode: creditCodeFor('m-credit-new'),
          approvedCapacityTonnesPerYear: 90000,
          standardisationGrade: 'grade1',
        }),
      }),
      201,
    );
    expect(await credit('m-credit-new', inspector)).toMatchObject({
      provisional: true,
      asOf: today,
      score: 100,
      tier: 'A',
      previousTier: null,
      nextInspectionDue: today,
    });
    expect(ok(await http('GET', '/v1/mines/m-credit-new/credit/history', { token: inspector })).items).toEqual([]);
    expect(
      (ok(await http('GET', '/v1/credit?limit=200', { token: inspector })).items as any[]).map((c) => c.mineId),
    ).not.toContain('m-credit-new');

    // Another district: no credit, no plan, no notifications, no blacklist entries of this one.
    expect(ok(await http('GET', '/v1/credit?limit=200', { token: otherDistrict })).items).toEqual([]);
    expect(ok(await http('GET', `/v1/credit?jurisdiction=${DEMO}`, { token: otherDistrict })).items).toEqual([]);
    expect(ok(await http('GET', `/v1/inspection-plan?month=${thisMonth}`, { token: otherDistrict })).items).toEqual([]);
    expect(ok(await http('GET', `/v1/notifications?mineId=${DROP}`, { token: otherDistrict })).items).toEqual([]);
    expect(ok(await http('GET', '/v1/blacklist', { token: otherDistrict })).items).toEqual([]);
    const [entry] = await proposalsFor(CODES[DROP]!);
    expectProblem(await http('GET', `/v1/blacklist/${entry.entryId}`, { token: otherDistrict }), 404);
    expectProblem(await http('GET', `/v1/mines/${DROP}/credit`, { token: otherDistrict }), 404);
  });
});

describe('the credit policy', () => {
  it('version 0 is the default; a change merges nested settings, is versioned, refuses stale and inconsistent ones, and the next run uses it', async () => {
    const v0 = ok(await http('GET', '/v1/policies/credit', { token: inspector }));
    expect(v0).toEqual({
      definedAt: null,
      version: 0,
      ownVersion: 0,
      thresholds: DEFAULT_CREDIT_THRESHOLDS,
      bounds: expect.any(Array),
    });
    // The forced-D triggers are guarded: each bounded by the product's own, nothing above the district sets them.
    expect(v0.bounds.map((b: any) => [b.setting, b.boundFrom.definedAt, b.clamped])).toEqual([
      ['forceD.violationCategories', null, false],
      ['forceD.accidentLevels', null, false],
      ['forceD.largerAccidentsInWindow', null, false],
      ['forceD.concealedAccident', null, false],
    ]);
    const edgeBefore = await credit(EDGE);
    expect(edgeBefore).toMatchObject({ score: 92, tier: 'A', policy: { version: 0, definedAt: null } });

    const put = (body: Record<string, unknown>, token = admin) =>
      http('PUT', '/v1/policies/credit', {
        token,
        body: { version: 0, thresholds: { tierFloors: { A: 95 } }, reason: '提高A级门槛', ...body },
      });
    expectProblem(await put({}, inspector), 403);
    expectProblem(await put({}, legal), 403);
    expectProblem(await put({ thresholds: { tierFloors: { A: 75 } } }), 400, ['body.thresholds.tierFloors']);
    expectProblem(await put({ thresholds: { tierFloors: { A: 'high' } } }), 400, ['body.thresholds.tierFloors.A']);
    expectProblem(await put({ version: 1 }), 409, ['body.version']);
    expect(ok(await http('GET', '/v1/policies/credit', { token: admin })).version).toBe(0);

    const v1 = ok(await put({}));
    expect(v1).toEqual({
      definedAt: DEMO,
      version: 1,
      ownVersion: 1,
      thresholds: { ...DEFAULT_CREDIT_THRESHOLDS, tierFloors: { A: 95, B: 75, C: 60 } },
      bounds: v0.bounds,
    });
    expect(ok(await http('GET', '/v1/policies/credit', { token: legal }))).toEqual(v1);
    expectProblem(await put({ thresholds: { tierFloors: { A: 96 } } }), 409, ['body.version']);

    // The stored credit names the version it used until the job runs again.
    expect(await credit(EDGE)).toEqual(edgeBefore);
    await rt.runJob(JOB);
    expect(await credit(EDGE)).toMatchObject({
      score: 92,
      scoreTier: 'B',
      tier: 'B',
      previousTier: 'A',
      inspectionsPerYear: 6,
      policy: { version: 1, definedAt: DEMO },
    });
    expect(await credit(SIM)).toMatchObject({ score: 100, tier: 'A', policy: { version: 1, definedAt: DEMO } });
    const changes = ok(await http('GET', `/v1/mines/${EDGE}/credit/history?changesOnly=true`, { token: inspector }))
      .items as any[];
    expect(
      changes.filter((c) => c.previousTier !== null).map((c) => [c.asOf, c.previousTier, c.tier, c.policy.version]),
    ).toEqual([[today, 'A', 'B', 1]]);
    // The mines the new floor moved are told, and the log lists the newest first.
    const notes = (await notificationsOf(EDGE)).filter((n) => n.kind === 'credit.tier_changed');
    expect(notes.map((n) => [n.severity, n.ref.entityId])).toEqual([['warning', `${EDGE}@${today}`]]);
    const log = ok(await http('GET', '/v1/notifications?limit=200', { token: admin })).items as any[];
    expect(log.length).toBeGreaterThan(2);
    expect(log.map((n) => n.createdAt)).toEqual(
      log
        .map((n) => n.createdAt)
        .sort()
        .reverse(),
    );
  });
});
