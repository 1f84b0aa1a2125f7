import { createHash } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_BYTES } from '#lib/evidence/vocabulary.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { LOCAL_EVIDENCE_BUCKET, type LocalRuntime } from '#local/runtime.ts';
import { client, createMineElsewhere, expectProblem, startTestRuntime } from '../support/local-runtime.ts';
import {
  type MineCase,
  READERS,
  type RoleName,
  registerTenancyMatrix,
  roleTokens,
  type Target,
} from '../support/tenancy-matrix.ts';

/**
 * Evidence files over HTTP on the local runtime and its local S3 server: an inspector's photo of a major hazard,
 * the mine's after photo of its rectification, another inspector's verification, the file back with the same
 * SHA-256; every refusal the issue names (wrong type, too large, a key outside the mine's prefix, another mine's
 * user downloading) and the tenancy matrix of the evidence routes.
 */
const OWN = 'm-taiyuan';
const OTHER_MINE = 'm-shuyuan1';
const OTHER_JURISDICTION = 'm-xingshan-ev';
const mineOf: Record<Target, string> = { own: OWN, otherMine: OTHER_MINE, otherJurisdiction: OTHER_JURISDICTION };
const today = todayInShanghai();

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let tokens: Record<RoleName, string>;
let root: string;
let inspectorB: string;
/** A hazard an inspector recorded, per target mine, with one photo on its `found` step. */
const hazardOf: Partial<Record<string, string>> = {};
const photoOf: Partial<Record<string, string>> = {};

/** Bytes that look like a JPEG to anyone who checks the first ones; different per call. */
const jpeg = (label: string, size = 2048) => {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  bytes.write(label, 8);
  return bytes;
};
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const recordPath = (mineId: string, kind: string, id: string) => `/v1/mines/${mineId}/evidence/${kind}/${id}`;

async function ticket(token: string, mineId: string, kind: string, id: string, body: Record<string, unknown>) {
  return http('POST', `${recordPath(mineId, kind, id)}/uploads`, { token, body });
}

/** The browser's part: the form's fields, then the file, to the form's URL. */
async function postForm(t: { url: string; fields: Record<string, string> }, bytes: Buffer, type: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(t.fields)) form.append(k, v);
  form.append('file', new Blob([bytes], { type }), 'upload');
  const res = await fetch(t.url, { method: 'POST', body: form });
  return { status: res.status, text: await res.text() };
}

/** Ask, post and complete: the whole upload as the dashboard does it. */
async function attach(token: string, mineId: string, kind: string, id: string, step: string, bytes: Buffer) {
  const t = await ticket(token, mineId, kind, id, {
    step,
    fileName: `${step}.jpg`,
    contentType: 'image/jpeg',
    size: bytes.length,
    sha256: sha(bytes),
  });
  expect(t.status, JSON.stringify(t.body)).toBe(201);
  const posted = await postForm(t.body, bytes, 'image/jpeg');
  expect(posted.status, posted.text).toBeLessThan(300);
  const done = await http('POST', `${recordPath(mineId, kind, id)}/uploads/${t.body.uploadId}/complete`, { token });
  expect(done.status, JSON.stringify(done.body)).toBe(201);
  return done.body as { attachmentId: string; sha256: string; versionId?: string };
}

const recordHazard = async (token: string, mineId: string, level: 'general' | 'major' = 'general') => {
  const body =
    level === 'general'
      ? { level, description: '井下消防器材过期', location: '中央变电所', deadline: addDays(today, 10) }
      : {
          level,
          description: '3102 回风巷瓦斯浓度 1.3%，仍在组织作业',
          location: '3102 回风巷',
          foundOn: addDays(today, -1),
          deadline: addDays(today, 15),
          category: 'GAS_OVERLIMIT',
          measures: '立即停止作业、撤出人员，调整通风系统',
          supervision: {
            responsiblePerson: { name: '矿长（演示）', position: '矿长', mobile: '13900001234' },
            funds: { amount: 350000, source: '企业安全费用' },
            contingencyPlan: '《瓦斯超限事故应急预案》第 3 章',
            official: { userId: 'dev-inspector', name: '监管中队（演示）' },
          },
        };
  const r = await http('POST', `/v1/mines/${mineId}/hazards`, { token, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { hazardId: string; version: number };
};

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  tokens = roleTokens(rt);
  root = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj', sub: 'province-admin' });
  inspectorB = await rt.token({ role: 'inspector', jurisdiction: 'hlj/hegang/dongshan', sub: 'inspector-b' });
  await createMineElsewhere(http, root, {
    mineId: OTHER_JURISDICTION,
    name: '兴山演示证据矿',
    first17: '91230407XK0000041',
  });
  for (const mineId of Object.values(mineOf)) {
    const hazard = await recordHazard(root, mineId);
    hazardOf[mineId] = hazard.hazardId;
    photoOf[mineId] = (await attach(root, mineId, 'hazard', hazard.hazardId, 'found', jpeg(mineId))).attachmentId;
  }
});
afterAll(async () => rt?.stop());

describe('a major hazard’s evidence, from the working face to 销号', () => {
  it('inspector photo → the mine’s after photo → another inspector verifies → each file downloads with its SHA-256', async () => {
    const hazard = await recordHazard(tokens.inspector, OWN, 'major');
    const before = jpeg('before-3102', 4096);
    const found = await attach(tokens.inspector, OWN, 'hazard', hazard.hazardId, 'found', before);
    expect(found.sha256).toBe(sha(before));

    const act = (token: string, body: unknown) =>
      http('POST', `/v1/hazards/${hazard.hazardId}/actions`, { token, body });
    expect((await act(tokens.mine_user, { action: 'start', version: 1, note: '已停止作业' })).status).toBe(200);
    const after = jpeg('after-3102', 3000);
    const rectified = await attach(tokens.mine_user, OWN, 'hazard', hazard.hazardId, 'rectified', after);
    expect((await act(tokens.mine_user, { action: 'submit', version: 2, note: '瓦斯浓度降至 0.4%' })).status).toBe(200);
    expect((await act(inspectorB, { action: 'verify', version: 3, note: '现场复查合格' })).status).toBe(200);

    const list = await http('GET', recordPath(OWN, 'hazard', hazard.hazardId), { token: tokens.legal_reviewer });
    expect(list.status).toBe(200);
    expect(list.body.items).toMatchObject([
      { step: 'found', stepLabel: '发现', source: 'bureau', uploadedBy: { role: 'inspector' }, size: 4096 },
      { step: 'rectified', stepLabel: '整改', source: 'mine', uploadedBy: { role: 'mine_user' }, size: 3000 },
    ]);
    expect(JSON.stringify(list.body)).not.toContain('mines/');

    for (const [file, bytes] of [
      [found, before],
      [rectified, after],
    ] as const) {
      const link = await http('GET', `${recordPath(OWN, 'hazard', hazard.hazardId)}/files/${file.attachmentId}`, {
        token: tokens.mine_user,
      });
      expect(link.status).toBe(200);
      const res = await fetch(link.body.url);
      expect(res.status).toBe(200);
      const got = Buffer.from(await res.arrayBuffer());
      expect(sha(got)).toBe(link.body.sha256);
      expect(sha(got)).toBe(sha(bytes));
      expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    }

    const audit = await http('GET', `/v1/mines/${OWN}/audit`, { token: tokens.bureau_admin });
    expect(audit.status).toBe(200);
    const added = (audit.body.items as { action: string; entityId: string }[]).filter(
      (e) => e.action === 'evidence.added' && e.entityId === hazard.hazardId,
    );
    expect(added).toHaveLength(2);
  });
});

describe('uploads refused', () => {
  const good = (bytes: Buffer) => ({
    step: 'found',
    fileName: 'photo.jpg',
    contentType: 'image/jpeg',
    size: bytes.length,
    sha256: sha(bytes),
  });
  const hazard = () => hazardOf[OWN]!;

  it.each([
    ['a video', { contentType: 'video/mp4', fileName: 'clip.mp4' }, ['body.contentType']],
    ['a file over 20 MB', { size: MAX_EVIDENCE_BYTES + 1 }, ['body.size']],
    ['an empty file', { size: 0 }, ['body.size']],
    ['a PDF named .jpg', { contentType: 'application/pdf' }, ['body.fileName']],
    ['a path in the name', { fileName: '../../other/photo.jpg' }, ['body.fileName']],
    ['no SHA-256', { sha256: 'abc' }, ['body.sha256']],
    ['a step the hazard has not', { step: 'objection' }, ['body.step']],
  ])('%s → 400 naming the field', async (_what, change, fieldNames) => {
    const r = await ticket(tokens.inspector, OWN, 'hazard', hazard(), { ...good(jpeg('x')), ...change });
    expectProblem(r, 400, fieldNames);
  });

  it('a mine user adding a file to what the inspector found → 403, before any byte moves', async () => {
    const r = await ticket(tokens.mine_user, OWN, 'hazard', hazard(), good(jpeg('x')));
    expectProblem(r, 403);
  });

  it('the bucket refuses a key outside the form, a larger file and another type; none is recorded', async () => {
    const bytes = jpeg('form-bound');
    const t = await ticket(tokens.inspector, OWN, 'hazard', hazard(), good(bytes));
    expect(t.status).toBe(201);
    expect(t.body.key).toMatch(new RegExp(`^mines/${OWN}/`));
    const moved = { ...t.body, fields: { ...t.body.fields, key: `mines/${OTHER_MINE}/evidence/planted` } };
    expect((await postForm(moved, bytes, 'image/jpeg')).status).toBe(403);
    const larger = Buffer.concat([bytes, Buffer.from('more')]);
    expect((await postForm(t.body, larger, 'image/jpeg')).status).toBeGreaterThanOrEqual(400);
    const retyped = { ...t.body, fields: { ...t.body.fields, 'Content-Type': 'text/html' } };
    expect((await postForm(retyped, bytes, 'text/html')).status).toBe(403);
    // Nothing was stored under the key: completing says so and records nothing.
    const done = await http('POST', `${recordPath(OWN, 'hazard', hazard())}/uploads/${t.body.uploadId}/complete`, {
      token: tokens.inspector,
    });
    expectProblem(done, 422);
  });

  it('a file that is not the declared one (same size, other bytes): the bucket refuses it; one put there by other means → 422 on SHA-256', async () => {
    const declared = jpeg('declared');
    const t = await ticket(tokens.inspector, OWN, 'hazard', hazard(), good(declared));
    const refused = await postForm(t.body, jpeg('swapped'), 'image/jpeg');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('BadDigest');
    // Someone with access to the bucket itself puts other bytes under the key: the API's own check refuses them.
    const s3 = new S3Client({
      endpoint: rt.s3Endpoint,
      forcePathStyle: true,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await s3.send(
      new PutObjectCommand({
        Bucket: LOCAL_EVIDENCE_BUCKET,
        Key: t.body.key,
        Body: jpeg('swapped'),
        ContentType: 'image/jpeg',
      }),
    );
    const listBefore = await http('GET', recordPath(OWN, 'hazard', hazard()), { token: tokens.inspector });
    const done = await http('POST', `${recordPath(OWN, 'hazard', hazard())}/uploads/${t.body.uploadId}/complete`, {
      token: tokens.inspector,
    });
    expectProblem(done, 422, ['sha256']);
    const listAfter = await http('GET', recordPath(OWN, 'hazard', hazard()), { token: tokens.inspector });
    expect(listAfter.body.items).toHaveLength(listBefore.body.items.length);
  });

  it('an upload is completed once, and only by the one who asked for it', async () => {
    const bytes = jpeg('once');
    const t = await ticket(tokens.inspector, OWN, 'hazard', hazard(), good(bytes));
    expect((await postForm(t.body, bytes, 'image/jpeg')).status).toBeLessThan(300);
    const path = `${recordPath(OWN, 'hazard', hazard())}/uploads/${t.body.uploadId}/complete`;
    expectProblem(await http('POST', path, { token: tokens.bureau_admin }), 404);
    expect((await http('POST', path, { token: tokens.inspector })).status).toBe(201);
    expectProblem(await http('POST', path, { token: tokens.inspector }), 404);
  });

  it('another mine’s user may neither list nor download the files (404, as for a record that does not exist)', async () => {
    const other = await rt.token({ role: 'mine_user', sub: 'mine-user-shuyuan1', mineId: OTHER_MINE });
    const list = await http('GET', recordPath(OWN, 'hazard', hazard()), { token: other });
    expectProblem(list, 404);
    const download = await http('GET', `${recordPath(OWN, 'hazard', hazard())}/files/${photoOf[OWN]}`, {
      token: other,
    });
    expectProblem(download, 404);
    // Through its own mine's path the record is not there either.
    const sideways = await http('GET', `${recordPath(OTHER_MINE, 'hazard', hazard())}/files/${photoOf[OWN]}`, {
      token: other,
    });
    expectProblem(sideways, 404);
  });

  it('a download link lasts five minutes at most and opens only the file it was signed for', async () => {
    const link = await http('GET', `${recordPath(OWN, 'hazard', hazard())}/files/${photoOf[OWN]}`, {
      token: tokens.inspector,
    });
    const url = new URL(link.body.url);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
    expect(url.searchParams.get('versionId')).toBeTruthy();
    // The same signature on another mine's key is refused by the bucket.
    const sideways = new URL(url);
    sideways.pathname = sideways.pathname.replace(`/mines/${OWN}/`, `/mines/${OTHER_MINE}/`);
    expect((await fetch(sideways)).status).toBe(403);
  });
});

describe('a retry from a phone whose answer was lost', () => {
  it('adds the same file to the same step once: the second upload answers with the first file', async () => {
    const hazard = await recordHazard(tokens.inspector, OWN);
    const photo = jpeg('retried-at-the-face');
    const first = await attach(tokens.inspector, OWN, 'hazard', hazard.hazardId, 'found', photo);
    const again = await attach(tokens.inspector, OWN, 'hazard', hazard.hazardId, 'found', photo);
    expect(again.attachmentId).toBe(first.attachmentId);
    const list = await http('GET', recordPath(OWN, 'hazard', hazard.hazardId), { token: tokens.inspector });
    expect(list.body.items).toHaveLength(1);
    // Another file, or the same file on another step, is another file.
    await attach(tokens.inspector, OWN, 'hazard', hazard.hazardId, 'found', jpeg('second-angle'));
    await attach(tokens.inspector, OWN, 'hazard', hazard.hazardId, 'verified', photo);
    expect(
      (await http('GET', recordPath(OWN, 'hazard', hazard.hazardId), { token: tokens.inspector })).body.items,
    ).toHaveLength(3);
  });
});

describe('tenancy matrix of the evidence routes', () => {
  /** The step an inspector's finding takes files on: the inspectors' and the admin's, nobody else's. */
  const FOUND_BY: Partial<Record<RoleName, number>> = { legal_reviewer: 403, mine_user: 403 };
  const CASES: MineCase[] = [
    {
      operationId: 'requestEvidenceUpload',
      allowed: READERS,
      success: 201,
      refusedRoles: FOUND_BY,
      request: async (m) => ({
        method: 'POST',
        path: `${recordPath(m, 'hazard', hazardOf[m]!)}/uploads`,
        body: { step: 'found', fileName: 'a.pdf', contentType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) },
      }),
    },
    {
      // Someone else's upload: nobody but the one who asked may complete it.
      operationId: 'completeEvidenceUpload',
      allowed: READERS,
      success: 404,
      request: async (m) => {
        const t = await ticket(root, m, 'hazard', hazardOf[m]!, {
          step: 'found',
          fileName: 'a.pdf',
          contentType: 'application/pdf',
          size: 10,
          sha256: 'a'.repeat(64),
        });
        return { method: 'POST', path: `${recordPath(m, 'hazard', hazardOf[m]!)}/uploads/${t.body.uploadId}/complete` };
      },
    },
    {
      operationId: 'listEvidence',
      allowed: READERS,
      success: 200,
      request: async (m) => ({ method: 'GET', path: recordPath(m, 'hazard', hazardOf[m]!) }),
    },
    {
      operationId: 'downloadEvidence',
      allowed: READERS,
      success: 200,
      request: async (m) => ({ method: 'GET', path: `${recordPath(m, 'hazard', hazardOf[m]!)}/files/${photoOf[m]}` }),
    },
  ];
  registerTenancyMatrix({
    cases: CASES,
    session: () => ({ http, tokens }),
    mineOf,
    missingPath: (req, target) => req.path.replace(mineOf[target], 'm-does-not-exist'),
  });
});
