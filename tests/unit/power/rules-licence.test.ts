// LICENCE_INVALID (无证生产 / 证照失效组织生产): a producing mine on a day its 安全生产许可证 or 采矿许可证 is not
// valid. A licence is valid up to and including its expiry date (as the licence view reads it: daysToExpiry 0 is
// "expiring", not "expired"), so the first day of the finding is the day after; a suspension or revocation counts
// from its own date, and only against the licence number it acted on.
import { describe, expect, it } from 'vitest';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import type { MineReviewInput } from '#lib/power/types.ts';
import type { LicenceStateEntry, LicenceValidity, MineStatus } from '#lib/registry/vocabulary.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { DATE, findingOf, mine, reading, since } from './builders.ts';

const SAFETY_NO = '（黑）MK安许证字〔2023〕0101';
const MINING_NO = 'C2300002009011120001234';
const licence = (expiresOn: string, over: Partial<LicenceValidity> = {}, number = SAFETY_NO): LicenceValidity => ({
  number,
  issuedOn: '2023-07-10',
  expiresOn,
  ...over,
});
const entry = (state: LicenceStateEntry['state'], from: string, number = SAFETY_NO): LicenceStateEntry => ({
  state,
  from,
  number,
  penaltyId: 'pen-1',
  decisionNo: '鹤东煤罚〔2026〕9号',
});
const review = (licences: MineReviewInput['licences'], status: MineStatus = 'producing', withReading = true) =>
  reviewMineDay(
    mine({ licences, statusTimeline: since(status), readings: withReading ? [reading(DATE, 20_000)] : [] }),
  );

describe('LICENCE_INVALID at the expiry boundary', () => {
  it.each([
    ['expires the day after the reviewed day', addDays(DATE, 1), false],
    ['expires on the reviewed day: its last valid day', DATE, false],
    ['expired the day before: first day invalid', addDays(DATE, -1), true],
    ['expired a year ago', addDays(DATE, -365), true],
  ] as const)('安全生产许可证 %s → %s', (_, expiresOn, found) => {
    expect(findingOf(review({ safety_production: licence(expiresOn) }), 'LICENCE_INVALID') !== undefined).toBe(found);
  });

  it.each([
    ['expires on the reviewed day', DATE, false],
    ['expired the day before', addDays(DATE, -1), true],
  ] as const)('采矿许可证 %s → %s', (_, expiresOn, found) => {
    const f = findingOf(review({ mining: licence(expiresOn, {}, MINING_NO) }), 'LICENCE_INVALID');
    expect(f !== undefined).toBe(found);
  });

  it('a high finding naming the licence, its number and its expiry date, measured in days invalid', () => {
    const f = findingOf(review({ safety_production: licence('2026-11-20') }), 'LICENCE_INVALID');
    expect(f).toMatchObject({ severity: 'high', unit: 'days', measured: 8, threshold: 0 });
    expect(f!.message).toBe(
      `安全生产许可证（编号 ${SAFETY_NO}）已于 2026-11-20 到期，${DATE} 矿井仍在生产，属证照失效组织生产（无证生产）。`,
    );
  });

  it('both licences lapsed: one finding naming both, measured from the earlier', () => {
    const f = findingOf(
      review({ safety_production: licence('2026-11-20'), mining: licence('2026-11-26', {}, MINING_NO) }),
      'LICENCE_INVALID',
    );
    expect(f!.measured).toBe(8);
    expect(f!.message).toContain(
      `安全生产许可证（编号 ${SAFETY_NO}）已于 2026-11-20 到期；采矿许可证（编号 ${MINING_NO}）`,
    );
  });

  it.each([
    ['business', 'business'],
    ['principal_qualification', 'principal_qualification'],
    ['rescue_agreement', 'rescue_agreement'],
  ] as const)('an expired %s is not this finding (reminded only)', (_, type) => {
    expect(findingOf(review({ [type]: licence(addDays(DATE, -10)) }), 'LICENCE_INVALID')).toBeUndefined();
  });
});

describe('LICENCE_INVALID by status and data', () => {
  it.each([
    ['producing', true],
    ['suspended', false],
    ['rectifying', false],
    ['construction', false],
    ['closed', false],
  ] as const)('%s → %s', (status, found) => {
    const f = findingOf(review({ safety_production: licence(addDays(DATE, -1)) }, status), 'LICENCE_INVALID');
    expect(f !== undefined).toBe(found);
  });

  it('runs without a reading for the day: the verdict stays no_data, the finding is there', () => {
    const r = review({ safety_production: licence(addDays(DATE, -1)) }, 'producing', false);
    expect(r.verdict).toBe('no_data');
    expect(findingOf(r, 'LICENCE_INVALID')?.severity).toBe('high');
  });

  it('no licence on file is not judged; valid licences give a normal day', () => {
    expect(findingOf(review(undefined), 'LICENCE_INVALID')).toBeUndefined();
    expect(findingOf(review({}), 'LICENCE_INVALID')).toBeUndefined();
    expect(review({ safety_production: licence('2030-01-01') }).verdict).toBe('normal');
  });
});

describe('LICENCE_INVALID from an approved licence action', () => {
  it.each([
    ['suspended from the day after', entry('suspended', addDays(DATE, 1)), false],
    ['suspended from the reviewed day', entry('suspended', DATE), true],
    ['revoked from the day before', entry('revoked', addDays(DATE, -1)), true],
    ['revoked, but against an earlier licence number', entry('revoked', '2026-01-01', 'OLD-1'), false],
  ] as const)('%s → %s', (_, e, found) => {
    const f = findingOf(review({ safety_production: licence('2030-01-01', { states: [e] }) }), 'LICENCE_INVALID');
    expect(f !== undefined).toBe(found);
  });

  it('names the action, its date and its decision', () => {
    const f = findingOf(
      review({ safety_production: licence('2030-01-01', { states: [entry('suspended', '2026-11-25')] }) }),
      'LICENCE_INVALID',
    );
    expect(f).toMatchObject({ severity: 'high', measured: 4 });
    expect(f!.message).toBe(
      `安全生产许可证（编号 ${SAFETY_NO}）自 2026-11-25 起被暂扣（鹤东煤罚〔2026〕9号），${DATE} 矿井仍在生产，属证照失效组织生产（无证生产）。`,
    );
  });

  it('a revocation outlasts a later suspension', () => {
    const f = findingOf(
      review({
        safety_production: licence('2030-01-01', {
          states: [entry('revoked', '2026-11-01'), entry('suspended', '2026-11-20')],
        }),
      }),
      'LICENCE_INVALID',
    );
    expect(f!.message).toContain('自 2026-11-01 起被吊销');
  });
});
