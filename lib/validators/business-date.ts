/**
 * Business dates: the API and the jobs speak in Asia/Shanghai calendar days (`YYYY-MM-DD`), while timestamps are
 * UTC. These helpers check such dates, find "today" in Shanghai and step through days without time-zone surprises.
 *
 * Asia/Shanghai has been UTC+8 with no daylight saving since 1991, so "today in Shanghai" is computed with the
 * fixed offset. That is exact for every date this product handles, costs nothing, and does not depend on the ICU
 * data a runtime happens to ship (Intl time-zone support varies between Node builds and Lambda images).
 * Calendar arithmetic is done on plain day numbers (proleptic Gregorian), never on local-time Date objects.
 */

/** UTC+8, fixed (no DST in China since 1991). */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const MS_PER_DAY = 24 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** True when year/month/day (month 1–12) name a real day of the Gregorian calendar. */
export const isRealCalendarDate = (year: number, month: number, day: number): boolean =>
  Number.isInteger(year) &&
  Number.isInteger(month) &&
  Number.isInteger(day) &&
  month >= 1 &&
  month <= 12 &&
  day >= 1 &&
  day <= daysInMonth(year, month);

/** `YYYY-MM-DD` naming a real calendar day (any four-digit year). */
export const isBusinessDate = (value: string): boolean => {
  const m = DATE_RE.exec(value);
  return m !== null && isRealCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
};

const parse = (date: string): [number, number, number] => {
  const m = DATE_RE.exec(date);
  if (m === null || !isRealCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`Not a YYYY-MM-DD calendar date: ${JSON.stringify(date)}`);
  }
  return [Number(m[1]), Number(m[2]), Number(m[3])];
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const format = (year: number, month: number, day: number): string => {
  if (year < 0 || year > 9999) throw new RangeError(`Date out of the four-digit year range: year ${year}`);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
};

// Days since 1970-01-01 for a proleptic Gregorian date, and back (H. Hinnant's civil-date algorithms).
const toDayNumber = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

const fromDayNumber = (days: number): [number, number, number] => {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
};

/** The Asia/Shanghai calendar day of an instant, as `YYYY-MM-DD`. */
export const todayInShanghai = (now: Date = new Date()): string => {
  const t = now.getTime();
  if (!Number.isFinite(t)) throw new RangeError('Invalid Date');
  return format(...fromDayNumber(Math.floor((t + SHANGHAI_OFFSET_MS) / MS_PER_DAY)));
};

/** `date` plus `n` calendar days (n may be negative). Throws RangeError on a malformed date or non-integer n. */
export const addDays = (date: string, n: number): string => {
  if (!Number.isInteger(n)) throw new RangeError(`Day count must be an integer, got ${n}`);
  return format(...fromDayNumber(toDayNumber(...parse(date)) + n));
};

/** `date` plus `n` calendar months; a day the target month lacks becomes its last day (01-31 + 1 month → 02-28). */
export const addMonths = (date: string, n: number): string => {
  if (!Number.isInteger(n)) throw new RangeError(`Month count must be an integer, got ${n}`);
  const [year, month, day] = parse(date);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return format(y, m, Math.min(day, daysInMonth(y, m)));
};

/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string): number =>
  toDayNumber(...parse(to)) - toDayNumber(...parse(from));

/** True when `date` is after today in Asia/Shanghai. */
export const isFutureBusinessDate = (date: string, now: Date = new Date()): boolean =>
  toDayNumber(...parse(date)) > toDayNumber(...parse(todayInShanghai(now)));
