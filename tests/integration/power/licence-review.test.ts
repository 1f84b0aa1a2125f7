// The nightly review holds a producing mine against its licences on the real store: an expired 安全生产许可证
// (or one suspended by an approved licence action) is a high LICENCE_INVALID finding that opens an investigation
// case whose confirmation records the plan's violation "licences incomplete"; the licences come with the profile the
// review already reads, so the mine-day costs no request more than one without licences.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import type { CaseItem } from '#lib/cases/case-item.ts';
import { RULE_VIOLATION } from '#lib/cases/case-item.ts';
import { actOnPenalty, createPenalty } from '#lib/penalties/penalties.ts';
import { createPenaltyBody } from '#lib/penalties/schemas.ts';
import { postReadings } from '#lib/power/power-service.ts';
import { reviewMines, type StoredReview } from '#lib/power/review-mines.ts';
import { meters } from '#lib/registry/equipment.ts';
import { licences } from '#lib/registry/licences.ts';
import { createMine } from '#lib/registry/mines.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { ADMIN, type DistrictDb, DS, districtDb, INSPECTOR, REVIEWER } from '../../support/district-db.ts';
import { mineInput } from '../../support/registry-fixtures.ts';

const DAY = '2026-05-20';
const EXPIRED = 'm-expired';
const VALID = 'm-valid';
const ACTED = 'm-acted';
const NONE = 'm-no-licences';

let ctx: DistrictDb;
let db: Db;
let as: (p: Principal) => TenantStore;
const reviewOf = async (mineId: string, date: string) =>
  (await getItem<StoredReview>(db, { PK: pk.mine(mineId), SK: sk.review(date) }))!;
const casesOf = (mineId: string) => queryAll<CaseItem>(db, { partition: pk.mine(mineId), beginsWith: sk.casePrefix });

async function requestsOf(run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const name = 'countLicenceRequests';
  db.doc.middlewareStack.add(
    (next) => async (args) => {
      count++;
      return next(args);
    },
    { step: 'finalizeRequest', name, override: true },
  );
  try {
    await run();
  } finally {
    db.doc.middlewareStack.remove(name);
  }
  return count;
}

beforeAll(async () => {
  ctx = await districtDb(addDays(DAY, 1), []);
  ({ db, as } = ctx);
  for (const mineId of [EXPIRED, VALID, ACTED, NONE]) {
    await createMine(as(ADMIN), mineInput(mineId, { jurisdiction: DS, statusEffectiveDate: '2025-06-01' }));
    await meters.put(as(ADMIN), mineId, 'main', { name: '总进线电表', multiplier: 1, effectiveFrom: '2025-06-01' });
    await postReadings(as(ADMIN), mineId, [{ meterId: 'main', date: DAY, kwh: 15_000 }]);
    if (mineId === NONE) continue;
    await licences.put(as(ADMIN), mineId, 'mining', {
      number: `CK-${mineId}`,
      issuedOn: '2016-01-01',
      expiresOn: '2031-01-01',
    });
  }
  await licences.put(as(ADMIN), EXPIRED, 'safety_production', {
    number: '（黑）MK安许证字〔2023〕0199',
    issuedOn: '2023-05-19',
    expiresOn: addDays(DAY, -1),
  });
  for (const mineId of [VALID, ACTED])
    await licences.put(as(ADMIN), mineId, 'safety_production', {
      number: `AQ-${mineId}`,
      issuedOn: '2023-05-19',
      expiresOn: DAY,
    });
});

describe('LICENCE_INVALID in the nightly review', () => {
  it('an expired 安全生产许可证 on a producing day is a high finding that opens a case', async () => {
    ctx.on(addDays(DAY, 1));
    const result = await reviewMines(db, DAY, [EXPIRED, VALID]);
    const review = await reviewOf(EXPIRED, DAY);
    const finding = review.findings.find((f) => f.rule === 'LICENCE_INVALID');
    expect(finding).toMatchObject({ severity: 'high', measured: 1, unit: 'days' });
    expect(finding!.message).toContain(
      `安全生产许可证（编号 （黑）MK安许证字〔2023〕0199）已于 ${addDays(DAY, -1)} 到期`,
    );
    expect(review.verdict).toBe('anomaly');
    const [opened] = await casesOf(EXPIRED);
    expect(opened).toMatchObject({ rule: 'LICENCE_INVALID', ruleLabel: '证照失效仍组织生产', status: 'open' });
    expect(result.casesOpened).toEqual([opened!.caseId]);
    expect(RULE_VIOLATION.LICENCE_INVALID).toBe('licences_incomplete');
  });

  it('a licence on its expiry day is still valid: no finding', async () => {
    expect((await reviewOf(VALID, DAY)).findings.map((f) => f.rule)).not.toContain('LICENCE_INVALID');
    expect(await casesOf(VALID)).toEqual([]);
  });

  it('an approved suspension of the licence makes it invalid from its date', async () => {
    const proposed = await createPenalty(
      as(INSPECTOR),
      ACTED,
      createPenaltyBody.parse({
        kind: 'licence_action',
        licenceType: 'safety_production',
        licenceAction: 'suspend',
        basis: '《安全生产许可证条例》第十四条',
        description: '安全生产条件不符合要求',
      }),
    );
    await actOnPenalty(as(ADMIN), proposed.penaltyId, { action: 'submit_for_review', version: 1 });
    await actOnPenalty(as(REVIEWER), proposed.penaltyId, {
      action: 'approve',
      version: 2,
      decisionNo: '（鹤东）煤安罚〔2026〕8号',
    });
    // Approved the day after DAY: DAY keeps its review; the day of the decision is flagged.
    await reviewMines(db, DAY, [ACTED]);
    expect((await reviewOf(ACTED, DAY)).findings.map((f) => f.rule)).not.toContain('LICENCE_INVALID');
    const next = addDays(DAY, 1);
    await reviewMines(db, next, [ACTED]);
    const finding = (await reviewOf(ACTED, next)).findings.find((f) => f.rule === 'LICENCE_INVALID');
    expect(finding?.message).toContain(`自 ${next} 起被暂扣（（鹤东）煤安罚〔2026〕8号）`);
  });

  it('costs no request more than a mine-day without licences', async () => {
    ctx.on(addDays(DAY, 1));
    await reviewMines(db, DAY, [NONE]);
    const withLicences = await requestsOf(() => reviewMines(db, DAY, [VALID]));
    const without = await requestsOf(() => reviewMines(db, DAY, [NONE]));
    expect(withLicences).toBe(without);
  });
});
