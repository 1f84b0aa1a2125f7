import { isBusinessDate, isFutureBusinessDate } from '#lib/validators/business-date.ts';
import { checkCreditCode } from '#lib/validators/credit-code.ts';
import { gasEventSchema, personnelDaySchema, sensorOutageSchema } from './schemas.ts';
import type { GasDay, GasEvent, PersonnelDay, SensorOutage } from './vocabulary.ts';

/**
 * The networked supervision platform's daily files, row by row (CSV or JSON, read like the grid company's power file;
 * the bulk import path is lib/power/imports). A bad row is reported by its number, the field and why; the good rows
 * are grouped into one feed per mine and day before they go through the queue, so a mine-day is never split
 * between chunks.
 *
 * - personnel: `creditCode,date,night,morning,afternoon,peak`, one row per mine and day;
 * - gas: `creditCode,date,kind,sensorId,location,peakPercent,startedAt,minutes,powerCut,hoursOffline`, one row per
 *   gas over-limit event (`kind` event: sensorId, location, peakPercent, startedAt, minutes, powerCut) or sensor
 *   outage (`kind` outage: sensorId, location, hoursOffline). A mine-day with no row is NOT a day without events: the
 *   file says so with one row of `kind` none (no other field), which records the day as reported with no event and
 *   no outage. A none row beside event or outage rows of the same mine-day contradicts them and is rejected.
 */
export const FEED_IMPORT_KINDS = ['personnel', 'gas'] as const;
export type FeedImportKind = (typeof FEED_IMPORT_KINDS)[number];

export const CSV_COLUMNS: Record<FeedImportKind, readonly string[]> = {
  personnel: ['creditCode', 'date', 'night', 'morning', 'afternoon', 'peak'],
  gas: ['creditCode', 'date', 'kind'],
};

export interface FeedRowRejection {
  readonly row: number;
  readonly field: string;
  readonly reason: string;
}

/** One checked row: its mine-day, and what it adds to the day's feed. */
export interface FeedImportRow {
  readonly row: number;
  readonly creditCode: string;
  readonly date: string;
  readonly personnel?: PersonnelDay;
  readonly event?: GasEvent;
  readonly outage?: SensorOutage;
  /** A gas row saying the day had no event and no outage. */
  readonly none?: true;
}

/** One mine-day of a feed, with the rows it came from (for their rejection, if the mine-day is). */
export interface FeedDayRow {
  readonly rows: number[];
  readonly creditCode: string;
  readonly date: string;
  readonly value: PersonnelDay | GasDay;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
const num = (v: unknown) => (typeof v === 'number' ? v : text(v) === '' ? Number.NaN : Number(text(v)));

/** The first problem zod finds, as a rejection naming the field. */
function firstIssue(row: number, error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) {
  const issue = error.issues[0]!;
  const field = String(issue.path.filter((p) => typeof p === 'string').at(-1) ?? 'row');
  return { row, field, reason: `${field}：${issue.message}` };
}

export function checkFeedRow(
  kind: FeedImportKind,
  row: number,
  raw: Record<string, unknown>,
  now: Date,
): FeedImportRow | FeedRowRejection {
  const creditCode = text(raw.creditCode).toUpperCase();
  if (!creditCode) return { row, field: 'creditCode', reason: '须有统一社会信用代码' };
  if (!checkCreditCode(creditCode).wellFormed)
    return { row, field: 'creditCode', reason: `统一社会信用代码格式不正确：${creditCode}` };
  const date = text(raw.date);
  if (!isBusinessDate(date))
    return { row, field: 'date', reason: `日期须为真实日历日 YYYY-MM-DD：${date || '（空）'}` };
  if (isFutureBusinessDate(date, now)) return { row, field: 'date', reason: `日期 ${date} 尚未到来` };
  const at = { row, creditCode, date };

  if (kind === 'personnel') {
    const parsed = personnelDaySchema.safeParse({
      shifts: { night: num(raw.night), morning: num(raw.morning), afternoon: num(raw.afternoon) },
      peak: num(raw.peak),
    });
    if (!parsed.success) return firstIssue(row, parsed.error);
    return { ...at, personnel: parsed.data };
  }
  const rowKind = text(raw.kind);
  if (rowKind === 'none') return { ...at, none: true };
  if (rowKind === 'event') {
    const cut = text(raw.powerCut).toLowerCase();
    const powerCut =
      typeof raw.powerCut === 'boolean'
        ? raw.powerCut
        : ['true', '1', '是'].includes(cut)
          ? true
          : ['false', '0', '否'].includes(cut)
            ? false
            : undefined;
    if (powerCut === undefined)
      return { row, field: 'powerCut', reason: `powerCut 须为 true 或 false：${text(raw.powerCut) || '（空）'}` };
    const parsed = gasEventSchema.safeParse({
      sensorId: text(raw.sensorId),
      location: text(raw.location),
      peakPercent: num(raw.peakPercent),
      startedAt: text(raw.startedAt),
      minutes: num(raw.minutes),
      powerCut,
    });
    if (!parsed.success) return firstIssue(row, parsed.error);
    return { ...at, event: parsed.data };
  }
  if (rowKind === 'outage') {
    const parsed = sensorOutageSchema.safeParse({
      sensorId: text(raw.sensorId),
      location: text(raw.location),
      hoursOffline: num(raw.hoursOffline),
    });
    if (!parsed.success) return firstIssue(row, parsed.error);
    return { ...at, outage: parsed.data };
  }
  return { row, field: 'kind', reason: `kind 须为 event、outage 或 none：${rowKind || '（空）'}` };
}

/**
 * The checked rows as one feed per mine and day. Two personnel rows for one mine-day, or a gas `none` row beside
 * events of the same mine-day, are rejected (every row of the mine-day after the first conflicting one).
 */
export function groupFeedRows(
  kind: FeedImportKind,
  rows: readonly FeedImportRow[],
): { days: FeedDayRow[]; rejected: FeedRowRejection[] } {
  const rejected: FeedRowRejection[] = [];
  const byDay = new Map<string, FeedImportRow[]>();
  for (const r of rows) {
    const key = `${r.creditCode}|${r.date}`;
    byDay.set(key, [...(byDay.get(key) ?? []), r]);
  }
  const days: FeedDayRow[] = [];
  for (const list of byDay.values()) {
    const first = list[0]!;
    if (kind === 'personnel') {
      for (const dup of list.slice(1))
        rejected.push({ row: dup.row, field: 'date', reason: `第 ${first.row} 行已有该矿 ${dup.date} 的人数` });
      days.push({ rows: [first.row], creditCode: first.creditCode, date: first.date, value: first.personnel! });
      continue;
    }
    const nones = list.filter((r) => r.none);
    const entries = list.filter((r) => !r.none);
    if (nones.length && entries.length) {
      for (const r of nones)
        rejected.push({ row: r.row, field: 'kind', reason: `该矿 ${r.date} 另有报警或断线行，不能同时报无` });
    } else if (nones.length > 1) {
      for (const r of nones.slice(1))
        rejected.push({ row: r.row, field: 'kind', reason: `第 ${nones[0]!.row} 行已报该日无报警` });
    }
    const kept = entries.length ? entries : nones.slice(0, 1);
    days.push({
      rows: kept.map((r) => r.row),
      creditCode: first.creditCode,
      date: first.date,
      value: {
        events: entries.flatMap((r) => (r.event ? [r.event] : [])),
        outages: entries.flatMap((r) => (r.outage ? [r.outage] : [])),
      },
    });
  }
  return { days, rejected };
}
