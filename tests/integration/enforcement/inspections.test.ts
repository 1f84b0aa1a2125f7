// Inspections on DynamoDB Local: planned (on the due-date index) → completed (moved to the day it was done, findings
// checked) or cancelled; recorded done directly. The mine's last inspection date is one GetItem and only ever moves
// forward, also when completions race. One audit event per change; a stale action changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { ConflictError, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import { actOnInspection } from '#lib/inspections/inspection-actions.ts';
import { inspectionKeys, lastInspectionKey } from '#lib/inspections/inspection-item.ts';
import {
  createInspection,
  getInspection,
  inspectionsOf,
  lastInspectionOn,
  listInspections,
  listMineInspections,
  recentInspections,
} from '#lib/inspections/inspections.ts';
import type { Db } from '#lib/store/db.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { recordViolation } from '#lib/violations/violation-records.ts';
import { dueAnywhere } from '../../support/due-index.ts';
import { admin, inspectorAt, minePartition, mineUser, partner } from '../../support/registry-fixtures.ts';
import {
  auditOf,
  cancelBody,
  completeBody,
  doneBody,
  enforcementDb,
  failure,
  plannedBody,
  violationBody,
} from './fixtures.ts';

let db: Db;
let as: (p: Principal) => TenantStore;
let ds: TenantStore;

beforeAll(async () => {
  ({ db, as } = await enforcementDb());
  ds = as(inspectorAt('hlj/hegang/dongshan', 'insp-ds'));
});

const due = (date: string) => dueAnywhere<Record<string, unknown>>(db, date, 'INSPECTION');

describe('a planned inspection', () => {
  it('is filed under its planned day, on the due-date index, with its pointer; one audit event', async () => {
    const i = await createInspection(ds, 'm-ds-1', plannedBody({ plannedOn: '2025-06-20' }));
    expect(i).toMatchObject({
      status: 'planned',
      statusLabel: '计划',
      date: '2025-06-20',
      plannedOn: '2025-06-20',
      overdue: false,
      findings: { hazardIds: [], violationIds: [] },
      version: 1,
    });
    expect(await getItem(db, inspectionKeys.item('m-ds-1', '2025-06-20', i.inspectionId))).toMatchObject({
      GSI1PK: 'INSPECTIONS#hlj',
      GSI2PK: 'DUE#hlj/hegang/dongshan',
      GSI2SK: `2025-06-20#INSPECTION#m-ds-1#${i.inspectionId}`,
    });
    expect((await due('2025-06-20')).map((d) => d.inspectionId)).toContain(i.inspectionId);
    expect(await getInspection(ds, i.inspectionId)).toEqual(i);
    expect((await auditOf(db, 'm-ds-1', i.inspectionId)).map((e) => e.action)).toEqual(['inspection.planned']);
  });

  it('is overdue once its day has passed without it being done', async () => {
    const i = await createInspection(ds, 'm-ds-1', plannedBody({ plannedOn: '2025-06-01' }));
    expect(i.overdue).toBe(true);
  });

  it('completed: moves to the day it was done, leaves the due-date index, records findings, sets the last inspection date', async () => {
    const i = await createInspection(ds, 'm-ds-2', plannedBody({ plannedOn: '2025-06-12' }));
    const v = await recordViolation(
      ds,
      'm-ds-2',
      violationBody({ source: { kind: 'inspection', id: i.inspectionId }, date: '2025-06-13' }),
    );
    expect(await lastInspectionOn(db, 'm-ds-2')).toBeUndefined();
    const done = await actOnInspection(
      ds,
      i.inspectionId,
      completeBody({
        version: 1,
        doneOn: '2025-06-13',
        findings: { hazardIds: ['hz-any-id'], violationIds: [v.violationId] },
      }),
    );
    expect(done).toMatchObject({
      status: 'done',
      date: '2025-06-13',
      plannedOn: '2025-06-12',
      doneOn: '2025-06-13',
      findings: { hazardIds: ['hz-any-id'], violationIds: [v.violationId] },
      version: 2,
      overdue: false,
    });
    expect(done.steps.map((s) => s.action)).toEqual(['plan', 'complete']);
    expect(await getItem(db, inspectionKeys.item('m-ds-2', '2025-06-12', i.inspectionId))).toBeUndefined();
    const stored = await getItem<Record<string, unknown>>(
      db,
      inspectionKeys.item('m-ds-2', '2025-06-13', i.inspectionId),
    );
    expect(stored).toMatchObject({ status: 'done' });
    expect(stored).not.toHaveProperty('GSI2PK');
    expect((await due('2025-06-12')).map((d) => d.inspectionId)).not.toContain(i.inspectionId);
    expect(await getInspection(ds, i.inspectionId)).toEqual(done);
    expect(await lastInspectionOn(db, 'm-ds-2')).toBe('2025-06-13');
    expect(await getItem(db, lastInspectionKey('m-ds-2'))).toMatchObject({
      lastInspectionOn: '2025-06-13',
      inspectionId: i.inspectionId,
    });
    const events = await auditOf(db, 'm-ds-2', i.inspectionId);
    expect(events.map((e) => e.action)).toEqual(['inspection.completed', 'inspection.planned']);
    expect(events[0]).toMatchObject({
      before: { status: 'planned', date: '2025-06-12' },
      after: { status: 'done', date: '2025-06-13', doneOn: '2025-06-13' },
    });
    // Nothing in the mine's list of inspections is the last-inspection item.
    expect((await listMineInspections(ds, 'm-ds-2', {})).items.every((x) => x.inspectionId)).toBe(true);
  });

  it('refuses a completion before the planned day, in the future, or with another mine’s violations, naming the field', async () => {
    const i = await createInspection(ds, 'm-ds-1', plannedBody({ plannedOn: '2025-06-10' }));
    const other = await recordViolation(ds, 'm-ds-2', violationBody());
    const own = await recordViolation(ds, 'm-ds-1', violationBody());
    const cases: [Record<string, unknown>, string[]][] = [
      [{ doneOn: '2025-06-09' }, ['body.doneOn']],
      [{ doneOn: '2025-06-16' }, ['body.doneOn']],
      [
        { findings: { violationIds: [own.violationId, other.violationId, 'vio-missing'] } },
        ['body.findings.violationIds.1', 'body.findings.violationIds.2'],
      ],
    ];
    for (const [change, fields] of cases) {
      const error = await failure(actOnInspection(ds, i.inspectionId, completeBody({ version: 1, ...change })));
      expect(error, JSON.stringify(change)).toBeInstanceOf(ValidationError);
      expect(error.fields.map((f: { field: string }) => f.field)).toEqual(fields);
    }
    expect(await getInspection(ds, i.inspectionId)).toMatchObject({ status: 'planned', version: 1 });
    expect(await auditOf(db, 'm-ds-1', i.inspectionId)).toHaveLength(1);
  });

  it('a stale version gets 409 and changes nothing; a done or cancelled one cannot be acted on again (422)', async () => {
    const i = await createInspection(ds, 'm-ds-1', plannedBody({ plannedOn: '2025-06-11' }));
    await actOnInspection(ds, i.inspectionId, cancelBody({ version: 1, reason: '煤矿停产，改期' }));
    const cancelled = await getInspection(ds, i.inspectionId);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      statusLabel: '已取消',
      cancelReason: '煤矿停产，改期',
      date: '2025-06-11',
      version: 2,
    });
    expect((await due('2025-06-11')).map((d) => d.inspectionId)).not.toContain(i.inspectionId);
    const events = await auditOf(db, 'm-ds-1', i.inspectionId);
    expect(events[0]).toMatchObject({ action: 'inspection.cancelled', reason: '煤矿停产，改期' });

    const stale = await failure(actOnInspection(ds, i.inspectionId, completeBody({ version: 1 })));
    expect(stale).toBeInstanceOf(ConflictError);
    const again = await failure(actOnInspection(ds, i.inspectionId, completeBody({ version: 2 })));
    expect(again).toBeInstanceOf(RuleError);
    expect(await getInspection(ds, i.inspectionId)).toEqual(cancelled);
    expect(await auditOf(db, 'm-ds-1', i.inspectionId)).toHaveLength(2);
  });

  it('two inspectors completing it at once: one wins, the other gets 409', async () => {
    const city = as(admin('hlj/hegang'));
    const i = await createInspection(city, 'm-hg-0', plannedBody({ plannedOn: '2025-06-01' }));
    const results = await Promise.allSettled([
      actOnInspection(city, i.inspectionId, completeBody({ version: 1, doneOn: '2025-06-02' })),
      actOnInspection(city, i.inspectionId, completeBody({ version: 1, doneOn: '2025-06-03' })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(
      ConflictError,
    );
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ doneOn: string }>).value;
    expect(await lastInspectionOn(db, 'm-hg-0')).toBe(winner.doneOn);
    const items = (await minePartition(db, 'm-hg-0')).filter(
      (x) => x.inspectionId === i.inspectionId && x.entity === 'inspection',
    );
    expect(items).toHaveLength(1);
  });
});

describe('the last inspection date', () => {
  it('only moves forward: an earlier inspection recorded later leaves it', async () => {
    const store = as(admin('hlj/hegang/xingshan'));
    await createInspection(store, 'm-xs-1', doneBody({ doneOn: '2025-03-10' }));
    expect(await lastInspectionOn(db, 'm-xs-1')).toBe('2025-03-10');
    await createInspection(store, 'm-xs-1', doneBody({ doneOn: '2025-02-01' }));
    expect(await lastInspectionOn(db, 'm-xs-1')).toBe('2025-03-10');
    const planned = await createInspection(store, 'm-xs-1', plannedBody({ plannedOn: '2025-01-01' }));
    await actOnInspection(store, planned.inspectionId, completeBody({ version: 1, doneOn: '2025-01-05' }));
    expect(await lastInspectionOn(db, 'm-xs-1')).toBe('2025-03-10');
    const later = await createInspection(store, 'm-xs-1', plannedBody({ plannedOn: '2025-04-01' }));
    await actOnInspection(store, later.inspectionId, completeBody({ version: 1, doneOn: '2025-04-02' }));
    expect(await lastInspectionOn(db, 'm-xs-1')).toBe('2025-04-02');
    // A planned or cancelled inspection never sets it.
    await createInspection(store, 'm-xs-1', plannedBody({ plannedOn: '2025-06-30' }));
    expect(await lastInspectionOn(db, 'm-xs-1')).toBe('2025-04-02');
  });

  it('ends at the latest date when many inspections are recorded at once', async () => {
    const store = as(admin('hlj/hegangx'));
    const dates = ['2025-05-03', '2025-05-09', '2025-05-01', '2025-05-07', '2025-05-05', '2025-05-02'];
    await Promise.all(dates.map((doneOn) => createInspection(store, 'm-hx-1', doneBody({ doneOn }))));
    expect(await lastInspectionOn(db, 'm-hx-1')).toBe('2025-05-09');
    expect((await listMineInspections(store, 'm-hx-1', { status: 'done' })).items).toHaveLength(dates.length);
    for (const item of (await listMineInspections(store, 'm-hx-1', {})).items)
      expect(await auditOf(db, 'm-hx-1', item.inspectionId)).toHaveLength(1);
  });

  it('is filed for the recorded done inspection with its findings checked', async () => {
    const other = await recordViolation(as(admin('jl')), 'm-jl-1', violationBody());
    const error = await failure(
      createInspection(ds, 'm-ds-1', doneBody({ findings: { violationIds: [other.violationId] } })),
    );
    expect(error.fields).toEqual([{ field: 'body.findings.violationIds.0', message: expect.any(String) }]);
    const future = await failure(createInspection(ds, 'm-ds-1', doneBody({ doneOn: '2025-06-16' })));
    expect(future.fields).toEqual([{ field: 'body.doneOn', message: expect.any(String) }]);
  });
});

describe('listing and reading inspections', () => {
  it('by status and window, for the jurisdiction and below it, and a mine user its own', async () => {
    const city = await listInspections(as(admin('hlj/hegang')), { limit: 200 });
    const mines = new Set(city.items.map((i) => i.mineId));
    expect([...mines].sort()).toEqual(['m-ds-1', 'm-ds-2', 'm-hg-0', 'm-xs-1']);
    const planned = await listInspections(as(admin('hlj/hegang')), { status: 'planned', limit: 200 });
    expect(planned.items.length).toBeGreaterThan(0);
    expect(planned.items.every((i) => i.status === 'planned')).toBe(true);
    const june = await listInspections(as(admin('hlj')), { from: '2025-05-01', to: '2025-05-31', limit: 200 });
    expect(june.items.every((i) => i.date >= '2025-05-01' && i.date <= '2025-05-31')).toBe(true);
    expect(june.items.map((i) => i.mineId)).toContain('m-hx-1');
    const own = await listInspections(as(mineUser('m-ds-2')), {});
    expect(new Set(own.items.map((i) => i.mineId))).toEqual(new Set(['m-ds-2']));
  });

  it('another jurisdiction, another mine or a partner gets the 404 of an id that does not exist', async () => {
    const i = await createInspection(ds, 'm-ds-1', plannedBody());
    for (const p of [inspectorAt('hlj/hegang/xingshan'), admin('jl'), mineUser('m-ds-2'), partner()]) {
      await expect(getInspection(as(p), i.inspectionId)).rejects.toBeInstanceOf(NotFoundError);
      await expect(actOnInspection(as(p), i.inspectionId, cancelBody({ version: 1 }))).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(listMineInspections(as(p), 'm-ds-1', {})).rejects.toBeInstanceOf(NotFoundError);
      await expect(createInspection(as(p), 'm-ds-1', plannedBody())).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await getInspection(as(mineUser('m-ds-1')), i.inspectionId)).toMatchObject({ inspectionId: i.inspectionId });
  });

  it('for other modules: recent ones by date, and a window oldest first', async () => {
    const recent = await recentInspections(db, 'm-xs-1', 3);
    expect(recent.map((i) => i.date)).toEqual(['2025-06-30', '2025-04-02', '2025-03-10']);
    expect((await inspectionsOf(db, 'm-xs-1', '2025-01-01', '2025-03-31')).map((i) => i.date)).toEqual([
      '2025-01-05',
      '2025-02-01',
      '2025-03-10',
    ]);
  });
});
