// The demo district's safety credit, as `npm start` seeds it: every tier present for reasons a newcomer can read,
// the planted night production while suspended (m-demo11) confirmed and forced to D with its notification and
// blacklist proposal, and a history of two classifications showing the drop.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { listEntries } from '#lib/blacklist/entry-queries.ts';
import { CREDIT_D_GROUND } from '#lib/blacklist/proposals.ts';
import { actOnCase } from '#lib/cases/case-actions.ts';
import { listCases } from '#lib/cases/case-queries.ts';
import { classifyMines } from '#lib/credit/classify-mines.ts';
import { creditHistory, currentCredit, listCredit } from '#lib/credit/credit-service.ts';
import type { StoredCredit } from '#lib/credit/credit-store.ts';
import { TIERS, type Tier } from '#lib/credit/policy.ts';
import { listNotifications } from '#lib/notifications/notification-queries.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { DEMO_CREDIT_HISTORY_DAYS, type DemoCreditSummary, seedDemoCredit } from '#local/seed/demo-credit.ts';
import { DEMO_JURISDICTION, DEMO_MINES, seedDemoDistrict } from '#local/seed/demo-district.ts';
import { seedDemoEnforcement } from '#local/seed/demo-enforcement.ts';
import { seedDemoPower } from '#local/seed/demo-power.ts';
import { testDb } from '../../support/test-db.ts';

process.env.PII_HASH_KEY ??= 'demo-credit-test-key';

const EXPECTED: Record<string, Tier> = {
  'm-taiyuan': 'A',
  'm-shuyuan1': 'A',
  'm-demo03': 'A',
  'm-demo04': 'A',
  'm-demo05': 'B',
  'm-demo06': 'B',
  'm-demo07': 'B',
  'm-demo08': 'B',
  'm-demo09': 'A',
  'm-demo10': 'A',
  'm-demo11': 'D',
  'm-demo12': 'C',
  'm-demo13': 'A',
};
const CHINESE = /[\u4e00-\u9fff]/;

let db: Db;
let store: TenantStore;
let summary: DemoCreditSummary;
let credits: Map<string, StoredCredit>;
let today: string;

beforeAll(async () => {
  db = await testDb();
  await seedDemoDistrict(db);
  await seedDemoEnforcement(db);
  await seedDemoPower(db);
  summary = await seedDemoCredit(db);
  today = todayInShanghai(db.now());
  const inspector: Principal = {
    kind: 'bureau',
    sub: 'test-inspector',
    role: 'inspector',
    jurisdiction: DEMO_JURISDICTION,
  };
  store = new TenantStore(db, inspector);
  // The list says who is classified; each mine's own classification holds the records counted.
  const listed = (await listCredit(store, { limit: 50 })).items;
  credits = new Map(
    await Promise.all(listed.map(async (c) => [c.mineId, await currentCredit(store, c.mineId)] as const)),
  );
});

describe('the demo district’s safety credit', () => {
  it('spreads over all four tiers, each mine where its story puts it', () => {
    expect(credits.size).toBe(DEMO_MINES.length);
    for (const tier of TIERS) expect(summary.tiers[tier], tier).toBeGreaterThan(0);
    expect(summary.tiers).toEqual({ A: 7, B: 4, C: 1, D: 1 });
    expect(Object.fromEntries([...credits].map(([id, c]) => [id, c.tier]))).toEqual(EXPECTED);
    for (const c of credits.values()) expect(c.asOf).toBe(today);
  });

  it('m-demo11, the night production while suspended, is D by the 明停暗开 rule, its case confirmed and the others still open', async () => {
    const c = credits.get('m-demo11')!;
    expect(c.tier).toBe('D');
    expect(c.forced).toEqual([
      expect.objectContaining({ rule: 'violation.stopped_mine_producing', label: expect.stringContaining('明停暗开') }),
    ]);
    expect(c.items).toContainEqual(
      expect.objectContaining({
        recordKind: 'violation',
        rule: 'violation.stopped_mine_producing',
        label: expect.stringContaining('审查案件认定违法'),
        points: -30,
      }),
    );
    const cases = (await listCases(store, { mineId: 'm-demo11', limit: 50 })).items;
    expect(cases.filter((x) => x.status === 'confirmed').map((x) => x.rule)).toEqual(['HOIST_SHARE']);
    expect(cases.find((x) => x.status === 'confirmed')?.violationId).toMatch(/^vio-/);
    // The incident's other cases stay open: the e2e tests show them on the mine's file and work one to a violation.
    // Its 明停暗开 and night findings and the crew its personnel feed counted underground are one act with its
    // 未经验收擅自生产 one: evidence of that case, not cases of their own.
    expect(cases.filter((x) => x.status === 'open').map((x) => x.rule)).toEqual(['UNACCEPTED_PRODUCTION']);
  });

  it('蔬园一煤矿 is A with its grade-2 standardisation and its safety commitment', () => {
    const c = credits.get('m-shuyuan1')!;
    expect(c.tier).toBe('A');
    expect(c.items).toContainEqual(
      expect.objectContaining({ rule: 'bonus.standardisation.grade2', label: '安全生产标准化二级', points: 3 }),
    );
    expect(c.items).toContainEqual(expect.objectContaining({ rule: 'bonus.safety_commitment', points: 2 }));
  });

  it('every C and D mine has deductions labelled in Chinese', () => {
    const low = [...credits.values()].filter((c) => c.tier === 'C' || c.tier === 'D');
    expect(low.map((c) => c.mineId).sort()).toEqual(['m-demo11', 'm-demo12']);
    for (const c of low) {
      const deductions = c.items.filter((i) => i.points < 0);
      expect(deductions.length, c.mineId).toBeGreaterThan(0);
      for (const d of deductions) expect(d.label, c.mineId).toMatch(CHINESE);
    }
  });

  it('the flatline mine (m-demo08): its frozen meter costs one deduction, not two, and not as the monitoring system', () => {
    const c = credits.get('m-demo08')!;
    const deductions = c.items.filter((i) => i.points < 0);
    // The frozen meter's act: the on-site finding that the mine reported the frozen values (item 3). Its frozen days
    // are no missed readings (a reading came each day) and add nothing; no item (7), the safety monitoring system.
    const meterAct = deductions.filter((i) => i.recordKind === 'violation' || i.recordKind === 'missed_reading');
    expect(meterAct).toEqual([
      expect.objectContaining({ rule: 'violation.responsibility_not_fulfilled', points: -5, date: addDays(today, -1) }),
    ]);
    expect(c.items.map((i) => i.rule)).not.toContain('violation.monitoring_failure');
    // With its overdue major ventilation hazard: 100 − 10 − 10 − 5 = 75, just B.
    expect(deductions.map((i) => i.rule).sort()).toEqual([
      'hazard.major',
      'hazard.overdue.major',
      'violation.responsibility_not_fulfilled',
    ]);
    expect(c).toMatchObject({ score: 75, tier: 'B' });
  });

  it('the mine with three days missing (m-demo09): confirming its missing-readings case records no violation and deducts nothing more', async () => {
    const before = credits.get('m-demo09')!;
    const missedBefore = before.items.filter((i) => i.recordKind === 'missed_reading');
    // The seed reviews the last night: its missing day is a missed reading (1 point).
    expect(missedBefore.map((i) => [i.date, i.points])).toEqual([[addDays(today, -1), -1]]);
    const [c] = (await listCases(store, { mineId: 'm-demo09', status: 'open', limit: 50 })).items;
    expect(c).toMatchObject({ rule: 'MISSING' });
    const started = await actOnCase(store, c!.caseId, { action: 'start', version: c!.version });
    const confirmed = await actOnCase(store, c!.caseId, {
      action: 'confirm',
      version: started.version,
      note: '现场核实：采集终端断电三天，矿方未按时报送电量',
    });
    expect(confirmed).toMatchObject({ status: 'confirmed', outcome: { category: null, statusOnDay: 'producing' } });
    expect(confirmed.violationId).toBeUndefined();
    await classifyMines(db, today, ['m-demo09']);
    const after = await currentCredit(store, 'm-demo09');
    // One deduction per missed day, as before the confirmation: not two for the same act.
    expect(after.items.filter((i) => i.points < 0)).toEqual(before.items.filter((i) => i.points < 0));
    expect(after.items.filter((i) => i.recordKind === 'violation')).toEqual([]);
    expect(after.score).toBe(before.score);
  });

  it('the under-declaring mine (m-demo04): confirming its declaration case records item (3), not item (7)', async () => {
    const [c] = (await listCases(store, { mineId: 'm-demo04', status: 'open', limit: 50 })).items;
    expect(c).toMatchObject({ rule: 'DECLARATION_MISMATCH' });
    const started = await actOnCase(store, c!.caseId, { action: 'start', version: c!.version });
    const confirmed = await actOnCase(store, c!.caseId, {
      action: 'confirm',
      version: started.version,
      note: '核实：矿方少报用电量六成',
    });
    expect(confirmed).toMatchObject({
      outcome: { category: 'responsibility_not_fulfilled', statusOnDay: 'producing' },
      violationId: expect.stringMatching(/^vio-/),
    });
  });

  it('proposes m-demo11’s enterprise for the blacklist and tells the mine, its official and the leaders', async () => {
    const entries = (await listEntries(store, { status: 'proposed', limit: 50 })).items;
    expect(entries.map((e) => e.mineId)).toEqual(['m-demo11']);
    expect(entries[0]).toMatchObject({
      status: 'proposed',
      source: { kind: 'credit', date: today, tier: 'D' },
      // 明停暗开, the local plan's ground, first; the credit tier after it.
      grounds: [
        expect.objectContaining({ code: 'STOPPED_MINE_PRODUCING', basis: expect.stringContaining('实施方案') }),
        expect.objectContaining({ code: CREDIT_D_GROUND }),
      ],
    });
    const source = entries[0]!.source;
    expect(source.kind === 'credit' && source.reasons.join('；')).toContain('明停暗开');

    const notices = (await listNotifications(store, { mineId: 'm-demo11', limit: 50 })).items.filter(
      (n) => n.kind === 'credit.tier_changed',
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ severity: 'critical', title: expect.stringContaining('降为D级') });
    expect(notices[0]!.recipients.map((r) => r.type).sort()).toEqual(['leaders', 'mine', 'user']);
  });

  it('keeps a history: A 30 days ago, D today', async () => {
    const history = (await creditHistory(store, 'm-demo11', {})).items;
    expect(history.map((h) => [h.asOf, h.previousTier, h.tier])).toEqual([
      [today, 'A', 'D'],
      [addDays(today, -DEMO_CREDIT_HISTORY_DAYS), null, 'A'],
    ]);
    const changed = (await creditHistory(store, 'm-demo08', { changesOnly: 'true' })).items;
    expect(changed[0]).toMatchObject({ asOf: today, previousTier: 'A', tier: 'B' });
  });
});
