// The overview's refresh on DynamoDB Local: districts recomputed from their jurisdiction lists, the city and the
// province rolled up from them, one Query answering each; a case opened moves the figures at the next refresh.
import { beforeAll, describe, expect, it } from 'vitest';
import { recordCaseFindings } from '#lib/cases/record-findings.ts';
import { creditCurrentItem } from '#lib/credit/credit-store.ts';
import type { Finding } from '#lib/findings/vocabulary.ts';
import { hazardKeys } from '#lib/hazards/hazard-item.ts';
import { readOverview } from '#lib/overview/read.ts';
import { refreshOverview } from '#lib/overview/refresh.ts';
import { FIGURE_KEYS } from '#lib/overview/vocabulary.ts';
import { penaltyKeys } from '#lib/penalties/penalty-item.ts';
import { createMine } from '#lib/registry/mines.ts';
import { batchPut } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { queryAll } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { admin, mineInput } from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';
import { watchedDb } from '../../support/watched-db.ts';

const TODAY = '2025-06-20';
const CITY = 'hlj/hegang';
const DS = 'hlj/hegang/dongshan';
const XY = 'hlj/hegang/xiangyang';

const spike: Finding = {
  rule: 'SPIKE',
  severity: 'high',
  measured: 9000,
  threshold: 5000,
  unit: 'kWh',
  baseline: { name: 'dailyKwh', value: 3000, source: 'history' },
  message: '日用电量骤增。',
};

let db: Db;

beforeAll(async () => {
  const clock = testClock(`${TODAY}T01:00:00.000Z`);
  db = await testDb({ now: clock.now });
  const root = new TenantStore(db, admin('hlj', 'province-admin'));
  for (const [mineId, jurisdiction] of [
    ['ov-ds-1', DS],
    ['ov-ds-2', DS],
    ['ov-xy-1', XY],
  ] as const)
    await createMine(root, mineInput(mineId, { jurisdiction, statusEffectiveDate: '2020-01-01' }));
  // Two nights' reports of 东山区 stored before the overview's first refresh.
  await batchPut(
    db,
    ['2025-06-17', '2025-06-18'].map((date, i) => ({
      PK: `JUR#${DS}`,
      SK: `POWERREPORT#${date}`,
      entity: 'powerReport',
      date,
      jurisdiction: DS,
      mines: 2,
      verdicts: { normal: 2 - i, anomaly: i, no_data: 0 },
      anomalies: i ? [{ mineId: 'ov-ds-2' }] : [],
      noData: [],
    })),
  );
});

const partition = (path: string) => queryAll<Record<string, any>>(db, { partition: `OVERVIEW#${path}` });

describe('overview refresh', () => {
  it('writes each district’s own figures and one row per mine, the city’s and province’s as sums', async () => {
    const result = await refreshOverview(db, TODAY);
    expect(result).toMatchObject({ districts: 2, jurisdictions: 4, mines: 3 });
    const ds = await partition(DS);
    expect(ds.map((i) => i.SK).sort()).toEqual(['MINE#ov-ds-1', 'MINE#ov-ds-2', 'SELF']);
    expect(ds.find((i) => i.SK === 'SELF')!.figures.mines).toBe(2);
    const city = await partition(CITY);
    expect(city.map((i) => i.SK).sort()).toEqual([`JUR#${DS}`, `JUR#${XY}`, 'SELF']);
    const citySelf = city.find((i) => i.SK === 'SELF')!;
    for (const k of FIGURE_KEYS)
      expect(citySelf.figures[k], k).toBe(city.filter((i) => i.SK !== 'SELF').reduce((n, r) => n + r.figures[k], 0));
    expect(citySelf.figures.mines).toBe(3);
    const province = await partition('hlj');
    expect(province.find((i) => i.SK === 'SELF')!.figures.mines).toBe(3);
    expect(province.map((i) => i.SK).sort()).toEqual([`JUR#${CITY}`, 'SELF']);
  });

  it('begins the series of a jurisdiction seen for the first time with the daily reports already stored', async () => {
    const ds = (await partition(DS)).find((i) => i.SK === 'SELF')!;
    // The report of a night is the point of the day after it; no case counts before the first refresh.
    expect(ds.series).toEqual({
      dates: ['2025-06-18', '2025-06-19', TODAY],
      reviewed: [2, 2, 0],
      anomalies: [0, 1, 0],
      casesOpen: [null, null, 0],
    });
    const mine = (await partition(DS)).find((i) => i.SK === 'MINE#ov-ds-2')!;
    expect(mine.series.anomalies).toEqual([0, 1, 0]);
    const city = (await partition(CITY)).find((i) => i.SK === 'SELF')!;
    expect(city.series.dates).toEqual(['2025-06-18', '2025-06-19', TODAY]);
    expect(city.series.reviewed).toEqual([2, 2, 0]);
  });

  it('writes again only what changed (the jurisdictions’ own items, for their asOf)', async () => {
    const again = await refreshOverview(db, TODAY);
    expect(again.written).toBe(4);
    expect(again.deleted).toBe(0);
  });

  it('a case opened moves the figures of its mine, its district, the city and the province at the next refresh', async () => {
    const before = await readOverview(new TenantStore(db, admin(CITY)), undefined);
    expect(before.figures.casesOpen).toBe(0);
    await recordCaseFindings(db, [
      {
        review: { mineId: 'ov-ds-1', date: '2025-06-19', findings: [spike] },
        mineName: 'ov-ds-1 煤矿',
        jurisdiction: DS,
        caseDeadlineDays: 3,
      },
    ]);
    // Not counted up: the figure stays what the last refresh computed until the next one.
    expect((await readOverview(new TenantStore(db, admin(CITY)), undefined)).figures.casesOpen).toBe(0);
    await refreshOverview(db, TODAY);
    const city = await readOverview(new TenantStore(db, admin(CITY)), undefined);
    expect(city.figures.casesOpen).toBe(1);
    expect(city.children.find((c) => c.key === DS)!.figures.casesOpen).toBe(1);
    expect(city.children.find((c) => c.key === XY)!.figures.casesOpen).toBe(0);
    const district = await readOverview(new TenantStore(db, admin(DS)), undefined);
    expect(district.children.find((c) => c.key === 'ov-ds-1')).toMatchObject({
      kind: 'mine',
      figures: { casesOpen: 1 },
    });
    expect(district.series.casesOpen.at(-1)).toBe(1);
    expect((await readOverview(new TenantStore(db, admin('hlj')), undefined)).figures.casesOpen).toBe(1);
  });

  it('reads of the lists only the attributes the figures are counted from, and counts the same', async () => {
    const returned = new Set<string>();
    const watching = watchedDb(db, {
      answered: (command, out) => {
        if (command.input.IndexName === 'GSI1')
          for (const item of out.Items ?? []) for (const k in item) returned.add(k);
      },
    });
    const before = await partition(DS);
    await refreshOverview(watching, TODAY);
    // The mines' names and status and the open case's deadline were read, and nothing else of a profile or a case.
    expect([...returned].sort()).toEqual(['deadline', 'mineId', 'name', 'status']);
    const after = await partition(DS);
    const figures = (items: Record<string, any>[]) => items.map((i) => [i.SK, i.figures]);
    expect(figures(after)).toEqual(figures(before));
  });

  it('counts tiers, open hazards and fines from those attributes alone, as the records store them', async () => {
    const hazard = {
      hazardId: 'hz-ov-1',
      mineId: 'ov-xy-1',
      jurisdiction: XY,
      status: 'rectifying' as const,
      level: 'major',
      deadline: '2025-06-01',
      description: '主运输巷顶板离层，支护失效。',
    };
    const fine = {
      penaltyId: 'pen-ov-1',
      mineId: 'ov-xy-1',
      jurisdiction: XY,
      status: 'effective' as const,
      kind: 'fine',
      effectiveOn: '2025-06-05',
      amountYuan: 50_000,
      executionDue: '2025-06-20',
    };
    const credit = { mineId: 'ov-xy-1', jurisdiction: XY, tier: 'C', nextInspectionDue: '2025-07-01', items: [] };
    await batchPut(db, [
      { ...hazard, ...hazardKeys(hazard) },
      { ...fine, ...penaltyKeys(fine) },
      creditCurrentItem(credit as unknown as Parameters<typeof creditCurrentItem>[0]),
    ]);
    const returned = new Set<string>();
    await refreshOverview(
      watchedDb(db, {
        answered: (command, out) => {
          if (command.input.IndexName === 'GSI1')
            for (const item of out.Items ?? []) for (const k in item) returned.add(k);
        },
      }),
      TODAY,
    );
    expect([...returned].sort()).toEqual(
      ['amountYuan', 'deadline', 'effectiveOn', 'kind', 'level', 'mineId', 'name', 'status', 'tier'].sort(),
    );
    const xy = await readOverview(new TenantStore(db, admin(XY)), undefined);
    expect(xy.children.find((c) => c.key === 'ov-xy-1')!.figures).toMatchObject({
      tier_C: 1,
      hazardsOpen: 1,
      hazardsOverdue: 1,
      majorHazardsOpen: 1,
      majorHazardsOverdue: 1,
      penaltiesMonth: 1,
      penaltiesYear: 1,
      finesMonthYuan: 50_000,
      finesYearYuan: 50_000,
    });
  });

  it('reads one jurisdiction at or below the caller’s; another one, or one above, is 404', async () => {
    const city = await readOverview(new TenantStore(db, admin(CITY)), DS);
    expect(city).toMatchObject({ path: DS, level: 'district', parents: [{ path: CITY }] });
    await expect(readOverview(new TenantStore(db, admin(DS)), CITY)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(readOverview(new TenantStore(db, admin(DS)), XY)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(readOverview(new TenantStore(db, admin(CITY)), `${CITY}/nowhere`)).rejects.toMatchObject({
      kind: 'not_found',
    });
  });

  it('keeps a series as it is when older reports arrive later, and begins it again from them when asked', async () => {
    // A night reviewed after the series began (the local demo reviews its history in the background).
    await batchPut(db, [
      {
        PK: `JUR#${DS}`,
        SK: 'POWERREPORT#2025-06-16',
        entity: 'powerReport',
        date: '2025-06-16',
        jurisdiction: DS,
        mines: 2,
        verdicts: { normal: 0, anomaly: 2, no_data: 0 },
        anomalies: [{ mineId: 'ov-ds-1' }, { mineId: 'ov-ds-2' }],
        noData: [],
      },
    ]);
    const self = async (path: string) => (await partition(path)).find((i) => i.SK === 'SELF')!;
    await refreshOverview(db, TODAY);
    expect((await self(DS)).series.dates[0]).toBe('2025-06-18');
    await refreshOverview(db, TODAY, { rebuildSeries: true });
    const ds = await self(DS);
    expect(ds.series.dates).toEqual(['2025-06-17', '2025-06-18', '2025-06-19', TODAY]);
    expect(ds.series.anomalies).toEqual([2, 0, 1, 0]);
    expect((await self(CITY)).series.anomalies).toEqual([2, 0, 1, 0]);
    const mine = (await partition(DS)).find((i) => i.SK === 'MINE#ov-ds-1')!;
    expect(mine.series.anomalies).toEqual([1, 0, 0, 0]);
  });
});
