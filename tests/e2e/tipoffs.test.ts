import { createHash } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROUTES } from '#functions/api/routes.ts';
import { solveProof } from '#lib/tipoffs/proof-of-work.ts';
import { LOCAL_EVIDENCE_BUCKET, type LocalRuntime } from '#local/runtime.ts';
import { waitingClient } from '../support/fair-use.ts';
import { client, type Reply, startTestRuntime } from '../support/local-runtime.ts';
import {
  BUREAU,
  type RoleName,
  registerTenancyMatrix,
  roleTokens,
  type Target,
  type TargetCase,
} from '../support/tenancy-matrix.ts';

/**
 * Public tip-offs (举报) over HTTP on the demo district: a visitor's report with a proof of work, checked with its
 * code; the bureau's triage, assignment, investigation, conclusion and reward (four-eyes, then paid); and the
 * refusals: the reporter's contact in no list, detail or history, not to a mine user, not to an unassigned bureau
 * user; a reward approved by its proposer; a replayed or wrong proof; the per-source rate; oversized input; another
 * jurisdiction.
 */
const J = 'hlj/hegang/dongshan';
const MINE = 'm-demo11';
const MOBILE = '13912345678';
const REPORTER = '匿名群众甲';

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let admin: string;
let inspector: string;
let legal: string;
let legal2: string;
let mineUser: string;
let otherAdmin: string;
let root: string;
let provinceLegal: string;
let tokens: Record<RoleName, string>;

const ok = (r: Reply, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};

async function proof(): Promise<{ challenge: string; nonce: string }> {
  const c = ok(await http('GET', `/v1/public/tipoffs/challenge?jurisdiction=${encodeURIComponent(J)}`));
  return { challenge: c.challenge, nonce: solveProof(c.challenge, c.difficulty) };
}

const report = (extra: Record<string, unknown> = {}) => ({
  jurisdiction: J,
  mineId: MINE,
  subject: 'illegal_production',
  what: '停产整顿期间夜间偷偷组织井下生产，运煤车辆进出（演示）',
  when: '近一周每晚 22 时以后',
  where: '主井工业广场',
  staffOrRelative: false,
  ...extra,
});

async function file(extra: Record<string, unknown> = {}) {
  return http('POST', '/v1/public/tipoffs', { body: { ...report(extra), proof: await proof() } });
}

/** A photo's bytes (a JPEG's first bytes, then a label): two labels of one length differ in content only. */
const photo = (label: string, size = 600) => {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  bytes.write(label, 8);
  return bytes;
};
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const declared = (bytes: Buffer, fileName = '现场照片.jpg') => ({
  fileName,
  contentType: 'image/jpeg',
  size: bytes.length,
  sha256: sha(bytes),
});

/** The browser's part: the form's fields, then the file, to the form's URL. */
async function postForm(form: { url: string; fields: Record<string, string> }, bytes: Buffer) {
  const body = new FormData();
  for (const [k, v] of Object.entries(form.fields)) body.append(k, v);
  body.append('file', new Blob([bytes], { type: 'image/jpeg' }), 'upload');
  const res = await fetch(form.url, { method: 'POST', body });
  return { status: res.status, text: await res.text() };
}

const confirm = (code: string, index: number, uploadToken: string) =>
  http('POST', '/v1/public/tipoffs/uploads/confirm', { body: { code, index, uploadToken } });

/** File a report with these files declared, post each, confirm each: what the public page does. */
async function fileWithPhotos(photos: Buffer[], extra: Record<string, unknown> = {}) {
  const filed = ok(await file({ ...extra, files: photos.map((b, i) => declared(b, `照片${i + 1}.jpg`)) }), 201);
  for (const [i, bytes] of photos.entries()) {
    expect((await postForm(filed.uploads[i], bytes)).status).toBeLessThan(300);
    ok(await confirm(filed.code, i, filed.uploadToken));
  }
  return filed as { code: string; uploadToken: string; uploads: { url: string; fields: Record<string, string> }[] };
}

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  admin = rt.tokens.bureau_admin!;
  inspector = rt.tokens.inspector!;
  legal = rt.tokens.legal_reviewer!;
  mineUser = rt.tokens.mine_user!;
  legal2 = await rt.token({ role: 'legal_reviewer', jurisdiction: J, sub: 'legal-2', name: '法制审核二' });
  otherAdmin = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj/hegang/xingshan', sub: 'xs-admin' });
  root = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj', sub: 'province-admin' });
  provinceLegal = await rt.token({ role: 'legal_reviewer', jurisdiction: 'hlj', sub: 'province-legal' });
  tokens = roleTokens(rt);
  // The district next door: light proofs and room for the matrix's reports there too.
  ok(
    await http('PUT', '/v1/policies/tipoffs', {
      token: otherAdmin,
      body: { version: 0, terms: { powDifficulty: 8, perSourcePerHour: 100 }, reason: '测试' },
    }),
  );
  // Light work for the test's proofs, room for its reports.
  ok(
    await http('PUT', '/v1/policies/tipoffs', {
      token: admin,
      body: { version: 0, terms: { powDifficulty: 8, perSourcePerHour: 100 }, reason: '测试' },
    }),
  );
}, 120_000);

afterAll(async () => rt?.stop());

describe('the demo district', () => {
  it('has a founded tip-off with its reward paid and one waiting for triage, neither showing its reporter', async () => {
    const list = ok(await http('GET', '/v1/tipoffs', { token: admin }));
    const founded = list.items.find((t: { reward?: { status: string } }) => t.reward?.status === 'paid');
    expect(founded).toMatchObject({
      mineId: MINE,
      status: 'concluded',
      finding: 'founded',
      reward: { amountYuan: 12_000, paidAmountYuan: 12_000, approvedBy: { sub: 'seed-legal-reviewer' } },
    });
    expect(founded.reward.proposedBy.sub).not.toBe(founded.reward.approvedBy.sub);
    expect(founded.links.penalties).toHaveLength(1);
    expect(list.items.filter((t: { status: string }) => t.status === 'received').length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(list)).not.toContain('13800000000');
  });
});

describe('a tip-off from filing to a paid reward', () => {
  let id: string;
  let code: string;
  let version: number;
  const detail = async (token = admin) => ok(await http('GET', `/v1/tipoffs/${id}`, { token }));

  it('a visitor files one with a contact and gets a long code; the code shows the state only', async () => {
    const mines = ok(await http('GET', `/v1/public/tipoffs/mines?jurisdiction=${encodeURIComponent(J)}`));
    expect(mines.items.map((m: { mineId: string }) => m.mineId)).toContain(MINE);
    expect(Object.keys(mines.items[0]).sort()).toEqual(['mineId', 'name']);

    const filed = ok(await file({ contact: { name: REPORTER, mobile: MOBILE } }), 201);
    code = filed.code;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{24}$/);
    const seen = ok(await http('GET', `/v1/public/tipoffs/by-code/${code}`));
    expect(seen).toEqual({ status: 'received', statusLabel: '已收到，待受理', receivedAt: expect.any(String) });
    expect((await http('GET', `/v1/public/tipoffs/by-code/${'A'.repeat(24)}`)).status).toBe(404);

    const list = ok(await http('GET', '/v1/tipoffs', { token: inspector }));
    const mine = list.items.find(
      (t: { mineId?: string; status: string }) => t.mineId === MINE && t.status === 'received',
    );
    expect(mine).toMatchObject({ status: 'received', hasContact: true, mineName: '东山演示十一矿' });
    id = mine.tipoffId;
    version = mine.version;
    // No list, no detail carries who reported.
    expect(JSON.stringify(list)).not.toContain(MOBILE);
    expect(JSON.stringify(list)).not.toContain(REPORTER);
    const d = await detail();
    expect(JSON.stringify(d)).not.toContain(MOBILE);
    expect(JSON.stringify(d)).not.toContain(REPORTER);
    expect(d.mayRevealContact).toBe(false);
  });

  it('the admin accepts it and assigns the inspector; the reporter reads the answer', async () => {
    const accepted = ok(
      await http('POST', `/v1/tipoffs/${id}/triage`, { token: inspector, body: { version, decision: 'accept' } }),
    );
    expect(accepted.status).toBe('accepted');
    const assigned = ok(
      await http('POST', `/v1/tipoffs/${id}/assign`, {
        token: admin,
        body: { version: accepted.version, handlers: ['dev-inspector', 'dev-legal_reviewer'] },
      }),
    );
    version = assigned.version;
    expect(assigned.handlers.map((h: { userId: string }) => h.userId)).toEqual(['dev-inspector', 'dev-legal_reviewer']);
    expect(ok(await http('GET', `/v1/public/tipoffs/by-code/${code}`))).toMatchObject({
      status: 'accepted',
      publicAnswer: '举报已受理，正在核查。',
    });
  });

  it('the contact: only to an assigned handler, audited without the contact itself', async () => {
    for (const token of [admin, legal2])
      expect((await http('POST', `/v1/tipoffs/${id}/contact`, { token })).status).toBe(403);
    expect((await http('POST', `/v1/tipoffs/${id}/contact`, { token: mineUser })).status).toBe(403);
    expect((await http('POST', `/v1/tipoffs/${id}/contact`, { token: otherAdmin })).status).toBe(404);
    expect((await detail(inspector)).mayRevealContact).toBe(true);
    expect(ok(await http('POST', `/v1/tipoffs/${id}/contact`, { token: inspector }))).toEqual({
      name: REPORTER,
      mobile: MOBILE,
    });
    const d = await detail();
    const read = d.history.find((e: { action: string }) => e.action === 'tipoff.contact_read');
    expect(read.actor.sub).toBe('dev-inspector');
    expect(JSON.stringify(d)).not.toContain(MOBILE);
  });

  it('a mine user reaches no bureau route; another jurisdiction gets 404', async () => {
    for (const [method, path] of [
      ['GET', '/v1/tipoffs'],
      ['GET', `/v1/tipoffs/${id}`],
      ['POST', `/v1/tipoffs/${id}/triage`],
      ['POST', `/v1/tipoffs/${id}/conclude`],
    ] as const) {
      const r = await http(method, path, { token: mineUser, body: method === 'POST' ? { version } : undefined });
      expect(r.status, path).toBe(403);
      expect(JSON.stringify(r.body)).not.toContain(MOBILE);
    }
    expect((await http('GET', `/v1/tipoffs/${id}`, { token: otherAdmin })).status).toBe(404);
    const r = await http('POST', `/v1/tipoffs/${id}/conclude`, {
      token: otherAdmin,
      body: { version, finding: 'founded', publicAnswer: 'x' },
    });
    expect(r.status).toBe(404);
    const other = ok(await http('GET', '/v1/tipoffs', { token: otherAdmin }));
    expect(other.items.map((t: { tipoffId: string }) => t.tipoffId)).not.toContain(id);
  });

  it('the handler links the mine’s penalty and concludes: 属实', async () => {
    const penalties = ok(await http('GET', `/v1/penalties?mineId=${MINE}`, { token: admin }));
    const fine = penalties.items.find((p: { kind: string }) => p.kind === 'fine');
    // A record of another mine is refused.
    const others = ok(await http('GET', '/v1/penalties?mineId=m-taiyuan', { token: admin }));
    if (others.items[0]) {
      const wrong = await http('POST', `/v1/tipoffs/${id}/links`, {
        token: inspector,
        body: { version, kind: 'penalties', id: others.items[0].penaltyId },
      });
      expect(wrong.status).toBe(400);
    }
    expect(
      (
        await http('POST', `/v1/tipoffs/${id}/links`, {
          token: inspector,
          body: { version, kind: 'penalties', id: 'pen-nope' },
        })
      ).status,
    ).toBe(404);
    const linked = ok(
      await http('POST', `/v1/tipoffs/${id}/links`, {
        token: inspector,
        body: { version, kind: 'penalties', id: fine.penaltyId },
      }),
    );
    expect(linked.links.penalties).toEqual([fine.penaltyId]);
    // Not assigned, not the admin: refused.
    const notMine = await http('POST', `/v1/tipoffs/${id}/conclude`, {
      token: legal2,
      body: { version: linked.version, finding: 'founded', publicAnswer: 'x' },
    });
    expect(notMine.status).toBe(403);
    const done = ok(
      await http('POST', `/v1/tipoffs/${id}/conclude`, {
        token: inspector,
        body: { version: linked.version, finding: 'founded', publicAnswer: '经核查，举报属实，已依法处罚。' },
      }),
    );
    version = done.version;
    expect(done).toMatchObject({ status: 'concluded', finding: 'founded', findingLabel: '属实' });
    expect(ok(await http('GET', `/v1/public/tipoffs/by-code/${code}`))).toMatchObject({
      status: 'concluded',
      findingLabel: '属实',
      publicAnswer: '经核查，举报属实，已依法处罚。',
    });
  });

  it('a reward by the scale: the proposer may not approve it, another legal reviewer does, the admin pays', async () => {
    const proposed = ok(
      await http('POST', `/v1/tipoffs/${id}/reward`, {
        token: legal,
        body: { version, subject: 'illegal_production', penaltyId: (await fineOf(MINE)).penaltyId },
      }),
    );
    // 15 % of the 80,000 yuan fine.
    expect(proposed.reward).toMatchObject({ status: 'proposed', fineYuan: 80_000, amountYuan: 12_000 });
    const again = await http('POST', `/v1/tipoffs/${id}/reward/approve`, {
      token: legal,
      body: { version: proposed.version },
    });
    expect(again.status).toBe(403);
    // An admin is not a legal reviewer: the route refuses it whoever proposed.
    expect(
      (await http('POST', `/v1/tipoffs/${id}/reward/approve`, { token: admin, body: { version: proposed.version } }))
        .status,
    ).toBe(403);
    expect(
      (
        await http('POST', `/v1/tipoffs/${id}/reward/paid`, {
          token: admin,
          body: { version: proposed.version, paidOn: '2026-01-05', amountYuan: 12_000 },
        })
      ).status,
    ).toBe(422);
    // A stale version is refused.
    expect(
      (await http('POST', `/v1/tipoffs/${id}/reward/approve`, { token: legal2, body: { version: 1 } })).status,
    ).toBe(409);
    const approved = ok(
      await http('POST', `/v1/tipoffs/${id}/reward/approve`, { token: legal2, body: { version: proposed.version } }),
    );
    expect(approved.reward).toMatchObject({ status: 'approved', approvedBy: { sub: 'legal-2' } });
    const paidOn = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const paid = ok(
      await http('POST', `/v1/tipoffs/${id}/reward/paid`, {
        token: admin,
        body: { version: approved.version, paidOn, amountYuan: 12_000 },
      }),
    );
    expect(paid.reward).toMatchObject({ status: 'paid', paidOn, paidAmountYuan: 12_000, statusLabel: '已发放' });
    // Nothing of the reward or the handlers reaches the reporter.
    expect(Object.keys(ok(await http('GET', `/v1/public/tipoffs/by-code/${code}`))).sort()).toEqual([
      'findingLabel',
      'publicAnswer',
      'receivedAt',
      'status',
      'statusLabel',
    ]);
  });
});

async function fineOf(mineId: string) {
  const penalties = ok(await patient('GET', `/v1/penalties?mineId=${mineId}`, { token: admin }));
  return penalties.items.find((p: { kind: string }) => p.kind === 'fine');
}

describe('what the bureau decides about a report', () => {
  it('a reporter who declared being supervision staff or a relative gets no reward', async () => {
    ok(await file({ staffOrRelative: true, mineId: undefined, mineName: '某无名小煤窑' }), 201);
    const list = ok(await http('GET', '/v1/tipoffs?status=received', { token: admin }));
    const t = list.items.find((i: { mineName: string }) => i.mineName === '某无名小煤窑');
    expect(t.staffOrRelative).toBe(true);
    const accepted = ok(
      await http('POST', `/v1/tipoffs/${t.tipoffId}/triage`, {
        token: admin,
        body: { version: t.version, decision: 'accept', mineId: MINE },
      }),
    );
    expect(accepted.mineName).toBe('东山演示十一矿');
    const assigned = ok(
      await http('POST', `/v1/tipoffs/${t.tipoffId}/assign`, {
        token: admin,
        body: { version: accepted.version, handlers: ['dev-inspector'] },
      }),
    );
    const done = ok(
      await http('POST', `/v1/tipoffs/${t.tipoffId}/conclude`, {
        token: inspector,
        body: { version: assigned.version, finding: 'partly_founded', publicAnswer: '部分属实。' },
      }),
    );
    const r = await http('POST', `/v1/tipoffs/${t.tipoffId}/reward`, {
      token: inspector,
      body: { version: done.version, subject: 'accident_concealment', level: 'general', deaths: 1 },
    });
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body)).toContain('不予奖励');
  });

  it('not in scope, and a duplicate of another, close the report with an answer', async () => {
    ok(await file({ what: '重复举报一（演示）' }), 201);
    ok(await file({ what: '重复举报二（演示）' }), 201);
    const list = ok(await http('GET', '/v1/tipoffs?status=received', { token: admin }));
    const first = list.items.find((i: { what: string }) => i.what === '重复举报一（演示）');
    const second = list.items.find((i: { what: string }) => i.what === '重复举报二（演示）');
    const dup = ok(
      await http('POST', `/v1/tipoffs/${second.tipoffId}/triage`, {
        token: admin,
        body: { version: second.version, decision: 'duplicate', duplicateOf: first.tipoffId },
      }),
    );
    expect(dup).toMatchObject({ status: 'duplicate', duplicateOf: first.tipoffId });
    const self = await http('POST', `/v1/tipoffs/${first.tipoffId}/triage`, {
      token: admin,
      body: { version: first.version, decision: 'duplicate', duplicateOf: first.tipoffId },
    });
    expect(self.status).toBe(400);
    const out = ok(
      await http('POST', `/v1/tipoffs/${first.tipoffId}/triage`, {
        token: admin,
        body: { version: first.version, decision: 'not_in_scope' },
      }),
    );
    expect(out.status).toBe('not_in_scope');
    expect(out.overdue).toBe(false);
  });
});

/** The stages a matrix request finds its tip-off in: each mutating request gets a fresh one of its own. */
type Stage = 'received' | 'accepted' | 'assigned' | 'concluded' | 'proposed' | 'approved';
const STAGES: Stage[] = ['received', 'accepted', 'assigned', 'concluded', 'proposed', 'approved'];

/**
 * The matrix's setup: a few leaders send hundreds of requests in a row, so a fair-use refusal is waited out (the
 * per-source rate of the public form, which a test here is about, is not sent through it).
 */
const patient = waitingClient((...args: Parameters<typeof http>) => http(...args));

/** A new report of the demo district (about m-demo11, with a contact) taken to `stage` by the province's leaders. */
async function tipoffAt(stage: Stage, withPhoto = false): Promise<{ id: string; version: number }> {
  const what = `矩阵测试 ${Math.random().toString(36).slice(2)}`;
  if (withPhoto) await fileWithPhotos([photo(what)], { what, contact: { mobile: MOBILE } });
  else ok(await file({ what, contact: { mobile: MOBILE } }), 201);
  const list = ok(await patient('GET', '/v1/tipoffs?status=received&limit=200', { token: root }));
  let t = list.items.find((i: { what: string }) => i.what === what);
  const step = async (token: string, path: string, body: Record<string, unknown>) => {
    t = ok(
      await patient('POST', `/v1/tipoffs/${t.tipoffId}/${path}`, { token, body: { version: t.version, ...body } }),
    );
  };
  const at = STAGES.indexOf(stage);
  if (at >= 1) await step(root, 'triage', { decision: 'accept' });
  if (at >= 2) await step(root, 'assign', { handlers: ['dev-inspector', 'dev-legal_reviewer'] });
  if (at >= 3) await step(root, 'conclude', { finding: 'founded', publicAnswer: '属实。' });
  if (at >= 4) await step(root, 'reward', { subject: 'accident_concealment', level: 'general', deaths: 1 });
  if (at >= 5) await step(provinceLegal, 'reward/approve', {});
  return { id: t.tipoffId, version: t.version };
}

/** The district next door's one report: every request there is a 404 before its state matters. */
let otherTipoff: string | undefined;
async function elsewhere(): Promise<string> {
  if (otherTipoff) return otherTipoff;
  const c = ok(await http('GET', '/v1/public/tipoffs/challenge?jurisdiction=hlj/hegang/xingshan'));
  ok(
    await http('POST', '/v1/public/tipoffs', {
      body: {
        ...report({ jurisdiction: 'hlj/hegang/xingshan', mineId: undefined, mineName: '兴山某矿' }),
        proof: { challenge: c.challenge, nonce: solveProof(c.challenge, c.difficulty) },
      },
    }),
    201,
  );
  otherTipoff = ok(await patient('GET', '/v1/tipoffs', { token: otherAdmin })).items[0].tipoffId;
  return otherTipoff!;
}

const action =
  (stage: Stage, path: string, body: (version: number) => Record<string, unknown> = () => ({})) =>
  async (t: Target) => {
    const { id, version } = t === 'own' ? await tipoffAt(stage) : { id: await elsewhere(), version: 1 };
    return { method: 'POST', path: `/v1/tipoffs/${id}/${path}`, body: { version, ...body(version) } };
  };

const HANDLERS: RoleName[] = BUREAU;
const CASES: TargetCase[] = [
  {
    operationId: 'listTipoffs',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/tipoffs?limit=200' }),
    scopedList: (r) => r.items.map((t: { jurisdiction: string; mineName: string }) => [t.jurisdiction, t.mineName]),
  },
  {
    operationId: 'getTipoff',
    allowed: BUREAU,
    success: 200,
    request: async (t) => ({
      method: 'GET',
      path: `/v1/tipoffs/${t === 'own' ? (await tipoffAt('received')).id : await elsewhere()}`,
    }),
  },
  {
    operationId: 'triageTipoff',
    allowed: ['bureau_admin', 'inspector'],
    success: 200,
    request: action('received', 'triage', () => ({ decision: 'accept' })),
  },
  {
    operationId: 'assignTipoff',
    allowed: ['bureau_admin'],
    success: 200,
    request: action('accepted', 'assign', () => ({ handlers: ['dev-inspector'] })),
  },
  {
    operationId: 'linkTipoffRecord',
    allowed: HANDLERS,
    success: 200,
    request: async (t) => {
      const penalty = (await fineOf(MINE)).penaltyId;
      return action('assigned', 'links', () => ({ kind: 'penalties', id: penalty }))(t);
    },
  },
  {
    operationId: 'concludeTipoff',
    allowed: HANDLERS,
    success: 200,
    request: action('assigned', 'conclude', () => ({ finding: 'unfounded', publicAnswer: '经核查不属实。' })),
  },
  {
    operationId: 'proposeTipoffReward',
    allowed: HANDLERS,
    success: 200,
    request: action('concluded', 'reward', () => ({ subject: 'accident_concealment', level: 'larger', deaths: 1 })),
  },
  {
    operationId: 'approveTipoffReward',
    allowed: ['legal_reviewer'],
    success: 200,
    request: action('proposed', 'reward/approve'),
  },
  {
    operationId: 'payTipoffReward',
    allowed: ['bureau_admin'],
    success: 200,
    request: action('approved', 'reward/paid', () => ({
      paidOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
      amountYuan: 30_000,
    })),
  },
  {
    operationId: 'downloadTipoffFile',
    allowed: BUREAU,
    success: 200,
    // The demo's leader is the admin (allowed); the assigned handlers are the demo's inspector and legal reviewer.
    request: async (t) => {
      const id = t === 'own' ? (await tipoffAt('assigned', true)).id : await elsewhere();
      return { method: 'POST', path: `/v1/tipoffs/${id}/files/0/download` };
    },
  },
  {
    operationId: 'revealTipoffContact',
    allowed: BUREAU,
    success: 200,
    // The demo's leader is not among the handlers: the contact is not for it.
    refusedRoles: { bureau_admin: 403 },
    request: async (t) => {
      const { method, path } = await action('assigned', 'contact')(t);
      return { method, path };
    },
  },
];

describe('tenancy matrix: tip-offs', () => {
  it('covers every route of the tag', () => {
    expect(CASES.map((c) => c.operationId).sort()).toEqual(
      ALL_ROUTES.filter((r) => r.tag === 'tipoffs')
        .map((r) => r.operationId)
        .sort(),
    );
  });
  registerTenancyMatrix({
    cases: CASES,
    session: () => ({ http, tokens }),
    targets: ['own', 'otherJurisdiction'],
    label: (t) => (t === 'own' ? 'its jurisdiction' : 'another jurisdiction'),
    missingPath: (req) => req.path.replace(/tip-[a-z0-9]+/, 'tip-00000000000000000000'),
    foreign: ['hlj/hegang/xingshan', '兴山某矿'],
  });
});

describe('files of a tip-off: uploaded, confirmed, downloaded', () => {
  const s3 = () =>
    new S3Client({
      endpoint: rt.s3Endpoint,
      forcePathStyle: true,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  /** Someone with the bucket itself puts these bytes under the file's key (the form would refuse them). */
  const putDirectly = (key: string, bytes: Buffer) =>
    s3().send(
      new PutObjectCommand({ Bucket: LOCAL_EVIDENCE_BUCKET, Key: key, Body: bytes, ContentType: 'image/jpeg' }),
    );
  const tipoffOf = async (what: string) =>
    ok(await http('GET', '/v1/tipoffs?limit=200', { token: admin })).items.find(
      (t: { what: string }) => t.what === what,
    );

  it('a confirmed file shows as received to the reporter and the bureau; an unconfirmed one as not received', async () => {
    const what = `附件测试 ${Math.random().toString(36).slice(2)}`;
    const [a, b] = [photo('first'), photo('second', 900)];
    const filed = ok(await file({ what, files: [declared(a, '井口.jpg'), declared(b, '车辆.jpg')] }), 201);
    expect(filed.uploadToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Not posted yet: nothing to confirm.
    const early = await confirm(filed.code, 0, filed.uploadToken);
    expect(early.status, JSON.stringify(early.body)).toBe(422);
    expect((await postForm(filed.uploads[0], a)).status).toBeLessThan(300);
    expect(ok(await confirm(filed.code, 0, filed.uploadToken))).toEqual({
      index: 0,
      fileName: '井口.jpg',
      received: true,
    });
    // Confirming again answers the same, and changes nothing.
    expect(ok(await confirm(filed.code, 0, filed.uploadToken)).received).toBe(true);
    const seen = ok(await http('GET', `/v1/public/tipoffs/by-code/${filed.code}`));
    expect(seen.files).toEqual([
      { index: 0, fileName: '井口.jpg', received: true },
      { index: 1, fileName: '车辆.jpg', received: false },
    ]);
    const t = await tipoffOf(what);
    expect(t.files.map((f: { received: boolean }) => f.received)).toEqual([true, false]);
    const history = ok(await http('GET', `/v1/tipoffs/${t.tipoffId}`, { token: admin })).history;
    expect(history.map((e: { action: string }) => e.action)).toContain('tipoff.file_received');
    // A file never confirmed cannot be downloaded.
    const none = await http('POST', `/v1/tipoffs/${t.tipoffId}/files/1/download`, { token: admin });
    expect(none.status, JSON.stringify(none.body)).toBe(422);
    // An index the report does not have.
    expect((await confirm(filed.code, 4, filed.uploadToken)).status).toBe(404);
  });

  it('other bytes or another size under the key: the form refuses them, and so does the confirmation (422)', async () => {
    const what = `附件篡改 ${Math.random().toString(36).slice(2)}`;
    const real = photo('declared');
    const filed = ok(await file({ what, files: [declared(real), declared(photo('second'))] }), 201);
    const swapped = photo('swapped');
    expect((await postForm(filed.uploads[0], swapped)).status).toBe(400);
    await putDirectly(filed.uploads[0].fields.key!, swapped);
    const bytes = await confirm(filed.code, 0, filed.uploadToken);
    expect(bytes.status, JSON.stringify(bytes.body)).toBe(422);
    expect(JSON.stringify(bytes.body)).toContain('sha256');
    await putDirectly(filed.uploads[1].fields.key!, photo('second', 700));
    const size = await confirm(filed.code, 1, filed.uploadToken);
    expect(size.status, JSON.stringify(size.body)).toBe(422);
    expect(JSON.stringify(size.body)).toContain('size');
    const t = await tipoffOf(what);
    expect(t.files.map((f: { received: boolean }) => f.received)).toEqual([false, false]);
  });

  it('a confirmation with another report’s upload token, or a made-up one, finds nothing (404)', async () => {
    const mine = ok(await file({ files: [declared(photo('mine'))] }), 201);
    const theirs = ok(await file({ files: [declared(photo('theirs'))] }), 201);
    expect((await postForm(mine.uploads[0], photo('mine'))).status).toBeLessThan(300);
    expect((await confirm(mine.code, 0, theirs.uploadToken)).status).toBe(404);
    expect((await confirm(mine.code, 0, 'A'.repeat(43))).status).toBe(404);
    expect((await confirm(theirs.code, 0, mine.uploadToken)).status).toBe(404);
    // The right token still works after the refusals.
    expect(ok(await confirm(mine.code, 0, mine.uploadToken)).received).toBe(true);
  });

  it('an assigned handler and the admin download the very bytes; a mine user, an unassigned inspector and another district cannot', async () => {
    const what = `附件下载 ${Math.random().toString(36).slice(2)}`;
    const bytes = photo('evidence of night work', 1500);
    await fileWithPhotos([bytes], { what });
    let t = await tipoffOf(what);
    t = ok(
      await http('POST', `/v1/tipoffs/${t.tipoffId}/triage`, {
        token: admin,
        body: { version: t.version, decision: 'accept' },
      }),
    );
    t = ok(
      await http('POST', `/v1/tipoffs/${t.tipoffId}/assign`, {
        token: admin,
        body: { version: t.version, handlers: ['dev-legal_reviewer'] },
      }),
    );
    const path = `/v1/tipoffs/${t.tipoffId}/files/0/download`;
    for (const token of [legal, admin]) {
      const link = ok(await http('POST', path, { token }));
      expect(link).toMatchObject({ fileName: '照片1.jpg', size: bytes.length, sha256: sha(bytes) });
      const got = await fetch(link.url);
      expect(got.status).toBe(200);
      expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
      expect(got.headers.get('content-disposition')).toContain('attachment');
    }
    // The inspector is not among this report's handlers.
    expect((await http('POST', path, { token: inspector })).status).toBe(403);
    expect((await http('POST', path, { token: mineUser })).status).toBe(403);
    expect((await http('POST', path, { token: otherAdmin })).status).toBe(404);
    const history = ok(await http('GET', `/v1/tipoffs/${t.tipoffId}`, { token: admin })).history;
    const downloads = history.filter((e: { action: string }) => e.action === 'tipoff.file_downloaded');
    expect(downloads.map((e: { actor: { sub: string } }) => e.actor.sub).sort()).toEqual(
      ['dev-bureau_admin', 'dev-legal_reviewer'].sort(),
    );
  });
});

describe('the districts a visitor may report to', () => {
  const level = async (under?: string) =>
    ok(await http('GET', `/v1/public/tipoffs/districts${under ? `?under=${encodeURIComponent(under)}` : ''}`))
      .items as { jurisdiction: string; name: string; fullName: string; takesReports: boolean; more: boolean }[];

  it('a level at a time, province, city, district, the demo district taking reports by its full name', async () => {
    expect(await level()).toContainEqual({
      jurisdiction: 'hlj',
      name: '黑龙江省',
      fullName: '黑龙江省',
      takesReports: false,
      more: true,
    });
    expect(await level('hlj')).toContainEqual({
      jurisdiction: 'hlj/hegang',
      name: '鹤岗市',
      fullName: '黑龙江省鹤岗市',
      takesReports: false,
      more: true,
    });
    const districts = await level('hlj/hegang');
    expect(districts).toContainEqual({
      jurisdiction: J,
      name: '东山区',
      fullName: '黑龙江省鹤岗市东山区',
      takesReports: true,
      more: false,
    });
    // 兴山区 is named, but no mine is registered there in this run: nobody there takes reports yet.
    expect(districts.map((d) => d.jurisdiction)).not.toContain('hlj/hegang/xingshan');
    expect(await level(J)).toEqual([]);
  });

  it('a level that is not a jurisdiction path, or a question it does not take, is a 400 naming it', async () => {
    for (const [query, field] of [
      ['under=HLJ', 'query.under'],
      ['under=hlj/', 'query.under'],
      ['province=hlj', 'query'],
    ] as const) {
      const reply = await http('GET', `/v1/public/tipoffs/districts?${query}`);
      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(reply.body)).toContain(field);
    }
  });
});

describe('abuse controls', () => {
  it('a wrong proof, a replayed one and one for another district are refused', async () => {
    const c = ok(await http('GET', `/v1/public/tipoffs/challenge?jurisdiction=${encodeURIComponent(J)}`));
    expect(c.difficulty).toBe(8);
    const bad = await http('POST', '/v1/public/tipoffs', {
      body: { ...report(), proof: { challenge: c.challenge, nonce: `x${solveProof(c.challenge, 8)}zz` } },
    });
    // (A nonce that happens to hold is a 1-in-256 chance; the next lines would then still prove reuse.)
    if (bad.status !== 201) expect(bad.status).toBe(400);
    const good = { challenge: c.challenge, nonce: solveProof(c.challenge, 8) };
    if (bad.status !== 201) ok(await http('POST', '/v1/public/tipoffs', { body: { ...report(), proof: good } }), 201);
    const replay = await http('POST', '/v1/public/tipoffs', { body: { ...report(), proof: good } });
    expect(replay.status).toBe(400);
    const missing = await http('POST', '/v1/public/tipoffs', { body: report() });
    expect(missing.status).toBe(400);
    // A mine of no mine list of the district.
    const elsewhere = await http('POST', '/v1/public/tipoffs', {
      body: { ...report({ mineId: 'm-xs-nowhere' }), proof: await proof() },
    });
    expect(elsewhere.status).toBe(400);
  });

  it('a declared file gets an upload form bound to the report', async () => {
    const filed = ok(
      await http('POST', '/v1/public/tipoffs', {
        body: {
          ...report({
            files: [{ fileName: '现场.jpg', contentType: 'image/jpeg', size: 2048, sha256: 'b'.repeat(64) }],
          }),
          proof: await proof(),
        },
      }),
      201,
    );
    expect(filed.uploads).toHaveLength(1);
    expect(filed.uploads[0].fields.key).toMatch(/^tipoffs\/tip-[a-z0-9]+\/0$/);
    expect(filed.uploads[0].url).toMatch(/^http/);
  });

  it('oversized fields and files are refused', async () => {
    const long = await http('POST', '/v1/public/tipoffs', {
      body: { ...report({ what: '井'.repeat(2001) }), proof: await proof() },
    });
    expect(long.status).toBe(400);
    const big = await http('POST', '/v1/public/tipoffs', {
      body: {
        ...report({
          files: [{ fileName: 'a.jpg', contentType: 'image/jpeg', size: 11 * 1024 * 1024, sha256: 'a'.repeat(64) }],
        }),
        proof: await proof(),
      },
    });
    expect(big.status).toBe(400);
    const many = await http('POST', '/v1/public/tipoffs', {
      body: {
        ...report({
          files: Array.from({ length: 6 }, (_, i) => ({
            fileName: `${i}.jpg`,
            contentType: 'image/jpeg',
            size: 1000,
            sha256: 'a'.repeat(64),
          })),
        }),
        proof: await proof(),
      },
    });
    expect(many.status).toBe(400);
    const huge = await http('POST', '/v1/public/tipoffs', {
      body: JSON.stringify({ what: 'x'.repeat(11 * 1024 * 1024) }),
    });
    expect([400, 413]).toContain(huge.status);
  });

  it('past the per-source rate: 429 with Retry-After', async () => {
    const proofs = [await proof(), await proof()];
    const policy = ok(await http('GET', '/v1/policies/tipoffs', { token: admin }));
    ok(
      await http('PUT', '/v1/policies/tipoffs', {
        token: admin,
        body: { version: policy.version, terms: { perSourcePerHour: 1 }, reason: '测试' },
      }),
    );
    let refused: Reply | undefined;
    // Two tries: the hour may turn between the reports of this file and these.
    for (const p of proofs) {
      const r = await http('POST', '/v1/public/tipoffs', { body: { ...report(), proof: p } });
      if (r.status === 429) {
        refused = r;
        break;
      }
    }
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused?.headers.get('content-type')).toContain('problem+json');
  });
});
