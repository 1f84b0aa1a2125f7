// 超定员组织生产 (OVER_HEADCOUNT), a 重大事故隐患 under the 2020 standard: a producing mine's shift above its approved
// headcount, at the boundary on both sides, shift by shift. Critical. It runs only on a producing day with both the
// approved headcount in force and the personnel feed.
import { describe, expect, it } from 'vitest';
import { RULE_LABELS } from '#lib/findings/vocabulary.ts';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import type { MineReviewInput } from '#lib/power/types.ts';
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import { DATE, findingOf, mine, reading, since } from '../builders.ts';
import { HEADCOUNT, personnel, personnelOf } from './monitoring-builders.ts';

const found = (status: MineStatus, extra: Partial<MineReviewInput>) =>
  findingOf(
    reviewMineDay(mine({ statusTimeline: since(status), readings: [reading(DATE, 20_000)], ...extra })),
    'OVER_HEADCOUNT',
  );

describe('OVER_HEADCOUNT', () => {
  it.each([
    // Approved 120 / 150 / 150.
    ['producing', [120, 150, 150], false],
    ['producing', [121, 150, 150], true],
    ['producing', [120, 151, 150], true],
    ['producing', [120, 150, 151], true],
    ['producing', [0, 0, 0], false],
    ['suspended', [121, 151, 151], false], // held to its duty crew instead (PEOPLE_WHEN_STOPPED)
    ['closed', [121, 151, 151], false],
  ] as const)('%s, shifts %j → finding %s', (status: MineStatus, shifts, fires) => {
    const f = found(status, { monitoring: { personnel: personnelOf(shifts) }, headcount: HEADCOUNT });
    expect(f?.severity).toBe(fires ? 'critical' : undefined);
  });

  it('does not run without an approved headcount or without the personnel feed', () => {
    expect(found('producing', { monitoring: { personnel: personnel(999, 999, 999) } })).toBeUndefined();
    expect(found('producing', { headcount: HEADCOUNT })).toBeUndefined();
  });

  it('runs on a day without a reading', () => {
    const r = reviewMineDay(mine({ monitoring: { personnel: personnel(0, 160, 0) }, headcount: HEADCOUNT }));
    expect(findingOf(r, 'OVER_HEADCOUNT')).toBeDefined();
  });

  it('is named 超定员组织生产 and says the shift, the limit and the excess in one sentence', () => {
    expect(RULE_LABELS.OVER_HEADCOUNT).toBe('超定员组织生产');
    expect(found('producing', { monitoring: { personnel: personnel(100, 180, 152) }, headcount: HEADCOUNT })).toEqual({
      rule: 'OVER_HEADCOUNT',
      severity: 'critical',
      measured: 180,
      threshold: 150,
      unit: 'people',
      baseline: { name: 'approvedHeadcount', value: 150, source: 'headcount' },
      message:
        '生产期间早班井下 180 人（核定下井人数 150 人），超员 30 人；中班井下 152 人（核定下井人数 150 人），超员 2 人，' +
        '属超定员组织生产，为《煤矿重大事故隐患判定标准》规定的重大事故隐患。',
    });
  });
});
