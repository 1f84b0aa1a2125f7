// A finding's measured value and threshold in its own unit: the monitoring feeds' people, concentration, hours and
// alarms are never written as kWh.
import { describe, expect, it } from 'vitest';
import { findingValue } from '#web/src/finding-values.ts';

describe('findingValue', () => {
  it.each<[string, number | null, string]>([
    ['kWh', 12345.67, '12,345.7 kWh'],
    ['share', 0.4321, '43.2%'],
    ['z', 3.456, '3.5'],
    ['days', 3, '3 天'],
    ['people', 35, '35 人'],
    ['percent', 1.62, '1.62%'],
    ['percent', 1, '1%'],
    ['hours', 3.5, '3.5 小时'],
    ['count', 2, '2 次'],
    ['people', null, '—'],
    ['hours', Number.NaN, '—'],
  ])('%s %s → %s', (unit, value, expected) => {
    expect(findingValue(unit, value)).toBe(expected);
  });
});
