import { ConflictError, NotFoundError, RuleError } from '#lib/errors.ts';
import { loadPenalty } from '#lib/penalties/penalties.ts';
import type { PenaltyItem } from '#lib/penalties/penalty-item.ts';
import { PENALTY_KIND_LABELS } from '#lib/penalties/vocabulary.ts';
import { actorOf } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1, stripKeys } from '#lib/store/keys.ts';
import type { Page, PageRequest } from '#lib/store/pagination.ts';
import { getItem, queryAll, queryPage } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import {
  type DisclosureRecord,
  disclosureKeys,
  type EnforcementStatistics,
  type PublicDisclosure,
} from './disclosure-item.ts';
import { type DisclosureTerms, disclosurePolicy } from './disclosure-policy.ts';
import { DISCLOSURE_STATE_LABELS, type DisclosureState } from './disclosure-states.ts';
import { dueByOf, isDisclosable, withdraw } from './publication.ts';

export interface DisclosureView {
  readonly penaltyId: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly jurisdiction: string;
  readonly kind: PenaltyItem['kind'];
  readonly kindLabel: string;
  readonly decisionNo?: string;
  readonly effectiveOn: string;
  readonly dueBy: string;
  readonly state: DisclosureState;
  readonly stateLabel: string;
  readonly publishedOn?: string;
  readonly withdrawOn?: string;
  readonly withdrawnOn?: string;
  readonly withdrawnReason?: string;
  /** The publication record's version, for an early withdrawal (0 while not published). */
  readonly version: number;
}

export function disclosureView(
  p: PenaltyItem,
  record: DisclosureRecord | undefined,
  terms: DisclosureTerms,
  today: string,
): DisclosureView {
  const dueBy = record?.dueBy ?? dueByOf(p, terms);
  const state: DisclosureState = record ? record.status : today > dueBy ? 'overdue' : 'due';
  return {
    penaltyId: p.penaltyId,
    mineId: p.mineId,
    mineName: p.mineName,
    jurisdiction: p.jurisdiction,
    kind: p.kind,
    kindLabel: PENALTY_KIND_LABELS[p.kind],
    ...(p.decisionNo ? { decisionNo: p.decisionNo } : {}),
    effectiveOn: p.effectiveOn!,
    dueBy,
    state,
    stateLabel: DISCLOSURE_STATE_LABELS[state],
    ...(record
      ? {
          publishedOn: record.publishedOn,
          withdrawOn: record.withdrawOn,
          ...(record.withdrawnOn ? { withdrawnOn: record.withdrawnOn } : {}),
          ...(record.withdrawnReason ? { withdrawnReason: record.withdrawnReason } : {}),
        }
      : {}),
    version: record?.version ?? 0,
  };
}

/** The publication state of every decision in force in the caller's jurisdiction (and below), newest first. */
export async function listDisclosures(store: TenantStore, query: { state?: DisclosureState | undefined }) {
  const scope = store.bureauScope();
  const prefix = gsi1.jurisdictionPrefix(scope);
  const [penalties, records] = await Promise.all([
    queryAll<PenaltyItem>(store.shared, {
      index: 'GSI1',
      partition: gsi1.penaltiesOfProvince(scope),
      beginsWith: prefix,
      newestFirst: true,
    }),
    queryAll<DisclosureRecord>(store.shared, {
      index: 'GSI1',
      partition: disclosureKeys.ofProvince(scope),
      beginsWith: prefix,
    }),
  ]);
  const byId = new Map(records.map((r) => [r.penaltyId, r]));
  const terms = new Map<string, DisclosureTerms>();
  const today = todayInShanghai(store.now());
  const items: DisclosureView[] = [];
  for (const p of penalties.filter(isDisclosable)) {
    if (!terms.has(p.jurisdiction))
      terms.set(p.jurisdiction, (await disclosurePolicy.inForce(store.shared, p.jurisdiction)).values);
    items.push(disclosureView(p, byId.get(p.penaltyId), terms.get(p.jurisdiction)!, today));
  }
  return { items: query.state ? items.filter((i) => i.state === query.state) : items };
}

/** One decision's publication state (404 outside the caller's scope, 422 while it is not in force). */
export async function getDisclosure(store: TenantStore, penaltyId: string) {
  const { penalty, db } = await loadPenalty(store, penaltyId);
  if (!isDisclosable(penalty))
    throw new RuleError(`处罚 ${penaltyId} 尚未生效，无需公示`, [{ field: 'penaltyId', message: '处罚尚未生效' }]);
  const record = await getItem<DisclosureRecord>(db, disclosureKeys.record(penalty.mineId, penaltyId));
  const { values } = await disclosurePolicy.inForce(db, penalty.jurisdiction);
  return disclosureView(penalty, record && (stripKeys(record) as DisclosureRecord), values, todayInShanghai(db.now()));
}

/**
 * An early withdrawal by the bureau's admin (the decision revoked or changed on review, …): only a published
 * decision, with a reason, at the record's version; audited like the withdrawal on schedule.
 */
export async function withdrawEarly(store: TenantStore, penaltyId: string, body: { reason: string; version: number }) {
  const { penalty, db } = await loadPenalty(store, penaltyId);
  const record = await getItem<DisclosureRecord>(db, disclosureKeys.record(penalty.mineId, penaltyId));
  if (record?.status !== 'published')
    throw new RuleError(`处罚 ${penaltyId} 未在公示中，不能撤下`, [
      { field: 'penaltyId', message: record ? '已撤下' : '尚未公示' },
    ]);
  if (record.version !== body.version)
    throw new ConflictError(`处罚 ${penaltyId} 的公示已被他人处理，请刷新后重试`, [
      { field: 'body.version', message: `当前版本为 ${record.version}，请刷新后重试` },
    ]);
  const today = todayInShanghai(db.now());
  const after = await withdraw(db, stripKeys(record) as DisclosureRecord, today, body.reason, actorOf(store.principal));
  const { values } = await disclosurePolicy.inForce(db, penalty.jurisdiction);
  return disclosureView(penalty, after, values, today);
}

const PUBLIC_FIELDS = [
  'disclosureId',
  'enterpriseName',
  'creditCode',
  'kind',
  'kindLabel',
  'facts',
  'basis',
  'decision',
  'decisionNo',
  'decidedOn',
  'year',
  'bureau',
  'publishedOn',
] as const satisfies readonly (keyof PublicDisclosure)[];

const publicOf = (item: Record<string, unknown>): PublicDisclosure =>
  Object.fromEntries(PUBLIC_FIELDS.map((f) => [f, item[f]])) as unknown as PublicDisclosure;

export interface PublicDisclosureQuery extends PageRequest {
  /** Part of the enterprise's name, its credit code or the decision number. */
  readonly q?: string | undefined;
  readonly year?: string | undefined;
  readonly kind?: PenaltyItem['kind'] | undefined;
}

/** The published decisions, newest decision first, searched by name / credit code / decision number, year, kind. */
export async function listPublicDisclosures(db: Db, query: PublicDisclosureQuery): Promise<Page<PublicDisclosure>> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const conditions: string[] = [];
  const q = query.q?.trim();
  if (q) {
    names['#search'] = 'searchText';
    values[':q'] = q.toUpperCase();
    conditions.push('contains(#search, :q)');
  }
  if (query.year) {
    names['#year'] = 'year';
    values[':year'] = query.year;
    conditions.push('#year = :year');
  }
  if (query.kind) {
    names['#kind'] = 'kind';
    values[':kind'] = query.kind;
    conditions.push('#kind = :kind');
  }
  const found = await queryPage<Record<string, unknown>>(
    db,
    {
      index: 'GSI1',
      partition: disclosureKeys.publicList,
      newestFirst: true,
      ...(conditions.length ? { filter: { expression: conditions.join(' AND '), names, values } } : {}),
    },
    query,
  );
  return { items: found.items.map(publicOf), nextCursor: found.nextCursor };
}

export async function getPublicDisclosure(db: Db, disclosureId: string): Promise<PublicDisclosure> {
  const item = await getItem<Record<string, unknown>>(db, disclosureKeys.publicItem(disclosureId));
  if (!item) throw new NotFoundError(`执法公示 ${disclosureId} 未公示或不存在`);
  return publicOf(item);
}

/** The published statistics: of one year (every jurisdiction), or of every year, newest first. */
export async function listPublicStatistics(db: Db, query: { year?: string | undefined }) {
  const items = await queryAll<Record<string, unknown>>(db, {
    index: 'GSI1',
    partition: disclosureKeys.statisticsList,
    ...(query.year ? { beginsWith: `${query.year}#` } : {}),
    newestFirst: true,
  });
  return { items: items.map((i) => stripKeys(i) as unknown as EnforcementStatistics) };
}
