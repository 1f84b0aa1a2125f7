// Violation records on DynamoDB Local: found by id through the pointer (also when a confirmed case wrote them),
// listed by a jurisdiction and everything below it, corrected with a version and a reason (a new date moves the
// record with its pointer), audited once per change, and a stale correction changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { ConflictError, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import { actOnInspection } from '#lib/inspections/inspection-actions.ts';
import { createInspection } from '#lib/inspections/inspections.ts';
import { systemActor } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { transact } from '#lib/store/transact.ts';
import {
  correctViolation,
  findViolation,
  getViolation,
  listMineViolations,
  listViolations,
  recentViolations,
  recordViolation,
  violationsOf,
} from '#lib/violations/violation-records.ts';
import { violationKeys, violationWrite } from '#lib/violations/violations.ts';
import { admin, inspectorAt, minePartition, mineUser, partner } from '../../support/registry-fixtures.ts';
import {
  auditOf,
  cancelBody,
  enforcementDb,
  failure,
  plannedBody,
  violationBody,
  violationCorrection,
} from './fixtures.ts';

let db: Db;
let as: (p: Principal) => TenantStore;
const DS = inspectorAt('hlj/hegang/dongshan', 'insp-ds');
let ds: TenantStore;

beforeAll(async () => {
  ({ db, as } = await enforcementDb());
  ds = as(DS);
});

describe('recording a violation', () => {
  it('files it under the mine by date, indexes it for the jurisdiction, points to it by id, and audits it once', async () => {
    const v = await recordViolation(ds, 'm-ds-1', violationBody({ evidence: ['照片 IMG_001'] }));
    expect(v).toMatchObject({
      violationId: expect.stringMatching(/^vio-/),
      mineId: 'm-ds-1',
      mineName: 'm-ds-1 煤矿',
      jurisdiction: 'hlj/hegang/dongshan',
      category: 'over_capacity',
      categoryNo: 4,
      categoryName: '超能力、超强度、超定员组织生产',
      date: '2025-06-01',
      evidence: ['照片 IMG_001'],
      source: { kind: 'manual' },
      recordedBy: { sub: 'insp-ds', role: 'inspector' },
      version: 1,
    });
    const item = await getItem(db, violationKeys.item('m-ds-1', '2025-06-01', v.violationId));
    expect(item).toMatchObject({
      entity: 'violation',
      GSI1PK: 'VIOLATIONS#hlj',
      GSI1SK: `hlj/hegang/dongshan/#2025-06-01#${v.violationId}`,
    });
    expect(await getItem(db, violationKeys.pointer(v.violationId))).toMatchObject({
      mineId: 'm-ds-1',
      itemSk: `VIOLATION#2025-06-01#${v.violationId}`,
    });
    expect(await getViolation(ds, v.violationId)).toEqual(v);
    const events = await auditOf(db, 'm-ds-1', v.violationId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'violation.recorded',
      entityType: 'violation',
      before: null,
      after: { category: 'over_capacity', date: '2025-06-01' },
    });
  });

  it('refuses a future date, naming body.date, and writes nothing', async () => {
    const before = (await minePartition(db, 'm-ds-2')).length;
    const error = await failure(recordViolation(ds, 'm-ds-2', violationBody({ date: '2025-06-16' })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields).toEqual([{ field: 'body.date', message: expect.any(String) }]);
    expect(await minePartition(db, 'm-ds-2')).toHaveLength(before);
    // Today in Shanghai is not the future.
    await expect(recordViolation(ds, 'm-ds-2', violationBody({ date: '2025-06-15' }))).resolves.toMatchObject({
      date: '2025-06-15',
    });
  });

  it('from an inspection: only one of the same mine that is not cancelled', async () => {
    const here = await createInspection(ds, 'm-ds-1', plannedBody());
    const there = await createInspection(ds, 'm-ds-2', plannedBody());
    const v = await recordViolation(
      ds,
      'm-ds-1',
      violationBody({ source: { kind: 'inspection', id: here.inspectionId } }),
    );
    expect(v.source).toEqual({ kind: 'inspection', id: here.inspectionId });

    for (const id of [there.inspectionId, 'insp-does-not-exist']) {
      const error = await failure(recordViolation(ds, 'm-ds-1', violationBody({ source: { kind: 'inspection', id } })));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.fields).toEqual([{ field: 'body.source.id', message: '本矿没有这次检查' }]);
    }
    await actOnInspection(ds, here.inspectionId, cancelBody({ version: 1 }));
    const cancelled = await failure(
      recordViolation(ds, 'm-ds-1', violationBody({ source: { kind: 'inspection', id: here.inspectionId } })),
    );
    expect(cancelled).toBeInstanceOf(RuleError);
  });

  it('a violation a confirmed case writes (violationWrite) is found by its id too', async () => {
    const { writes, record } = violationWrite(db, {
      violationId: 'vio-from-case-1',
      mineId: 'm-ds-2',
      jurisdiction: 'hlj/hegang/dongshan',
      category: 'stopped_mine_producing',
      date: '2025-05-20',
      description: '停产矿井夜间用电异常',
      source: { kind: 'case', id: 'case-1' },
      recordedBy: systemActor('test'),
      recordedAt: '2025-05-21T00:00:00.000Z',
    });
    expect(writes).toHaveLength(2);
    await transact(db, writes);
    expect(await getViolation(ds, 'vio-from-case-1')).toMatchObject({ ...record, evidence: [], categoryNo: 15 });
    expect(await findViolation(db, 'vio-from-case-1')).toMatchObject({ mineId: 'm-ds-2' });
  });
});

describe('who sees a violation by id', () => {
  let id: string;
  beforeAll(async () => {
    id = (await recordViolation(ds, 'm-ds-1', violationBody({ date: '2025-04-01' }))).violationId;
  });

  it.each([
    ['its district', inspectorAt('hlj/hegang/dongshan')],
    ['the city above', admin('hlj/hegang')],
    ['the province', admin('hlj')],
    ['the mine itself', mineUser('m-ds-1')],
  ])('%s does', async (_, p) => {
    await expect(getViolation(as(p), id)).resolves.toMatchObject({ violationId: id });
  });

  it.each([
    ['a sibling district', inspectorAt('hlj/hegang/xingshan')],
    ['a city sharing its letters', admin('hlj/hegangx')],
    ['another province', admin('jl')],
    ['another mine', mineUser('m-ds-2')],
    ['a partner department', partner()],
  ])('%s gets the same 404 as for an id that does not exist', async (_, p) => {
    const hidden = await failure(getViolation(as(p), id));
    const missing = await failure(getViolation(as(p), 'vio-nope'));
    expect(hidden).toBeInstanceOf(NotFoundError);
    expect(hidden.message.replace(id, '<id>')).toBe(missing.message.replace('vio-nope', '<id>'));
    await expect(
      correctViolation(as(p), id, violationCorrection({ version: 1, description: '改' })),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('listing by jurisdiction', () => {
  const placed: Record<string, string> = {};
  beforeAll(async () => {
    const at: [string, string, string, string][] = [
      ['m-ds-1', 'hlj/hegang/dongshan', '2024-01-10', 'fire_water_measures'],
      ['m-xs-1', 'hlj/hegang/xingshan', '2024-01-11', 'fire_water_measures'],
      ['m-hg-0', 'hlj/hegang', '2024-01-12', 'illegal_contracting'],
      ['m-hx-1', 'hlj/hegangx/dongshan', '2024-01-13', 'fire_water_measures'],
      ['m-jl-1', 'jl/hegang/dongshan', '2024-01-14', 'fire_water_measures'],
    ];
    for (const [mineId, jurisdiction, date, category] of at) {
      const v = await recordViolation(as(admin(jurisdiction)), mineId, violationBody({ date, category }));
      placed[mineId] = v.violationId;
    }
  });
  const window = { from: '2024-01-01', to: '2024-01-31' };
  const minesOf = (page: { items: { mineId: string }[] }) => page.items.map((v) => v.mineId).sort();

  it.each([
    ['a district', inspectorAt('hlj/hegang/dongshan'), ['m-ds-1']],
    ['a city: its districts and its own mines, not hegangx', admin('hlj/hegang'), ['m-ds-1', 'm-hg-0', 'm-xs-1']],
    ['a province: not another province', admin('hlj'), ['m-ds-1', 'm-hg-0', 'm-hx-1', 'm-xs-1']],
    ['another province', admin('jl'), ['m-jl-1']],
    ['a mine user: its own mine only', mineUser('m-ds-1'), ['m-ds-1']],
  ])('%s', async (_, p, mines) => {
    expect(minesOf(await listViolations(as(p), { ...window, limit: 200 }))).toEqual(mines);
  });

  it('filters by category and window, and by one mine', async () => {
    expect(
      minesOf(await listViolations(as(admin('hlj/hegang')), { ...window, category: 'illegal_contracting' })),
    ).toEqual(['m-hg-0']);
    expect(minesOf(await listViolations(as(admin('hlj')), { from: '2024-01-12', to: '2024-01-13' }))).toEqual([
      'm-hg-0',
      'm-hx-1',
    ]);
    expect(minesOf(await listViolations(as(admin('hlj')), { ...window, mineId: 'm-xs-1' }))).toEqual(['m-xs-1']);
    await expect(listViolations(as(inspectorAt('hlj/hegang/dongshan')), { mineId: 'm-xs-1' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(listViolations(as(mineUser('m-ds-1')), { mineId: 'm-ds-2' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('pages through a jurisdiction returning each record once, newest first within a district', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listViolations(as(admin('hlj')), { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((v) => v.violationId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(Object.values(placed).filter((id) => id !== placed['m-jl-1'])));
    expect(seen).not.toContain(placed['m-jl-1']);
  });
});

describe('a mine’s violations', () => {
  const ids: string[] = [];
  beforeAll(async () => {
    for (const [date, category] of [
      ['2023-02-01', 'outdated_capacity'],
      ['2023-03-01', 'over_capacity'],
      ['2023-01-15', 'over_capacity'],
    ] as const) {
      ids.push((await recordViolation(ds, 'm-ds-2', violationBody({ date, category }))).violationId);
    }
  });

  it('lists newest first by date, over a window, by category', async () => {
    const page = await listMineViolations(ds, 'm-ds-2', { from: '2023-01-01', to: '2023-12-31' });
    expect(page.items.map((v) => v.date)).toEqual(['2023-03-01', '2023-02-01', '2023-01-15']);
    expect(
      (
        await listMineViolations(ds, 'm-ds-2', { from: '2023-01-01', to: '2023-12-31', category: 'over_capacity' })
      ).items.map((v) => v.date),
    ).toEqual(['2023-03-01', '2023-01-15']);
    expect((await listMineViolations(ds, 'm-ds-2', { from: '2023-02-01', to: '2023-02-01' })).items).toHaveLength(1);
    expect((await listMineViolations(as(mineUser('m-ds-2')), 'm-ds-2', { to: '2023-12-31' })).items).toHaveLength(3);
  });

  it('for other modules: the latest by date, and a window oldest first', async () => {
    const recent = await recentViolations(db, 'm-ds-2', 2);
    expect(recent).toHaveLength(2);
    expect(recent[0]!.date >= recent[1]!.date).toBe(true);
    expect((await violationsOf(db, 'm-ds-2', '2023-01-01', '2023-02-28')).map((v) => v.date)).toEqual([
      '2023-01-15',
      '2023-02-01',
    ]);
  });
});

describe('correcting a violation', () => {
  it('is a new version, audited with before, after and the reason; a stale one changes nothing', async () => {
    const v = await recordViolation(ds, 'm-ds-1', violationBody({ date: '2025-03-03', description: '超员' }));
    const corrected = await correctViolation(
      ds,
      v.violationId,
      violationCorrection({ version: 1, category: 'responsibility_not_fulfilled', reason: '类别认定有误' }),
    );
    expect(corrected).toMatchObject({
      version: 2,
      category: 'responsibility_not_fulfilled',
      categoryNo: 3,
      description: '超员',
      updatedBy: { sub: 'insp-ds' },
    });
    const events = await auditOf(db, 'm-ds-1', v.violationId);
    expect(events.map((e) => e.action)).toEqual(['violation.corrected', 'violation.recorded']);
    expect(events[0]).toMatchObject({
      reason: '类别认定有误',
      before: { category: 'over_capacity', categoryName: '超能力、超强度、超定员组织生产' },
      after: { category: 'responsibility_not_fulfilled', categoryName: '安全生产主体责任不落实' },
    });

    const stored = await getItem(db, violationKeys.item('m-ds-1', '2025-03-03', v.violationId));
    const stale = await failure(
      correctViolation(ds, v.violationId, violationCorrection({ version: 1, description: '覆盖' })),
    );
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale.fields).toEqual([{ field: 'body.version', message: '当前版本为 2，请刷新后重试' }]);
    expect(await getItem(db, violationKeys.item('m-ds-1', '2025-03-03', v.violationId))).toEqual(stored);
    expect(await auditOf(db, 'm-ds-1', v.violationId)).toHaveLength(2);
  });

  it('a corrected date moves the record and its pointer together, and the index follows', async () => {
    const v = await recordViolation(ds, 'm-ds-1', violationBody({ date: '2022-07-07' }));
    const moved = await correctViolation(
      ds,
      v.violationId,
      violationCorrection({ version: 1, date: '2022-07-01', reason: '日期录入错误' }),
    );
    expect(moved).toMatchObject({ date: '2022-07-01', version: 2 });
    expect(await getItem(db, violationKeys.item('m-ds-1', '2022-07-07', v.violationId))).toBeUndefined();
    expect(await getItem(db, violationKeys.item('m-ds-1', '2022-07-01', v.violationId))).toMatchObject({
      GSI1SK: `hlj/hegang/dongshan/#2022-07-01#${v.violationId}`,
      version: 2,
    });
    expect(await getViolation(ds, v.violationId)).toEqual(moved);
    expect(
      (await listViolations(ds, { from: '2022-07-01', to: '2022-07-01' })).items.map((x) => x.violationId),
    ).toEqual([v.violationId]);
    expect((await listViolations(ds, { from: '2022-07-07', to: '2022-07-07' })).items).toEqual([]);
    expect(await auditOf(db, 'm-ds-1', v.violationId)).toHaveLength(2);

    // A stale correction of the moved record leaves both keys as they are.
    await expect(
      correctViolation(ds, v.violationId, violationCorrection({ version: 1, date: '2022-07-02' })),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await getViolation(ds, v.violationId)).toEqual(moved);
    expect(await getItem(db, violationKeys.item('m-ds-1', '2022-07-02', v.violationId))).toBeUndefined();
  });

  it('two correctors racing on the same version: one wins, the other gets 409, one audit event', async () => {
    const v = await recordViolation(ds, 'm-ds-1', violationBody({ date: '2022-08-08' }));
    const results = await Promise.allSettled([
      correctViolation(ds, v.violationId, violationCorrection({ version: 1, description: '甲的更正' })),
      correctViolation(ds, v.violationId, violationCorrection({ version: 1, date: '2022-08-01' })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(
      ConflictError,
    );
    expect(await auditOf(db, 'm-ds-1', v.violationId)).toHaveLength(2);
    expect((await getViolation(ds, v.violationId)).version).toBe(2);
  });

  it('refuses a future date; a correction that changes nothing writes nothing', async () => {
    const v = await recordViolation(ds, 'm-ds-1', violationBody({ date: '2022-09-09', evidence: ['e1'] }));
    const future = await failure(
      correctViolation(ds, v.violationId, violationCorrection({ version: 1, date: '2025-07-01' })),
    );
    expect(future.fields).toEqual([{ field: 'body.date', message: expect.any(String) }]);
    expect(
      await correctViolation(
        ds,
        v.violationId,
        violationCorrection({ version: 1, evidence: ['e1'], date: '2022-09-09' }),
      ),
    ).toMatchObject({ version: 1 });
    expect(await auditOf(db, 'm-ds-1', v.violationId)).toHaveLength(1);
  });
});
