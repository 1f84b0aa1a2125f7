// One act, one case: the findings of one mine-day that are the same act go to the case of the finding that names
// it. 未经验收擅自生产 names the day a stopped mine draws production-level electricity; 明停暗开 (the maintenance
// rule) found the same day joins its case. Every other pair stays a case of its own.
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
  ])('%s among %j → %s', (rule, rulesOfDay, lead) => {
    expect(actLeadOf(rule, rulesOfDay)).toBe(lead);
  });

  it('a case’s evidence reads its own rule first, then the rules that join it', () => {
    expect(rulesOfAct('UNACCEPTED_PRODUCTION')).toEqual(['UNACCEPTED_PRODUCTION', 'SUSPENDED_OVER_MAINTENANCE']);
    expect(rulesOfAct('SUSPENDED_OVER_MAINTENANCE')).toEqual(['SUSPENDED_OVER_MAINTENANCE']);
  });

  it.each(RULE_IDS.flatMap((lead) => (SAME_ACT[lead] ?? []).map((joined) => [lead, joined] as const)))(
    '%s and %s are one act: the same violation when confirmed, and neither joins the other both ways',
    (lead, joined) => {
      expect(RULE_VIOLATION[joined]).toBe(RULE_VIOLATION[lead]);
      expect(SAME_ACT[joined] ?? []).not.toContain(lead);
    },
  );
});
