// An inspection on site on DynamoDB Local: started (or a planned one started) → hazards and violations recorded with
// its id join its findings in their own transaction → on-site decisions numbered → closed with its record numbered.
// A finding for an inspection not in progress or of another mine is refused and writes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { ConflictError, RuleError } from '#lib/errors.ts';
import { recordHazard } from '#lib/hazards/hazards.ts';
import type { HazardInput } from '#lib/hazards/rules.ts';
import { actOnInspection } from '#lib/inspections/inspection-actions.ts';
import { createInspection, getInspection } from '#lib/inspections/inspections.ts';
import { createInspectionBody, inspectionActionBody } from '#lib/inspections/schemas.ts';
import type { Db } from '#lib/store/db.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { recordViolation } from '#lib/violations/violation-records.ts';
import { inspectorAt } from '../../support/registry-fixtures.ts';
import { auditOf, enforcementDb, failure, plannedBody, violationBody } from '../enforcement/fixtures.ts';

let db: Db;
let as: (p: Principal) => TenantStore;
let ds: TenantStore;
let hg: TenantStore;

beforeAll(async () => {
  ({ db, as } = await enforcementDb());
  ds = as(inspectorAt('hlj/hegang/dongshan', 'insp-ds'));
  hg = as(inspectorAt('hlj/hegang', 'insp-hg'));
});

const TEAM = [
  { userId: 'u-wang', name: '王检查' },
  { userId: 'u-li', name: '李监察' },
];
const startedBody = (b: Record<string, unknown> = {}) =>
  createInspectionBody.parse({
    kind: 'started',
    startedOn: '2025-06-15',
    inspectors: TEAM,
    leaderUserId: 'u-li',
    purpose: '雨季三防专项检查',
    topics: ['water_control', 'ventilation_gas_dust'],
    ...b,
  });
const action = (b: Record<string, unknown>) => inspectionActionBody.parse(b);
const hazard = (inspectionId: string, b: Partial<HazardInput> = {}): HazardInput => ({
  level: 'general',
  description: '水仓未按期清挖',
  location: '中央水仓',
  foundOn: '2025-06-15',
  deadline: '2025-06-30',
  source: 'inspection',
  inspectionId,
  ...b,
});

describe('an inspection on site', () => {
  it('start → findings join it → decision 1 → close with record 1; audited', async () => {
    const i = await createInspection(ds, 'm-ds-1', startedBody());
    expect(i).toMatchObject({
      status: 'in_progress',
      statusLabel: '检查中',
      date: '2025-06-15',
      startedOn: '2025-06-15',
      leader: { userId: 'u-li', name: '李监察' },
      topics: ['water_control', 'ventilation_gas_dust'],
      topicLabels: ['防治水', '一通三防'],
      decisions: [],
      version: 1,
    });
    const h = await recordHazard(ds, 'm-ds-1', hazard(i.inspectionId));
    const v = await recordViolation(
      ds,
      'm-ds-1',
      violationBody({ date: '2025-06-15', source: { kind: 'inspection', id: i.inspectionId } }),
    );
    const found = await getInspection(ds, i.inspectionId);
    expect(found.findings).toEqual({ hazardIds: [h.hazardId], violationIds: [v.violationId] });
    expect(found.version).toBe(3);

    const decided = await actOnInspection(
      ds,
      i.inspectionId,
      action({
        action: 'issue_decision',
        version: 3,
        items: [
          { measure: 'rectify_by_deadline', deadline: '2025-06-30', hazardIds: [h.hazardId] },
          { measure: 'stop_work', violationIds: [v.violationId] },
        ],
      }),
    );
    expect(decided.decisions).toMatchObject([
      {
        n: 1,
        documentNo: '东山煤安现决〔2025〕1号',
        issuedOn: '2025-06-15',
        items: [{ measureLabel: '责令限期整改' }, {}],
      },
    ]);
    const closed = await actOnInspection(
      ds,
      i.inspectionId,
      action({ action: 'close', version: 4, summary: '检查防治水、一通三防，发现隐患 1 项、违法行为 1 项' }),
    );
    expect(closed).toMatchObject({
      status: 'done',
      doneOn: '2025-06-15',
      recordNo: '东山煤安检〔2025〕1号',
      version: 5,
    });
    const again = await actOnInspection(
      ds,
      i.inspectionId,
      action({ action: 'issue_decision', version: 5, items: [{ measure: 'other', description: '补充安全培训' }] }),
    );
    expect(again.decisions.map((d) => [d.n, d.documentNo])).toEqual([
      [1, '东山煤安现决〔2025〕1号'],
      [2, '东山煤安现决〔2025〕2号'],
    ]);
    expect((await auditOf(db, 'm-ds-1', i.inspectionId)).map((e) => e.action).sort()).toEqual(
      ['inspection.started', 'inspection.decision_issued', 'inspection.closed', 'inspection.decision_issued'].sort(),
    );
  });

  it('a planned inspection starts on site and leaves the due-date index; the closing bureau numbers the record', async () => {
    const p = await createInspection(hg, 'm-ds-2', plannedBody({ plannedOn: '2025-06-15' }));
    const started = await actOnInspection(
      hg,
      p.inspectionId,
      action({
        action: 'start',
        version: 1,
        startedOn: '2025-06-15',
        inspectors: TEAM,
        leaderUserId: 'u-wang',
        topics: ['roof'],
      }),
    );
    expect(started).toMatchObject({ status: 'in_progress', purpose: '季度执法检查', leader: { name: '王检查' } });
    const closed = await actOnInspection(
      hg,
      p.inspectionId,
      action({ action: 'close', version: 2, summary: '顶板专项检查无异常' }),
    );
    expect(closed.recordNo).toBe('鹤岗煤安检〔2025〕1号');
  });

  it('a finding for an inspection not in progress or of another mine is 422 naming the field, and nothing is written', async () => {
    const other = await createInspection(ds, 'm-ds-2', startedBody());
    const planned = await createInspection(ds, 'm-ds-1', plannedBody());
    for (const id of [other.inspectionId, planned.inspectionId, 'insp-none']) {
      const f = await failure(recordHazard(ds, 'm-ds-1', hazard(id)));
      expect(f).toBeInstanceOf(RuleError);
      expect((f as RuleError).fields.map((x) => x.field)).toEqual(['body.inspectionId']);
    }
    expect((await getInspection(ds, other.inspectionId)).findings.hazardIds).toEqual([]);
    // A violation on a planned inspection is recorded as before, outside its findings (listed when it is completed).
    await recordViolation(ds, 'm-ds-1', violationBody({ source: { kind: 'inspection', id: planned.inspectionId } }));
    expect((await getInspection(ds, planned.inspectionId)).findings.violationIds).toEqual([]);
  });

  it('a decision about a finding of another inspection is 422; a stale version 409; a wrong state 422; none takes a number', async () => {
    const i = await createInspection(ds, 'm-ds-1', startedBody());
    const before = (await getInspection(ds, i.inspectionId)).version;
    const foreign = await failure(
      actOnInspection(
        ds,
        i.inspectionId,
        action({
          action: 'issue_decision',
          version: before,
          items: [{ measure: 'stop_work', hazardIds: ['hz-else'] }],
        }),
      ),
    );
    expect((foreign as RuleError).fields.map((x) => x.field)).toEqual(['body.items.0.hazardIds.0']);
    const stale = await failure(
      actOnInspection(ds, i.inspectionId, action({ action: 'close', version: before + 1, summary: '完' })),
    );
    expect(stale).toBeInstanceOf(ConflictError);
    const wrong = await failure(
      actOnInspection(ds, i.inspectionId, action({ action: 'cancel', version: before, reason: '取消' })),
    );
    expect((wrong as RuleError).fields.map((x) => x.field)).toEqual(['body.action']);
    // The numbers go on from where the first test left them.
    const closed = await actOnInspection(
      ds,
      i.inspectionId,
      action({ action: 'close', version: before, summary: '完' }),
    );
    expect(closed.recordNo).toBe('东山煤安检〔2025〕2号');
  });

  it('a finding recorded after the close is refused, and the hazard is not written', async () => {
    const i = await createInspection(ds, 'm-ds-1', startedBody());
    const target = hazard(i.inspectionId);
    await actOnInspection(ds, i.inspectionId, action({ action: 'close', version: 1, summary: '完' }));
    expect(await failure(recordHazard(ds, 'm-ds-1', target))).toBeInstanceOf(RuleError);
    expect((await getInspection(ds, i.inspectionId)).findings).toEqual({ hazardIds: [], violationIds: [] });
  });

  it('five inspections closed at once get five consecutive record numbers', async () => {
    const list = await Promise.all(Array.from({ length: 5 }, () => createInspection(ds, 'm-ds-2', startedBody())));
    const closed = await Promise.all(
      list.map((i) => actOnInspection(ds, i.inspectionId, action({ action: 'close', version: 1, summary: '完' }))),
    );
    const ns = closed.map((c) => Number(/〕(\d+)号/.exec(c.recordNo ?? '')?.[1])).sort((a, b) => a - b);
    expect(ns).toEqual([ns[0]!, ns[0]! + 1, ns[0]! + 2, ns[0]! + 3, ns[0]! + 4]);
  }, 60_000);
});
