// What a confirmed electricity case records, rule by rule and by the mine's status on the finding's day: production
// on a closed mine is 死灰复燃 (item 19), production on a stopped one 明停暗开 (item 15); a meter or reporting fault
// (missing, flatlining) records no violation, its days being priced already as missed readings; falsified
// electricity data is item (3), never item (7), which is the mine's safety monitoring system. The monitoring feeds'
// rules: people on a stopped day item (15) (19 when closed), 超定员 item (4), gas and sensors item (7).
import { describe, expect, it } from 'vitest';
import { caseViolation, RULE_VIOLATION, statusOnDay } from '#lib/cases/case-item.ts';
import { RULE_IDS, RULE_WITNESS, type RuleId } from '#lib/findings/vocabulary.ts';
import { MINE_STATUSES, type MineStatus } from '#lib/registry/vocabulary.ts';
import type { ViolationCategory } from '#lib/violations/categories.ts';

type Row = [RuleId, MineStatus, ViolationCategory | null];

const TABLE: Row[] = [
  // Production evidence on a stopped mine: 明停暗开.
  ['SUSPENDED_OVER_MAINTENANCE', 'suspended', 'stopped_mine_producing'],
  ['SUSPENDED_OVER_MAINTENANCE', 'rectifying', 'stopped_mine_producing'],
  ['SUSPENDED_OVER_MAINTENANCE', 'construction', 'stopped_mine_producing'],
  ['NIGHT_PRODUCTION', 'suspended', 'stopped_mine_producing'],
  ['NIGHT_PRODUCTION', 'rectifying', 'stopped_mine_producing'],
  ['HOIST_SHARE', 'suspended', 'stopped_mine_producing'],
  ['HOIST_SHARE', 'construction', 'stopped_mine_producing'],
  // The same on a mine closed that day: 死灰复燃.
  ['SUSPENDED_OVER_MAINTENANCE', 'closed', 'closed_mine_revived'],
  ['NIGHT_PRODUCTION', 'closed', 'closed_mine_revived'],
  ['HOIST_SHARE', 'closed', 'closed_mine_revived'],
  ['SPIKE', 'closed', 'closed_mine_revived'],
  ['OVER_CAPACITY', 'closed', 'closed_mine_revived'],
  ['CLOSED_CONSUMPTION', 'closed', 'closed_mine_revived'],
  // The monitoring feeds: people underground on a stopped day, and people beside electricity.
  ['PEOPLE_WHEN_STOPPED', 'suspended', 'stopped_mine_producing'],
  ['PEOPLE_WHEN_STOPPED', 'construction', 'stopped_mine_producing'],
  ['PEOPLE_WHEN_STOPPED', 'closed', 'closed_mine_revived'],
  ['POWER_PEOPLE_DISAGREE', 'suspended', 'stopped_mine_producing'],
  ['POWER_PEOPLE_DISAGREE', 'closed', 'closed_mine_revived'],
  ['POWER_PEOPLE_DISAGREE', 'producing', 'monitoring_failure'],
  ['OVER_HEADCOUNT', 'producing', 'over_capacity'],
  ['GAS_NO_POWER_CUT', 'producing', 'monitoring_failure'],
  ['GAS_NO_POWER_CUT', 'suspended', 'monitoring_failure'],
  ['SENSOR_OFFLINE', 'producing', 'monitoring_failure'],
  // Over capacity on a producing mine.
  ['OVER_CAPACITY', 'producing', 'over_capacity'],
  ['SPIKE', 'producing', 'over_capacity'],
  // A meter or its report failing: no violation, whatever the status (its days are missed readings already).
  ...MINE_STATUSES.flatMap((s): Row[] => [
    ['MISSING', s, null],
    ['FLATLINE_OR_DROP', s, null],
  ]),
  // Falsified electricity data: item (3), on a closed mine too (it is not production).
  ...MINE_STATUSES.flatMap((s): Row[] => [
    ['REVISED_AFTER_REVIEW', s, 'responsibility_not_fulfilled'],
    ['DECLARATION_MISMATCH', s, 'responsibility_not_fulfilled'],
  ]),
];

describe('the violation a confirmed case records', () => {
  it.each(TABLE)('%s on a %s mine → %s', (rule, status, category) => {
    expect(caseViolation(rule, status)).toBe(category);
  });

  it('never records item (7), the safety monitoring system, for an electricity rule, whatever the status', () => {
    // The rules of the two monitoring feeds, as the vocabulary assigns each rule to its witness.
    const monitoring = RULE_IDS.filter((r) => RULE_WITNESS[r] !== 'electricity');
    expect(monitoring).toEqual(expect.arrayContaining(['PEOPLE_WHEN_STOPPED', 'GAS_NO_POWER_CUT', 'SENSOR_OFFLINE']));
    for (const rule of RULE_IDS.filter((r) => !monitoring.includes(r)))
      for (const status of MINE_STATUSES)
        expect(caseViolation(rule, status), `${rule} ${status}`).not.toBe('monitoring_failure');
  });

  it('every rule has an entry (a new rule must decide what it confirms to)', () => {
    expect(Object.keys(RULE_VIOLATION).sort()).toEqual([...RULE_IDS].sort());
  });

  it('a closed mine changes only the production rules', () => {
    for (const rule of RULE_IDS) {
      const closed = caseViolation(rule, 'closed');
      if (closed !== 'closed_mine_revived') expect(closed, rule).toBe(RULE_VIOLATION[rule]);
    }
  });
});

describe("the mine's status on the finding's day", () => {
  const timeline = [
    { status: 'producing', from: '2020-01-01' },
    { status: 'suspended', from: '2026-03-01' },
    { status: 'closed', from: '2026-05-10' },
  ] as const;

  it.each([
    ['2019-12-31', 'producing'], // before the register: the first span's status
    ['2026-02-28', 'producing'],
    ['2026-03-01', 'suspended'], // a change applies to its whole first day
    ['2026-05-09', 'suspended'],
    ['2026-05-10', 'closed'],
    ['2026-12-31', 'closed'],
  ] as const)('on %s is %s', (day, status) => {
    expect(statusOnDay(timeline, day, 'producing')).toBe(status);
  });

  it('in any order; of two spans from the same day the later listed wins; an empty timeline falls back', () => {
    expect(statusOnDay([...timeline].reverse(), '2026-04-01', 'producing')).toBe('suspended');
    expect(
      statusOnDay(
        [
          { status: 'suspended', from: '2026-03-01' },
          { status: 'closed', from: '2026-03-01' },
        ],
        '2026-03-01',
        'producing',
      ),
    ).toBe('closed');
    expect(statusOnDay([], '2026-03-01', 'rectifying')).toBe('rectifying');
  });

  it('a hoist-share case on a mine suspended on the finding’s day and closed since is 明停暗开, not 死灰复燃', () => {
    expect(caseViolation('HOIST_SHARE', statusOnDay(timeline, '2026-05-09', 'closed'))).toBe('stopped_mine_producing');
    expect(caseViolation('HOIST_SHARE', statusOnDay(timeline, '2026-05-10', 'closed'))).toBe('closed_mine_revived');
  });
});
