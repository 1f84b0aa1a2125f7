import type * as z from 'zod/mini';
import { RuleError } from '#lib/errors.ts';
import { type Actor, actorOf, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi2, pk, sk, stripKeys } from '#lib/store/keys.ts';
import type { PageRequest } from '#lib/store/pagination.ts';
import { getItem, queryPage } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { put, putNew, transact, type Write } from '#lib/store/transact.ts';
import { isFutureBusinessDate } from '#lib/validators/business-date.ts';
import type { MineItem } from './mine-item.ts';
import { writeProfile } from './profile-write.ts';
import type { statusChangeBody } from './schemas.ts';
import { MINE_STATUS_LABELS, type MineStatus, NEEDS_ACCEPTANCE, needsAcceptance } from './vocabulary.ts';

/**
 * A mine's status over time. The electricity review reads the status of each day from here, so a change carries
 * its effective date; one dated in the future waits on the due-date index until the nightly job applies it.
 */
export interface StatusEntry {
  readonly mineId: string;
  readonly status: MineStatus;
  readonly previousStatus: MineStatus | null;
  readonly effectiveDate: string;
  readonly reason: string;
  readonly documentNo?: string;
  readonly applied: boolean;
  readonly recordedAt: string;
  readonly recordedBy: Actor;
}

type StoredEntry = StatusEntry & { PK: string; SK: string };

export const STATUS_DUE_KIND = 'STATUS';

/** A scheduled entry waits on the due-date index of its mine's jurisdiction (`jurisdiction`; unused once applied). */
function entryItem(entry: StatusEntry, jurisdiction?: string): StoredEntry & Record<string, unknown> {
  const due =
    entry.applied || !jurisdiction
      ? {}
      : {
          GSI2PK: gsi2.due(jurisdiction),
          GSI2SK: gsi2.dueItem(entry.effectiveDate, STATUS_DUE_KIND, entry.mineId, entry.recordedAt),
        };
  return {
    PK: pk.mine(entry.mineId),
    SK: sk.status(entry.effectiveDate, entry.recordedAt),
    entity: 'status',
    ...entry,
    ...due,
  };
}

export function statusEntryWrite(
  db: Db,
  mine: Pick<MineItem, 'mineId' | 'jurisdiction'>,
  entry: Omit<StatusEntry, 'mineId' | 'recordedAt' | 'recordedBy'>,
  actor: Actor,
  at: string,
): Write {
  return putNew(
    db,
    entryItem({ ...entry, mineId: mine.mineId, recordedAt: at, recordedBy: actor }, mine.jurisdiction),
    new RuleError('同一时刻已记录状态变更'),
  );
}

/** The mine's latest status entry, scheduled ones included. */
export async function latestStatusEntry(db: Db, mineId: string): Promise<StatusEntry | undefined> {
  const page = await queryPage<StatusEntry>(
    db,
    { partition: pk.mine(mineId), beginsWith: sk.statusPrefix, newestFirst: true },
    { limit: 1 },
  );
  return page.items[0];
}

/**
 * The rules every status change obeys, whoever makes it (an admin, or an approved ordered suspension): the latest
 * entry counts, scheduled ones included, so a closure already scheduled is final too; and no change may be dated
 * before the latest one. Returns the status the change starts from. `field` names the date in the caller's body.
 */
export async function checkStatusChange(
  db: Db,
  mine: Pick<MineItem, 'mineId' | 'status'>,
  effectiveDate: string,
  field: string,
) {
  const latest = await latestStatusEntry(db, mine.mineId);
  const current = latest?.status ?? mine.status;
  if (current === 'closed')
    throw new RuleError('煤矿已关闭，不能再变更状态（关闭煤矿恢复生产属于死灰复燃）', [
      { field, message: '该矿已关闭，状态不能再变更' },
    ]);
  if (latest && effectiveDate < latest.effectiveDate) {
    throw new RuleError(`生效日期不能早于最近一次状态变更的生效日期 ${latest.effectiveDate}`, [
      { field, message: `须为 ${latest.effectiveDate} 或之后` },
    ]);
  }
  return current;
}

/**
 * A mine that is suspended, rectifying or under construction (its latest status, a scheduled one included) returns
 * to producing only through an approved 复工复产验收 (lib/acceptance), never by a status change of its own: 422.
 */
export function refuseResumptionWithoutAcceptance(current: MineStatus, target: MineStatus): void {
  if (!needsAcceptance(current, target)) return;
  throw new RuleError(
    `煤矿当前（或已排定）的状态为${MINE_STATUS_LABELS[current]}，恢复生产须经复工复产验收：由煤矿提出申请、现场检查、审批通过后自审批之日起恢复生产，不能直接变更为生产`,
    [{ field: 'body.status', message: '恢复生产须经复工复产验收（POST /v1/mines/{mineId}/acceptances）' }],
  );
}

export async function changeStatus(
  store: TenantStore,
  mineId: string,
  body: z.infer<typeof statusChangeBody> & { version?: number },
) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const current = await checkStatusChange(db, mine, body.effectiveDate, 'body.effectiveDate');
  if (body.status === current)
    throw new RuleError(`煤矿当前（或已排定）的状态已是${MINE_STATUS_LABELS[current]}`, [
      { field: 'body.status', message: '与当前状态相同' },
    ]);
  refuseResumptionWithoutAcceptance(current, body.status);
  const at = db.now().toISOString();
  const actor = actorOf(store.principal);
  const applied = !isFutureBusinessDate(body.effectiveDate, db.now());
  const entry = {
    status: body.status,
    previousStatus: current,
    effectiveDate: body.effectiveDate,
    reason: body.reason,
    ...(body.documentNo ? { documentNo: body.documentNo } : {}),
    applied,
  };
  const entryWrite = statusEntryWrite(db, mine, entry, actor, at);
  if (applied) {
    const after = await writeProfile(
      db,
      actorOf(store.principal),
      mine,
      mine.version,
      { status: body.status, statusSince: body.effectiveDate },
      'mine.status_changed',
      {
        reason: body.reason,
        writes: [entryWrite],
      },
    );
    return { applied: true, mine: after, entry: { ...entry, recordedAt: at, recordedBy: actor } };
  }
  await transact(db, [
    entryWrite,
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: 'mine.status_scheduled',
        entityType: 'mine',
        entityId: mineId,
        before: { status: current },
        after: { status: body.status, effectiveDate: body.effectiveDate },
        reason: body.reason,
      },
      at,
    ),
  ]);
  return { applied: false, mine, entry: { ...entry, recordedAt: at, recordedBy: actor } };
}

/**
 * The one way back to producing from a suspended, rectifying or construction status: an approved 复工复产验收. The
 * change is held to the rules of every change (checkStatusChange: a closed mine stays closed, no date before the
 * latest change), takes effect from `effectiveDate` (the approval's business day, today) and is written with the
 * acceptance's own `writes` in one transaction: the history entry, the profile and its audit event.
 */
export async function resumeProduction(
  db: Db,
  actor: Actor,
  mine: MineItem,
  change: { effectiveDate: string; reason: string; documentNo?: string | undefined },
  writes: Write[],
  field: string,
): Promise<MineItem> {
  const current = await checkStatusChange(db, mine, change.effectiveDate, field);
  if (!NEEDS_ACCEPTANCE.includes(current))
    throw new RuleError(
      `煤矿当前（或已排定）的状态为${MINE_STATUS_LABELS[current]}，不是停产、停产整顿或建设/技改，无须复工复产验收`,
      [{ field, message: `煤矿状态为${MINE_STATUS_LABELS[current]}` }],
    );
  if (isFutureBusinessDate(change.effectiveDate, db.now()))
    throw new RuleError('复工复产自审批之日起生效，不能排定在以后', [{ field, message: '须为审批当日' }]);
  const at = db.now().toISOString();
  const entry = {
    status: 'producing' as const,
    previousStatus: current,
    effectiveDate: change.effectiveDate,
    reason: change.reason,
    ...(change.documentNo ? { documentNo: change.documentNo } : {}),
    applied: true,
  };
  return writeProfile(
    db,
    actor,
    mine,
    mine.version,
    { status: 'producing', statusSince: change.effectiveDate },
    'mine.status_changed',
    { reason: change.reason, writes: [statusEntryWrite(db, mine, entry, actor, at), ...writes] },
  );
}

export async function listStatusHistory(store: TenantStore, mineId: string, page: PageRequest) {
  const { db } = await store.mine(mineId);
  const result = await queryPage<StoredEntry>(
    db,
    { partition: pk.mine(mineId), beginsWith: sk.statusPrefix, newestFirst: true },
    page,
  );
  return {
    items: result.items.map((e) => ({ ...stripKeys(e), statusLabel: MINE_STATUS_LABELS[e.status] })),
    nextCursor: result.nextCursor,
  };
}

/** Marks a scheduled entry applied and takes it off the due-date index (used by the nightly job). */
export function appliedEntryWrite(db: Db, entry: StatusEntry): Write {
  return put(db, entryItem({ ...stripKeys(entry), applied: true }));
}

/** The stored entry, read consistently: the due-date index may lag behind a change that was just applied. */
export async function currentEntry(db: Db, entry: StatusEntry): Promise<StatusEntry | undefined> {
  return getItem<StatusEntry>(db, { PK: pk.mine(entry.mineId), SK: sk.status(entry.effectiveDate, entry.recordedAt) });
}
