import { ConflictError, NotFoundError, ValidationError } from '#lib/errors.ts';
import { jurisdictionsWithMines } from '#lib/jobs/mine-chunks.ts';
import { notify, type Recipient } from '#lib/notifications/notification.ts';
import { logger } from '#lib/observability/powertools.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { actorOf, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { queryDue } from '#lib/store/due-index.ts';
import { gsi3, pk, sk, stripKeys } from '#lib/store/keys.ts';
import type { Page, PageRequest } from '#lib/store/pagination.ts';
import { getItem, type QuerySpec, queryAll, queryPage, queryPageInOrder } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putNew, putVersioned, transact } from '#lib/store/transact.ts';
import { assertOfficialInScope } from '#lib/users/official-check.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { findingWrite, inspectionInProgress } from '#lib/violations/inspection-findings.ts';
import {
  type HazardItem,
  type HazardStatus,
  type HazardView,
  hazardJurisdictionPrefix,
  hazardKey,
  hazardKeys,
  hazardPointer,
  hazardView,
} from './hazard-item.ts';
import {
  applyHazardAction,
  checkHazardAction,
  checkHazardInput,
  type HazardAction,
  type HazardActionInput,
  type HazardInput,
  staleHazard,
} from './rules.ts';
import { effectiveUntil, HAZARD_STANDARDS, standardInForce } from './standards.ts';

/**
 * Hazards (隐患排查治理) through the tenant store: record, read, list by mine or by jurisdiction, act on the flow.
 * Every change writes the hazard, its index keys and its audit event in one transaction, with a version check.
 */

type Mine = Pick<MineItem, 'mineId' | 'name' | 'jurisdiction'>;
const hazardNotFound = (hazardId: string) => new NotFoundError(`隐患 ${hazardId} 不存在`);

const ACTION_AUDIT: Record<HazardAction, string> = {
  start: 'hazard.started',
  submit: 'hazard.submitted',
  verify: 'hazard.verified',
  reject: 'hazard.rejected',
};

/** Records a hazard against a mine the caller may see (404 otherwise): an inspector's finding or the mine's own report. */
export async function recordHazard(store: TenantStore, mineId: string, input: HazardInput): Promise<HazardView> {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const now = db.now();
  const today = todayInShanghai(now);
  const checked = checkHazardInput(input, { today, callerKind: store.principal.kind });
  if (input.caseId) {
    const pointer = await getItem<{ mineId: string }>(db, { PK: pk.caseId(input.caseId), SK: sk.casePointer });
    if (pointer?.mineId !== mineId)
      throw new ValidationError(`案件 ${input.caseId} 不存在或不属于该煤矿`, [
        { field: 'body.caseId', message: '本矿没有这个案件' },
      ]);
  }
  // Found on an inspection under way: it must be this mine's in-progress inspection, whose findings it joins in the
  // same transaction (422 naming body.inspectionId otherwise).
  const onInspection = input.inspectionId
    ? await inspectionInProgress(db, mineId, input.inspectionId, 'body.inspectionId')
    : undefined;
  // The supervising official gets the listing notice and every reminder: someone of the directory who supervises
  // this mine (422 otherwise), recorded by the directory's name, not the one the request wrote.
  const supervision = checked.supervision && {
    ...checked.supervision,
    official: await assertOfficialInScope(db, checked.supervision.official.userId, mine, {
      field: 'body.supervision.official.userId',
      label: '督办人',
    }).then((u) => ({ userId: u.userId, name: u.name })),
  };
  const at = now.toISOString();
  const actor = actorOf(store.principal);
  const hazardId = db.newId('hz');
  const item: HazardItem = {
    hazardId,
    mineId,
    mineName: mine.name,
    jurisdiction: mine.jurisdiction,
    level: input.level,
    ...(checked.standard ? { standardVersion: checked.standard.id } : {}),
    ...(checked.category ? { category: checked.category.code, categoryName: checked.category.name } : {}),
    description: input.description,
    location: input.location,
    foundOn: checked.foundOn,
    deadline: input.deadline,
    ...(input.measures ? { measures: input.measures } : {}),
    ...(supervision ? { supervision } : {}),
    source: checked.source,
    ...(input.inspectionId ? { inspectionId: input.inspectionId } : {}),
    ...(input.caseId ? { caseId: input.caseId } : {}),
    status: 'reported',
    recordedBy: actor,
    recordedAt: at,
    steps: [{ action: 'record', at, by: actor }],
    version: 1,
    updatedAt: at,
  };
  const { steps: _steps, ...record } = item;
  const duplicate = new ConflictError(`隐患 ${hazardId} 已存在`);
  await transact(db, [
    putNew(db, { ...hazardKeys(item), ...item }, duplicate),
    putNew(db, hazardPointer(item), duplicate),
    ...(onInspection ? [findingWrite(db, onInspection, 'hazardIds', hazardId, at, 'body.inspectionId')] : []),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: 'hazard.recorded',
        entityType: 'hazard',
        entityId: hazardId,
        after: record as Record<string, unknown>,
      },
      at,
    ),
  ]);
  // The hazard stands once recorded: a notice that cannot be recorded now is logged, not the caller's error.
  if (item.level === 'major')
    await tellOfListedSupervision(db, mine, item).catch((error: unknown) =>
      logger.error('Major hazard recorded, listing notice not', error as Error),
    );
  return hazardView(item, today);
}

/** A major hazard under listed supervision (挂牌督办): the mine, its official, the supervising official and the leaders are told. */
async function tellOfListedSupervision(db: Db, mine: MineItem, h: HazardItem): Promise<void> {
  const recipients: Recipient[] = [
    { type: 'mine', mineId: h.mineId },
    { type: 'leaders', jurisdiction: h.jurisdiction },
  ];
  if (mine.assignedOfficial)
    recipients.push({ type: 'user', userId: mine.assignedOfficial.userId, name: mine.assignedOfficial.name });
  if (h.supervision)
    recipients.push({ type: 'user', userId: h.supervision.official.userId, name: h.supervision.official.name });
  await notify(db, {
    kind: 'hazard.major_listed',
    eventKey: `hazard.major_listed:${h.hazardId}`,
    mineId: h.mineId,
    jurisdiction: h.jurisdiction,
    severity: 'critical',
    title: `重大事故隐患挂牌督办：${h.mineName}`,
    body: `${h.mineName}${h.foundOn} 查出重大事故隐患（${h.categoryName ?? h.category ?? ''}）：${h.description}。整改期限 ${h.deadline}，挂牌督办。`,
    sms: `${h.mineName}重大事故隐患挂牌督办，期限${h.deadline}`,
    recipients,
    ref: { entityType: 'hazard', entityId: h.hazardId },
  });
}

/** Finds a hazard by id and checks the caller may see its mine; 404 otherwise, exactly as for one that does not exist. */
export async function loadHazard(
  store: TenantStore,
  hazardId: string,
): Promise<{ hazard: HazardItem; mine: Mine; db: Db }> {
  const { profile: mine, db } = await store.mineOf<{ mineId: string }, MineItem>(
    { PK: hazardKey.pointerPk(hazardId), SK: hazardKey.pointerSk },
    hazardNotFound(hazardId),
  );
  const item = await getItem<HazardItem>(db, { PK: pk.mine(mine.mineId), SK: hazardKey.sk(hazardId) });
  if (!item) throw hazardNotFound(hazardId);
  // Filed under the mine's jurisdiction of today: a change saved after a move lands on the new district's list.
  return { hazard: { ...(stripKeys(item) as HazardItem), jurisdiction: mine.jurisdiction }, mine, db };
}

export async function getHazard(store: TenantStore, hazardId: string): Promise<HazardView> {
  const { hazard } = await loadHazard(store, hazardId);
  return hazardView(hazard, todayInShanghai(store.now()));
}

/** start | submit | verify | reject: role (403), state and four-eyes (422), version (409), note (400); audited. */
export async function actOnHazard(store: TenantStore, hazardId: string, input: HazardActionInput): Promise<HazardView> {
  const { hazard, mine, db } = await loadHazard(store, hazardId);
  checkHazardAction(hazard, store.principal, input);
  const at = db.now().toISOString();
  const actor = actorOf(store.principal);
  // The mine's current jurisdiction and name, should it have moved since the hazard was recorded.
  const current: HazardItem = { ...hazard, jurisdiction: mine.jurisdiction, mineName: mine.name };
  const after = applyHazardAction(current, actor, input, at);
  await transact(db, [
    putVersioned(db, { ...hazardKeys(after), ...after }, hazard.version, staleHazard(hazardId)),
    auditWrite(
      db,
      actor,
      {
        mineId: hazard.mineId,
        jurisdiction: mine.jurisdiction,
        action: ACTION_AUDIT[input.action],
        entityType: 'hazard',
        entityId: hazardId,
        before: { status: hazard.status },
        after: { status: after.status, ...(input.evidence?.length ? { evidence: input.evidence } : {}) },
        reason: input.note,
      },
      at,
    ),
  ]);
  return hazardView(after, todayInShanghai(db.now()));
}

export interface HazardListQuery extends PageRequest {
  readonly status?: HazardStatus | undefined;
  readonly overdue?: 'true' | 'false' | undefined;
  readonly major?: 'true' | 'false' | undefined;
}

/** The filter of a listing: status, overdue (open and deadline < today), level. */
export function hazardFilter(query: HazardListQuery, today: string): QuerySpec['filter'] | undefined {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const conditions: string[] = [];
  if (query.status) {
    names['#status'] = 'status';
    values[':status'] = query.status;
    conditions.push('#status = :status');
  }
  if (query.overdue) {
    Object.assign(names, { '#status': 'status', '#deadline': 'deadline' });
    Object.assign(values, { ':verified': 'verified', ':today': today });
    conditions.push(
      query.overdue === 'true'
        ? '(#status <> :verified AND #deadline < :today)'
        : '(#status = :verified OR #deadline >= :today)',
    );
  }
  if (query.major) {
    names['#level'] = 'level';
    values[':level'] = query.major === 'true' ? 'major' : 'general';
    conditions.push('#level = :level');
  }
  return conditions.length ? { expression: conditions.join(' AND '), names, values } : undefined;
}

const toViews = (items: readonly HazardItem[], today: string): HazardView[] =>
  items.map((h) => hazardView(stripKeys(h) as HazardItem, today));

/** One mine's hazards, newest first (404 for a mine the caller may not see). */
export async function listMineHazards(
  store: TenantStore,
  mineId: string,
  query: HazardListQuery,
): Promise<Page<HazardView>> {
  const { db } = await store.mine(mineId);
  const today = todayInShanghai(store.now());
  const filter = hazardFilter(query, today);
  const page = await queryPage<HazardItem>(
    db,
    { partition: pk.mine(mineId), beginsWith: hazardKey.skPrefix, newestFirst: true, ...(filter ? { filter } : {}) },
    query,
  );
  return { items: toViews(page.items, today), nextCursor: page.nextCursor };
}

/**
 * The caller's hazards: a bureau user's whole jurisdiction (GSI1 by path prefix), a mine user's own mine. Each page
 * is checked against the mines' current jurisdiction, so a mine moved elsewhere no longer shows here.
 */
export async function listHazards(store: TenantStore, query: HazardListQuery): Promise<Page<HazardView>> {
  if (store.principal.kind === 'mine') return listMineHazards(store, store.principal.mineId, query);
  const scope = store.bureauScope();
  const today = todayInShanghai(store.now());
  const page = query.status
    ? await hazardsByStatus(store, scope, query.status, query, today)
    : await queryPage<HazardItem>(
        store.shared,
        {
          index: 'GSI1',
          partition: hazardKey.ofProvince(scope),
          beginsWith: hazardJurisdictionPrefix(scope),
          ...filterOf(query, today),
        },
        query,
      );
  const mineIds = [...new Set(page.items.map((h) => h.mineId))];
  // Which mines the caller sees, nothing else of them: a page of hazards names up to a hundred mines.
  const { profiles } = await store.mines(mineIds, []);
  const visible = new Set(profiles.map((m) => m.mineId));
  return {
    items: toViews(
      page.items.filter((h) => visible.has(h.mineId)),
      today,
    ),
    nextCursor: page.nextCursor,
  };
}

const filterOf = (query: HazardListQuery, today: string) => {
  const filter = hazardFilter(query, today);
  return filter ? { filter } : {};
};

/**
 * One status's hazards of a jurisdiction: the status is part of the index's sort key under each jurisdiction with
 * mines (<path>/#<status>#<id>), so each jurisdiction in the scope is one key range read in the index's order, and
 * DynamoDB reads only that status's hazards, not the scope's year of them filtered (the list of hazards being
 * rectified of a city is a few dozen among thousands).
 */
async function hazardsByStatus(
  store: TenantStore,
  scope: string,
  status: HazardStatus,
  query: HazardListQuery,
  today: string,
): Promise<Page<HazardItem>> {
  const paths = await jurisdictionsWithMines(store.shared, scope);
  const filter = filterOf({ ...query, status: undefined }, today);
  const specs = paths
    .map((path) => hazardKey.statusPrefix(path, status))
    // In the index's order: DynamoDB compares sort keys as UTF-8 bytes.
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .map((prefix) => ({
      index: 'GSI1' as const,
      partition: hazardKey.ofProvince(scope),
      beginsWith: prefix,
      ...filter,
    }));
  return queryPageInOrder<HazardItem>(store.shared, specs, query);
}

/**
 * The open hazards of a mine, newest first, for other capabilities (the mine's record page, the acceptance of a
 * resumption). The caller has already checked the mine is in scope (TenantStore.mine). Read from the mine's own
 * partition of the credit index, where a hazard stands under `OPEN#HAZARD#<id>` until it is verified: one key range
 * of the open ones, however many hazards the mine has closed over the years (its partition's `HAZARD#` range holds
 * them all). The filter only guards a verified hazard stored without its verification time, which stays there.
 */
export async function openHazardsOf(db: Db, mineId: string, now: Date = db.now()): Promise<HazardView[]> {
  const items = await queryAll<HazardItem>(db, {
    index: 'GSI3',
    partition: gsi3.creditOf(mineId),
    beginsWith: hazardKey.openInCreditIndex,
    newestFirst: true,
    filter: { expression: '#status <> :verified', names: { '#status': 'status' }, values: { ':verified': 'verified' } },
  });
  return toViews(items, todayInShanghai(now));
}

/** Open hazards of a jurisdiction's mines whose deadline is `date`: one Query on its partition of the due-date index. */
export async function hazardsDueOn(db: Db, jurisdiction: string, date: string): Promise<HazardItem[]> {
  const due = await queryDue<HazardItem>(db, { jurisdiction, from: date, to: date, kind: hazardKey.dueKind });
  return due.map((h) => stripKeys(h.item) as HazardItem);
}

/** The standard's versions and their categories, with the one in force today marked. */
export function listHazardStandards(now: Date) {
  const inForce = standardInForce(todayInShanghai(now))?.id;
  return {
    items: HAZARD_STANDARDS.map((s) => {
      const until = effectiveUntil(s);
      return {
        ...s,
        ...(until ? { effectiveUntil: until } : {}),
        categories: [...s.categories],
        inForce: s.id === inForce,
      };
    }),
  };
}
