/**
 * Business dates (Asia/Shanghai calendar days, `YYYY-MM-DD`) as the API speaks them. Charts index days by
 * position instead of timestamps, so what a bureau officer reads never depends on the browser's time zone.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isIsoDate = (value: string | null | undefined): value is string =>
  typeof value === 'string' && ISO_DATE.test(value) && toUtc(value).toISOString().slice(0, 10) === value;

const toUtc = (date: string): Date => new Date(`${date}T00:00:00Z`);

export const addDays = (date: string, days: number): string => {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Every date from `from` to `to`, both included, oldest first (empty when from is after to). */
export const datesBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 4000; d = addDays(d, 1)) out.push(d);
  return out;
};

/** Today in Shanghai (UTC+8, no daylight saving). */
export const shanghaiToday = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The `days` days ending yesterday: the window of the daily chart (today's reading is not in yet). */
export const lastDays = (now: Date, days: number): { from: string; to: string } => {
  const to = addDays(shanghaiToday(now), -1);
  return { from: addDays(to, -(days - 1)), to };
};

/** `HH:MM` at the start of quarter-hour `index` (0 is 00:00–00:15). */
export const quarterLabel = (index: number): string => {
  const minutes = index * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

/** `HH:MM–HH:MM`, the quarter-hour `index` covers. */
export const quarterSpan = (index: number): string =>
  `${quarterLabel(index)}–${index === 95 ? '24:00' : quarterLabel(index + 1)}`;
