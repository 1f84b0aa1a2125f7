/**
 * Cron matching for the job list, as pure functions: which minutes a JobSpec cron fires at, in Asia/Shanghai.
 *
 * The same cron fields go to EventBridge Scheduler in AWS, so they follow EventBridge's dialect, not Unix cron:
 * day-of-week is 1-7 with 1 = Sunday (or SUN-SAT), and day-of-month and day-of-week cannot both be restricted.
 * Tokens the local scheduler does not implement (L, W, #) are refused rather than silently mis-scheduled.
 *
 * Asia/Shanghai is computed as a fixed UTC+08:00: China has not observed daylight saving time since 1991, so the
 * offset is the same for every date this scheduler will see, and a fixed offset keeps nextRun pure and fast.
 */
import type { JobSpec } from '#lib/jobs/job-spec.ts';

export type CronFields = JobSpec['cron'];

export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;
/** Far enough for 29 February across a skipped leap year (2096 -> 2104). */
const SEARCH_YEARS = 10;

export interface CompiledCron {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  /** null = any day of month. */
  readonly days: ReadonlySet<number> | null;
  readonly months: ReadonlySet<number>;
  /** EventBridge numbering, 1 = Sunday; null = any day of week. */
  readonly weekDays: ReadonlySet<number> | null;
  /** `minute hour day month weekDay`, for logs. */
  readonly expression: string;
}

interface FieldSpec {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** `?` is only meaningful (and only accepted by EventBridge) in the two day fields. */
  readonly allowsQuestionMark: boolean;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS = {
  minute: { label: 'minute', min: 0, max: 59, allowsQuestionMark: false },
  hour: { label: 'hour', min: 0, max: 23, allowsQuestionMark: false },
  day: { label: 'day-of-month', min: 1, max: 31, allowsQuestionMark: true },
  month: { label: 'month', min: 1, max: 12, names: MONTH_NAMES, allowsQuestionMark: false },
  weekDay: { label: 'day-of-week', min: 1, max: 7, names: WEEKDAY_NAMES, allowsQuestionMark: true },
} as const satisfies Record<string, FieldSpec>;

/** Parses and validates cron fields; throws an Error naming the field for anything EventBridge would not run. */
export function parseCron(cron: CronFields): CompiledCron {
  const day = cron.day ?? '*';
  const month = cron.month ?? '*';
  const weekDay = cron.weekDay ?? '?';
  const expression = `${cron.minute} ${cron.hour} ${day} ${month} ${weekDay}`;
  const fail = (why: string): never => {
    throw new Error(`Invalid cron "${expression}": ${why}`);
  };
  const minutes = parseField(cron.minute, FIELDS.minute, fail);
  const hours = parseField(cron.hour, FIELDS.hour, fail);
  const days = parseField(day, FIELDS.day, fail);
  const months = parseField(month, FIELDS.month, fail);
  const weekDays = parseField(weekDay, FIELDS.weekDay, fail);
  if (days !== null && weekDays !== null) {
    fail('day-of-month and day-of-week cannot both be restricted (EventBridge needs "?" in one of them)');
  }
  return {
    minutes: minutes ?? fullRange(FIELDS.minute),
    hours: hours ?? fullRange(FIELDS.hour),
    days,
    months: months ?? fullRange(FIELDS.month),
    weekDays,
    expression,
  };
}

/** The first whole minute strictly after `after` at which the cron fires, as an instant. */
export function nextRun(cron: CronFields | CompiledCron, after: Date): Date {
  const compiled = isCompiled(cron) ? cron : parseCron(cron);
  const afterMs = after.getTime();
  if (Number.isNaN(afterMs)) throw new Error('nextRun: invalid date');
  // Work on Shanghai wall-clock time expressed as UTC fields, then shift back.
  let wall = Math.floor((afterMs + SHANGHAI_OFFSET_MS) / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const limit = wall + SEARCH_YEARS * 366 * 24 * 60 * MINUTE_MS;
  while (wall < limit) {
    const d = new Date(wall);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth();
    const date = d.getUTCDate();
    const hour = d.getUTCHours();
    if (!compiled.months.has(month + 1)) {
      wall = Date.UTC(year, month + 1, 1);
    } else if (!dayMatches(compiled, d)) {
      wall = Date.UTC(year, month, date + 1);
    } else if (!compiled.hours.has(hour)) {
      wall = Date.UTC(year, month, date, hour + 1);
    } else if (!compiled.minutes.has(d.getUTCMinutes())) {
      wall += MINUTE_MS;
    } else {
      return new Date(wall - SHANGHAI_OFFSET_MS);
    }
  }
  throw new Error(`Cron "${compiled.expression}" never fires (no match within ${SEARCH_YEARS} years)`);
}

/** Whether the cron fires in the (Shanghai) minute containing `at`. */
export function cronMatches(cron: CronFields | CompiledCron, at: Date): boolean {
  const compiled = isCompiled(cron) ? cron : parseCron(cron);
  const d = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return (
    compiled.months.has(d.getUTCMonth() + 1) &&
    dayMatches(compiled, d) &&
    compiled.hours.has(d.getUTCHours()) &&
    compiled.minutes.has(d.getUTCMinutes())
  );
}

function dayMatches(compiled: CompiledCron, wall: Date): boolean {
  if (compiled.days !== null && !compiled.days.has(wall.getUTCDate())) return false;
  if (compiled.weekDays !== null && !compiled.weekDays.has(wall.getUTCDay() + 1)) return false;
  return true;
}

function isCompiled(cron: CronFields | CompiledCron): cron is CompiledCron {
  return 'expression' in cron;
}

function fullRange(spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (let v = spec.min; v <= spec.max; v++) values.add(v);
  return values;
}

/** null means "any value" (`*` or `?`). */
function parseField(text: string, spec: FieldSpec, fail: (why: string) => never): Set<number> | null {
  const source = text.trim().toUpperCase();
  if (source === '?') {
    return spec.allowsQuestionMark
      ? null
      : fail(`"?" is only allowed in day-of-month and day-of-week, not in ${spec.label}`);
  }
  if (source === '*') return null;
  if (source === '') fail(`${spec.label} is empty`);
  const values = new Set<number>();
  for (const part of source.split(',')) {
    const [rangeText = '', stepText, extra] = part.split('/');
    if (extra !== undefined) fail(`${spec.label} "${part}" has more than one "/"`);
    let from: number;
    let to: number;
    if (rangeText === '*') {
      from = spec.min;
      to = spec.max;
    } else if (rangeText.includes('-')) {
      const [a = '', b = '', more] = rangeText.split('-');
      if (more !== undefined) fail(`${spec.label} "${part}" is not a range`);
      from = parseValue(a, spec, fail);
      to = parseValue(b, spec, fail);
      if (from > to) fail(`${spec.label} range "${rangeText}" runs backwards`);
    } else {
      from = parseValue(rangeText, spec, fail);
      // `5/15` means "from 5, every 15" (EventBridge's 0/15 form); a bare value is just that value.
      to = stepText === undefined ? from : spec.max;
    }
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1)
        fail(`${spec.label} step "${stepText}" must be a positive integer`);
      step = Number(stepText);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function parseValue(text: string, spec: FieldSpec, fail: (why: string) => never): number {
  const named = spec.names?.indexOf(text) ?? -1;
  if (named >= 0) return named + spec.min;
  if (!/^\d+$/.test(text)) {
    if (/^[A-Z]{3}$/.test(text)) return fail(`${spec.label} value "${text}" is not a name this field accepts`);
    if (/[LW#]/.test(text))
      return fail(`${spec.label} value "${text}": L, W and # are not supported by the local scheduler`);
    return fail(`${spec.label} value "${text}" is not a number`);
  }
  const value = Number(text);
  if (value < spec.min || value > spec.max) fail(`${spec.label} value ${value} is outside ${spec.min}-${spec.max}`);
  return value;
}
