// The reports upward on DynamoDB Local: each district counted from its own lists on the index (a record of the
// district next door, or of another month, counts nowhere), a city's row per district with totals that are their
// sum; a district's monthly report opened once, submitted with its figures frozen, returned, resubmitted and
// accepted, each step audited and a stale version refused.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { ConflictError, NotFoundError, RuleError } from '#lib/errors.ts';
import { sumFigures } from '#lib/reports/counting.ts';
import { decideMonthlyReport, openMonthlyReports, submitMonthlyReport } from '#lib/reports/monthly.ts';
import { monthlyReportKey } from '#lib/reports/monthly-item.ts';
import { parsePeriod } from '#lib/reports/period.ts';
import { getStatistics, statisticsTable } from '#lib/reports/statistics.ts';
import { datedKeys, INSPECTION_KIND, VIOLATION_KIND } from '#lib/store/dated-records.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1, pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { put, transact } from '#lib/store/transact.ts';
import { testDb } from '../../support/test-db.ts';

const CITY = 'zz/city';
const A = `${CITY}/a`;
const B = `${CITY}/b`;
const NEXT_DOOR = 'zz/other/c';
// 3 December 2026, 10:00 in China: last month is November.
const NOW = new Date('2026-12-03T02:00:00.000Z');
const NOV = parsePeriod('2026-11');

const bureau = (jurisdiction: string, sub: string): Principal => ({
  kind: 'bureau',
  sub,
  role: 'bureau_admin',
  jurisdiction,
  name: sub,
});

let db: Db;
let n = 0;
const id = () => `r${String(++n).padStart(4, '0')}`;

/** Records of a district: what its mines' items put on the jurisdiction's lists. */
async function seed(path: string, records: { inspections: string[]; violations: string[]; fines: [string, number][] }) {
  const writes = [
    put(db, { PK: pk.jurisdictions, SK: path, entity: 'jurisdiction', path }),
    put(db, { PK: pk.jurisdiction(path), SK: sk.jurisdictionName, name: `区${path.at(-1)}` }),
    ...records.inspections.map((doneOn) => {
      const i = id();
      return put(db, {
        ...datedKeys(INSPECTION_KIND).item('m-x', doneOn, i),
        ...datedKeys(INSPECTION_KIND).index(path, doneOn, i),
        status: 'done',
        doneOn,
      });
    }),
    ...records.violations.map((date) => {
      const i = id();
      return put(db, {
        ...datedKeys(VIOLATION_KIND).item('m-x', date, i),
        ...datedKeys(VIOLATION_KIND).index(path, date, i),
        category: 'over_capacity',
        date,
      });
    }),
    ...records.fines.map(([effectiveOn, amountYuan]) => {
      const i = id();
      return put(db, {
        PK: pk.mine('m-x'),
        SK: `PENALTY#${i}`,
        GSI1PK: gsi1.penaltiesOfProvince(path),
        GSI1SK: gsi1.penaltyInJurisdiction(path, i),
        status: 'effective',
        kind: 'fine',
        effectiveOn,
        amountYuan,
      });
    }),
    put(db, {
      PK: pk.jurisdiction(path),
      SK: sk.powerReport('2026-11-30'),
      date: '2026-11-30',
      verdicts: { normal: 3, anomaly: 2, no_data: 0 },
    }),
  ];
  for (let i = 0; i < writes.length; i += 25) await transact(db, writes.slice(i, i + 25));
}

beforeAll(async () => {
  db = await testDb({ now: () => NOW });
  await seed(A, {
    inspections: ['2026-11-01', '2026-11-30', '2026-12-01'],
    violations: ['2026-11-15'],
    fines: [['2026-11-02', 10_000]],
  });
  await seed(B, { inspections: ['2026-11-10', '2026-10-31'], violations: [], fines: [['2026-11-30', 5_000]] });
  await seed(NEXT_DOOR, { inspections: ['2026-11-05'], violations: ['2026-11-05'], fines: [['2026-11-05', 1]] });
}, 120_000);

describe('the statistics of a city', () => {
  it('has a row per district, each counted from its own records of the month, and totals that are their sum', async () => {
    const t = await statisticsTable(db, CITY, NOV);
    expect(
      t.rows.map((r) => [r.jurisdiction, r.name, r.inspections, r.violations, r.finesYuan, r.reviewAnomalies]),
    ).toEqual([
      [A, '区a', 2, 1, 10_000, 2],
      [B, '区b', 1, 0, 5_000, 2],
    ]);
    expect(t.totals).toEqual(sumFigures(t.rows));
    expect(t.totals.inspections).toBe(3);
  });

  it('a province’s row of the city is the sum of its districts', async () => {
    const t = await statisticsTable(db, 'zz', NOV);
    expect(t.rows.map((r) => [r.jurisdiction, r.inspections, r.finesYuan])).toEqual([
      [CITY, 3, 15_000],
      ['zz/other', 1, 1],
    ]);
  });

  it('a district user reads its own; the city or the district next door is 404', async () => {
    const store = new TenantStore(db, bureau(A, 'a-admin'));
    expect((await getStatistics(store, { period: '2026-11' })).rows.map((r) => r.jurisdiction)).toEqual([A]);
    await expect(getStatistics(store, { jurisdiction: CITY, period: '2026-11' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStatistics(store, { jurisdiction: B, period: '2026-11' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('a district’s monthly report', () => {
  const district = () => new TenantStore(db, bureau(A, 'a-admin'));
  const city = () => new TenantStore(db, bureau(CITY, 'city-admin'));

  it('is opened once for last month, due by day 5 of this month, on the due-date index', async () => {
    expect((await openMonthlyReports(db, '2026-12-03')).opened.sort()).toEqual([A, B, NEXT_DOOR].sort());
    expect((await openMonthlyReports(db, '2026-12-04')).opened).toEqual([]);
    const item = await getItem<Record<string, unknown>>(db, monthlyReportKey(A, '2026-11'));
    expect(item).toMatchObject({ state: 'due', dueOn: '2026-12-05', version: 1, GSI2PK: `DUE#${A}` });
  });

  it('goes submitted → returned → submitted → accepted, figures frozen, every step audited', async () => {
    const first = await submitMonthlyReport(district(), '2026-11', { version: 1, note: '首次报送' });
    expect(first).toMatchObject({ state: 'submitted', version: 2 });
    expect(first.submissions[0]?.figures.inspections).toBe(2);
    const item = await getItem<Record<string, unknown>>(db, monthlyReportKey(A, '2026-11'));
    expect(item?.GSI2PK).toBeUndefined();

    await expect(decideMonthlyReport(district(), '2026-11', 'accept', { jurisdiction: A, version: 2 })).rejects.toThrow(
      RuleError,
    );
    await expect(
      decideMonthlyReport(city(), '2026-11', 'accept', { jurisdiction: A, version: 1 }),
    ).rejects.toBeInstanceOf(ConflictError);
    const returned = await decideMonthlyReport(city(), '2026-11', 'return', {
      jurisdiction: A,
      version: 2,
      comments: '罚款数据与台账不符',
    });
    expect(returned).toMatchObject({ state: 'returned', version: 3 });

    // A record of November added after the first submission: the second submission sees it, the first keeps its own.
    await seed(A, { inspections: ['2026-11-20'], violations: [], fines: [] });
    const again = await submitMonthlyReport(district(), '2026-11', { version: 3 });
    expect(again.submissions.map((s) => [s.no, s.figures.inspections, s.returned?.comments])).toEqual([
      [1, 2, '罚款数据与台账不符'],
      [2, 3, undefined],
    ]);
    const accepted = await decideMonthlyReport(city(), '2026-11', 'accept', { jurisdiction: A, version: 4 });
    expect(accepted).toMatchObject({ state: 'accepted', version: 5 });
    await expect(submitMonthlyReport(district(), '2026-11', { version: 5 })).rejects.toThrow(/已受理/);

    const audit = await queryAll<{ action: string; entityId: string }>(db, {
      partition: pk.jurisdiction(A),
      beginsWith: 'AUDIT#',
    });
    expect(
      audit
        .filter((e) => e.entityId === `2026-11@${A}`)
        .map((e) => e.action)
        .sort(),
    ).toEqual(
      [
        'monthlyReport.accepted',
        'monthlyReport.opened',
        'monthlyReport.returned',
        'monthlyReport.submitted',
        'monthlyReport.submitted',
      ].sort(),
    );
  });
});
