import { ConflictError, NotFoundError, ValidationError } from '#lib/errors.ts';
import { rulesOfAct } from '#lib/findings/vocabulary.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { actorOf, auditWrite } from '#lib/store/audit.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import type { MineScope, TenantStore } from '#lib/store/tenant-store.ts';
import { putVersioned, remove, transact, type Write } from '#lib/store/transact.ts';
import { assertOfficialInScope } from '#lib/users/official-check.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { categoryName } from '#lib/violations/categories.ts';
import { violationWrite } from '#lib/violations/violations.ts';
import { enforce } from '#lib/workflow/engine.ts';
import {
  type CaseItem,
  type CaseOutcome,
  caseKeys,
  caseViolation,
  RULE_MAJOR_HAZARD,
  statusOnDay,
} from './case-item.ts';
import { caseSpanOf, caseSpanWrite } from './case-spans.ts';
import type { FindingRecord } from './record-findings.ts';
import { CASE_STATUS_LABELS, CASE_WORKFLOW, type CaseAction, PENDING_STATUSES } from './vocabulary.ts';

/**
 * What people do with a case (./vocabulary.ts declares the flow, CASE_WORKFLOW, which lib/workflow/engine.ts
 * decides). Each action checks the role (403), the state (422 otherwise) and the version (409), and is audited with
 * the case.
 */
export interface CaseActionInput {
  readonly action: CaseAction;
  readonly version: number;
  readonly note?: string | undefined;
  readonly evidence?: readonly string[] | undefined;
  readonly assignee?: { readonly userId: string; readonly name: string } | undefined;
}

/** Finds a case by id and checks the caller may see its mine (404 otherwise, as for any other tenant's record). */
export async function loadCase(
  store: TenantStore,
  caseId: string,
): Promise<{ c: CaseItem; scope: MineScope<MineItem> }> {
  const notFound = new NotFoundError(`案件 ${caseId} 不存在`);
  const scope = await store.mineOf<{ mineId: string }, MineItem>(
    { PK: pk.caseId(caseId), SK: sk.casePointer },
    notFound,
  );
  const item = await getItem<CaseItem>(scope.db, { PK: pk.mine(scope.mineId), SK: sk.case(caseId) });
  if (!item) throw notFound;
  // Filed under the mine's jurisdiction of today: a change saved after a move lands on the new district's list.
  return { c: { ...(stripKeys(item) as CaseItem), jurisdiction: scope.profile.jurisdiction }, scope };
}

export function caseView(c: CaseItem, now: Date) {
  const today = todayInShanghai(now);
  return {
    ...c,
    statusLabel: CASE_STATUS_LABELS[c.status],
    overdue: PENDING_STATUSES.includes(c.status) && c.deadline < today,
  };
}

/**
 * The case with its evidence: every finding that went to it, newest first (the case's own rule's, and those of the
 * same act that joined it, lib/findings/vocabulary.ts SAME_ACT).
 */
export async function caseDetail(store: TenantStore, caseId: string) {
  const { c, scope } = await loadCase(store, caseId);
  const findings = (
    await Promise.all(
      rulesOfAct(c.rule).map((rule) =>
        queryAll<FindingRecord>(scope.db, { partition: pk.mine(c.mineId), beginsWith: sk.findingsOf(rule) }),
      ),
    )
  ).flat();
  const evidence = findings
    .filter((f) => f.caseId === caseId)
    .sort((a, b) => b.date.localeCompare(a.date) || (a.rule === c.rule ? -1 : b.rule === c.rule ? 1 : 0))
    .map((f) => ({ date: f.date, finding: f.finding }));
  return { ...caseView(c, store.now()), evidence };
}

export async function actOnCase(store: TenantStore, caseId: string, input: CaseActionInput) {
  const { c, scope } = await loadCase(store, caseId);
  const { profile: mine, db } = scope;
  const status = enforce(CASE_WORKFLOW, {
    state: c.status,
    action: input.action,
    actor: store.principal,
    history: c.steps,
  });
  if (input.version !== c.version)
    throw new ConflictError(`案件 ${caseId} 已被他人处理，请刷新后重试`, [
      { field: 'body.version', message: `当前版本为 ${c.version}，请刷新后重试` },
    ]);
  if (input.action === 'dismiss' && !input.note)
    throw new ValidationError('排除须说明理由', [{ field: 'body.note', message: '排除须说明理由' }]);
  if (input.action === 'confirm' && !input.note)
    throw new ValidationError('认定须写明核实结论', [{ field: 'body.note', message: '认定须写明核实结论' }]);
  if (input.action === 'assign' && !input.assignee)
    throw new ValidationError('请指定承办人', [{ field: 'body.assignee', message: '请指定承办人' }]);
  // The handler is reminded of the case's deadline: someone of the directory who supervises the mine (422 otherwise),
  // recorded by the directory's name.
  const assignee =
    input.assignee &&
    (await assertOfficialInScope(db, input.assignee.userId, mine, {
      field: 'body.assignee.userId',
      label: '承办人',
    }).then((u) => ({ userId: u.userId, name: u.name })));

  const actor = actorOf(store.principal);
  const at = db.now().toISOString();
  const writes: Write[] = [];
  let violationId: string | undefined;
  let outcome: CaseOutcome | undefined;
  if (input.action === 'confirm') {
    // The violation follows from the rule and the mine's status on the finding's day (a production rule on a mine
    // closed that day is 死灰复燃); a meter or reporting fault records none, its days being priced already.
    const status = statusOnDay(mine.statusTimeline, c.openedOn, mine.status);
    const category = caseViolation(c.rule, status);
    const majorHazard = category ? RULE_MAJOR_HAZARD[c.rule] : undefined;
    outcome = {
      statusOnDay: status,
      category,
      ...(majorHazard ? { majorHazard } : {}),
      label: category
        ? `认定违法违规行为：${categoryName(category)}${majorHazard ? `；属重大事故隐患（${c.ruleLabel}），信用按一次行为计分` : ''}`
        : '认定属实：电量报送或计量问题，按未报送电量的日数计分，不另记违法违规行为',
    };
  }
  if (outcome?.category) {
    const category = outcome.category;
    violationId = db.newId('vio');
    const v = violationWrite(db, {
      violationId,
      mineId: c.mineId,
      mineName: c.mineName,
      jurisdiction: c.jurisdiction,
      category,
      date: c.openedOn,
      description: `${c.ruleLabel}：${c.firstFinding.message} 核实结论：${input.note}`,
      source: { kind: 'case', id: caseId },
      recordedBy: actor,
      recordedAt: at,
    });
    writes.push(...v.writes);
  }
  // Confirmed or dismissed, the case no longer holds its rule open: a later finding opens a new one.
  if (input.action === 'confirm' || input.action === 'dismiss')
    writes.push(remove(db, { PK: pk.mine(c.mineId), SK: sk.openCase(c.rule) }));

  const after: CaseItem = {
    ...c,
    status,
    ...(assignee ? { assignee } : {}),
    ...(violationId ? { violationId } : {}),
    ...(outcome ? { outcome } : {}),
    steps: [
      ...c.steps,
      {
        action: input.action,
        at,
        by: actor,
        ...(input.note ? { note: input.note } : {}),
        ...(input.evidence?.length ? { evidence: input.evidence } : {}),
      },
    ],
    version: c.version + 1,
    updatedAt: at,
  };
  // A decision moves the case's span on the mine's review flags: a confirmed case's days stay out of the baselines
  // for good, a dismissed case's days count again from the day after.
  if (input.action === 'confirm' || input.action === 'dismiss')
    writes.push(caseSpanWrite(db.tableName, c.mineId, caseId, caseSpanOf(after)));
  await transact(db, [
    putVersioned(
      db,
      { ...caseKeys(after), ...after },
      c.version,
      new ConflictError(`案件 ${caseId} 已被他人处理，请刷新后重试`),
    ),
    ...writes,
    auditWrite(
      db,
      actor,
      {
        mineId: c.mineId,
        jurisdiction: c.jurisdiction,
        action: `case.${input.action}`,
        entityType: 'case',
        entityId: caseId,
        before: { status: c.status, ...(c.assignee ? { assignee: c.assignee } : {}) },
        after: {
          status,
          ...(assignee ? { assignee } : {}),
          ...(violationId ? { violationId } : {}),
          ...(outcome ? { outcome: outcome.category ?? 'none' } : {}),
        },
        reason: input.note,
      },
      at,
    ),
  ]);
  return caseView(after, db.now());
}
