import { describe, expect, it } from 'vitest';
import { ValidationError } from '#lib/errors.ts';
import type { StoredRecord } from '#lib/registry/mine-records.ts';
import { checkDutyBody, dutyIntervalMonths, nextDueOn, periodicDutyView } from '#lib/registry/periodic-duties.ts';

/** Gas-grade appraisal and emergency drills: when each is due again, what a record must say, how the file shows it. */
const NOON_SHANGHAI = (date: string) => new Date(`${date}T04:00:00Z`);

describe('the cycle of each duty', () => {
  it.each([
    ['gas_grade_appraisal', 'low', 24],
    ['gas_grade_appraisal', 'high', 12],
    ['gas_grade_appraisal', 'outburst', 12],
    ['emergency_plan_drill', undefined, 12],
    ['onsite_response_drill', undefined, 6],
  ] as const)('%s (grade %s) is due every %i months', (duty, grade, months) => {
    expect(dutyIntervalMonths(duty, grade)).toBe(months);
  });

  it.each([
    ['gas_grade_appraisal', '2025-03-15', 'low', '2027-03-15'],
    ['gas_grade_appraisal', '2025-03-15', 'high', '2026-03-15'],
    // A leap day's appraisal falls due on the last day of February.
    ['gas_grade_appraisal', '2024-02-29', 'high', '2025-02-28'],
    ['gas_grade_appraisal', '2024-02-29', 'low', '2026-02-28'],
    ['onsite_response_drill', '2026-08-31', undefined, '2027-02-28'],
    ['onsite_response_drill', '2026-06-30', undefined, '2026-12-30'],
    ['emergency_plan_drill', '2025-12-31', undefined, '2026-12-31'],
  ] as const)('%s done on %s (%s) is next due on %s', (duty, done, grade, due) => {
    expect(nextDueOn(duty, done, grade)).toBe(due);
  });
});

describe('checkDutyBody', () => {
  const now = NOON_SHANGHAI('2026-11-30');
  const fieldsOf = (f: () => void) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).fields.map((x) => x.field);
    }
    return [];
  };
  it.each([
    ['today is accepted', 'emergency_plan_drill', { lastDoneOn: '2026-11-30' }, []],
    ['tomorrow is refused', 'emergency_plan_drill', { lastDoneOn: '2026-12-01' }, ['body.lastDoneOn']],
    ['an appraisal needs its result', 'gas_grade_appraisal', { lastDoneOn: '2026-01-01' }, ['body.resultGrade']],
    ['an appraisal with its result', 'gas_grade_appraisal', { lastDoneOn: '2026-01-01', resultGrade: 'low' }, []],
    [
      'a drill has no result grade',
      'onsite_response_drill',
      { lastDoneOn: '2026-01-01', resultGrade: 'high' },
      ['body.resultGrade'],
    ],
    [
      'both wrong at once are both named',
      'gas_grade_appraisal',
      { lastDoneOn: '2027-01-01' },
      ['body.lastDoneOn', 'body.resultGrade'],
    ],
  ] as const)('%s', (_, duty, body, fields) => {
    expect(fieldsOf(() => checkDutyBody(duty, body as never, now))).toEqual(fields);
  });
});

describe('periodicDutyView', () => {
  const record = (nextDue: string): StoredRecord => ({
    duty: 'gas_grade_appraisal',
    lastDoneOn: '2025-01-01',
    resultGrade: 'high',
    nextDueOn: nextDue,
    intervalMonths: 12,
    version: 1,
    createdAt: '',
    updatedAt: '',
  });
  it.each([
    ['2026-12-31', 31, 'done'],
    ['2026-12-30', 30, 'due_soon'],
    ['2026-11-30', 0, 'due_soon'],
    ['2026-11-29', -1, 'overdue'],
  ])('next due %s: %i days, %s', (due, days, state) => {
    const view = periodicDutyView(record(due), NOON_SHANGHAI('2026-11-30'));
    expect(view).toMatchObject({ daysToDue: days, state, label: '瓦斯等级鉴定', resultGradeLabel: '高瓦斯' });
  });
});
