// Interviews (约谈) on DynamoDB Local: recorded under the mine by date with their pointer, the jurisdiction index and
// one audit event in the same transaction; the hosts recorded by the directory's names; a host who does not supervise
// the mine, or a future date, refused with nothing written; read back only under the mine it belongs to.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { creditRecordsOf } from '#lib/credit/credit-store.ts';
import { DEFAULT_CREDIT_POLICY } from '#lib/credit/policy.ts';
import { NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import { interviewKeys } from '#lib/interviews/interview-item.ts';
import { getInterview, listInterviews, recentInterviews, recordInterview } from '#lib/interviews/interviews.ts';
import { recordInterviewBody } from '#lib/interviews/schemas.ts';
import { systemActor } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { registerUser } from '#lib/users/directory.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { inspectorAt, minePartition, mineUser } from '../../support/registry-fixtures.ts';
import { auditOf, enforcementDb, failure, TODAY } from './fixtures.ts';

let db: Db;
let as: (p: Principal) => TenantStore;
let ds: TenantStore;

const body = (b: Record<string, unknown> = {}) =>
  recordInterviewBody.parse({
    date: '2025-06-10',
    summoned: [{ name: '王某（演示）', position: '矿长' }],
    heldBy: [{ userId: 'u-ds-insp' }],
    subject: '超能力组织生产',
    followUp: { requirements: '限期整改', dueOn: '2025-06-20' },
    ...b,
  });

beforeAll(async () => {
  ({ db, as } = await enforcementDb());
  ds = as(inspectorAt('hlj/hegang/dongshan', 'u-ds-insp'));
  const users: [string, 'inspector' | 'legal_reviewer', string][] = [
    ['u-ds-insp', 'inspector', 'hlj/hegang/dongshan'],
    ['u-ds-legal', 'legal_reviewer', 'hlj/hegang/dongshan'],
    ['u-xs-insp', 'inspector', 'hlj/hegang/xingshan'],
  ];
  for (const [userId, role, jurisdiction] of users)
    await registerUser(db, systemActor('test'), { userId, role, name: `目录中的 ${userId}`, jurisdiction });
});

describe('recording an interview', () => {
  it('files it by date with its pointer and index, the hosts by the directory’s names, audited once', async () => {
    const r = await recordInterview(ds, 'm-ds-1', body());
    expect(r).toMatchObject({
      interviewId: expect.stringMatching(/^itv-/),
      mineId: 'm-ds-1',
      jurisdiction: 'hlj/hegang/dongshan',
      date: '2025-06-10',
      heldBy: [{ userId: 'u-ds-insp', name: '目录中的 u-ds-insp' }],
      followUp: { requirements: '限期整改', dueOn: '2025-06-20' },
      version: 1,
    });
    expect(await getItem(db, interviewKeys.item('m-ds-1', '2025-06-10', r.interviewId))).toMatchObject({
      entity: 'interview',
      GSI1PK: 'INTERVIEWS#hlj',
      GSI1SK: `hlj/hegang/dongshan/#2025-06-10#${r.interviewId}`,
    });
    // On the credit index by its date, so the credit policy's interview line (0 by default) can count it.
    expect(await getItem(db, interviewKeys.item('m-ds-1', '2025-06-10', r.interviewId))).toMatchObject({
      GSI3PK: 'CREDIT#m-ds-1',
      GSI3SK: `2025-06-10#INTERVIEW#${r.interviewId}`,
    });
    expect(await creditRecordsOf(db, 'm-ds-1', '2025-06-30', DEFAULT_CREDIT_POLICY)).toContainEqual({
      kind: 'interview',
      id: r.interviewId,
      date: '2025-06-10',
      subject: r.subject,
    });
    expect(await getItem(db, interviewKeys.pointer(r.interviewId))).toMatchObject({ mineId: 'm-ds-1' });
    expect((await auditOf(db, 'm-ds-1', r.interviewId)).map((e) => e.action)).toEqual(['interview.recorded']);
    expect(await getInterview(as(mineUser('m-ds-1')), 'm-ds-1', r.interviewId)).toEqual(r);
    expect((await recentInterviews(db, 'm-ds-1', 5)).map((x) => x.interviewId)).toContain(r.interviewId);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['today', { date: TODAY, followUp: undefined }, ''],
    ['tomorrow', { date: addDays(TODAY, 1), followUp: undefined }, 'body.date'],
  ])('held %s → %s', async (_, b, field) => {
    const before = (await minePartition(db, 'm-ds-2')).length;
    const op = recordInterview(ds, 'm-ds-2', body(b));
    if (!field) {
      await expect(op).resolves.toMatchObject({ date: TODAY });
      return;
    }
    const error = await failure(op);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields.map((f: { field: string }) => f.field)).toEqual([field]);
    expect((await minePartition(db, 'm-ds-2')).length).toBe(before);
  });

  it.each([
    ['an inspector of another district', 'u-xs-insp'],
    ['a legal reviewer', 'u-ds-legal'],
    ['someone not in the directory', 'u-nobody'],
  ])('a host who is %s: 422 naming the entry, nothing written', async (_, userId) => {
    const before = (await minePartition(db, 'm-ds-2')).length;
    const error = await failure(recordInterview(ds, 'm-ds-2', body({ heldBy: [{ userId: 'u-ds-insp' }, { userId }] })));
    expect(error).toBeInstanceOf(RuleError);
    expect(error.fields.map((f: { field: string }) => f.field)).toEqual(['body.heldBy.1.userId']);
    expect((await minePartition(db, 'm-ds-2')).length).toBe(before);
  });
});

describe('reading interviews', () => {
  it('only under the mine it belongs to, and only within reach', async () => {
    const r = await recordInterview(ds, 'm-ds-1', body({ date: '2025-06-01' }));
    await expect(getInterview(ds, 'm-ds-2', r.interviewId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getInterview(as(mineUser('m-ds-2')), 'm-ds-1', r.interviewId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      getInterview(as(inspectorAt('hlj/hegang/xingshan', 'u-xs-insp')), 'm-ds-1', r.interviewId),
    ).rejects.toBeInstanceOf(NotFoundError);
    const page = await listInterviews(ds, 'm-ds-1', { from: '2025-06-01', to: '2025-06-01' });
    expect(page.items.map((x) => x.interviewId)).toEqual([r.interviewId]);
  });
});

describe('the request', () => {
  it.each<[string, Record<string, unknown>, string | undefined]>([
    [
      'a follow-up due the day of the interview',
      { followUp: { requirements: '整改', dueOn: '2025-06-10' } },
      undefined,
    ],
    ['a follow-up due the day before', { followUp: { requirements: '整改', dueOn: '2025-06-09' } }, 'followUp.dueOn'],
    [
      '20 people summoned',
      { summoned: Array.from({ length: 20 }, (_, i) => ({ name: `某${i}`, position: '副矿长' })) },
      undefined,
    ],
    [
      '21 people summoned',
      { summoned: Array.from({ length: 21 }, (_, i) => ({ name: `某${i}`, position: '副矿长' })) },
      'summoned',
    ],
    ['nobody summoned', { summoned: [] }, 'summoned'],
    ['no host', { heldBy: [] }, 'heldBy'],
    ['a host twice', { heldBy: [{ userId: 'u-ds-insp' }, { userId: 'u-ds-insp' }] }, 'heldBy'],
    ['no subject', { subject: '  ' }, 'subject'],
  ])('%s → %s', (_, b, path) => {
    const parsed = recordInterviewBody.safeParse({
      date: '2025-06-10',
      summoned: [{ name: '王某（演示）', position: '矿长' }],
      heldBy: [{ userId: 'u-ds-insp' }],
      subject: '超能力组织生产',
      ...b,
    });
    if (path === undefined) expect(parsed.success).toBe(true);
    else expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });
});
