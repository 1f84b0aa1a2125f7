// 监控传感器长时间断线 (SENSOR_OFFLINE): a sensor offline longer than the policy allows (2 hours by default), at the
// boundary on both sides; medium up to twice the allowance, high above it. It runs without a reading and not at all
// without the safety monitoring feed.
import { describe, expect, it } from 'vitest';
import { RULE_LABELS } from '#lib/findings/vocabulary.ts';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import type { MineReviewInput } from '#lib/power/types.ts';
import { findingOf, mine, policy } from '../builders.ts';
import { gasDay, outage } from './monitoring-builders.ts';

const found = (extra: Partial<MineReviewInput>) => findingOf(reviewMineDay(mine(extra)), 'SENSOR_OFFLINE');

describe('SENSOR_OFFLINE', () => {
  it.each([
    [0, undefined],
    [2, undefined],
    [2.01, 'medium'],
    [4, 'medium'],
    [4.01, 'high'],
    [24, 'high'],
  ] as const)('%d hours offline → %s', (hours, severity) => {
    expect(found({ monitoring: { gas: gasDay([], [outage(hours)]) } })?.severity).toBe(severity);
  });

  it('follows the policy’s allowance, and does not run without the feed', () => {
    const gas = gasDay([], [outage(3)]);
    expect(found({ monitoring: { gas }, policy: policy({ sensorOfflineMaxHours: 3 }) })).toBeUndefined();
    expect(found({ monitoring: { gas }, policy: policy({ sensorOfflineMaxHours: 1.4 }) })?.severity).toBe('high');
    expect(found({})).toBeUndefined();
  });

  it('is named 监控传感器长时间断线 and names each sensor over the allowance in one sentence', () => {
    expect(RULE_LABELS.SENSOR_OFFLINE).toBe('监控传感器长时间断线');
    const outages = [
      outage(1.5, { sensorId: 'T001' }),
      outage(3.5),
      outage(5.25, { sensorId: 'T009', location: '主井' }),
    ];
    expect(found({ monitoring: { gas: gasDay([], outages) } })).toEqual({
      rule: 'SENSOR_OFFLINE',
      severity: 'high',
      measured: 5.25,
      threshold: 2,
      unit: 'hours',
      baseline: { name: 'sensorOfflineMaxHours', value: 2, source: 'default' },
      message:
        '2号煤仓传感器 T007 断线 3.5 小时；主井传感器 T009 断线 5.3 小时，超过允许的 2 小时（超过 4 小时为高风险），' +
        '安全监控系统未正常运行。',
    });
  });
});
