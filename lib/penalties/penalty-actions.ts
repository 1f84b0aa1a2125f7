/**
 * The steps of a penalty after its proposal (submit for review, approve, reject, execute, cancel): each checked
 * against the state (422), the four-eyes rule (422) and the version (409), and audited in the same transaction.
 */
import { ConflictError, type FieldProblem, ValidationError } from '#lib/errors.ts';
import { actorOf, auditWrite } from '#lib/store/audit.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putVersioned, transact, type Write } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { futureDateProblems } from '#lib/validators/past-dates.ts';
import { commitDecided, inForce } from './penalty-commit.ts';
import { type PenaltyItem, type PenaltyStatus, penaltyKeys } from './penalty-item.ts';
import { penaltyPolicy } from './penalty-policy.ts';
import { loadPenalty, penaltyView, stale } from './penalty-read.ts';
import { decidePenaltyAction } from './penalty-rules.ts';
import type { PenaltyActionBody } from './schemas.ts';
import { PENALTY_WORKFLOW } from './vocabulary.ts';

const PENALTY_ACTION_LABEL = (action: keyof typeof PENALTY_WORKFLOW.actions): string =>
  PENALTY_WORKFLOW.actions[action].label;

/** What each action needs from the body beyond action and version (400 when missing or out of place). */
function checkActionInput(p: PenaltyItem, input: PenaltyActionBody, today: string): void {
  const problems: FieldProblem[] = [];
  const only = (field: keyof PenaltyActionBody, allowed: readonly string[]) => {
    if (input[field] !== undefined && !allowed.includes(input.action))
      problems.push({ field: `body.${field}`, message: `“${PENALTY_ACTION_LABEL(input.action)}”不需要填写此项` });
  };
  only('decisionNo', ['submit_for_review', 'approve']);
  only('executedOn', ['execute']);
  only('evidence', ['execute']);
  if ((input.action === 'reject' || input.action === 'cancel') && !input.note)
    problems.push({ field: 'body.note', message: `${PENALTY_ACTION_LABEL(input.action)}须写明理由` });
  if (input.action === 'execute') {
    const [future] = futureDateProblems(today, { field: 'body.executedOn', label: '执行日期', date: input.executedOn });
    if (!input.executedOn) problems.push({ field: 'body.executedOn', message: '执行须填写执行日期' });
    else if (future) problems.push(future);
    else if (p.effectiveOn && input.executedOn < p.effectiveOn)
      problems.push({ field: 'body.executedOn', message: `不能早于生效日期 ${p.effectiveOn}` });
    if (!input.evidence?.length) problems.push({ field: 'body.evidence', message: '执行须附执行凭证' });
  }
  if (problems.length)
    throw new ValidationError(`请求中以下字段有误：${problems.map((f) => f.field).join(', ')}`, problems);
}

export async function actOnPenalty(store: TenantStore, penaltyId: string, input: PenaltyActionBody) {
  const { penalty: p, mine, db } = await loadPenalty(store, penaltyId);
  const decision = decidePenaltyAction(p, input.action, store.principal);
  if (!decision.allowed) throw decision.error;
  if (input.version !== p.version)
    throw new ConflictError(`处罚 ${penaltyId} 已被他人处理，请刷新后重试`, [
      { field: 'body.version', message: `当前版本为 ${p.version}，请刷新后重试` },
    ]);
  const today = todayInShanghai(db.now());
  checkActionInput(p, input, today);

  const actor = actorOf(store.principal);
  const at = db.now().toISOString();
  const status: PenaltyStatus = decision.to;
  const step = {
    action: input.action,
    at,
    by: actor,
    ...(input.note ? { note: input.note } : {}),
    ...(input.evidence?.length ? { evidence: input.evidence } : {}),
  };
  let after: PenaltyItem = {
    ...p,
    status,
    ...(input.decisionNo ? { decisionNo: input.decisionNo } : {}),
    ...(input.action === 'submit_for_review' ? { submittedBy: actor } : {}),
    ...(input.action === 'approve' || input.action === 'reject' ? { reviewedBy: actor } : {}),
    ...(input.action === 'execute' ? { executedOn: input.executedOn!, executionEvidence: input.evidence! } : {}),
    steps: [...p.steps, step],
    version: p.version + 1,
    updatedAt: at,
  };
  if (input.action === 'approve') {
    const { values: thresholds } = await penaltyPolicy.inForce(db, p.jurisdiction);
    after = inForce(after, today, thresholds);
  }
  const writes = (a: PenaltyItem): Write[] => [
    putVersioned(db, { ...penaltyKeys(a), ...a }, p.version, stale(penaltyId)),
    auditWrite(
      db,
      actor,
      {
        mineId: p.mineId,
        jurisdiction: p.jurisdiction,
        action: `penalty.${input.action}`,
        entityType: 'penalty',
        entityId: penaltyId,
        before: { status: p.status, ...(p.decisionNo ? { decisionNo: p.decisionNo } : {}) },
        after: {
          status: a.status,
          ...(a.decisionNo ? { decisionNo: a.decisionNo } : {}),
          ...(input.action === 'approve'
            ? {
                documentNo: a.documentNo,
                effectiveOn: a.effectiveOn,
                executionDue: a.executionDue,
                ...(a.statusChange ? { statusChange: a.statusChange } : {}),
                ...(a.licenceChange ? { licenceChange: a.licenceChange } : {}),
              }
            : {}),
          ...(input.action === 'execute' ? { executedOn: a.executedOn, evidence: a.executionEvidence } : {}),
        },
        reason: input.note,
      },
      at,
    ),
  ];
  const saved =
    input.action === 'approve'
      ? await commitDecided(db, store.principal, actor, mine, after, at, writes)
      : await transact(db, writes(after)).then(() => after);
  return penaltyView(saved, db.now());
}
