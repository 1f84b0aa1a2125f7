// Status on a day from the status history: the latest span started by that day; a change effective on the day
// applies to that day; before the first span, the first span's status.
import { describe, expect, it } from 'vitest';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import { statusOn } from '#lib/power/engine/status-on.ts';
import type { MineStatus, StatusSpan } from '#lib/registry/vocabulary.ts';
import { DATE, history, mine, reading } from './builders.ts';

const timeline: StatusSpan[] = [
  { status: 'producing', from: '2026-01-01' },
  { status: 'suspended', from: '2026-11-28' },
  { status: 'producing', from: '2026-12-10' },
];

describe('statusOn', () => {
  it.each([
    ['2025-06-01', 'producing', 'before the first span: the first span'],
    ['2026-01-01', 'producing', 'on the first span'],
    ['2026-11-27', 'producing', 'the day before a change'],
    ['2026-11-28', 'suspended', 'the change is effective on its day'],
    ['2026-12-09', 'suspended', 'within a span'],
    ['2026-12-10', 'producing', 'a later change'],
    ['2030-01-01', 'producing', 'after the last span'],
  ] as [string, MineStatus, string][])('%s → %s (%s)', (day, status) => {
    expect(statusOn(timeline, day)).toBe(status);
  });

  it('does not depend on the order of the spans; of two spans on one day the later listed wins', () => {
    expect(statusOn([...timeline].reverse(), '2026-11-30')).toBe('suspended');
    expect(statusOn([...timeline].reverse(), '2025-01-01')).toBe('producing');
    const sameDay: StatusSpan[] = [
      { status: 'producing', from: '2026-11-28' },
      { status: 'rectifying', from: '2026-11-28' },
    ];
    expect(statusOn(sameDay, '2026-11-28')).toBe('rectifying');
    expect(statusOn(sameDay, '2026-11-01')).toBe('rectifying');
  });

  it('refuses an empty history', () => {
    expect(() => statusOn([], DATE)).toThrow(RangeError);
  });

  it('a suspension effective on the reviewed day is judged as suspended, against the producing history', () => {
    const review = reviewMineDay(
      mine({
        statusTimeline: [
          { status: 'producing', from: '2020-01-01' },
          { status: 'suspended', from: DATE },
        ],
        readings: [
          ...history(DATE, 28, (d) => reading(d, 20_000 + (d.charCodeAt(9) % 7) * 100)),
          reading(DATE, 20_000),
        ],
      }),
    );
    expect(review.status).toBe('suspended');
    // No suspended history: the maintenance load comes from the equipment register.
    expect(review.baselines.maintenanceKwh.source).toBe('equipment');
    expect(review.baselines.medianKwh).toBeNull();
    expect(review.baselines.historyDays).toBe(0);
    // 20,000 kWh is production at scale (above 30 % of the 27,500 kWh ceiling): without an acceptance, 未经验收擅自生产.
    expect(review.findings.map((f) => f.rule)).toEqual(['UNACCEPTED_PRODUCTION', 'SUSPENDED_OVER_MAINTENANCE']);
  });
});
