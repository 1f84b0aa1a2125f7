// A blacklist proposal from a drop to D cites the statutory or local ground of the reason the mine was forced to D
// (应急管理部令第11号: accidents, a concealed accident; the local plan: 死灰复燃, 明停暗开), not only the credit policy.
import { describe, expect, it } from 'vitest';
import { BLACKLIST_GROUNDS, type GroundCode, groundsOfForcedRules } from '#lib/blacklist/grounds.ts';

describe('the ground of a forced-D reason', () => {
  it.each([
    ['accident.major', ['MAJOR_ACCIDENT']],
    ['accident.especially_major', ['MAJOR_ACCIDENT']],
    ['accident.larger_repeated', ['REPEATED_LARGER_ACCIDENTS']],
    ['accident.concealed', ['ACCIDENT_CONCEALED']],
    ['violation.closed_mine_revived', ['CLOSED_MINE_REVIVED']],
    ['violation.stopped_mine_producing', ['STOPPED_MINE_PRODUCING']],
    ['violation.licences_incomplete', ['OPERATING_WITHOUT_PERMIT']],
    // No ground of its own: the listing itself, an ordinary accident level, a category a bureau added.
    ['blacklist', []],
    ['accident.general', []],
    ['accident.larger', []],
    ['violation.over_capacity', []],
  ] as const)('%s → %j', (rule, grounds) => {
    expect(groundsOfForcedRules([rule])).toEqual(grounds);
  });

  it('several reasons give each ground once, statutory ones first, in the list’s order', () => {
    expect(
      groundsOfForcedRules([
        'violation.closed_mine_revived',
        'accident.concealed',
        'accident.major',
        'accident.especially_major',
        'blacklist',
      ]),
    ).toEqual(['MAJOR_ACCIDENT', 'ACCIDENT_CONCEALED', 'CLOSED_MINE_REVIVED']);
    expect(groundsOfForcedRules([])).toEqual([]);
  });

  it('the accident grounds rest on 应急管理部令第11号, the local ones on the plan', () => {
    const basis = (code: GroundCode) => BLACKLIST_GROUNDS.find((g) => g.code === code)!.basis;
    for (const code of ['MAJOR_ACCIDENT', 'REPEATED_LARGER_ACCIDENTS', 'ACCIDENT_CONCEALED'] as const)
      expect(basis(code)).toContain('应急管理部令第11号');
    for (const code of ['CLOSED_MINE_REVIVED', 'STOPPED_MINE_PRODUCING'] as const)
      expect(basis(code)).toContain('实施方案');
  });
});
