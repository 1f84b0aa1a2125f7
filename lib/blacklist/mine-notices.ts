import { NotFoundError } from '#lib/errors.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { recordFilter } from '#lib/store/record-filter.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, daysBetween, todayInShanghai } from '#lib/validators/business-date.ts';
import { findEntry, type ListingEffects, recordObjection } from './blacklist-service.ts';
import type { BlacklistEntry } from './entry.ts';

/**
 * 事先告知 as the mine sees it: the proposals to list the mine or one of its key persons whose notice was served,
 * with the grounds, the window to object and what was objected so far; and the mine's own objection (陈述申辩),
 * recorded within the window as the mine's statement, beside those the bureau records on paper. The mine never sees
 * an entry before its notice, nor another mine's, nor a person's ID beyond its masked form.
 */
export interface MineNotice {
  readonly entryId: string;
  readonly subjectType: BlacklistEntry['subjectType'];
  readonly subjectName: string;
  readonly personRole?: string;
  readonly residentIdMasked?: string;
  readonly grounds: readonly { readonly code: string; readonly name: string; readonly basis: string }[];
  readonly noticeNo?: string;
  readonly servedOn: string;
  readonly objectionDeadline: string;
  /** Days left to object, today included; 0 or less once the window has closed. */
  readonly daysLeft: number;
  readonly objections: BlacklistEntry['objections'];
  readonly version: number;
}

const view = (e: BlacklistEntry, today: string): MineNotice => ({
  entryId: e.entryId,
  subjectType: e.subjectType,
  subjectName: e.subjectName,
  ...(e.person ? { personRole: e.person.roleLabel, residentIdMasked: e.person.residentIdMasked } : {}),
  grounds: e.grounds.map((g) => ({ code: g.code, name: g.name, basis: g.basis })),
  ...(e.notice!.noticeNo ? { noticeNo: e.notice!.noticeNo } : {}),
  servedOn: e.notice!.servedOn,
  objectionDeadline: e.notice!.objectionDeadline,
  daysLeft: daysBetween(today, addDays(e.notice!.objectionDeadline, 1)),
  objections: e.objections,
  version: e.version,
});

/**
 * The mine's notices still in their objection stage: the entries of its subjects (the enterprise by its credit code,
 * each key person by the hash of the ID), one query per subject, read through the mine's own scope.
 */
export async function listMineNotices(store: TenantStore, mineId: string): Promise<{ items: MineNotice[] }> {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const persons = await queryAll<{ residentIdHash?: string }>(db, {
    partition: pk.mine(mineId),
    beginsWith: sk.personPrefix,
  });
  const subjects = [
    pk.subject('enterprise', mine.creditCode),
    ...new Set(persons.flatMap((p) => (p.residentIdHash ? [pk.subject('person', p.residentIdHash)] : []))),
  ];
  const filter = recordFilter({ mineId, status: 'notice_served' });
  const items = (
    await Promise.all(
      subjects.map((partition) =>
        queryAll<Record<string, unknown>>(db, {
          partition,
          beginsWith: sk.blacklistEntryPrefix,
          ...(filter ? { filter } : {}),
        }),
      ),
    )
  ).flat();
  const today = todayInShanghai(store.now());
  return {
    items: items
      .map((i) => stripKeys(i) as unknown as BlacklistEntry)
      .map((e) => view(e, today))
      .sort((a, b) => a.objectionDeadline.localeCompare(b.objectionDeadline)),
  };
}

/** The mine's own objection to a notice served on it, dated today; after the window it is refused (422). */
export async function objectToNotice(
  store: TenantStore,
  mineId: string,
  entryId: string,
  body: { content: string; version: number },
  effects: ListingEffects,
): Promise<MineNotice> {
  const scope = await store.mine(mineId);
  const entry = await findEntry(scope.db, entryId);
  if (!entry || entry.mineId !== mineId || entry.status !== 'notice_served' || !entry.notice)
    throw new NotFoundError(`告知 ${entryId} 不存在`);
  const after = await recordObjection(store, scope, entry, body, effects);
  return view(after, todayInShanghai(store.now()));
}
