// Confirming an electricity case on the real store: the violation follows the mine's status on the finding's day,
// read from its status history, not its status today. Production found on a mine closed that day is 死灰复燃
// (closed_mine_revived, forcing D, proposed for the blacklist on that ground); found while it was still suspended,
// it is 明停暗开 even if the mine has been closed since.
import { beforeAll, describe, expect, it } from 'vitest';
import { actOnCase } from '#lib/cases/case-actions.ts';
import type { CaseItem } from '#lib/cases/case-item.ts';
import { recordCaseFindings } from '#lib/cases/record-findings.ts';
import { classifyMines } from '#lib/credit/classify-mines.ts';
import { changeStatus } from '#lib/registry/status-history.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { findViolation } from '#lib/violations/violation-records.ts';
import { ADMIN, type DistrictDb, districtDb, INSPECTOR } from '../../support/district-db.ts';
import { creditCodeFor } from '../../support/registry-fixtures.ts';
import { blacklistItemsOf, currentCreditItem } from '../credit/fixtures.ts';
import { hoistShare, reviewed } from './fixtures.ts';

const TODAY = '2025-06-20';
const FOUND = '2025-06-10';

let ctx: DistrictDb;
let db: Db;

/** Suspended since 2024, then closed from `closedFrom`; a hoist-share case opened on FOUND. */
async function mineWithCase(mineId: string, closedFrom: string): Promise<CaseItem> {
  const admin = ctx.as(ADMIN);
  ctx.on('2024-01-05');
  await changeStatus(admin, mineId, { status: 'suspended', effectiveDate: '2024-01-05', reason: '停产整顿' });
  ctx.on(closedFrom);
  await changeStatus(admin, mineId, { status: 'closed', effectiveDate: closedFrom, reason: '关闭退出' });
  ctx.on(TODAY);
  await recordCaseFindings(db, [reviewed(mineId, FOUND, [hoistShare])]);
  const [c] = await queryAll<CaseItem>(db, { partition: pk.mine(mineId), beginsWith: sk.casePrefix });
  return c!;
}

async function confirm(c: CaseItem) {
  const store = ctx.as(INSPECTOR);
  const started = await actOnCase(store, c.caseId, { action: 'start', version: c.version });
  return actOnCase(store, c.caseId, { action: 'confirm', version: started.version, note: '夜间检查：提升机在提煤' });
}

beforeAll(async () => {
  ctx = await districtDb(TODAY, ['m-revived', 'm-closed-later']);
  db = ctx.db;
});

describe('a confirmed hoist-share case', () => {
  it('on a mine closed on the finding’s day: 死灰复燃, forced D, proposed on the 死灰复燃 ground', async () => {
    const c = await mineWithCase('m-revived', '2025-06-01');
    const confirmed = await confirm(c);
    expect(confirmed.outcome).toEqual({
      statusOnDay: 'closed',
      category: 'closed_mine_revived',
      label: expect.stringContaining('死灰复燃'),
    });
    expect(await findViolation(db, confirmed.violationId!)).toMatchObject({ category: 'closed_mine_revived' });

    await classifyMines(db, TODAY, ['m-revived']);
    expect(await currentCreditItem(db, 'm-revived')).toMatchObject({
      tier: 'D',
      forced: [expect.objectContaining({ rule: 'violation.closed_mine_revived' })],
    });
    const [entry] = (await blacklistItemsOf(db, creditCodeFor('m-revived'))).filter(
      (i) => i.entity === 'blacklistEntry',
    );
    expect(entry!.grounds.map((g: { code: string }) => g.code)).toEqual(['CLOSED_MINE_REVIVED', 'CREDIT_TIER_D']);
  });

  it('on a mine still suspended on the finding’s day and closed since: 明停暗开, by the day’s status', async () => {
    const c = await mineWithCase('m-closed-later', '2025-06-15');
    const confirmed = await confirm(c);
    expect(confirmed.outcome).toMatchObject({ statusOnDay: 'suspended', category: 'stopped_mine_producing' });
    expect(await findViolation(db, confirmed.violationId!)).toMatchObject({ category: 'stopped_mine_producing' });
  });
});
