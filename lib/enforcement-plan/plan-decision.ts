import type * as z from 'zod/mini';
import { RuleError } from '#lib/errors.ts';
import { type Actor, actorOf, auditWrite } from '#lib/store/audit.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { transact, type Write } from '#lib/store/transact.ts';
import { type PlanItem, type PlanRecord, planMonthItem } from './plan-item.ts';
import { loadPlan, planUpdate, planView, stale } from './plans.ts';
import type { approvePlanBody, discardRevisionBody } from './schemas.ts';

/**
 * The decision on a plan's draft or pending revision, by a bureau admin: approve it (a second signature: whoever
 * generated or edited it may not, an admin included) or discard a revision (the approved items stay in force).
 */

/** The four-eyes refusal: whoever generated or edited the draft may not approve it (422, an admin included). */
export function approvalRefusal(editors: readonly Actor[], approver: Actor): RuleError | undefined {
  const own = editors.find((e) => e.sub === approver.sub);
  if (!own) return undefined;
  return new RuleError('编制或修改执法计划的人不能审批该计划（四眼原则），须由另一位局领导审批', [
    { field: 'principal', message: 'the drafter of the plan may not approve it' },
  ]);
}

export async function approvePlan(store: TenantStore, planId: string, body: z.infer<typeof approvePlanBody>) {
  const plan = await loadPlan(store, planId);
  if (body.version !== plan.version) throw stale(planId);
  if (store.principal.role !== 'bureau_admin')
    throw new RuleError('执法计划由局领导审批', [{ field: 'principal', message: 'bureau_admin only' }]);
  if (!plan.draft) {
    throw new RuleError('执法计划没有待审批的草案或修订', [{ field: 'body.version', message: 'nothing to approve' }]);
  }
  const actor = actorOf(store.principal);
  const refusal = approvalRefusal(plan.draft.editors, actor);
  if (refusal) throw refusal;
  const at = store.now().toISOString();
  const revision = plan.revision + 1;
  const items = plan.draft.items;
  const after: PlanRecord = {
    ...plan,
    status: 'approved',
    items,
    draft: undefined,
    revision,
    approvedBy: actor,
    approvedAt: at,
    steps: [...plan.steps, { action: 'approve', at, by: actor, revision }],
    version: plan.version + 1,
    updatedAt: at,
  };
  const { draft: _d, ...stored } = after;
  const db = store.shared;
  const months: Write[] = Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    const pending: Record<string, PlanItem> = {};
    for (const item of items) if (item.month === month && !plan.done[item.itemId]) pending[item.itemId] = item;
    return {
      item: {
        Put: {
          TableName: db.tableName,
          Item: planMonthItem({ planId, jurisdiction: plan.jurisdiction, year: plan.year, month, pending }),
        },
      },
    };
  });
  await transact(db, [
    planUpdate(
      db,
      plan,
      {
        status: 'approved',
        items,
        revision,
        approvedBy: actor,
        approvedAt: at,
        steps: after.steps,
        version: after.version,
        updatedAt: at,
      },
      ['draft'],
    ),
    ...months,
    auditWrite(
      db,
      actor,
      {
        jurisdiction: plan.jurisdiction,
        action: 'enforcement_plan.approved',
        entityType: 'enforcementPlan',
        entityId: planId,
        after: { revision, items: items.length, editors: plan.draft.editors.map((e) => e.sub) },
      },
      at,
    ),
  ]);
  return planView(stored as PlanRecord, store.now());
}

/**
 * Discards the pending revision of an approved plan: the approved items stay in force, unchanged, and the plan is
 * approved again at the same revision. A bureau admin does it, the one who drafted the revision or another; the
 * first draft of a plan is not a revision (422), nor is an approved plan with nothing pending. Stale version → 409.
 */
export async function discardRevision(store: TenantStore, planId: string, body: z.infer<typeof discardRevisionBody>) {
  const plan = await loadPlan(store, planId);
  if (body.version !== plan.version) throw stale(planId);
  if (store.principal.role !== 'bureau_admin')
    throw new RuleError('撤销执法计划的修订须由局领导操作', [{ field: 'principal', message: 'bureau_admin only' }]);
  if (plan.status !== 'revising' || !plan.draft) {
    throw new RuleError('执法计划没有待审批的修订可撤销', [{ field: 'body.version', message: 'no pending revision' }]);
  }
  const draft = plan.draft;
  const actor = actorOf(store.principal);
  const at = store.now().toISOString();
  const note = body.reason ?? (draft.reason ? `撤销修订：${draft.reason}` : '撤销修订');
  const after: PlanRecord = {
    ...plan,
    status: 'approved',
    draft: undefined,
    steps: [...plan.steps, { action: 'discard', at, by: actor, revision: plan.revision, note }],
    version: plan.version + 1,
    updatedAt: at,
  };
  const { draft: _d, ...stored } = after;
  const db = store.shared;
  await transact(db, [
    planUpdate(db, plan, { status: 'approved', steps: after.steps, version: after.version, updatedAt: at }, ['draft']),
    auditWrite(
      db,
      actor,
      {
        jurisdiction: plan.jurisdiction,
        action: 'enforcement_plan.revision_discarded',
        entityType: 'enforcementPlan',
        entityId: planId,
        before: {
          ...(draft.reason ? { reason: draft.reason } : {}),
          items: draft.items.length,
          editors: draft.editors.map((e) => e.sub),
        },
        after: { revision: plan.revision },
        reason: body.reason,
      },
      at,
    ),
  ]);
  return planView(stored as PlanRecord, store.now());
}
