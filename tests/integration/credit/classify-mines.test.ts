// The classification of a set of mines as of a day, on DynamoDB Local: what it stores (the current classification,
// which becomes its day's snapshot when a later day replaces it), the events a tier change is (one audit event, one queued notification to the mine and its
// official), the blacklist proposal of a drop to D (once while it is open), and that running a day again records
// nothing new. The tests of a describe run in order, one day after another.
import { beforeAll, describe, expect, it } from 'vitest';
import { recordAccident } from '#lib/accidents/accidents.ts';
import { CREDIT_D_GROUND } from '#lib/blacklist/proposals.ts';
import { classifyMines } from '#lib/credit/classify-mines.ts';
import { creditHistory, currentCredit } from '#lib/credit/credit-service.ts';
import { storedCreditOf } from '#lib/credit/credit-store.ts';
import { decideOverride, proposeOverride } from '#lib/credit/overrides.ts';
import { createInspection } from '#lib/inspections/inspections.ts';
import { listNotifications } from '#lib/notifications/notification-queries.ts';
import { assignOfficial } from '#lib/registry/mine-contacts.ts';
import { getMine } from '#lib/registry/mines.ts';
import { assignedOfficialBody } from '#lib/registry/schemas.ts';
import type { Db } from '#lib/store/db.ts';
import { putItem } from '#lib/store/item.ts';
import { stripKeys } from '#lib/store/keys.ts';
import { correctViolation, recordViolation } from '#lib/violations/violation-records.ts';
import { inDirectory } from '../../support/directory.ts';
import { dueAnywhere } from '../../support/due-index.ts';
import { auditEvents, bureau, creditCodeFor } from '../../support/registry-fixtures.ts';
import { accidentBody, doneBody, failure, violationBody, violationCorrection } from '../enforcement/fixtures.ts';
import {
  ADMIN,
  blacklistItemsOf,
  type CreditDb,
  creditDb,
  currentCreditItem,
  DS,
  INSPECTOR,
  notificationsOf,
  REVIEWER,
  snapshotItem,
  tierChangeEvents,
} from './fixtures.ts';

const D1 = '2025-06-10';
const D2 = '2025-06-11';
const D3 = '2025-06-12';
const D4 = '2025-06-13';
const D5 = '2025-06-14';
const D6 = '2025-06-15';
const D7 = '2025-06-16';

let ctx: CreditDb;
let db: Db;
beforeAll(async () => {
  ctx = await creditDb(D1, [
    'm-fall',
    'm-first-d',
    'm-insp',
    'm-score-d',
    'm-ovr-d',
    'm-late',
    'm-concealed',
    'm-forced-ovr',
    'm-late-force',
    'm-legacy',
  ]);
  db = ctx.db;
});

/** Classifies on the morning of the day itself, as the nightly job of that day would. */
const classifyOn = (date: string, mineIds: string[]) => {
  ctx.on(date);
  return classifyMines(db, date, mineIds);
};
const violationOn = (mineId: string, date: string, category: string) => {
  ctx.on(date);
  return recordViolation(ctx.as(INSPECTOR), mineId, violationBody({ category, date }));
};

describe('a mine falling from A to B to D', () => {
  const OFFICIAL = { userId: 'u-baobao', name: '包保干部张某' };
  const code = creditCodeFor('m-fall');
  let stoppedMineViolation: string;
  let firstDay: Record<string, unknown>;

  it('first classification: one item, the current one, no previous tier, nothing to tell anyone', async () => {
    const result = await classifyOn(D1, ['m-fall']);
    expect(result).toEqual({ classified: 1, changes: [], blacklistProposals: [], missingMines: [] });
    const current = await currentCreditItem(db, 'm-fall');
    expect(current).toMatchObject({
      entity: 'creditCurrent',
      mineId: 'm-fall',
      mineName: 'm-fall 煤矿',
      jurisdiction: DS,
      asOf: D1,
      tier: 'A',
      tierLabel: '守信',
      score: 100,
      previousTier: null,
      tierSince: D1,
      lastInspectionOn: null,
      nextInspectionDue: D1,
      policy: { version: 0, definedAt: null },
    });
    // The breakdown is one string in the table, the list it was to every reader.
    expect(typeof current!.items).toBe('string');
    expect(storedCreditOf(current!).items).toEqual(JSON.parse(current!.items));
    expect((await currentCredit(ctx.as(INSPECTOR), 'm-fall')).items).toEqual(JSON.parse(current!.items));
    // The current item is the day's snapshot until a later day replaces it.
    expect(await snapshotItem(db, 'm-fall', D1)).toBeUndefined();
    firstDay = current!;
    expect(await notificationsOf(db, 'm-fall')).toEqual([]);
    expect(await tierChangeEvents(db, 'm-fall')).toEqual([]);
  });

  it('the next day, same tier: the tier is held since the first day, nothing recorded', async () => {
    const mine = await getMine(ctx.as(ADMIN), 'm-fall');
    await inDirectory(db, bureau('inspector', DS, OFFICIAL.userId), { name: OFFICIAL.name });
    await assignOfficial(ctx.as(ADMIN), 'm-fall', assignedOfficialBody.parse({ version: mine.version, ...OFFICIAL }));
    const result = await classifyOn(D2, ['m-fall']);
    expect(result.changes).toEqual([]);
    expect(await currentCreditItem(db, 'm-fall')).toMatchObject({
      asOf: D2,
      tier: 'A',
      previousTier: 'A',
      tierSince: D1,
    });
    // The first day's classification, as it was current, is now that day's snapshot; D2's is the current item.
    const snapshot = await snapshotItem(db, 'm-fall', D1);
    expect(snapshot).toMatchObject({ entity: 'creditSnapshot', asOf: D1, tier: 'A', previousTier: null });
    expect(stripKeys(snapshot!)).toEqual(stripKeys(firstDay));
    expect(await snapshotItem(db, 'm-fall', D2)).toBeUndefined();
    expect(await notificationsOf(db, 'm-fall')).toEqual([]);
  });

  it('a violation drops it to B: one audit event, one queued notification to the mine and its official', async () => {
    await violationOn('m-fall', D2, 'over_capacity'); // 100 − 20 + 3 (standardisation grade 2) = 83
    const result = await classifyOn(D3, ['m-fall']);
    expect(result.changes).toEqual([{ mineId: 'm-fall', from: 'A', to: 'B' }]);
    expect(result.blacklistProposals).toEqual([]);
    expect(await currentCreditItem(db, 'm-fall')).toMatchObject({
      asOf: D3,
      tier: 'B',
      score: 83,
      previousTier: 'A',
      tierSince: D3,
    });

    const events = await tierChangeEvents(db, 'm-fall');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: { sub: 'system:credit-classification', role: 'system' },
      entityType: 'credit',
      entityId: 'm-fall',
      before: { tier: 'A' },
      after: { tier: 'B', score: 83, policyVersion: 0 },
    });
    const notifications = await notificationsOf(db, 'm-fall');
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      kind: 'credit.tier_changed',
      status: 'queued',
      severity: 'warning',
      mineId: 'm-fall',
      jurisdiction: DS,
      title: 'm-fall 煤矿安全信用降为B级',
      ref: { entityType: 'credit', entityId: `m-fall@${D3}` },
    });
    expect(notifications[0]!.body).toContain('由A级');
    expect(notifications[0]!.recipients).toEqual([
      { type: 'mine', mineId: 'm-fall' },
      { type: 'user', userId: OFFICIAL.userId, name: OFFICIAL.name },
    ]);
    // The bureau's notification log shows it too.
    const log = await listNotifications(ctx.as(ADMIN), { mineId: 'm-fall' });
    expect(log.items.map((n) => n.notificationId)).toEqual([notifications[0]!.notificationId]);
  });

  it('running the same day again records nothing new and keeps the previous tier', async () => {
    const audit = (await auditEvents(db, 'm-fall')).length;
    await classifyOn(D3, ['m-fall']);
    expect(await currentCreditItem(db, 'm-fall')).toMatchObject({
      asOf: D3,
      tier: 'B',
      previousTier: 'A',
      tierSince: D3,
    });
    expect(await tierChangeEvents(db, 'm-fall')).toHaveLength(1);
    expect(await notificationsOf(db, 'm-fall')).toHaveLength(1);
    expect(await auditEvents(db, 'm-fall')).toHaveLength(audit);
  });

  it('a serious-dishonesty violation forces D: the leaders are told too, and the enterprise is proposed for the blacklist once', async () => {
    stoppedMineViolation = (await violationOn('m-fall', D4, 'stopped_mine_producing')).violationId;
    const result = await classifyOn(D4, ['m-fall']);
    expect(result.changes).toEqual([{ mineId: 'm-fall', from: 'B', to: 'D' }]);
    expect(result.blacklistProposals).toHaveLength(1);
    const current = await currentCreditItem(db, 'm-fall');
    expect(current).toMatchObject({ tier: 'D', previousTier: 'B', tierSince: D4 });
    expect(current!.forced).toEqual([
      expect.objectContaining({ rule: 'violation.stopped_mine_producing', recordIds: [stoppedMineViolation] }),
    ]);

    const latest = (await notificationsOf(db, 'm-fall')).find((n) => n.ref.entityId === `m-fall@${D4}`);
    expect(latest).toMatchObject({ severity: 'critical', status: 'queued', title: 'm-fall 煤矿安全信用降为D级' });
    expect(latest!.recipients).toEqual([
      { type: 'mine', mineId: 'm-fall' },
      { type: 'user', userId: OFFICIAL.userId, name: OFFICIAL.name },
      { type: 'leaders', jurisdiction: DS },
    ]);

    const items = await blacklistItemsOf(db, code);
    const entries = items.filter((i) => i.entity === 'blacklistEntry');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      entryId: result.blacklistProposals[0],
      subjectType: 'enterprise',
      creditCode: code,
      mineId: 'm-fall',
      status: 'proposed',
      // The statutory (here the local plan's) ground of the forced D first, the credit tier after it.
      grounds: [{ code: 'STOPPED_MINE_PRODUCING' }, { code: CREDIT_D_GROUND }],
      source: { kind: 'credit', date: D4, tier: 'D' },
      proposedBy: { sub: 'system:credit-classification' },
    });
    expect(items.find((i) => i.SK === 'OPEN')).toMatchObject({ entryId: result.blacklistProposals[0] });
    expect((await auditEvents(db, 'm-fall')).filter((e) => e.action === 'blacklist.propose')).toHaveLength(1);
  });

  it('a second run of the day proposes nothing more and records no second change', async () => {
    const result = await classifyOn(D4, ['m-fall']);
    expect(result.blacklistProposals).toEqual([]);
    expect(await currentCreditItem(db, 'm-fall')).toMatchObject({ tier: 'D', previousTier: 'B', tierSince: D4 });
    expect((await blacklistItemsOf(db, code)).filter((i) => i.entity === 'blacklistEntry')).toHaveLength(1);
    expect(await tierChangeEvents(db, 'm-fall')).toHaveLength(2);
    expect(await notificationsOf(db, 'm-fall')).toHaveLength(2);
  });

  it('D held the next day: tierSince kept, nothing recorded', async () => {
    const result = await classifyOn(D5, ['m-fall']);
    expect(result).toMatchObject({ changes: [], blacklistProposals: [] });
    expect(await currentCreditItem(db, 'm-fall')).toMatchObject({
      asOf: D5,
      tier: 'D',
      previousTier: 'D',
      tierSince: D4,
    });
    expect(await tierChangeEvents(db, 'm-fall')).toHaveLength(2);
  });

  it('back up to B and down to D again while the proposal is open: both changes told, no second proposal', async () => {
    ctx.on(D6);
    await correctViolation(
      ctx.as(INSPECTOR),
      stoppedMineViolation,
      violationCorrection({ version: 1, category: 'regulations_mismatch' }),
    );
    const up = await classifyOn(D6, ['m-fall']); // 100 − 20 − 3 + 3 = 80
    expect(up.changes).toEqual([{ mineId: 'm-fall', from: 'D', to: 'B' }]);
    expect(await currentCreditItem(db, 'm-fall')).toMatchObject({
      tier: 'B',
      score: 80,
      previousTier: 'D',
      tierSince: D6,
    });
    expect((await notificationsOf(db, 'm-fall')).find((n) => n.ref.entityId === `m-fall@${D6}`)).toMatchObject({
      severity: 'info',
      title: 'm-fall 煤矿安全信用升为B级',
    });

    ctx.on(D7);
    await correctViolation(
      ctx.as(INSPECTOR),
      stoppedMineViolation,
      violationCorrection({ version: 2, category: 'stopped_mine_producing' }),
    );
    const down = await classifyOn(D7, ['m-fall']);
    expect(down.changes).toEqual([{ mineId: 'm-fall', from: 'B', to: 'D' }]);
    expect(down.blacklistProposals).toEqual([]);
    expect((await blacklistItemsOf(db, code)).filter((i) => i.entity === 'blacklistEntry')).toHaveLength(1);
    expect(await tierChangeEvents(db, 'm-fall')).toHaveLength(4);
    expect(await notificationsOf(db, 'm-fall')).toHaveLength(4);

    // The history, newest first: the current classification and one snapshot of each earlier day, each naming the
    // tier before it.
    const history = (await creditHistory(ctx.as(INSPECTOR), 'm-fall', {})).items;
    expect(history.map((h) => [h.asOf, h.previousTier, h.tier])).toEqual([
      [D7, 'B', 'D'],
      [D6, 'D', 'B'],
      [D5, 'D', 'D'],
      [D4, 'B', 'D'],
      [D3, 'A', 'B'],
      [D2, 'A', 'A'],
      [D1, null, 'A'],
    ]);
    // A range of days takes the current classification only when its day is in it; a page of one goes on after it.
    const days = async (query: Parameters<typeof creditHistory>[2]) =>
      (await creditHistory(ctx.as(INSPECTOR), 'm-fall', query)).items.map((h) => h.asOf);
    expect(await days({ from: D7, to: D7 })).toEqual([D7]);
    expect(await days({ from: D5, to: D6 })).toEqual([D6, D5]);
    expect(await days({ to: D2 })).toEqual([D2, D1]);
    expect(await days({ from: D6, changesOnly: 'true' })).toEqual([D7, D6]);
    const first = await creditHistory(ctx.as(INSPECTOR), 'm-fall', { limit: 1 });
    expect(first.items.map((h) => h.asOf)).toEqual([D7]);
    expect(await days({ limit: 2, cursor: first.nextCursor! })).toEqual([D6, D5]);
  });
});

describe('a mine classified D the first time', () => {
  it('is proposed for the blacklist, but a first classification tells no one of a change', async () => {
    await violationOn('m-first-d', D1, 'closed_mine_revived');
    const result = await classifyOn(D1, ['m-first-d']);
    expect(result.changes).toEqual([]);
    expect(result.blacklistProposals).toHaveLength(1);
    expect(await currentCreditItem(db, 'm-first-d')).toMatchObject({
      tier: 'D',
      previousTier: null,
      tierSince: D1,
      nextInspectionDue: D1,
    });
    expect(await notificationsOf(db, 'm-first-d')).toEqual([]);
    expect(await tierChangeEvents(db, 'm-first-d')).toEqual([]);

    const again = await classifyOn(D1, ['m-first-d']);
    expect(again.blacklistProposals).toEqual([]);
    expect(await currentCreditItem(db, 'm-first-d')).toMatchObject({ tier: 'D', previousTier: null, tierSince: D1 });
    expect(
      (await blacklistItemsOf(db, creditCodeFor('m-first-d'))).filter((i) => i.entity === 'blacklistEntry'),
    ).toHaveLength(1);
  });
});

describe('the next inspection due', () => {
  const dueIndex = (date: string) => dueAnywhere(db, date, 'INSPECTIONDUE');

  it('is at once for a mine never inspected, then follows the last inspection done and the tier', async () => {
    await classifyOn(D1, ['m-insp']);
    expect(await currentCreditItem(db, 'm-insp')).toMatchObject({
      tier: 'A',
      lastInspectionOn: null,
      nextInspectionDue: D1,
    });
    expect((await dueIndex(D1)).map((i) => i.GSI2SK)).toContain(`${D1}#INSPECTIONDUE#m-insp#A`);

    ctx.on(D2);
    await createInspection(ctx.as(INSPECTOR), 'm-insp', doneBody({ doneOn: '2025-06-01' }));
    await classifyOn(D2, ['m-insp']);
    // A: 4 a year, every 91 days.
    expect(await currentCreditItem(db, 'm-insp')).toMatchObject({
      tier: 'A',
      lastInspectionOn: '2025-06-01',
      nextInspectionDue: '2025-08-31',
    });
    expect((await dueIndex('2025-08-31')).map((i) => i.GSI2SK)).toEqual(['2025-08-31#INSPECTIONDUE#m-insp#A']);
    expect((await dueIndex(D1)).map((i) => i.GSI2SK)).not.toContain(`${D1}#INSPECTIONDUE#m-insp#A`);

    await violationOn('m-insp', D2, 'over_capacity');
    await classifyOn(D3, ['m-insp']);
    // B: 6 a year, every 61 days.
    expect(await currentCreditItem(db, 'm-insp')).toMatchObject({
      tier: 'B',
      lastInspectionOn: '2025-06-01',
      nextInspectionDue: '2025-08-01',
    });

    ctx.on(D4);
    await createInspection(ctx.as(INSPECTOR), 'm-insp', doneBody({ doneOn: D4 }));
    await classifyOn(D4, ['m-insp']);
    expect(await currentCreditItem(db, 'm-insp')).toMatchObject({
      tier: 'B',
      lastInspectionOn: D4,
      nextInspectionDue: '2025-08-13',
    });
    expect((await dueIndex('2025-08-13')).map((i) => i.GSI2SK)).toEqual(['2025-08-13#INSPECTIONDUE#m-insp#B']);
  });

  it('a mine that does not exist is reported missing, the others classified', async () => {
    const result = await classifyOn(D5, ['m-insp', 'm-nowhere']);
    expect(result).toMatchObject({ classified: 1, missingMines: ['m-nowhere'] });
  });
});

describe('why a mine is D, as the blacklist proposal and the notification say it', () => {
  it('a score below C’s floor names the score and the C line', async () => {
    for (const category of ['over_capacity', 'banned_mining_method', 'monitoring_failure'])
      await violationOn('m-score-d', D1, category);
    const result = await classifyOn(D1, ['m-score-d']); // 100 − 55 + 3 = 48
    expect(await currentCreditItem(db, 'm-score-d')).toMatchObject({ tier: 'D', score: 48, forced: [] });
    const [entry] = (await blacklistItemsOf(db, creditCodeFor('m-score-d'))).filter(
      (i) => i.entity === 'blacklistEntry',
    );
    expect(entry).toMatchObject({
      entryId: result.blacklistProposals[0],
      source: { kind: 'credit', tier: 'D', reasons: ['信用分 48 分，低于 C 级线'] },
    });
  });

  it('an approved override to D names the override and its reason, not a score', async () => {
    await classifyOn(D1, ['m-ovr-d']);
    ctx.on(D2);
    const o = await proposeOverride(ctx.as(ADMIN), 'm-ovr-d', {
      tier: 'D',
      reason: '拒不执行停产整顿指令',
      endsOn: '2025-12-31',
    });
    await decideOverride(ctx.as(REVIEWER), 'm-ovr-d', o.overrideId, 'approve', { version: 1 }); // classifies the day at once
    expect(await currentCreditItem(db, 'm-ovr-d')).toMatchObject({
      asOf: D2,
      tier: 'D',
      score: 100,
      previousTier: 'A',
      override: { overrideId: o.overrideId },
    });
    const [notification] = await notificationsOf(db, 'm-ovr-d');
    expect(notification!.body).toContain('信用等级经审核调整为D级：拒不执行停产整顿指令');
    expect(notification!.body).not.toContain('信用分');
    const [entry] = (await blacklistItemsOf(db, creditCodeFor('m-ovr-d'))).filter((i) => i.entity === 'blacklistEntry');
    expect(entry!.source.reasons).toEqual(['信用等级经审核调整为D级：拒不执行停产整顿指令']);
  });
});

describe('the blacklist proposal of a forced D cites its statutory ground', () => {
  it('a concealed accident: 瞒报 under 应急管理部令第11号 first, the credit tier after it', async () => {
    await classifyOn(D1, ['m-concealed']);
    ctx.on(D2);
    await recordAccident(
      ctx.as(INSPECTOR),
      'm-concealed',
      accidentBody({ date: D2, level: 'general', deaths: 1, concealed: true }),
    );
    const result = await classifyOn(D2, ['m-concealed']);
    expect(result.blacklistProposals).toHaveLength(1);
    const [entry] = (await blacklistItemsOf(db, creditCodeFor('m-concealed'))).filter(
      (i) => i.entity === 'blacklistEntry',
    );
    expect(entry!.grounds.map((g: { code: string }) => g.code)).toEqual(['ACCIDENT_CONCEALED', CREDIT_D_GROUND]);
    expect(entry!.grounds[0].basis).toContain('应急管理部令第11号');
    expect(entry!.grounds[1].basis).toContain('信用分类监管策略');
    expect(entry!.source.reasons).toEqual(['严重失信情形：瞒报、谎报事故']);
  });
});

describe('a tier override moves only a tier the score earned', () => {
  const proposal = { tier: 'B' as const, reason: '整改到位，经局务会审议', endsOn: '2025-12-31' };

  it('a mine forced to D by 死灰复燃: a proposal to any other tier is a 422 naming why; to D it is let through', async () => {
    await violationOn('m-forced-ovr', D1, 'closed_mine_revived');
    await classifyOn(D1, ['m-forced-ovr']);
    ctx.on(D2);
    for (const tier of ['A', 'B', 'C'] as const) {
      const error = await failure(proposeOverride(ctx.as(ADMIN), 'm-forced-ovr', { ...proposal, tier }));
      expect(error, tier).toMatchObject({ kind: 'rule', fields: [{ field: 'body.tier' }] });
      expect(error.message).toContain('严重失信情形');
      expect(error.message).toContain('死灰复燃');
    }
    await expect(proposeOverride(ctx.as(ADMIN), 'm-forced-ovr', { ...proposal, tier: 'D' })).resolves.toMatchObject({
      status: 'proposed',
    });
    expect(await currentCreditItem(db, 'm-forced-ovr')).toMatchObject({ tier: 'D', override: null });
  });

  it('a trigger arising between proposal and approval: the approval is a 422 too, and nothing is approved', async () => {
    await classifyOn(D1, ['m-late-force']);
    ctx.on(D2);
    const o = await proposeOverride(ctx.as(ADMIN), 'm-late-force', { ...proposal, tier: 'A' });
    await violationOn('m-late-force', D3, 'stopped_mine_producing');
    ctx.on(D3);
    const error = await failure(
      decideOverride(ctx.as(REVIEWER), 'm-late-force', o.overrideId, 'approve', { version: 1 }),
    );
    expect(error).toMatchObject({ kind: 'rule', fields: [{ field: 'path.overrideId' }] });
    expect(error.message).toContain('明停暗开');
    // Still proposed; a rejection is still possible.
    await expect(
      decideOverride(ctx.as(REVIEWER), 'm-late-force', o.overrideId, 'reject', {
        version: 1,
        reason: '已直接判定为D级',
      }),
    ).resolves.toMatchObject({ status: 'rejected' });
  });
});

describe('a past day classified after a later one (a late re-run)', () => {
  it('writes that day’s snapshot only: the current classification stays, no one is told', async () => {
    await classifyOn(D1, ['m-late']);
    await violationOn('m-late', D2, 'over_capacity');
    await classifyOn(D3, ['m-late']);
    expect(await currentCreditItem(db, 'm-late')).toMatchObject({ asOf: D3, tier: 'B', previousTier: 'A' });
    expect(await notificationsOf(db, 'm-late')).toHaveLength(1);

    // D2 (the violation's day) classified late, after D3.
    const result = await classifyOn(D2, ['m-late']);
    expect(result).toMatchObject({ classified: 1, changes: [], blacklistProposals: [] });
    expect(await currentCreditItem(db, 'm-late')).toMatchObject({ asOf: D3, tier: 'B', previousTier: 'A' });
    expect(await snapshotItem(db, 'm-late', D2)).toMatchObject({ asOf: D2, tier: 'B', previousTier: 'A' });
    expect(await notificationsOf(db, 'm-late')).toHaveLength(1);
    expect(await tierChangeEvents(db, 'm-late')).toHaveLength(1);
  });
});

describe('a classification stored before its breakdown was packed', () => {
  it('reads as before, and becomes its day’s snapshot packed when a later day replaces it', async () => {
    await violationOn('m-legacy', D1, 'over_capacity');
    await classifyOn(D1, ['m-legacy']);
    // As an older version stored it: the breakdown as a list of maps, and a snapshot of the same day beside it.
    const packedItem = (await currentCreditItem(db, 'm-legacy'))!;
    const legacy = { ...packedItem, items: JSON.parse(packedItem.items) };
    await putItem(db, legacy);
    await putItem(db, { ...legacy, SK: `CREDIT#${D1}`, entity: 'creditSnapshot' });
    const asRead = await currentCredit(ctx.as(INSPECTOR), 'm-legacy');
    expect(asRead.items).toEqual(legacy.items);
    expect(asRead.items.some((i) => i.rule === 'violation.over_capacity')).toBe(true);

    // The same day again: the same classification, nothing rewritten.
    await classifyOn(D1, ['m-legacy']);
    expect((await currentCreditItem(db, 'm-legacy'))!.items).toEqual(legacy.items);

    await classifyOn(D2, ['m-legacy']);
    const snapshot = (await snapshotItem(db, 'm-legacy', D1))!;
    expect(typeof snapshot.items).toBe('string');
    expect(JSON.parse(snapshot.items)).toEqual(legacy.items);
    const history = (await creditHistory(ctx.as(INSPECTOR), 'm-legacy', {})).items;
    expect(history.map((h) => [h.asOf, h.items.length])).toEqual([
      [D2, legacy.items.length],
      [D1, legacy.items.length],
    ]);
  });
});
