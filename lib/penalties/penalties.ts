import type { Principal } from '#lib/auth/principal.ts';
import { documentYear, issueNumbered, issuingBureau } from '#lib/documents/numbers.ts';
import { ConflictError, type FieldProblem, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import { commitLicenceState, licenceStateReason, licenceToActOn } from '#lib/registry/licences.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { namePersons, personFileWrites } from '#lib/registry/responsible-persons.ts';
import { type Actor, actorOf, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, stripKeys } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { put, putNew, putVersioned, transact, type Write } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { futureDateProblems } from '#lib/validators/past-dates.ts';
import {
  PENALTY_KIND_LABELS,
  PENALTY_STATUS_LABELS,
  type PenaltyItem,
  type PenaltyStatus,
  type PenaltyTerms,
  penaltyKeys,
  type SuspensionStatusChange,
} from './penalty-item.ts';
import { penaltyPk, penaltySk } from './penalty-keys.ts';
import { type PenaltyThresholds, penaltyPolicy } from './penalty-policy.ts';
import { classifyPenalty, daysOverdue, decidePenaltyAction, executionDueFor, viewStatus } from './penalty-rules.ts';
import type { CreatePenaltyBody, PenaltyActionBody } from './schemas.ts';
import { commitWithSuspension, planSuspension, suspensionReason } from './suspension-status.ts';
import { checkViolationsOfMine, violationsById } from './violation-refs.ts';
import { PENALTY_WORKFLOW } from './vocabulary.ts';

const PENALTY_ACTION_LABEL = (action: keyof typeof PENALTY_WORKFLOW.actions): string =>
  PENALTY_WORKFLOW.actions[action].label;

/**
 * Penalties (行政处罚) against a mine: proposed by an inspector or the bureau's leader, reviewed by the legal
 * reviewer when major (重大执法决定法制审核), in force, executed. Every change is checked against the state (422),
 * the four-eyes rule (422) and the version (409), and audited in the same transaction.
 */

export const stale = (penaltyId: string) => new ConflictError(`处罚 ${penaltyId} 已被他人处理，请刷新后重试`);
const notFound = (penaltyId: string) => new NotFoundError(`处罚 ${penaltyId} 不存在`);

export function penaltyView(p: PenaltyItem, now: Date) {
  const today = todayInShanghai(now);
  const status = viewStatus(p, today);
  return {
    ...p,
    kindLabel: PENALTY_KIND_LABELS[p.kind],
    responsiblePersons: p.responsiblePersons ?? [],
    status,
    statusLabel: PENALTY_STATUS_LABELS[status],
    overdue: status === 'overdue',
    daysOverdue: status === 'overdue' ? daysOverdue(p, today) : 0,
  };
}
export type PenaltyView = ReturnType<typeof penaltyView>;

/** The terms of the body's kind, and nothing else. */
function termsOf(body: CreatePenaltyBody): PenaltyTerms {
  switch (body.kind) {
    case 'fine':
      return { kind: body.kind, amountYuan: body.amountYuan };
    case 'ordered_suspension':
      return { kind: body.kind, scope: body.scope, from: body.from, ...(body.to ? { to: body.to } : {}) };
    case 'licence_action':
      return { kind: body.kind, licenceType: body.licenceType, licenceAction: body.licenceAction };
    default:
      return { kind: body.kind };
  }
}

/** The day a penalty takes effect and its due date (which also puts it on the due-date index, see penaltyKeys). */
function inForce(p: PenaltyItem, effectiveOn: string, policy: PenaltyThresholds): PenaltyItem {
  return { ...p, status: 'effective', effectiveOn, executionDue: executionDueFor(p, effectiveOn, policy) };
}

/**
 * Writes a penalty that takes effect now (a general one on creation, a major one on approval): the penalty's own
 * writes, joined for an ordered suspension by the mine's status change (see suspension-status.ts).
 */
async function commitInForce(
  db: Db,
  actor: Actor,
  mine: MineItem,
  after: PenaltyItem,
  at: string,
  writes: (after: PenaltyItem) => Write[],
): Promise<PenaltyItem> {
  if (after.status === 'effective' && after.kind === 'licence_action') {
    // 暂扣 or 吊销: the licence's state history and the profile's copy change from the day it takes effect.
    const state = after.licenceAction === 'revoke' ? 'revoked' : 'suspended';
    const type = after.licenceType!;
    const change = {
      state,
      from: after.effectiveOn!,
      penaltyId: after.penaltyId,
      decisionNo: after.decisionNo,
    } as const;
    let result = after;
    await commitLicenceState(
      db,
      actor,
      mine,
      type,
      change,
      licenceStateReason(type, state, after.decisionNo),
      (entry) => {
        result = { ...after, licenceChange: entry };
        return writes(result);
      },
    );
    return result;
  }
  if (after.status !== 'effective' || after.kind !== 'ordered_suspension') {
    await transact(db, writes(after));
    return after;
  }
  const plan = await planSuspension(db, mine, after.from!);
  let result = after;
  await commitWithSuspension(
    db,
    actor,
    mine,
    plan,
    { reason: suspensionReason(after.decisionNo!, after.scope), documentNo: after.decisionNo },
    at,
    (change: SuspensionStatusChange) => {
      result = { ...after, statusChange: change };
      return writes(result);
    },
  );
  return result;
}

/**
 * Writes a penalty being decided (in force from now): its 行政处罚决定书 takes the bureau's next number in the same
 * transaction, so the number belongs to the decided penalty and a decision that fails to commit takes none.
 */
function commitDecided(
  db: Db,
  principal: Principal,
  actor: Actor,
  mine: MineItem,
  decided: PenaltyItem,
  at: string,
  writes: (after: PenaltyItem) => Write[],
): Promise<PenaltyItem> {
  const scope = {
    kind: 'penalty_decision',
    jurisdiction: issuingBureau(principal, decided.jurisdiction),
    year: documentYear(db.now()),
  } as const;
  return issueNumbered(db, scope, (no, counter) =>
    // The allocated number is the decision's number, unless the bureau gave its own (a paper register kept on).
    commitInForce(
      db,
      actor,
      mine,
      { ...decided, documentNo: no.text, decisionNo: decided.decisionNo ?? no.text },
      at,
      (a) => [...writes(a), counter],
    ),
  );
}

export async function createPenalty(store: TenantStore, mineId: string, body: CreatePenaltyBody) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  await checkViolationsOfMine(db, mineId, body.violationIds);
  const named = await namePersons(db, mineId, body.responsiblePersons, 'body.responsiblePersons');
  const terms = termsOf(body);
  const { values: thresholds, ref } = await penaltyPolicy.inForce(db, mine.jurisdiction);
  const { major, reason } = classifyPenalty(terms, thresholds);
  // Checked now as well as on approval, so a proposal that could never take effect is refused at once.
  if (terms.kind === 'ordered_suspension') await planSuspension(db, mine, terms.from!).catch(asBodyField);
  if (terms.kind === 'licence_action') await licenceToActOn(db, mineId, terms.licenceType!, 'body.licenceType');

  const actor = actorOf(store.principal);
  const at = db.now().toISOString();
  const penaltyId = db.newId('pen');
  const proposed: PenaltyItem = {
    penaltyId,
    mineId,
    mineName: mine.name,
    jurisdiction: mine.jurisdiction,
    ...terms,
    ...(body.decisionNo ? { decisionNo: body.decisionNo } : {}),
    basis: body.basis,
    description: body.description,
    violationIds: body.violationIds,
    ...(named.length > 0 ? { responsiblePersons: named } : {}),
    major,
    majorReason: reason,
    policy: ref,
    status: 'proposed',
    proposedBy: actor,
    proposedAt: at,
    steps: [{ action: major ? 'propose' : 'decide', at, by: actor }],
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const item = major ? proposed : inForce(proposed, todayInShanghai(db.now()), thresholds);
  const writes = (p: PenaltyItem): Write[] => [
    putNew(db, { ...penaltyKeys(p), ...p }, new ConflictError(`处罚 ${penaltyId} 已存在`)),
    put(db, {
      PK: penaltyPk.penaltyId(penaltyId),
      SK: penaltySk.penaltyPointer,
      entity: 'penaltyPointer',
      penaltyId,
      mineId,
      jurisdiction: mine.jurisdiction,
    }),
    ...personFileWrites(db, fileRef(p), [], named),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: major ? 'penalty.proposed' : 'penalty.decided',
        entityType: 'penalty',
        entityId: penaltyId,
        before: null,
        after: auditFields(p),
      },
      at,
    ),
  ];
  const saved = major
    ? await commitInForce(db, actor, mine, item, at, writes)
    : await commitDecided(db, store.principal, actor, mine, item, at, writes);
  return penaltyView(saved, db.now());
}

/** What a person's file shows of a penalty naming them: the day it was proposed, its kind and facts. */
export const fileRef = (p: PenaltyItem) => ({
  kind: 'penalty' as const,
  recordId: p.penaltyId,
  mineId: p.mineId,
  mineName: p.mineName,
  date: todayInShanghai(new Date(p.proposedAt)),
  title: `${PENALTY_KIND_LABELS[p.kind]}：${p.description.slice(0, 60)}`,
});

/** A planSuspension refusal at creation names the body's field. */
const asBodyField = (error: unknown): never => {
  if (error instanceof RuleError)
    throw new RuleError(
      error.message,
      error.fields.map((f) => ({ ...f, field: `body.${f.field}` })),
    );
  throw error;
};

const auditFields = (p: PenaltyItem) => ({
  kind: p.kind,
  status: p.status,
  major: p.major,
  ...(p.amountYuan !== undefined ? { amountYuan: p.amountYuan } : {}),
  ...(p.from ? { from: p.from } : {}),
  ...(p.to ? { to: p.to } : {}),
  ...(p.licenceType ? { licenceType: p.licenceType, licenceAction: p.licenceAction } : {}),
  ...(p.decisionNo ? { decisionNo: p.decisionNo } : {}),
  ...(p.documentNo ? { documentNo: p.documentNo } : {}),
  ...(p.effectiveOn ? { effectiveOn: p.effectiveOn, executionDue: p.executionDue } : {}),
  ...(p.violationIds.length ? { violationIds: p.violationIds } : {}),
  ...(p.responsiblePersons?.length ? { responsiblePersons: p.responsiblePersons } : {}),
});

/** Finds a penalty by id and checks the caller may see its mine (404 otherwise, as for any other tenant's record). */
export async function loadPenalty(
  store: TenantStore,
  penaltyId: string,
): Promise<{ penalty: PenaltyItem; mine: MineItem; db: Db }> {
  const { profile: mine, db } = await store.mineOf<{ mineId: string }, MineItem>(
    { PK: penaltyPk.penaltyId(penaltyId), SK: penaltySk.penaltyPointer },
    notFound(penaltyId),
  );
  const item = await getItem<PenaltyItem>(db, { PK: pk.mine(mine.mineId), SK: penaltySk.penalty(penaltyId) });
  if (!item) throw notFound(penaltyId);
  // Filed under the mine's jurisdiction of today: a change saved after a move lands on the new district's list.
  return { penalty: { ...(stripKeys(item) as PenaltyItem), jurisdiction: mine.jurisdiction }, mine, db };
}

/** A penalty with the violations it is for. */
export async function penaltyDetail(store: TenantStore, penaltyId: string) {
  const { penalty, db } = await loadPenalty(store, penaltyId);
  const byId = await violationsById(db, penalty.mineId, penalty.violationIds);
  const violations = penalty.violationIds.flatMap((id) => {
    const v = byId.get(id);
    return v && v.mineId === penalty.mineId
      ? [
          {
            violationId: id,
            category: v.category,
            categoryName: v.categoryName,
            date: v.date,
            description: v.description,
          },
        ]
      : [];
  });
  return { ...penaltyView(penalty, store.now()), violations };
}

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
