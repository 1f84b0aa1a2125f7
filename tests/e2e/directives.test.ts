import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directiveRoutes } from '#functions/api/directives.routes.ts';
import { ALL_ROUTES } from '#functions/api/routes.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { creditCodeCheckChar } from '#lib/validators/credit-code.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, type Reply, startTestRuntime } from '../support/local-runtime.ts';
import {
  type MineCase,
  READERS,
  ROLES,
  type RoleName,
  registerTenancyMatrix,
  roleTokens,
  type Target,
} from '../support/tenancy-matrix.ts';

/**
 * 督办函 and 监管监察意见书 over HTTP on the local runtime: issued with the bureau's next number, answered item by
 * item by the mine with evidence, returned and accepted by the bureau, closed with the last acceptance; the refusals
 * (a mine user issuing or accepting, an answer after closing, a stale version, a file that is not the document's);
 * the demo's letter, the mine's file and the morning's reminder; then the tenancy matrix of every route.
 */
const OWN = 'm-taiyuan';
const OTHER_MINE = 'm-shuyuan1';
const OTHER_JURISDICTION = 'm-xingshan-dir';
const mineOf: Record<Target, string> = { own: OWN, otherMine: OTHER_MINE, otherJurisdiction: OTHER_JURISDICTION };
const ISSUERS: RoleName[] = ['bureau_admin', 'inspector'];

const today = todayInShanghai();

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let rootToken: string;
let tokens: Record<RoleName, string>;
/** The mine user of the other district's mine, to answer there. */
let otherMineUser: string;

const root = (method: string, path: string, body?: unknown) => http(method, path, { token: rootToken, body });
const okBody = (r: Reply, status = 200): any => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};
const expectProblem = (r: Reply, status: number, fields?: string[]) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  if (fields) expect((r.body.errors ?? []).map((e: { field: string }) => e.field)).toEqual(fields);
};

const letter = (b: Record<string, unknown> = {}) => ({
  kind: 'supervision_letter',
  subject: '停产期间用电异常督办（测试）',
  items: ['说明夜间用电原因', '提交停产措施落实情况'],
  deadline: addDays(today, 5),
  ...b,
});
const issue = async (mineId: string, b: Record<string, unknown> = {}, token = tokens.inspector) =>
  okBody(await http('POST', `/v1/mines/${mineId}/directives`, { token, body: letter(b) }), 201);
const itemPath = (mineId: string, id: string, no: number, step: 'reply' | 'review') =>
  `/v1/mines/${mineId}/directives/${id}/items/${no}/${step}`;
const answer = (mineId: string, d: { directiveId: string; version: number }, no: number, token = tokens.mine_user) =>
  http('POST', itemPath(mineId, d.directiveId, no, 'reply'), {
    token,
    body: { text: `第${no}项已落实（测试）`, version: d.version },
  });
const decide = (
  mineId: string,
  d: { directiveId: string; version: number },
  no: number,
  b: Record<string, unknown> = { outcome: 'accept' },
  token = tokens.inspector,
) => http('POST', itemPath(mineId, d.directiveId, no, 'review'), { token, body: { ...b, version: d.version } });

/** One evidence file on the document's reply step, the way the dashboard adds it. */
async function attachReplyFile(mineId: string, directiveId: string, token = tokens.mine_user) {
  const bytes = Buffer.alloc(2048, 0x20);
  bytes.set([0x25, 0x50, 0x44, 0x46, 0x2d], 0);
  const base = `/v1/mines/${mineId}/evidence/directive/${directiveId}`;
  const t = okBody(
    await http('POST', `${base}/uploads`, {
      token,
      body: {
        step: 'reply',
        fileName: '整改说明.pdf',
        contentType: 'application/pdf',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
    }),
    201,
  );
  const form = new FormData();
  for (const [k, v] of Object.entries(t.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'upload');
  expect((await fetch(t.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  return okBody(await http('POST', `${base}/uploads/${t.uploadId}/complete`, { token }), 201).attachmentId as string;
}

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  rootToken = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj', sub: 'province-admin' });
  tokens = roleTokens(rt);
  const first17 = '91230407XK0000018';
  okBody(
    await root('POST', '/v1/mines', {
      mineId: OTHER_JURISDICTION,
      name: '兴山督办演示矿',
      creditCode: first17 + creditCodeCheckChar(first17),
      jurisdiction: 'hlj/hegang/xingshan',
      approvedCapacityTonnesPerYear: 300000,
      gasGrade: 'low',
      hydrogeology: 'simple',
      standardisationGrade: 'grade3',
    }),
    201,
  );
  otherMineUser = await rt.token({ role: 'mine_user', mineId: OTHER_MINE, sub: 'dir-mine-user-shuyuan1' });
});
afterAll(async () => rt?.stop());

describe('a 督办函 from issue to closing', () => {
  it('issued with the bureau’s next number of its kind; an opinion is numbered on its own', async () => {
    const a = await issue(OWN);
    const b = await issue(OTHER_MINE);
    const n = (no: string) => Number(/〔\d{4}〕(\d+)号$/.exec(no)![1]);
    expect(a.documentNo).toMatch(new RegExp(`^东山煤安督〔${today.slice(0, 4)}〕\\d+号$`));
    expect(n(b.documentNo)).toBe(n(a.documentNo) + 1);
    expect(a).toMatchObject({
      mineId: OWN,
      mineName: '泰源煤矿',
      date: today,
      status: 'open',
      daysLeft: 5,
      overdue: false,
      issuer: { jurisdiction: 'hlj/hegang/dongshan', name: '东山区煤矿安全监管局' },
      issuedBy: { sub: 'dev-inspector', role: 'inspector' },
      items: [
        { no: 1, text: '说明夜间用电原因', state: 'open', replies: [] },
        { no: 2, text: '提交停产措施落实情况', state: 'open', replies: [] },
      ],
    });
    const opinion = await issue(OWN, { kind: 'supervision_opinion' });
    expect(opinion.documentNo).toMatch(/^东山煤安意〔\d{4}〕\d+号$/);
  });

  it('a deadline before today is refused, today itself is taken', async () => {
    expectProblem(
      await http('POST', `/v1/mines/${OWN}/directives`, {
        token: tokens.inspector,
        body: letter({ deadline: addDays(today, -1) }),
      }),
      400,
      ['body.deadline'],
    );
    expect((await issue(OWN, { deadline: today })).daysLeft).toBe(0);
  });

  it('a mine user cannot issue, not even to its own mine', async () => {
    expectProblem(await http('POST', `/v1/mines/${OWN}/directives`, { token: tokens.mine_user, body: letter() }), 403);
  });

  it('answered with a file, returned with a reason, answered again, accepted; closed with the last item', async () => {
    let d = await issue(OWN);
    const issued = { subject: d.subject, items: d.items.map((i: any) => i.text), deadline: d.deadline };
    const fileId = await attachReplyFile(OWN, d.directiveId);

    // A file that is not one of the document's: 422 naming it.
    expectProblem(
      await http('POST', itemPath(OWN, d.directiveId, 1, 'reply'), {
        token: tokens.mine_user,
        body: { text: '见附件', attachmentIds: ['att-doesnotexist'], version: d.version },
      }),
      422,
      ['body.attachmentIds.0'],
    );
    // The mine cannot rewrite what the bureau issued through its answer.
    expectProblem(
      await http('POST', itemPath(OWN, d.directiveId, 1, 'reply'), {
        token: tokens.mine_user,
        body: { text: '见附件', subject: '改写的事由', version: d.version },
      }),
      400,
    );

    d = okBody(
      await http('POST', itemPath(OWN, d.directiveId, 1, 'reply'), {
        token: tokens.mine_user,
        body: { text: '夜间为排水泵运行用电（测试）', attachmentIds: [fileId], version: d.version },
      }),
    );
    expect(d.items[0]).toMatchObject({
      state: 'replied',
      replies: [
        {
          text: '夜间为排水泵运行用电（测试）',
          files: [{ attachmentId: fileId, fileName: '整改说明.pdf' }],
          by: { sub: 'dev-mine_user-m-taiyuan', role: 'mine_user' },
          late: false,
        },
      ],
    });
    // Answered again while the first awaits review: 409.
    expectProblem(await answer(OWN, d, 1), 409);
    // A stale version: 409.
    expectProblem(await answer(OWN, { ...d, version: d.version - 1 }, 2), 409);

    // The mine user cannot accept its own answer.
    expectProblem(await decide(OWN, d, 1, { outcome: 'accept' }, tokens.mine_user), 403);
    // Returned without a reason: 400.
    expectProblem(await decide(OWN, d, 1, { outcome: 'return' }), 400, ['body.reason']);
    d = okBody(await decide(OWN, d, 1, { outcome: 'return', reason: '请附排水泵运行记录' }));
    expect(d.items[0].state).toBe('returned');
    expect(d.items[0].replies[0].review).toMatchObject({ outcome: 'return', reason: '请附排水泵运行记录' });

    d = okBody(await answer(OWN, d, 1));
    d = okBody(await decide(OWN, d, 1));
    // Nothing to review on an item with no answer.
    expectProblem(await decide(OWN, d, 2), 409);
    d = okBody(await answer(OWN, d, 2));
    d = okBody(await decide(OWN, d, 2, { outcome: 'accept' }, tokens.bureau_admin));
    expect(d.status).toBe('closed');
    expect(d.closedAt).toBeTruthy();
    expect(d).not.toHaveProperty('daysLeft');
    expect(d.items.map((i: any) => [i.state, i.replies.length])).toEqual([
      ['accepted', 2],
      ['accepted', 1],
    ]);
    expect({ subject: d.subject, items: d.items.map((i: any) => i.text), deadline: d.deadline }).toEqual(issued);

    // Closed: no more answers (409), no more reviews.
    expectProblem(await answer(OWN, d, 1), 409);
    expectProblem(await decide(OWN, d, 1), 409);
    // The file can no longer be added to by anyone but the mine, and the bureau never adds files to it.
    expect(
      (
        await http('POST', `/v1/mines/${OWN}/evidence/directive/${d.directiveId}/uploads`, {
          token: tokens.inspector,
          body: { step: 'reply', fileName: 'a.pdf', contentType: 'application/pdf', size: 10, sha256: '0'.repeat(64) },
        })
      ).status,
    ).toBe(403);

    // Read back as written, and in the bureau's list of closed ones.
    expect(
      okBody(await http('GET', `/v1/mines/${OWN}/directives/${d.directiveId}`, { token: tokens.mine_user })),
    ).toEqual(d);
    const closed = okBody(await http('GET', '/v1/directives?status=closed&limit=200', { token: tokens.bureau_admin }));
    expect(closed.items.map((x: any) => x.directiveId)).toContain(d.directiveId);
    expect(closed.items.every((x: any) => x.status === 'closed')).toBe(true);
  });

  it('another mine’s user answering this mine’s letter gets the same 404 as for a letter that does not exist', async () => {
    const d = await issue(OWN);
    const theirs = await answer(OWN, d, 1, otherMineUser);
    expectProblem(theirs, 404);
    const nothing = await answer(OWN, { ...d, directiveId: 'dir-doesnotexist00000000' }, 1);
    expect(nothing.status).toBe(404);
  });
});

describe('the demo letter, the mine’s file and the reminder', () => {
  it('the demo district has a 督办函 to 泰源煤矿 with one item answered and one open', async () => {
    const mine = okBody(await http('GET', `/v1/mines/${OWN}/directives?limit=200`, { token: tokens.mine_user }));
    const demo = mine.items.find((d: any) => d.subject.includes('（演示）'));
    expect(demo).toMatchObject({ kind: 'supervision_letter', status: 'open', deadline: addDays(today, 7) });
    expect(demo.items.map((i: any) => i.state)).toEqual(['replied', 'open']);
  });

  it('the mine’s file shows its directives', async () => {
    const file = okBody(await http('GET', `/v1/mines/${OWN}/record`, { token: tokens.inspector }));
    expect(file.directives.length).toBeGreaterThan(0);
    expect(file.directives.every((d: any) => d.mineId === OWN)).toBe(true);
  });

  it('the morning’s scan reminds the mine of an open letter’s deadline, and not of a closed one', async () => {
    const open = await issue(OTHER_MINE, { subject: '逾期提醒测试（测试）', deadline: addDays(today, 2) });
    let closed = await issue(OTHER_MINE, {
      subject: '已办结不提醒（测试）',
      items: ['一项'],
      deadline: addDays(today, 2),
    });
    closed = okBody(await answer(OTHER_MINE, closed, 1, otherMineUser));
    closed = okBody(await decide(OTHER_MINE, closed, 1));
    expect(closed.status).toBe('closed');
    // The day after the deadline: overdue by one day.
    okBody(await http('POST', `/local/jobs/reminder-scan?date=${addDays(today, 3)}`));
    const inbox = okBody(await http('GET', '/v1/me/notifications?limit=200', { token: otherMineUser }));
    const about = (id: string) => inbox.items.filter((n: any) => n.ref?.entityId === id);
    expect(about(open.directiveId).map((n: any) => n.title)).toEqual(['督办函办理期限：蔬园一煤矿']);
    expect(about(open.directiveId)[0].body).toContain('已逾期 1 天');
    expect(about(closed.directiveId)).toEqual([]);
  });
});

type Case = MineCase;
/** A letter per mine, issued by the province's admin so every mine has one. */
const standing: Partial<Record<string, any>> = {};
const standingAt = async (mineId: string) => {
  standing[mineId] ??= okBody(await root('POST', `/v1/mines/${mineId}/directives`, letter()), 201);
  return standing[mineId];
};
/** A fresh letter with item 1 answered, for a review. */
const answeredAt = async (mineId: string) => {
  const d = okBody(await root('POST', `/v1/mines/${mineId}/directives`, letter()), 201);
  const mineToken =
    mineId === OWN ? tokens.mine_user : await rt.token({ role: 'mine_user', mineId, sub: `dir-matrix-${mineId}` });
  return okBody(await answer(mineId, d, 1, mineToken));
};

const CASES: Case[] = [
  {
    operationId: 'issueDirective',
    allowed: ISSUERS,
    success: 201,
    request: async (m) => ({ method: 'POST', path: `/v1/mines/${m}/directives`, body: letter() }),
  },
  {
    operationId: 'listMineDirectives',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/directives` }),
  },
  {
    operationId: 'getDirective',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/directives/${(await standingAt(m)).directiveId}` }),
  },
  {
    operationId: 'replyToDirectiveItem',
    allowed: ['mine_user'],
    success: 200,
    request: async (m) => {
      const d = okBody(await root('POST', `/v1/mines/${m}/directives`, letter()), 201);
      return {
        method: 'POST',
        path: itemPath(m, d.directiveId, 1, 'reply'),
        body: { text: '已落实（测试）', version: d.version },
      };
    },
  },
  {
    operationId: 'reviewDirectiveItem',
    allowed: ISSUERS,
    success: 200,
    request: async (m) => {
      const d = await answeredAt(m);
      return {
        method: 'POST',
        path: itemPath(m, d.directiveId, 1, 'review'),
        body: { outcome: 'accept', version: d.version },
      };
    },
  },
];

describe('tenancy matrix: directives', () => {
  it('covers every route of the module, and they are in the route table', () => {
    const mine = directiveRoutes.map((r) => r.operationId).sort();
    expect([...CASES.map((c) => c.operationId), 'listDirectives'].sort()).toEqual(mine);
    const table = new Set(ALL_ROUTES.map((r) => r.operationId));
    for (const op of mine) expect(table, op).toContain(op);
  });

  registerTenancyMatrix({
    cases: CASES,
    session: () => ({ http, tokens }),
    mineOf,
    missingPath: (req, target) => req.path.replace(mineOf[target], 'm-does-not-exist'),
  });

  for (const role of ROLES) {
    const want = READERS.includes(role) ? 200 : 403;
    it(`listDirectives as ${role} → ${want}, nothing of another jurisdiction${role === 'mine_user' ? ' or another mine' : ''}`, async () => {
      for (const m of [OWN, OTHER_MINE, OTHER_JURISDICTION]) await standingAt(m);
      const reply = await http('GET', '/v1/directives?limit=200', { token: tokens[role] });
      expect(reply.status, JSON.stringify(reply.body)).toBe(want);
      if (want !== 200) return;
      const mines = new Set((reply.body.items as { mineId: string }[]).map((x) => x.mineId));
      expect(mines.has(OTHER_JURISDICTION)).toBe(false);
      expect(mines.has(OWN)).toBe(true);
      expect(mines.has(OTHER_MINE)).toBe(role !== 'mine_user');
      const named = await http('GET', `/v1/directives?mineId=${OTHER_JURISDICTION}`, { token: tokens[role] });
      expect(named.status).toBe(404);
    });
  }
});
