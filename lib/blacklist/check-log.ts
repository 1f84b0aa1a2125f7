import type { Principal } from '#lib/auth/principal.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1, pk, sk, stripKeys } from '#lib/store/keys.ts';
import type { PageRequest } from '#lib/store/pagination.ts';
import { type QuerySpec, queryPage } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { put, transact, type Write } from '#lib/store/transact.ts';
import type { SubjectType } from './entry.ts';
import type { Scope } from './grounds.ts';

/**
 * The record of the restriction checks (全过程记录): every check answered leaves who asked (sub, role, the department
 * or jurisdiction the token names), about whom (a person's name and masked ID, never the ID or its hash; an
 * enterprise's credit code), for which scope, the answer, and when. It is written before the answer is given, so no
 * answer exists without its record, and it is kept like the audit trail (no expiry).
 *
 * Which bureau sees a check: the one whose listed subject it was about. Partner departments belong to no
 * jurisdiction, so the check is filed under the jurisdiction of each published entry it touched: the subject's own
 * (by credit code, or by the ID whatever the name), and, for a person, each listed person whose masked ID is the one
 * asked about. The last is what makes guessing visible: someone trying birth dates for a listed person keeps the
 * digits the public list shows, so every try is filed with the bureau that listed the person, each with the caller
 * who made it. Only published entries count, so which checks get filed (and the time their writes take) follows
 * from the public list alone. A check touching no listed entry is kept (the record under its own key) but shown to
 * no bureau: it was about nobody listed, and it told the caller nothing but "not restricted".
 *
 * | access pattern                              | table / index | key condition                                       |
 * |---------------------------------------------|---------------|-----------------------------------------------------|
 * | one check: its record / the copy for a jurisdiction | table | PK = BLACKLISTCHECK#<checkId>, SK = RECORD / JUR#<path> |
 * | checks about a jurisdiction's subjects, newest first | GSI1 | GSI1PK = BLACKLISTCHECKS#<province>, begins_with(GSI1SK, <path>/) |
 */
export interface CheckCaller {
  readonly sub: string;
  readonly role: string;
  /** As the token names the caller: for a partner department, the department. */
  readonly name?: string;
  /** A bureau caller's jurisdiction. */
  readonly jurisdiction?: string;
}

export interface CheckRecord {
  readonly checkId: string;
  readonly at: string;
  readonly checkedOn: string;
  readonly caller: CheckCaller;
  readonly subjectType: SubjectType;
  readonly scope: Scope;
  /** Person checks: the name and the masked ID asked about. */
  readonly subjectName?: string;
  readonly residentIdMasked?: string;
  /** Enterprise checks. */
  readonly creditCode?: string;
  readonly restricted: boolean;
}

/** One entry the check touched: its jurisdiction, and whether it made the answer "restricted". */
export interface CheckTouch {
  readonly entryId: string;
  readonly jurisdiction: string;
  readonly restricting: boolean;
}

/** What a bureau sees of a check: the record, with the entries of its own jurisdiction that restricted. */
export interface CheckView extends CheckRecord {
  readonly entryIds: readonly string[];
  readonly jurisdiction: string;
}

export function checkCaller(p: Principal): CheckCaller {
  return {
    sub: p.sub,
    role: p.role,
    ...(p.name ? { name: p.name } : {}),
    ...(p.kind === 'bureau' ? { jurisdiction: p.jurisdiction } : {}),
  };
}

/** Every jurisdiction a check touched, once each. */
export const touchedJurisdictions = (touches: readonly CheckTouch[]): string[] => [
  ...new Set(touches.map((t) => t.jurisdiction)),
];

/** DynamoDB takes at most 100 writes in one transaction. */
const MAX_TRANSACTION = 100;

/**
 * Writes the record and one copy per touched jurisdiction. Copies show only their own jurisdiction's entries, so a
 * bureau does not learn from the record which other bureaus listed the same subject.
 */
export async function recordCheck(db: Db, record: CheckRecord, touches: readonly CheckTouch[]): Promise<void> {
  const jurisdictions = touchedJurisdictions(touches);
  const writes: Write[] = [
    put(db, {
      PK: pk.blacklistCheck(record.checkId),
      SK: sk.blacklistCheckRecord,
      entity: 'blacklistCheck',
      ...record,
      touched: touches.map((t) => ({ ...t })),
    }),
    ...jurisdictions.map((jurisdiction) => {
      const view: CheckView = {
        ...record,
        entryIds: touches.filter((t) => t.restricting && t.jurisdiction === jurisdiction).map((t) => t.entryId),
        jurisdiction,
      };
      return put(db, {
        PK: pk.blacklistCheck(record.checkId),
        SK: sk.blacklistCheckCopy(jurisdiction),
        entity: 'blacklistCheckCopy',
        GSI1PK: gsi1.blacklistChecksOfProvince(jurisdiction),
        GSI1SK: gsi1.blacklistCheckInJurisdiction(jurisdiction, record.checkId),
        ...view,
      });
    }),
  ];
  for (let i = 0; i < writes.length; i += MAX_TRANSACTION) await transact(db, writes.slice(i, i + MAX_TRANSACTION));
}

export interface CheckLogQuery extends PageRequest {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** The `sub` of one caller. */
  readonly caller?: string | undefined;
  readonly jurisdiction?: string | undefined;
}

function checkLogFilter(q: CheckLogQuery): QuerySpec['filter'] | undefined {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const conditions: string[] = [];
  if (q.from) {
    names['#checkedOn'] = 'checkedOn';
    values[':from'] = q.from;
    conditions.push('#checkedOn >= :from');
  }
  if (q.to) {
    names['#checkedOn'] = 'checkedOn';
    values[':to'] = q.to;
    conditions.push('#checkedOn <= :to');
  }
  if (q.caller) {
    names['#caller'] = 'caller';
    names['#sub'] = 'sub';
    values[':caller'] = q.caller;
    conditions.push('#caller.#sub = :caller');
  }
  return conditions.length ? { expression: conditions.join(' AND '), names, values } : undefined;
}

/** The checks about the caller's jurisdiction's subjects (or a jurisdiction inside it), newest first per jurisdiction. */
export async function listChecks(store: TenantStore, query: CheckLogQuery) {
  const under = store.listUnder(query.jurisdiction);
  if (under === null) return { items: [], nextCursor: null };
  const filter = checkLogFilter(query);
  const page = await queryPage<Record<string, unknown>>(
    store.shared,
    {
      index: 'GSI1',
      partition: gsi1.blacklistChecksOfProvince(under),
      beginsWith: gsi1.jurisdictionPrefix(under),
      newestFirst: true,
      ...(filter ? { filter } : {}),
    },
    query,
  );
  return { items: page.items.map((i) => stripKeys(i) as unknown as CheckView), nextCursor: page.nextCursor };
}
