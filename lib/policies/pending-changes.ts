import { ConflictError, NotFoundError, ValidationError } from '#lib/errors.ts';
import { type Actor, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { putNew, putVersioned, transact, type Write } from '#lib/store/transact.ts';
import { enforce } from '#lib/workflow/engine.ts';
import {
  POLICY_CHANGE_STATUS_LABELS,
  POLICY_CHANGE_WORKFLOW,
  type PolicyChangeDecision,
  type PolicyChangeStatus,
} from './change-workflow.ts';

/**
 * Pending policy changes (策略变更待法制审核): a PUT that changes a guarded setting is kept here, under its
 * jurisdiction, and changes nothing until a legal reviewer of that jurisdiction who is not the proposer approves it
 * (POLICY_CHANGE_WORKFLOW). The approval writes the new policy version and the decided change in one transaction
 * (./define-policy.ts builds it); a rejection keeps the reason. A change of another jurisdiction is not found.
 */
export interface PendingChange {
  readonly changeId: string;
  readonly policy: string;
  readonly jurisdiction: string;
  /** The jurisdiction's own version the change was proposed over (0 when it had none): approval needs it unchanged. */
  readonly baseVersion: number;
  /** The change as the PUT sent it, under the policy's field. */
  readonly changes: unknown;
  /** The guarded settings it touches, each with the value in force when proposed and the value asked for. */
  readonly guarded: readonly { path: string; label: string; from: unknown; to: unknown }[];
  readonly reason: string;
  readonly status: PolicyChangeStatus;
  readonly proposedBy: Actor;
  readonly proposedAt: string;
  readonly decidedBy?: Actor;
  readonly decidedAt?: string;
  readonly decisionReason?: string;
  /** The policy version the approval made. */
  readonly appliedVersion?: number;
  readonly version: number;
  readonly updatedAt: string;
}

const changeKey = (c: Pick<PendingChange, 'jurisdiction' | 'policy' | 'changeId'>) => ({
  PK: pk.jurisdiction(c.jurisdiction),
  SK: sk.policyChange(c.policy, c.changeId),
});
const stored = (c: PendingChange) => ({ ...changeKey(c), entity: 'policyChange', ...c });

export const pendingChangeView = (c: PendingChange) => ({ ...c, statusLabel: POLICY_CHANGE_STATUS_LABELS[c.status] });
export type PendingChangeView = ReturnType<typeof pendingChangeView>;

export const staleChange = (changeId: string, version: number) =>
  new ConflictError(`策略变更 ${changeId} 已被他人处理，请刷新后重试`, [
    { field: 'body.version', message: `current version is ${version}` },
  ]);

/** Records a proposed change with its audit event; nothing of the policy changes. */
export async function fileChange(db: Db, change: PendingChange, label: string): Promise<PendingChangeView> {
  await transact(db, [
    putNew(db, stored(change), new ConflictError(`策略变更 ${change.changeId} 已存在`)),
    auditWrite(
      db,
      change.proposedBy,
      {
        jurisdiction: change.jurisdiction,
        action: 'policy.change_proposed',
        entityType: 'policyChange',
        entityId: change.changeId,
        before: null,
        after: {
          policy: change.policy,
          label,
          baseVersion: change.baseVersion,
          guarded: change.guarded,
          changes: change.changes,
        },
        reason: change.reason,
      },
      change.proposedAt,
    ),
  ]);
  return pendingChangeView(change);
}

/** The changes of a policy still waiting for a decision in one jurisdiction, oldest first. */
export async function pendingChangesOf(db: Db, policy: string, jurisdiction: string): Promise<PendingChangeView[]> {
  const items = await queryAll<PendingChange>(db, {
    partition: pk.jurisdiction(jurisdiction),
    beginsWith: sk.policyChangePrefix(policy),
    filter: { expression: '#status = :pending', names: { '#status': 'status' }, values: { ':pending': 'pending' } },
  });
  return items.map((i) => pendingChangeView(stripKeys(i) as PendingChange));
}

/** A change of this jurisdiction's policy; one of another jurisdiction does not exist for the caller. */
export async function loadChange(
  db: Db,
  policy: string,
  jurisdiction: string,
  changeId: string,
): Promise<PendingChange> {
  const item = await getItem<PendingChange>(db, changeKey({ jurisdiction, policy, changeId }));
  if (!item) throw new NotFoundError(`策略变更 ${changeId} 不存在`);
  return stripKeys(item) as PendingChange;
}

/**
 * Who may decide and whether the change is still open, as POLICY_CHANGE_WORKFLOW says (403 for a role that never
 * decides, 422 for the proposer or a decided change), the version read (409), a reason to reject (400); then the
 * change as decided.
 */
export function decided(
  change: PendingChange,
  decision: PolicyChangeDecision,
  actor: Actor,
  input: { version: number; reason?: string | undefined },
  at: string,
): PendingChange {
  const status = enforce(POLICY_CHANGE_WORKFLOW, {
    state: change.status,
    action: decision,
    actor,
    history: [{ action: 'propose', by: change.proposedBy }],
  });
  if (change.version !== input.version) throw staleChange(change.changeId, change.version);
  if (decision === 'reject' && !input.reason)
    throw new ValidationError('驳回须说明理由', [{ field: 'body.reason', message: 'required to reject' }]);
  return {
    ...change,
    status,
    decidedBy: actor,
    decidedAt: at,
    ...(input.reason ? { decisionReason: input.reason } : {}),
    version: change.version + 1,
    updatedAt: at,
  };
}

/** The write of a decided change, on the condition that nobody decided it meanwhile. */
export const decisionWrite = (db: Db, before: PendingChange, after: PendingChange): Write =>
  putVersioned(db, stored(after), before.version, staleChange(after.changeId, before.version));

/** A rejection: the change kept with its reason, audited; the policy stays as it is. */
export async function saveRejection(db: Db, before: PendingChange, after: PendingChange): Promise<void> {
  await transact(db, [
    decisionWrite(db, before, after),
    auditWrite(
      db,
      after.decidedBy!,
      {
        jurisdiction: after.jurisdiction,
        action: 'policy.change_rejected',
        entityType: 'policyChange',
        entityId: after.changeId,
        before: { status: before.status },
        after: { status: after.status, policy: after.policy, proposedBy: after.proposedBy },
        reason: after.decisionReason,
      },
      after.updatedAt,
    ),
  ]);
}
