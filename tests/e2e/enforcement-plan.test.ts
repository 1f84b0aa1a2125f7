import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, expectProblem, ok, startTestRuntime } from '../support/local-runtime.ts';

/**
 * The year's enforcement plan (执法计划) over HTTP on the local runtime, on the demo district: the demo's approved
 * plan with its progress; a plan drafted from the credit tiers; the drafter's approval refused (four-eyes, an admin
 * included) and another admin's accepted; a revision of an approved plan; inspections recorded against planned
 * ones (the refusals: another mine's, a plan not approved, twice the same); a pending revision discarded (the
 * approved version stays in force); the overdue month reminded once.
 */
const DEMO = 'hlj/hegang/dongshan';
const today = todayInShanghai();
const year = Number(today.slice(0, 4));
const month = Number(today.slice(5, 7));

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let admin: string;
let inspector: string;
let secondAdmin: string;
let mineUser: string;
let otherDistrict: string;
let demoPlan: any;

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  admin = rt.tokens.bureau_admin!;
  inspector = rt.tokens.inspector!;
  mineUser = rt.tokens.mine_user!;
  otherDistrict = rt.tokens.inspector_other_district!;
  secondAdmin = await rt.token({
    role: 'bureau_admin',
    jurisdiction: DEMO,
    sub: 'plan-second-admin',
    name: '副局长（演示）',
  });
});
afterAll(async () => rt?.stop());

const planOf = async (planId: string, token = admin) =>
  ok(await http('GET', `/v1/enforcement-plans/${planId}`, { token }));

describe('the demo district’s plan of the year', () => {
  it('is approved, by the leader, drafted by the inspector, with progress per month and per team', async () => {
    const list = ok(await http('GET', `/v1/enforcement-plans?year=${year}`, { token: inspector }));
    expect(list.items).toHaveLength(1);
    demoPlan = list.items[0];
    expect(demoPlan).toMatchObject({ jurisdiction: DEMO, year, status: 'approved', revision: 1 });
    expect(demoPlan.approvedBy.sub).toBe('dev-bureau_admin');
    expect(demoPlan.createdBy.sub).toBe('dev-inspector');
    const p = demoPlan.progress;
    expect(p.total).toBe(demoPlan.items.length);
    expect(p.done + p.due + p.overdue).toBe(p.total);
    expect(p.due).toBeGreaterThan(0);
    if (month >= 3) {
      expect(p.done).toBeGreaterThan(0);
      expect(p.overdue).toBeGreaterThan(0);
    }
    expect(p.byMonth).toHaveLength(12);
    expect(p.byTeam.length).toBe(2);
    // Done ones name the inspection that did them, which carries the plan's reference.
    const done = demoPlan.items.find((i: any) => i.state === 'done');
    if (done) {
      const insp = ok(await http('GET', `/v1/inspections/${done.inspectionId}`, { token: inspector }));
      expect(insp.planItem).toEqual({ planId: demoPlan.planId, itemId: done.itemId, month: done.month });
      expect(insp.status).toBe('done');
    }
    // This month's are due, earlier months' open ones overdue.
    for (const i of demoPlan.items) {
      if (i.state !== 'done') expect(i.state).toBe(i.month >= month ? 'due' : 'overdue');
    }
  });

  it('is the bureau’s: a mine user gets 403, another district neither lists nor reads it (404)', async () => {
    expectProblem(await http('GET', `/v1/enforcement-plans?year=${year}`, { token: mineUser }), 403);
    expectProblem(await http('GET', `/v1/enforcement-plans/${demoPlan.planId}`, { token: mineUser }), 403);
    expect(ok(await http('GET', `/v1/enforcement-plans?year=${year}`, { token: otherDistrict })).items).toEqual([]);
    const out = await http('GET', `/v1/enforcement-plans/${demoPlan.planId}`, { token: otherDistrict });
    const missing = await http('GET', '/v1/enforcement-plans/plan-nothing-here', { token: otherDistrict });
    expectProblem(out, 404);
    expect(out.body.title).toBe(missing.body.title);
    expectProblem(
      await http('PATCH', `/v1/enforcement-plans/${demoPlan.planId}`, {
        token: otherDistrict,
        body: { version: demoPlan.version, changes: [{ itemId: demoPlan.items[0].itemId, month: 12 }], reason: '越权' },
      }),
      404,
    );
  });
});

describe('a plan of next year, drafted from the credit tiers', () => {
  let plan: any;

  it('is drafted by the leader: the frequencies of the tiers, nothing in force yet; a second draft of the year is 409', async () => {
    plan = ok(await http('POST', '/v1/enforcement-plans', { token: admin, body: { year: year + 1 } }), 201);
    expect(plan).toMatchObject({ status: 'draft', revision: 0, items: [] });
    const draft = plan.draft.items as any[];
    const credit = ok(await http('GET', '/v1/credit?limit=200', { token: admin })).items as any[];
    const perYear = { A: 4, B: 6, C: 12, D: 26 } as Record<string, number>;
    for (const c of credit) {
      expect(draft.filter((i) => i.mineId === c.mineId).length, c.mineId).toBe(perYear[c.tier]);
    }
    expect(plan.draft.editors.map((e: any) => e.sub)).toEqual(['dev-bureau_admin']);
    expectProblem(await http('POST', '/v1/enforcement-plans', { token: inspector, body: { year: year + 1 } }), 409);
    expectProblem(await http('POST', '/v1/enforcement-plans', { token: inspector, body: { year: year + 5 } }), 400, [
      'body.year',
    ]);
    expectProblem(await http('POST', '/v1/enforcement-plans', { token: mineUser, body: { year: year + 1 } }), 403);
  });

  it('records no inspection against it while it is a draft (422)', async () => {
    const item = plan.draft.items[0];
    expectProblem(
      await http('POST', `/v1/mines/${item.mineId}/inspections`, {
        token: inspector,
        body: {
          kind: 'planned',
          plannedOn: `${year + 1}-0${item.month}-15`.replace(/-0(\d\d)-/, '-$1-'),
          inspectors: [{ userId: 'dev-inspector', name: '监管中队（演示）' }],
          purpose: '按计划检查',
          planItem: { planId: plan.planId, itemId: item.itemId },
        },
      }),
      422,
      ['body.planItem'],
    );
  });

  it('is edited by the inspector (month, team), with the team checked against the directory', async () => {
    const item = plan.draft.items[0];
    expectProblem(
      await http('PATCH', `/v1/enforcement-plans/${plan.planId}`, {
        token: inspector,
        body: { version: plan.version, changes: [{ itemId: item.itemId, leaderUserId: 'nobody-here' }] },
      }),
      422,
      ['body.changes.0.leaderUserId'],
    );
    plan = ok(
      await http('PATCH', `/v1/enforcement-plans/${plan.planId}`, {
        token: inspector,
        body: {
          version: plan.version,
          changes: [
            { itemId: item.itemId, month: 5, leaderUserId: 'dev-inspector', memberUserIds: ['dev-bureau_admin'] },
          ],
        },
      }),
    );
    expect(plan.status).toBe('draft');
    expect(plan.draft.items[0]).toMatchObject({
      month: 5,
      leader: { userId: 'dev-inspector' },
      members: [{ userId: 'dev-bureau_admin' }],
    });
    expect(plan.draft.editors.map((e: any) => e.sub)).toEqual(['dev-bureau_admin', 'dev-inspector']);
  });

  it('refuses the approval by its drafter, an admin (422, four-eyes), and by an inspector (403); a stale version is 409', async () => {
    const refused = await http('POST', `/v1/enforcement-plans/${plan.planId}/approve`, {
      token: admin,
      body: { version: plan.version },
    });
    expectProblem(refused, 422, ['principal']);
    expect(refused.body.detail).toContain('四眼原则');
    expectProblem(
      await http('POST', `/v1/enforcement-plans/${plan.planId}/approve`, {
        token: inspector,
        body: { version: plan.version },
      }),
      403,
    );
    expectProblem(
      await http('POST', `/v1/enforcement-plans/${plan.planId}/approve`, {
        token: secondAdmin,
        body: { version: plan.version - 1 },
      }),
      409,
    );
    expect((await planOf(plan.planId)).status).toBe('draft');
    // The first draft is no revision: nothing to discard (422).
    expectProblem(
      await http('POST', `/v1/enforcement-plans/${plan.planId}/discard-revision`, {
        token: secondAdmin,
        body: { version: plan.version },
      }),
      422,
      ['body.version'],
    );
  });

  it('comes into force when another admin approves it: the draft becomes the items, with the approval in its history', async () => {
    const approved = ok(
      await http('POST', `/v1/enforcement-plans/${plan.planId}/approve`, {
        token: secondAdmin,
        body: { version: plan.version },
      }),
    );
    expect(approved).toMatchObject({ status: 'approved', revision: 1, approvedBy: { sub: 'plan-second-admin' } });
    expect(approved.draft).toBeUndefined();
    expect(approved.items).toHaveLength(plan.draft.items.length);
    expect(approved.steps.map((s: any) => s.action)).toEqual(['generate', 'edit', 'approve']);
    expect(approved.items.every((i: any) => i.state === 'due')).toBe(true);
    // Nothing left to approve.
    expectProblem(
      await http('POST', `/v1/enforcement-plans/${plan.planId}/approve`, {
        token: secondAdmin,
        body: { version: approved.version },
      }),
      422,
    );
    plan = approved;
  });

  it('after approval, a change is a revision: a reason is required, the items in force stay until another admin approves it', async () => {
    const item = plan.items[1];
    expectProblem(
      await http('PATCH', `/v1/enforcement-plans/${plan.planId}`, {
        token: inspector,
        body: { version: plan.version, changes: [{ itemId: item.itemId, month: 11 }] },
      }),
      400,
      ['body.reason'],
    );
    const revising = ok(
      await http('PATCH', `/v1/enforcement-plans/${plan.planId}`, {
        token: secondAdmin,
        body: {
          version: plan.version,
          changes: [{ itemId: item.itemId, month: 11 }],
          reason: '该矿计划停产检修，检查顺延',
        },
      }),
    );
    expect(revising.status).toBe('revising');
    expect(revising.items[1].month).toBe(item.month);
    expect(revising.draft.items[1].month).toBe(11);
    expectProblem(
      await http('POST', `/v1/enforcement-plans/${plan.planId}/approve`, {
        token: secondAdmin,
        body: { version: revising.version },
      }),
      422,
      ['principal'],
    );
    const again = ok(
      await http('POST', `/v1/enforcement-plans/${plan.planId}/approve`, {
        token: admin,
        body: { version: revising.version },
      }),
    );
    expect(again).toMatchObject({ status: 'approved', revision: 2 });
    expect(again.items[1].month).toBe(11);
    plan = again;
  });

  const revise = async (token: string, reason: string) => {
    const item = plan.items.find(
      (i: any) => i.state !== 'done' && !i.members.some((m: any) => m.userId === 'dev-bureau_admin'),
    );
    return ok(
      await http('PATCH', `/v1/enforcement-plans/${plan.planId}`, {
        token,
        body: {
          version: plan.version,
          changes: [{ itemId: item.itemId, month: item.month === 12 ? 1 : 12, leaderUserId: 'dev-bureau_admin' }],
          reason,
        },
      }),
    );
  };
  const discard = (token: string, version: number, reason?: string) =>
    http('POST', `/v1/enforcement-plans/${plan.planId}/discard-revision`, {
      token,
      body: { version, ...(reason ? { reason } : {}) },
    });

  it('a pending revision is discarded by the admin who drafted it: the approved version stays in force, audited', async () => {
    const inForce = plan;
    const revising = await revise(admin, '拟调整带队负责人');
    expect(revising.status).toBe('revising');
    // Refused: a mine user (403), an inspector (403), another district's leader (404, like a plan that does not
    // exist), a stale version (409); the revision is still pending after each.
    expectProblem(await discard(mineUser, revising.version), 403);
    expectProblem(await discard(inspector, revising.version), 403);
    const otherAdmin = await rt.token({
      role: 'bureau_admin',
      jurisdiction: 'hlj/hegang/xingshan',
      sub: 'plan-other-admin',
    });
    const out = await discard(otherAdmin, revising.version);
    expectProblem(out, 404);
    const missing = await http('POST', '/v1/enforcement-plans/plan-nothing-here/discard-revision', {
      token: otherAdmin,
      body: { version: revising.version },
    });
    expect(out.body.title).toBe(missing.body.title);
    expectProblem(await discard(admin, revising.version - 1), 409);
    expect((await planOf(plan.planId)).status).toBe('revising');

    const discarded = ok(await discard(admin, revising.version, '调整不再需要'));
    expect(discarded).toMatchObject({
      status: 'approved',
      revision: inForce.revision,
      approvedBy: inForce.approvedBy,
      version: revising.version + 1,
    });
    expect(discarded.draft).toBeUndefined();
    expect(discarded.items.map((i: any) => [i.itemId, i.month, i.leader.userId])).toEqual(
      inForce.items.map((i: any) => [i.itemId, i.month, i.leader.userId]),
    );
    expect(discarded.steps.at(-1)).toMatchObject({
      action: 'discard',
      by: { sub: 'dev-bureau_admin' },
      revision: inForce.revision,
      note: '调整不再需要',
    });
    expect(await planOf(plan.planId, inspector)).toMatchObject({ status: 'approved', version: discarded.version });
    const events = await queryAll<any>(rt.db, { partition: pk.jurisdiction(DEMO), beginsWith: 'AUDIT#' });
    const event = events.find((e) => e.action === 'enforcement_plan.revision_discarded' && e.entityId === plan.planId);
    expect(event).toMatchObject({
      actor: { sub: 'dev-bureau_admin' },
      before: { reason: '拟调整带队负责人', editors: ['dev-bureau_admin'] },
      after: { revision: inForce.revision },
      reason: '调整不再需要',
    });
    // Nothing pending any more: 422.
    expectProblem(await discard(admin, discarded.version), 422, ['body.version']);
    plan = discarded;
  });

  it('another bureau admin may discard the inspector’s revision, which is then no longer approvable', async () => {
    const revising = await revise(inspector, '检查组调整');
    const discarded = ok(await discard(secondAdmin, revising.version));
    expect(discarded).toMatchObject({ status: 'approved', revision: plan.revision });
    expect(discarded.steps.at(-1)).toMatchObject({ action: 'discard', note: '撤销修订：检查组调整' });
    expectProblem(
      await http('POST', `/v1/enforcement-plans/${plan.planId}/approve`, {
        token: admin,
        body: { version: discarded.version },
      }),
      422,
    );
    plan = discarded;
  });
});

describe('inspections recorded against the plan', () => {
  let item: any;
  let other: any;

  it('a done inspection of the planned mine marks the planned inspection done, once', async () => {
    demoPlan = await planOf(demoPlan.planId);
    item = demoPlan.items.find((i: any) => i.state !== 'done');
    other = demoPlan.items.find((i: any) => i.mineId !== item.mineId && i.state !== 'done');
    const body = (planItem: unknown) => ({
      kind: 'done',
      doneOn: today,
      inspectors: [item.leader],
      summary: '按计划检查',
      planItem,
    });
    // Another mine's planned inspection: 422.
    expectProblem(
      await http('POST', `/v1/mines/${item.mineId}/inspections`, {
        token: inspector,
        body: body({ planId: demoPlan.planId, itemId: other.itemId }),
      }),
      422,
      ['body.planItem'],
    );
    const done = ok(
      await http('POST', `/v1/mines/${item.mineId}/inspections`, {
        token: inspector,
        body: body({ planId: demoPlan.planId, itemId: item.itemId }),
      }),
      201,
    );
    expect(done.planItem).toMatchObject({ planId: demoPlan.planId, itemId: item.itemId });
    const after = await planOf(demoPlan.planId);
    expect(after.items.find((i: any) => i.itemId === item.itemId)).toMatchObject({
      state: 'done',
      inspectionId: done.inspectionId,
      doneOn: today,
    });
    expect(after.progress.done).toBe(demoPlan.progress.done + 1);
    // The same planned inspection again: 409.
    expectProblem(
      await http('POST', `/v1/mines/${item.mineId}/inspections`, {
        token: inspector,
        body: body({ planId: demoPlan.planId, itemId: item.itemId }),
      }),
      409,
      ['body.planItem'],
    );
  });

  it('an inspection started on site against a planned one marks it done when closed', async () => {
    const started = ok(
      await http('POST', `/v1/mines/${other.mineId}/inspections`, {
        token: inspector,
        body: {
          kind: 'started',
          startedOn: today,
          inspectors: [other.leader],
          leaderUserId: other.leader.userId,
          purpose: '按年度执法计划检查',
          topics: ['roof'],
          planItem: { planId: demoPlan.planId, itemId: other.itemId },
        },
      }),
      201,
    );
    expect((await planOf(demoPlan.planId)).items.find((i: any) => i.itemId === other.itemId).state).not.toBe('done');
    ok(
      await http('POST', `/v1/inspections/${started.inspectionId}/actions`, {
        token: inspector,
        body: { action: 'close', version: started.version, summary: '检查结束' },
      }),
    );
    expect((await planOf(demoPlan.planId)).items.find((i: any) => i.itemId === other.itemId).state).toBe('done');
  });
});

describe('the overdue months in the reminder scan', () => {
  it('tell the team leaders once per stage, never the mine', async () => {
    const plan = await planOf(demoPlan.planId);
    const overdue = plan.items.find((i: any) => i.state === 'overdue');
    if (!overdue) return; // January: no month is over yet.
    const scan = async () => ok(await http('POST', `/local/jobs/reminder-scan?date=${today}`)).result;
    const first = await scan();
    expect(first.created).toBeGreaterThan(0);
    const notes = ok(await http('GET', '/v1/notifications?limit=200', { token: admin })).items.filter(
      (n: any) => n.ref?.entityType === 'enforcementPlan',
    );
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) {
      expect(n.recipients.some((r: any) => r.type === 'mine')).toBe(false);
      expect(n.recipients.some((r: any) => r.type === 'user')).toBe(true);
    }
    expect(notes.some((n: any) => n.title.includes('逾期'))).toBe(true);
    const second = await scan();
    const again = ok(await http('GET', '/v1/notifications?limit=200', { token: admin })).items.filter(
      (n: any) => n.ref?.entityType === 'enforcementPlan',
    );
    expect(again.length).toBe(notes.length);
    expect(second.created).toBe(0);
  });
});
