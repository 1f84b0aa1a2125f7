// 瓦斯超限未断电 (GAS_NO_POWER_CUT): a methane alarm at or above the policy's cut-off concentration (1.0 % by default)
// that did not cut power, at the boundary on both sides; one that cut power is no finding. Critical, whatever the
// status; it runs without a reading and not at all without the safety monitoring feed.
import { describe, expect, it } from 'vitest';
import { RULE_LABELS } from '#lib/findings/vocabulary.ts';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import type { MineReviewInput } from '#lib/power/types.ts';
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import { findingOf, mine, policy, since } from '../builders.ts';
import { gasDay, gasEvent } from './monitoring-builders.ts';

const found = (extra: Partial<MineReviewInput>, status: MineStatus = 'producing') =>
  findingOf(reviewMineDay(mine({ statusTimeline: since(status), ...extra })), 'GAS_NO_POWER_CUT');

describe('GAS_NO_POWER_CUT', () => {
  it.each([
    [0.99, false, false],
    [1.0, false, true],
    [1.01, false, true],
    [1.0, true, false],
    [3.5, true, false],
  ] as const)('peak %d %%, power cut %s → finding %s', (peak, powerCut, fires) => {
    const f = found({ monitoring: { gas: gasDay([gasEvent(peak, powerCut)]) } });
    expect(f?.severity).toBe(fires ? 'critical' : undefined);
  });

  it.each(['suspended', 'closed', 'construction'] as const)('runs on a %s mine too', (status) => {
    expect(found({ monitoring: { gas: gasDay([gasEvent(1.2, false)]) } }, status)).toBeDefined();
  });

  it('follows the policy’s limit, and does not run without the feed', () => {
    const gas = gasDay([gasEvent(1.2, false)]);
    expect(found({ monitoring: { gas }, policy: policy({ gasLimitPercent: 1.21 }) })).toBeUndefined();
    expect(found({ monitoring: { gas }, policy: policy({ gasLimitPercent: 1.2 }) })).toBeDefined();
    expect(found({ monitoring: {} })).toBeUndefined();
  });

  it('is named 瓦斯超限未断电 and names each alarm in one sentence, the highest peak measured', () => {
    expect(RULE_LABELS.GAS_NO_POWER_CUT).toBe('瓦斯超限未断电');
    const events = [
      gasEvent(1.35, false),
      gasEvent(2.1, true, { sensorId: 'T020' }),
      gasEvent(1.5, false, { sensorId: 'T031', location: '2301 工作面', startedAt: '03:05', minutes: 8 }),
    ];
    expect(found({ monitoring: { gas: gasDay(events) } })).toEqual({
      rule: 'GAS_NO_POWER_CUT',
      severity: 'critical',
      measured: 1.5,
      threshold: 1,
      unit: 'percent',
      baseline: { name: 'gasLimitPercent', value: 1, source: 'default' },
      message:
        '1201 回风巷甲烷传感器 T012 于 14:20 报警，浓度峰值 1.35%，持续 25 分钟；' +
        '2301 工作面甲烷传感器 T031 于 03:05 报警，浓度峰值 1.5%，持续 8 分钟，' +
        '达到断电浓度 1% 而未断电，属瓦斯超限作业，为重大事故隐患。',
    });
  });
});
