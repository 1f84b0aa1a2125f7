// Quiet hours: a non-critical SMS produced between 21:00 and 08:00 Asia/Shanghai waits for 08:00; a critical one,
// and anything produced in the day, goes out at once. Shanghai is UTC+8, so 08:00 there is 00:00Z.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smsSendAt } from '#lib/notifications/quiet-hours.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHANGHAI = 8 * HOUR;

describe('smsSendAt in Asia/Shanghai', () => {
  // [what, produced at (UTC), critical, expected send time (UTC)]
  const cases: [string, string, boolean, string][] = [
    ['23:00 → 08:00 the next day', '2026-03-10T15:00:00.000Z', false, '2026-03-11T00:00:00.000Z'],
    ['20:59 → at once', '2026-03-10T12:59:00.000Z', false, '2026-03-10T12:59:00.000Z'],
    ['20:59:59.999 → at once', '2026-03-10T12:59:59.999Z', false, '2026-03-10T12:59:59.999Z'],
    ['21:00 → 08:00 the next day', '2026-03-10T13:00:00.000Z', false, '2026-03-11T00:00:00.000Z'],
    ['07:59 → 08:00 the same day', '2026-03-10T23:59:00.000Z', false, '2026-03-11T00:00:00.000Z'],
    ['07:59:59.999 → 08:00 the same day', '2026-03-10T23:59:59.999Z', false, '2026-03-11T00:00:00.000Z'],
    ['08:00 → at once', '2026-03-11T00:00:00.000Z', false, '2026-03-11T00:00:00.000Z'],
    ['00:30 → 08:00 the same day', '2026-03-10T16:30:00.000Z', false, '2026-03-11T00:00:00.000Z'],
    ['00:00 → 08:00 the same day', '2026-03-10T16:00:00.000Z', false, '2026-03-11T00:00:00.000Z'],
    ['12:00 → at once', '2026-03-10T04:00:00.000Z', false, '2026-03-10T04:00:00.000Z'],
    ['23:00 on New Year’s Eve → 08:00 on 1 January', '2026-12-31T15:00:00.000Z', false, '2027-01-01T00:00:00.000Z'],
    [
      '22:00 on 28 February of a leap year → 08:00 on 29 February',
      '2028-02-28T14:00:00.000Z',
      false,
      '2028-02-29T00:00:00.000Z',
    ],
    ['critical at 23:00 → at once', '2026-03-10T15:00:00.000Z', true, '2026-03-10T15:00:00.000Z'],
    ['critical at 00:30 → at once', '2026-03-10T16:30:00.000Z', true, '2026-03-10T16:30:00.000Z'],
    ['critical at 12:00 → at once', '2026-03-10T04:00:00.000Z', true, '2026-03-10T04:00:00.000Z'],
  ];

  it.each(cases)('%s', (_what, produced, critical, expected) => {
    expect(smsSendAt(new Date(produced), critical).toISOString()).toBe(expected);
  });

  it('returns the very instant it was given when the SMS may go now', () => {
    const now = new Date('2026-03-10T04:00:00.000Z');
    expect(smsSendAt(now, false)).toBe(now);
    expect(smsSendAt(now, true)).toBe(now);
  });
});

describe('smsSendAt properties', () => {
  const arbInstant = fc
    .integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') })
    .map((t) => new Date(t));
  const shanghaiHour = (d: Date) => Math.floor(((((d.getTime() + SHANGHAI) % DAY) + DAY) % DAY) / HOUR);
  const isEightShanghai = (d: Date) => (((d.getTime() + SHANGHAI) % DAY) + DAY) % DAY === 8 * HOUR;

  it('never earlier than now, now or exactly 08:00 Shanghai, at most 11 hours later; now exactly in the day', () => {
    fc.assert(
      fc.property(arbInstant, (now) => {
        const at = smsSendAt(now, false);
        const wait = at.getTime() - now.getTime();
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThanOrEqual(11 * HOUR);
        expect(wait === 0 || isEightShanghai(at)).toBe(true);
        const hour = shanghaiHour(now);
        expect(wait === 0).toBe(hour >= 8 && hour < 21);
      }),
      { numRuns: 2000 },
    );
  });

  it('a critical SMS always goes now', () => {
    fc.assert(
      fc.property(arbInstant, (now) => {
        expect(smsSendAt(now, true).getTime()).toBe(now.getTime());
      }),
    );
  });

  it('holding is stable: the release time itself may send', () => {
    fc.assert(
      fc.property(arbInstant, (now) => {
        const at = smsSendAt(now, false);
        expect(smsSendAt(at, false).getTime()).toBe(at.getTime());
      }),
    );
  });
});
