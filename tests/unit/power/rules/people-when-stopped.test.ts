// 停产停建矿井有人员下井作业 (PEOPLE_WHEN_STOPPED): on a day a mine may not produce, a shift above the duty crew the
// register allows (the policy's default of 10 without an approved headcount), at the boundary on both sides: exactly
// the duty crew is no finding, one more is. High; critical on a closed mine. A producing mine never gets it; without
// the personnel feed the rule does not run, with or without a reading.
import { describe, expect, it } from 'vitest';
import { RULE_LABELS } from '#lib/findings/vocabulary.ts';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import type { MineReviewInput } from '#lib/power/types.ts';
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import { DATE, findingOf, mine, policy, reading, since } from '../builders.ts';
import { HEADCOUNT, personnel, personnelOf } from './monitoring-builders.ts';

const review = (status: MineStatus, extra: Partial<MineReviewInput>) =>
  reviewMineDay(mine({ statusTimeline: since(status), readings: [reading(DATE, 1000)], ...extra }));
const found = (status: MineStatus, extra: Partial<MineReviewInput>) =>
  findingOf(review(status, extra), 'PEOPLE_WHEN_STOPPED');

describe('PEOPLE_WHEN_STOPPED', () => {
  it.each([
    // Registered duty crew 5 / 6 / 6.
    ['suspended', [5, 6, 6], true, undefined],
    ['suspended', [6, 6, 6], true, 'high'],
    ['suspended', [5, 7, 6], true, 'high'],
    ['suspended', [5, 6, 7], true, 'high'],
    ['rectifying', [5, 6, 6], true, undefined],
    ['rectifying', [6, 0, 0], true, 'high'],
    ['construction', [5, 6, 6], true, undefined],
    ['construction', [5, 6, 7], true, 'high'],
    ['closed', [5, 6, 6], true, undefined],
    ['closed', [6, 0, 0], true, 'critical'],
    ['producing', [120, 150, 150], true, undefined],
    // No headcount recorded: the policy's default duty crew of 10 on every shift.
    ['suspended', [10, 10, 10], false, undefined],
    ['suspended', [10, 11, 10], false, 'high'],
    ['closed', [11, 0, 0], false, 'critical'],
    ['producing', [300, 300, 300], false, undefined],
  ] as const)('%s, shifts %j, headcount recorded %s → %s', (status: MineStatus, shifts, registered, severity) => {
    const f = found(status, {
      monitoring: { personnel: personnelOf(shifts) },
      ...(registered ? { headcount: HEADCOUNT } : {}),
    });
    expect(f?.severity).toBe(severity);
  });

  it('follows the policy’s default duty crew', () => {
    const extra = { monitoring: { personnel: personnel(3, 3, 3) }, policy: policy({ defaultDutyCrew: 2 }) };
    expect(found('suspended', extra)?.threshold).toBe(2);
    expect(found('suspended', { ...extra, policy: policy({ defaultDutyCrew: 3 }) })).toBeUndefined();
  });

  it('does not run without the personnel feed, and runs on a day without a reading', () => {
    expect(found('suspended', {})).toBeUndefined();
    const noReading = reviewMineDay(
      mine({ statusTimeline: since('suspended'), monitoring: { personnel: personnel(0, 30, 0) } }),
    );
    expect(findingOf(noReading, 'PEOPLE_WHEN_STOPPED')).toBeDefined();
  });

  it('is named as a bureau officer names it and says each shift over its duty crew in one sentence', () => {
    expect(RULE_LABELS.PEOPLE_WHEN_STOPPED).toBe('停产停建矿井有人员下井作业');
    expect(found('rectifying', { monitoring: { personnel: personnel(23, 6, 15) }, headcount: HEADCOUNT })).toEqual({
      rule: 'PEOPLE_WHEN_STOPPED',
      severity: 'high',
      measured: 23,
      threshold: 5,
      unit: 'people',
      baseline: { name: 'dutyCrew', value: 5, source: 'headcount' },
      message:
        '停产整顿期间夜班井下 23 人（核定值班人员 5 人），中班井下 15 人（核定值班人员 6 人），超过值班人员，' +
        '疑似停产期间组织人员下井作业。',
    });
    expect(found('closed', { monitoring: { personnel: personnel(0, 12, 0) } })?.message).toBe(
      '关闭矿井早班井下 12 人（未核定，按默认值班人员 10 人），超过值班人员，疑似死灰复燃。',
    );
    expect(found('construction', { monitoring: { personnel: personnel(0, 12, 0) } })?.message).toMatch(
      /^建设\/技改矿井早班.*建设期间不得生产。$/,
    );
  });
});
