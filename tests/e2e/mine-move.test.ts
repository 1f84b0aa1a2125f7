import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { creditCodeCheckChar } from '#lib/validators/credit-code.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, expectProblem, mineBody, ok, startTestRuntime } from '../support/local-runtime.ts';

/**
 * Issue 17, items 3 and 4 over HTTP. The city's admin moves m-demo11 (a case, violations, a penalty, notifications
 * and its enterprise on the blacklist; an inspection and an accident recorded here) from 东山区 to 兴山区: the old
 * district lists none of it and gets 404 for each, the new one sees and acts on it, and the audit shows the move.
 * Then a district creating a mine with the id or the credit code of a mine in the district next door is refused
 * without learning that it exists there, and the city's leaders are told.
 */
const MINE = 'm-demo11';
const DONGSHAN = 'hlj/hegang/dongshan';
const XINGSHAN = 'hlj/hegang/xingshan';
const today = todayInShanghai();

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let city: string;
let oldAdmin: string;
let oldInspector: string;
let newAdmin: string;
let newInspector: string;

/** The ids of the mine's records, one per kind, and the list each is on. */
const LISTS = {
  case: { list: '/v1/cases', id: 'caseId', one: '/v1/cases/' },
  violation: { list: '/v1/violations', id: 'violationId', one: '/v1/violations/' },
  inspection: { list: '/v1/inspections', id: 'inspectionId', one: '/v1/inspections/' },
  accident: { list: '/v1/accidents', id: 'accidentId', one: '/v1/accidents/' },
  penalty: { list: '/v1/penalties', id: 'penaltyId', one: '/v1/penalties/' },
  blacklist: { list: '/v1/blacklist', id: 'entryId', one: '/v1/blacklist/' },
  notification: { list: '/v1/notifications', id: 'notificationId', one: undefined },
} as const;
type Kind = keyof typeof LISTS;
const ids = {} as Record<Kind, string>;

/** Every item of a list the token sees that belongs to the mine (all pages). */
async function ofMine(kind: Kind, token: string): Promise<any[]> {
  const found: any[] = [];
  let cursor: string | null = null;
  do {
    const r = await http('GET', `${LISTS[kind].list}?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { token });
    const page = ok(r);
    found.push(...page.items.filter((i: { mineId?: string }) => i.mineId === MINE));
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  await rt.queue.drain();
  city = await rt.token({
    role: 'bureau_admin',
    jurisdiction: 'hlj/hegang',
    sub: 'hegang-admin',
    name: '鹤岗市局（演示）',
  });
  oldAdmin = rt.tokens.bureau_admin!;
  oldInspector = rt.tokens.inspector!;
  newAdmin = await rt.token({ role: 'bureau_admin', jurisdiction: XINGSHAN, sub: 'xs-admin' });
  newInspector = rt.tokens.inspector_other_district!;
  // An inspection and an accident of the mine, besides what the demo recorded.
  const inspection = await http('POST', `/v1/mines/${MINE}/inspections`, {
    token: oldInspector,
    body: {
      kind: 'planned',
      plannedOn: addDays(today, 3),
      inspectors: [{ userId: 'u-wang', name: '王检查' }],
      purpose: '复查',
    },
  });
  expect(inspection.status, JSON.stringify(inspection.body)).toBe(201);
  const accident = await http('POST', `/v1/mines/${MINE}/accidents`, {
    token: oldInspector,
    body: { date: addDays(today, -10), level: 'general', deaths: 1, injuries: 0, description: '运输事故' },
  });
  expect(accident.status, JSON.stringify(accident.body)).toBe(201);
  for (const kind of Object.keys(LISTS) as Kind[]) {
    const items = await ofMine(kind, oldAdmin);
    expect(items.length, kind).toBeGreaterThan(0);
    ids[kind] = items[0][LISTS[kind].id];
  }
}, 240_000);

afterAll(async () => {
  await rt?.stop();
});

describe('a mine moved by the city’s admin to another district', () => {
  it('is moved, and the audit says from where to where', async () => {
    const before = ok(await http('GET', `/v1/mines/${MINE}`, { token: city }));
    expect(before.jurisdiction).toBe(DONGSHAN);
    const moved = ok(
      await http('PATCH', `/v1/mines/${MINE}`, {
        token: city,
        body: { version: before.version, jurisdiction: XINGSHAN },
      }),
    );
    expect(moved.jurisdiction).toBe(XINGSHAN);
    await rt.queue.drain();
    expect(rt.queue.deadLetters('mine-move')).toEqual([]);
    const audit = ok(await http('GET', `/v1/mines/${MINE}/audit?limit=200`, { token: newAdmin }));
    const move = audit.items.find((e: any) => e.action === 'mine.updated' && JSON.stringify(e).includes(XINGSHAN));
    expect(move, JSON.stringify(audit.items.slice(0, 3))).toBeDefined();
    expect(JSON.stringify(move)).toContain(DONGSHAN);
    expect(move.actor ?? move.by).toMatchObject({ sub: 'hegang-admin' });
  });

  it('leaves the old district nothing of it: every list empty of the mine, every record and action 404', async () => {
    for (const kind of Object.keys(LISTS) as Kind[]) expect(await ofMine(kind, oldAdmin), kind).toEqual([]);
    expectProblem(await http('GET', `/v1/mines/${MINE}`, { token: oldAdmin }), 404);
    for (const kind of Object.keys(LISTS) as Kind[]) {
      const one = LISTS[kind].one;
      if (one) expectProblem(await http('GET', `${one}${ids[kind]}`, { token: oldInspector }), 404);
    }
    expectProblem(
      await http('POST', `/v1/blacklist/${ids.blacklist}/actions`, {
        token: oldAdmin,
        body: { action: 'withdraw', version: 1, reason: '迁出后撤回' },
      }),
      404,
    );
    expectProblem(
      await http('PATCH', `/v1/accidents/${ids.accident}`, {
        token: oldInspector,
        body: { version: 1, misreported: true, reason: '核实' },
      }),
      404,
    );
    expectProblem(
      await http('POST', `/v1/cases/${ids.case}/actions`, { token: oldAdmin, body: { action: 'start', version: 1 } }),
      404,
    );
  });

  it('gives the new district all of it, to see and to act on', async () => {
    for (const kind of Object.keys(LISTS) as Kind[]) {
      const listed = (await ofMine(kind, newAdmin)).map((i) => i[LISTS[kind].id]);
      expect(listed, kind).toContain(ids[kind]);
      const one = LISTS[kind].one;
      if (one) ok(await http('GET', `${one}${ids[kind]}`, { token: newInspector }));
    }
    const accident = ok(await http('GET', `/v1/accidents/${ids.accident}`, { token: newInspector }));
    const corrected = ok(
      await http('PATCH', `/v1/accidents/${ids.accident}`, {
        token: newInspector,
        body: { version: accident.version, misreported: true, reason: '核实' },
      }),
    );
    expect(corrected).toMatchObject({ misreported: true, jurisdiction: XINGSHAN });
    // A stale version reaches the entry (409), where the old district got 404.
    expectProblem(
      await http('POST', `/v1/blacklist/${ids.blacklist}/actions`, {
        token: newAdmin,
        body: { action: 'withdraw', version: 999, reason: '核实' },
      }),
      409,
    );
    // The corrected record stays on the new district's list.
    expect((await ofMine('accident', newAdmin)).map((a) => a.accidentId)).toContain(ids.accident);
    expect(await ofMine('accident', oldAdmin)).toEqual([]);
  });
});

describe('creating a mine with the id or credit code of a mine the caller cannot see', () => {
  const first17 = '91230406MA0000001';
  const code = first17 + creditCodeCheckChar(first17);
  beforeAll(async () => {
    // A mine of 兴山区, created by the city.
    const made = await http('POST', '/v1/mines', {
      token: city,
      body: mineBody('m-xs-hidden', { name: '兴山迁移演示矿', creditCode: code, jurisdiction: XINGSHAN }),
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
  });

  it('is refused with the same neutral 422 for the id and for the code, naming no mine or place', async () => {
    const byId = await http('POST', '/v1/mines', {
      token: oldAdmin,
      body: mineBody('m-xs-hidden', {
        name: '东山新建演示矿',
        creditCode: `${'91230406MA0000002'}${creditCodeCheckChar('91230406MA0000002')}`,
      }),
    });
    expectProblem(byId, 422);
    const byCode = await http('POST', '/v1/mines', {
      token: oldAdmin,
      body: mineBody('m-ds-new', { name: '东山新建演示矿', creditCode: code }),
    });
    expectProblem(byCode, 422);
    expect(byCode.body.detail).toBe(byId.body.detail);
    expect(byCode.body.errors ?? []).toEqual(byId.body.errors ?? []);
    for (const r of [byId, byCode]) {
      const text = JSON.stringify(r.body);
      for (const secret of ['xingshan', '兴山', '已存在', '已登记', 'm-xs-hidden']) expect(text).not.toContain(secret);
    }
    // Nothing was created.
    expectProblem(await http('GET', '/v1/mines/m-ds-new', { token: oldAdmin }), 404);
  });

  it('refuses a change of credit code to a hidden mine’s code the same way, and changes nothing', async () => {
    const before = ok(await http('GET', '/v1/mines/m-taiyuan', { token: oldAdmin }));
    const r = await http('PATCH', '/v1/mines/m-taiyuan', {
      token: oldAdmin,
      body: { version: before.version, creditCode: code },
    });
    expectProblem(r, 422);
    expect(JSON.stringify(r.body)).not.toContain('m-xs-hidden');
    expect(ok(await http('GET', '/v1/mines/m-taiyuan', { token: oldAdmin }))).toEqual(before);
  });

  it('stays a 409 naming the field for a mine the caller can see', async () => {
    const r = await http('POST', '/v1/mines', {
      token: city,
      body: mineBody('m-xs-hidden', { name: '重复建档', creditCode: code, jurisdiction: XINGSHAN }),
    });
    expectProblem(r, 409, ['body.mineId']);
  });

  it('tells the city’s leaders, the bureau above both, of each clash', async () => {
    await rt.queue.drain();
    const inbox = ok(await http('GET', '/v1/me/notifications?limit=200', { token: city }));
    const clashes = inbox.items.filter((n: any) => n.kind === 'mine.identity_clash');
    expect(clashes).toHaveLength(2);
    expect(clashes.map((n: any) => n.title).sort()).toEqual(
      ['新建煤矿的煤矿编号与另一辖区煤矿相同', '新建煤矿的统一社会信用代码与另一辖区煤矿相同'].sort(),
    );
    for (const n of clashes) {
      expect(n.body).toContain(DONGSHAN);
      expect(n.body).toContain(XINGSHAN);
      expect(n.ref).toEqual({ entityType: 'mine', entityId: 'm-xs-hidden' });
    }
    // The districts' own leaders are not told (neither sees both sides).
    for (const token of [oldAdmin, newAdmin]) {
      const theirs = ok(await http('GET', '/v1/me/notifications?limit=200', { token }));
      expect(theirs.items.filter((n: any) => n.kind === 'mine.identity_clash')).toEqual([]);
    }
  });
});
