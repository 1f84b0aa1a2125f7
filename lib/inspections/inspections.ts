import type * as z from 'zod/mini';
import { ConflictError } from '#lib/errors.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { actorOf, auditWrite } from '#lib/store/audit.ts';
import {
  createWrites,
  type DatedListQuery,
  INSPECTION_KIND,
  latestOfMine,
  loadDated,
  mineRecordsBetween,
  mineRecordsPage,
  reachableRecordsPage,
} from '#lib/store/dated-records.ts';
import type { Db } from '#lib/store/db.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { refuseFutureDates } from '#lib/validators/past-dates.ts';
import {
  INSPECTION_STATUS_LABELS,
  type InspectionRecord,
  type InspectionStatus,
  inspectionDueKeys,
  type LastInspection,
  lastInspectionKey,
} from './inspection-item.ts';
import {
  assertViolationsOfMine,
  doneOn,
  leaderOf,
  planDoneWrites,
  planRefOf,
  startedOn,
  transactWithLast,
} from './inspection-writes.ts';
import type { createInspectionBody } from './schemas.ts';
import { INSPECTION_TOPIC_LABELS } from './vocabulary.ts';
/**
 * Enforcement inspections: planned → done (completed, with findings) or cancelled; or recorded done directly. Each
 * change is audited in its transaction. Whenever an inspection is done, the mine's last inspection date (one item,
 * read with one GetItem by the credit model's planning) moves forward in the same transaction, never back.
 */ export function inspectionView(r: InspectionRecord, now: Date) {
  return {
    ...r,
    topicLabels: (r.topics ?? []).map((t) => INSPECTION_TOPIC_LABELS[t]),
    decisions: r.decisions ?? [],
    statusLabel: INSPECTION_STATUS_LABELS[r.status],
    overdue: r.status === 'planned' && !!r.plannedOn && r.plannedOn < todayInShanghai(now),
  };
}
const CREATE_AUDIT = { planned: 'inspection.planned', done: 'inspection.recorded', started: 'inspection.started' };

type CreateBody = z.infer<typeof createInspectionBody>;

export async function createInspection(store: TenantStore, mineId: string, body: CreateBody) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const now = db.now();
  if (body.kind === 'done') {
    refuseFutureDates(now, doneOn(body.doneOn));
    await assertViolationsOfMine(db, mineId, body.findings.violationIds, 'body.findings.violationIds');
  }
  if (body.kind === 'started') refuseFutureDates(now, startedOn(body.startedOn));
  const planItem = await planRefOf(db, mineId, body.planItem, undefined, 'body.planItem');
  const at = now.toISOString();
  const actor = actorOf(store.principal);
  const inspectionId = db.newId('insp');
  const base = {
    inspectionId,
    mineId,
    mineName: mine.name,
    jurisdiction: mine.jurisdiction,
    inspectors: body.inspectors,
    recordedBy: actor,
    recordedAt: at,
    version: 1,
    updatedAt: at,
    ...(planItem ? { planItem } : {}),
  };
  const record: InspectionRecord =
    body.kind === 'started'
      ? {
          ...base,
          status: 'in_progress',
          date: body.startedOn,
          startedOn: body.startedOn,
          leader: leaderOf(body.inspectors, body.leaderUserId),
          topics: body.topics,
          purpose: body.purpose,
          findings: { hazardIds: [], violationIds: [] },
          steps: [{ action: 'start', at, by: actor }],
        }
      : body.kind === 'planned'
        ? {
            ...base,
            status: 'planned',
            date: body.plannedOn,
            plannedOn: body.plannedOn,
            purpose: body.purpose,
            findings: { hazardIds: [], violationIds: [] },
            steps: [{ action: 'plan', at, by: actor }],
          }
        : {
            ...base,
            status: 'done',
            date: body.doneOn,
            ...(body.plannedOn ? { plannedOn: body.plannedOn } : {}),
            doneOn: body.doneOn,
            ...(body.purpose ? { purpose: body.purpose } : {}),
            summary: body.summary,
            findings: body.findings,
            steps: [{ action: 'record', at, by: actor }],
          };
  await transactWithLast(db, record, at, () => [
    ...createWrites(
      db,
      INSPECTION_KIND,
      record,
      new ConflictError(`执法检查 ${inspectionId} 已存在`),
      inspectionDueKeys(record),
    ),
    ...planDoneWrites(db, record, 'body.planItem'),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: CREATE_AUDIT[body.kind],
        entityType: 'inspection',
        entityId: inspectionId,
        after: { ...record },
      },
      at,
    ),
  ]);
  return inspectionView(record, db.now());
}

export async function getInspection(store: TenantStore, inspectionId: string) {
  return inspectionView(await loadDated<InspectionRecord>(store, INSPECTION_KIND, inspectionId), store.now());
}

/** The states each action is taken from. */
type InspectionQuery = DatedListQuery & { status?: InspectionStatus | undefined };

export async function listMineInspections(store: TenantStore, mineId: string, query: InspectionQuery) {
  const page = await mineRecordsPage<InspectionRecord>(store, INSPECTION_KIND, mineId, query, { status: query.status });
  const now = store.now();
  return { items: page.items.map((r) => inspectionView(r, now)), nextCursor: page.nextCursor };
}

export async function listInspections(store: TenantStore, query: InspectionQuery) {
  const page = await reachableRecordsPage<InspectionRecord>(store, INSPECTION_KIND, query, { status: query.status });
  const now = store.now();
  return { items: page.items.map((r) => inspectionView(r, now)), nextCursor: page.nextCursor };
}

/** A mine's latest inspections by date (planned ones included), for the mine's file page. */
export async function recentInspections(db: Db, mineId: string, limit: number) {
  const now = db.now();
  return (await latestOfMine<InspectionRecord>(db, INSPECTION_KIND, mineId, limit)).map((r) => inspectionView(r, now));
}

/** The date of the mine's last done inspection, or undefined if it has none: one GetItem (for the credit plan). */
export async function lastInspectionOn(db: Db, mineId: string): Promise<string | undefined> {
  return (await getItem<LastInspection>(db, lastInspectionKey(mineId)))?.lastInspectionOn;
}

/** A mine's inspections filed under `from`..`to` (inclusive), oldest first (done ones by the day they were done). */
export async function inspectionsOf(db: Db, mineId: string, from: string, to: string) {
  const now = db.now();
  return (await mineRecordsBetween<InspectionRecord>(db, INSPECTION_KIND, mineId, from, to)).map((r) =>
    inspectionView(r, now),
  );
}
