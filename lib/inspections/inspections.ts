import type * as z from 'zod/mini';
import { type DocumentNo, documentYear, issueNumbered, issuingBureau } from '#lib/documents/numbers.ts';
import type { DocumentKind } from '#lib/documents/vocabulary.ts';
import { ConflictError, type FieldProblem, RuleError, ValidationError } from '#lib/errors.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { type Actor, actorOf, auditWrite, changedFields } from '#lib/store/audit.ts';
import { batchGet } from '#lib/store/batch.ts';
import {
  createWrites,
  type DatedListQuery,
  INSPECTION_KIND,
  latestOfMine,
  loadDated,
  mineRecordsBetween,
  mineRecordsPage,
  type Pointer,
  reachableRecordsPage,
  replaceWrites,
} from '#lib/store/dated-records.ts';
import type { Db } from '#lib/store/db.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { transact, type Write } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { type PastDate, refuseFutureDates } from '#lib/validators/past-dates.ts';
import { violationKeys } from '#lib/violations/violations.ts';
import {
  type Findings,
  INSPECTION_STATUS_LABELS,
  type InspectionAction,
  type InspectionRecord,
  type InspectionStatus,
  type Inspector,
  inspectionDueKeys,
  type LastInspection,
  lastInspectionKey,
  type OnsiteDecisionItem,
} from './inspection-item.ts';
import type { createInspectionBody, inspectionActionBody } from './schemas.ts';
import { INSPECTION_TOPIC_LABELS, ONSITE_MEASURE_LABELS } from './vocabulary.ts';

/**
 * Enforcement inspections: planned → done (completed, with findings) or cancelled; or recorded done directly. Each
 * change is audited in its transaction. Whenever an inspection is done, the mine's last inspection date (one item,
 * read with one GetItem by the credit model's planning) moves forward in the same transaction, never back.
 */
export function inspectionView(r: InspectionRecord, now: Date) {
  return {
    ...r,
    topicLabels: (r.topics ?? []).map((t) => INSPECTION_TOPIC_LABELS[t]),
    decisions: r.decisions ?? [],
    statusLabel: INSPECTION_STATUS_LABELS[r.status],
    overdue: r.status === 'planned' && !!r.plannedOn && r.plannedOn < todayInShanghai(now),
  };
}

const stale = (id: string, version?: number) =>
  new ConflictError(
    `执法检查 ${id} 已被他人修改，请刷新后重试`,
    version === undefined ? [] : [{ field: 'body.version', message: `当前版本为 ${version}，请刷新后重试` }],
  );

/** The condition on the last-inspection item failed: another inspection of the mine moved it meanwhile. */
class LastInspectionMoved extends ConflictError {}

/** Every violation found must be one of this mine's (400 naming each one that is not). */
async function assertViolationsOfMine(
  db: Db,
  mineId: string,
  violationIds: readonly string[],
  field: string,
): Promise<void> {
  if (violationIds.length === 0) return;
  const pointers = await batchGet<Pointer & { violationId: string }>(
    db,
    violationIds.map((id) => violationKeys.pointer(id)),
  );
  const ofMine = new Set(pointers.filter((p) => p.mineId === mineId).map((p) => p.violationId));
  const problems: FieldProblem[] = violationIds.flatMap((id, i) =>
    ofMine.has(id) ? [] : [{ field: `${field}.${i}`, message: `${id} 不是本矿的违法违规记录` }],
  );
  if (problems.length) throw new ValidationError('检查发现的违法违规记录须为本矿的记录', problems);
}

/**
 * The write moving the mine's last inspection date to `doneOn` when that is later than the stored one (none when it
 * is not). Its condition keeps the date from ever moving back, even against a concurrent completion.
 */
async function lastInspectionWrite(db: Db, record: InspectionRecord, at: string): Promise<Write | undefined> {
  const doneOn = record.doneOn!;
  const current = await getItem<LastInspection>(db, lastInspectionKey(record.mineId));
  if (current && current.lastInspectionOn >= doneOn) return undefined;
  const item: LastInspection = {
    mineId: record.mineId,
    jurisdiction: record.jurisdiction,
    lastInspectionOn: doneOn,
    inspectionId: record.inspectionId,
    updatedAt: at,
  };
  return {
    item: {
      Put: {
        TableName: db.tableName,
        Item: { ...lastInspectionKey(record.mineId), entity: 'lastInspection', ...item },
        ConditionExpression: 'attribute_not_exists(PK) OR lastInspectionOn < :doneOn',
        ExpressionAttributeValues: { ':doneOn': doneOn },
      },
    },
    onConditionFailed: new LastInspectionMoved('另一检查同时更新了本矿最近检查日期'),
  };
}

/**
 * Runs a transaction that may carry the last-inspection write. The mine's last-inspection item is shared by all of
 * its inspections, so a concurrent completion may move it (its condition fails) or be in flight on it (DynamoDB's
 * TransactionConflict): both are tried again with the date read afresh. A failed condition of the inspection's
 * own writes (stale version) is the caller's 409 and is not retried.
 */
async function transactWithLast(db: Db, record: InspectionRecord, at: string, writes: () => Write[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const last = record.status === 'done' ? await lastInspectionWrite(db, record, at) : undefined;
    const own = writes();
    try {
      await transact(db, [...own, ...(last ? [last] : [])]);
      return;
    } catch (error) {
      const ownCondition = own.some((w) => w.onConditionFailed === error);
      const retryable =
        error instanceof LastInspectionMoved || (last !== undefined && error instanceof ConflictError && !ownCondition);
      if (!retryable || attempt >= 4) throw error;
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 20));
    }
  }
}

/** The day an inspection was done: not after today (a planned one's day may be). */
const doneOn = (date: string): PastDate => ({ field: 'body.doneOn', label: '检查日期', date });

/** The day an inspection started on site: not after today. */
const startedOn = (date: string): PastDate => ({ field: 'body.startedOn', label: '检查开始日期', date });

const CREATE_AUDIT = { planned: 'inspection.planned', done: 'inspection.recorded', started: 'inspection.started' };

/** The team's leader (the schema has checked the id is one of the team's). */
const leaderOf = (inspectors: readonly Inspector[], userId: string): Inspector =>
  inspectors.find((i) => i.userId === userId) ?? inspectors[0]!;

type CreateBody = z.infer<typeof createInspectionBody>;
type ActionBody = z.infer<typeof inspectionActionBody>;

export async function createInspection(store: TenantStore, mineId: string, body: CreateBody) {
  const mine = await store.mine<MineItem>(mineId);
  const { db } = store;
  const now = db.now();
  if (body.kind === 'done') {
    refuseFutureDates(now, doneOn(body.doneOn));
    await assertViolationsOfMine(db, mineId, body.findings.violationIds, 'body.findings.violationIds');
  }
  if (body.kind === 'started') refuseFutureDates(now, startedOn(body.startedOn));
  const at = now.toISOString();
  const actor = actorOf(store.principal);
  const inspectionId = db.newId('insp');
  const base = {
    inspectionId,
    mineId,
    mineName: mine.name,
    jurisdiction: mine.jurisdiction,
    inspectors: body.inspectors,
    recordedBy: actor,
    recordedAt: at,
    version: 1,
    updatedAt: at,
  };
  const record: InspectionRecord =
    body.kind === 'started'
      ? {
          ...base,
          status: 'in_progress',
          date: body.startedOn,
          startedOn: body.startedOn,
          leader: leaderOf(body.inspectors, body.leaderUserId),
          topics: body.topics,
          purpose: body.purpose,
          findings: { hazardIds: [], violationIds: [] },
          steps: [{ action: 'start', at, by: actor }],
        }
      : body.kind === 'planned'
        ? {
            ...base,
            status: 'planned',
            date: body.plannedOn,
            plannedOn: body.plannedOn,
            purpose: body.purpose,
            findings: { hazardIds: [], violationIds: [] },
            steps: [{ action: 'plan', at, by: actor }],
          }
        : {
            ...base,
            status: 'done',
            date: body.doneOn,
            ...(body.plannedOn ? { plannedOn: body.plannedOn } : {}),
            doneOn: body.doneOn,
            ...(body.purpose ? { purpose: body.purpose } : {}),
            summary: body.summary,
            findings: body.findings,
            steps: [{ action: 'record', at, by: actor }],
          };
  await transactWithLast(db, record, at, () => [
    ...createWrites(
      db,
      INSPECTION_KIND,
      record,
      new ConflictError(`执法检查 ${inspectionId} 已存在`),
      inspectionDueKeys(record),
    ),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: CREATE_AUDIT[body.kind],
        entityType: 'inspection',
        entityId: inspectionId,
        after: { ...record },
      },
      at,
    ),
  ]);
  return inspectionView(record, db.now());
}

export async function getInspection(store: TenantStore, inspectionId: string) {
  return inspectionView(await loadDated<InspectionRecord>(store, INSPECTION_KIND, inspectionId), store.db.now());
}

/** The states each action is taken from. */
const ACTION_FROM: Record<InspectionAction, readonly InspectionStatus[]> = {
  complete: ['planned'],
  cancel: ['planned'],
  start: ['planned'],
  close: ['in_progress'],
  issue_decision: ['in_progress', 'done'],
};
const ACTION_VERBS: Record<InspectionAction, string> = {
  complete: '完成',
  cancel: '取消',
  start: '开始现场检查',
  close: '结束现场检查',
  issue_decision: '作出现场处理决定',
};
const ACTION_AUDIT: Record<InspectionAction, string> = {
  complete: 'inspection.completed',
  cancel: 'inspection.cancelled',
  start: 'inspection.started',
  close: 'inspection.closed',
  issue_decision: 'inspection.decision_issued',
};

/** Whether `action` may be taken on an inspection in `status` (the rest is refused with 422). */
export const inspectionActionAllowed = (status: InspectionStatus, action: InspectionAction): boolean =>
  ACTION_FROM[action].includes(status);

type DecisionItems = Extract<ActionBody, { action: 'issue_decision' }>['items'];

/**
 * The orders of an on-site decision: a deadline (not before today) for 责令限期整改, details for 其他 (400), and only
 * findings of this inspection referred to (422 naming each other one).
 */
export function checkDecisionItems(items: DecisionItems, findings: Findings, today: string): OnsiteDecisionItem[] {
  const problems: FieldProblem[] = [];
  const foreign: FieldProblem[] = [];
  items.forEach((item, i) => {
    if (item.measure === 'rectify_by_deadline' && !item.deadline)
      problems.push({ field: `body.items.${i}.deadline`, message: '责令限期整改须填写整改期限' });
    if (item.deadline && item.deadline < today)
      problems.push({ field: `body.items.${i}.deadline`, message: `整改期限不能早于今天 ${today}` });
    if (item.measure === 'other' && !item.description)
      problems.push({ field: `body.items.${i}.description`, message: '处理措施为“其他”时须写明内容' });
    item.hazardIds.forEach((id, j) => {
      if (!findings.hazardIds.includes(id))
        foreign.push({ field: `body.items.${i}.hazardIds.${j}`, message: `隐患 ${id} 不是本次检查发现的隐患` });
    });
    item.violationIds.forEach((id, j) => {
      if (!findings.violationIds.includes(id))
        foreign.push({
          field: `body.items.${i}.violationIds.${j}`,
          message: `违法违规记录 ${id} 不是本次检查发现的违法违规行为`,
        });
    });
  });
  if (problems.length) throw new ValidationError('现场处理决定的内容有误', problems);
  if (foreign.length) throw new RuleError('现场处理决定只能针对本次检查的发现', foreign);
  return items.map((item) => ({
    measure: item.measure,
    measureLabel: ONSITE_MEASURE_LABELS[item.measure],
    ...(item.deadline ? { deadline: item.deadline } : {}),
    ...(item.description ? { description: item.description } : {}),
    hazardIds: item.hazardIds,
    violationIds: item.violationIds,
  }));
}

/**
 * complete (with the day, inspectors, summary and findings) or cancel (with a reason) a planned inspection; start a
 * planned one on site; close one in progress (its 现场检查记录 is numbered); issue an on-site decision on one in
 * progress or done (its 现场处理决定书 is numbered). A number is taken in the transaction that writes the inspection.
 */
export async function actOnInspection(store: TenantStore, inspectionId: string, body: ActionBody) {
  const before = await loadDated<InspectionRecord>(store, INSPECTION_KIND, inspectionId);
  const { db } = store;
  if (body.version !== before.version) throw stale(inspectionId, before.version);
  if (!inspectionActionAllowed(before.status, body.action)) {
    throw new RuleError(
      `执法检查当前状态为“${INSPECTION_STATUS_LABELS[before.status]}”，不能${ACTION_VERBS[body.action]}`,
      [{ field: 'body.action', message: `当前状态（${INSPECTION_STATUS_LABELS[before.status]}）不能这样办理` }],
    );
  }
  const now = db.now();
  const at = now.toISOString();
  const today = todayInShanghai(now);
  const actor: Actor = actorOf(store.principal);
  const step = (note?: string): InspectionRecord['steps'][number] => ({
    action: body.action,
    at,
    by: actor,
    ...(note ? { note } : {}),
  });
  const moved = { steps: [...before.steps, step(body.action === 'cancel' ? body.reason : undefined)] };
  const next = { version: before.version + 1, updatedAt: at };
  /** The documents this action numbers, and the record it writes with the number. */
  let numbered: { kind: DocumentKind; build: (no: DocumentNo) => InspectionRecord } | undefined;
  let after: InspectionRecord | undefined;
  switch (body.action) {
    case 'complete': {
      refuseFutureDates(now, doneOn(body.doneOn));
      if (before.plannedOn && body.doneOn < before.plannedOn) {
        throw new ValidationError('检查日期不能早于计划日期', [
          { field: 'body.doneOn', message: `须为计划日期 ${before.plannedOn} 或之后` },
        ]);
      }
      await assertViolationsOfMine(db, before.mineId, body.findings.violationIds, 'body.findings.violationIds');
      after = {
        ...before,
        ...moved,
        ...next,
        status: 'done',
        date: body.doneOn,
        doneOn: body.doneOn,
        inspectors: body.inspectors,
        summary: body.summary,
        findings: body.findings,
      };
      break;
    }
    case 'cancel':
      after = { ...before, ...moved, ...next, status: 'cancelled', cancelReason: body.reason };
      break;
    case 'start':
      refuseFutureDates(now, startedOn(body.startedOn));
      after = {
        ...before,
        ...moved,
        ...next,
        status: 'in_progress',
        date: body.startedOn,
        startedOn: body.startedOn,
        inspectors: body.inspectors,
        leader: leaderOf(body.inspectors, body.leaderUserId),
        topics: body.topics,
        ...(body.purpose ? { purpose: body.purpose } : {}),
      };
      break;
    case 'close': {
      const day = body.doneOn ?? today;
      refuseFutureDates(now, doneOn(day));
      if (before.startedOn && day < before.startedOn) {
        throw new ValidationError('检查结束日期不能早于开始日期', [
          { field: 'body.doneOn', message: `须不早于 ${before.startedOn}` },
        ]);
      }
      numbered = {
        kind: 'inspection_record',
        build: (no) => ({
          ...before,
          ...moved,
          ...next,
          status: 'done',
          date: day,
          doneOn: day,
          summary: body.summary,
          recordNo: no.text,
        }),
      };
      break;
    }
    case 'issue_decision': {
      const items = checkDecisionItems(body.items, before.findings, today);
      const earlier = before.decisions ?? [];
      numbered = {
        kind: 'onsite_decision',
        build: (no) => ({
          ...before,
          ...moved,
          ...next,
          decisions: [
            ...earlier,
            { n: earlier.length + 1, documentNo: no.text, issuedOn: today, issuedBy: actor, items },
          ],
        }),
      };
      break;
    }
  }
  const writesOf = (a: InspectionRecord, extra: readonly Write[]) => () => {
    const { steps: _b, ...beforeFields } = before;
    const { steps: _a, ...afterFields } = a;
    const diff = changedFields({ ...beforeFields }, { ...afterFields });
    return [
      ...replaceWrites(db, INSPECTION_KIND, before, a, body.version, stale(inspectionId), inspectionDueKeys(a)),
      ...extra,
      auditWrite(
        db,
        actor,
        {
          mineId: before.mineId,
          jurisdiction: before.jurisdiction,
          action: ACTION_AUDIT[body.action],
          entityType: 'inspection',
          entityId: inspectionId,
          ...diff,
          reason: body.action === 'cancel' ? body.reason : undefined,
        },
        at,
      ),
    ];
  };
  if (numbered) {
    const { kind, build } = numbered;
    const scope = { kind, jurisdiction: issuingBureau(store.principal, before.jurisdiction), year: documentYear(now) };
    after = await issueNumbered(db, scope, async (no, counter) => {
      const a = build(no);
      await transactWithLast(db, a, at, writesOf(a, [counter]));
      return a;
    });
  } else {
    await transactWithLast(db, after!, at, writesOf(after!, []));
  }
  return inspectionView(after!, db.now());
}

type InspectionQuery = DatedListQuery & { status?: InspectionStatus | undefined };

export async function listMineInspections(store: TenantStore, mineId: string, query: InspectionQuery) {
  const page = await mineRecordsPage<InspectionRecord>(store, INSPECTION_KIND, mineId, query, { status: query.status });
  const now = store.db.now();
  return { items: page.items.map((r) => inspectionView(r, now)), nextCursor: page.nextCursor };
}

export async function listInspections(store: TenantStore, query: InspectionQuery) {
  const page = await reachableRecordsPage<InspectionRecord>(store, INSPECTION_KIND, query, { status: query.status });
  const now = store.db.now();
  return { items: page.items.map((r) => inspectionView(r, now)), nextCursor: page.nextCursor };
}

/** A mine's latest inspections by date (planned ones included), for the mine's file page. */
export async function recentInspections(db: Db, mineId: string, limit: number) {
  const now = db.now();
  return (await latestOfMine<InspectionRecord>(db, INSPECTION_KIND, mineId, limit)).map((r) => inspectionView(r, now));
}

/** The date of the mine's last done inspection, or undefined if it has none: one GetItem (for the credit plan). */
export async function lastInspectionOn(db: Db, mineId: string): Promise<string | undefined> {
  return (await getItem<LastInspection>(db, lastInspectionKey(mineId)))?.lastInspectionOn;
}

/** A mine's inspections filed under `from`..`to` (inclusive), oldest first (done ones by the day they were done). */
export async function inspectionsOf(db: Db, mineId: string, from: string, to: string) {
  const now = db.now();
  return (await mineRecordsBetween<InspectionRecord>(db, INSPECTION_KIND, mineId, from, to)).map((r) =>
    inspectionView(r, now),
  );
}
