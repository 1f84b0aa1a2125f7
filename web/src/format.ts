/**
 * Dates and numbers as a bureau reads them. Business dates are Asia/Shanghai calendar days (YYYY-MM-DD) whatever
 * the browser's zone; timestamps arrive as UTC ISO strings and are shown in Shanghai time.
 */
const shanghaiDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const shanghaiTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export const isIsoDate = (value: unknown): value is string => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

/** Today's business date in Shanghai. */
export const todayShanghai = (now: Date = new Date()): string => shanghaiDay.format(now);

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A UTC timestamp as Shanghai date and time: `2026-11-30 22:40`. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${shanghaiDay.format(d)} ${shanghaiTime.format(d)}`;
}

const grouped = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
/** A number with thousands separators and at most one decimal; empty for none. */
export const num = (value: number | null | undefined): string =>
  typeof value === 'number' && Number.isFinite(value) ? grouped.format(value) : '';

/** How far a due date is from today, in words: `还有 5 天`, `今天到期`, `已逾期 3 天`. */
export function dueIn(days: number): string {
  if (days === 0) return '今天到期';
  return days > 0 ? `还有 ${days} 天` : `已逾期 ${-days} 天`;
}

/** A jurisdiction path for the top bar: `hlj/hegang/dongshan` → `hlj / hegang / dongshan`. */
export const jurisdictionText = (path: string | undefined): string => (path ? path.split('/').join(' / ') : '');

/** Credit points with their sign: +3, −10. */
export const formatPoints = (points: number): string => (points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '0');

export const formatTonnes = (t: number): string => `${new Intl.NumberFormat('zh-CN').format(t)} 吨/年`;

export const formatYuan = (yuan: number | undefined): string =>
  yuan === undefined ? '' : `${new Intl.NumberFormat('zh-CN').format(yuan)} 元`;

/** The first ten characters of an ISO timestamp or date: the day. */
export const dayOf = (at: string | null | undefined): string => (at ? at.slice(0, 10) : '—');
