import { ConflictError, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { type Actor, actorOf, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { creditIndex, pk, sk, stripKeys } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putNew, putVersioned, transact } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { enforce } from '#lib/workflow/engine.ts';
import { classify, type ForcedReason } from './classify.ts';
import { classifyMines } from './classify-mines.ts';
import { creditPolicyFor } from './credit-policy.ts';
import { creditRecordsOf } from './credit-store.ts';
import { OVERRIDE_WORKFLOW, type OverrideDecision, type OverrideStatus } from './override-workflow.ts';
import type { Tier } from './policy.ts';

/**
 * A tier override (信用等级调整): a bureau admin proposes a tier with a reason and an end date; it takes effect
 * only when a legal reviewer who is not the proposer approves (法制审核; the flow is ./override-workflow.ts). Approved, it carries the credit index until
 * its end date, so the classification finds it with the mine's records; the mine is classified again at once.
 */
export { OVERRIDE_STATUSES, type OverrideStatus } from './override-workflow.ts';

export interface OverrideItem {
  readonly overrideId: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly jurisdiction: string;
  readonly tier: Tier;
  readonly reason: string;
  readonly endsOn: string;
  readonly status: OverrideStatus;
  readonly proposedBy: Actor;
  readonly proposedAt: string;
  readonly decidedBy?: Actor;
  readonly decidedAt?: string;
  readonly decisionReason?: string;
  /** The business day it took effect. */
  readonly approvedOn?: string;
  readonly version: number;
  readonly updatedAt: string;
}

const overrideKey = (mineId: string, overrideId: string) => ({
  PK: pk.mine(mineId),
  SK: sk.creditOverride(overrideId),
});
const stored = (o: OverrideItem) => ({
  ...overrideKey(o.mineId, o.overrideId),
  entity: 'creditOverride',
  ...(o.status === 'approved' ? creditIndex(o.mineId, o.endsOn, 'OVERRIDE', o.overrideId) : {}),
  ...o,
});

/**
 * An override moves only a tier the score earned. A D forced by a serious-dishonesty trigger or a listing (an
 * accident, a concealed accident, a closed mine revived, a stopped mine producing, a published entry…) follows from
 * the rules themselves and ends only when its record stops counting or the listing ends: a 422 naming the reasons,
 * checked when proposed and again when approved (a trigger may have arisen in between). An override to D changes
 * nothing on such a mine and is let through.
 */
async function assertNotForced(
  db: Db,
  mine: Pick<MineItem, 'mineId' | 'jurisdiction' | 'standardisationGrade'>,
  tier: Tier,
  asOf: string,
  field: string,
): Promise<void> {
  if (tier === 'D') return;
  const policy = await creditPolicyFor(db, mine.jurisdiction);
  const records = await creditRecordsOf(db, mine.mineId, asOf, policy);
  const { forced } = classify({ asOf, records, standardisationGrade: mine.standardisationGrade, policy });
  if (forced.length === 0) return;
  throw new RuleError(`该矿因严重失信情形直接判定为D级，不能通过信用等级调整改变：${forcedLabels(forced)}`, [
    { field, message: `forced D: ${forced.map((f) => f.rule).join(', ')}` },
  ]);
}

const forcedLabels = (forced: readonly ForcedReason[]): string => forced.map((f) => f.label).join('；');

export async function proposeOverride(
  store: TenantStore,
  mineId: string,
  input: { tier: Tier; reason: string; endsOn: string },
): Promise<OverrideItem> {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const today = todayInShanghai(db.now());
  if (input.endsOn <= today)
    throw new ValidationError('调整截止日期须晚于今天', [{ field: 'body.endsOn', message: `must be after ${today}` }]);
  await assertNotForced(db, mine, input.tier, today, 'body.tier');
  const at = db.now().toISOString();
  const actor = actorOf(store.principal);
  const item: OverrideItem = {
    overrideId: db.newId('ovr'),
    mineId,
    mineName: mine.name,
    jurisdiction: mine.jurisdiction,
    tier: input.tier,
    reason: input.reason,
    endsOn: input.endsOn,
    status: 'proposed',
    proposedBy: actor,
    proposedAt: at,
    version: 1,
    updatedAt: at,
  };
  await transact(db, [
    putNew(db, stored(item), new ConflictError(`信用等级调整 ${item.overrideId} 已存在`)),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: 'credit.override_proposed',
        entityType: 'creditOverride',
        entityId: item.overrideId,
        before: null,
        after: { tier: item.tier, endsOn: item.endsOn, status: item.status },
        reason: input.reason,
      },
      at,
    ),
  ]);
  return item;
}

export async function listOverrides(store: TenantStore, mineId: string): Promise<OverrideItem[]> {
  const { db } = await store.mine(mineId);
  const items = await queryAll<OverrideItem>(db, {
    partition: pk.mine(mineId),
    beginsWith: sk.creditOverridePrefix,
    newestFirst: true,
  });
  return items.map((i) => stripKeys(i) as OverrideItem);
}

export async function decideOverride(
  store: TenantStore,
  mineId: string,
  overrideId: string,
  decision: OverrideDecision,
  input: { version: number; reason?: string | undefined },
): Promise<OverrideItem> {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const found = await getItem<OverrideItem>(db, overrideKey(mineId, overrideId));
  if (!found) throw new NotFoundError(`信用等级调整 ${overrideId} 不存在`);
  const o = stripKeys(found) as OverrideItem;
  const actor = actorOf(store.principal);
  const status = enforce(OVERRIDE_WORKFLOW, {
    state: o.status,
    action: decision,
    actor,
    history: [{ action: 'propose', by: o.proposedBy }],
  });
  if (o.version !== input.version)
    throw new ConflictError('该调整已被他人处理，请刷新后重试', [
      { field: 'body.version', message: `current version is ${o.version}` },
    ]);
  if (decision === 'reject' && !input.reason)
    throw new ValidationError('驳回须说明理由', [{ field: 'body.reason', message: 'required to reject' }]);
  const today = todayInShanghai(db.now());
  if (decision === 'approve' && o.endsOn < today)
    throw new RuleError(`调整截止日期 ${o.endsOn} 已过，不能批准`, [{ field: 'body', message: 'ended' }]);
  if (decision === 'approve') await assertNotForced(db, mine, o.tier, today, 'path.overrideId');
  const at = db.now().toISOString();
  const after: OverrideItem = {
    ...o,
    status,
    decidedBy: actor,
    decidedAt: at,
    ...(input.reason ? { decisionReason: input.reason } : {}),
    ...(decision === 'approve' ? { approvedOn: today } : {}),
    version: o.version + 1,
    updatedAt: at,
  };
  await transact(db, [
    putVersioned(db, stored(after), o.version, new ConflictError('该调整已被他人处理，请刷新后重试')),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: `credit.override_${decision === 'approve' ? 'approved' : 'rejected'}`,
        entityType: 'creditOverride',
        entityId: overrideId,
        before: { status: o.status },
        after: { status: after.status, tier: o.tier },
        reason: input.reason,
      },
      at,
    ),
  ]);
  if (decision === 'approve') await classifyMines(db, today, [mineId]);
  return after;
}
