import type * as z from 'zod/mini';
import { type DocumentNo, documentYear, issueNumbered, issuingBureau } from '#lib/documents/numbers.ts';
import type { DocumentKind } from '#lib/documents/vocabulary.ts';
import { type FieldProblem, RuleError, ValidationError } from '#lib/errors.ts';
import { type Actor, actorOf, auditWrite, changedFields } from '#lib/store/audit.ts';
import { INSPECTION_KIND, loadDatedIn, replaceWrites } from '#lib/store/dated-records.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import type { Write } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { refuseFutureDates } from '#lib/validators/past-dates.ts';
import {
  type Findings,
  INSPECTION_STATUS_LABELS,
  type InspectionAction,
  type InspectionRecord,
  type InspectionStatus,
  inspectionDueKeys,
  type OnsiteDecisionItem,
} from './inspection-item.ts';
import {
  assertViolationsOfMine,
  doneOn,
  leaderOf,
  planDoneWrites,
  planRefOf,
  stale,
  startedOn,
  transactWithLast,
} from './inspection-writes.ts';
import { inspectionView } from './inspections.ts';
import type { inspectionActionBody } from './schemas.ts';
import { ONSITE_MEASURE_LABELS } from './vocabulary.ts';

/**
 * Acting on an inspection: start a planned one on site, close it (its 现场检查记录 takes its number), issue an on-site
 * decision (现场处理决定书, numbered), complete or cancel a planned one. Each is version-checked and audited.
 */
type ActionBody = z.infer<typeof inspectionActionBody>;

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
  const {
    record: before,
    scope: { db },
  } = await loadDatedIn<InspectionRecord>(store, INSPECTION_KIND, inspectionId);
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
  const named = 'planItem' in body ? body.planItem : undefined;
  const planItem = await planRefOf(db, before.mineId, named, before.planItem, 'body.planItem');
  const moved = {
    steps: [...before.steps, step(body.action === 'cancel' ? body.reason : undefined)],
    ...(planItem ? { planItem } : {}),
  };
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
      ...planDoneWrites(db, a, 'body.planItem'),
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
