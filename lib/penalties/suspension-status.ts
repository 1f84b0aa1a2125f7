import type { MineItem } from '#lib/registry/mine-item.ts';
import { writeProfile } from '#lib/registry/profile-write.ts';
import { checkStatusChange, statusEntryWrite } from '#lib/registry/status-history.ts';
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import { type Actor, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { transact, type Write } from '#lib/store/transact.ts';
import { isFutureBusinessDate } from '#lib/validators/business-date.ts';
import type { SuspensionStatusChange } from './penalty-item.ts';

/**
 * An effective ordered suspension (责令停产整顿) puts the mine into `rectifying` from the suspension's first day,
 * through the mine's status history, with the same rules and the same writes as POST /v1/mines/{id}/status
 * (lib/registry/status-history.ts `changeStatus`): a closed mine stays closed; a date before the latest change is
 * refused; a date still to come is scheduled on the due-date index and applied by the nightly job
 * mine-status-effective; one that has come updates the profile (status, statusSince, timeline) at once. The
 * difference is that the writes join the penalty's own transaction, so the decision and the status change exist
 * together or not at all.
 */
export interface SuspensionPlan {
  /** The mine's status now, or already scheduled (the latest entry counts, as in changeStatus). */
  readonly current: MineStatus;
  readonly change: SuspensionStatusChange;
}

/** Checks that the mine may be put into rectifying from `from` (422 otherwise); says whether a change is needed. */
export async function planSuspension(db: Db, mine: MineItem, from: string): Promise<SuspensionPlan> {
  const current = await checkStatusChange(db, mine, from, 'from');
  if (current === 'rectifying')
    return { current, change: { effectiveDate: from, applied: true, skipped: 'already_rectifying' } };
  return { current, change: { effectiveDate: from, applied: !isFutureBusinessDate(from, db.now()) } };
}

/**
 * Commits `writes` (the penalty's own: item and audit) together with the status change the plan calls for: the
 * history entry, and the profile with its audit event when the date has come, or the scheduled-change audit event
 * when it has not. Returns what was recorded, for the penalty.
 */
export async function commitWithSuspension(
  db: Db,
  actor: Actor,
  mine: MineItem,
  plan: SuspensionPlan,
  decision: { reason: string; documentNo?: string | undefined },
  at: string,
  writes: (change: SuspensionStatusChange) => Write[],
): Promise<SuspensionStatusChange> {
  if (plan.change.skipped) {
    await transact(db, writes(plan.change));
    return plan.change;
  }
  const change: SuspensionStatusChange = { ...plan.change, recordedAt: at };
  const entry = {
    status: 'rectifying' as const,
    previousStatus: plan.current,
    effectiveDate: change.effectiveDate,
    reason: decision.reason,
    ...(decision.documentNo ? { documentNo: decision.documentNo } : {}),
    applied: change.applied,
  };
  const entryWrite = statusEntryWrite(db, mine, entry, actor, at);
  if (change.applied) {
    await writeProfile(
      db,
      actor,
      mine,
      mine.version,
      { status: 'rectifying', statusSince: change.effectiveDate },
      'mine.status_changed',
      {
        reason: decision.reason,
        writes: [entryWrite, ...writes(change)],
      },
    );
  } else {
    await transact(db, [
      entryWrite,
      auditWrite(
        db,
        actor,
        {
          mineId: mine.mineId,
          jurisdiction: mine.jurisdiction,
          action: 'mine.status_scheduled',
          entityType: 'mine',
          entityId: mine.mineId,
          before: { status: plan.current },
          after: { status: 'rectifying', effectiveDate: change.effectiveDate },
          reason: decision.reason,
        },
        at,
      ),
      ...writes(change),
    ]);
  }
  return change;
}

export const suspensionReason = (decisionNo: string, scope: string | undefined): string =>
  `责令停产整顿（${decisionNo}）${scope ? `：${scope}` : ''}`.slice(0, 500);
