import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, workCalendar } from '#lib/disclosure/working-days.ts';
import { addDays, addMonths, todayInShanghai } from '#lib/validators/business-date.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, expectProblem, ok, startTestRuntime } from '../support/local-runtime.ts';
import { type RoleName, roleTokens } from '../support/tenancy-matrix.ts';

/**
 * 执法公示 over HTTP on the demo district: a penalty decided is due for publication within 7 working days, the
 * nightly run publishes it (the public reads the enterprise, the decision and the facts with the person's name as
 * 某 and the mobile removed), and withdraws it when its months are over; the admin's early withdrawal needs a
 * reason and the admin; the published statistics equal the district's records.
 */
const MINE = 'm-taiyuan';
const JURISDICTION = 'hlj/hegang/dongshan';
const JOB = 'disclosure';
const today = todayInShanghai();

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let tokens: Record<RoleName, string>;

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  tokens = roleTokens(rt);
});
afterAll(async () => rt?.stop());

const decide = async (body: Record<string, unknown>) =>
  ok(
    await http('POST', `/v1/mines/${MINE}/penalties`, {
      token: tokens.inspector,
      body: { basis: '《煤矿安全监察条例》第四十七条', ...body },
    }),
    201,
  );
const state = async (penaltyId: string, token = tokens.bureau_admin) =>
  ok(await http('GET', `/v1/disclosures/${penaltyId}`, { token }));
const publicOne = (id: string) => http('GET', `/v1/public/disclosures/${id}`);
const search = async (query: string) =>
  ok(await http('GET', `/v1/public/disclosures?${query}`)).items as { disclosureId: string }[];

describe('the demo district', () => {
  // Before the runs below move the clock on (a warning stays published 3 months).
  it('its decided penalty is published from the seed', async () => {
    const items = await search(`q=${encodeURIComponent('东山演示十矿')}`);
    expect(items.length).toBeGreaterThanOrEqual(1);
    const d = ok(await publicOne(items[0]!.disclosureId));
    expect(d.facts).toContain('矿长赵某');
    expect(JSON.stringify(d)).not.toMatch(/赵大勇|13900001111/);
  });
});

describe('a penalty decided is published within the working days and withdrawn on schedule', () => {
  let fine: { penaltyId: string; decisionNo: string };
  let creditCode: string;

  it('decided: due by the 7th working day, not yet public', async () => {
    fine = await decide({
      kind: 'fine',
      amountYuan: 30000,
      description: '矿长张三丰（身份证号230402198001011234，电话13812345678）组织超定员生产',
    });
    creditCode = ok(await http('GET', `/v1/mines/${MINE}`, { token: tokens.bureau_admin })).creditCode;
    const s = await state(fine.penaltyId);
    expect(s).toMatchObject({ state: 'due', effectiveOn: today, dueBy: addWorkingDays(today, 7), version: 0 });
    expectProblem(await publicOne(fine.penaltyId), 404);
  });

  it('the nightly run publishes it, on a day within the working days', async () => {
    const run = (await rt.runJob(JOB, today)) as { published: string[] };
    expect(run.published).toContain(fine.penaltyId);
    const s = await state(fine.penaltyId);
    expect(s).toMatchObject({ state: 'published', publishedOn: today, withdrawOn: addMonths(today, 12), version: 1 });
    expect(s.publishedOn <= s.dueBy).toBe(true);
    // A second night publishes nothing twice.
    expect(((await rt.runJob(JOB, today)) as { published: string[] }).published).not.toContain(fine.penaltyId);
  });

  it('the public reads the decision with the personal data masked', async () => {
    const d = ok(await publicOne(fine.penaltyId));
    expect(d).toMatchObject({
      disclosureId: fine.penaltyId,
      enterpriseName: '泰源煤矿',
      creditCode,
      kind: 'fine',
      decision: '罚款人民币 30,000 元',
      decisionNo: fine.decisionNo,
      decidedOn: today,
      year: today.slice(0, 4),
      bureau: '鹤岗市东山区煤管局（演示）',
    });
    expect(d.facts).toContain('矿长张某');
    const text = JSON.stringify(d);
    for (const secret of ['张三丰', '230402198001011234', '13812345678']) expect(text).not.toContain(secret);
    // Nothing of the penalty beyond the projection: no ids of persons, no steps, no mine id.
    expect(Object.keys(d)).not.toEqual(expect.arrayContaining(['mineId']));
    expect(text).not.toContain('seed-');
  });

  it('the public list finds it by credit code, decision number, name, year and kind, and not by another year', async () => {
    for (const q of [
      `q=${encodeURIComponent(creditCode)}`,
      `q=${encodeURIComponent(fine.decisionNo)}`,
      `q=${encodeURIComponent('泰源')}`,
      `year=${today.slice(0, 4)}&kind=fine`,
    ])
      expect((await search(q)).map((i) => i.disclosureId)).toContain(fine.penaltyId);
    expect((await search('year=2001')).map((i) => i.disclosureId)).not.toContain(fine.penaltyId);
    expect((await search('kind=warning')).map((i) => i.disclosureId)).not.toContain(fine.penaltyId);
    expect((await search(`q=${encodeURIComponent('张三丰')}`)).map((i) => i.disclosureId)).not.toContain(
      fine.penaltyId,
    );
  });

  it('withdrawn when its months are over, not a day before', async () => {
    const end = addMonths(today, 12);
    expect(((await rt.runJob(JOB, addDays(end, -1))) as { withdrawn: string[] }).withdrawn).not.toContain(
      fine.penaltyId,
    );
    ok(await publicOne(fine.penaltyId));
    expect(((await rt.runJob(JOB, end)) as { withdrawn: string[] }).withdrawn).toContain(fine.penaltyId);
    expectProblem(await publicOne(fine.penaltyId), 404);
    expect(await state(fine.penaltyId)).toMatchObject({
      state: 'withdrawn',
      withdrawnOn: end,
      withdrawnReason: '公示期满',
    });
    expect((await search(`q=${encodeURIComponent(fine.decisionNo)}`)).length).toBe(0);
  });
});

describe('early withdrawal by the bureau admin', () => {
  let warning: { penaltyId: string };

  beforeAll(async () => {
    warning = await decide({ kind: 'warning', description: '安全管理人员未按规定带班下井' });
    await rt.runJob(JOB, today);
  });

  const withdraw = (token: string, body: unknown) =>
    http('POST', `/v1/disclosures/${warning.penaltyId}/withdraw`, { token, body });

  it('without a reason: 400', async () => {
    expectProblem(await withdraw(tokens.bureau_admin, { version: 1 }), 400, ['body.reason']);
    expectProblem(await withdraw(tokens.bureau_admin, { version: 1, reason: '  ' }), 400, ['body.reason']);
  });

  it('by an inspector, a legal reviewer or a mine user: 403', async () => {
    for (const role of ['inspector', 'legal_reviewer', 'mine_user'] as const)
      expectProblem(await withdraw(tokens[role], { version: 1, reason: '处罚决定已撤销' }), 403);
    ok(await publicOne(warning.penaltyId));
  });

  it('at a stale version: 409', async () => {
    expectProblem(await withdraw(tokens.bureau_admin, { version: 7, reason: '处罚决定已撤销' }), 409);
  });

  it('the admin with a reason: off the public pages, the reason kept and audited; not twice', async () => {
    const s = ok(await withdraw(tokens.bureau_admin, { version: 1, reason: '处罚决定经行政复议撤销' }));
    expect(s).toMatchObject({ state: 'withdrawn', withdrawnOn: today, withdrawnReason: '处罚决定经行政复议撤销' });
    expectProblem(await publicOne(warning.penaltyId), 404);
    expectProblem(await withdraw(tokens.bureau_admin, { version: 2, reason: '再次撤下' }), 422);
    const audit = ok(await http('GET', `/v1/mines/${MINE}/audit?limit=50`, { token: tokens.bureau_admin }));
    const events = (audit.items as { action: string; entityId: string; reason?: string }[]).filter(
      (e) => e.entityId === warning.penaltyId && e.action.startsWith('disclosure.'),
    );
    expect(events.map((e) => e.action).sort()).toEqual(['disclosure.published', 'disclosure.withdrawn']);
    expect(events.find((e) => e.action === 'disclosure.withdrawn')?.reason).toBe('处罚决定经行政复议撤销');
  });

  it('the bureau list shows each decision’s state; a mine user may not read it', async () => {
    const list = ok(await http('GET', '/v1/disclosures', { token: tokens.inspector })).items as {
      penaltyId: string;
      state: string;
    }[];
    expect(list.find((i) => i.penaltyId === warning.penaltyId)?.state).toBe('withdrawn');
    expect(ok(await http('GET', '/v1/disclosures?state=withdrawn', { token: tokens.inspector })).items.length).toBe(
      list.filter((i) => i.state === 'withdrawn').length,
    );
    expectProblem(await http('GET', '/v1/disclosures', { token: tokens.mine_user }), 403);
    expectProblem(await http('GET', `/v1/disclosures/${warning.penaltyId}`, { token: tokens.mine_user }), 403);
  });
});

describe('the published statistics', () => {
  /** Every page of a bureau list. */
  const all = async (path: string) => {
    const items: Record<string, any>[] = [];
    let cursor: string | undefined;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = ok(
        await http('GET', `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
          token: tokens.bureau_admin,
        }),
      );
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  };

  it('equal the district’s records of the year', async () => {
    await rt.runJob(JOB, today);
    const year = today.slice(0, 4);
    const stats = ok(await http('GET', `/v1/public/statistics?year=${year}`)).items as Record<string, any>[];
    const ours = stats.find((s) => s.jurisdiction === JURISDICTION)!;
    expect(ours).toMatchObject({ year, jurisdictionName: '东山区', asOf: today });

    const inYear = (d: string | undefined) => !!d && d.startsWith(`${year}-`);
    const inspections = await all(`/v1/inspections?status=done&from=${year}-01-01&to=${year}-12-31`);
    const hazards = await all('/v1/hazards');
    const penalties = (await all('/v1/penalties')).filter(
      (p) => ['effective', 'executed', 'overdue'].includes(p.status) && inYear(p.effectiveOn),
    );
    const found = hazards.filter((h) => inYear(h.foundOn));
    expect(ours.inspections).toBe(inspections.length);
    expect(ours.hazardsFound).toBe(found.length);
    expect(ours.majorHazardsFound).toBe(found.filter((h) => h.level === 'major').length);
    expect(ours.hazardsClosed).toBe(
      hazards.filter((h) => h.status === 'verified' && inYear(todayInShanghai(new Date(h.verifiedAt)))).length,
    );
    expect(ours.penalties).toBe(penalties.length);
    expect(ours.penalties).toBeGreaterThanOrEqual(2);
    const fines = penalties.filter((p) => p.kind === 'fine');
    expect(ours.finesYuan).toBe(fines.reduce((s, p) => s + p.amountYuan, 0));
    expect(ours.penaltiesByKind.find((k: { kind: string }) => k.kind === 'fine')?.count).toBe(fines.length);
    expect(ours.penaltiesByKind.find((k: { kind: string }) => k.kind === 'warning')?.count).toBe(
      penalties.filter((p) => p.kind === 'warning').length,
    );
  });
});

describe('a decision not published by its last working day is reminded until it is published', () => {
  let late: { penaltyId: string; decisionNo: string };
  let dueBy: string;
  const remindersOf = async (penaltyId: string) =>
    (
      ok(await http('GET', '/v1/notifications?limit=200', { token: tokens.bureau_admin })).items as {
        title: string;
        body: string;
        ref?: { entityId?: string };
        recipients: { type: string }[];
      }[]
    ).filter((n) => n.ref?.entityId === penaltyId);

  it('decided, and no nightly run publishes it: the day after its last working day the leaders are told', async () => {
    late = await decide({ kind: 'warning', description: '未按规定填写瓦斯检查记录（公示提醒测试）' });
    dueBy = (await state(late.penaltyId)).dueBy;
    expect(dueBy).toBe(addWorkingDays(today, 7));
    await rt.runJob('reminder-scan', addDays(dueBy, 1));
    const notes = await remindersOf(late.penaltyId);
    expect(notes.map((n) => n.title)).toEqual(['逾期未公示：泰源煤矿']);
    expect(notes[0]!.body).toContain(late.decisionNo);
    expect(notes[0]!.body).toContain('已逾期 1 天');
    expect(notes[0]!.recipients.map((r) => r.type)).toEqual(['leaders']);
    expect((await state(late.penaltyId)).state).toBe('due');
  });

  it('once published it is not reminded again', async () => {
    expect(((await rt.runJob(JOB, today)) as { published: string[] }).published).toContain(late.penaltyId);
    await rt.runJob('reminder-scan', addDays(dueBy, 2));
    expect((await remindersOf(late.penaltyId)).length).toBe(1);
  });
});

describe('the bureau’s holiday calendar moves the publication deadline', () => {
  const policy = async () => ok(await http('GET', '/v1/policies/disclosure', { token: tokens.bureau_admin }));
  const put = async (calendar: Record<string, string[]>) =>
    http('PUT', '/v1/policies/disclosure', {
      token: tokens.bureau_admin,
      body: { version: (await policy()).ownVersion, terms: { calendar }, reason: '录入节假日安排' },
    });
  /** The next Monday-to-Friday day after today, and the next Saturday. */
  const next = (weekend: boolean) => {
    let d = addDays(today, 1);
    while ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) !== weekend) d = addDays(d, 1);
    return d;
  };

  it('refuses a working weekend day that is not a Saturday or a Sunday, naming the list', async () => {
    const res = await put({ holidays: [], workingWeekends: [next(false)] });
    expectProblem(res, 400);
    expect(JSON.stringify(res.body)).toContain('body.terms.calendar.workingWeekends');
    expect((await policy()).terms.calendar).toEqual({ holidays: [], workingWeekends: [] });
  });

  it('a holiday entered makes a decision due one working day later; the inspector may not enter one', async () => {
    const holiday = next(false);
    expect(
      (
        await http('PUT', '/v1/policies/disclosure', {
          token: tokens.inspector,
          body: {
            version: (await policy()).ownVersion,
            terms: { calendar: { holidays: [holiday], workingWeekends: [] } },
            reason: 'x',
          },
        })
      ).status,
    ).toBe(403);
    ok(await put({ holidays: [holiday], workingWeekends: [] }));
    const p = await decide({ kind: 'warning', description: '未按规定组织班前安全教育（节假日测试）' });
    expect((await state(p.penaltyId)).dueBy).toBe(
      addWorkingDays(today, 7, workCalendar({ holidays: [holiday], workingWeekends: [] })),
    );
    expect((await state(p.penaltyId)).dueBy).toBe(addWorkingDays(addWorkingDays(today, 7), 1));
    ok(await put({ holidays: [], workingWeekends: [] }));
  });
});
