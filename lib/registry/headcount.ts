/**
 * The headcount the bureau approved for a mine (核定下井人数) and the duty crew (值班人员) it may keep underground when
 * it may not produce, as dated versions: the personnel feed is held against them (OVER_HEADCOUNT on a producing day,
 * PEOPLE_WHEN_STOPPED on a stopped one). Like the register (register.ts), versions only append, never dated before
 * the latest one, and the one in force on a day is the latest whose `from` is on or before it; unlike the register,
 * the limits are the bureau's own decision, never a mine's: only a bureau_admin or an inspector of the mine's
 * jurisdiction sets them, so a mine never raises its own limit. The whole timeline is one item per mine
 * (PK MINE#<id>, SK HEADCOUNT), which the nightly review batch-gets with the profile, no extra request.
 */
import type * as z from 'zod/mini';
import { ConflictError, ForbiddenError, RuleError, ValidationError } from '#lib/errors.ts';
import { type Actor, actorOf, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putNew, putVersioned, transact } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import type { headcountBody } from './headcount-schemas.ts';
import type { MineItem } from './mine-item.ts';
import { type HeadcountLimits, SHIFT_LABELS, SHIFTS } from './vocabulary.ts';

/** One version: the limits from its day, who set them, when and why. */
export interface HeadcountVersion extends HeadcountLimits {
  readonly reason: string;
  readonly recordedBy: Actor;
  readonly recordedAt: string;
}

/** The stored item: every version, oldest first, and the item's version for optimistic concurrency. */
export interface HeadcountItem {
  readonly mineId: string;
  readonly versions: readonly HeadcountVersion[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface HeadcountView {
  readonly mineId: string;
  readonly asOf: string;
  readonly inForce: HeadcountLimits | null;
  readonly versions: readonly HeadcountVersion[];
  readonly version: number;
}

/** Roles that set a mine's limits: the bureau's, never the mine's. */
const SETTERS: readonly string[] = ['bureau_admin', 'inspector'];

export const headcountKey = (mineId: string) => ({ PK: pk.mine(mineId), SK: sk.headcount });

/** The stored item of a mine's headcount timeline, keyed and typed. */
export const headcountRecord = (item: HeadcountItem) => ({
  ...headcountKey(item.mineId),
  entity: 'headcount',
  ...item,
});

/** The limits in force on `date`: the latest version whose `from` is on or before it; undefined before the first. */
export function headcountOn(versions: readonly HeadcountLimits[], date: string): HeadcountLimits | undefined {
  const v = versions.findLast((x) => x.from <= date);
  return v && { from: v.from, shifts: v.shifts, dutyCrew: v.dutyCrew };
}

/** The duty crew may never exceed the shift's approved headcount: 422 naming each shift that does. */
export function checkHeadcount(limits: Pick<HeadcountLimits, 'shifts' | 'dutyCrew'>): void {
  const over = SHIFTS.filter((s) => limits.dutyCrew[s] > limits.shifts[s]);
  if (over.length === 0) return;
  throw new ValidationError(
    '值班人员不能超过该班次核定下井人数',
    over.map((s) => ({
      field: `body.dutyCrew.${s}`,
      message: `${SHIFT_LABELS[s]}值班人员 ${limits.dutyCrew[s]} 人超过核定下井人数 ${limits.shifts[s]} 人`,
    })),
  );
}

export const readHeadcount = async (db: Db, mineId: string): Promise<HeadcountItem | undefined> => {
  const item = await getItem<HeadcountItem>(db, headcountKey(mineId));
  return (
    item && {
      mineId: item.mineId,
      versions: item.versions,
      version: item.version,
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
    }
  );
};

const view = (mineId: string, item: HeadcountItem | undefined, asOf: string): HeadcountView => ({
  mineId,
  asOf,
  inForce: headcountOn(item?.versions ?? [], asOf) ?? null,
  versions: item?.versions ?? [],
  version: item?.version ?? 0,
});

/** The mine's limits in force on `asOf` (default today) with the whole timeline; the mine reads its own. */
export async function getHeadcountLimits(store: TenantStore, mineId: string, asOf?: string): Promise<HeadcountView> {
  const { db } = await store.mine(mineId);
  return view(mineId, await readHeadcount(db, mineId), asOf ?? todayInShanghai(store.now()));
}

const stale = () =>
  new ConflictError('核定下井人数已被他人修改，请刷新后重试（version 已过期）', [
    { field: 'body.version', message: '记录已被他人修改，请刷新后重试' },
  ]);

/** Appends a version, audited in the same transaction; only a bureau user of the mine's jurisdiction may. */
export async function setHeadcountLimits(
  store: TenantStore,
  mineId: string,
  body: z.infer<typeof headcountBody>,
): Promise<HeadcountView> {
  // Out of scope first (404, as for a mine that does not exist), then the role: a mine never sets its own limit.
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  if (store.principal.kind === 'mine' || !SETTERS.includes(store.principal.role))
    throw new ForbiddenError('核定下井人数只能由监管部门（管理员或监察员）设定，煤矿不能修改');
  const { version, from, shifts, dutyCrew, reason } = body;
  checkHeadcount({ shifts, dutyCrew });
  const stored = await readHeadcount(db, mineId);
  if (stored && version !== stored.version) {
    if (version === undefined)
      throw new ConflictError('核定下井人数已存在；修改时请带上 version', [
        { field: 'body.version', message: '更新已有记录须带上当前版本号' },
      ]);
    throw stale();
  }
  if (!stored && version !== undefined) throw stale();
  const latest = stored?.versions.at(-1);
  if (latest && from < latest.from)
    throw new RuleError(`生效日期不能早于最近一个版本的生效日期 ${latest.from}（版本只能依次向后）`, [
      { field: 'body.from', message: `须为 ${latest.from} 或之后` },
    ]);

  const at = store.now().toISOString();
  const actor = actorOf(store.principal);
  const added: HeadcountVersion = { from, shifts, dutyCrew, reason, recordedBy: actor, recordedAt: at };
  const item: HeadcountItem = {
    mineId,
    versions: [...(stored?.versions ?? []), added],
    version: (stored?.version ?? 0) + 1,
    createdAt: stored?.createdAt ?? at,
    updatedAt: at,
  };
  const record = headcountRecord(item);
  const before = latest ? { from: latest.from, shifts: latest.shifts, dutyCrew: latest.dutyCrew } : null;
  await transact(db, [
    stored
      ? putVersioned(db, record, stored.version, stale())
      : putNew(
          db,
          record,
          new ConflictError('核定下井人数刚由他人设定，请刷新后重试', [
            { field: 'body.version', message: '该记录刚由他人创建，请刷新后重试' },
          ]),
        ),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: before ? 'headcount.updated' : 'headcount.created',
        entityType: 'headcount',
        entityId: mineId,
        before,
        after: { from, shifts, dutyCrew },
        reason,
      },
      at,
    ),
  ]);
  return view(mineId, item, todayInShanghai(store.now()));
}
