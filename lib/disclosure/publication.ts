import { ConflictError } from '#lib/errors.ts';
import { jurisdictionsWithMines } from '#lib/jobs/mine-chunks.ts';
import type { PenaltyItem } from '#lib/penalties/penalty-item.ts';
import { LICENCE_ACTION_LABELS, PENALTY_KIND_LABELS } from '#lib/penalties/vocabulary.ts';
import { ancestors } from '#lib/policies/policy-store.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { LICENCE_LABELS } from '#lib/registry/vocabulary.ts';
import { type Actor, auditWrite, systemActor } from '#lib/store/audit.ts';
import { batchGet } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { putItem } from '#lib/store/item.ts';
import { gsi1, pk, sk, stripKeys } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { put, putNew, putVersioned, remove, transact } from '#lib/store/transact.ts';
import { addMonths } from '#lib/validators/business-date.ts';
import {
  awaitingPublicationItem,
  type DisclosureRecord,
  disclosureKeys,
  disclosureRecordItem,
  type PublicDisclosure,
  publicDisclosureItem,
} from './disclosure-item.ts';
import { calendarOf, type DisclosureTerms, disclosurePolicy } from './disclosure-policy.ts';
import { maskPersonalData } from './mask.ts';
import { jurisdictionStatistics } from './statistics.ts';
import { addWorkingDays } from './working-days.ts';

export const DISCLOSURE_JOB = 'disclosure';
export const EXPIRED_REASON = '公示期满';

/** A decision that is published: in force (or executed since), with its date and number. */
export const isDisclosable = (p: PenaltyItem): boolean =>
  (p.status === 'effective' || p.status === 'executed') && !!p.effectiveOn && !!p.decisionNo;

/** The last working day a decision may be published on. */
export const dueByOf = (p: Pick<PenaltyItem, 'kind' | 'effectiveOn'>, terms: DisclosureTerms): string =>
  addWorkingDays(p.effectiveOn!, terms.workingDays[p.kind], calendarOf(terms));

/**
 * Puts a decision in force awaiting publication on the due-date index, due on its last working day, so the morning
 * scan reminds the bureau's leaders until the nightly run publishes it (the publication deletes it in its own
 * transaction). An index entry derived from the decision, not a record of its own: written again, it is the same.
 */
export async function awaitPublication(db: Db, p: PenaltyItem, terms: DisclosureTerms): Promise<void> {
  if (!isDisclosable(p)) return;
  await putItem(
    db,
    awaitingPublicationItem({
      penaltyId: p.penaltyId,
      mineId: p.mineId,
      mineName: p.mineName,
      jurisdiction: p.jurisdiction,
      kind: p.kind,
      decisionNo: p.decisionNo!,
      effectiveOn: p.effectiveOn!,
      dueBy: dueByOf(p, terms),
    }),
  );
}

/** What was decided, in words. */
export function decisionText(p: PenaltyItem): string {
  switch (p.kind) {
    case 'fine':
      return `罚款人民币 ${(p.amountYuan ?? 0).toLocaleString('en-US')} 元`;
    case 'ordered_suspension':
      return `责令停产整顿（${p.scope ?? '全矿'}），自 ${p.from} 起${p.to ? `至 ${p.to}` : '至验收合格'}`;
    case 'licence_action':
      return `${p.licenceAction ? LICENCE_ACTION_LABELS[p.licenceAction] : ''}${p.licenceType ? LICENCE_LABELS[p.licenceType] : '证照'}`;
    default:
      return PENALTY_KIND_LABELS[p.kind];
  }
}

/** The persons a penalty names (to mask them wherever the facts repeat them). */
function personsNamed(p: PenaltyItem): string[] {
  const named = (p as unknown as { persons?: readonly { name?: unknown }[] }).persons ?? [];
  return [
    ...(p.interviewee ? [p.interviewee] : []),
    ...named.flatMap((n) => (typeof n?.name === 'string' ? [n.name] : [])),
  ];
}

/** The bureau's name as the public reads it: its own name, else the jurisdiction's full name, else its path. */
export async function bureauNameOf(db: Db, path: string): Promise<string> {
  const chain = ancestors(path).reverse();
  const found = await batchGet<{ path: string; name?: string; bureauName?: string }>(
    db,
    chain.map((p) => ({ PK: pk.jurisdiction(p), SK: sk.jurisdictionName })),
  );
  const byPath = new Map(found.map((f) => [f.path, f]));
  const own = byPath.get(path);
  if (own?.bureauName) return own.bureauName;
  const names = chain.map((p) => byPath.get(p)?.name);
  return names.every(Boolean) ? `${names.join('')}应急管理局` : path;
}

/** The public projection of a decision: only what may be published, the facts masked. */
export function publicDisclosureOf(
  p: PenaltyItem,
  mine: Pick<MineItem, 'name' | 'creditCode'>,
  bureau: string,
  publishedOn: string,
): PublicDisclosure {
  const persons = personsNamed(p);
  return {
    disclosureId: p.penaltyId,
    enterpriseName: mine.name,
    creditCode: mine.creditCode,
    kind: p.kind,
    kindLabel: PENALTY_KIND_LABELS[p.kind],
    facts: maskPersonalData(p.description, persons),
    basis: maskPersonalData(p.basis, persons),
    decision: maskPersonalData(decisionText(p), persons),
    decisionNo: p.decisionNo!,
    decidedOn: p.effectiveOn!,
    year: p.effectiveOn!.slice(0, 4),
    bureau,
    publishedOn,
  };
}

/**
 * Publishes a decision in force: its record and its public projection, audited, in one transaction that takes it off
 * the due-date index. False when its mine's file is not there to publish from.
 */
async function publish(db: Db, p: PenaltyItem, date: string, terms: DisclosureTerms, bureau: string): Promise<boolean> {
  const mine = await getItem<MineItem>(db, { PK: pk.mine(p.mineId), SK: sk.profile });
  if (!mine) return false;
  const record: DisclosureRecord = {
    penaltyId: p.penaltyId,
    mineId: p.mineId,
    jurisdiction: p.jurisdiction,
    kind: p.kind,
    decisionNo: p.decisionNo!,
    effectiveOn: p.effectiveOn!,
    dueBy: dueByOf(p, terms),
    status: 'published',
    publishedOn: date,
    withdrawOn: addMonths(date, terms.publishedMonths[p.kind]),
    version: 1,
    updatedAt: db.now().toISOString(),
  };
  await transact(db, [
    putNew(db, disclosureRecordItem(record), new ConflictError(`处罚 ${p.penaltyId} 已公示`)),
    put(db, publicDisclosureItem(publicDisclosureOf(p, mine, bureau, date))),
    remove(db, disclosureKeys.awaiting(p.mineId, p.penaltyId)),
    auditWrite(db, systemActor(DISCLOSURE_JOB), {
      mineId: p.mineId,
      jurisdiction: p.jurisdiction,
      action: 'disclosure.published',
      entityType: 'penalty',
      entityId: p.penaltyId,
      before: null,
      after: { publishedOn: date, dueBy: record.dueBy, withdrawOn: record.withdrawOn },
    }),
  ]);
  return true;
}

/** Takes a publication off the public pages: the record says when and why, the projection is deleted. */
export async function withdraw(
  db: Db,
  r: DisclosureRecord,
  date: string,
  reason: string,
  actor: Actor,
): Promise<DisclosureRecord> {
  const after: DisclosureRecord = {
    ...r,
    status: 'withdrawn',
    withdrawnOn: date,
    withdrawnReason: reason,
    withdrawnBy: actor,
    version: r.version + 1,
    updatedAt: db.now().toISOString(),
  };
  await transact(db, [
    putVersioned(
      db,
      disclosureRecordItem(after),
      r.version,
      new ConflictError(`处罚 ${r.penaltyId} 的公示已被他人处理，请刷新后重试`),
    ),
    remove(db, disclosureKeys.publicItem(r.penaltyId)),
    auditWrite(db, actor, {
      mineId: r.mineId,
      jurisdiction: r.jurisdiction,
      action: 'disclosure.withdrawn',
      entityType: 'penalty',
      entityId: r.penaltyId,
      before: { status: r.status, publishedOn: r.publishedOn },
      after: { status: after.status, withdrawnOn: date },
      reason,
    }),
  ]);
  return after;
}

/** Files a publication record under the jurisdiction its mine has moved to, so that district's list shows it. */
async function refile(db: Db, r: DisclosureRecord, jurisdiction: string): Promise<void> {
  const after: DisclosureRecord = { ...r, jurisdiction, version: r.version + 1, updatedAt: db.now().toISOString() };
  await transact(db, [
    putVersioned(
      db,
      disclosureRecordItem(after),
      r.version,
      new ConflictError(`处罚 ${r.penaltyId} 的公示已被他人处理`),
    ),
    auditWrite(db, systemActor(DISCLOSURE_JOB), {
      mineId: r.mineId,
      jurisdiction,
      action: 'disclosure.refiled',
      entityType: 'penalty',
      entityId: r.penaltyId,
      before: { jurisdiction: r.jurisdiction },
      after: { jurisdiction },
    }),
  ]);
}

/** A jurisdiction's penalties (its own, not those below it) and its publication records: two index queries. */
export async function penaltiesAndRecords(db: Db, path: string) {
  const [penalties, records] = await Promise.all([
    queryAll<PenaltyItem>(db, { index: 'GSI1', partition: gsi1.penaltiesOfProvince(path), beginsWith: `${path}/#` }),
    queryAll<DisclosureRecord>(db, {
      index: 'GSI1',
      partition: disclosureKeys.ofProvince(path),
      beginsWith: `${path}/#`,
    }),
  ]);
  return { penalties, records };
}

export interface DisclosureRun {
  readonly published: string[];
  readonly withdrawn: string[];
  readonly statistics: string[];
  /** Decisions the run could not publish: they stay on the due-date index, reminded until published. */
  readonly failed: string[];
}

/**
 * The nightly run for `date`, per jurisdiction with mines (no Scan): publishes every decision in force not yet
 * published, withdraws every publication whose period has ended, and recomputes the year's statistics. A decision it
 * cannot publish does not stop the others: it stays awaiting publication (reminded), and the run fails at its end so
 * the job's alarm tells the operators.
 */
export async function runDisclosure(db: Db, date: string): Promise<DisclosureRun> {
  const run: DisclosureRun = { published: [], withdrawn: [], statistics: [], failed: [] };
  for (const path of await jurisdictionsWithMines(db)) {
    const { values: terms } = await disclosurePolicy.inForce(db, path);
    const { penalties, records } = await penaltiesAndRecords(db, path);
    const known = new Set(records.map((r) => r.penaltyId));
    const due = penalties.filter((p) => isDisclosable(p) && p.effectiveOn! <= date && !known.has(p.penaltyId));
    if (due.length) {
      const bureau = await bureauNameOf(db, path);
      for (const p of due) {
        // A mine moved here from another district brings its penalties; their records stay filed under the old
        // path until re-filed here, never published twice.
        const filed = await getItem<DisclosureRecord>(db, disclosureKeys.record(p.mineId, p.penaltyId));
        if (filed) await refile(db, stripKeys(filed) as DisclosureRecord, p.jurisdiction);
        else if (await publishOrAwait(db, p, date, terms, bureau)) run.published.push(p.penaltyId);
        else run.failed.push(p.penaltyId);
      }
    }
    for (const r of records.filter((r) => r.status === 'published' && r.withdrawOn <= date)) {
      await withdraw(db, r, date, EXPIRED_REASON, systemActor(DISCLOSURE_JOB));
      run.withdrawn.push(r.penaltyId);
    }
    await jurisdictionStatistics(db, path, date, penalties);
    run.statistics.push(path);
  }
  if (run.failed.length)
    throw new Error(
      `disclosure run for ${date}: ${run.failed.length} decision(s) not published: ${run.failed.join(', ')}`,
    );
  return run;
}

/** Publishes one decision; one it cannot publish is put (back) on the due-date index and the run goes on. */
async function publishOrAwait(
  db: Db,
  p: PenaltyItem,
  date: string,
  terms: DisclosureTerms,
  bureau: string,
): Promise<boolean> {
  try {
    if (await publish(db, p, date, terms, bureau)) return true;
  } catch (error) {
    // Published already (a run retried alongside): nothing awaits.
    if (error instanceof ConflictError) return true;
    await awaitPublication(db, p, terms);
    return false;
  }
  await awaitPublication(db, p, terms);
  return false;
}
