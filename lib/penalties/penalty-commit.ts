/**
 * How a penalty taking effect is written: with its due date, joined for a licence action by the licence's state
 * change and for an ordered suspension by the mine's status change, and, when it is decided, with its 行政处罚决定书's
 * number taken in the same transaction.
 */
import type { Principal } from '#lib/auth/principal.ts';
import { documentYear, issueNumbered, issuingBureau } from '#lib/documents/numbers.ts';
import { commitLicenceState, licenceStateReason } from '#lib/registry/licences.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import type { Actor } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { transact, type Write } from '#lib/store/transact.ts';
import type { PenaltyItem, SuspensionStatusChange } from './penalty-item.ts';
import type { PenaltyThresholds } from './penalty-policy.ts';
import { executionDueFor } from './penalty-rules.ts';
import { commitWithSuspension, planSuspension, suspensionReason } from './suspension-status.ts';

/** The day a penalty takes effect and its due date (which also puts it on the due-date index, see penaltyKeys). */
export function inForce(p: PenaltyItem, effectiveOn: string, policy: PenaltyThresholds): PenaltyItem {
  return { ...p, status: 'effective', effectiveOn, executionDue: executionDueFor(p, effectiveOn, policy) };
}

/**
 * Writes a penalty that takes effect now (a general one on creation, a major one on approval): the penalty's own
 * writes, joined for an ordered suspension by the mine's status change (see suspension-status.ts).
 */
export async function commitInForce(
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
export function commitDecided(
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
