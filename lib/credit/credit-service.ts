import type * as z from 'zod/mini';
import { type LastInspection, lastInspectionKey } from '#lib/inspections/inspection-item.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { batchGet } from '#lib/store/batch.ts';
import { gsi1, pk, sk } from '#lib/store/keys.ts';
import type { Page } from '#lib/store/pagination.ts';
import { getItem, queryAll, queryPage } from '#lib/store/query.ts';
import { recordFilter } from '#lib/store/record-filter.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { daysInMonth, todayInShanghai } from '#lib/validators/business-date.ts';
import { classify } from './classify.ts';
import { creditPolicyCache, creditPolicyFor } from './credit-policy.ts';
import { creditCurrentKey, creditRecordsOf, type StoredCredit, storedCreditOf } from './credit-store.ts';
import type { Tier } from './policy.ts';
import type { CreditRecord } from './records.ts';
import {
  CREDIT_SUMMARY_ATTRIBUTES,
  type creditHistoryQuery,
  type creditSummarySchema,
  type inspectionPlanQuery,
  type listCreditQuery,
  type simulateBody,
} from './schemas.ts';
import { nextInspectionDue } from './supervision.ts';

/** Reading a mine's credit, the jurisdiction's list, what-ifs and the inspection plan, for the API. */

/** A mine's classification now: the stored one, or, for a mine the nightly job has not seen yet, computed and not stored. */
export async function currentCredit(
  store: TenantStore,
  mineId: string,
): Promise<StoredCredit & { provisional?: true }> {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const found = await getItem<Record<string, unknown>>(db, creditCurrentKey(mineId));
  if (found) return storedCreditOf(found);
  const asOf = todayInShanghai(store.now());
  const policy = await creditPolicyFor(store.shared, mine.jurisdiction);
  const [records, last] = await Promise.all([
    creditRecordsOf(db, mineId, asOf, policy),
    getItem<LastInspection>(db, lastInspectionKey(mineId)),
  ]);
  const result = classify({ asOf, records, standardisationGrade: mine.standardisationGrade, policy });
  const lastInspectionOn = last?.lastInspectionOn ?? null;
  return {
    ...result,
    mineId,
    mineName: mine.name,
    jurisdiction: mine.jurisdiction,
    previousTier: null,
    tierSince: asOf,
    lastInspectionOn,
    nextInspectionDue: nextInspectionDue({
      tier: result.tier,
      lastInspectionOn,
      asOf,
      perYear: policy.inspectionsPerYear,
    }),
    computedAt: store.now().toISOString(),
    provisional: true,
  };
}

/**
 * A mine's classifications, newest first: the current one, then the snapshot of every earlier day classified. One
 * query from `CREDIT#<from>` to `CREDIT#CURRENT` (which sorts after every date), after reading the current one's day:
 * a table written before the current classification stopped having a snapshot of its own day may still hold one, and
 * that day is the current item's.
 */
export async function creditHistory(
  store: TenantStore,
  mineId: string,
  query: z.infer<typeof creditHistoryQuery>,
): Promise<Page<StoredCredit>> {
  const { db } = await store.mine(mineId);
  const current = await getItem<Pick<StoredCredit, 'asOf'>>(db, creditCurrentKey(mineId), { attributes: ['asOf'] });
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (current) {
    conditions.push('(#entity = :current OR #asOf <> :currentAsOf)');
    Object.assign(names, { '#entity': 'entity', '#asOf': 'asOf' });
    Object.assign(values, { ':current': 'creditCurrent', ':currentAsOf': current.asOf });
  }
  // The key range bounds the snapshots; the current item sorts after them all, so its day is filtered.
  if (query.from) {
    conditions.push('#asOf >= :from');
    names['#asOf'] = 'asOf';
    values[':from'] = query.from;
  }
  if (query.to) {
    conditions.push('#asOf <= :to');
    names['#asOf'] = 'asOf';
    values[':to'] = query.to;
  }
  // A change has a previous tier (the first classification of a mine is not one).
  if (query.changesOnly === 'true') {
    conditions.push('attribute_type(#prev, :s) AND #prev <> #tier');
    Object.assign(names, { '#prev': 'previousTier', '#tier': 'tier' });
    values[':s'] = 'S';
  }
  const page = await queryPage<Record<string, unknown>>(
    db,
    {
      partition: pk.mine(mineId),
      between: [sk.creditSnapshot(query.from ?? '0000-00-00'), sk.creditCurrent],
      newestFirst: true,
      ...(conditions.length ? { filter: { expression: conditions.join(' AND '), names, values } } : {}),
    },
    query,
  );
  return { items: page.items.map(storedCreditOf), nextCursor: page.nextCursor };
}

export async function listCredit(
  store: TenantStore,
  query: z.infer<typeof listCreditQuery>,
): Promise<Page<z.infer<typeof creditSummarySchema>>> {
  const under = store.listUnder(query.jurisdiction);
  if (under === null) return { items: [], nextCursor: null };
  return queryPage<z.infer<typeof creditSummarySchema>>(
    store.shared,
    {
      index: 'GSI1',
      partition: gsi1.creditOfProvince(under),
      beginsWith: gsi1.jurisdictionPrefix(under),
      ...(query.tier ? { filter: recordFilter({ tier: query.tier })! } : {}),
      attributes: CREDIT_SUMMARY_ATTRIBUTES,
    },
    query,
  );
}

/**
 * What-if: the mine's records as the classification reads them, with some added and some taken away, classified
 * under the policy in force. Nothing is stored.
 */
export async function simulateCredit(store: TenantStore, mineId: string, body: z.infer<typeof simulateBody>) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const asOf = body.asOf ?? todayInShanghai(store.now());
  const policy = await creditPolicyFor(store.shared, mine.jurisdiction);
  const records = await creditRecordsOf(db, mineId, asOf, policy);
  const known = new Set(records.map((r) => r.id));
  const removed = new Set(body.remove);
  const added = body.add.map((r, i) => ({ ...r, id: `sim-${i + 1}` }) as CreditRecord);
  const grade = body.standardisationGrade ?? mine.standardisationGrade;
  const current = classify({ asOf, records, standardisationGrade: mine.standardisationGrade, policy });
  const simulated = classify({
    asOf,
    records: [...records.filter((r) => !removed.has(r.id)), ...added],
    standardisationGrade: grade,
    policy,
  });
  return {
    current: { score: current.score, tier: current.tier },
    simulated,
    unknownRecordIds: body.remove.filter((id) => !known.has(id)),
  };
}

/**
 * The month's due inspections of a jurisdiction (差异化监管): each classified mine's next inspection from its tier
 * and its last inspection done, read now, so an inspection recorded today moves the mine off the plan at once.
 * Mines already overdue before the month are listed too, first.
 */
export async function inspectionPlan(store: TenantStore, query: z.infer<typeof inspectionPlanQuery>) {
  const under = store.listUnder(query.jurisdiction);
  if (under === null) return { month: query.month, items: [] };
  const credits = (
    await queryAll<Record<string, unknown>>(store.shared, {
      index: 'GSI1',
      partition: gsi1.creditOfProvince(under),
      beginsWith: gsi1.jurisdictionPrefix(under),
      // Only what the plan reads of each classification.
      attributes: ['mineId', 'mineName', 'jurisdiction', 'tier'],
    })
  ).map(storedCreditOf);
  const listed = await store.mines(
    credits.map((c) => c.mineId),
    [],
  );
  const last = new Map(
    (
      await batchGet<LastInspection>(
        listed.db,
        listed.profiles.map((m) => lastInspectionKey(m.mineId)),
      )
    ).map((l) => [l.mineId, l.lastInspectionOn]),
  );
  const policyOf = creditPolicyCache(store.shared);
  const [year, month] = query.month.split('-').map(Number) as [number, number];
  const monthEnd = `${query.month}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
  const today = todayInShanghai(store.now());
  const items = await Promise.all(
    credits.map(async (c) => {
      const perYear = (await policyOf(c.jurisdiction)).inspectionsPerYear;
      const lastInspectionOn = last.get(c.mineId) ?? null;
      const dueOn = nextInspectionDue({ tier: c.tier, lastInspectionOn, asOf: today, perYear });
      return {
        mineId: c.mineId,
        mineName: c.mineName,
        jurisdiction: c.jurisdiction,
        tier: c.tier as Tier,
        inspectionsPerYear: perYear[c.tier],
        lastInspectionOn,
        dueOn,
        overdue: dueOn < today,
      };
    }),
  );
  return {
    month: query.month,
    items: items
      .filter((i) => i.dueOn <= monthEnd && (i.dueOn >= `${query.month}-01` || i.overdue))
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.mineId.localeCompare(b.mineId)),
  };
}
