// Hazards on DynamoDB Local through the tenant store: the keys and indexes each status carries (GSI2 due item while
// open, GSI1 by status), one audit event per change in the same transaction, stale versions refused with nothing
// written, tenancy, and the listings by mine and by jurisdiction with their filters.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { ConflictError, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import {
  actOnHazard,
  getHazard,
  hazardsDueOn,
  listHazards,
  listMineHazards,
  openHazardsOf,
  recordHazard,
} from '#lib/hazards/hazards.ts';
import type { HazardInput } from '#lib/hazards/rules.ts';
import { notificationIdOf } from '#lib/notifications/notification.ts';
import { createMine, getMine, patchMine } from '#lib/registry/mines.ts';
import type { Db } from '#lib/store/db.ts';
import { queryDue } from '#lib/store/due-index.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { installIdentityProvider } from '#lib/users/identity.ts';
import { updateUser } from '#lib/users/manage-users.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { localIdentity } from '#local/local-identity.ts';
import { inDirectory } from '../../support/directory.ts';
import { admin, auditEvents, bureau, mineInput, mineUser } from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';
import { watchedDb } from '../../support/watched-db.ts';

const DS = 'hlj/hegang/dongshan';
const XS = 'hlj/hegang/xingshan';
const _TODAY = '2025-03-10';
const MORNING = '2025-03-10T01:00:00.000Z'; // 09:00 in Asia/Shanghai
const clock = testClock(MORNING);

const inspectorA = bureau('inspector', DS, 'inspector-a');
const inspectorB = bureau('inspector', DS, 'inspector-b');
const xsInspector = bureau('inspector', XS, 'inspector-xs');
const staff = mineUser('m-one');
const as = (p: Principal) => new TenantStore(db, p);

let db: Db;
beforeAll(async () => {
  db = await testDb({ now: clock.now });
  const provinceAdmin = new TenantStore(db, admin('hlj', 'province-admin'));
  await createMine(provinceAdmin, mineInput('m-one', { jurisdiction: DS }));
  await createMine(provinceAdmin, mineInput('m-two', { jurisdiction: DS }));
  await createMine(provinceAdmin, mineInput('m-xs', { jurisdiction: XS }));
  // The supervising official the major hazards name: a district inspector of the user directory.
  await inDirectory(db, bureau('inspector', DS, 'u-official'), { name: '督办人某' });
});
beforeEach(() => clock.set(MORNING));

const majorInput = (overrides: Partial<HazardInput> = {}): HazardInput => ({
  level: 'major',
  description: '回风巷瓦斯浓度 1.2% 仍在作业',
  location: '3102 回风巷',
  foundOn: '2025-03-08',
  deadline: '2025-03-25',
  category: 'GAS_OVERLIMIT',
  measures: '停止作业，撤出人员，加强通风',
  supervision: {
    responsiblePerson: { name: '矿长某', position: '矿长' },
    funds: { amount: 120000 },
    contingencyPlan: '瓦斯超限应急预案',
    official: { userId: 'u-official', name: '督办人某' },
  },
  ...overrides,
});
const generalInput = (overrides: Partial<HazardInput> = {}): HazardInput => ({
  level: 'general',
  description: '皮带机护栏缺失',
  location: '主斜井',
  foundOn: '2025-03-09',
  deadline: '2025-03-15',
  ...overrides,
});

const rawItem = (mineId: string, hazardId: string) =>
  getItem<Record<string, unknown>>(db, { PK: `MINE#${mineId}`, SK: `HAZARD#${hazardId}` });
const hazardEvents = async (mineId: string, hazardId: string) =>
  (await auditEvents(db, mineId)).filter((e) => e.entityType === 'hazard' && e.entityId === hazardId);
const dueOn = async (date: string, path = DS) =>
  (await queryDue<{ hazardId: string }>(db, { jurisdiction: path, from: date, to: date, kind: 'HAZARD' })).map(
    (e) => e.item,
  );
const byStatusOnGsi1 = (status: string) =>
  queryAll<{ hazardId: string }>(db, { index: 'GSI1', partition: 'HAZARDS#hlj', beginsWith: `${DS}/#${status}#` });

async function refusal<E>(promise: Promise<unknown>, kind: new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(kind);
  return error as E;
}

describe('a major hazard from record to 销号', () => {
  it('carries its keys while open, loses the due item when verified, one audit event per change', async () => {
    const h = await recordHazard(as(inspectorA), 'm-one', majorInput());
    expect(h).toMatchObject({
      status: 'reported',
      level: 'major',
      standardVersion: 'GB-2020',
      category: 'GAS_OVERLIMIT',
      categoryName: '瓦斯超限作业',
      source: 'inspection',
      mineName: 'm-one 煤矿',
      version: 1,
      overdue: false,
    });
    expect(h.hazardId).toMatch(/^hz-/);
    expect(await rawItem('m-one', h.hazardId)).toMatchObject({
      GSI1PK: 'HAZARDS#hlj',
      GSI1SK: `${DS}/#reported#${h.hazardId}`,
      GSI2PK: `DUE#${DS}`,
      GSI2SK: `2025-03-25#HAZARD#m-one#${h.hazardId}`,
      entity: 'hazard',
    });
    expect(await getItem(db, { PK: `HAZARDID#${h.hazardId}`, SK: 'HAZARD' })).toMatchObject({
      mineId: 'm-one',
      jurisdiction: DS,
    });
    expect((await hazardsDueOn(db, DS, '2025-03-25')).map((x) => x.hazardId)).toContain(h.hazardId);
    expect(await hazardsDueOn(db, XS, '2025-03-25')).toEqual([]);
    const recorded = await hazardEvents('m-one', h.hazardId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      action: 'hazard.recorded',
      actor: { sub: 'inspector-a', role: 'inspector' },
      before: null,
      after: { status: 'reported', category: 'GAS_OVERLIMIT' },
    });

    const started = await actOnHazard(as(staff), h.hazardId, { action: 'start', version: 1 });
    expect(started).toMatchObject({ status: 'rectifying', version: 2 });
    expect(await byStatusOnGsi1('rectifying')).toEqual([expect.objectContaining({ hazardId: h.hazardId })]);
    const submitted = await actOnHazard(as(staff), h.hazardId, {
      action: 'submit',
      version: 2,
      note: '已停止作业并调整通风系统',
      evidence: ['att-photo-1', 'att-report-2'],
    });
    expect(submitted).toMatchObject({
      status: 'submitted',
      rectification: {
        note: '已停止作业并调整通风系统',
        evidence: ['att-photo-1', 'att-report-2'],
        submittedBy: { sub: staff.sub },
      },
    });

    // The recorder may not close a major hazard: nothing is written.
    const before = await rawItem('m-one', h.hazardId);
    const refused = await refusal(actOnHazard(as(inspectorA), h.hazardId, { action: 'verify', version: 3 }), RuleError);
    expect(refused.message).toContain('四眼原则');
    expect(await rawItem('m-one', h.hazardId)).toEqual(before);
    expect(await hazardEvents('m-one', h.hazardId)).toHaveLength(3);

    const verified = await actOnHazard(as(inspectorB), h.hazardId, {
      action: 'verify',
      version: 3,
      note: '现场验收合格',
    });
    expect(verified).toMatchObject({
      status: 'verified',
      statusLabel: '已销号',
      verifiedBy: { sub: 'inspector-b' },
      version: 4,
    });
    const closed = await rawItem('m-one', h.hazardId);
    expect(closed).toMatchObject({ GSI1SK: `${DS}/#verified#${h.hazardId}` });
    expect(closed).not.toHaveProperty('GSI2PK');
    expect(closed).not.toHaveProperty('GSI2SK');
    expect((await dueOn('2025-03-25')).map((x) => x.hazardId)).not.toContain(h.hazardId);
    expect((await byStatusOnGsi1('submitted')).map((x) => x.hazardId)).not.toContain(h.hazardId);

    const events = await hazardEvents('m-one', h.hazardId);
    expect(events.map((e) => e.action).reverse()).toEqual([
      'hazard.recorded',
      'hazard.started',
      'hazard.submitted',
      'hazard.verified',
    ]);
    expect(events[0]).toMatchObject({
      actor: { sub: 'inspector-b' },
      before: { status: 'submitted' },
      after: { status: 'verified' },
      reason: '现场验收合格',
    });
    const detail = await getHazard(as(inspectorA), h.hazardId);
    expect(detail.steps.map((s) => s.action)).toEqual(['record', 'start', 'submit', 'verify']);
  });

  it('a rejection sends it back to rectifying, on the due index again', async () => {
    const h = await recordHazard(as(inspectorA), 'm-one', generalInput({ deadline: '2025-03-28' }));
    await actOnHazard(as(inspectorA), h.hazardId, { action: 'start', version: 1 });
    await actOnHazard(as(staff), h.hazardId, { action: 'submit', version: 2, note: '已补装护栏' });
    const rejected = await actOnHazard(as(inspectorA), h.hazardId, {
      action: 'reject',
      version: 3,
      note: '护栏高度不足',
    });
    expect(rejected).toMatchObject({ status: 'rectifying', version: 4 });
    expect(await rawItem('m-one', h.hazardId)).toMatchObject({
      GSI1SK: `${DS}/#rectifying#${h.hazardId}`,
      GSI2PK: `DUE#${DS}`,
      GSI2SK: `2025-03-28#HAZARD#m-one#${h.hazardId}`,
    });
    expect((await hazardEvents('m-one', h.hazardId))[0]).toMatchObject({
      action: 'hazard.rejected',
      reason: '护栏高度不足',
    });
    // The recorder of a general hazard may verify it once the mine resubmits.
    await actOnHazard(as(staff), h.hazardId, { action: 'submit', version: 4, note: '护栏已加高' });
    expect(await actOnHazard(as(inspectorA), h.hazardId, { action: 'verify', version: 5 })).toMatchObject({
      status: 'verified',
    });
  });
});

describe('versions', () => {
  it('a stale version is 409 and leaves the item and the audit log unchanged', async () => {
    const h = await recordHazard(as(inspectorA), 'm-one', generalInput());
    await actOnHazard(as(staff), h.hazardId, { action: 'start', version: 1 });
    const before = await rawItem('m-one', h.hazardId);
    const events = (await hazardEvents('m-one', h.hazardId)).length;
    await refusal(
      actOnHazard(as(staff), h.hazardId, { action: 'submit', version: 1, note: '整改完成' }),
      ConflictError,
    );
    expect(await rawItem('m-one', h.hazardId)).toEqual(before);
    expect(await hazardEvents('m-one', h.hazardId)).toHaveLength(events);
  });

  it('two people acting on the same version at once: one wins, the other gets 409', async () => {
    const h = await recordHazard(as(inspectorA), 'm-one', generalInput());
    await actOnHazard(as(staff), h.hazardId, { action: 'start', version: 1 });
    await actOnHazard(as(staff), h.hazardId, { action: 'submit', version: 2, note: '整改完成' });
    const results = await Promise.allSettled([
      actOnHazard(as(inspectorB), h.hazardId, { action: 'verify', version: 3 }),
      actOnHazard(as(bureau('bureau_admin', DS, 'admin-c')), h.hazardId, {
        action: 'reject',
        version: 3,
        note: '资料不全',
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    // Read before the winner wrote: the stale version is a 409. Read after: the hazard has left `submitted`, a 422.
    expect(lost.reason instanceof ConflictError || lost.reason instanceof RuleError).toBe(true);
    const events = await hazardEvents('m-one', h.hazardId);
    expect(events).toHaveLength(4);
    expect((await getHazard(as(inspectorA), h.hazardId)).version).toBe(4);
  });
});

describe('recording', () => {
  it('a mine user self-reports for its own mine only', async () => {
    const h = await recordHazard(as(staff), 'm-one', generalInput());
    expect(h).toMatchObject({ source: 'self_report', recordedBy: { sub: staff.sub, role: 'mine_user' } });
    await refusal(recordHazard(as(staff), 'm-two', generalInput()), NotFoundError);
  });

  it('refuses bad input with nothing written', async () => {
    const count = async () => (await queryAll(db, { partition: 'MINE#m-two', beginsWith: 'HAZARD#' })).length;
    const n = await count();
    const bad = await refusal(
      recordHazard(as(inspectorA), 'm-two', majorInput({ category: 'GAS_EXPLOSION', supervision: undefined })),
      ValidationError,
    );
    expect(bad.fields.map((f) => f.field)).toEqual([
      'body.category',
      'body.supervision.responsiblePerson',
      'body.supervision.funds',
      'body.supervision.contingencyPlan',
      'body.supervision.official',
    ]);
    await refusal(recordHazard(as(inspectorA), 'm-two', generalInput({ deadline: '2025-03-01' })), ValidationError);
    const noCase = await refusal(
      recordHazard(as(inspectorA), 'm-two', generalInput({ source: 'case', caseId: 'case-nope' })),
      ValidationError,
    );
    expect(noCase.fields).toEqual([{ field: 'body.caseId', message: '本矿没有这个案件' }]);
    expect(await count()).toBe(n);
  });

  it('another jurisdiction’s inspector cannot record, read, list or act on it: 404 as if absent', async () => {
    const h = await recordHazard(as(inspectorA), 'm-two', generalInput());
    await refusal(recordHazard(as(xsInspector), 'm-two', generalInput()), NotFoundError);
    await refusal(getHazard(as(xsInspector), h.hazardId), NotFoundError);
    await refusal(getHazard(as(mineUser('m-one')), h.hazardId), NotFoundError);
    await refusal(actOnHazard(as(xsInspector), h.hazardId, { action: 'start', version: 1 }), NotFoundError);
    await refusal(actOnHazard(as(mineUser('m-one')), h.hazardId, { action: 'start', version: 1 }), NotFoundError);
    await refusal(listMineHazards(as(xsInspector), 'm-two', {}), NotFoundError);
    expect((await listHazards(as(xsInspector), {})).items.map((x) => x.mineId)).not.toContain('m-two');
    const missing = await refusal(getHazard(as(xsInspector), 'hz-does-not-exist'), NotFoundError);
    const hidden = await refusal(getHazard(as(xsInspector), h.hazardId), NotFoundError);
    expect(hidden.message.replace(h.hazardId, 'X')).toBe(missing.message.replace('hz-does-not-exist', 'X'));
  });
});

describe('the supervising official (督办人) a request names', () => {
  // Each is told of the listing (critical: in-app, email, SMS through quiet hours) in words the requester wrote.
  const cityAdmin = bureau('bureau_admin', 'hlj/hegang', 'city-admin');
  const officials = {
    otherDistrict: bureau('inspector', XS, 'xs-official'),
    deactivated: bureau('inspector', DS, 'retired-official'),
    mineUser: mineUser('m-two', 'staff-of-m-two'),
    legalReviewer: bureau('legal_reviewer', DS, 'legal-official'),
    valid: bureau('bureau_admin', DS, 'ds-leader'),
    city: bureau('inspector', 'hlj/hegang', 'city-inspector'),
  };
  const withOfficial = (userId: string, name = '某某') =>
    majorInput({
      supervision: { ...majorInput().supervision, official: { userId, name } },
    });
  const written = async (mineId: string) => ({
    hazards: (await queryAll(db, { partition: `MINE#${mineId}`, beginsWith: 'HAZARD#' })).length,
    notifications: (await queryAll(db, { partition: `MINE#${mineId}`, beginsWith: 'NOTIFICATION#' })).length,
  });

  beforeAll(async () => {
    installIdentityProvider(localIdentity());
    await inDirectory(db, officials.otherDistrict, { name: '兴山区监管员' });
    await inDirectory(db, officials.deactivated, { name: '已停用监管员' });
    await inDirectory(db, officials.mineUser, { name: '二矿安全员', jurisdiction: DS });
    await inDirectory(db, officials.legalReviewer, { name: '法制审核员' });
    await inDirectory(db, officials.valid, { name: '东山区领导' });
    await inDirectory(db, officials.city, { name: '鹤岗市监管员' });
    await updateUser(as(cityAdmin), officials.deactivated.sub, { version: 1, active: false });
    return () => installIdentityProvider(undefined);
  });

  it.each([
    ['a user of another district', officials.otherDistrict.sub],
    ['an id the directory does not know', 'u-nobody'],
    ['a deactivated user', officials.deactivated.sub],
    ['a mine user', officials.mineUser.sub],
    ['a legal reviewer (reviews the decisions, never supervises them)', officials.legalReviewer.sub],
  ])('%s: 422 naming body.supervision.official.userId, nothing recorded, no one told', async (_, userId) => {
    for (const [store, mineId] of [
      [as(staff), 'm-one'],
      [as(inspectorA), 'm-two'],
    ] as const) {
      const before = await written(mineId);
      const refused = await refusal(recordHazard(store, mineId, withOfficial(userId)), RuleError);
      expect(refused.fields).toEqual([
        {
          field: 'body.supervision.official.userId',
          message:
            'must be an active bureau_admin or inspector of the user directory whose jurisdiction covers the mine',
        },
      ]);
      expect(await written(mineId)).toEqual(before);
    }
  });

  it('every refusal reads the same, so a mine learns nothing about users it may not see', async () => {
    const messages = new Set<string>();
    for (const userId of ['u-nobody', officials.otherDistrict.sub, officials.deactivated.sub, officials.mineUser.sub])
      messages.add((await refusal(recordHazard(as(staff), 'm-one', withOfficial(userId)), RuleError)).message);
    expect(messages.size).toBe(1);
  });

  it('the district’s own official, or one of the city above it: recorded under the directory’s name and told', async () => {
    for (const official of [officials.valid, officials.city]) {
      const h = await recordHazard(as(staff), 'm-one', withOfficial(official.sub, '局长（矿方自填）'));
      const name = official === officials.valid ? '东山区领导' : '鹤岗市监管员';
      expect(h.supervision?.official).toEqual({ userId: official.sub, name });
      const told = await getItem<{ recipients: unknown[] }>(db, {
        PK: 'MINE#m-one',
        SK: `NOTIFICATION#${notificationIdOf(`hazard.major_listed:${h.hazardId}`)}`,
      });
      expect(told?.recipients).toContainEqual({ type: 'user', userId: official.sub, name });
    }
  });
});

describe('listings', () => {
  let dbList: Db;
  const ids = (page: { items: { hazardId: string }[] }) => page.items.map((h) => h.hazardId).sort();
  const lister = (p: Principal) => new TenantStore(dbList, p);
  const made: Record<string, string> = {};

  beforeAll(async () => {
    clock.set('2025-02-01T01:00:00.000Z');
    dbList = await testDb({ now: clock.now });
    const root = new TenantStore(dbList, admin('hlj', 'province-admin'));
    for (const [id, jur] of [
      ['m-a', DS],
      ['m-b', DS],
      ['m-c', `${DS}/east`],
      ['m-x', XS],
    ] as const)
      await createMine(root, mineInput(id, { jurisdiction: jur }));
    await inDirectory(dbList, bureau('inspector', DS, 'u-official'), { name: '督办人某' });
    const inspector = lister(inspectorA);
    const rec = async (key: string, mineId: string, input: HazardInput, store = inspector) =>
      (made[key] = (await recordHazard(store, mineId, input)).hazardId);
    await rec('aMajorOverdue', 'm-a', majorInput({ foundOn: '2025-01-20', deadline: '2025-02-20' }));
    await rec('aGeneralOpen', 'm-a', generalInput({ foundOn: '2025-01-25', deadline: '2025-04-01' }));
    await rec('bGeneralOverdue', 'm-b', generalInput({ foundOn: '2025-01-25', deadline: '2025-02-10' }));
    await rec('bGeneralClosed', 'm-b', generalInput({ foundOn: '2025-01-25', deadline: '2025-02-10' }));
    await rec('cEastOverdue', 'm-c', generalInput({ foundOn: '2025-01-25', deadline: '2025-02-05' }));
    await rec('xOther', 'm-x', generalInput({ foundOn: '2025-01-25', deadline: '2025-02-05' }), lister(xsInspector));
    await actOnHazard(lister(mineUser('m-b')), made.bGeneralClosed!, { action: 'start', version: 1 });
    await actOnHazard(lister(mineUser('m-b')), made.bGeneralClosed!, { action: 'submit', version: 2, note: '完成' });
    await actOnHazard(inspector, made.bGeneralClosed!, { action: 'verify', version: 3 });
    await actOnHazard(lister(mineUser('m-a')), made.aGeneralOpen!, { action: 'start', version: 1 });
    clock.set(`${'2025-03-01'}T01:00:00.000Z`);
  });
  beforeEach(() => clock.set('2025-03-01T01:00:00.000Z'));

  it('a district bureau sees its district and below, never another', async () => {
    const all = await listHazards(lister(inspectorA), {});
    expect(ids(all)).toEqual(
      [made.aMajorOverdue, made.aGeneralOpen, made.bGeneralOverdue, made.bGeneralClosed, made.cEastOverdue].sort(),
    );
    expect(ids(await listHazards(lister(bureau('legal_reviewer', `${DS}/east`)), {}))).toEqual([made.cEastOverdue]);
    expect(ids(await listHazards(lister(xsInspector), {}))).toEqual([made.xOther]);
  });

  it('filters by status, overdue and level', async () => {
    const s = lister(inspectorA);
    expect(ids(await listHazards(s, { status: 'verified' }))).toEqual([made.bGeneralClosed]);
    expect(ids(await listHazards(s, { status: 'rectifying' }))).toEqual([made.aGeneralOpen]);
    expect(ids(await listHazards(s, { overdue: 'true' }))).toEqual(
      [made.aMajorOverdue, made.bGeneralOverdue, made.cEastOverdue].sort(),
    );
    expect(ids(await listHazards(s, { overdue: 'false' }))).toEqual([made.aGeneralOpen, made.bGeneralClosed].sort());
    expect(ids(await listHazards(s, { major: 'true' }))).toEqual([made.aMajorOverdue]);
    expect(ids(await listHazards(s, { major: 'false', overdue: 'true' }))).toEqual(
      [made.bGeneralOverdue, made.cEastOverdue].sort(),
    );
    expect(ids(await listHazards(s, { status: 'reported', major: 'true', overdue: 'true' }))).toEqual([
      made.aMajorOverdue,
    ]);
    expect((await listHazards(s, { overdue: 'true' })).items.every((h) => h.overdue)).toBe(true);
  });

  it('pages with a cursor through the filtered list', async () => {
    const s = lister(inspectorA);
    const first = await listHazards(s, { limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await listHazards(s, { limit: 2, cursor: first.nextCursor! });
    const third = await listHazards(s, { limit: 2, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((h) => h.hazardId).sort()).toEqual(
      ids(await listHazards(s, {})),
    );
  });

  it('one status is read as key ranges, jurisdiction by jurisdiction, and pages across them without a gap', async () => {
    const s = lister(inspectorA);
    const reported = [made.aMajorOverdue, made.bGeneralOverdue, made.cEastOverdue].sort();
    expect(ids(await listHazards(s, { status: 'reported' }))).toEqual(reported);
    // Pages of 1 and 2 end inside the district's range, at its end, and in its sub-district's.
    for (const limit of [1, 2]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listHazards(s, { status: 'reported', limit, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((h) => h.hazardId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.sort()).toEqual(reported);
    }
    // DynamoDB is asked for that status's hazards only: a key range per jurisdiction, nothing read to be filtered.
    const send = vi.spyOn(dbList.doc, 'send');
    try {
      await listHazards(s, { status: 'reported' });
      const hazardQueries = send.mock.calls
        .map(
          ([command]) =>
            command.input as {
              IndexName?: string;
              ExpressionAttributeValues?: Record<string, unknown>;
              FilterExpression?: string;
            },
        )
        .filter((input) => input.IndexName === 'GSI1');
      expect(hazardQueries.map((q) => q.ExpressionAttributeValues?.[':sk'])).toEqual([
        `${DS}/#reported#`,
        `${DS}/east/#reported#`,
      ]);
      expect(hazardQueries.every((q) => q.FilterExpression === undefined)).toBe(true);
    } finally {
      send.mockRestore();
    }
    // A cursor of one status's list is not one of another's.
    const first = await listHazards(s, { status: 'reported', limit: 1 });
    await refusal(listHazards(s, { status: 'rectifying', cursor: first.nextCursor! }), ValidationError);
  });

  it('a mine’s list, newest first; a mine user gets its own mine from the jurisdiction route', async () => {
    const mineList = await listMineHazards(lister(inspectorA), 'm-a', {});
    expect(mineList.items.map((h) => h.hazardId)).toEqual([made.aGeneralOpen, made.aMajorOverdue]);
    expect(ids(await listHazards(lister(mineUser('m-a')), {}))).toEqual([made.aMajorOverdue, made.aGeneralOpen].sort());
    expect(ids(await listHazards(lister(mineUser('m-a')), { overdue: 'true' }))).toEqual([made.aMajorOverdue]);
    await refusal(listMineHazards(lister(mineUser('m-a')), 'm-b', {}), NotFoundError);
  });

  it('overdue follows the Asia/Shanghai day', async () => {
    // 2025-02-10 is m-b's deadline: not overdue on the 10th, overdue from 00:00 on the 11th in Shanghai (16:00Z).
    clock.set('2025-02-10T15:59:00.000Z');
    expect(ids(await listHazards(lister(inspectorA), { overdue: 'true' }))).not.toContain(made.bGeneralOverdue);
    clock.set('2025-02-10T16:00:00.000Z');
    expect(ids(await listHazards(lister(inspectorA), { overdue: 'true' }))).toContain(made.bGeneralOverdue);
  });

  it('open hazards of a mine, for its record page', async () => {
    // Read as the open ones only (the credit index keeps them apart), not every hazard the mine ever had filtered:
    // m-b's verified hazard is not read at all.
    const read = { items: 0, kept: 0 };
    const counting = watchedDb(dbList, {
      answered: (_, out) => {
        read.items += out.ScannedCount ?? 0;
        read.kept += out.Count ?? 0;
      },
    });
    const open = await openHazardsOf(counting, 'm-b');
    expect(read).toEqual({ items: 1, kept: 1 });
    expect(open.map((h) => h.hazardId)).toEqual([made.bGeneralOverdue]);
    expect(open[0]).toMatchObject({ overdue: true, statusLabel: '已登记' });
    expect((await openHazardsOf(dbList, 'm-a')).map((h) => h.hazardId)).toEqual([
      made.aGeneralOpen,
      made.aMajorOverdue,
    ]);
  });

  it('the reminder scan finds open hazards by district and due date on the index', async () => {
    expect((await hazardsDueOn(dbList, DS, '2025-02-10')).map((h) => h.hazardId)).toEqual([made.bGeneralOverdue]);
    expect((await hazardsDueOn(dbList, `${DS}/east`, '2025-02-05')).map((h) => h.mineId)).toEqual(['m-c']);
    expect((await hazardsDueOn(dbList, XS, '2025-02-05')).map((h) => h.mineId)).toEqual(['m-x']);
    expect(await hazardsDueOn(dbList, DS, '2025-02-05')).toEqual([]);
    expect(await hazardsDueOn(dbList, `${DS}/east`, addDays('2025-02-05', 1))).toEqual([]);
  });

  it('a mine moved to another jurisdiction leaves the old bureau’s list', async () => {
    const root = lister(admin('hlj', 'province-admin'));
    const mine = await getMine(root, 'm-c');
    await patchMine(root, 'm-c', { version: mine.version, jurisdiction: XS });
    expect(ids(await listHazards(lister(inspectorA), {}))).not.toContain(made.cEastOverdue);
    await refusal(getHazard(lister(inspectorA), made.cEastOverdue!), NotFoundError);
    // The new bureau finds it by id, and its next action files it under the new jurisdiction.
    const moved = await actOnHazard(lister(xsInspector), made.cEastOverdue!, { action: 'start', version: 1 });
    expect(moved.jurisdiction).toBe(XS);
    expect(ids(await listHazards(lister(xsInspector), {}))).toContain(made.cEastOverdue);
  });
});
