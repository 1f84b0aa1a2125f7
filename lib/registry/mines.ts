import type * as z from 'zod/mini';
import { jurisdictionCovers } from '#lib/auth/principal.ts';
import { ConflictError } from '#lib/errors.ts';
import { actorOf, auditWrite } from '#lib/store/audit.ts';
import { timeOrderedId } from '#lib/store/db.ts';
import { gsi1, pk, sk } from '#lib/store/keys.ts';
import type { Page } from '#lib/store/pagination.ts';
import { queryPage } from '#lib/store/query.ts';
import { stableJson } from '#lib/store/stable-json.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putNew, remove, transact, type Write } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { refuseFutureDates } from '#lib/validators/past-dates.ts';
import { clashAnswer } from './identity-clash.ts';
import { creditCodeWarnings, type MineInput, type MineItem, mineView } from './mine-item.ts';
import { pendingMoveWrite, queueMineMove } from './mine-move.ts';
import { jurisdictionWrite, profileKeys, staleMine, writeProfile } from './profile-write.ts';
import type { listMinesQuery, patchMineBody } from './schemas.ts';
import { statusEntryWrite } from './status-history.ts';

/** Mine profiles: create, read, list by jurisdiction, change with a version, every change audited. */

const duplicateCreditCode = (code: string) =>
  new ConflictError(`统一社会信用代码 ${code} 已登记在另一座煤矿`, [
    { field: 'body.creditCode', message: '该统一社会信用代码已登记' },
  ]);

/** The item that makes a credit code one mine's (and leads an import's row from its code to the mine). */
export const creditCodeOwner = (code: string, mineId: string) => ({
  PK: pk.creditCode(code),
  SK: sk.creditCodeOwner,
  entity: 'creditCode',
  mineId,
});

export async function createMine(store: TenantStore, input: MineInput) {
  const now = store.now();
  const at = now.toISOString();
  const effectiveDate = input.statusEffectiveDate ?? todayInShanghai(now);
  // A mine is filed with the status it already has; a later change goes through POST /status.
  refuseFutureDates(now, { field: 'body.statusEffectiveDate', label: '建档时的状态生效日期', date: effectiveDate });
  const mineId = input.mineId ?? timeOrderedId('m', now);
  const db = store.newMine(mineId, input.jurisdiction, 'body.jurisdiction');
  const warnings = creditCodeWarnings(input.creditCode, 'body.creditCode');
  const { mineId: _chosen, statusEffectiveDate: _date, ...fields } = input;
  const mine: MineItem = {
    ...fields,
    mineId,
    creditCodeCheckValid: warnings.length === 0,
    statusSince: effectiveDate,
    statusTimeline: [{ status: fields.status, from: effectiveDate }],
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const actor = actorOf(store.principal);
  const idTaken = new ConflictError(`煤矿编号 ${mineId} 已存在`, [
    { field: 'body.mineId', message: '该煤矿编号已存在' },
  ]);
  const codeTaken = duplicateCreditCode(mine.creditCode);
  await transact(db, [
    putNew(db, { ...profileKeys(mine), ...mine }, idTaken),
    putNew(db, creditCodeOwner(mine.creditCode, mineId), codeTaken),
    jurisdictionWrite(db, mine.jurisdiction),
    statusEntryWrite(
      db,
      mine,
      { status: mine.status, previousStatus: null, effectiveDate, reason: '建档', applied: true },
      actor,
      at,
    ),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: 'mine.created',
        entityType: 'mine',
        entityId: mineId,
        after: mine as unknown as Record<string, unknown>,
      },
      at,
    ),
  ]).catch(async (error: unknown) => {
    // A clash with a mine the caller cannot see must not say that it exists elsewhere (identity-clash.ts).
    if (error === idTaken) throw await clashAnswer(store, 'mineId', mine, idTaken);
    if (error === codeTaken) throw await clashAnswer(store, 'creditCode', mine, codeTaken);
    throw error;
  });
  return mineView(mine, warnings);
}

export async function getMine(store: TenantStore, mineId: string) {
  return mineView((await store.mine<MineItem>(mineId)).profile);
}

export async function listMines(
  store: TenantStore,
  query: z.infer<typeof listMinesQuery>,
): Promise<Page<ReturnType<typeof mineView>>> {
  const p = store.principal;
  if (p.kind === 'mine') {
    // A mine user whose mine is gone lists nothing.
    const own = await store.mine<MineItem>(p.mineId).then(
      (scope) => scope.profile,
      () => undefined,
    );
    const matches =
      own &&
      (!query.status || own.status === query.status) &&
      (!query.jurisdiction || jurisdictionCovers(query.jurisdiction, own.jurisdiction));
    return { items: matches ? [mineView(own)] : [], nextCursor: null };
  }
  const under = store.listUnder(query.jurisdiction);
  if (under === null) return { items: [], nextCursor: null };
  const page = await queryPage<MineItem>(
    store.shared,
    {
      index: 'GSI1',
      partition: gsi1.minesOfProvince(under),
      beginsWith: gsi1.jurisdictionPrefix(under),
      ...(query.status
        ? {
            filter: {
              expression: '#status = :status',
              names: { '#status': 'status' },
              values: { ':status': query.status },
            },
          }
        : {}),
    },
    query,
  );
  return { items: page.items.map((m) => mineView(m)), nextCursor: page.nextCursor };
}

export async function patchMine(store: TenantStore, mineId: string, body: z.infer<typeof patchMineBody>) {
  const { profile: before, db } = await store.mine<MineItem>(mineId);
  const { version, ...changes } = body;
  const writes: Write[] = [];
  let warnings: ReturnType<typeof creditCodeWarnings> = [];
  const moved = changes.jurisdiction !== undefined && changes.jurisdiction !== before.jurisdiction;
  if (changes.jurisdiction && moved) {
    store.assertMayPlaceIn(changes.jurisdiction, 'body.jurisdiction');
    writes.push(jurisdictionWrite(db, changes.jurisdiction));
    writes.push(
      pendingMoveWrite(db, { mineId, from: before.jurisdiction, to: changes.jurisdiction, at: db.now().toISOString() }),
    );
  }
  const codeTaken = changes.creditCode ? duplicateCreditCode(changes.creditCode) : undefined;
  if (changes.creditCode && codeTaken && changes.creditCode !== before.creditCode) {
    warnings = creditCodeWarnings(changes.creditCode, 'body.creditCode');
    writes.push(remove(db, { PK: pk.creditCode(before.creditCode), SK: sk.creditCodeOwner }));
    writes.push(putNew(db, creditCodeOwner(changes.creditCode, mineId), codeTaken));
    (changes as Partial<MineItem> & { creditCodeCheckValid?: boolean }).creditCodeCheckValid = warnings.length === 0;
  }
  const unchanged = Object.entries(changes).every(
    ([k, v]) => stableJson(before[k as keyof MineItem]) === stableJson(v),
  );
  if (unchanged) {
    if (version !== before.version) throw staleMine(mineId);
    return mineView(before);
  }
  const after = await writeProfile(
    db,
    actorOf(store.principal),
    before,
    version,
    changes as Partial<MineItem>,
    'mine.updated',
    { writes },
  ).catch(async (error: unknown) => {
    // A code of a mine the caller cannot see is refused as on creation, without saying it exists elsewhere.
    if (codeTaken && error === codeTaken)
      throw await clashAnswer(store, 'creditCode', { ...before, ...stripUndefined(changes) }, codeTaken);
    throw error;
  });
  // Its records follow it (lib/registry/mine-move.ts); until they do, every action already goes by the profile.
  if (moved) await queueMineMove(mineId, before.jurisdiction);
  return mineView(after, warnings);
}

const stripUndefined = <T extends object>(o: T): Partial<MineItem> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<MineItem>;
