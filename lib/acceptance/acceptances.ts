import type * as z from 'zod/mini';
import { ConflictError, RuleError, ValidationError } from '#lib/errors.ts';
import { openHazardsOf } from '#lib/hazards/index.ts';
import type { InspectionRecord } from '#lib/inspections/inspection-item.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { latestStatusEntry, resumeProduction } from '#lib/registry/status-history.ts';
import { MINE_STATUS_LABELS, NEEDS_ACCEPTANCE } from '#lib/registry/vocabulary.ts';
import { type Actor, actorOf, auditWrite } from '#lib/store/audit.ts';
import {
  createWrites,
  type DatedListQuery,
  findDated,
  INSPECTION_KIND,
  latestOfMine,
  loadDated,
  loadDatedIn,
  mineRecordsPage,
  reachableRecordsPage,
  replaceWrites,
} from '#lib/store/dated-records.ts';
import type { Db } from '#lib/store/db.ts';
import { pk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { transact } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { refuseFutureDates } from '#lib/validators/past-dates.ts';
import { enforce } from '#lib/workflow/engine.ts';
import {
  ACCEPTANCE_KIND,
  type AcceptanceRecord,
  acceptanceDueKeys,
  acceptanceKeys,
  acceptanceView,
  dueOnFor,
} from './acceptance-item.ts';
import { acceptancePolicy } from './acceptance-policy.ts';
import { acceptanceHistory, majorHazardBlock } from './rules.ts';
import type { acceptanceActionBody, applyAcceptanceBody } from './schemas.ts';
import {
  ACCEPTANCE_ACTION_LABELS,
  ACCEPTANCE_WORKFLOW,
  type AcceptanceStatus,
  OPEN_ACCEPTANCE_STATUSES,
} from './vocabulary.ts';

/**
 * 复工复产验收: the mine applies, the bureau checks on site (an inspection record) and records what it found, a
 * second bureau_admin approves and the mine is producing from that day (lib/registry/status-history.ts
 * resumeProduction, in the same transaction), or the bureau returns it to the mine. Every step audited with it.
 */
const stale = (id: string, version?: number) =>
  new ConflictError(
    `复工复产验收 ${id} 已被他人处理，请刷新后重试`,
    version === undefined ? [] : [{ field: 'body.version', message: `current version is ${version}` }],
  );

const required = (field: string, message: string) => new ValidationError(message, [{ field, message }]);

/** A mine's acceptances still under way (at most one): a key-range query on its partition. */
async function openAcceptancesOf(db: Db, mineId: string): Promise<AcceptanceRecord[]> {
  const [from, to] = acceptanceKeys.range();
  const all = await queryAll<AcceptanceRecord>(db, { partition: pk.mine(mineId), between: [from, to] });
  return all.filter((a) => OPEN_ACCEPTANCE_STATUSES.includes(a.status));
}

export async function applyForAcceptance(
  store: TenantStore,
  mineId: string,
  body: z.infer<typeof applyAcceptanceBody>,
) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const current = (await latestStatusEntry(db, mineId))?.status ?? mine.status;
  if (!NEEDS_ACCEPTANCE.includes(current))
    throw new RuleError(
      `煤矿当前（或已排定）的状态为${MINE_STATUS_LABELS[current]}，只有停产、停产整顿或建设/技改的煤矿才申请复工复产验收`,
      [{ field: 'mineId', message: `煤矿状态为${MINE_STATUS_LABELS[current]}` }],
    );
  const open = await openAcceptancesOf(db, mineId);
  if (open.length > 0)
    throw new ConflictError(`该矿已有进行中的复工复产验收 ${open[0]!.acceptanceId}，请在其中继续办理`, [
      { field: 'mineId', message: `acceptance ${open[0]!.acceptanceId} is under way` },
    ]);
  const now = db.now();
  const at = now.toISOString();
  const today = todayInShanghai(now);
  const actor = actorOf(store.principal);
  const acceptanceId = db.newId('acpt');
  const record: AcceptanceRecord = {
    acceptanceId,
    mineId,
    mineName: mine.name,
    jurisdiction: mine.jurisdiction,
    date: today,
    fromStatus: current,
    status: 'applied',
    application: { report: body.report, evidence: body.evidence ?? [], appliedBy: actor, appliedAt: at },
    dueOn: dueOnFor('applied', today, (await acceptancePolicy.inForce(store.shared, mine.jurisdiction)).values)!,
    steps: [{ action: 'apply', at, by: actor }],
    version: 1,
    updatedAt: at,
  };
  await transact(db, [
    ...createWrites(
      db,
      ACCEPTANCE_KIND,
      record,
      new ConflictError(`复工复产验收 ${acceptanceId} 已存在`),
      acceptanceDueKeys(record),
    ),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: 'acceptance.applied',
        entityType: 'acceptance',
        entityId: acceptanceId,
        after: {
          status: record.status,
          fromStatus: current,
          report: body.report,
          evidence: record.application.evidence,
        },
      },
      at,
    ),
  ]);
  return acceptanceView(record);
}

export const getAcceptance = async (store: TenantStore, acceptanceId: string) =>
  acceptanceView(await loadDated<AcceptanceRecord>(store, ACCEPTANCE_KIND, acceptanceId));

type AcceptanceQuery = DatedListQuery & { status?: AcceptanceStatus | undefined };

export async function listMineAcceptances(store: TenantStore, mineId: string, query: AcceptanceQuery) {
  const page = await mineRecordsPage<AcceptanceRecord>(store, ACCEPTANCE_KIND, mineId, query, {
    status: query.status,
  });
  return { items: page.items.map(acceptanceView), nextCursor: page.nextCursor };
}

export async function listAcceptances(store: TenantStore, query: AcceptanceQuery) {
  const page = await reachableRecordsPage<AcceptanceRecord>(store, ACCEPTANCE_KIND, query, { status: query.status });
  return { items: page.items.map(acceptanceView), nextCursor: page.nextCursor };
}

/** A mine's latest acceptances, for the mine's file (the caller has checked the mine). */
export async function recentAcceptances(db: Db, mineId: string, limit: number) {
  return (await latestOfMine<AcceptanceRecord>(db, ACCEPTANCE_KIND, mineId, limit)).map(acceptanceView);
}

type ActionBody = z.infer<typeof acceptanceActionBody>;

/** The inspection the check links, of this mine; 422 when there is none or it is not (yet) on site. */
async function inspectionFor(db: Db, mineId: string, inspectionId: string, done: boolean): Promise<InspectionRecord> {
  const inspection = await findDated<InspectionRecord>(db, INSPECTION_KIND, inspectionId, mineId);
  if (!inspection)
    throw new RuleError(`执法检查 ${inspectionId} 不是本矿的检查记录`, [
      { field: 'body.inspectionId', message: '须为本矿的执法检查记录' },
    ]);
  const allowed = done ? ['done'] : ['in_progress', 'done'];
  if (!allowed.includes(inspection.status))
    throw new RuleError(
      done
        ? `现场检查（执法检查 ${inspectionId}）尚未结束，结束后再记录验收结论`
        : `执法检查 ${inspectionId} 尚未开始或已取消，不能作为复工复产验收的现场检查`,
      [{ field: done ? 'body.action' : 'body.inspectionId', message: `inspection is ${inspection.status}` }],
    );
  return inspection;
}

export async function actOnAcceptance(store: TenantStore, acceptanceId: string, body: ActionBody) {
  const {
    record: before,
    scope: { db, profile },
  } = await loadDatedIn<AcceptanceRecord>(store, ACCEPTANCE_KIND, acceptanceId);
  const mine = profile as MineItem;
  const principal = store.principal;
  const status = enforce(ACCEPTANCE_WORKFLOW, {
    state: before.status,
    action: body.action,
    actor: principal,
    history: acceptanceHistory(before),
    item: before,
  });
  if (body.version !== before.version) throw stale(acceptanceId, before.version);
  const now = db.now();
  const at = now.toISOString();
  const today = todayInShanghai(now);
  const actor: Actor = actorOf(principal);
  let after: AcceptanceRecord = {
    ...before,
    status,
    steps: [...before.steps],
    version: before.version + 1,
    updatedAt: at,
  };
  let note: string | undefined;
  switch (body.action) {
    case 'assign_check': {
      if (!body.inspectionId) throw required('body.inspectionId', '安排现场检查须指定执法检查记录');
      const inspection = await inspectionFor(db, before.mineId, body.inspectionId, false);
      const lead = inspection.leader ?? inspection.inspectors[0];
      after = {
        ...after,
        check: {
          inspectionId: inspection.inspectionId,
          ...(lead ? { leader: { userId: lead.userId, name: lead.name } } : {}),
          assignedBy: actor,
          assignedAt: at,
        },
      };
      note = `执法检查 ${inspection.inspectionId}`;
      break;
    }
    case 'record_check': {
      if (!body.findings) throw required('body.findings', '须记录现场检查结论');
      const checkedOn = body.checkedOn ?? today;
      refuseFutureDates(now, { field: 'body.checkedOn', label: '现场检查日期', date: checkedOn });
      await inspectionFor(db, before.mineId, before.check!.inspectionId, true);
      after = {
        ...after,
        check: { ...before.check!, findings: body.findings, checkedOn, recordedBy: actor, recordedAt: at },
      };
      note = body.findings;
      break;
    }
    case 'approve': {
      const blocking = majorHazardBlock(await openHazardsOf(db, before.mineId, now));
      if (blocking) throw blocking;
      after = { ...after, approvedBy: actor, approvedAt: at, approvedOn: today };
      break;
    }
    case 'return': {
      if (!body.reason) throw required('body.reason', '退回须说明理由');
      after = { ...after, returnReason: body.reason };
      note = body.reason;
      break;
    }
    case 'reapply': {
      if (!body.report) throw required('body.report', '重新申请须提交整改报告');
      const { returnReason: _r, check: _c, ...rest } = after;
      after = {
        ...rest,
        application: { report: body.report, evidence: body.evidence ?? [], appliedBy: actor, appliedAt: at },
      };
      note = body.report;
      break;
    }
  }
  // The check stays due by the day the application set; the approval is due from the check's conclusion.
  const dueOn =
    body.action === 'assign_check'
      ? before.dueOn
      : dueOnFor(status, today, (await acceptancePolicy.inForce(store.shared, mine.jurisdiction)).values);
  const { dueOn: _d, ...withoutDue } = after;
  after = {
    ...withoutDue,
    ...(dueOn ? { dueOn } : {}),
    steps: [...before.steps, { action: body.action, at, by: actor, ...(note ? { note: note.slice(0, 500) } : {}) }],
  };
  const writes = [
    ...replaceWrites(db, ACCEPTANCE_KIND, before, after, body.version, stale(acceptanceId), acceptanceDueKeys(after)),
    auditWrite(
      db,
      actor,
      {
        mineId: before.mineId,
        jurisdiction: before.jurisdiction,
        action: `acceptance.${body.action}`,
        entityType: 'acceptance',
        entityId: acceptanceId,
        before: { status: before.status, version: before.version },
        after: {
          status: after.status,
          version: after.version,
          ...(after.check && body.action !== 'reapply' ? { check: after.check } : {}),
          ...(after.approvedOn ? { approvedOn: after.approvedOn } : {}),
        },
        reason: body.action === 'return' ? body.reason : undefined,
      },
      at,
    ),
  ];
  if (body.action === 'approve') {
    await resumeProduction(
      db,
      actor,
      mine,
      { effectiveDate: today, reason: `复工复产验收通过（${acceptanceId}，${ACCEPTANCE_ACTION_LABELS.approve}）` },
      writes,
      'body.action',
    );
  } else {
    await transact(db, writes);
  }
  return acceptanceView(after);
}
