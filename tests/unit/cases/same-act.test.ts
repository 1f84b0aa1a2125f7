// One act, one case: the findings of one mine-day that are the same act go to the case of the finding that names
// it. 未经验收擅自生产 names the day a stopped mine draws production-level electricity; 明停暗开 (the maintenance
// rule) found the same day joins its case. People underground on a stopped day (the personnel feed) are the same act
// as the electricity's production on it: one case, named 未经验收擅自生产 when it found the day, else for the people,
// whatever order the witnesses come in. Every other pair stays a case of its own.
import { describe, expect, it } from 'vitest';
import { RULE_VIOLATION } from '#lib/cases/case-item.ts';
import { actLeadOf, RULE_IDS, type RuleId, rulesOfAct, SAME_ACT } from '#lib/findings/vocabulary.ts';

describe('the case a finding goes to, given the rules that found the same mine-day', () => {
  it.each<[RuleId, RuleId[], RuleId | undefined]>([
    ['SUSPENDED_OVER_MAINTENANCE', ['SUSPENDED_OVER_MAINTENANCE', 'UNACCEPTED_PRODUCTION'], 'UNACCEPTED_PRODUCTION'],
    ['SUSPENDED_OVER_MAINTENANCE', ['UNACCEPTED_PRODUCTION', 'SUSPENDED_OVER_MAINTENANCE'], 'UNACCEPTED_PRODUCTION'],
    ['SUSPENDED_OVER_MAINTENANCE', ['SUSPENDED_OVER_MAINTENANCE'], undefined],
    ['SUSPENDED_OVER_MAINTENANCE', ['SUSPENDED_OVER_MAINTENANCE', 'NIGHT_PRODUCTION'], undefined],
    ['UNACCEPTED_PRODUCTION', ['SUSPENDED_OVER_MAINTENANCE', 'UNACCEPTED_PRODUCTION'], undefined],
    ['UNACCEPTED_PRODUCTION', ['UNACCEPTED_PRODUCTION'], undefined],
    ['NIGHT_PRODUCTION', ['NIGHT_PRODUCTION', 'UNACCEPTED_PRODUCTION'], undefined],
    [
      'REVISED_AFTER_REVIEW',
      ['REVISED_AFTER_REVIEW', 'UNACCEPTED_PRODUCTION', 'SUSPENDED_OVER_MAINTENANCE'],
      undefined,
    ],
    ['PEOPLE_WHEN_STOPPED', ['NIGHT_PRODUCTION', 'PEOPLE_WHEN_STOPPED'], undefined],
    ['NIGHT_PRODUCTION', ['NIGHT_PRODUCTION', 'PEOPLE_WHEN_STOPPED'], 'PEOPLE_WHEN_STOPPED'],
    ['SUSPENDED_OVER_MAINTENANCE', ['SUSPENDED_OVER_MAINTENANCE', 'PEOPLE_WHEN_STOPPED'], 'PEOPLE_WHEN_STOPPED'],
    ['POWER_PEOPLE_DISAGREE', ['POWER_PEOPLE_DISAGREE', 'PEOPLE_WHEN_STOPPED'], 'PEOPLE_WHEN_STOPPED'],
    ['POWER_PEOPLE_DISAGREE', ['POWER_PEOPLE_DISAGREE', 'UNACCEPTED_PRODUCTION'], 'UNACCEPTED_PRODUCTION'],
    ['POWER_PEOPLE_DISAGREE', ['POWER_PEOPLE_DISAGREE'], undefined],
    ['PEOPLE_WHEN_STOPPED', ['PEOPLE_WHEN_STOPPED', 'UNACCEPTED_PRODUCTION'], 'UNACCEPTED_PRODUCTION'],
    // A chain ends at the strongest: night → people → 未经验收擅自生产.
    ['NIGHT_PRODUCTION', ['NIGHT_PRODUCTION', 'PEOPLE_WHEN_STOPPED', 'UNACCEPTED_PRODUCTION'], 'UNACCEPTED_PRODUCTION'],
    ['NIGHT_PRODUCTION', ['NIGHT_PRODUCTION', 'UNACCEPTED_PRODUCTION'], undefined],
    ['OVER_HEADCOUNT', ['OVER_HEADCOUNT', 'OVER_CAPACITY'], undefined],
    ['GAS_NO_POWER_CUT', ['GAS_NO_POWER_CUT', 'PEOPLE_WHEN_STOPPED'], undefined],
  ])('%s among %j → %s', (rule, rulesOfDay, lead) => {
    expect(actLeadOf(rule, rulesOfDay)).toBe(lead);
  });

  it('a case’s evidence reads its own rule first, then the rules that join it', () => {
    expect(rulesOfAct('UNACCEPTED_PRODUCTION').slice(0, 2)).toEqual([
      'UNACCEPTED_PRODUCTION',
      'SUSPENDED_OVER_MAINTENANCE',
    ]);
    expect(rulesOfAct('SUSPENDED_OVER_MAINTENANCE')).toEqual(['SUSPENDED_OVER_MAINTENANCE']);
    expect(rulesOfAct('PEOPLE_WHEN_STOPPED')).toEqual([
      'PEOPLE_WHEN_STOPPED',
      'POWER_PEOPLE_DISAGREE',
      'SUSPENDED_OVER_MAINTENANCE',
      'NIGHT_PRODUCTION',
    ]);
  });

  it('a case of 未经验收擅自生产 reads the evidence of every witness that can join it, through the people', () => {
    expect([...rulesOfAct('UNACCEPTED_PRODUCTION')].sort()).toEqual(
      [
        'UNACCEPTED_PRODUCTION',
        'SUSPENDED_OVER_MAINTENANCE',
        'PEOPLE_WHEN_STOPPED',
        'POWER_PEOPLE_DISAGREE',
        'NIGHT_PRODUCTION',
      ].sort(),
    );
  });

  /** The cases a day's case-opening findings open: one per finding that joins no other. */
  const casesOfDay = (rules: RuleId[]) => rules.filter((r) => actLeadOf(r, rules) === undefined);

  it.each<[string, RuleId[], RuleId[]]>([
    ['people and the night share', ['NIGHT_PRODUCTION', 'PEOPLE_WHEN_STOPPED'], ['PEOPLE_WHEN_STOPPED']],
    [
      'people, the two feeds disagreeing and the night share',
      ['POWER_PEOPLE_DISAGREE', 'NIGHT_PRODUCTION', 'PEOPLE_WHEN_STOPPED'],
      ['PEOPLE_WHEN_STOPPED'],
    ],
    [
      'every witness of a production-level stopped day',
      [
        'SUSPENDED_OVER_MAINTENANCE',
        'NIGHT_PRODUCTION',
        'PEOPLE_WHEN_STOPPED',
        'UNACCEPTED_PRODUCTION',
        'POWER_PEOPLE_DISAGREE',
      ],
      ['UNACCEPTED_PRODUCTION'],
    ],
    [
      'the electricity alone, night and maintenance',
      ['NIGHT_PRODUCTION', 'SUSPENDED_OVER_MAINTENANCE'],
      ['NIGHT_PRODUCTION', 'SUSPENDED_OVER_MAINTENANCE'],
    ],
    [
      'people and a gas alarm',
      ['PEOPLE_WHEN_STOPPED', 'GAS_NO_POWER_CUT'],
      ['PEOPLE_WHEN_STOPPED', 'GAS_NO_POWER_CUT'],
    ],
  ])('a stopped day with %s opens %j', (_, rules, cases) => {
    expect(casesOfDay(rules)).toEqual(cases);
    expect(casesOfDay([...rules].reverse())).toEqual([...cases].reverse());
  });

  it.each(RULE_IDS.flatMap((lead) => (SAME_ACT[lead] ?? []).map((joined) => [lead, joined] as const)))(
    '%s and %s are one act: the same violation when confirmed, and neither joins the other both ways',
    (lead, joined) => {
      expect(RULE_VIOLATION[joined]).toBe(RULE_VIOLATION[lead]);
      expect(SAME_ACT[joined] ?? []).not.toContain(lead);
    },
  );
});
