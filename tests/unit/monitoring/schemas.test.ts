import { describe, expect, it } from 'vitest';
import { gasDaySchema, personnelDaySchema } from '#lib/monitoring/schemas.ts';

const personnel = (over: Record<string, unknown> = {}, shifts: Record<string, unknown> = {}) => ({
  shifts: { night: 10, morning: 20, afternoon: 15, ...shifts },
  peak: 20,
  ...over,
});
const event = (over: Record<string, unknown> = {}) => ({
  sensorId: 'T0101',
  location: '1201 回风巷',
  peakPercent: 1.25,
  startedAt: '03:10',
  minutes: 12,
  powerCut: true,
  ...over,
});
const outage = (over: Record<string, unknown> = {}) => ({
  sensorId: 'T0102',
  location: '主井',
  hoursOffline: 3,
  ...over,
});

describe('personnel day schema', () => {
  const cases: [string, unknown, boolean, string?][] = [
    ['a valid day', personnel(), true],
    ['zero everywhere', personnel({ peak: 0 }, { night: 0, morning: 0, afternoon: 0 }), true],
    ['5000 people', personnel({ peak: 5000 }, { morning: 5000 }), true],
    ['5001 people', personnel({ peak: 5001 }, { morning: 5001 }), false, 'shifts.morning'],
    ['a negative count', personnel({}, { night: -1 }), false, 'shifts.night'],
    ['a fraction of a person', personnel({}, { night: 1.5 }), false, 'shifts.night'],
    ['peak equal to the largest shift', personnel({ peak: 20 }), true],
    ['peak below a shift', personnel({ peak: 19 }), false, 'peak'],
    ['a missing shift', { shifts: { night: 1, morning: 1 }, peak: 1 }, false, 'shifts.afternoon'],
  ];
  for (const [name, body, ok, field] of cases)
    it(name, () => {
      const r = personnelDaySchema.safeParse(body);
      expect(r.success).toBe(ok);
      if (!ok) expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(field);
    });
});

describe('gas day schema', () => {
  const day = (events: unknown[] = [event()], outages: unknown[] = [outage()]) => ({ events, outages });
  const cases: [string, unknown, boolean, string?][] = [
    ['a valid day', day(), true],
    ['no events and no outages', day([], []), true],
    ['peak 0 and 100 %', day([event({ peakPercent: 0 }), event({ peakPercent: 100 })]), true],
    ['peak above 100 %', day([event({ peakPercent: 100.01 })]), false, 'events.0.peakPercent'],
    ['peak with three decimals', day([event({ peakPercent: 1.255 })]), false, 'events.0.peakPercent'],
    ['1 minute and 1440 minutes', day([event({ minutes: 1 }), event({ minutes: 1440 })]), true],
    ['0 minutes', day([event({ minutes: 0 })]), false, 'events.0.minutes'],
    ['1441 minutes', day([event({ minutes: 1441 })]), false, 'events.0.minutes'],
    ['startedAt 23:59', day([event({ startedAt: '23:59' })]), true],
    ['startedAt 24:00', day([event({ startedAt: '24:00' })]), false, 'events.0.startedAt'],
    ['startedAt without a colon', day([event({ startedAt: '0310' })]), false, 'events.0.startedAt'],
    ['an empty sensor id', day([event({ sensorId: ' ' })]), false, 'events.0.sensorId'],
    ['a location of 101 characters', day([event({ location: 'x'.repeat(101) })]), false, 'events.0.location'],
    ['24 hours offline', day([], [outage({ hoursOffline: 24 })]), true],
    ['24.5 hours offline', day([], [outage({ hoursOffline: 24.5 })]), false, 'outages.0.hoursOffline'],
    ['negative hours offline', day([], [outage({ hoursOffline: -1 })]), false, 'outages.0.hoursOffline'],
    [
      '500 events',
      day(
        Array.from({ length: 500 }, () => event()),
        [],
      ),
      true,
    ],
    [
      '501 events',
      day(
        Array.from({ length: 501 }, () => event()),
        [],
      ),
      false,
      'events',
    ],
    ['powerCut missing', day([{ ...event(), powerCut: undefined }]), false, 'events.0.powerCut'],
  ];
  for (const [name, body, ok, field] of cases)
    it(name, () => {
      const r = gasDaySchema.safeParse(body);
      expect(r.success).toBe(ok);
      if (!ok) expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(field);
    });
});
