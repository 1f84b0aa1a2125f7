import { ConflictError, NotFoundError, RuleError } from '#lib/errors.ts';
import { type Actor, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { stripKeys } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import { putNew, putVersioned, transact, type Write } from '#lib/store/transact.ts';
import { accountChangeWrites } from './grid-accounts.ts';
import type { MineItem } from './mine-item.ts';
import {
  latestFields,
  latestVersion,
  type MeterFields,
  type RegisterFields,
  type RegisterItem,
  type RegisterVersion,
  registerKey,
  storedRegisterItem,
} from './register.ts';
import { registerSetWrite } from './register-set.ts';
import { REGISTER_KIND_LABELS, type RegisterChangeKind, type RegisterKind } from './vocabulary.ts';

/**
 * Putting a change of the register in force: a bureau admin's own change, or a request once approved. Either way the
 * record gets one more version, dated, with who put it in force (and who asked), written with the record's version
 * as its condition and audited in the same transaction; a meter's grid account moves with it (grid-accounts.ts).
 */
export interface RegisterChange<K extends RegisterKind = RegisterKind> {
  readonly kind: K;
  readonly itemId: string;
  readonly change: RegisterChangeKind;
  /** The record from the effective date (a put). */
  readonly fields?: RegisterFields[K] | undefined;
  /** The record's version the change is against; null for a new record (or one removed before). */
  readonly baseVersion: number | null;
  readonly effectiveFrom: string;
  readonly reason?: string | undefined;
}

/** Which request fields a refusal names: the body or query of a direct change, the body of an approval. */
export interface ChangeFields {
  readonly version: string;
  readonly effectiveFrom: string;
  readonly gridAccountNo: string;
}

export const changeFields = (part: 'body' | 'query'): ChangeFields => ({
  version: `${part}.version`,
  effectiveFrom: `${part}.effectiveFrom`,
  gridAccountNo: `${part}.gridAccountNo`,
});

export const readRegisterItem = async <K extends RegisterKind>(
  db: Db,
  kind: K,
  mineId: string,
  itemId: string,
): Promise<RegisterItem<K> | undefined> => {
  const item = await getItem<RegisterItem<K>>(db, registerKey(kind, mineId, itemId));
  return item ? (stripKeys(item) as unknown as RegisterItem<K>) : undefined;
};

const label = (kind: RegisterKind, itemId: string) => `${REGISTER_KIND_LABELS[kind]} ${itemId}`;
export const staleRecord = (kind: RegisterKind, itemId: string, field: string) =>
  new ConflictError(`${label(kind, itemId)} 已被他人修改，请刷新后重试（version 已过期）`, [
    { field, message: '记录已被他人修改，请刷新后重试' },
  ]);

/**
 * Whether `change` may apply to the record as stored: a new record only where none is in force, a replacement or a
 * removal only against the version read, and never dated before the record's latest version (versions only append,
 * so nothing dated later can move what an earlier day had). Checked when a change is asked for and again when it is
 * put in force.
 */
export function checkChange(
  item: RegisterItem | undefined,
  change: Pick<RegisterChange, 'kind' | 'itemId' | 'change' | 'baseVersion' | 'effectiveFrom'>,
  fields: ChangeFields,
): void {
  const current = item ? latestFields<unknown>(item.versions) : undefined;
  const name = label(change.kind, change.itemId);
  if (change.change === 'remove' && !current) throw new NotFoundError(`${name} 不存在`);
  if (change.baseVersion === null) {
    if (current)
      throw new ConflictError(`${name} 已存在；修改时请带上 version`, [
        { field: fields.version, message: '更新已有记录须带上当前版本号' },
      ]);
  } else {
    if (!item) throw new NotFoundError(`${name} 不存在`);
    if (item.version !== change.baseVersion) throw staleRecord(change.kind, change.itemId, fields.version);
  }
  const latest = item ? latestVersion<unknown>(item.versions) : undefined;
  if (latest && change.effectiveFrom < latest.effectiveFrom)
    throw new RuleError(
      `生效日期不能早于${name}最近一个版本的生效日期 ${latest.effectiveFrom}（台账版本只能依次向后）`,
      [{ field: fields.effectiveFrom, message: `须为 ${latest.effectiveFrom} 或之后` }],
    );
}

export interface Applied<K extends RegisterKind = RegisterKind> {
  readonly item: RegisterItem<K>;
  /** No version of the record was in force before (a new record, or one removed before). */
  readonly created: boolean;
}

export interface ApplyOptions {
  readonly db: Db;
  readonly mine: Pick<MineItem, 'mineId' | 'jurisdiction'>;
  /** Who puts the change in force (the bureau admin, or the approver). */
  readonly actor: Actor;
  readonly at: string;
  readonly fields: ChangeFields;
  /** The request the change comes from. */
  readonly request?: { readonly requestId: string; readonly requestedBy: Actor };
  /** Written in the same transaction (the request's decision and its audit). */
  readonly writes?: readonly Write[];
  /** The change was asked for by the mine: a meter keeps the grid account its latest version has. */
  readonly keepGridAccount?: boolean;
}

function withAccount(fields: MeterFields, accountNo: string | undefined): MeterFields {
  const { gridAccountNo: _asked, ...rest } = fields;
  return accountNo ? { ...rest, gridAccountNo: accountNo } : rest;
}

export async function applyRegisterChange<K extends RegisterKind>(
  change: RegisterChange<K>,
  options: ApplyOptions,
): Promise<Applied<K>> {
  const { db, mine, actor, at } = options;
  const stored = await readRegisterItem(db, change.kind, mine.mineId, change.itemId);
  checkChange(stored, change, options.fields);

  const versions = (stored?.versions ?? []) as readonly RegisterVersion<RegisterFields[K]>[];
  const before = latestFields(versions);
  // A mine never binds a grid account: a meter it asked for keeps the account the register gives it now.
  const fields =
    change.kind === 'meter' && options.keepGridAccount && change.fields
      ? withAccount(change.fields as MeterFields, (before as MeterFields | undefined)?.gridAccountNo)
      : change.fields;
  const version: RegisterVersion<RegisterFields[K]> = {
    effectiveFrom: change.effectiveFrom,
    ...(change.change === 'remove' ? { removed: true as const } : { fields: fields as RegisterFields[K] }),
    recordedBy: actor,
    recordedAt: at,
    ...(options.request ? { requestId: options.request.requestId, requestedBy: options.request.requestedBy } : {}),
  };
  const item: RegisterItem<K> = {
    kind: change.kind,
    mineId: mine.mineId,
    itemId: change.itemId,
    versions: [...versions, version],
    version: (stored?.version ?? 0) + 1,
    createdAt: stored?.createdAt ?? at,
    updatedAt: at,
  };
  const itemWrite = stored
    ? putVersioned(
        db,
        storedRegisterItem(item),
        stored.version,
        staleRecord(change.kind, change.itemId, options.fields.version),
      )
    : putNew(
        db,
        storedRegisterItem(item),
        new ConflictError(`${label(change.kind, change.itemId)} 已存在`, [
          { field: options.fields.version, message: '该记录刚由他人创建，请刷新后重试' },
        ]),
      );

  const accountWrites =
    change.kind === 'meter'
      ? await accountChangeWrites(db, {
          meter: { mineId: mine.mineId, meterId: change.itemId },
          jurisdiction: mine.jurisdiction,
          before: (before as MeterFields | undefined)?.gridAccountNo,
          after: change.change === 'remove' ? undefined : (fields as MeterFields).gridAccountNo,
          effectiveFrom: change.effectiveFrom,
          actor,
          at,
          field: options.fields.gridAccountNo,
        })
      : [];

  const action = change.change === 'remove' ? 'deleted' : before ? 'updated' : 'created';
  const dated = {
    effectiveFrom: change.effectiveFrom,
    ...(options.request ? { requestId: options.request.requestId } : {}),
  };
  await transact(db, [
    itemWrite,
    // The register on one item, for the nightly review: the record's attribute changes with the record.
    registerSetWrite(db, mine.mineId, item),
    ...accountWrites,
    auditWrite(
      db,
      actor,
      {
        mineId: mine.mineId,
        jurisdiction: mine.jurisdiction,
        action: `${change.kind}.${action}`,
        entityType: change.kind,
        entityId: change.itemId,
        before: before ? { ...before } : null,
        after: change.change === 'remove' ? { removed: true, ...dated } : { ...fields, ...dated },
        reason: change.reason,
      },
      at,
    ),
    ...(options.writes ?? []),
  ]);
  return { item, created: !before };
}
