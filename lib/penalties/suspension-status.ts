import { RuleError } from '../errors.ts';
import { auditWrite, type Actor } from '../store/audit.ts';
import type { Db } from '../store/db.ts';
import { pk, sk } from '../store/keys.ts';
import { queryPage } from '../store/query.ts';
import { transact, type Write } from '../store/transact.ts';
import { isFutureBusinessDate } from '../validators/business-date.ts';
import type { MineItem } from '../registry/mine-item.ts';
import { writeProfile } from '../registry/profile-write.ts';
import { statusEntryWrite, type StatusEntry } from '../registry/status-history.ts';
import type { MineStatus } from '../registry/vocabulary.ts';
import type { SuspensionStatusChange } from './penalty-item.ts';

/**
 * An effective ordered suspension (责令停产整顿) puts the mine into `rectifying` from the suspension's first day,
 * through the mine's status history, with the same rules and the same writes as POST /v1/mines/{id}/status
 * (lib/registry/status-history.ts `changeStatus`): a closed mine stays closed; a date before the latest change is
 * refused; a date still to come is scheduled on the due-date index and applied by the nightly job
 * mine-status-effective; one that has come updates the profile (status, statusSince, timeline) at once. The
 * difference is that the writes join the penalty's own transaction, so the decision and the status change exist
 * together or not at all.
 *
 * This is a variant of `changeStatus` that returns its writes instead of committing them. It belongs in
 * lib/registry (with `changeStatus` built on it); until it moves, `latestStatusEntry` repeats the unexported
 * `latestEntry` there.
 */
export async function latestStatusEntry(db: Db, mineId: string): Promise<StatusEntry | undefined> {
  const page = await queryPage<StatusEntry>(db, { partition: pk.mine(mineId), beginsWith: sk.statusPrefix, newestFirst: true }, { limit: 1 });
  return page.items[0];
}

export interface SuspensionPlan {
  /** The mine's status now, or already scheduled (the latest entry counts, as in changeStatus). */
  readonly current: MineStatus;
  readonly change: SuspensionStatusChange;
}

/** Checks that the mine may be put into rectifying from `from` (422 otherwise); says whether a change is needed. */
export async function planSuspension(db: Db, mine: MineItem, from: string): Promise<SuspensionPlan> {
  const latest = await latestStatusEntry(db, mine.mineId);
  const current = latest?.status ?? mine.status;
  if (current === 'closed') throw new RuleError('煤矿已关闭，不能责令停产整顿', [{ field: 'from', message: 'the mine is closed' }]);
  if (latest && from < latest.effectiveDate) {
    throw new RuleError(`停产整顿起始日期不能早于该矿最近一次状态变更的生效日期 ${latest.effectiveDate}`, [{ field: 'from', message: `must be on or after ${latest.effectiveDate}` }]);
  }
  if (current === 'rectifying') return { current, change: { effectiveDate: from, applied: true, skipped: 'already_rectifying' } };
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
    await writeProfile(db, actor, mine, mine.version, { status: 'rectifying', statusSince: change.effectiveDate }, 'mine.status_changed', {
      reason: decision.reason,
      writes: [entryWrite, ...writes(change)],
    });
  } else {
    await transact(db, [
      entryWrite,
      auditWrite(db, actor, {
        mineId: mine.mineId,
        jurisdiction: mine.jurisdiction,
        action: 'mine.status_scheduled',
        entityType: 'mine',
        entityId: mine.mineId,
        before: { status: plan.current },
        after: { status: 'rectifying', effectiveDate: change.effectiveDate },
        reason: decision.reason,
      }, at),
      ...writes(change),
    ]);
  }
  return change;
}

export const suspensionReason = (decisionNo: string, scope: string | undefined): string =>
  `责令停产整顿（${decisionNo}）${scope ? `：${scope}` : ''}`.slice(0, 500);
