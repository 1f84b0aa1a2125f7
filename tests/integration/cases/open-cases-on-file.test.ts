// The mine's file lists every case still open or under investigation, however many newer cases were closed since:
// a chronic offender's oldest open case is the one the bureau must not lose sight of.
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseItem, caseKeys } from '#lib/cases/case-item.ts';
import { listCases } from '#lib/cases/case-queries.ts';
import { recordCaseFindings } from '#lib/cases/record-findings.ts';
import { mineRecord, RECORD_LIMIT } from '#lib/mine-file/mine-file.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { put, transact } from '#lib/store/transact.ts';
import { type DistrictDb, districtDb, INSPECTOR } from '../../support/district-db.ts';
import { hoistShare, reviewed } from './fixtures.ts';

const FIRST = '2025-03-03';
const TODAY = '2025-06-20';

let ctx: DistrictDb;
let db: Db;
let oldest: CaseItem;

beforeAll(async () => {
  ctx = await districtDb(FIRST, ['m-chronic']);
  db = ctx.db;
  await recordCaseFindings(db, [reviewed('m-chronic', FIRST, [hoistShare])]);
  const opened = await queryAll<CaseItem>(db, { partition: pk.mine('m-chronic'), beginsWith: sk.casePrefix });
  expect(opened).toHaveLength(1);
  oldest = opened[0]!;
  // More newer cases than the file's recent lists hold, each dismissed after its look (written as the store keeps
  // them, with the case's own key function).
  ctx.on(TODAY);
  await transact(
    db,
    Array.from({ length: RECORD_LIMIT }, () => {
      const c: CaseItem = { ...oldest, caseId: db.newId('case'), status: 'dismissed' };
      return put(db, { ...c, ...caseKeys(c) });
    }),
  );
});

describe('open cases on the mine’s file', () => {
  it('still lists the open case behind twenty newer dismissed ones, and no dismissed one', async () => {
    const file = await mineRecord(ctx.as(INSPECTOR), 'm-chronic');
    expect(file.openCases.map((c) => c.caseId)).toEqual([oldest.caseId]);
    expect(file.openCases[0]).toMatchObject({ status: 'open', rule: 'HOIST_SHARE' });
  });

  it('the overdue list holds the same open case, not the dismissed ones past the same deadline', async () => {
    const store = ctx.as(INSPECTOR);
    for (const query of [{ overdue: 'true' as const }, { overdue: 'true' as const, mineId: 'm-chronic' }]) {
      const listed = await listCases(store, query);
      expect(listed.items.map((c) => [c.caseId, c.overdue])).toEqual([[oldest.caseId, true]]);
    }
  });
});
