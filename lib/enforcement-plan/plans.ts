import type * as z from 'zod/mini';
import { jurisdictionCovers } from '#lib/auth/principal.ts';
import { ConflictError, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { actorOf, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1 } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putNew, transact, type Write } from '#lib/store/transact.ts';
import { assertOfficialInScope } from '#lib/users/official-check.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { generatePlanItems, type PlannedMine } from './generate.ts';
import {
  MAX_PLAN_ITEMS,
  type PlanMember,
  type PlanRecord,
  type PlanStep,
  planKey,
  planOfYearKey,
} from './plan-item.ts';
import { itemState, planProgress } from './progress.ts';
import type { createPlanBody, editPlanBody } from './schemas.ts';
import { PLAN_ITEM_STATE_LABELS, PLAN_STATUS_LABELS, PLAN_TIERS, type PlanTier } from './vocabulary.ts';

/**
 * The year's enforcement plan (执法计划) of a bureau: generated from its mines' credit tiers as a draft, edited
 * (months, teams), approved by a bureau admin who did not draft or edit it (a second signature, refused in here,
 * not only in the dashboard: plan-decision.ts); after approval every change is a revision kept as a draft beside the
 * items in force until another approval, or until a bureau admin discards it (the approved items stay in force). Each
 * write is audited in its transaction; progress is computed when read.
 */

/** Planned inspections a year per credit tier, from the credit policy in force in a jurisdiction. */
export type PerYearOf = (jurisdiction: string) => Promise<Readonly<Record<PlanTier, number>>>;

export const stale = (planId: string) => new ConflictError(`执法计划 ${planId} 已被他人修改，请刷新后重试`);
const notFound = (planId: string) => new NotFoundError(`Enforcement plan ${planId} not found`);
const memberOf = (p: TenantStore['principal']): PlanMember => ({ userId: p.sub, name: p.name ?? p.sub });

export function planView(plan: PlanRecord, now: Date) {
  const today = todayInShanghai(now);
  return {
    planId: plan.planId,
    jurisdiction: plan.jurisdiction,
    year: plan.year,
    status: plan.status,
    statusLabel: PLAN_STATUS_LABELS[plan.status],
    revision: plan.revision,
    items: plan.items.map((item) => {
      const state = itemState(item, plan.year, plan.done, today);
      const done = plan.done[item.itemId];
      return {
        ...item,
        state,
        stateLabel: PLAN_ITEM_STATE_LABELS[state],
        ...(done ? { inspectionId: done.inspectionId, doneOn: done.doneOn } : {}),
      };
    }),
    ...(plan.draft ? { draft: plan.draft } : {}),
    progress: planProgress(plan.items, plan.year, plan.done, today),
    ...(plan.approvedBy ? { approvedBy: plan.approvedBy, approvedAt: plan.approvedAt } : {}),
    steps: plan.steps,
    createdBy: plan.createdBy,
    createdAt: plan.createdAt,
    version: plan.version,
    updatedAt: plan.updatedAt,
  };
}

/** The plan, for a bureau user whose jurisdiction covers the plan's; 404 for anyone else. */
export async function loadPlan(store: TenantStore, planId: string): Promise<PlanRecord> {
  const plan = await getItem<PlanRecord>(store.shared, planKey(planId));
  const p = store.principal;
  if (!plan || p.kind !== 'bureau' || !jurisdictionCovers(p.jurisdiction, plan.jurisdiction)) throw notFound(planId);
  return plan;
}

export async function getPlan(store: TenantStore, planId: string) {
  return planView(await loadPlan(store, planId), store.now());
}

/** The caller's jurisdiction's plan of a year: a list of none or one. */
export async function plansOfYear(store: TenantStore, year: number) {
  const claim = await getItem<{ planId: string }>(store.shared, planOfYearKey(store.bureauScope(), year));
  if (!claim) return { items: [] };
  return { items: [await getPlan(store, claim.planId)] };
}

/** The jurisdiction's classified mines (credit current), with their assigned officials. */
async function classifiedMines(
  store: TenantStore,
  jurisdiction: string,
): Promise<(PlannedMine & { jurisdiction: string })[]> {
  const credits = await queryAll<{ mineId: string; mineName: string; tier: string; jurisdiction: string }>(
    store.shared,
    {
      index: 'GSI1',
      partition: gsi1.creditOfProvince(jurisdiction),
      beginsWith: gsi1.jurisdictionPrefix(jurisdiction),
      // What the plan reads of a classification, not its breakdown.
      attributes: ['mineId', 'mineName', 'tier', 'jurisdiction'],
    },
  );
  const { profiles } = await store.mines<MineItem>(
    credits.map((c) => c.mineId),
    ['assignedOfficial'],
  );
  const official = new Map(profiles.map((m) => [m.mineId, m.assignedOfficial]));
  return credits
    .filter((c) => official.has(c.mineId) && (PLAN_TIERS as readonly string[]).includes(c.tier))
    .map((c) => {
      const o = official.get(c.mineId);
      return {
        mineId: c.mineId,
        mineName: c.mineName,
        tier: c.tier as PlanTier,
        jurisdiction: c.jurisdiction,
        ...(o ? { assignedOfficial: { userId: o.userId, name: o.name } } : {}),
      };
    });
}

export async function createPlan(store: TenantStore, body: z.infer<typeof createPlanBody>, perYearOf: PerYearOf) {
  const jurisdiction = store.bureauScope();
  const now = store.now();
  const thisYear = Number(todayInShanghai(now).slice(0, 4));
  if (body.year !== thisYear && body.year !== thisYear + 1) {
    throw new ValidationError('只能编制本年度或下一年度的执法计划', [
      { field: 'body.year', message: `须为 ${thisYear} 或 ${thisYear + 1}` },
    ]);
  }
  const mines = await classifiedMines(store, jurisdiction);
  if (mines.length === 0) {
    throw new RuleError('辖区内没有已完成信用分级的煤矿，无法编制执法计划', [
      { field: 'body.year', message: 'no classified mine in the jurisdiction' },
    ]);
  }
  const perYear = new Map<string, Readonly<Record<PlanTier, number>>>();
  for (const m of mines) if (!perYear.has(m.jurisdiction)) perYear.set(m.jurisdiction, await perYearOf(m.jurisdiction));
  const byMine = new Map(mines.map((m) => [m.mineId, m.jurisdiction]));
  const items = generatePlanItems(mines, (m) => perYear.get(byMine.get(m.mineId)!)![m.tier], memberOf(store.principal));
  if (items.length > MAX_PLAN_ITEMS) {
    throw new RuleError(`计划检查超过 ${MAX_PLAN_ITEMS} 项，请按下级辖区分别编制`, [
      { field: 'body.year', message: `more than ${MAX_PLAN_ITEMS} planned inspections` },
    ]);
  }
  const at = now.toISOString();
  const actor = actorOf(store.principal);
  const db = store.shared;
  const planId = db.newId('plan');
  const plan: PlanRecord = {
    planId,
    jurisdiction,
    year: body.year,
    status: 'draft',
    items: [],
    draft: { items, editors: [actor] },
    revision: 0,
    done: {},
    steps: [{ action: 'generate', at, by: actor, note: `按信用等级生成 ${items.length} 项计划检查` }],
    createdBy: actor,
    createdAt: at,
    version: 1,
    updatedAt: at,
  };
  await transact(db, [
    putNew(
      db,
      { ...planOfYearKey(jurisdiction, body.year), entity: 'enforcementPlanOfYear', planId },
      new ConflictError(`本辖区 ${body.year} 年度执法计划已存在`),
    ),
    putNew(
      db,
      { ...planKey(planId), entity: 'enforcementPlan', ...plan },
      new ConflictError(`执法计划 ${planId} 已存在`),
    ),
    auditWrite(
      db,
      actor,
      {
        jurisdiction,
        action: 'enforcement_plan.generated',
        entityType: 'enforcementPlan',
        entityId: planId,
        after: { year: body.year, items: items.length, mines: mines.length },
      },
      at,
    ),
  ]);
  return planView(plan, store.now());
}

/** An update of the plan's own attributes if its version is still the one read (never touching `done`). */
export function planUpdate(
  db: Db,
  plan: PlanRecord,
  set: Record<string, unknown>,
  remove: readonly string[] = [],
): Write {
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expected': plan.version };
  const parts = Object.entries(set).map(([k, v], i) => {
    names[`#a${i}`] = k;
    values[`:v${i}`] = v;
    return `#a${i} = :v${i}`;
  });
  const removed = remove.map((k, i) => {
    names[`#r${i}`] = k;
    return `#r${i}`;
  });
  return {
    item: {
      Update: {
        TableName: db.tableName,
        Key: planKey(plan.planId),
        UpdateExpression: `SET ${parts.join(', ')}${removed.length ? ` REMOVE ${removed.join(', ')}` : ''}`,
        ConditionExpression: 'attribute_exists(PK) AND #version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    onConditionFailed: stale(plan.planId),
  };
}

export async function editPlan(store: TenantStore, planId: string, body: z.infer<typeof editPlanBody>) {
  const plan = await loadPlan(store, planId);
  if (body.version !== plan.version) throw stale(planId);
  const revising = plan.status !== 'draft';
  if (revising && !plan.draft && !body.reason) {
    throw new ValidationError('修订已审批的执法计划须说明理由', [{ field: 'body.reason', message: '请填写修订理由' }]);
  }
  const items = new Map((plan.draft?.items ?? plan.items).map((i) => [i.itemId, i]));
  const users = new Map<string, PlanMember>();
  const scope = { mineId: '-', jurisdiction: plan.jurisdiction };
  const named = async (userId: string, field: string, label: string): Promise<PlanMember> => {
    const known = users.get(userId);
    if (known) return known;
    const u = await assertOfficialInScope(store.shared, userId, scope, { field, label });
    const m = { userId: u.userId, name: u.name };
    users.set(userId, m);
    return m;
  };
  for (const [i, change] of body.changes.entries()) {
    const field = `body.changes.${i}`;
    const item = items.get(change.itemId);
    if (!item)
      throw new RuleError('计划中没有该项检查', [
        { field: `${field}.itemId`, message: `${change.itemId} 不在本计划中` },
      ]);
    if (plan.done[change.itemId]) {
      throw new RuleError('已完成的计划检查不能修改', [
        { field: `${field}.itemId`, message: `${change.itemId} 已完成` },
      ]);
    }
    const leader = change.leaderUserId
      ? await named(change.leaderUserId, `${field}.leaderUserId`, '带队负责人')
      : item.leader;
    const members = change.memberUserIds
      ? await Promise.all(change.memberUserIds.map((u, j) => named(u, `${field}.memberUserIds.${j}`, '检查组成员')))
      : item.members;
    if (members.some((m) => m.userId === leader.userId)) {
      throw new ValidationError('带队负责人不必再列为成员', [
        { field: `${field}.memberUserIds`, message: '成员中不能包含带队负责人' },
      ]);
    }
    items.set(item.itemId, { ...item, month: change.month ?? item.month, leader, members });
  }
  const at = store.now().toISOString();
  const actor = actorOf(store.principal);
  const editors = plan.draft?.editors ?? [];
  const draft = {
    items: [...items.values()],
    editors: editors.some((e) => e.sub === actor.sub) ? editors : [...editors, actor],
    ...((body.reason ?? plan.draft?.reason) ? { reason: body.reason ?? plan.draft?.reason } : {}),
  };
  const step: PlanStep = {
    action: 'edit',
    at,
    by: actor,
    note: body.reason ?? `修改 ${body.changes.length} 项计划检查`,
  };
  const after: PlanRecord = {
    ...plan,
    status: revising ? 'revising' : 'draft',
    draft,
    steps: [...plan.steps, step],
    version: plan.version + 1,
    updatedAt: at,
  };
  const db = store.shared;
  await transact(db, [
    planUpdate(db, plan, {
      status: after.status,
      draft,
      steps: after.steps,
      version: after.version,
      updatedAt: at,
    }),
    auditWrite(
      db,
      actor,
      {
        jurisdiction: plan.jurisdiction,
        action: revising ? 'enforcement_plan.revised' : 'enforcement_plan.edited',
        entityType: 'enforcementPlan',
        entityId: planId,
        after: { changes: body.changes },
        reason: body.reason,
      },
      at,
    ),
  ]);
  return planView(after, store.now());
}
