// The approved headcount's pure side: the version in force on a day (the latest from on or before it, none before
// the first), and the duty crew never above its shift's limit, at the boundary on both sides.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#lib/errors.ts';
import { checkHeadcount, headcountOn } from '#lib/registry/headcount.ts';
import type { HeadcountLimits } from '#lib/registry/vocabulary.ts';

const v = (from: string, night: number): HeadcountLimits => ({
  from,
  shifts: { night, morning: 100, afternoon: 100 },
  dutyCrew: { night: 1, morning: 1, afternoon: 1 },
});
const VERSIONS = [v('2026-01-01', 10), v('2026-06-01', 20), v('2026-06-01', 30), v('2026-09-01', 40)];

describe('the headcount in force on a day', () => {
  it.each([
    ['2025-12-31', undefined],
    ['2026-01-01', 10],
    ['2026-05-31', 10],
    ['2026-06-01', 30], // two versions from one day: the later one
    ['2026-08-31', 30],
    ['2026-09-01', 40],
    ['2030-01-01', 40],
  ])('%s → night limit %s', (date, night) => {
    expect(headcountOn(VERSIONS, date)?.shifts.night).toBe(night);
  });

  it('none recorded: none in force', () => {
    expect(headcountOn([], '2026-01-01')).toBeUndefined();
  });
});

describe('the duty crew against the shift’s limit', () => {
  const per = (night: number, morning: number, afternoon: number) => ({ night, morning, afternoon });
  it.each([
    [per(10, 10, 10), per(10, 10, 10), []],
    [per(0, 0, 0), per(0, 0, 0), []],
    [per(10, 10, 10), per(11, 10, 10), ['body.dutyCrew.night']],
    [per(10, 10, 10), per(10, 11, 11), ['body.dutyCrew.morning', 'body.dutyCrew.afternoon']],
  ])('limits %j, duty crew %j → fields %j', (shifts, dutyCrew, fields) => {
    let thrown: unknown;
    try {
      checkHeadcount({ shifts, dutyCrew });
    } catch (e) {
      thrown = e;
    }
    if (fields.length === 0) expect(thrown).toBeUndefined();
    else {
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).fields.map((e) => e.field)).toEqual(fields);
    }
  });
});
