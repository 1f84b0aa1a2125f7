// Builders for the monitoring feeds beside a review input: a personnel day from its three shifts, an approved
// headcount, gas alarms and sensor outages.
import type { GasDay, GasEvent, PersonnelDay, SensorOutage } from '#lib/monitoring/vocabulary.ts';
import type { HeadcountLimits } from '#lib/registry/vocabulary.ts';

export const personnel = (night: number, morning: number, afternoon: number): PersonnelDay => ({
  shifts: { night, morning, afternoon },
  peak: Math.max(night, morning, afternoon),
});

/** 150 / 150 / 120 people per shift when producing; a duty crew of 5 / 6 / 6 when stopped. */
export const HEADCOUNT: HeadcountLimits = {
  from: '2026-01-01',
  shifts: { night: 120, morning: 150, afternoon: 150 },
  dutyCrew: { night: 5, morning: 6, afternoon: 6 },
};

export const gasEvent = (peakPercent: number, powerCut: boolean, extra: Partial<GasEvent> = {}): GasEvent => ({
  sensorId: 'T012',
  location: '1201 回风巷',
  peakPercent,
  startedAt: '14:20',
  minutes: 25,
  powerCut,
  ...extra,
});

export const outage = (hoursOffline: number, extra: Partial<SensorOutage> = {}): SensorOutage => ({
  sensorId: 'T007',
  location: '2号煤仓',
  hoursOffline,
  ...extra,
});

export const gasDay = (events: GasEvent[] = [], outages: SensorOutage[] = []): GasDay => ({ events, outages });

/** A personnel day from a row of a test table: [night, morning, afternoon]. */
export const personnelOf = (shifts: readonly number[]): PersonnelDay => personnel(shifts[0]!, shifts[1]!, shifts[2]!);
